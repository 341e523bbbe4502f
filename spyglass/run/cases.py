"""Case files over a store: its documents, claims and mentions, and the analysts' judgements."""

from __future__ import annotations

import copy
from typing import Any

from spyglass.errors import NotFound
from spyglass.model import Case
from spyglass.resolve import judgements
from spyglass.resolve.cases import build_cases, sponsor_aliases
from spyglass.resolve.names import compare
from spyglass.resolve.syndication import groups
from spyglass.store import Store
from spyglass.run.records import ROLE_LABELS, case_methods, case_record
from spyglass.run.resolution import refresh
from spyglass.store import extracted, resolved


def cases_in(store: Store) -> list[Case]:
    """The store's cases, as the resolution layer keeps them (brought up to date first)."""
    return [case for case, _ in resolved_cases(store)]


def assemble_all(store: Store) -> list[Case]:
    """Every case assembled from the whole store at once, ignoring the resolution layer: what the
    layer's block-by-block cases must equal."""
    docs = list(store.documents())
    rules = judgements.as_rules(judgements.load(store))
    return build_cases(docs, extracted.claim_records(store), extracted.mention_records(store), rules)


_READ: dict[str, tuple[str, list[tuple[Case, dict[str, Any]]]]] = {}


def resolved_cases(store: Store) -> list[tuple[Case, dict[str, Any]]]:
    """Each case with its JSON record, from the resolution layer (refreshed when the store changed)."""
    refresh(store)
    mark = resolved.state(store, "fingerprint") or ""
    cached = _READ.get(str(store.path))
    if cached is None or cached[0] != mark:
        cached = (mark, [(case, record) for case, record, _ in resolved.cases(store)])
        _READ[str(store.path)] = cached
    return [(copy.deepcopy(case), record) for case, record in cached[1]]


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
    """Cases as the JSON objects `spyglass cases --format json` prints (and exporters read), as the
    resolution layer keeps them; `cases` (from `cases_in`) picks some of them."""
    every = resolved_cases(store)
    if cases is None:
        return [record for _, record in every]
    wanted = {(c.case_id, c.name, tuple(c.documents)) for c in cases}
    return [record for case, record in every if (case.case_id, case.name, tuple(case.documents)) in wanted]


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


def _block_of(store: Store, case: Case) -> set[str] | None:
    """The documents of the block the case was resolved in (everything it was assembled from)."""
    resolved.ensure(store)
    rows = store.conn.execute("SELECT doc_id FROM resolution_blocks WHERE block_id IN (SELECT block_id FROM "
                              "resolved_cases WHERE case_id = ?)", (case.case_id,)).fetchall()
    return {r[0] for r in rows} or None


def case_file(store: Store, case: Case) -> dict[str, Any]:
    """Everything an analyst reads about one case, each fact with the documents that report it."""
    block = _block_of(store, case)
    docs = {d.doc_id: d for d in store.documents() if block is None or d.doc_id in block}
    group_of = groups(list(docs.values()))
    claims = {c.claim_id: c for c in extracted.claim_records(store, sorted(block) if block is not None else None)}
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
        "methods": case_methods({case.name, *case.aliases}, list(claims.values()), docs),
        "people_named": _people_named(case, list(claims.values()), docs),
        "documents": [{"id": d, "title": docs[d].title, "publisher": docs[d].publisher, "published": docs[d].published,
                       "syndication_group": group_of.get(d)} for d in case.documents if d in docs],
    }
