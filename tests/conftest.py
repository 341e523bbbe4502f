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


def ingest_reports(folder: Path, items: list[dict]) -> tuple[list, list[dict]]:
    """Feed reports (JSON objects with url, text and optional title, language, published) as one
    JSON-lines file into a fresh store under `folder`: their claims and case records."""
    import json

    from spyglass.ingest.run import ingest
    from spyglass.run.cases import case_records
    from spyglass.run.local import extract_pending
    from spyglass.store import Store, extracted

    feed = folder / "feed.jsonl"
    feed.write_text("".join(json.dumps({"title": "Report", **item}, ensure_ascii=False) + "\n" for item in items),
                    encoding="utf-8")
    with Store(folder / "s.db") as store:
        ingest([str(feed)], store, max_bytes=1_000_000)
        extract_pending(store)
        return list(extracted.claim_records(store)), case_records(store)
