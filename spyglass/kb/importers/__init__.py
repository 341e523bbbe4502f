"""Import reference knowledge into the store: STIX bundles, MISP clusters, the built-in data, and same_as links.

Every file is read and checked whole before anything is written; then all files land in one
transaction, so a malformed file leaves the store as it was. Rows are keyed on the source's
own id (STIX id, MISP uuid, built-in slug): importing again updates, never duplicates.

The built-in entries are copied into the store on first use (and again whenever the packaged
data changes), so list/show/search/link read one set of tables instead of merging at query time.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spyglass.errors import InputError
from spyglass.kb import builtin
from spyglass.kb.builtin import normalise_alias
from spyglass.kb.importers.misp import country_label, parse_cluster
from spyglass.kb.importers.stix import parse_bundle
from spyglass.kb.store import (
    ORIGINS, SOFTWARE, Entry, ImportBatch, Relationship, content_hash, delete_missing, entries, entry_ids,
    finish_import, last_import, relationships, replace_derived, start_import, transaction, upsert_entries,
    upsert_relationships,
)
from spyglass.store import Store

# Types that may be one thing seen by two sources; a group is never the same as an agency.
FAMILIES: dict[str, str] = {
    "threat_group": "group", "operation": "operation", "state_agency": "agency", "agency_unit": "agency",
    "government_body": "agency", "company": "organisation", "organization": "organisation",
    "country": "country", SOFTWARE: "software",
}
_QUALIFIER = re.compile(r"^(.*\S)\s*\(([^()]+)\)$")
_ATTACK_ID = re.compile(r"^[GCS]\d{4}$")


@dataclass
class ImportSummary:
    """What one import run did, for the CLI and the run log."""

    path: str
    origin: str
    source: str
    entries: dict[str, int]
    by_type: dict[str, int]
    statuses: dict[str, int]
    aliases: int
    relationships: dict[str, int]
    skipped: dict[str, int]
    unresolved: int = 0  # relationship ends naming an entry the store does not hold (yet)
    same_as: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def read_file(path: Path | str) -> tuple[ImportBatch, str]:
    """Parse and check one file (format detected from its shape); returns the batch and the file's sha256."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start}); expected a JSON file") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}; "
                         "is the file complete?") from exc
    sha = hashlib.sha256(data).hexdigest()
    if isinstance(raw, dict) and (raw.get("type") == "bundle" or "objects" in raw):
        return parse_bundle(raw, str(path)), sha
    if isinstance(raw, dict) and ("values" in raw or {"uuid", "type", "name"} <= raw.keys()):
        return parse_cluster(raw, str(path)), sha
    shape = f"a JSON {type(raw).__name__}"
    if isinstance(raw, dict):
        shape = f"an object with keys {', '.join(sorted(raw)[:8])}"
    raise InputError(f"{path}: neither a STIX bundle ({{\"type\": \"bundle\", \"objects\": [...]}}) nor a MISP galaxy "
                     f"cluster ({{\"type\": ..., \"values\": [...]}}); found {shape}")


def import_files(store: Store, paths: Sequence[Path | str]) -> list[ImportSummary]:
    """Import files in one transaction after checking all of them; then recompute same_as links."""
    batches = [(str(p), *read_file(p)) for p in paths]
    ensure_builtin(store)
    summaries: list[ImportSummary] = []
    import_ids: list[int] = []
    with transaction(store):
        for path, batch, sha in batches:
            import_id = start_import(store, batch.origin, path, sha, batch.source)
            import_ids.append(import_id)
            summary = ImportSummary(
                path=path, origin=batch.origin, source=batch.source,
                entries=_zeroed(upsert_entries(store, batch.entries, import_id)),
                by_type=_tally(e.type for e in batch.entries), statuses=_tally(e.status for e in batch.entries),
                aliases=sum(len(e.names()) for e in batch.entries),
                relationships=_zeroed(upsert_relationships(store, batch.relationships, import_id)),
                skipped=dict(sorted(batch.skipped.items())),
            )
            summaries.append(summary)
        known = entry_ids(store)
        for summary, (_, batch, _) in zip(summaries, batches):
            summary.unresolved = sum(end is not None and end not in known for r in batch.relationships
                                     for end in (r.subject, r.object))
        same_as = refresh_same_as(store)
        for summary, import_id in zip(summaries, import_ids):
            summary.same_as = same_as
            finish_import(store, import_id, summary.as_dict())
    return summaries


def ensure_builtin(store: Store) -> bool:
    """Copy the packaged entries and claims into the store unless this version is already there."""
    batch = builtin_batch()
    fingerprint = content_hash([[e.as_dict() for e in batch.entries], [r.as_dict() for r in batch.relationships]])
    done = last_import(store, "builtin")
    if done is not None and done[1] == fingerprint:
        return False
    with transaction(store):
        # checked again inside the lock: another process may have synced meanwhile
        done = last_import(store, "builtin")
        if done is not None and done[1] == fingerprint:
            return False
        import_id = start_import(store, "builtin", None, fingerprint, batch.source)
        delete_missing(store, "builtin", {e.kb_id for e in batch.entries}, {r.rel_id for r in batch.relationships})
        counts = upsert_entries(store, batch.entries, import_id)
        upsert_relationships(store, batch.relationships, import_id)
        finish_import(store, import_id, {"entries": _zeroed(counts), "same_as": refresh_same_as(store)})
    return True


def builtin_batch() -> ImportBatch:
    """The packaged entries and claims as store rows."""
    batch = ImportBatch(origin="builtin", source="spyglass built-in data")
    for e in builtin.load_entries():
        batch.entries.append(Entry(
            kb_id=e.id, origin="builtin", source_key=e.id, name=e.name, type=e.type, aliases=e.aliases,
            country=e.country, parent=e.parent, description=e.note, data={"sources": list(e.sources)},
        ))
    for c in builtin.load_claims():
        fields = [c.subject, c.predicate, c.object, c.date, c.source]
        note = f"attributed by {', '.join(c.attributed_by)}" if c.attributed_by else "stated by the source"
        batch.relationships.append(Relationship(
            rel_id=f"builtin--{content_hash(fields)[:32]}", subject=c.subject_id, subject_name=c.subject,
            predicate=c.predicate, object=c.object_id, object_name=c.object, origin="builtin", date=c.date,
            source_url=c.source, source_ref=c.source_title, note=note + (f". {c.note}" if c.note else ""),
        ))
    return batch


def refresh_same_as(store: Store) -> dict[str, int]:
    """Recompute spyglass's own same_as links over every entry in the store."""
    links, refused = derive_same_as(entries(store), relationships(store))
    replace_derived(store, links)
    return {"links": len(links), "refused": len(refused)}


def derive_same_as(
    all_entries: Sequence[Entry], declared: Iterable[Relationship] = ()
) -> tuple[list[Relationship], list[tuple[str, str, str]]]:
    """Cross-source identity, by three rules tried in this order (first the strictest):

    1. equal primary names (a trailing "(Country)" qualifier naming the entry's own country is ignored);
    2. an ATT&CK id (G0065) listed among one entry's names is the other entry's ATT&CK id;
    3. each entry lists the other's primary name among its own names.
    Only entries of one type family, with no conflicting country, from different origins qualify;
    and no link may put two entries of one source into one identity, since a source keeps those
    apart on purpose (MISP's APT41 lists G0044, yet ATT&CK keeps Winnti Group apart from APT41).
    Returns the links and the refused (a, b, reason) candidates.
    """
    live = [e for e in all_entries if e.status != "revoked"]
    by_norm: dict[str, list[Entry]] = {}
    for e in live:
        for key in {normalise_alias(n) for n in e.names()}:
            by_norm.setdefault(key, []).append(e)
    by_attack = {e.external_id.upper(): e for e in live if e.external_id and e.origin == "stix"}
    by_primary: dict[str, list[Entry]] = {}
    for e in live:
        for key in _primary_keys(e):
            by_primary.setdefault(key, []).append(e)
    candidates: list[tuple[int, str, str, str]] = []
    for same in by_primary.values():
        for e in same:
            for o in same:
                if e.kb_id < o.kb_id and _compatible(e, o):
                    candidates.append((1, e.kb_id, o.kb_id, f"same primary name {e.name!r} = {o.name!r}"))
    for e in live:
        for o in by_norm.get(normalise_alias(e.name), []):  # o lists e's name; does e list o's?
            if e.kb_id < o.kb_id and normalise_alias(o.name) in _norms(e) and _compatible(e, o):
                candidates.append((3, e.kb_id, o.kb_id, f"each lists the other's name ({e.name!r}, {o.name!r})"))
        for name in e.names():
            code = name.strip().upper()
            target = by_attack.get(code) if _ATTACK_ID.match(code) else None
            if target is not None and _compatible(e, target):
                a, b = sorted((e.kb_id, target.kb_id))
                candidates.append((2, a, b, f"ATT&CK id {target.external_id} listed by {e.name!r}"))
    by_id = {e.kb_id: e for e in all_entries}
    parent = {e.kb_id: e.kb_id for e in all_entries}
    origins = {e.kb_id: {e.origin} for e in all_entries}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for rel in declared:  # a source's own identity statements (ATT&CK revoked-by) come first
        if rel.predicate == "same_as" and rel.origin != "derived" and rel.subject in parent and rel.object in parent:
            ra, rb = root(rel.subject), root(rel.object)
            if ra != rb:
                parent[rb] = ra
                origins[ra] |= origins[rb]
    links: list[Relationship] = []
    refused: list[tuple[str, str, str]] = []
    done: set[tuple[str, str]] = set()
    for rank, a, b, reason in sorted(set(candidates)):
        if (a, b) in done:  # already linked by a stricter rule
            continue
        done.add((a, b))
        ra, rb = root(a), root(b)
        if ra != rb and origins[ra] & origins[rb]:
            refused.append((a, b, reason))
            continue
        if ra != rb:
            parent[rb] = ra
            origins[ra] |= origins[rb]
        links.append(Relationship(
            rel_id=f"same_as--{content_hash([a, b])[:32]}", subject=a, subject_name=by_id[a].name,
            predicate="same_as", object=b, object_name=by_id[b].name, origin="derived", note=f"rule {rank}: {reason}",
        ))
    return links, refused


def _norms(e: Entry) -> set[str]:
    return {normalise_alias(n) for n in e.names()}


def _primary_keys(e: Entry) -> set[str]:
    keys = {normalise_alias(e.name)}
    match = _QUALIFIER.match(e.name)
    if match and e.country and country_label(match.group(2)) == e.country:
        keys.add(normalise_alias(match.group(1)))
    return keys


def _compatible(a: Entry, b: Entry) -> bool:
    if a.origin == b.origin or FAMILIES.get(a.type, a.type) != FAMILIES.get(b.type, b.type):
        return False
    return not (a.country and b.country and a.country != b.country)


def _tally(values: Iterable[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for value in values:
        found[value] = found.get(value, 0) + 1
    return dict(sorted(found.items()))


def _zeroed(counts: Any) -> dict[str, int]:
    return {key: int(counts.get(key, 0)) for key in ("added", "updated", "unchanged")}


__all__ = ["ORIGINS", "ImportSummary", "builtin_batch", "derive_same_as", "ensure_builtin", "import_files",
           "read_file"]
