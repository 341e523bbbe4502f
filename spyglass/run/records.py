"""The JSON record of one case, as `spyglass cases --format json` prints it and the exporters and
web pages read it."""

from __future__ import annotations

from typing import Any

from spyglass.model import Case
from spyglass.resolve.cases import sponsor_aliases


def case_record(case: Case, docs: dict[str, Any], group_of: dict[str, str], claims: list[Any]) -> dict[str, Any]:
    names = {case.name, *case.aliases}
    nationality = sorted({c.object for c in claims if c.predicate == "citizen_of" and c.subject in names and c.object})

    def source(doc_id: str) -> dict[str, Any]:
        doc = docs.get(doc_id)
        return {"document": doc_id, "path": doc.source_path if doc else None, "url": doc.url if doc else None,
                "publisher": doc.publisher if doc else None, "published": doc.published if doc else None,
                "independent_group": group_of.get(doc_id, doc_id)}

    sentence_text = None
    for claim in claims:
        if claim.predicate == "sentenced" and claim.subject in names and claim.value and not claim.value.isdigit():
            sentence_text = claim.value  # "life", "suspended: 24"
    return {
        "case_id": case.case_id,
        "name": case.name,
        "aliases": case.aliases,
        "kind": case.kind,
        "sponsor": {"name": case.sponsor, "aliases": sponsor_aliases(case.sponsor)} if case.sponsor else None,
        "parent_agency": case.parent_agency,
        "role": case.role,
        "nationality": nationality[0] if len(nationality) == 1 else (nationality or None),
        "targets": case.targets,
        "charges": case.charges,
        "convicted_of": case.convicted_of,
        "prosecuting_country": case.prosecuting_country,
        "status": case.status,
        "sentence_months": case.sentence_months,
        "sentence": sentence_text,
        "dates": {k: d.value for k, d in _dates(case).items()},
        "date_precision": {k: d.precision for k, d in _dates(case).items()},
        "sources": [source(d) for d in case.documents],
        "methods": case_methods(names, claims, docs),
        "roles_seen": ["defendant or suspect", *sorted({ROLE_LABELS.get(c.value or "", c.value or "") for c in claims
                                                        if c.predicate == "named_as" and c.subject in names
                                                        and len(c.subject.split()) >= 2 and c.doc_id in case.documents})],
        "conflicts": [{"field": c["field"], "chosen": c["chosen"], "why": c["reason"],
                       "values": [{"value": v["value"], "sources": [source(d) for d in v["documents"]]}
                                  for v in c["values"]]} for c in case.conflicts],
    }


def _dates(case: Case) -> dict[str, Any]:
    """Each event's date; an indictment dates the charge when no earlier charge is dated (a grand
    jury's indictment is how most US cases are charged)."""
    dates = {e.status: e.date for e in case.timeline if e.date}
    if "indicted" in dates and "charged" not in dates:
        dates["charged"] = dates["indicted"]
    return dates


ROLE_LABELS = {"lawyer": "lawyer", "judge": "judge or court", "official": "official (prosecutor, police, minister, "
               "spokesperson)", "politician": "politician", "journalist": "journalist", "credit": "byline or image credit",
               "witness": "witness", "victim": "target or victim", "employer": "employer", "relative": "relative"}


def case_methods(names: set[str], claims: list[Any], docs: dict[str, Any]) -> list[dict[str, Any]]:
    """Tradecraft documented in this case: used by or against the case's subject, with evidence."""
    out = []
    for c in claims:
        if c.predicate == "used_method" and (c.subject in names or (c.value or "") in names):
            doc = docs.get(c.doc_id)
            out.append({"method": c.object, "actor": c.subject, "target": c.value, "hedge": c.hedge,
                        "document": c.doc_id, "publisher": doc.publisher if doc else None,
                        "evidence": " ".join(doc.text[c.start : c.end].split()) if doc else None})
    return out
