"""The embedded store: SQLite in WAL mode, one transaction per document."""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from spyglass.errors import NotFound, QueryError, StoreError
from spyglass.model import Document, Segment
from spyglass.store.fts import display_form, index_form, query_form
from spyglass.store.migrations import migrate


@dataclass(frozen=True)
class SearchHit:
    doc_id: str
    title: str | None
    snippet: str
    score: float


def _set_wal(conn: sqlite3.Connection, patience: float = 30.0) -> None:
    """Write-ahead logging, so readers never wait for a writer. SQLite answers "locked" at once,
    without its busy wait, when another process is switching a new file to WAL at the same
    moment: try again until it is done (or `patience` runs out)."""
    deadline = time.monotonic() + patience
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


class Store:
    """All reads and writes of spyglass's data go through here."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        try:
            self.conn = sqlite3.connect(str(self.path), isolation_level=None, timeout=30)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the store at {self.path}: {exc}; check the path or set --db") from exc
        self.conn.row_factory = sqlite3.Row
        try:
            _set_wal(self.conn)
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.schema_version = migrate(self.conn)
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise StoreError(f"{self.path} is not a spyglass store ({exc}); choose another --db path") from exc
            raise StoreError(f"the store at {self.path} stayed locked by another process for 30 s ({exc}); "
                             "wait for it to finish and run the command again") from exc
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path} is not a spyglass store ({exc}); choose another --db path") from exc

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- documents ---------------------------------------------------------------------

    def add_document(self, doc: Document, source: str) -> bool:
        """Store `doc` unless its content is already here; True when it was new.
        The document, its segments, its index entry and its source land together or not at all."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            exists = self.conn.execute("SELECT 1 FROM documents WHERE doc_id = ?", (doc.doc_id,)).fetchone()
            if not exists:
                self._insert(doc, now)
            self.conn.execute("INSERT OR IGNORE INTO sources VALUES (?, ?, ?)", (doc.doc_id, source, now))
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        return not exists

    def _insert(self, doc: Document, now: str) -> None:
        self.conn.execute(
            "INSERT INTO documents (doc_id, format, url, title, author, publisher, published, language, text,"
            " metadata, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc.doc_id, doc.format, doc.url, doc.title, doc.author, doc.publisher, doc.published,
                doc.language, doc.text, json.dumps(doc.extra, ensure_ascii=False), now,
            ),
        )
        self.conn.executemany(
            "INSERT INTO segments VALUES (?, ?, ?, ?, ?)",
            [(doc.doc_id, i, s.kind, s.start, s.end) for i, s in enumerate(doc.segments)],
        )
        self.conn.execute(
            "INSERT INTO documents_fts (doc_id, title, body) VALUES (?, ?, ?)",
            (doc.doc_id, index_form(doc.title or ""), index_form(doc.body_text())),
        )

    def has_document(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE doc_id = ?", (doc_id,)).fetchone() is not None

    def resolve_id(self, ref: str) -> str:
        """A full document id from an id prefix, a source path, or the start of a file name."""
        queries = (
            ("SELECT doc_id FROM documents WHERE doc_id LIKE ? || '%'", (ref,)),
            ("SELECT doc_id FROM sources WHERE source = ? OR source LIKE '%/' || ?", (ref, ref)),
            ("SELECT doc_id FROM sources WHERE source LIKE '%/' || ? || '%'", (ref,)),
        )
        for sql, params in queries:
            ids = sorted({r[0] for r in self.conn.execute(sql, params)})
            if len(ids) == 1:
                return ids[0]
            if len(ids) > 1:
                raise NotFound(f"{ref!r} matches {len(ids)} documents; give more of the id or the path")
        raise NotFound(f"no document matches {ref!r}; `spyglass docs` lists what the store holds")

    def get_document(self, ref: str) -> Document:
        doc_id = self.resolve_id(ref)
        row = self.conn.execute("SELECT * FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        segments = [
            Segment(r["kind"], r["start"], r["end"])
            for r in self.conn.execute("SELECT * FROM segments WHERE doc_id = ? ORDER BY seq", (doc_id,))
        ]
        return self._document(row, segments)

    def documents(self) -> Iterator[Document]:
        """Every stored document, oldest publication first (undated last)."""
        rows = self.conn.execute(
            "SELECT * FROM documents ORDER BY published IS NULL, published, doc_id"
        ).fetchall()
        segments: dict[str, list[Segment]] = {}
        for r in self.conn.execute("SELECT * FROM segments ORDER BY doc_id, seq"):
            segments.setdefault(r["doc_id"], []).append(Segment(r["kind"], r["start"], r["end"]))
        for row in rows:
            yield self._document(row, segments.get(row["doc_id"], []))

    def _document(self, row: sqlite3.Row, segments: list[Segment]) -> Document:
        sources = [r[0] for r in self.conn.execute(
            "SELECT source FROM sources WHERE doc_id = ? ORDER BY seen_at, source", (row["doc_id"],)
        )]
        return Document(
            doc_id=row["doc_id"], text=row["text"], segments=segments,
            source_path=sources[0] if sources else None, url=row["url"], title=row["title"],
            author=row["author"], publisher=row["publisher"], published=row["published"],
            language=row["language"], format=row["format"], extra=json.loads(row["metadata"]),
        )

    def count(self, table: str = "documents") -> int:
        if table not in ("documents", "segments", "sources"):
            raise StoreError(f"unknown table {table}")
        return int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    # -- search ------------------------------------------------------------------------

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search over titles and body text, best first, with highlighted snippets."""
        if not query.strip():
            raise QueryError("the search query is empty; give words to look for")
        try:
            rows = self.conn.execute(
                "SELECT doc_id, snippet(documents_fts, 2, '[', ']', ' … ', 16) AS snip, bm25(documents_fts) AS score "
                "FROM documents_fts WHERE documents_fts MATCH ? ORDER BY score LIMIT ?",
                (query_form(query), limit),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            raise QueryError(
                f"cannot read the search query {query!r} ({exc}). Use words, \"quoted phrases\", AND, OR, NOT, "
                "prefix* and parentheses; put other punctuation inside quotes."
            ) from exc
        titles = self._titles([r["doc_id"] for r in rows])
        return [SearchHit(r["doc_id"], titles.get(r["doc_id"]), display_form(r["snip"]), -r["score"]) for r in rows]

    def _titles(self, ids: list[str]) -> dict[str, Any]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        return dict(self.conn.execute(f"SELECT doc_id, title FROM documents WHERE doc_id IN ({marks})", ids).fetchall())
