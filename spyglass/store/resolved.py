"""Store reads and writes of the resolution layer: blocking keys, blocks, cases and their entities.

Rows only: what is resolved, and how, is decided in `resolve/` and `run/resolution.py`. The
tables are created on first use, so that a store written before this layer existed gains it the
first time a reader asks for cases.
"""

from __future__ import annotations

import json
from typing import Any, Callable, Iterable

from spyglass.model import Case, CaseEvent, FuzzyDate
from spyglass.store.db import Store

SCHEMA = """
CREATE TABLE IF NOT EXISTS resolution_keys (
    doc_id TEXT NOT NULL,
    kind   TEXT NOT NULL,
    key    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS resolution_keys_doc ON resolution_keys(doc_id);
CREATE TABLE IF NOT EXISTS resolution_blocks (
    doc_id   TEXT PRIMARY KEY,
    block_id TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS resolution_blocks_block ON resolution_blocks(block_id);
CREATE TABLE IF NOT EXISTS resolved_cases (
    case_id   TEXT NOT NULL,
    block_id  TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    name      TEXT NOT NULL,
    kind      TEXT NOT NULL,
    documents INTEGER NOT NULL,
    record    TEXT NOT NULL,
    data      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS resolved_cases_block ON resolved_cases(block_id);
CREATE INDEX IF NOT EXISTS resolved_cases_id ON resolved_cases(case_id);
CREATE TABLE IF NOT EXISTS entity_aliases (
    entity_id TEXT NOT NULL,
    block_id  TEXT NOT NULL,
    alias     TEXT NOT NULL,
    doc_id    TEXT
);
CREATE INDEX IF NOT EXISTS entity_aliases_entity ON entity_aliases(entity_id);
CREATE INDEX IF NOT EXISTS entity_aliases_alias ON entity_aliases(alias COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS entity_aliases_block ON entity_aliases(block_id);
CREATE TABLE IF NOT EXISTS resolution_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

# What the cases are built from: a change to any of these makes the resolution stale.
FINGERPRINT = """
SELECT (SELECT count(*) FROM documents), (SELECT coalesce(max(rowid), 0) FROM documents),
       (SELECT count(*) FROM claims), (SELECT count(*) FROM mentions),
       (SELECT coalesce(max(rowid), 0) FROM extraction_runs), (SELECT count(*) FROM extraction_runs),
       (SELECT coalesce(max(judgement_id), 0) FROM judgements), (SELECT count(*) FROM judgements)
"""


def ensure(store: Store) -> None:
    store.conn.executescript(SCHEMA)


def fingerprint(store: Store) -> str:
    return json.dumps(list(store.conn.execute(FINGERPRINT).fetchone()))


def state(store: Store, key: str) -> str | None:
    row = store.conn.execute("SELECT value FROM resolution_state WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def changed_documents(store: Store, since: dict[str, int]) -> set[str]:
    """Documents stored or (re-)extracted after the marks in `since` (highest row ids seen)."""
    found = {r[0] for r in store.conn.execute("SELECT doc_id FROM documents WHERE rowid > ?", (since["documents"],))}
    found |= {r[0] for r in store.conn.execute("SELECT doc_id FROM extraction_runs WHERE rowid > ?",
                                               (since["extraction_runs"],))}
    return found


def marks(store: Store) -> dict[str, int]:
    row = store.conn.execute("SELECT (SELECT coalesce(max(rowid), 0) FROM documents), "
                             "(SELECT coalesce(max(rowid), 0) FROM extraction_runs)").fetchone()
    return {"documents": int(row[0]), "extraction_runs": int(row[1])}


def keys(store: Store, doc_ids: Iterable[str] | None = None) -> dict[str, list[tuple[str, str]]]:
    """Document -> its (kind, key) rows: all documents', or those of `doc_ids`."""
    out: dict[str, list[tuple[str, str]]] = {}
    if doc_ids is None:
        rows: Iterable[Any] = store.conn.execute("SELECT doc_id, kind, key FROM resolution_keys")
    else:
        rows = (r for chunk in _chunks(list(doc_ids)) for r in store.conn.execute(
            f"SELECT doc_id, kind, key FROM resolution_keys WHERE doc_id IN ({','.join('?' * len(chunk))})", chunk))
    for doc_id, kind, key in rows:
        out.setdefault(doc_id, []).append((kind, key))
    return out


def blocks(store: Store) -> dict[str, str]:
    """Document -> the block it was last resolved in."""
    return {r[0]: r[1] for r in store.conn.execute("SELECT doc_id, block_id FROM resolution_blocks")}


def save(store: Store, doc_keys: dict[str, list[tuple[str, str]]], assignment: dict[str, str],
         stale_blocks: set[str], cases: dict[str, list[tuple[Case, dict[str, Any]]]], state: dict[str, str],
         everything: bool = False, then: Callable[[], None] | None = None) -> None:
    """Write one resolution step in one transaction: the keys of the documents it read, every
    document's block, and the cases of the blocks it rebuilt (replacing `stale_blocks`' cases);
    `then` writes what follows from the new cases (the entity layer) in the same transaction."""
    conn = store.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        if everything:
            for table in ("resolution_keys", "resolution_blocks", "resolved_cases", "entity_aliases"):
                conn.execute(f"DELETE FROM {table}")
        for chunk in _chunks(list(doc_keys)):
            conn.execute(f"DELETE FROM resolution_keys WHERE doc_id IN ({','.join('?' * len(chunk))})", chunk)
        conn.executemany("INSERT INTO resolution_keys VALUES (?, ?, ?)",
                         [(d, kind, key) for d, rows in doc_keys.items() for kind, key in rows])
        conn.executemany("INSERT OR REPLACE INTO resolution_blocks VALUES (?, ?)", sorted(assignment.items()))
        for chunk in _chunks(sorted(stale_blocks)):
            marks_ = ",".join("?" * len(chunk))
            conn.execute(f"DELETE FROM resolved_cases WHERE block_id IN ({marks_})", chunk)
            conn.execute(f"DELETE FROM entity_aliases WHERE block_id IN ({marks_})", chunk)
        for block_id, built in cases.items():
            conn.executemany("INSERT INTO resolved_cases VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [
                (case.case_id, block_id, seq, case.name, case.kind, len(case.documents),
                 json.dumps(record, ensure_ascii=False), json.dumps(case_data(case), ensure_ascii=False))
                for seq, (case, record) in enumerate(built)])
            conn.executemany("INSERT INTO entity_aliases VALUES (?, ?, ?, ?)", [
                (case.case_id, block_id, alias, None) for case, _ in built for alias in sorted({case.name, *case.aliases})])
        if then is not None:
            then()
        conn.executemany("INSERT OR REPLACE INTO resolution_state VALUES (?, ?)", sorted(state.items()))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def save_state(store: Store, values: dict[str, str]) -> None:
    with store.conn:
        store.conn.executemany("INSERT OR REPLACE INTO resolution_state VALUES (?, ?)", sorted(values.items()))


def case_names_of_blocks(store: Store, block_ids: Iterable[str]) -> set[str]:
    """Every name of the cases resolved in these blocks."""
    out: set[str] = set()
    for chunk in _chunks(sorted(set(block_ids))):
        out |= {r[0] for r in store.conn.execute(
            f"SELECT alias FROM entity_aliases WHERE block_id IN ({','.join('?' * len(chunk))})", chunk)}
    return out


def cases(store: Store) -> list[tuple[Case, dict[str, Any], str]]:
    """Every resolved case with its record and block, in the order `spyglass cases` lists them:
    most documents first, then by name (one name is never in two blocks)."""
    rows = store.conn.execute("SELECT block_id, record, data FROM resolved_cases").fetchall()
    out = [(case_from_data(json.loads(r[2])), json.loads(r[1]), str(r[0])) for r in rows]
    return sorted(out, key=lambda item: (-len(item[0].documents), item[0].name))


def records(store: Store) -> list[dict[str, Any]]:
    """The JSON record of every resolved case, in `cases()`'s order, without building the cases (a
    reader that shows records needs no second copy of every case in memory)."""
    return [json.loads(text) for text in record_texts(store)]


def record_texts(store: Store) -> list[str]:
    """The records as stored (JSON text), in `cases()`'s order."""
    rows = store.conn.execute("SELECT name, documents, record FROM resolved_cases").fetchall()
    rows.sort(key=lambda r: (-r[1], r[0]))
    return [str(r[2]) for r in rows]


def case(store: Store, case_id: str) -> Case | None:
    """The resolved case with this id (the first in `cases()`'s order), or None."""
    rows = store.conn.execute("SELECT name, documents, data FROM resolved_cases WHERE case_id = ?",
                              (case_id,)).fetchall()
    if not rows:
        return None
    return case_from_data(json.loads(min(rows, key=lambda r: (-r[1], r[0]))[2]))


def case_data(case: Case) -> dict[str, Any]:
    data = {k: v for k, v in vars(case).items() if k != "timeline"}
    data["timeline"] = [{"status": e.status, "date": [e.date.value, e.date.precision] if e.date else None,
                         "claim_ids": e.claim_ids} for e in case.timeline]
    return data


def case_from_data(data: dict[str, Any]) -> Case:
    timeline = [CaseEvent(e["status"], FuzzyDate(*e["date"]) if e["date"] else None, e["claim_ids"])
                for e in data["timeline"]]
    return Case(**{**data, "timeline": timeline})


def _chunks(items: list[Any], size: int = 500) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
