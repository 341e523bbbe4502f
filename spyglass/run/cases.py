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
        "documents": [{"id": d, "title": docs[d].title, "publisher": docs[d].publisher, "published": docs[d].published,
                       "syndication_group": group_of.get(d)} for d in case.documents if d in docs],
    }
