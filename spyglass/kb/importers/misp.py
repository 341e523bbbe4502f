"""MISP galaxy clusters: threat actors (synonyms, country, suspected state sponsor), intelligence agencies, countries.

A cluster is plain JSON: {"type": ..., "uuid": ..., "values": [{"value", "uuid", "meta", "related"}]}.
Each value becomes one entry keyed on its uuid. MISP's `related` links are kept where they
map onto a spyglass predicate; "similar", "overlaps" and the like are counted and skipped,
because similarity is not identity and the model has no predicate for it.
"""

from __future__ import annotations

import re
from typing import Any

import pycountry

from spyglass.errors import InputError
from spyglass.extract.places import country_name
from spyglass.kb.store import Entry, ImportBatch, Relationship, content_hash

# galaxy type -> KB type
GALAXY_TYPES: dict[str, str] = {
    "threat-actor": "threat_group",
    "intelligence-agency": "state_agency",
    "country": "country",
}
RELATED: dict[str, str] = {"uses": "uses", "targets": "targets", "part-of": "part_of", "located-in": "located_in"}
SPONSOR_KEY = "cfr-suspected-state-sponsor"
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_NO_COUNTRY = {"", "unknown", "none", "n/a"}


def kb_id(uuid: str) -> str:
    return f"misp--{uuid.lower()}"


def country_label(value: str | None) -> str | None:
    """A country as spyglass writes it ("CN" -> "China", "Russian Federation" -> "Russia"), or None."""
    if value is None or value.strip().casefold() in _NO_COUNTRY:
        return None
    text = value.strip()
    if len(text) == 2 and text.isalpha():
        found = pycountry.countries.get(alpha_2=text.upper())
        if found is not None:
            text = found.name
    return country_name(text) or text


def parse_cluster(raw: Any, label: str) -> ImportBatch:
    """Check a galaxy cluster and turn its values into entries and relationships."""
    if not isinstance(raw, dict):
        raise InputError(f"{label}: expected a MISP galaxy cluster (a JSON object), found {type(raw).__name__}")
    values = raw.get("values")
    if not isinstance(values, list):
        raise InputError(f"{label}: the MISP galaxy cluster has no 'values' list (the cluster's entries)")
    galaxy = raw.get("type")
    if galaxy not in GALAXY_TYPES:
        raise InputError(
            f"{label}: galaxy type {galaxy!r} is not one spyglass imports; expected one of: {', '.join(GALAXY_TYPES)}"
        )
    batch = ImportBatch(origin="misp", source=f"{galaxy} v{raw.get('version', '?')}")
    seen: dict[str, int] = {}
    names: dict[str, str] = {}
    for index, value in enumerate(values):
        _check_value(value, index, label)
        uuid = value["uuid"].lower()
        if uuid in seen:
            raise InputError(f"{label}: values #{seen[uuid]} and #{index} share the uuid {uuid}; uuids must be unique")
        seen[uuid] = index
        names[uuid] = value["value"]
    for value in values:
        batch.entries.append(_entry(value, galaxy, raw))
        batch.relationships += _relationships(value, names, batch)
    return batch


def _check_value(value: Any, index: int, label: str) -> None:
    where = f"{label}: values[{index}]"
    if not isinstance(value, dict):
        raise InputError(f"{where}: expected a JSON object, found {type(value).__name__}")
    if isinstance(value.get("value"), str):
        where = f"{where} ({value['value']!r})"
    if not isinstance(value.get("value"), str) or not value["value"].strip():
        raise InputError(f"{where}: 'value' (the entry's name) must be a non-empty string")
    if not isinstance(value.get("uuid"), str) or not _UUID.match(value["uuid"]):
        raise InputError(f"{where}: 'uuid' must be a UUID string, found {value.get('uuid')!r}")
    if "description" in value and not isinstance(value["description"], str):
        raise InputError(f"{where}: 'description' must be a string")
    meta = value.get("meta", {})
    if not isinstance(meta, dict):
        raise InputError(f"{where}: 'meta' must be an object")
    for key in ("synonyms", "refs"):
        items = meta.get(key, [])
        if not isinstance(items, list) or not all(isinstance(s, str) for s in items):
            raise InputError(f"{where}: meta.{key} must be a list of strings")
    for key in ("country", "country_name", "ISO", SPONSOR_KEY, "Capital"):
        if key in meta and not isinstance(meta[key], str):
            raise InputError(f"{where}: meta.{key} must be a string, found {type(meta[key]).__name__}")
    related = value.get("related", [])
    if not isinstance(related, list):
        raise InputError(f"{where}: 'related' must be a list")
    for i, link in enumerate(related):
        if not isinstance(link, dict) or not isinstance(link.get("dest-uuid"), str) \
                or not isinstance(link.get("type"), str):
            raise InputError(f"{where}: related[{i}] needs string 'dest-uuid' and 'type'")


def _entry(value: dict[str, Any], galaxy: str, cluster: dict[str, Any]) -> Entry:
    meta: dict[str, Any] = value.get("meta", {})
    code = meta.get("ISO") if galaxy == "country" else meta.get("country")
    data: dict[str, Any] = {"galaxy": galaxy, "cluster": cluster.get("uuid"), "cluster_version": cluster.get("version")}
    if code:
        data["country_code"] = code
    for key, out in ((SPONSOR_KEY, "sponsor"), ("attribution-confidence", "attribution_confidence"),
                     ("Capital", "capital"), ("ISO3", "iso3"), ("refs", "refs")):
        if meta.get(key):
            data[out] = meta[key]
    synonyms = [s for s in meta.get("synonyms", []) if s.strip() and s != value["value"]]
    return Entry(
        kb_id=kb_id(value["uuid"]), origin="misp", source_key=value["uuid"].lower(), name=value["value"],
        type=GALAXY_TYPES[galaxy], aliases=tuple(synonyms),
        country=country_label(code) or country_label(meta.get("country_name")),
        description=value.get("description"), data=data,
    )


def _relationships(value: dict[str, Any], names: dict[str, str], batch: ImportBatch) -> list[Relationship]:
    meta: dict[str, Any] = value.get("meta", {})
    subject = kb_id(value["uuid"])
    refs = meta.get("refs", [])
    rels: list[Relationship] = []
    sponsor = country_label(meta.get(SPONSOR_KEY))
    if sponsor:
        # CFR's cyber-operations tracker is where this field comes from; cite its page when listed.
        url = next((r for r in refs if "cfr.org" in r), refs[0] if refs else None)
        rels.append(Relationship(
            rel_id=f"misp-rel--{content_hash([subject, SPONSOR_KEY])[:32]}", subject=subject,
            subject_name=value["value"], predicate="attributed_to", object=None, object_name=sponsor,
            origin="misp", source_url=url, source_ref=f"{value['uuid'].lower()}#meta.{SPONSOR_KEY}",
            note=f"MISP meta.{SPONSOR_KEY}: {meta[SPONSOR_KEY]}",
        ))
    for link in value.get("related", []):
        predicate = RELATED.get(link["type"])
        if predicate is None:
            batch.skipped[f"related type {link['type']}"] += 1
            continue
        dest = link["dest-uuid"].lower()
        tags = [t for t in link.get("tags", []) if isinstance(t, str)]
        rels.append(Relationship(
            rel_id=f"misp-rel--{content_hash([subject, link['type'], dest])[:32]}", subject=subject,
            subject_name=value["value"], predicate=predicate, object=kb_id(dest),
            object_name=names.get(dest, dest), origin="misp", source_ref=f"{value['uuid'].lower()}#related",
            note="; ".join(tags) or None,
        ))
    return rels
