"""A batch of good and bad inputs: every bad one is rejected with its reason, every good one is stored."""

import gzip
import json
import random
import shutil
from pathlib import Path

from conftest import EXAMPLES

from spyglass.ingest import run as ingest_run
from spyglass.ingest.run import ingest
from spyglass.store import Store

ARTICLE = (
    "Investigators said the suspect met an intelligence officer from a foreign embassy at least four times "
    "and handed over copies of internal procurement plans in exchange for cash payments.\n\n"
    "The suspect, a 51-year-old procurement clerk, was arrested last week and remains in custody. "
    "His lawyer declined to comment on the allegations against his client.\n"
)


def write_bad_inputs(folder: Path) -> dict[str, str]:
    """Bad inputs (file name -> the reason it must be rejected with)."""
    random.seed(7)
    files = {
        "empty.txt": (b"", "empty"),
        "blank.txt": (b"  \n\n\t  \n", "empty"),
        "picture.html": (b"\x89PNG\r\n\x1a\n" + bytes(200), "binary"),
        "nul.txt": (b"some text\x00\x00\x01\x02 more" * 50, "binary"),
        "archive.txt": (gzip.compress(ARTICLE.encode()), "binary"),
        "report.pdf": (b"%PDF-1.7 ...", "unsupported_format"),
        "huge.txt": (ARTICLE.encode() * 400, "too_large"),
        "garbage.txt": (bytes(random.randrange(0x80, 0x100) for _ in range(3000)), "undecodable"),
        "chrome-only.html": (
            b"<html><body><nav>Home | News | Sport</nav><footer>(c) 2025 Example</footer></body></html>",
            "no_article",
        ),
        "too-short.txt": (b"Spy arrested.", "no_article"),
    }
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data)
    return {name: reason for name, (_, reason) in files.items()}


def test_bad_inputs_are_rejected_and_good_ones_stored(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    expected = write_bad_inputs(folder)
    (folder / "good.txt").write_text(ARTICLE.replace("four times", "five times"), encoding="utf-8")
    feed = [
        json.dumps({"url": "https://example.org/a", "title": "Clerk held", "published": "2025-01-02", "text": ARTICLE}),
        "{not json at all",
        json.dumps({"url": "https://example.org/b", "title": "No body here"}),
        json.dumps(["a", "list"]),
        json.dumps({"title": "Second story", "text": ARTICLE.replace("51-year-old", "44-year-old")}),
    ]
    (folder / "feed.jsonl").write_text("\n".join(feed) + "\n", encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        summary = ingest([str(folder), str(tmp_path / "missing.txt")], store, max_bytes=50_000)
        got = {Path(r.source.split(":")[0]).name + (":" + r.source.split(":")[1] if ":" in r.source else ""): r.reason
               for r in summary.rejected}
        for name, reason in expected.items():
            assert got.pop(name) == reason, name
        assert got.pop("feed.jsonl:2") == "malformed_json"
        assert got.pop("feed.jsonl:3") == "missing_field"
        assert got.pop("feed.jsonl:4") == "malformed_json"
        assert got.pop("missing.txt") == "not_found"
        assert got == {}
        assert all(r.detail for r in summary.rejected)
        assert len(summary.ingested) == 3 and store.count() == 3
        titles = {d.title for d in store.documents()}
        assert {"Clerk held", "Second story"} <= titles


def test_same_content_is_stored_once(tmp_path: Path) -> None:
    folder = tmp_path / "copies"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b.txt").write_bytes(ARTICLE.encode("utf-16"))  # same text, other encoding
    with Store(tmp_path / "s.db") as store:
        first = ingest([str(folder)], store, max_bytes=50_000)
        again = ingest([str(folder)], store, max_bytes=50_000)
        assert (len(first.ingested), len(first.present)) == (1, 1)
        assert (len(again.ingested), len(again.present)) == (0, 2)
        assert store.count() == 1 and store.count("sources") == 2


def test_killed_ingest_leaves_a_consistent_store_that_a_rerun_completes(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, folder)
    real_add = Store.add_document
    calls = {"n": 0}

    def dies_on_third(self: Store, doc, source):  # the process is killed while writing the third document
        calls["n"] += 1
        if calls["n"] == 3:
            self.conn.execute("BEGIN IMMEDIATE")
            self.conn.execute("INSERT INTO documents (doc_id, format, text, ingested_at) VALUES ('half', 'txt', 'x', 'now')")
            raise KeyboardInterrupt
        return real_add(self, doc, source)

    db = tmp_path / "s.db"
    monkeypatch.setattr(Store, "add_document", dies_on_third)
    try:
        with Store(db) as store:
            ingest([str(folder)], store, max_bytes=5_000_000)
    except KeyboardInterrupt:
        pass
    monkeypatch.setattr(Store, "add_document", real_add)
    with Store(db) as store:
        assert store.count() == 2  # the half-written document was never committed
        assert not store.has_document("half")
        summary = ingest([str(folder)], store, max_bytes=5_000_000)
        assert (len(summary.ingested), len(summary.present)) == (5, 2)
        assert store.count() == 7
        orphans = store.conn.execute(
            "SELECT count(*) FROM segments WHERE doc_id NOT IN (SELECT doc_id FROM documents)"
        ).fetchone()[0]
        assert orphans == 0
    assert ingest_run  # the module under test


def test_example_corpus_metadata(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        summary = ingest([str(EXAMPLES)], store, max_bytes=5_000_000)
        assert not summary.rejected
        docs = {d.publisher: d for d in store.documents()}
    assert docs["The Rhine Ledger"].author == "Tobias Renner"
    assert docs["The Rhine Ledger"].published == "2024-10-09"
    assert any(s.kind == "duplicate" for s in docs["The Rhine Ledger"].segments)
    assert docs["North Sea Herald"].published == "2025-03-14"
    assert docs["国安简报"].language == "zh" and docs["国安简报"].published == "2025-05-20"
    assert docs["Baltic Courier"].url.startswith("https://baltic-courier")
    assert docs["Zeeland Courier"].author == "Femke Dijkstra" and docs["Zeeland Courier"].published == "2025-11-21"
    assert docs["ViralDaily24"].author is None and docs["ViralDaily24"].published == "2025-11-22"


def test_a_document_the_extractors_fail_on_does_not_stop_the_batch(tmp_path: Path, monkeypatch) -> None:
    from spyglass.extract import claims as claims_module
    from spyglass.run.local import extract_pending

    real = claims_module.claims_for

    def fails_on_one(doc, segments, mentions):
        if "Gdynia" in doc.text or "Vlissingen" in doc.text:
            raise RuntimeError("an extractor bug")
        return real(doc, segments, mentions)

    monkeypatch.setattr(claims_module, "claims_for", fails_on_one)
    with Store(tmp_path / "s.db") as store:
        ingest([str(EXAMPLES)], store, max_bytes=5_000_000)
        errors: list[tuple[str, str]] = []
        done, claims = extract_pending(store, errors=errors)
        assert done == store.count() and errors and all("an extractor bug" in e for _, e in errors)
        assert claims > 0  # the other documents were extracted
        from spyglass.extract.run import EXTRACTION_VERSION
        from spyglass.store import extracted

        states = extracted.states(store, EXTRACTION_VERSION)
        failed = {d for d, s in states.items() if s["status"] == "failed"}
        assert len(failed) == len(errors) and all("an extractor bug" in str(states[d]["reason"]) for d in failed)
        assert {s["status"] for d, s in states.items() if d not in failed} == {"done"}
        assert extract_pending(store) == (0, 0)  # a failed document is not retried on its own
        monkeypatch.setattr(claims_module, "claims_for", real)
        assert extracted.retry_failed(store) == len(failed)
        assert extract_pending(store)[0] == len(failed)
        assert {s["status"] for s in extracted.states(store, EXTRACTION_VERSION).values()} == {"done"}


def test_jsonl_text_with_a_literal_backslash_u_is_ingested(tmp_path: Path) -> None:
    """A scraped page whose text holds an escaped `\\u2019` (JSON: `\\\\u2019`) is valid JSON."""
    text = ARTICLE.replace("His lawyer", "The clerk\\u2019s lawyer")
    line = json.dumps({"url": "https://example.org/c", "title": "Clerk held", "text": text})
    assert "\\\\u2019" in line
    (tmp_path / "feed.jsonl").write_text(line + "\n", encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        summary = ingest([str(tmp_path / "feed.jsonl")], store, max_bytes=50_000)
        assert summary.rejected == []
        (doc,) = store.documents()
        assert "The clerk’s lawyer" in doc.text
