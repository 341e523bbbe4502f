"""Shared test fixtures: where ../shared lives, and a fresh store per test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SPYGLASS_SHARED", ROOT.parent / "shared"))
EXAMPLES = ROOT / "examples" / "corpus"


def shared_path(*parts: str) -> Path:
    """A path in ../shared, or skip the test with a message saying what is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: these tests read ../shared in place (set SPYGLASS_SHARED)")
    return path


@pytest.fixture
def store(tmp_path: Path):
    from spyglass.store import Store

    with Store(tmp_path / "test.db") as opened:
        yield opened


@pytest.fixture(scope="session")
def devset_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The devset ingested and extracted once a session (the serve tests crawl and time it)."""
    from spyglass.ingest.run import ingest
    from spyglass.run.local import extract_pending
    from spyglass.store import Store

    docs = shared_path("devset", "docs")
    db = tmp_path_factory.mktemp("devset") / "devset.db"
    with Store(db) as store:
        ingest([str(docs)], store, 5_000_000)
        extract_pending(store)
    return db
