"""Store reads and writes of extraction results: mentions, claims, and which documents are done."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Callable

from spyglass.model import Claim, Document, FuzzyDate, Mention
from spyglass.store.db import Store


def pending(store: Store, version: str) -> list[Document]:
    """Documents never extracted, or extracted by an older version of the extractors."""
    done = {r[0] for r in store.conn.execute("SELECT doc_id FROM extraction_runs WHERE version = ?", (version,))}
    return [doc for doc in store.documents() if doc.doc_id not in done]


def save(store: Store, doc_id: str, mentions: list[Any], claims: list[Claim], version: str) -> None:
    """Replace a document's mentions and claims in one transaction."""
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    conn = store.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
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
        conn.execute("INSERT OR REPLACE INTO extraction_runs VALUES (?, ?, ?)", (doc_id, version, now))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
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
