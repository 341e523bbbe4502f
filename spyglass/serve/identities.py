"""One entity per real thing in what the server shows: the names reports spell differently are joined.

The store's claims and mentions name things as each report writes them ("Fuzhou Tianhong Netcom
Technology Co., Ltd.", "Fuzhou Tianhong Netcom Technology", a vendor's "Lantern Panda" for the same
firm). Names join when they share a knowledge-base entry, when they are the same organisation's name
without its legal form (`export.graph.name_key`, the rule the exports use), when a report says one is
the other's alias within one kind of thing, or when they are names of one resolved case. A name two
cases share ("Zhu" for two defendants) joins neither. An analyst's merge joins two names and a split
keeps them apart, whatever the rules say.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable, Mapping, Protocol, Sequence

from spyglass.export.graph import name_key
from spyglass.resolve.names import tokens

_FAMILIES = {"state_agency": "agency", "agency_unit": "agency", "government_body": "agency",
             "company": "org", "organization": "org", "threat_group": "threat_group"}


class Named(Protocol):
    name: str
    kb_ids: set[str]
    documents: set[str]

    @property
    def type(self) -> str | None: ...


def joined(entities: Mapping[str, Named], claims: Iterable[dict[str, Any]],
           cases: Iterable[tuple[str, list[str]]], rules: dict[str, Any] | None = None) -> dict[str, str]:
    """Entity key (a case-folded name) -> the key of the entity it is one with; keys absent stay alone.
    `cases` gives each resolved case's name and its other names; `rules` are the analysts' judgements
    (`judgements.as_rules`): two names an analyst merged are one entity, two names split never are."""
    parent: dict[str, str] = {}
    members: dict[str, set[str]] = {}
    apart = {frozenset((a.casefold(), b.casefold())) for a, b in (rules or {}).get("split", [])}
    barred = {key for pair in apart for key in pair}

    def root(key: str) -> str:
        while parent.get(key, key) != key:
            parent[key] = parent.get(parent[key], parent[key])
            key = parent[key]
        return key

    def join(a: str, b: str) -> None:
        ra, rb = root(a), root(b)
        if ra == rb:
            return
        group_a, group_b = members.get(ra, {ra}), members.get(rb, {rb})
        if barred and any(frozenset((x, y)) in apart for x in group_a & barred for y in group_b & barred):
            return  # an analyst said these two are different things
        top, low = min(ra, rb), max(ra, rb)
        parent[low] = top
        members[top] = group_a | group_b
        members.pop(low, None)

    for a, b in (rules or {}).get("merge", []):
        if a.casefold() in entities and b.casefold() in entities:
            join(a.casefold(), b.casefold())

    by_kb: dict[str, list[str]] = defaultdict(list)
    by_name: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key, entity in entities.items():
        for kb_id in entity.kb_ids:
            by_kb[kb_id].append(key)
        family = _FAMILIES.get(entity.type or "")
        if family:
            by_name[(family, name_key(entity.name, entity.type or ""))].append(key)
        elif entity.type == "person" and len(words := tokens(entity.name)) >= 2:
            by_name[("person", " ".join(sorted(words)))].append(key)  # "Tang Weiran" is "Weiran Tang"
    for keys in [*by_kb.values(), *by_name.values()]:
        for other in keys[1:]:
            join(keys[0], other)
    for c in claims:  # "X, also known as Y" within one kind of thing; a firm's vendor label is the firm
        if c["predicate"] != "alias_of" or not c["object"]:
            continue
        a, b = c["subject"].casefold(), c["object"].casefold()
        if a not in entities or b not in entities:
            continue
        kinds = {_FAMILIES.get(t, t) for t in (entities[a].type or "person", entities[b].type or "person")}
        if len(kinds) == 1 or kinds == {"org", "threat_group"}:  # as the names are used across the store
            join(a, b)
    owners: dict[str, set[int]] = defaultdict(set)
    listed = list(cases)
    for i, (_, names) in enumerate(listed):
        for name in names:
            owners[name.casefold()].add(i)
    for i, (name, names) in enumerate(listed):
        keys = [n.casefold() for n in {name, *names} if n.casefold() in entities and owners[n.casefold()] == {i}]
        for other in keys[1:]:
            join(keys[0], other)
        if keys:  # a case's full names in another order
            for n in {name, *names}:
                if len(words := tokens(n)) >= 2 and owners[n.casefold()] == {i}:
                    for other in by_name.get(("person", " ".join(sorted(words))), []):
                        join(keys[0], other)
    return {key: root(key) for key in parent}


def display_name(members: Sequence[Named], case_names: set[str]) -> str:
    """A joined entity's name: a case's own name when one is among them, else the most documented."""
    for member in members:
        if member.name in case_names:
            return member.name
    return sorted(members, key=lambda m: (-len(m.documents), m.name))[0].name
