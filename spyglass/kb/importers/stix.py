"""STIX 2.1 bundles (MITRE ATT&CK): intrusion sets, campaigns, software and their relationships.

Parsed with the json module only: a bundle is plain JSON, and every check below names the file,
the object's index and id, and the field, so a user can find the fault in a 40 MB download.
Revoked objects are kept and marked `revoked` (with the object that replaced them); deprecated
ones are kept and marked `deprecated`. Both stay visible to `kb show`; the linker ignores
revoked entries because ATT&CK moved their names to the replacement.
"""

from __future__ import annotations

import re
from typing import Any

from spyglass.errors import InputError
from spyglass.kb.store import SOFTWARE, Entry, ImportBatch, Relationship

# STIX type -> KB type. Everything else in a full ATT&CK download (attack-pattern,
# course-of-action, x-mitre-*) is skipped and counted.
IMPORTED: dict[str, str] = {
    "intrusion-set": "threat_group",
    "campaign": "operation",
    "malware": SOFTWARE,
    "tool": SOFTWARE,
}
# ATT&CK's revoked-by means "merged into": the same group under the replacement's name.
RELATIONSHIPS: dict[str, str] = {"attributed-to": "attributed_to", "uses": "uses", "revoked-by": "same_as"}
_ATTACK_SOURCES = ("mitre-attack", "mitre-ics-attack", "mitre-mobile-attack")
_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
_ID = re.compile(rf"^([a-z0-9][a-z0-9-]*[a-z0-9])--{_UUID}$")
_SPEC_VERSIONS = ("2.0", "2.1")


def parse_bundle(raw: Any, label: str) -> ImportBatch:
    """Check a bundle and turn the objects spyglass uses into entries and relationships."""
    if not isinstance(raw, dict) or raw.get("type") != "bundle":
        found = raw.get("type") if isinstance(raw, dict) else type(raw).__name__
        raise InputError(f"{label}: expected a STIX bundle (an object with \"type\": \"bundle\"), found {found!r}")
    objects = raw.get("objects")
    if not isinstance(objects, list):
        raise InputError(f"{label}: the STIX bundle has no 'objects' list")
    batch = ImportBatch(origin="stix", source=str(raw.get("id") or "bundle"))
    latest: dict[str, tuple[int, dict[str, Any]]] = {}
    for index, obj in enumerate(objects):
        where = _check_object(obj, index, label)
        if obj["type"] not in IMPORTED and obj["type"] != "relationship":
            batch.skipped[f"object type {obj['type']}"] += 1
            continue
        _check_fields(obj, where)
        previous = latest.get(obj["id"])
        # STIX versions an object by `modified`; a bundle may carry several versions of one id.
        if previous is None or str(obj.get("modified", "")) >= str(previous[1].get("modified", "")):
            latest[obj["id"]] = (index, obj)
        if previous is not None:
            batch.skipped["older version of an object"] += 1
    names = {oid: obj["name"] for oid, (_, obj) in latest.items() if obj["type"] in IMPORTED}
    revoked_by: dict[str, str] = {}
    for oid, (index, obj) in latest.items():
        if obj["type"] != "relationship":
            continue
        rel = _relationship(obj, names, batch)
        if rel is not None:
            batch.relationships.append(rel)
            if obj["relationship_type"] == "revoked-by":
                revoked_by[obj["source_ref"]] = obj["target_ref"]
    for oid, (index, obj) in latest.items():
        if obj["type"] in IMPORTED:
            batch.entries.append(_entry(obj, revoked_by.get(oid)))
    return batch


def _check_object(obj: Any, index: int, label: str) -> str:
    where = f"{label}: object #{index}"
    if not isinstance(obj, dict):
        raise InputError(f"{where}: expected a JSON object, found {type(obj).__name__}")
    if isinstance(obj.get("id"), str):
        where = f"{where} ({obj['id']})"
    kind = obj.get("type")
    if not isinstance(kind, str) or not kind:
        raise InputError(f"{where}: missing 'type' (every STIX object needs a type such as 'intrusion-set')")
    oid = obj.get("id")
    if not isinstance(oid, str):
        raise InputError(f"{where}: missing 'id' (a STIX id such as '{kind}--<uuid>')")
    match = _ID.match(oid)
    if not match or match.group(1) != kind:
        raise InputError(f"{where}: 'id' must be '{kind}--' followed by a UUID")
    spec = obj.get("spec_version")
    if spec is not None and spec not in _SPEC_VERSIONS:
        raise InputError(f"{where}: 'spec_version' is {spec!r}; spyglass reads STIX 2.1 (and 2.0) objects")
    return where


def _check_fields(obj: dict[str, Any], where: str) -> None:
    if obj["type"] == "relationship":
        for key in ("relationship_type", "source_ref", "target_ref"):
            _string(obj, key, where)
        for key in ("source_ref", "target_ref"):
            if not _ID.match(obj[key]):
                raise InputError(f"{where}: '{key}' {obj[key]!r} is not a STIX id ('<type>--<uuid>')")
    else:
        _string(obj, "name", where)
        alias_key = "aliases" if obj["type"] in ("intrusion-set", "campaign") else "x_mitre_aliases"
        aliases = obj.get(alias_key)
        if aliases is not None and not (
            isinstance(aliases, list) and all(isinstance(a, str) and a.strip() for a in aliases)
        ):
            raise InputError(f"{where}: '{alias_key}' must be a list of non-empty strings")
    for key in ("revoked", "x_mitre_deprecated"):
        if key in obj and not isinstance(obj[key], bool):
            raise InputError(f"{where}: '{key}' must be true or false, found {obj[key]!r}")
    for key in ("description", "created", "modified", "first_seen", "last_seen"):
        if key in obj and not isinstance(obj[key], str):
            raise InputError(f"{where}: '{key}' must be a string")
    refs = obj.get("external_references", [])
    if not isinstance(refs, list) or not all(isinstance(r, dict) for r in refs):
        raise InputError(f"{where}: 'external_references' must be a list of objects")
    for i, ref in enumerate(refs):
        for key in ("source_name", "external_id", "url"):
            if key in ref and not isinstance(ref[key], str):
                raise InputError(f"{where}: external_references[{i}].{key} must be a string")


def _string(obj: dict[str, Any], key: str, where: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{where}: '{key}' must be a non-empty string")
    return value


def _attack_ref(obj: dict[str, Any]) -> dict[str, Any]:
    for ref in obj.get("external_references", []):
        if ref.get("source_name") in _ATTACK_SOURCES and ref.get("external_id"):
            return dict(ref)
    return {}


def _entry(obj: dict[str, Any], replaced_by: str | None) -> Entry:
    ref = _attack_ref(obj)
    status = "revoked" if obj.get("revoked") else "deprecated" if obj.get("x_mitre_deprecated") else "active"
    alias_key = "aliases" if obj["type"] in ("intrusion-set", "campaign") else "x_mitre_aliases"
    data: dict[str, Any] = {"stix_type": obj["type"]}
    for key in ("created", "modified", "first_seen", "last_seen", "x_mitre_version", "x_mitre_domains"):
        if obj.get(key) is not None:
            data[key] = obj[key]
    if ref.get("url"):
        data["url"] = ref["url"]
    if replaced_by:
        data["revoked_by"] = replaced_by
    return Entry(
        kb_id=obj["id"], origin="stix", source_key=obj["id"], name=obj["name"], type=IMPORTED[obj["type"]],
        aliases=tuple(a for a in obj.get(alias_key) or [] if a != obj["name"]),
        external_id=ref.get("external_id"), status=status, description=obj.get("description"), data=data,
    )


def _relationship(obj: dict[str, Any], names: dict[str, str], batch: ImportBatch) -> Relationship | None:
    kind = obj["relationship_type"]
    if kind not in RELATIONSHIPS:
        batch.skipped[f"relationship type {kind}"] += 1
        return None
    ends = [obj["source_ref"].split("--")[0], obj["target_ref"].split("--")[0]]
    unused = [end for end in ends if end not in IMPORTED]
    if unused:
        # e.g. `uses` of an attack-pattern in a full ATT&CK download: techniques are not KB entries.
        batch.skipped[f"{kind} relationship to {unused[0]}"] += 1
        return None
    if obj.get("revoked") or obj.get("x_mitre_deprecated"):
        batch.skipped["revoked or deprecated relationship"] += 1
        return None
    url = next((r["url"] for r in obj.get("external_references", []) if r.get("url")), None)
    created = obj.get("created")
    return Relationship(
        rel_id=obj["id"], subject=obj["source_ref"], subject_name=names.get(obj["source_ref"], obj["source_ref"]),
        predicate=RELATIONSHIPS[kind], object=obj["target_ref"],
        object_name=names.get(obj["target_ref"], obj["target_ref"]), origin="stix",
        # the day MITRE recorded the statement: ATT&CK relationships carry no date of the event itself
        date=created[:10] if created else None, source_url=url, source_ref=obj["id"],
        note=obj.get("description"),
    )
