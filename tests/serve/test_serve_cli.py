"""`spyglass serve`: its options, its defaults, and a readable refusal when there is no store."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest


def parser() -> argparse.ArgumentParser:
    from spyglass.serve.cli import register

    root = argparse.ArgumentParser(prog="spyglass")
    register(root.add_subparsers())
    return root


@pytest.mark.parametrize("argv, host, port, db", [
    (["serve"], "127.0.0.1", 8000, None),
    (["serve", "--host", "0.0.0.0", "--port", "8123", "--db", "x.db"], "0.0.0.0", 8123, "x.db"),
])
def test_serve_options(argv: list[str], host: str, port: int, db: str | None) -> None:
    args = parser().parse_args(argv)
    assert (args.host, args.port, args.serve_db) == (host, port, db)


def test_serve_refuses_a_missing_store(tmp_path: Path) -> None:
    from spyglass.errors import InputError
    from spyglass.serve.cli import run_serve
    from spyglass.settings import Settings

    args = parser().parse_args(["serve", "--db", str(tmp_path / "absent.db")])
    with pytest.raises(InputError, match="no store at"):
        run_serve(args, Settings.from_env())


@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("::1", True), ("localhost", True),
                                            ("0.0.0.0", False), ("192.168.1.5", False), ("example.org", False)])
def test_loopback(host: str, loopback: bool) -> None:
    from spyglass.serve.security import is_loopback

    assert is_loopback(host) is loopback
