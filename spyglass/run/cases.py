"""Case files over a store: its documents, claims and mentions, and the analysts' judgements."""

from __future__ import annotations

from typing import Any

from spyglass.errors import NotFound
from spyglass.model import Case
from spyglass.resolve import judgements
from spyglass.resolve.cases import build_cases, sponsor_aliases
from spyglass.resolve.names import compare
from spyglass.resolve.syndication import groups
from spyglass.store import Store
from spyglass.store import extracted


def cases_in(store: Store) -> list[Case]:
    docs = list(store.documents())
    rules = judgements.as_rules(judgements.load(store))
    return build_cases(docs, extracted.claim_records(store), extracted.mention_records(store), rules)


def find_case(cases: list[Case], name: str) -> Case:
    """The case a name means: exact name or alias first, then the best strong name match."""
    for case in cases:
        if name.casefold() in {n.casefold() for n in [case.name, *case.aliases]} or case.case_id.startswith(name):
            return case
    scored = sorted(((max(compare(name, n).score for n in [case.name, *case.aliases]), case) for case in cases),
                    key=lambda pair: -pair[0])
    if scored and scored[0][0] >= 0.85:
        return scored[0][1]
    raise NotFound(f"no case is called {name!r}; `spyglass cases` lists them")


def case_records(store: Store, cases: list[Case] | None = None) -> list[dict[str, Any]]:
    """Cases as the JSON objects `spyglass cases --format json` prints (and exporters read)."""
    docs = {d.doc_id: d for d in store.documents()}
    group_of = groups(list(docs.values()))
    claims = extracted.claim_records(store)
    return [case_record(case, docs, group_of, claims) for case in (cases if cases is not None else cases_in(store))]


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
        "methods": _methods(names, claims, docs),
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


def _people_named(case: Case, claims: list[Any], docs: dict[str, Any]) -> list[dict[str, Any]]:
    """People the case's reports name in a role that is not a party's, with where: why they are
    not cases ("named as: lawyer")."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    names = {case.name, *case.aliases}
    for c in claims:
        if c.predicate == "named_as" and c.doc_id in case.documents and c.subject not in names:
            doc = docs.get(c.doc_id)
            entry = out.setdefault((c.subject, c.value or ""), {
                "name": c.subject, "named_as": ROLE_LABELS.get(c.value or "", c.value), "documents": [],
                "evidence": " ".join(doc.text[c.start : c.end].split())[:300] if doc else None})
            entry["documents"].append(c.doc_id)
    return sorted(out.values(), key=lambda p: (p["named_as"] or "", p["name"]))


def _methods(names: set[str], claims: list[Any], docs: dict[str, Any]) -> list[dict[str, Any]]:
    """Tradecraft documented in this case: used by or against the case's subject, with evidence."""
    out = []
    for c in claims:
        if c.predicate == "used_method" and (c.subject in names or (c.value or "") in names):
            doc = docs.get(c.doc_id)
            out.append({"method": c.object, "actor": c.subject, "target": c.value, "hedge": c.hedge,
                        "document": c.doc_id, "publisher": doc.publisher if doc else None,
                        "evidence": " ".join(doc.text[c.start : c.end].split()) if doc else None})
    return out


def case_file(store: Store, case: Case) -> dict[str, Any]:
    """Everything an analyst reads about one case, each fact with the documents that report it."""
    docs = {d.doc_id: d for d in store.documents()}
    group_of = groups(list(docs.values()))
    claims = {c.claim_id: c for c in extracted.claim_records(store)}
    timeline = []
    for event in case.timeline:
        sources = []
        for claim_id in event.claim_ids:
            claim = claims.get(claim_id)
            if claim is None:
                continue
            doc = docs[claim.doc_id]
            sources.append({"document": claim.doc_id, "publisher": doc.publisher, "published": doc.published,
                            "date": str(claim.date) if claim.date else None, "hedge": claim.hedge,
                            "evidence": " ".join(doc.text[claim.start : claim.end].split())})
        timeline.append({"event": event.status, "date": event.date.value if event.date else None,
                         "precision": event.date.precision if event.date else None, "sources": sources})
    return {
        "case_id": case.case_id, "name": case.name, "kind": case.kind, "aliases": case.aliases, "role": case.role,
        "sponsor": case.sponsor, "sponsor_aliases": sponsor_aliases(case.sponsor), "parent_agency": case.parent_agency,
        "prosecuting_country": case.prosecuting_country, "status": case.status,
        "sentence_months": case.sentence_months, "targets": case.targets, "charges": case.charges,
        "convicted_of": case.convicted_of, "timeline": timeline, "conflicts": case.conflicts,
        "methods": _methods({case.name, *case.aliases}, list(claims.values()), docs),
        "people_named": _people_named(case, list(claims.values()), docs),
        "documents": [{"id": d, "title": docs[d].title, "publisher": docs[d].publisher, "published": docs[d].published,
                       "syndication_group": group_of.get(d)} for d in case.documents if d in docs],
    }
