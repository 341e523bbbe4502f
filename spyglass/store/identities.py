"""Store reads and writes of the entity layer: where each name was seen, which entity it is, and why.

Rows only: which names are one entity is decided in `resolve/identities.py` and kept current by
`run/identities.py`. The tables (created on first use):

- `identity_sightings`: a document's names, one row per name, spelling, type and origin (mention or
  claim) with how often and the knowledge-base id a mention linked to. Rewritten for a document
  whenever it is stored or extracted again.
- `identity_links`: the alias claims of each document (one name, the other).
- `identity_names`: every name (case-folded) with its spelling, type, kb ids, documents and entity id.
- `identity_keys`: the keys each name joins by (kb id, name without legal form, person words).
- `identity_entities`: one row an entity: id, display name, type, kb ids, case id, counts.
- `identity_joins`: for every entity, the joins that made it one (rule, names, support).
- `identity_redirects`: ids that stopped existing and the id their names went to (append-only).
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any, Iterable, Iterator

from spyglass.store.db import Store

SCHEMA = """
CREATE TABLE IF NOT EXISTS identity_sightings (
    doc_id   TEXT NOT NULL,
    name     TEXT NOT NULL,
    spelling TEXT NOT NULL,
    text     TEXT NOT NULL,
    type     TEXT,
    origin   TEXT NOT NULL,
    n        INTEGER NOT NULL,
    kb_id    TEXT
);
CREATE INDEX IF NOT EXISTS identity_sightings_doc ON identity_sightings(doc_id);
CREATE INDEX IF NOT EXISTS identity_sightings_name ON identity_sightings(name);
CREATE TABLE IF NOT EXISTS identity_links (
    doc_id TEXT NOT NULL,
    a      TEXT NOT NULL,
    b      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS identity_links_doc ON identity_links(doc_id);
CREATE INDEX IF NOT EXISTS identity_links_a ON identity_links(a);
CREATE INDEX IF NOT EXISTS identity_links_b ON identity_links(b);
CREATE TABLE IF NOT EXISTS identity_names (
    name      TEXT PRIMARY KEY,
    spelling  TEXT NOT NULL,
    type      TEXT,
    kb_ids    TEXT NOT NULL,
    documents INTEGER NOT NULL,
    entity_id TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS identity_names_entity ON identity_names(entity_id);
CREATE TABLE IF NOT EXISTS identity_keys (
    key  TEXT NOT NULL,
    name TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS identity_keys_key ON identity_keys(key);
CREATE INDEX IF NOT EXISTS identity_keys_name ON identity_keys(name);
CREATE TABLE IF NOT EXISTS identity_entities (
    entity_id TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    type      TEXT,
    kb_ids    TEXT NOT NULL,
    case_id   TEXT,
    names     INTEGER NOT NULL,
    documents INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS identity_joins (
    entity_id TEXT NOT NULL,
    rule      TEXT NOT NULL,
    a         TEXT NOT NULL,
    b         TEXT NOT NULL,
    support   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS identity_joins_entity ON identity_joins(entity_id);
CREATE TABLE IF NOT EXISTS identity_redirects (
    old_id TEXT NOT NULL,
    new_id TEXT NOT NULL,
    at     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS identity_redirects_old ON identity_redirects(old_id);
"""

LAYER = ("identity_sightings", "identity_links", "identity_names", "identity_keys", "identity_entities",
         "identity_joins")


def ensure(store: Store) -> None:
    store.conn.executescript(SCHEMA)


@contextmanager
def transaction(store: Store) -> Iterator[None]:
    store.conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        store.conn.execute("COMMIT")
    except BaseException:
        store.conn.execute("ROLLBACK")
        raise


def clear(store: Store) -> None:
    """Empty the layer (not the redirects, which are history)."""
    for table in LAYER:
        store.conn.execute(f"DELETE FROM {table}")


def replace_sightings(store: Store, doc_ids: Iterable[str], sightings: list[tuple[Any, ...]],
                      links: list[tuple[str, str, str]]) -> None:
    """The sightings and alias links of these documents, replacing what they had."""
    for chunk in _chunks(sorted(set(doc_ids))):
        marks = ",".join("?" * len(chunk))
        store.conn.execute(f"DELETE FROM identity_sightings WHERE doc_id IN ({marks})", chunk)
        store.conn.execute(f"DELETE FROM identity_links WHERE doc_id IN ({marks})", chunk)
    store.conn.executemany("INSERT INTO identity_sightings VALUES (?, ?, ?, ?, ?, ?, ?, ?)", sightings)
    store.conn.executemany("INSERT INTO identity_links VALUES (?, ?, ?)", links)


def names_seen_in(store: Store, doc_ids: Iterable[str]) -> set[str]:
    return set(_in(store, "SELECT DISTINCT name FROM identity_sightings WHERE doc_id IN ({})", doc_ids))


def sightings(store: Store, names: Iterable[str] | None = None) -> Iterator[tuple[Any, ...]]:
    """(name, spelling, text, type, origin, n, kb_id, doc_id) rows: of these names, or of all."""
    columns = "name, spelling, text, type, origin, n, kb_id, doc_id"
    if names is None:
        yield from store.conn.execute(f"SELECT {columns} FROM identity_sightings")
    else:
        yield from _in(store, f"SELECT {columns} FROM identity_sightings WHERE name IN ({{}})", names, whole=True)


def links(store: Store, names: Iterable[str] | None = None) -> list[tuple[str, str, str]]:
    """(a, b, document) alias links with either name among `names` (or all)."""
    if names is None:
        return [tuple(r) for r in store.conn.execute("SELECT a, b, doc_id FROM identity_links")]  # type: ignore[misc]
    wanted = list(names)
    rows = {tuple(r) for r in _in(store, "SELECT a, b, doc_id FROM identity_links WHERE a IN ({})", wanted, whole=True)}
    rows |= {tuple(r) for r in _in(store, "SELECT a, b, doc_id FROM identity_links WHERE b IN ({})", wanted,
                                   whole=True)}
    return sorted(rows)  # type: ignore[arg-type]


def entity_of(store: Store, names: Iterable[str] | None = None) -> dict[str, str]:
    """Name -> its entity id: of these names, or of every name."""
    if names is None:
        rows: Iterable[Any] = store.conn.execute("SELECT name, entity_id FROM identity_names")
    else:
        rows = _in(store, "SELECT name, entity_id FROM identity_names WHERE name IN ({})", names, whole=True)
    return {r[0]: r[1] for r in rows}


def members(store: Store, entity_ids: Iterable[str]) -> set[str]:
    return set(_in(store, "SELECT name FROM identity_names WHERE entity_id IN ({})", entity_ids))


def names_with_keys(store: Store, keys: Iterable[str]) -> set[str]:
    return set(_in(store, "SELECT name FROM identity_keys WHERE key IN ({})", keys))


def cases_naming(store: Store, names: Iterable[str]) -> set[str]:
    """Resolved cases with one of these (case-folded) names among their own."""
    wanted = set(names)
    rows = _in(store, "SELECT entity_id, alias FROM entity_aliases WHERE alias COLLATE NOCASE IN ({})",
               wanted, whole=True)
    found = {r[0] for r in rows if r[1].casefold() in wanted}
    # NOCASE folds ASCII only: names with other letters are looked for as they are spelled, too
    odd = [n for n in wanted if not n.isascii()]
    if odd:
        found |= {r[0] for r in store.conn.execute("SELECT entity_id, alias FROM entity_aliases")
                  if r[1].casefold() in set(odd)}
    return found


def case_names(store: Store, case_ids: Iterable[str] | None = None) -> list[tuple[str, str, list[str], str]]:
    """(case id, name, every name, kind) of these resolved cases, or of all."""
    query = ("SELECT c.case_id, c.name, a.alias, c.kind FROM resolved_cases c "
             "JOIN entity_aliases a ON a.entity_id = c.case_id")
    if case_ids is None:
        rows: Iterable[Any] = store.conn.execute(query)
    else:
        rows = _in(store, query + " WHERE c.case_id IN ({})", case_ids, whole=True)
    out: dict[str, tuple[str, list[str], str]] = {}
    for case_id, name, alias, kind in rows:
        out.setdefault(case_id, (name, [], kind))[1].append(alias)
    return [(case_id, name, sorted(set(names)), kind) for case_id, (name, names, kind) in sorted(out.items())]


def write(store: Store, names: list[tuple[Any, ...]], keys: list[tuple[str, str]], entities: list[tuple[Any, ...]],
          joins: list[tuple[str, str, str, str, str]], dropped_names: Iterable[str],
          dropped_entities: Iterable[str], redirects: list[tuple[str, str]]) -> None:
    """Replace the rows of the names and entities one step re-joined (inside `transaction`)."""
    for chunk in _chunks(sorted(set(dropped_names))):
        marks = ",".join("?" * len(chunk))
        store.conn.execute(f"DELETE FROM identity_names WHERE name IN ({marks})", chunk)
        store.conn.execute(f"DELETE FROM identity_keys WHERE name IN ({marks})", chunk)
    for chunk in _chunks(sorted(set(dropped_entities))):
        marks = ",".join("?" * len(chunk))
        store.conn.execute(f"DELETE FROM identity_entities WHERE entity_id IN ({marks})", chunk)
        store.conn.execute(f"DELETE FROM identity_joins WHERE entity_id IN ({marks})", chunk)
    store.conn.executemany("INSERT INTO identity_names VALUES (?, ?, ?, ?, ?, ?)", names)
    store.conn.executemany("INSERT INTO identity_keys VALUES (?, ?)", keys)
    store.conn.executemany("INSERT INTO identity_entities VALUES (?, ?, ?, ?, ?, ?, ?)", entities)
    store.conn.executemany("INSERT INTO identity_joins VALUES (?, ?, ?, ?, ?)", joins)
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    store.conn.executemany("INSERT INTO identity_redirects VALUES (?, ?, ?)", [(a, b, now) for a, b in redirects])


# -- readers -------------------------------------------------------------------------------

def entity(store: Store, entity_id: str) -> dict[str, Any] | None:
    """An entity by id (following redirects), with its names, where each was seen, and its joins."""
    for _ in range(20):
        row = store.conn.execute("SELECT * FROM identity_entities WHERE entity_id = ?", (entity_id,)).fetchone()
        if row is not None:
            break
        moved = store.conn.execute("SELECT new_id FROM identity_redirects WHERE old_id = ? ORDER BY rowid DESC",
                                   (entity_id,)).fetchone()
        if moved is None:
            return None
        entity_id = moved[0]
    else:
        return None
    out = dict(row)
    out["kb_ids"] = json.loads(out["kb_ids"])
    names = store.conn.execute("SELECT name, spelling, type, kb_ids, documents FROM identity_names "
                               "WHERE entity_id = ? ORDER BY documents DESC, name", (entity_id,)).fetchall()
    seen: dict[str, set[str]] = {}
    counts: dict[tuple[str, str], int] = {}
    spellings: set[str] = set()
    for name, doc_id, origin, n, spelling in _in(
            store, "SELECT name, doc_id, origin, n, spelling FROM identity_sightings WHERE name IN ({})",
            [r[0] for r in names], whole=True):
        seen.setdefault(name, set()).add(doc_id)
        counts[(name, origin)] = counts.get((name, origin), 0) + n
        spellings.add(spelling)
    out["names"] = [{"name": r["spelling"], "key": r["name"], "type": r["type"], "kb_ids": json.loads(r["kb_ids"]),
                     "mentions": counts.get((r["name"], "mention"), 0), "claims": counts.get((r["name"], "claim"), 0),
                     "documents": sorted(seen.get(r["name"], set()))} for r in names]
    roles: dict[str, set[str]] = {}  # what reports call it ("lawyer", "officer"), with their documents
    for value, doc_id in _in(store, "SELECT value, doc_id FROM claims WHERE predicate = 'named_as' AND subject IN ({})",
                             spellings, whole=True):
        if value:
            roles.setdefault(value, set()).add(doc_id)
    out["roles"] = [{"role": role, "documents": sorted(docs)} for role, docs in sorted(roles.items())]
    out["joins"] = [dict(r) for r in store.conn.execute(
        "SELECT rule, a, b, support FROM identity_joins WHERE entity_id = ? ORDER BY rowid", (entity_id,))]
    out["redirected_from"] = sorted({r[0] for r in store.conn.execute(
        "SELECT old_id FROM identity_redirects WHERE new_id = ?", (entity_id,))})
    return out


def spellings(store: Store) -> list[tuple[str, str]]:
    """(spelling, entity id) of every name."""
    return [(r[0], r[1]) for r in store.conn.execute("SELECT spelling, entity_id FROM identity_names")]


def entities(store: Store) -> list[dict[str, Any]]:
    rows = store.conn.execute("SELECT * FROM identity_entities ORDER BY entity_id").fetchall()
    return [{**dict(r), "kb_ids": json.loads(r["kb_ids"])} for r in rows]


def _in(store: Store, query: str, values: Iterable[Any], whole: bool = False) -> Iterator[Any]:
    for chunk in _chunks(sorted(set(values))):
        for row in store.conn.execute(query.format(",".join("?" * len(chunk))), chunk):
            yield row if whole else row[0]


def _chunks(items: list[Any], size: int = 500) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
