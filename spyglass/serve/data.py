"""What the app reads, indexed in memory once per store state and rebuilt when the store changes.

Building cases takes seconds on a large store, so pages never build them per request: a
snapshot is keyed by a cheap fingerprint of the store (row counts and highest row ids of the
tables the views read), and each expensive part (cases, syndication groups, case files) is
computed the first time a request needs it and kept until the fingerprint changes.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from spyglass.errors import NotFound
from spyglass.serve.case_index import CaseState, Records
from spyglass.serve.entity_index import relations
from spyglass.store import Store

log = logging.getLogger("spyglass.serve")

_FINGERPRINT = """
SELECT (SELECT count(*) FROM documents), (SELECT max(rowid) FROM documents),
       (SELECT count(*) FROM claims), (SELECT max(rowid) FROM claims),
       (SELECT count(*) FROM mentions), (SELECT max(judgement_id) FROM judgements),
       (SELECT count(*) FROM kb_entries), (SELECT max(rowid) FROM kb_relationships)
"""

_CLAIMS = """
SELECT c.claim_id, c.doc_id, c.subject, c.subject_type, c.predicate, c.object, c.object_type, c.value, c.date,
       c.date_precision, c.hedge, c.hedge_cue, c.start, c."end", c.confidence,
       substr(d.text, c.start + 1, c."end" - c.start) AS evidence
FROM claims c JOIN documents d USING (doc_id)
ORDER BY d.published IS NULL, d.published, c.doc_id, c.start
"""

_REPEATED = frozenset(("doc_id", "subject", "subject_type", "predicate", "object", "object_type", "value", "date",
                       "date_precision", "hedge", "hedge_cue"))

# the case fields a table row shows, in the order of the CSV export
CASE_COLUMNS = ("name", "kind", "status", "sponsor", "parent_agency", "prosecuting_country", "sentence_months",
                "first_date", "last_date", "documents", "conflicts")


@dataclass
class Entity:
    """A name as the store's claims and mentions use it, with what is known about it."""

    name: str
    types: Counter[str] = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)
    kb_ids: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)
    claims: list[int] = field(default_factory=list)  # indexes into Snapshot.claims
    entity_id: str | None = None  # its id in the store's entity layer

    @property
    def type(self) -> str | None:
        return self.types.most_common(1)[0][0] if self.types else None

    def summary(self) -> dict[str, Any]:
        return {"name": self.name, "id": self.entity_id, "type": self.type,
                "aliases": sorted(self.aliases - {self.name}),
                "kb_ids": sorted(self.kb_ids), "documents": len(self.documents), "claims": len(self.claims)}


class Snapshot:
    """The store's contents at one fingerprint: cheap indexes built eagerly, cases on first use."""

    def __init__(self, store: Store, key: tuple[Any, ...]):
        self.key = key
        self._lock = threading.RLock()
        self._lazy: dict[str, Any] = {}
        self.documents: dict[str, dict[str, Any]] = {}
        for r in store.conn.execute(
                "SELECT doc_id, title, publisher, published, url, language, format, length(text) AS chars "
                "FROM documents ORDER BY published IS NULL, published DESC, doc_id"):
            self.documents[r["doc_id"]] = dict(r)
        self.claims: list[dict[str, Any]] = []
        # names, types and ids repeat across claims: one string object each, not one a row (at
        # 100,000 documents the copies would be most of the server's memory)
        pool: dict[Any, Any] = {}
        for r in store.conn.execute(_CLAIMS):
            row = {k: pool.setdefault(v, v) if k in _REPEATED and v is not None else v for k, v in zip(r.keys(), r)}
            row["evidence"] = " ".join((row["evidence"] or "").split())
            self.claims.append(row)
        self.entities: dict[str, Entity] = {}
        for r in store.conn.execute("SELECT doc_id, text, type, name, kb_id FROM mentions"):
            entity = self._entity(r["name"] or r["text"])
            entity.types[r["type"]] += 1
            entity.aliases.add(r["text"])
            entity.documents.add(r["doc_id"])
            if r["kb_id"]:
                entity.kb_ids.add(r["kb_id"])
        for i, c in enumerate(self.claims):
            for name, type_ in ((c["subject"], c["subject_type"]), (c["object"], c["object_type"])):
                if name and type_:
                    entity = self._entity(name)
                    entity.claims.append(i)
                    entity.documents.add(c["doc_id"])
                    if not entity.types:
                        entity.types[type_] += 1
        self.alias_to_entity: dict[str, str] = {}
        self.by_id: dict[str, str] = {}  # entity id (and ids merged away) -> the entity's key
        self._join(store)
        for folded, entity in self.entities.items():
            for alias in entity.aliases:
                self.alias_to_entity.setdefault(alias.casefold(), folded)
        self.relations = relations(self.claims, ((k, e.claims) for k, e in self.entities.items()), self.name_of)

    def _join(self, store: Store) -> None:
        """One entity per real thing, as the store's entity layer (`run/identities.py`) joined them:
        the names of one entity id become one entity, under the layer's name for it; every member
        name still finds it."""
        from spyglass.store import identities

        identities.ensure(store)
        entity_of = identities.entity_of(store)
        named = {r[0]: r[1] for r in store.conn.execute("SELECT entity_id, name FROM identity_entities")}
        groups: dict[str, list[str]] = {}
        for key in self.entities:
            groups.setdefault(entity_of.get(key, "\0" + key), []).append(key)
        for entity_id, keys in groups.items():
            if entity_id.startswith("\0"):
                continue
            if len(keys) == 1:
                self.entities[keys[0]].entity_id = entity_id
                self.by_id[entity_id] = keys[0]
                continue
            members = [self.entities.pop(k) for k in keys]
            by_key = {m.name.casefold(): m for m in members}
            display = named.get(entity_id, "")
            name = by_key[display.casefold()].name if display.casefold() in by_key else members[0].name
            entity = Entity(name, entity_id=entity_id)
            for member in members:
                entity.types.update(member.types)
                entity.aliases |= member.aliases | {member.name}
                entity.kb_ids |= member.kb_ids
                entity.documents |= member.documents
                entity.claims += member.claims
            entity.claims = sorted(set(entity.claims))
            self.entities[entity.name.casefold()] = entity
            self.by_id[entity_id] = entity.name.casefold()
            for key in keys:
                self.alias_to_entity[key] = entity.name.casefold()
        for old, new in store.conn.execute("SELECT old_id, new_id FROM identity_redirects ORDER BY rowid"):
            if old not in self.by_id and new in self.by_id:  # an id an entity had before a merge
                self.by_id[old] = self.by_id[new]

    def find(self, name: str) -> Entity | None:
        """The entity `name` (or the entity id `name`) is one of, or None."""
        key = name.casefold()
        return (self.entities.get(key) or self.entities.get(self.alias_to_entity.get(key, ""))
                or self.entities.get(self.by_id.get(name, "")))

    def name_of(self, name: str) -> str:
        """The name of the entity `name` is one of (itself when the store does not know it)."""
        found = self.find(name)
        return found.name if found else name

    def _entity(self, name: str) -> Entity:
        key = name.casefold()
        if key not in self.entities:
            self.entities[key] = Entity(name)
        return self.entities[key]

    def entity(self, name: str) -> Entity:
        found = self.find(name)
        if found is None:
            raise NotFound(f"no entity is called {name!r}; search for it at /search or GET /api/search?q=")
        return found

    def lazy(self, name: str, build: Callable[[], Any]) -> Any:
        """The part `name`, built once per snapshot (other requests wait rather than build it twice)."""
        with self._lock:
            if name not in self._lazy:
                self._lazy[name] = build()
            return self._lazy[name]


class Data:
    """The app's read side: one Store per thread (sqlite3 connections stay in their thread) and the snapshot."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._kb_synced = False
        self._wrote = False
        self._building = False
        # the cases, kept apart from the snapshot: after a change they are ready (one block resolved
        # again) well before the snapshot's indexes of every claim are
        self._cases: CaseState | None = None
        self._records = Records()

    def store(self) -> Store:
        opened = getattr(self._local, "store", None)
        if opened is None:
            opened = Store(self.path)
            self._local.store = opened
        return opened

    def snapshot(self) -> Snapshot:
        """The snapshot of the store as it is now. After a change made elsewhere (an ingest running
        beside the server) the previous snapshot keeps answering while the next one, with its cases,
        is built in a thread; after a write through this app the next request waits for it."""
        store = self.store()
        if not self._kb_synced:
            # the first KB read of a process syncs the built-in entries into the store; do it before
            # fingerprinting, or that write would throw away the first snapshot
            from spyglass.kb.link import index_for

            index_for(store)
            self._kb_synced = True
        key = self._key(store)
        current = self._snapshot
        if current is not None and current.key == key:
            return current
        if current is not None and not self._wrote:
            self._build_in_background()
            return current
        with self._lock:
            if self._snapshot is None or self._snapshot.key != key:
                self._snapshot = self._built(store, key)
            self._wrote = False
            return self._snapshot

    def _key(self, store: Store) -> tuple[Any, ...]:
        """The store's fingerprint, counted again only after a commit since this thread last looked.

        Counting rows scans every table (milliseconds at 10,000 documents, and a page asks many
        times); `PRAGMA data_version` moves when another connection commits and `total_changes`
        when this one writes, and both cost microseconds."""
        seen = (store.conn.execute("PRAGMA data_version").fetchone()[0], store.conn.total_changes)
        last = getattr(self._local, "key", None)
        if last is not None and last[0] == seen:
            return last[1]  # type: ignore[no-any-return]
        key = tuple(store.conn.execute(_FINGERPRINT).fetchone())
        self._local.key = (seen, key)
        return key

    def wrote(self) -> None:
        """This app changed the store: the next request reads the change, however long that takes."""
        self._wrote = True

    def _built(self, store: Store, key: tuple[Any, ...]) -> Snapshot:
        self._resolve(store, key)
        return Snapshot(store, key)

    def _resolve(self, store: Store, key: tuple[Any, ...]) -> None:
        """Bring the cases to the store state `key` (resolving again the blocks that changed)."""
        from spyglass.run.resolution import refresh
        from spyglass.store import resolved

        if self._cases is not None and self._cases.key == key:
            return
        refresh(store)
        self._cases = CaseState(key, self._records.rows(resolved.record_texts(store)))

    def _build_in_background(self) -> None:
        with self._lock:
            if self._building:
                return
            self._building = True

        def build() -> None:
            try:
                store = self.store()
                key = self._key(store)
                fresh = self._built(store, key)
                with self._lock:
                    self._snapshot = fresh
            except Exception:  # the next request tries again; the old snapshot still answers
                log.exception("building the store's snapshot failed")
            finally:
                self._building = False

        threading.Thread(target=build, name="spyglass-snapshot", daemon=True).start()

    def warm(self) -> None:
        """Build the snapshot and the cases now (a server calls this in a thread at start), and keep
        the resolution's linker, so that a document added later resolves only its own block."""
        from spyglass.run.resolution import keep_linker

        self.case_rows()
        keep_linker(self.store())

    # -- the expensive parts -------------------------------------------------------------

    def _current_cases(self) -> CaseState:
        snapshot = self.snapshot()  # a change made elsewhere starts resolving it in the background
        if self._cases is None:
            with self._lock:
                self._resolve(self.store(), snapshot.key)
        assert self._cases is not None
        return self._cases

    def groups(self) -> dict[str, str]:
        from spyglass.resolve.syndication import groups

        return dict(self.snapshot().lazy("groups", lambda: groups(list(self.store().documents()))))

    def case_rows(self) -> list[dict[str, Any]]:
        """One JSON record a case (as `spyglass cases --format json`) plus the fields the table sorts on."""
        return list(self._current_cases().rows)

    def case_memo(self, name: str, build: Callable[[list[dict[str, Any]]], Any]) -> Any:
        """`build(rows)` over the current case rows, computed once until they change (filters, sort orders)."""
        return self._current_cases().memo(name, build)

    def case_row(self, case_id: str) -> dict[str, Any]:
        state = self._current_cases()
        if case_id in state.by_id:
            return state.rows[state.by_id[case_id]]
        for row in state.rows:
            if row["case_id"] == case_id or row["case_id"].startswith(case_id) and len(case_id) >= 6:
                return row
        raise NotFound(f"no case has the id {case_id!r}; /cases lists them")

    def case_file(self, case_id: str) -> dict[str, Any]:
        from spyglass.run.cases import case_file
        from spyglass.store import resolved

        row = self.case_row(case_id)

        def build() -> dict[str, Any]:
            case = resolved.case(self.store(), row["case_id"])
            if case is None:  # resolved again since the row was read
                raise NotFound(f"the case {row['case_id']!r} has changed; /cases lists the cases now")
            return case_file(self.store(), case)

        return dict(self.snapshot().lazy(f"case_file:{row['case_id']}", build))

    def cases_of_document(self, doc_id: str) -> list[dict[str, Any]]:
        return self._current_cases().of_document(doc_id)

    def cases_naming(self, names: set[str]) -> list[dict[str, Any]]:
        """Cases whose name, alias, sponsor or parent agency is one of `names` (case-insensitive)."""
        return self._current_cases().naming(names)
