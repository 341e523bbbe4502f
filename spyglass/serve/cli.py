"""The `spyglass serve` command: the web app and JSON API over the store, on loopback unless told otherwise."""

from __future__ import annotations

import argparse
import os
import sys
import threading
from pathlib import Path

from spyglass.errors import InputError
from spyglass.settings import Settings

TOKEN_ENV = "SPYGLASS_TOKEN"


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `serve` to the CLI's command list."""
    cmd = commands.add_parser(
        "serve", help="serve the web pages and the JSON API over the store",
        description="Serve search, case table, case, entity, document, graph, timeline, targeting matrix, "
        "method and upload pages, and a JSON API under /api (reference at /api, OpenAPI at /openapi.json). "
        f"Listening beyond loopback needs {TOKEN_ENV} for writes (upload, judgements); without it writes are off.",
    )
    cmd.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    cmd.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    cmd.add_argument("--allowed-host", action="append", default=[], metavar="NAME",
                     help="a name clients may address the server by (the Host header), repeatable; the loopback "
                     "names are always allowed; any other Host is refused with 421 (this stops DNS rebinding)")
    cmd.add_argument("--db", dest="serve_db", metavar="DB", help="the store (default: --db / $SPYGLASS_DB / ./spyglass.db)")
    cmd.set_defaults(handler=run_serve)


def allowed_hosts(host: str, extra: list[str], loopback: bool) -> list[str]:
    """The names a request may be addressed to: the loopback names, every --allowed-host (a reverse
    proxy's name, say), and beyond loopback the address listened on unless it is a wildcard."""
    from spyglass.serve.guard import LOOPBACK_NAMES

    names = [*LOOPBACK_NAMES, *extra]
    if not loopback and host not in ("0.0.0.0", "::", "[::]", ""):
        names.append(host)
    return list(dict.fromkeys(names))


def run_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from spyglass.serve.app import create_app
    from spyglass.serve.security import is_loopback

    db = Path(args.serve_db) if args.serve_db else settings.db_path
    if not db.exists():
        raise InputError(f"no store at {db}; run `spyglass ingest PATH` first or point --db / SPYGLASS_DB at one")
    if not 0 < args.port < 65536:
        raise InputError("--port must be between 1 and 65535")
    token = os.environ.get(TOKEN_ENV) or None
    loopback = is_loopback(args.host)
    if not loopback and token is None:
        print(f"warning: listening on {args.host} without {TOKEN_ENV}: uploads and judgements are refused",
              file=sys.stderr)
    app = create_app(db, token=token, loopback=loopback, max_bytes=settings.max_bytes,
                     allowed_hosts=allowed_hosts(args.host, args.allowed_host, loopback))
    # cases take seconds to assemble on a large store: start now rather than on the first request
    threading.Thread(target=app.state.data.warm, name="spyglass-warm", daemon=True).start()
    print(f"spyglass serving {db} on http://{args.host}:{args.port}/", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
