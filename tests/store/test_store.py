"""The SQLite store: migrations, WAL, full-text search with snippets, clear query errors."""

import sqlite3
from pathlib import Path

import pytest

from spyglass.errors import NotFound, QueryError, StoreError
from spyglass.model import Document, Segment, content_hash
from spyglass.store import Store
from spyglass.store.migrations import MIGRATIONS


def make_doc(text: str, title: str = "A title") -> Document:
    return Document(content_hash(text), text, [Segment("body", 0, len(text))], title=title, published="2025-01-02")


def test_fresh_store_is_wal_and_migrated(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.schema_version == MIGRATIONS[-1][0]
    with Store(tmp_path / "s.db") as again:  # migrating twice applies nothing new
        versions = [r[0] for r in again.conn.execute("SELECT version FROM schema_migrations")]
        assert versions == [m[0] for m in MIGRATIONS]


def test_not_a_store_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("these are my notes, not a database " * 100)
    with pytest.raises(StoreError, match="not a spyglass store"):
        Store(bad)


def test_search_ranks_and_highlights(store: Store) -> None:
    store.add_document(make_doc("The Zhejiang bureau recruited an engineer at a conference in Hangzhou."), "a")
    store.add_document(make_doc("A ferry timetable changed for spring; nothing about espionage here."), "b")
    hits = store.search("Zhejiang AND engineer")
    assert len(hits) == 1 and "[Zhejiang]" in hits[0].snippet and "[engineer]" in hits[0].snippet
    assert store.search("espionage")[0].doc_id == content_hash("A ferry timetable changed for spring; nothing about espionage here.")
    assert store.search("nothing_matches_this") == []


def test_chinese_substring_search(store: Store) -> None:
    text = "国家安全部称，江苏省国家安全厅破获一起间谍案，涉案人员已被依法采取刑事强制措施。"
    store.add_document(make_doc(text), "zh")
    hits = store.search("国家安全厅")
    assert len(hits) == 1 and "[国家安全厅]" in hits[0].snippet


@pytest.mark.parametrize("query", ['"unclosed phrase', "AND (", "(", "NEAR("])
def test_malformed_query_is_a_clear_error(store: Store, query: str) -> None:
    store.add_document(make_doc("Some text about an arrest in Gdynia port for several reasons."), "a")
    with pytest.raises(QueryError, match="cannot read the search query"):
        store.search(query)


def test_document_lookup_by_prefix_and_path(store: Store) -> None:
    doc = make_doc("Text of a report on a consulate official expelled for spying on students.")
    store.add_document(doc, "/data/scrapes/report-7.txt")
    assert store.get_document(doc.doc_id[:8]).doc_id == doc.doc_id
    assert store.get_document("report-7.txt").text == doc.text
    assert store.get_document("report-7").segments == doc.segments
    with pytest.raises(NotFound):
        store.get_document("zzz")


def test_failed_write_rolls_back(store: Store) -> None:
    doc = make_doc("Text of a report that will fail half-way through being written.")
    broken = Document(doc.doc_id, doc.text, [Segment("body", 0, 10), Segment("body", 0, 10)], title="x")
    store.conn.execute("CREATE UNIQUE INDEX seg_unique ON segments(doc_id, start)")
    with pytest.raises(sqlite3.IntegrityError):
        store.add_document(broken, "a")
    assert store.count() == 0 and store.count("segments") == 0
