"""Store reads and writes of extraction results: mentions, claims, and each document's extraction state."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any, Callable, Iterator

from spyglass.model import Claim, Document, FuzzyDate, Mention
from spyglass.store.db import Store


def pending_ids(store: Store, version: str) -> list[str]:
    """Documents never extracted, or extracted by an older version of the extractors, oldest
    publication first. A document that failed under `version` is not pending (`retry_failed` runs it again)."""
    rows = store.conn.execute(
        "SELECT d.doc_id FROM documents d LEFT JOIN extraction_runs r ON r.doc_id = d.doc_id AND r.version = ? "
        "WHERE r.doc_id IS NULL ORDER BY d.published IS NULL, d.published, d.doc_id", (version,))
    return [r[0] for r in rows]


def pending(store: Store, version: str) -> list[Document]:
    """The pending documents themselves (see `pending_ids`)."""
    return [store.get_document(doc_id) for doc_id in pending_ids(store, version)]


def retry_failed(store: Store) -> int:
    """Make every failed document pending again; returns how many."""
    with _transaction(store):
        return store.conn.execute("DELETE FROM extraction_runs WHERE status = 'failed'").rowcount


def failed(store: Store) -> dict[str, str]:
    """Documents whose extraction failed, with the reason."""
    rows = store.conn.execute("SELECT doc_id, reason FROM extraction_runs WHERE status = 'failed' ORDER BY doc_id")
    return {r[0]: r[1] or "unknown" for r in rows}


def states(store: Store, version: str) -> dict[str, dict[str, str | None]]:
    """Each document's extraction state: pending, done (with the version) or failed (with the reason)."""
    runs = {r[0]: (r[1], r[2], r[3]) for r in store.conn.execute(
        "SELECT doc_id, version, status, reason FROM extraction_runs")}
    out: dict[str, dict[str, str | None]] = {}
    for (doc_id,) in store.conn.execute("SELECT doc_id FROM documents"):
        run = runs.get(doc_id)
        if run is None or (run[0] != version and run[1] == "done"):
            out[doc_id] = {"status": "pending", "version": run[0] if run else None, "reason": None}
        else:
            out[doc_id] = {"status": run[1], "version": run[0], "reason": run[2]}
    return out


def save(store: Store, doc_id: str, mentions: list[Any], claims: list[Claim], version: str) -> None:
    """Replace a document's mentions and claims in one transaction, and mark it done."""
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    conn = store.conn
    with _transaction(store):
        conn.execute("DELETE FROM mentions WHERE doc_id = ?", (doc_id,))
        conn.execute("DELETE FROM claims WHERE doc_id = ?", (doc_id,))
        conn.executemany(
            "INSERT OR IGNORE INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(m.doc_id, m.start, m.end, m.text, m.type, m.name or m.text, m.kb_id, m.source) for m in mentions],
        )
        conn.executemany(
            "INSERT OR IGNORE INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (c.claim_id, c.doc_id, c.subject, c.subject_type, c.predicate, c.object, c.object_type, c.value,
                 c.date.value if c.date else None, c.date.precision if c.date else None, c.date_phrase, c.hedge,
                 c.hedge_cue, c.start, c.end, c.extractor, c.extractor_version, c.confidence)
                for c in claims
            ],
        )
        conn.execute("INSERT OR REPLACE INTO extraction_runs (doc_id, version, extracted_at, status, reason) "
                     "VALUES (?, ?, ?, 'done', NULL)", (doc_id, version, now))


def save_failure(store: Store, doc_id: str, reason: str, version: str) -> None:
    """Mark a document failed under `version`, with the reason; it keeps no partial claims."""
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    with _transaction(store):
        store.conn.execute("DELETE FROM mentions WHERE doc_id = ?", (doc_id,))
        store.conn.execute("DELETE FROM claims WHERE doc_id = ?", (doc_id,))
        store.conn.execute("INSERT OR REPLACE INTO extraction_runs (doc_id, version, extracted_at, status, reason) "
                           "VALUES (?, ?, ?, 'failed', ?)", (doc_id, version, now, reason))


@contextmanager
def _transaction(store: Store) -> Iterator[None]:
    store.conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        store.conn.execute("COMMIT")
    except BaseException:
        store.conn.execute("ROLLBACK")
        raise


def claims(store: Store, doc_id: str | None = None, entity: str | None = None) -> list[dict[str, Any]]:
    """Stored claims with their evidence text, filtered by document and/or entity name."""
    sql = "SELECT c.*, substr(d.text, c.start + 1, c.end - c.start) AS evidence FROM claims c JOIN documents d USING (doc_id)"
    where, params = [], []
    if doc_id:
        where.append("c.doc_id = ?")
        params.append(doc_id)
    if entity:
        where.append("(c.subject = ? COLLATE NOCASE OR c.object = ? COLLATE NOCASE OR c.subject IN "
                     "(SELECT name FROM mentions WHERE text = ? COLLATE NOCASE))")
        params += [entity, entity, entity]
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY d.published, c.doc_id, c.start, c.predicate"
    return [dict(row) for row in store.conn.execute(sql, params)]


def claim_records(store: Store, doc_ids: list[str] | None = None) -> list[Claim]:
    """Every stored claim (or those of `doc_ids`) as the model's Claim, by document and position."""
    out = []
    for r in _rows(store, "SELECT rowid AS seq, * FROM claims{where} ORDER BY doc_id, start, rowid", doc_ids,
                   lambda r: (r["doc_id"], r["start"], r["seq"])):
        out.append(Claim(
            subject=r["subject"], predicate=r["predicate"], doc_id=r["doc_id"], start=r["start"], end=r["end"],
            extractor=r["extractor"], extractor_version=r["extractor_version"], object=r["object"],
            value=r["value"], subject_type=r["subject_type"], object_type=r["object_type"],
            date=FuzzyDate(r["date"], r["date_precision"]) if r["date"] else None, date_phrase=r["date_phrase"],
            hedge=r["hedge"], hedge_cue=r["hedge_cue"], confidence=r["confidence"],
        ))
    return out


def mention_records(store: Store, doc_ids: list[str] | None = None) -> list[Mention]:
    """Every stored mention (or those of `doc_ids`) in the order they were stored."""
    return [Mention(r["doc_id"], r["start"], r["end"], r["text"], r["type"], r["kb_id"], r["source"], r["name"])
            for r in _rows(store, "SELECT rowid AS seq, * FROM mentions{where} ORDER BY rowid", doc_ids,
                         lambda r: r["seq"])]


def _rows(store: Store, sql: str, doc_ids: list[str] | None, order: Callable[[Any], Any]) -> list[Any]:
    """The rows of `sql` over every document or over `doc_ids` (read in chunks), in one order."""
    if doc_ids is None:
        return store.conn.execute(sql.format(where="")).fetchall()
    wanted = sorted(set(doc_ids))
    rows = []
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        rows += store.conn.execute(sql.format(where=f" WHERE doc_id IN ({','.join('?' * len(chunk))})"), chunk).fetchall()
    return sorted(rows, key=order)
