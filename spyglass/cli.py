"""The command line: parses options, calls the library, turns its errors into readable messages."""

from __future__ import annotations

import argparse
import sys

from spyglass import __version__
from spyglass.commands import register_all
from spyglass.errors import SpyglassError
from spyglass.settings import ENVIRONMENT, Settings


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    settings = Settings.from_env(db=args.db, max_bytes=getattr(args, "max_bytes", None))
    try:
        return int(args.handler(args, settings))
    except SpyglassError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader (head, less) stopped reading: not an error
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("interrupted: what was stored so far is kept; run the command again to finish", file=sys.stderr)
        return 130


def build_parser() -> argparse.ArgumentParser:
    env_help = "\n".join(f"  {name}: {text}" for name, text in ENVIRONMENT.items())
    parser = argparse.ArgumentParser(
        prog="spyglass",
        description="Build a sourced knowledge graph of state espionage from news reporting.",
        epilog=f"environment variables:\n{env_help}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"spyglass {__version__}")
    parser.add_argument("--db", help="path of the SQLite store (default: $SPYGLASS_DB or ./spyglass.db)")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    register_all(commands)
    return parser


if __name__ == "__main__":
    sys.exit(main())
