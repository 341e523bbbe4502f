"""One identity per real thing: which of the store's names are one entity, and the join behind each.

Pure: names with what the store knows of them come in; components, their ids and the joins that
made them go out (`run/identities.py` reads and writes the store). Names join, in this order:

1. `judgement`: an analyst merged the two names;
2. `kb`: they link to one knowledge-base entry;
3. `name`: one organisation's (agency's, group's) name without its legal form and the generic words it trails off with (`name_key`);
4. `person_order`: one person's name in another word order ("Tang Weiran" is "Weiran Tang");
5. `alias_claim`: a report says one is the other's alias, within one kind of thing (a firm's
   vendor label is the firm);
6. `case`: names of one resolved case (but a firm's case joins no group's name, nor a group's case a
   firm's), and a case's full names in another order. A name two cases share ("Zhu" for two defendants) joins neither.

An analyst's split keeps two names apart whatever the rules say. The order matters only there: the
evidence is sorted by content, so any subset of the names closed under the evidence (every name an
item of evidence touches is in it) is joined exactly as it would be among all the names, which is
what lets a new document re-join only the components its names touch.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

from spyglass.kb.builtin import normalise_alias
from spyglass.model import content_hash
from spyglass.model.vocabulary import LEGAL_FORM
from spyglass.resolve.names import tokens

FAMILIES = {"state_agency": "agency", "agency_unit": "agency", "government_body": "agency",
            "company": "org", "organization": "org", "threat_group": "threat_group"}


@dataclass(frozen=True)
class Name:
    """One name (case-folded) as the store's mentions and claims use it."""

    key: str
    spelling: str
    type: str | None
    kb_ids: tuple[str, ...] = ()
    documents: int = 0


@dataclass(frozen=True)
class Join:
    """Why two names are one entity: the rule, the two names, and what supports it (a knowledge-base
    id, the shared name key, the document of an alias claim, a case id, or the analyst)."""

    rule: str
    a: str
    b: str
    support: str


@dataclass(frozen=True)
class CaseNames:
    case_id: str
    name: str
    names: tuple[str, ...]
    kind: str = "person"


# a firm's case may list the group a report attributes to it among its names, and that group is a
# thing of its own (an alias claim may still join it)
_CASE_FAMILY = {"person": "person", "person_group": "person", "company": "org", "threat_group": "threat_group"}
_ATTRIBUTED = {"org", "threat_group"}


@dataclass
class Component:
    entity_id: str
    name: str
    type: str | None
    members: list[Name]
    joins: list[Join]
    case_id: str | None = None

    @property
    def kb_ids(self) -> list[str]:
        return sorted({k for m in self.members for k in m.kb_ids})


def family(type_: str | None) -> str:
    """Types one name can carry in different reports ("company" in one, "organization" in another)."""
    return FAMILIES.get(type_ or "", type_ or "")


# Words a firm's name trails off with, which reports keep or drop ("Harbin Lumen Networks Technology
# Company", "Harbin Lumen Networks"): the distinctive words before them name the firm.
_TRAILING = {"technology", "technologies", "information", "network", "networks", "company", "co", "corporation",
             "corp", "group", "holdings", "systems", "science", "sciences", "communication", "communications",
             "trading", "consulting", "services", "industries", "international", "development", "limited", "ltd"}


def name_key(name: str, type_: str) -> str:
    """How two spellings of one name compare: case, punctuation and (for firms) legal forms and the
    generic words a firm's name trails off with ignored, keeping at least two words."""
    key = normalise_alias(name)
    if family(type_) == "org":
        key = " ".join(LEGAL_FORM.sub(" ", key).split()) or key
        words = key.split()
        while len(words) > 2 and words[-1] in _TRAILING:
            words.pop()
        key = " ".join(words)
    return key


def person_key(name: str) -> str | None:
    words = tokens(name)
    return "person:" + " ".join(sorted(words)) if len(words) >= 2 else None


def join_keys(name: Name) -> list[str]:
    """The keys two names must share to be one thing by rules 2-4."""
    out = [f"kb:{k}" for k in sorted(name.kb_ids)]
    if name.type in FAMILIES:
        out.append(f"{FAMILIES[name.type]}:{name_key(name.key, name.type)}")
    elif name.type == "person" and (key := person_key(name.key)):
        out.append(key)
    return out


def alias_allowed(a: Name, b: Name) -> bool:
    kinds = {family(t) for t in (a.type or "person", b.type or "person")}
    return len(kinds) == 1 or kinds == {"org", "threat_group"}


def components(names: Mapping[str, Name], aliases: Iterable[tuple[str, str, str]],
               cases: Iterable[CaseNames], rules: dict[str, Any] | None = None) -> list[Component]:
    """The names grouped into entities. `aliases` are (name, other name, document) of alias claims;
    `cases` the resolved cases' names; `rules` the analysts' judgements (`judgements.as_rules`)."""
    parent: dict[str, str] = {}
    members: dict[str, set[str]] = {}
    joins: list[Join] = []
    apart = {frozenset((a.casefold(), b.casefold())) for a, b in (rules or {}).get("split", [])}
    barred = {key for pair in apart for key in pair}

    def root(key: str) -> str:
        while parent.get(key, key) != key:
            parent[key] = parent.get(parent[key], parent[key])
            key = parent[key]
        return key

    def join(a: str, b: str, rule: str, support: str) -> None:
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
        joins.append(Join(rule, a, b, support))

    for a, b in (rules or {}).get("merge", []):
        if a.casefold() in names and b.casefold() in names:
            join(a.casefold(), b.casefold(), "judgement", "analyst merge")
    by_key: dict[str, list[str]] = defaultdict(list)
    for key in sorted(names):
        for k in join_keys(names[key]):
            by_key[k].append(key)
    for k in sorted(by_key):
        rule = "kb" if k.startswith("kb:") else "person_order" if k.startswith("person:") else "name"
        for other in by_key[k][1:]:
            join(by_key[k][0], other, rule, k)
    for a, b, doc_id in sorted(set(aliases)):
        if a in names and b in names and a != b and alias_allowed(names[a], names[b]):
            join(a, b, "alias_claim", doc_id)
    listed = sorted(cases, key=lambda c: c.case_id)
    owners: dict[str, set[str]] = defaultdict(set)
    for case in listed:
        for n in (case.name, *case.names):
            owners[n.casefold()].add(case.case_id)
    case_of: dict[str, str] = {}
    for case in listed:
        own = sorted({n.casefold() for n in (case.name, *case.names) if owners[n.casefold()] == {case.case_id}})
        want = _CASE_FAMILY.get(case.kind, case.kind)
        keys = [n for n in own if n in names and {want, family(names[n].type or "person")} != _ATTRIBUTED]
        for other in keys[1:]:
            join(keys[0], other, "case", case.case_id)
        if keys:  # a case's full names in another order
            case_of.setdefault(case.name.casefold(), case.case_id)
            for n in own:
                for other in by_key.get(person_key(n) or "", []):
                    join(keys[0], other, "case", case.case_id)
    return _grouped(names, {key: root(key) for key in names}, joins, case_of,
                    {c.case_id: c.name for c in listed})


def _grouped(names: Mapping[str, Name], roots: dict[str, str], joins: list[Join], case_of: dict[str, str],
             case_names: dict[str, str]) -> list[Component]:
    groups: dict[str, list[Name]] = defaultdict(list)
    for key in sorted(names):
        groups[roots[key]].append(names[key])
    found = [_component(group, case_of, case_names) for group in groups.values()]
    # two components may have one smallest knowledge-base id only when an analyst split them: the
    # one holding the smallest name keeps the id of the entry, the other is named by its own names
    taken: set[str] = set()
    for comp in sorted(found, key=lambda c: min(m.key for m in c.members)):
        if comp.entity_id in taken:
            comp.entity_id = entity_id(comp.members, by_kb=False)
        taken.add(comp.entity_id)
    where = {m.key: c for c in found for m in c.members}
    for j in joins:
        where[j.a].joins.append(j)
    return sorted(found, key=lambda c: c.entity_id)


def _component(group: list[Name], case_of: dict[str, str], case_names: dict[str, str]) -> Component:
    case_id = next((case_of[m.key] for m in group if m.key in case_of), None)
    if case_id is not None:
        name = case_names[case_id]
    else:
        name = sorted(group, key=lambda m: (-m.documents, m.spelling))[0].spelling
    types: Counter[str] = Counter()
    for m in group:
        if m.type:
            types[m.type] += max(m.documents, 1)
    type_ = sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if types else None
    return Component(entity_id(group), name, type_, group, [], case_id)


def entity_id(group: Sequence[Name], by_kb: bool = True) -> str:
    """An entity's id: from its smallest knowledge-base id when it has one, else from its smallest
    name. It changes only when the entity gains a smaller one of these or loses the one it has."""
    kb = sorted(k for m in group for k in m.kb_ids)
    canonical = f"kb:{kb[0]}" if kb and by_kb else f"name:{min(m.key for m in group)}"
    return "E" + content_hash("entity", canonical)[:15]


def person_keys_of(case: CaseNames) -> set[str]:
    """The keys of a case's names in another order (which names `components` may join to it)."""
    return {k for n in (case.name, *case.names) if (k := person_key(n.casefold()))}
