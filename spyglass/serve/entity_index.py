"""Per-entity aggregates over every claim, computed once per store state so an entity page reads them.

An entity page lists an entity's relations to other entities with the documents behind each; a
bureau named in thousands of reports would otherwise walk all its claims on every request.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

Relation = dict[str, Any]


def relations(claims: list[dict[str, Any]], claim_lists: Iterable[tuple[str, list[int]]],
              name_of: Callable[[str], str] = lambda name: name) -> dict[str, list[Relation]]:
    """Entity key (a casefolded name) -> its relations, most documented first: one for each predicate,
    direction ("out" when the entity is the claim's subject, else "in") and other entity, with the
    number of documents that state it. `claim_lists` gives each entity key with the positions in
    `claims` of the claims that name it; `name_of` gives the entity a spelling is one of."""
    out: dict[str, list[Relation]] = {}
    for key, positions in claim_lists:
        found: dict[tuple[str, str, str], Relation] = {}
        for i in positions:
            c = claims[i]
            if not c["object"] or not c["object_type"]:
                continue
            subject, obj = name_of(c["subject"]), name_of(c["object"])
            outgoing = subject.casefold() == key
            other, direction = (obj, "out") if outgoing else (subject, "in")
            rel = found.get((c["predicate"], direction, other.casefold()))
            if rel is None:
                rel = found[(c["predicate"], direction, other.casefold())] = {
                    "predicate": c["predicate"], "direction": direction, "other": other,
                    "other_type": c["object_type"] if outgoing else c["subject_type"], "documents": set()}
            rel["documents"].add(c["doc_id"])
        if found:
            out[key] = sorted(({**r, "documents": len(r["documents"])} for r in found.values()),
                              key=lambda r: (-r["documents"], r["predicate"], r["other"]))
    return out
