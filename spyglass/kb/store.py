"""Reads and writes of the knowledge-base tables (entries, aliases, relationships, import runs)."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any

from rapidfuzz import fuzz

from spyglass.errors import InputError
from spyglass.kb.builtin import normalise_alias
from spyglass.store import Store

ORIGINS: tuple[str, ...] = ("builtin", "stix", "misp")
# ATT&CK malware and tools: stored so `uses` relationships have both ends, though the model's
# entity types (what documents mention) have no software type.
SOFTWARE = "software"
STATUSES: tuple[str, ...] = ("active", "deprecated", "revoked")


@dataclass(frozen=True)
class Entry:
    """One knowledge entry from one source; `aliases` are its other names (the name excluded)."""

    kb_id: str
    origin: str
    source_key: str  # the built-in id, STIX id or MISP uuid: what a re-import matches on
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    external_id: str | None = None  # ATT&CK G/C/S number
    country: str | None = None
    parent: str | None = None
    status: str = "active"
    description: str | None = None
    data: dict[str, Any] = field(default_factory=dict, hash=False)

    def names(self) -> tuple[str, ...]:
        """The name, then each alias once (exact spelling; spellings equal once normalised are kept)."""
        seen: dict[str, None] = {self.name: None}
        for alias in self.aliases:
            seen.setdefault(alias, None)
        return tuple(seen)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self) | {"aliases": list(self.aliases)}


@dataclass(frozen=True)
class Relationship:
    """A sourced statement between entries; an end that is no KB entry has only a name."""

    rel_id: str
    subject: str | None
    subject_name: str
    predicate: str
    object: str | None
    object_name: str
    origin: str
    date: str | None = None
    source_url: str | None = None
    source_ref: str | None = None
    note: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ImportBatch:
    """What one file holds once parsed and checked: the rows to write and what was skipped, with why."""

    origin: str
    source: str  # the bundle id, or the galaxy's type and version
    entries: list[Entry] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)


def content_hash(value: Any) -> str:
    """A stable hash of JSON-able content: equal content, equal hash, so re-imports can see no change."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=list)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@contextmanager
def transaction(store: Store) -> Iterator[None]:
    """One write transaction: everything inside lands together or not at all."""
    store.conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        store.conn.execute("COMMIT")
    except BaseException:
        store.conn.execute("ROLLBACK")
        raise


# ------------------------------------------------------------------------------------ writes


def start_import(store: Store, origin: str, path: str | None, sha256: str, source: str | None) -> int:
    cur = store.conn.execute(
        "INSERT INTO kb_imports (origin, path, sha256, source, imported_at) VALUES (?, ?, ?, ?, ?)",
        (origin, path, sha256, source, _now()),
    )
    return int(cur.lastrowid or 0)


def finish_import(store: Store, import_id: int, summary: dict[str, Any]) -> None:
    store.conn.execute(
        "UPDATE kb_imports SET summary = ? WHERE import_id = ?",
        (json.dumps(summary, ensure_ascii=False, sort_keys=True), import_id),
    )


def upsert_entries(store: Store, entries: Iterable[Entry], import_id: int) -> Counter[str]:
    """Insert new entries, update changed ones (aliases replaced whole), count unchanged ones."""
    counts: Counter[str] = Counter()
    conn = store.conn
    for entry in entries:
        digest = content_hash(entry.as_dict())
        row = conn.execute("SELECT content_hash FROM kb_entries WHERE kb_id = ?", (entry.kb_id,)).fetchone()
        if row is not None and row[0] == digest:
            counts["unchanged"] += 1
            continue
        counts["added" if row is None else "updated"] += 1
        conn.execute(
            "INSERT INTO kb_entries (kb_id, origin, source_key, external_id, name, type, country, parent, status,"
            " description, data, content_hash, import_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(kb_id) DO UPDATE SET external_id = excluded.external_id, name = excluded.name,"
            " type = excluded.type, country = excluded.country, parent = excluded.parent, status = excluded.status,"
            " description = excluded.description, data = excluded.data, content_hash = excluded.content_hash,"
            " import_id = excluded.import_id, updated_at = excluded.updated_at",
            (
                entry.kb_id, entry.origin, entry.source_key, entry.external_id, entry.name, entry.type,
                entry.country, entry.parent, entry.status, entry.description,
                json.dumps(entry.data, ensure_ascii=False, sort_keys=True), digest, import_id, _now(),
            ),
        )
        conn.execute("DELETE FROM kb_aliases WHERE kb_id = ?", (entry.kb_id,))
        conn.executemany(
            "INSERT INTO kb_aliases (kb_id, alias, norm, is_name) VALUES (?, ?, ?, ?)",
            [(entry.kb_id, name, normalise_alias(name), int(name == entry.name)) for name in entry.names()],
        )
    return counts


def upsert_relationships(store: Store, rels: Iterable[Relationship], import_id: int | None) -> Counter[str]:
    counts: Counter[str] = Counter()
    conn = store.conn
    for rel in rels:
        digest = content_hash(rel.as_dict())
        row = conn.execute("SELECT content_hash FROM kb_relationships WHERE rel_id = ?", (rel.rel_id,)).fetchone()
        if row is not None and row[0] == digest:
            counts["unchanged"] += 1
            continue
        counts["added" if row is None else "updated"] += 1
        conn.execute(
            "INSERT OR REPLACE INTO kb_relationships (rel_id, subject, subject_name, predicate, object, object_name,"
            " date, source_url, source_ref, origin, note, content_hash, import_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                rel.rel_id, rel.subject, rel.subject_name, rel.predicate, rel.object, rel.object_name, rel.date,
                rel.source_url, rel.source_ref, rel.origin, rel.note, digest, import_id,
            ),
        )
    return counts


def delete_missing(store: Store, origin: str, keep_entries: set[str], keep_rels: set[str]) -> int:
    """Drop an origin's rows that its source no longer has (used for the built-in data only)."""
    conn = store.conn
    gone = [r[0] for r in conn.execute("SELECT kb_id FROM kb_entries WHERE origin = ?", (origin,))
            if r[0] not in keep_entries]
    conn.executemany("DELETE FROM kb_entries WHERE kb_id = ?", [(kb_id,) for kb_id in gone])
    stale = [r[0] for r in conn.execute("SELECT rel_id FROM kb_relationships WHERE origin = ?", (origin,))
             if r[0] not in keep_rels]
    conn.executemany("DELETE FROM kb_relationships WHERE rel_id = ?", [(rel_id,) for rel_id in stale])
    return len(gone)


def replace_derived(store: Store, rels: Iterable[Relationship]) -> int:
    """Derived links (spyglass's own same_as) are recomputed whole after every change."""
    store.conn.execute("DELETE FROM kb_relationships WHERE origin = 'derived'")
    return sum(upsert_relationships(store, rels, None).values())


# ------------------------------------------------------------------------------------ reads


def last_import(store: Store, origin: str | None = None) -> tuple[int, str, str] | None:
    """(import_id, sha256, imported_at) of the newest import run, optionally of one origin."""
    sql = "SELECT import_id, sha256, imported_at FROM kb_imports"
    params: tuple[str, ...] = ()
    if origin is not None:
        sql, params = sql + " WHERE origin = ?", (origin,)
    row = store.conn.execute(sql + " ORDER BY import_id DESC LIMIT 1", params).fetchone()
    return (int(row[0]), str(row[1]), str(row[2])) if row else None


def entry_ids(store: Store) -> set[str]:
    return {r[0] for r in store.conn.execute("SELECT kb_id FROM kb_entries")}


def entries(store: Store, type: str | None = None, origin: str | None = None) -> list[Entry]:
    """Entries with their aliases, optionally of one type and/or origin, ordered by origin then name."""
    where, params = [], []
    if type is not None:
        where.append("type = ?")
        params.append(type)
    if origin is not None:
        where.append("origin = ?")
        params.append(origin)
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    rows = store.conn.execute(f"SELECT * FROM kb_entries{clause}", params).fetchall()
    aliases: dict[str, list[str]] = {}
    for kb_id, alias in store.conn.execute("SELECT kb_id, alias FROM kb_aliases WHERE is_name = 0 ORDER BY rowid"):
        aliases.setdefault(kb_id, []).append(alias)
    found = [_entry(row, aliases.get(row["kb_id"], [])) for row in rows]
    order = {origin: i for i, origin in enumerate(ORIGINS)}
    return sorted(found, key=lambda e: (order.get(e.origin, 9), e.name.casefold(), e.kb_id))


def get_entry(store: Store, kb_id: str) -> Entry | None:
    row = store.conn.execute("SELECT * FROM kb_entries WHERE kb_id = ?", (kb_id,)).fetchone()
    if row is None:
        return None
    aliases = [r[0] for r in store.conn.execute(
        "SELECT alias FROM kb_aliases WHERE kb_id = ? AND is_name = 0 ORDER BY rowid", (kb_id,))]
    return _entry(row, aliases)


def find_by_key(store: Store, key: str) -> list[str]:
    """kb_ids whose id, source key (STIX id, MISP uuid) or ATT&CK id is `key` (ids compare case-blind)."""
    rows = store.conn.execute(
        "SELECT kb_id FROM kb_entries WHERE kb_id = ? OR source_key = ? OR upper(external_id) = upper(?)",
        (key, key, key),
    )
    return sorted({r[0] for r in rows})


def alias_rows(store: Store) -> list[tuple[str, str, str]]:
    """(kb_id, alias, normalised alias) for every name of every entry."""
    return [(r[0], r[1], r[2]) for r in store.conn.execute("SELECT kb_id, alias, norm FROM kb_aliases")]


def relationships(store: Store, kb_ids: Iterable[str] | None = None) -> list[Relationship]:
    """Relationships touching any of `kb_ids` (all of them when None)."""
    sql = "SELECT * FROM kb_relationships"
    params: list[str] = []
    if kb_ids is not None:
        params = sorted(set(kb_ids))
        marks = ",".join("?" * len(params))
        sql += f" WHERE subject IN ({marks}) OR object IN ({marks})"
        params = params + params
    rows = store.conn.execute(sql + " ORDER BY predicate, date, rel_id", params).fetchall()
    return [
        Relationship(
            rel_id=r["rel_id"], subject=r["subject"], subject_name=r["subject_name"], predicate=r["predicate"],
            object=r["object"], object_name=r["object_name"], origin=r["origin"], date=r["date"],
            source_url=r["source_url"], source_ref=r["source_ref"], note=r["note"],
        )
        for r in rows
    ]


def counts(store: Store) -> dict[str, Any]:
    """Rows per origin and type, aliases per origin, relationships per origin and predicate."""
    conn = store.conn
    by_type: dict[str, dict[str, int]] = {}
    for origin, type_, n in conn.execute("SELECT origin, type, count(*) FROM kb_entries GROUP BY origin, type"):
        by_type.setdefault(origin, {})[type_] = n
    aliases = dict(conn.execute(
        "SELECT e.origin, count(*) FROM kb_aliases a JOIN kb_entries e USING (kb_id) GROUP BY e.origin").fetchall())
    rels: dict[str, dict[str, int]] = {}
    for origin, predicate, n in conn.execute(
            "SELECT origin, predicate, count(*) FROM kb_relationships GROUP BY origin, predicate"):
        rels.setdefault(origin, {})[predicate] = n
    return {"entries": by_type, "aliases": aliases, "relationships": rels,
            "imports": int(conn.execute("SELECT count(*) FROM kb_imports").fetchone()[0])}


def _entry(row: Any, aliases: list[str]) -> Entry:
    return Entry(
        kb_id=row["kb_id"], origin=row["origin"], source_key=row["source_key"], name=row["name"], type=row["type"],
        aliases=tuple(aliases), external_id=row["external_id"], country=row["country"], parent=row["parent"],
        status=row["status"], description=row["description"], data=json.loads(row["data"]),
    )


def search(store: Store, text: str, limit: int = 20) -> list[dict[str, Any]]:
    """Entries whose name or an alias contains `text`, or is close to it (typos), best first."""
    query = normalise_alias(text)
    if not query:
        raise InputError("the search text is empty once punctuation is dropped; give a name to look for")
    best: dict[str, tuple[float, str]] = {}
    for kb_id, alias, norm in alias_rows(store):
        if norm == query:
            score = 100.0
        elif norm.startswith(query):
            score = 95.0
        elif query in norm:
            score = 90.0
        else:
            # close spellings only ("Zirconum"); short codes one character apart (APT31, APT41) stay out
            ratio = fuzz.ratio(query, norm)
            score = round(ratio * 0.85, 1) if ratio >= 85 else 0.0
        if score and score > best.get(kb_id, (0.0, ""))[0]:
            best[kb_id] = (score, alias)
    ranked: list[tuple[float, str, Entry]] = []
    for kb_id, (score, alias) in best.items():
        entry = get_entry(store, kb_id)
        if entry is not None:
            ranked.append((score, alias, entry))
    ranked.sort(key=lambda hit: (-hit[0], len(hit[1]), hit[2].name.casefold(), hit[2].kb_id))
    return [{"kb_id": e.kb_id, "name": e.name, "type": e.type, "origin": e.origin, "status": e.status,
             "external_id": e.external_id, "matched": alias, "score": score} for score, alias, e in ranked[:limit]]
