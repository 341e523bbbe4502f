"""A STIX bundle checked against the store it came from: stix2-validator's verdict, what it owes its sources.

`audit` reads what it expects from the store itself (its documents table, its claims, its case files),
not from the exporter, and what it finds from the bundle alone:
- every stored document has a report (found by the spyglass document id in the report's references);
- every relationship names a source (documents, or the knowledge base's URLs), and each of its source
  documents has a report whose object_refs list the relationship;
- every method the store's `used_method` claims document has an attack-pattern, and there are `uses`
  relationships when some of those claims name their actor;
- every threat actor is the subject of a case that is not cleared (a defendant), by name;
- no object refers to an id missing from the bundle.
`benchmarks/stix_check.py` prints these figures for a store; the tests pin them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from spyglass.errors import SpyglassError
from spyglass.export.graph import CLEARED
from spyglass.run.cases import case_records
from spyglass.store import Store


@dataclass
class Validation:
    """What stix2-validator says of a bundle: errors (it is invalid) and warnings counted by check code."""

    errors: list[str]
    warnings: Counter[str]

    def line(self) -> str:
        codes = ", ".join(f"{n} x {{{code}}}" for code, n in sorted(self.warnings.items()))
        return f"stix2-validator: {len(self.errors)} errors, {sum(self.warnings.values())} warnings ({codes or 'none'})"


def validate(bundle: dict[str, Any]) -> Validation:
    try:
        from stix2validator import ValidationOptions, validate_instance  # type: ignore[import-untyped]
    except ImportError as exc:
        raise SpyglassError("validation needs stix2-validator: pip install 'stix2-validator>=3.3,<4'") from exc
    result = validate_instance(bundle, ValidationOptions(version="2.1"))
    codes: Counter[str] = Counter()
    for warning in result.warnings or []:
        text = str(warning)
        codes[text.split("{", 1)[1].split("}", 1)[0] if "{" in text else "?"] += 1
    return Validation([str(e) for e in result.errors], codes)


@dataclass
class Audit:
    """The figures of one bundle against its store; `problems()` is empty when the bundle owes nothing."""

    documents: int = 0
    reports: int = 0
    reports_first_stored: int = 0  # dated by the day the document was first stored
    documents_without_report: list[str] = field(default_factory=list)
    relationships: int = 0
    relationships_from_documents: int = 0
    unsourced: list[str] = field(default_factory=list)  # relationships with neither a document nor a URL
    unreachable: list[str] = field(default_factory=list)  # "relationship id <- document id" not in its report
    methods_documented: int = 0
    attack_patterns: int = 0
    methods_without_pattern: list[str] = field(default_factory=list)
    method_claims_with_actor: int = 0
    uses: int = 0
    threat_actors: int = 0
    threat_actors_not_defendants: list[str] = field(default_factory=list)
    intrusion_sets: int = 0
    identities: int = 0
    dangling_refs: list[str] = field(default_factory=list)
    validation: Validation | None = None

    def problems(self) -> list[str]:
        found = [f"{len(v)} {label}: {', '.join(v[:3])}" for label, v in (
            ("documents without a report", self.documents_without_report),
            ("relationships without a source", self.unsourced),
            ("relationship sources not reachable through a report", self.unreachable),
            ("documented methods without an attack-pattern", self.methods_without_pattern),
            ("threat actors that are no defendant", self.threat_actors_not_defendants),
            ("references to objects not in the bundle", self.dangling_refs)) if v]
        if self.method_claims_with_actor and not self.uses:
            found.append(f"{self.method_claims_with_actor} method uses name their actor, and no `uses` relationship")
        if self.validation is not None and self.validation.errors:
            found.append(f"{len(self.validation.errors)} validator errors: {self.validation.errors[0]}")
        return found

    def figures(self) -> dict[str, Any]:
        """The counts (lists as their lengths), for a report or JSON."""
        out: dict[str, Any] = {k: (len(v) if isinstance(v, list) else v) for k, v in vars(self).items()
                               if k != "validation"}
        if self.validation is not None:
            out["validator_errors"] = len(self.validation.errors)
            out["validator_warnings"] = dict(sorted(self.validation.warnings.items()))
        return out


def audit(bundle: dict[str, Any], store: Store, run_validator: bool = True) -> Audit:
    """What `bundle` owes the store it was exported from, counted (see the module's docstring)."""
    objects = bundle["objects"]
    by_type: dict[str, list[dict[str, Any]]] = {}
    for obj in objects:
        by_type.setdefault(obj["type"], []).append(obj)
    ids = {o["id"] for o in objects}
    found = Audit(validation=validate(bundle) if run_validator else None)

    stored = [r["doc_id"] for r in store.conn.execute("SELECT doc_id FROM documents ORDER BY doc_id")]
    reports = by_type.get("report", [])
    report_of: dict[str, set[str]] = {}  # document id -> the ids its report lists
    for report in reports:
        for doc_id in _spyglass_ids(report):
            report_of.setdefault(doc_id, set()).update(report.get("object_refs", []))
    found.documents, found.reports = len(stored), len(reports)
    found.reports_first_stored = sum(r.get("x_spyglass_published_from") == "first_stored" for r in reports)
    found.documents_without_report = [d for d in stored if d not in report_of]

    relationships = by_type.get("relationship", [])
    found.relationships = len(relationships)
    for rel in relationships:
        docs = _spyglass_ids(rel)
        urls = [r for r in rel.get("external_references", []) if r.get("url")]
        found.relationships_from_documents += bool(docs)
        if not docs and not urls:
            found.unsourced.append(rel["id"])
        found.unreachable += [f"{rel['id']} <- {d}" for d in docs if rel["id"] not in report_of.get(d, set())]

    documented = sorted({r["object"] for r in store.conn.execute(
        "SELECT DISTINCT object FROM claims WHERE predicate = 'used_method' AND object IS NOT NULL")})
    patterns = {ref.get("external_id") for p in by_type.get("attack-pattern", [])
                for ref in p.get("external_references", []) if ref.get("source_name") == "spyglass-methods"}
    found.methods_documented, found.attack_patterns = len(documented), len(by_type.get("attack-pattern", []))
    found.methods_without_pattern = [m for m in documented if m not in patterns]
    found.method_claims_with_actor = store.conn.execute(
        "SELECT COUNT(*) FROM claims WHERE predicate = 'used_method' AND subject_type IS NOT NULL").fetchone()[0]
    found.uses = sum(r["relationship_type"] == "uses" for r in relationships)

    defendants = {r["name"] for r in case_records(store) if r["status"] not in CLEARED}
    found.threat_actors = len(by_type.get("threat-actor", []))
    found.threat_actors_not_defendants = sorted(t["name"] for t in by_type.get("threat-actor", [])
                                                if t["name"] not in defendants)
    found.intrusion_sets = len(by_type.get("intrusion-set", []))
    found.identities = len(by_type.get("identity", []))
    found.dangling_refs = sorted({f"{o['id']} -> {ref}" for o in objects for ref in _refs(o) if ref not in ids})
    return found


def _spyglass_ids(obj: dict[str, Any]) -> list[str]:
    """The spyglass document ids an object's external references carry."""
    return [r["external_id"] for r in obj.get("external_references", [])
            if r.get("source_name") == "spyglass" and r.get("external_id")]


def _refs(obj: dict[str, Any]) -> list[str]:
    refs = [obj[k] for k in ("source_ref", "target_ref", "created_by_ref") if isinstance(obj.get(k), str)]
    return refs + list(obj.get("object_refs", []))
