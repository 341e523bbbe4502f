"""The command line end to end over the example corpus, and its documentation."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT

from spyglass.cli import build_parser, main
from spyglass.settings import ENVIRONMENT

COMMANDS = ["ingest", "extract", "claims", "cases", "case", "entity", "conflicts", "judge", "docs", "show", "search", "eval", "kb", "check-approach", "export", "screen", "serve", "batch", "load"]


def spyglass(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "spyglass.cli", "--db", str(db), *args], capture_output=True, text=True, timeout=300
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    assert len(capsys.readouterr().out) > 100


def test_commands_and_settings_are_documented() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    registered = set(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    assert registered == set(COMMANDS)
    for command in registered:
        assert f"spyglass {command}" in readme, f"README does not document `spyglass {command}`"
    for name in ENVIRONMENT:
        assert name in readme, f"README does not document {name}"


def test_ingest_docs_show_search(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    result = spyglass("ingest", str(EXAMPLES), db=db)
    assert result.returncode == 0, result.stderr
    assert "ingested 7, already present 0, rejected 0" in result.stdout
    again = spyglass("ingest", str(EXAMPLES), "--format", "json", db=db)
    assert json.loads(again.stdout)["already_present"] == 7
    docs = json.loads(spyglass("docs", "--format", "json", db=db).stdout)
    assert len(docs) == 7
    for doc in docs:
        assert set(doc) >= {"id", "path", "url", "title", "author", "publisher", "published", "language", "segments"}
    herald = next(d for d in docs if d["publisher"] == "North Sea Herald")
    assert herald["author"] == "Ingrid Vermeulen" and herald["published"] == "2025-03-14"
    shown = spyglass("show", herald["id"][:10], db=db).stdout
    assert "--- body" in shown and "--- pull_quote" in shown and "Vlissingen" in shown
    found = spyglass("search", "frigate AND GRU", db=db)
    assert herald["id"][:12] in found.stdout and "[frigate]" in found.stdout
    bad = spyglass("search", '"unclosed', db=db)
    assert bad.returncode == 1 and bad.stderr.startswith("error: cannot read the search query")
    assert "Traceback" not in bad.stderr


def test_missing_store_says_what_to_do(tmp_path: Path) -> None:
    result = spyglass("docs", db=tmp_path / "none.db")
    assert result.returncode == 1
    assert re.search(r"no store at .*none\.db; run `spyglass ingest PATH` first", result.stderr)


def test_stdin_ingest(tmp_path: Path) -> None:
    text = (EXAMPLES / "rhine-ledger-scholar-front.txt").read_text("utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "spyglass.cli", "--db", str(tmp_path / "in.db"), "ingest", "-"],
        input=text, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0 and "ingested 1" in result.stdout
