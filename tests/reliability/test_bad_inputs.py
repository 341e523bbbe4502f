"""One batch of every bad-input kind through the real CLI: each is stored or rejected with its reason,
no traceback, and every good document of the batch is stored and extracted."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

import corpus


def run_batch(tmp: Path) -> tuple[list[corpus.Kind], dict[str, object], list[dict[str, object]], str]:
    kinds, arguments = corpus.write(tmp / "inputs")
    db = tmp / "batch.db"
    cli = [sys.executable, "-m", "spyglass.cli", "--db", str(db)]
    ingest = subprocess.run([*cli, "ingest", "--max-bytes", "2000000", "--format", "json", *arguments],
                            capture_output=True, text=True, timeout=900, cwd=ROOT)
    docs = subprocess.run([*cli, "docs", "--format", "json"], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert docs.returncode == 0, docs.stderr
    return kinds, json.loads(ingest.stdout), json.loads(docs.stdout), ingest.stderr


def outcomes(kinds: list[corpus.Kind], summary: dict[str, object], docs: list[dict[str, object]]) -> dict[str, str]:
    """What became of each kind's inputs: source -> "stored" or the rejection reason."""
    got: dict[str, str] = {}
    for rejection in summary["rejections"]:  # type: ignore[attr-defined]
        got[rejection["source"]] = rejection["reason"]
    for doc in docs:
        got[str(doc["path"])] = corpus.STORED
    return got


def test_every_bad_input_kind_is_handled_and_good_documents_are_extracted(tmp_path: Path) -> None:
    kinds, summary, docs, stderr = run_batch(tmp_path)
    assert len(kinds) >= 40
    assert "Traceback" not in stderr, stderr[-3000:]
    got = outcomes(kinds, summary, docs)
    for n, kind in enumerate(kinds):
        mine = {source: outcome for source, outcome in got.items() if corpus.kind_of(source, kinds) == n}
        if kind.lines:
            by_line = {int(source.rsplit(":", 1)[1]): outcome for source, outcome in mine.items()}
            assert by_line == kind.lines, kind.name
        else:
            assert list(mine.values()) == [kind.expect], (kind.name, mine)
        for doc in docs:
            if corpus.kind_of(str(doc["path"]), kinds) == n:
                assert kind.title is None or doc["title"] == kind.title, (kind.name, doc["title"])
                assert kind.published == "?" or doc["published"] == kind.published, (kind.name, doc["published"])
    states = {d["id"]: d["extraction"]["status"] for d in docs}  # type: ignore[index]
    assert set(states.values()) == {"done"}, {k: v for k, v in states.items() if v != "done"}
    assert all(r["detail"] for r in summary["rejections"])  # type: ignore[attr-defined]
