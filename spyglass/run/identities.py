"""Keep the store's entity layer current: names joined into entities, re-joined only where they change.

`update` runs in the same refresh that re-resolves cases (`run/resolution.py`). It rewrites the
sightings of the documents stored or extracted again, then re-joins only the names those documents
name (before and after), the names of the cases whose blocks were rebuilt, and everything these
names can reach: the whole entities they were in, names sharing a join key, alias-claim partners,
analysts' merges, and every name of a case listing one of them. That set is closed under the
evidence, so joining it alone (`resolve.identities.components`) gives what joining every name
gives; `rebuild` joins every name from nothing, and both write the same rows (tested).

Ids are stable: an entity's id comes from its smallest knowledge-base id, else its smallest name,
so a re-run, a rebuild or a document naming other things never changes it. It changes only when
the entity gains a smaller one (a merge: the joined entity takes the id of the part holding it) or
loses the one it had (a split, a re-extraction); the old id is then recorded as a redirect to the
entity that holds most of its names, and readers asking for the old id are sent there.
"""

from __future__ import annotations

import json
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any, Iterable

from spyglass.model import Claim, Mention
from spyglass.resolve.identities import (CaseNames, Component, Name, components, join_keys, person_key,
                                         person_keys_of)
from spyglass.store import Store, extracted
from spyglass.store import identities as rows


@dataclass
class _Seen:
    spellings: Counter[str] = field(default_factory=Counter)
    mention_types: Counter[str] = field(default_factory=Counter)
    claim_types: Counter[str] = field(default_factory=Counter)
    kb_ids: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)

    def name(self, key: str) -> Name:
        types = self.mention_types or self.claim_types
        type_ = sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if types else None
        spelling = sorted(self.spellings.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        return Name(key, spelling, type_, tuple(sorted(self.kb_ids)), len(self.documents))


@dataclass
class IdentityStep:
    """What one update did: names re-joined, entities written, ids redirected."""

    names: int = 0
    entities: int = 0
    redirects: int = 0


def sightings_of(mentions: Iterable[Mention], claims: Iterable[Claim]) -> tuple[list[tuple[Any, ...]],
                                                                               list[tuple[str, str, str]]]:
    """A document's (or many documents') sighting rows and alias links."""
    counts: Counter[tuple[Any, ...]] = Counter()
    for m in mentions:
        spelling = m.name or m.text
        counts[(m.doc_id, spelling.casefold(), spelling, m.text, m.type, "mention", m.kb_id)] += 1
    links: set[tuple[str, str, str]] = set()
    for c in claims:
        for name, type_ in ((c.subject, c.subject_type), (c.object, c.object_type)):
            if name and type_:
                counts[(c.doc_id, name.casefold(), name, name, type_, "claim", None)] += 1
        if c.predicate == "alias_of" and c.object:
            links.add((c.doc_id, c.subject.casefold(), c.object.casefold()))
    out = [(doc, name, spelling, text, type_, origin, n, kb) for (doc, name, spelling, text, type_, origin, kb), n
           in sorted(counts.items(), key=lambda kv: tuple(str(v) for v in kv[0]))]
    return out, sorted(links)


def rebuild(store: Store, rules: dict[str, Any], own_transaction: bool = True) -> IdentityStep:
    """Every document's sightings, and every name joined, from nothing (in a transaction of its own,
    or in the caller's)."""
    if own_transaction:  # creating tables would end a transaction the caller holds
        rows.ensure(store)
    old = rows.entity_of(store)
    sightings, links = sightings_of(extracted.mention_records(store), extracted.claim_records(store))
    with rows.transaction(store) if own_transaction else nullcontext():
        rows.clear(store)
        rows.replace_sightings(store, [], sightings, links)
        seen = _aggregate((r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[0]) for r in sightings)
        cases = [CaseNames(c, n, tuple(a), k) for c, n, a, k in rows.case_names(store)]
        built = components({k: s.name(k) for k, s in seen.items()}, [(a, b, d) for d, a, b in links], cases, rules)
        return _write(store, built, cases, seen, old, set(old), set(old.values()))


def update(store: Store, changed: set[str], case_names: set[str], rules: dict[str, Any],
           own_transaction: bool = True) -> IdentityStep:
    """Bring the layer up to date after `changed` documents were stored or extracted again and the
    cases with `case_names` (before and after) were resolved again."""
    if own_transaction:  # creating tables would end a transaction the caller holds
        rows.ensure(store)
    before = rows.names_seen_in(store, changed)
    mentions = extracted.mention_records(store, sorted(changed))
    claims = extracted.claim_records(store, sorted(changed))
    sightings, links = sightings_of(mentions, claims)
    with rows.transaction(store) if own_transaction else nullcontext():
        rows.replace_sightings(store, changed, sightings, links)
        start = before | {r[1] for r in sightings} | {n.casefold() for n in case_names}
        if not start:
            return IdentityStep()
        names, seen, case_ids = _closure(store, start, rules)
        old = rows.entity_of(store, names)
        cases = [CaseNames(c, n, tuple(a), k) for c, n, a, k in rows.case_names(store, case_ids)]
        present = {k: s.name(k) for k, s in seen.items() if k in names and s.spellings}
        inside = [link for link in rows.links(store, names) if link[0] in names and link[1] in names]
        built = components(present, inside, cases, rules)
        return _write(store, built, cases, seen, old, names, set(old.values()))


def _closure(store: Store, start: set[str], rules: dict[str, Any]) -> tuple[set[str], dict[str, _Seen], set[str]]:
    """The names `start` reaches through the stored evidence, their sightings, and the cases naming them."""
    merges = [(a.casefold(), b.casefold()) for a, b in rules.get("merge", [])]
    done: set[str] = set()
    seen: dict[str, _Seen] = {}
    case_ids: set[str] = set()
    frontier = set(start)
    while frontier:
        done |= frontier
        seen.update(_aggregate(rows.sightings(store, frontier)))
        found = rows.members(store, set(rows.entity_of(store, frontier).values()))
        found |= rows.names_with_keys(store, {k for n in frontier if n in seen for k in join_keys(seen[n].name(n))})
        found |= {n for a, b, _ in rows.links(store, frontier) for n in (a, b)}
        found |= {n for pair in merges if pair[0] in frontier or pair[1] in frontier for n in pair}
        new_cases = rows.cases_naming(store, frontier) - case_ids
        case_ids |= new_cases
        for case_id, name, names, kind in rows.case_names(store, new_cases):
            found |= {n.casefold() for n in (name, *names)}
            found |= rows.names_with_keys(store, person_keys_of(CaseNames(case_id, name, tuple(names), kind)))
        frontier = found - done
    return done, seen, case_ids


def _aggregate(sightings: Iterable[tuple[Any, ...]]) -> dict[str, _Seen]:
    out: dict[str, _Seen] = {}
    for name, spelling, _text, type_, origin, n, kb_id, doc_id in sightings:
        seen = out.setdefault(name, _Seen())
        seen.spellings[spelling] += n
        if type_:
            (seen.mention_types if origin == "mention" else seen.claim_types)[type_] += n
        if kb_id:
            seen.kb_ids.add(kb_id)
        seen.documents.add(doc_id)
    return out


def _write(store: Store, built: list[Component], cases: list[CaseNames], seen: dict[str, _Seen],
           old: dict[str, str], names: set[str], old_ids: set[str]) -> IdentityStep:
    name_rows, key_rows, entity_rows, join_rows = [], [], [], []
    # a case's names in another order reach the people named so, also through a name of the case no
    # document spells as such: its key is kept, so that a later document's name finds the case
    key_rows += sorted({(k, n.casefold()) for c in cases for n in (c.name, *c.names)
                        if (k := person_key(n.casefold())) and n.casefold() not in seen})
    new_of: dict[str, str] = {}
    for comp in built:
        documents: set[str] = set()
        for m in comp.members:
            new_of[m.key] = comp.entity_id
            documents |= seen[m.key].documents
            name_rows.append((m.key, m.spelling, m.type, json.dumps(list(m.kb_ids)), m.documents, comp.entity_id))
            key_rows += [(k, m.key) for k in join_keys(m)]
        entity_rows.append((comp.entity_id, comp.name, comp.type, json.dumps(comp.kb_ids), comp.case_id,
                            len(comp.members), len(documents)))
        join_rows += [(comp.entity_id, j.rule, j.a, j.b, j.support) for j in comp.joins]
    live = {comp.entity_id for comp in built}
    redirects = []
    for gone in sorted(old_ids - live):
        heirs = Counter(new_of[n] for n, e in old.items() if e == gone and n in new_of)
        if heirs:
            redirects.append((gone, sorted(heirs.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]))
    rows.write(store, name_rows, key_rows, entity_rows, join_rows, names, old_ids, redirects)
    return IdentityStep(len(name_rows), len(entity_rows), len(redirects))
