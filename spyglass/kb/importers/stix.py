"""STIX 2.1 bundles: ATT&CK's intrusion sets, campaigns, software and their relationships, and the
identities, threat actors and locations of a bundle `spyglass export stix` wrote.

Parsed with the json module only: a bundle is plain JSON, and every check below names the file,
the object's index and id, and the field, so a user can find the fault in a 40 MB download.
Revoked objects are kept and marked `revoked` (with the object that replaced them); deprecated
ones are kept and marked `deprecated`. Both stay visible to `kb show`; the linker ignores
revoked entries because ATT&CK moved their names to the replacement.

An exported bundle imports back to the model's types: identity objects by identity_class (individual
and group are people; organization with the government sector an agency, else a company when the name
carries a legal form, else an organisation; class a sector), threat actors as people or (legal form)
companies, locations as countries or regions. A `x_spyglass_type` property, where present, names the
type outright. Identities that author the bundle (`created_by_ref`: MITRE, spyglass) are no entries.
A spyglass relationship's description says which model predicates it stands for ("X part of Y."), so
`related-to` and a merged `attributed-to` come back as part_of, officer_of, agent_of and so on.
"""

from __future__ import annotations

import re
from typing import Any

from spyglass.errors import InputError
from spyglass.kb.builtin import normalise_alias
from spyglass.kb.store import SOFTWARE, Entry, ImportBatch, Relationship
from spyglass.model.vocabulary import LEGAL_FORM, PREDICATE_VERBS

# STIX type -> KB type. Everything else in a full ATT&CK download (attack-pattern,
# course-of-action, x-mitre-*) is skipped and counted, as are reports, notes and markings.
IMPORTED: dict[str, str] = {
    "intrusion-set": "threat_group",
    "campaign": "operation",
    "malware": SOFTWARE,
    "tool": SOFTWARE,
}
# Types whose KB type depends on the object's properties (see `kb_type`).
DESCRIBED: tuple[str, ...] = ("identity", "threat-actor", "location")
# ATT&CK's revoked-by means "merged into": the same group under the replacement's name.
RELATIONSHIPS: dict[str, str] = {
    "attributed-to": "attributed_to", "uses": "uses", "revoked-by": "same_as",
    "targets": "targets", "located-at": "located_in", "related-to": "related_to",
}
# The model types a bundle may name in x_spyglass_type (persons, places and sectors included: an
# exported bundle carries them, and the store takes any type; the linker reads only the KB types).
SPYGLASS_TYPES: tuple[str, ...] = (
    "person", "state_agency", "agency_unit", "government_body", "company", "organization", "country", "region",
    "threat_group", "operation", "sector",
)
_ALIASED = ("intrusion-set", "campaign", "threat-actor", "identity", "location")
# STIX threat-actor types that name a collective rather than a person or a firm
_COLLECTIVE = {"nation-state", "crime-syndicate", "activist", "terrorist"}
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
    authors = {o.get("created_by_ref") for o in objects if isinstance(o, dict)}
    for index, obj in enumerate(objects):
        where = _check_object(obj, index, label)
        if obj["type"] not in IMPORTED and obj["type"] not in DESCRIBED and obj["type"] != "relationship":
            batch.skipped[f"object type {obj['type']}"] += 1
            continue
        if obj["type"] == "identity" and obj["id"] in authors:
            # the bundle's author (The MITRE Corporation, spyglass itself), not something it describes
            batch.skipped["object type identity"] += 1
            continue
        _check_fields(obj, where)
        if obj["type"] in DESCRIBED and kb_type(obj) is None:
            batch.skipped[_unmapped(obj)] += 1
            continue
        previous = latest.get(obj["id"])
        # STIX versions an object by `modified`; a bundle may carry several versions of one id.
        if previous is None or str(obj.get("modified", "")) >= str(previous[1].get("modified", "")):
            latest[obj["id"]] = (index, obj)
        if previous is not None:
            batch.skipped["older version of an object"] += 1
    names = {oid: _name(obj) for oid, (_, obj) in latest.items() if obj["type"] != "relationship"}
    spyglass = {oid for oid in authors if isinstance(oid, str) and oid.startswith("identity--")
                and any(o.get("id") == oid and o.get("name") == "spyglass" and o.get("identity_class") == "system"
                        for o in objects if isinstance(o, dict))}
    revoked_by: dict[str, str] = {}
    for oid, (index, obj) in latest.items():
        if obj["type"] != "relationship":
            continue
        rels = _relationship(obj, names, batch, obj.get("created_by_ref") in spyglass)
        batch.relationships.extend(rels)
        if rels and obj["relationship_type"] == "revoked-by":
            revoked_by[obj["source_ref"]] = obj["target_ref"]
    for oid, (index, obj) in latest.items():
        if obj["type"] != "relationship":
            batch.entries.append(_entry(obj, revoked_by.get(oid)))
    return batch


def kb_type(obj: dict[str, Any]) -> str | None:
    """The KB type a STIX object stands for; None for an identity or location spyglass keeps no entry of."""
    own = obj.get("x_spyglass_type")
    if isinstance(own, str) and own in SPYGLASS_TYPES:
        return own
    kind = obj["type"]
    if kind in IMPORTED:
        return IMPORTED[kind]
    if kind == "identity":
        cls = obj.get("identity_class", "unspecified")
        if cls in ("individual", "group"):
            return "person"  # a group identity is a case about several people
        if cls == "class":
            return "sector"
        if cls == "system":
            return None
        if "government" in (obj.get("sectors") or []):
            return "state_agency"  # an agency, a bureau or a ministry: the export writes them alike
        return "company" if _legal_form(obj["name"]) else "organization"
    if kind == "threat-actor":
        if _legal_form(obj["name"]):
            return "company"
        types = set(obj.get("threat_actor_types") or [])
        return "threat_group" if types & _COLLECTIVE and "spy" not in types else "person"
    if kind == "location":
        if obj.get("country"):
            return "country"
        return "region" if obj.get("region") or obj.get("name") else None
    return None


def _unmapped(obj: dict[str, Any]) -> str:
    if obj["type"] == "identity":
        return f"identity of class {obj.get('identity_class')}"
    return f"{obj['type']} without a country, region or name"


def _legal_form(name: str) -> bool:
    return bool(LEGAL_FORM.search(normalise_alias(name)))


def _name(obj: dict[str, Any]) -> str:
    """A location may have no name: then its country code or region names it."""
    return str(obj.get("name") or obj.get("country") or obj.get("region") or obj["id"])


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
        if obj["type"] != "location":  # STIX makes a location's name optional
            _string(obj, "name", where)
        for key in ("name", "country", "region", "identity_class"):
            if key in obj and not isinstance(obj[key], str):
                raise InputError(f"{where}: '{key}' must be a string")
        for key in ("sectors", "threat_actor_types"):
            if key in obj and not (isinstance(obj[key], list) and all(isinstance(v, str) for v in obj[key])):
                raise InputError(f"{where}: '{key}' must be a list of strings")
        alias_key = "aliases" if obj["type"] in _ALIASED else (
            "x_spyglass_aliases" if "x_spyglass_aliases" in obj else "x_mitre_aliases")
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
    alias_key = "aliases" if obj["type"] in _ALIASED else "x_mitre_aliases"
    data: dict[str, Any] = {"stix_type": obj["type"]}
    keys = ["created", "modified", "first_seen", "last_seen", "x_mitre_version", "x_mitre_domains"]
    if obj["type"] in DESCRIBED:
        keys += ["identity_class", "sectors", "threat_actor_types", "roles", "country", "region", "x_spyglass_type"]
    for key in keys:
        if obj.get(key) is not None:
            data[key] = obj[key]
    if ref.get("url"):
        data["url"] = ref["url"]
    if replaced_by:
        data["revoked_by"] = replaced_by
    name = _name(obj)
    return Entry(
        kb_id=obj["id"], origin="stix", source_key=obj["id"], name=name, type=kb_type(obj) or SOFTWARE,
        aliases=tuple(a for a in obj.get(alias_key) or [] if a != name),
        external_id=ref.get("external_id"), status=status, description=obj.get("description"), data=data,
    )


def _relationship(obj: dict[str, Any], names: dict[str, str], batch: ImportBatch,
                  spyglass: bool = False) -> list[Relationship]:
    """The KB relationships one STIX relationship states: one, or (a spyglass relationship whose
    description names several model predicates) one per predicate; none when it is skipped."""
    kind = obj["relationship_type"]
    if kind not in RELATIONSHIPS:
        batch.skipped[f"relationship type {kind}"] += 1
        return []
    ends = [obj["source_ref"].split("--")[0], obj["target_ref"].split("--")[0]]
    unused = [end for end in ends if end not in IMPORTED and end not in DESCRIBED]
    if unused:
        # e.g. `uses` of an attack-pattern in a full ATT&CK download: techniques are not KB entries.
        batch.skipped[f"{kind} relationship to {unused[0]}"] += 1
        return []
    if any(ref not in names for ref in (obj["source_ref"], obj["target_ref"])) and \
            any(end in DESCRIBED for end in ends):
        # an author identity, or one this bundle does not hold: no entry to relate
        batch.skipped[f"{kind} relationship to an object not imported"] += 1
        return []
    if obj.get("revoked") or obj.get("x_mitre_deprecated"):
        batch.skipped["revoked or deprecated relationship"] += 1
        return []
    url = next((r["url"] for r in obj.get("external_references", []) if r.get("url")), None)
    created = obj.get("created")
    subject_name = names.get(obj["source_ref"], obj["source_ref"])
    object_name = names.get(obj["target_ref"], obj["target_ref"])
    predicates = [RELATIONSHIPS[kind]]
    if spyglass and kind in ("related-to", "attributed-to", "targets", "located-at"):
        predicates = described_predicates(obj.get("description"), subject_name, object_name) or predicates
    return [
        Relationship(
            rel_id=obj["id"] if len(predicates) == 1 else f"{obj['id']}#{predicate}", subject=obj["source_ref"],
            subject_name=subject_name, predicate=predicate, object=obj["target_ref"], object_name=object_name,
            origin="stix",
            # the day the source recorded the statement: ATT&CK relationships carry no date of the event itself
            date=created[:10] if created else None, source_url=url, source_ref=obj["id"],
            note=obj.get("description"),
        )
        for predicate in predicates
    ]


def described_predicates(description: Any, subject: str, obj: str) -> list[str]:
    """The model predicates a spyglass relationship's first sentence names ("A part of; focuses on B."),
    in its order; empty when the description is not spyglass's or names a verb spyglass does not write."""
    if not isinstance(description, str) or not description.startswith(subject + " "):
        return []
    rest = description[len(subject) + 1:]
    end = rest.find(f" {obj.rstrip('.')}.")
    if end <= 0:
        return []
    by_words = {words: predicate for predicate, words in PREDICATE_VERBS.items()}
    found = [by_words.get(words) for words in rest[:end].split("; ")]
    return [p for p in found if p] if all(found) else []
