"""Which names are one entity, and why: each rule of `resolve.identities` on names written here."""

from __future__ import annotations

from typing import Any

import pytest

from spyglass.resolve.identities import CaseNames, Name, components, entity_id


def name(spelling: str, type_: str | None = "company", kb: tuple[str, ...] = (), documents: int = 1) -> Name:
    return Name(spelling.casefold(), spelling, type_, kb, documents)


def groups(names: list[Name], aliases: list[tuple[str, str, str]], cases: list[CaseNames],
           rules: dict[str, Any] | None) -> set[frozenset[str]]:
    found = components({n.key: n for n in names}, aliases, cases, rules)
    return {frozenset(m.key for m in c.members) for c in found if len(c.members) > 1}


@pytest.mark.parametrize("names, aliases, cases, rules, expected, rule", [
    ([name("Marrow Sound Ltd."), name("Marrow Sound")], [], [], None, {"marrow sound ltd.", "marrow sound"}, "name"),
    ([name("Bureau Nine", "agency_unit", ("kb1",)), name("the Ninth Bureau", "agency_unit", ("kb1",))], [], [], None,
     {"bureau nine", "the ninth bureau"}, "kb"),
    ([name("Ilse Varga", "person"), name("Varga Ilse", "person")], [], [], None, {"ilse varga", "varga ilse"},
     "person_order"),
    ([name("Copper Wren", "threat_group"), name("Slate Owl", "threat_group")],
     [("copper wren", "slate owl", "doc1")], [], None, {"copper wren", "slate owl"}, "alias_claim"),
    ([name("Pell Varos", "person"), name("Varos", "person")], [], [CaseNames("c1", "Pell Varos", ("Varos",))], None,
     {"pell varos", "varos"}, "case"),
    ([name("Dunmore Relay"), name("Quarry Bell")], [], [], {"merge": [("Dunmore Relay", "Quarry Bell")]},
     {"dunmore relay", "quarry bell"}, "judgement"),
])
def test_each_rule_joins_and_says_so(names: list[Name], aliases: list[tuple[str, str, str]], cases: list[CaseNames],
                                     rules: dict[str, Any] | None, expected: set[str], rule: str) -> None:
    found = components({n.key: n for n in names}, aliases, cases, rules)
    joined = [c for c in found if len(c.members) > 1]
    assert [{m.key for m in c.members} for c in joined] == [expected]
    assert [j.rule for j in joined[0].joins] == [rule]


@pytest.mark.parametrize("names, aliases, cases, rules", [
    # an alias claim across kinds of thing (a person said to be a firm's alias) joins nothing
    ([name("Orrin Vale", "person"), name("Vale Holdings")], [("orrin vale", "vale holdings", "d")], [], None),
    # a name two cases share joins neither
    ([name("Tor Ames", "person"), name("Ames", "person"), name("Rue Ames", "person")], [],
     [CaseNames("c1", "Tor Ames", ("Ames",)), CaseNames("c2", "Rue Ames", ("Ames",))], None),
    # a firm's case lists the group a report attributes to it: the group stays a thing of its own
    ([name("Kestrel Forge Co."), name("Ash Lynx", "threat_group")], [],
     [CaseNames("c1", "Kestrel Forge Co.", ("Ash Lynx",), "company")], None),
    # an analyst's split wins over a rule
    ([name("Marrow Sound Ltd."), name("Marrow Sound")], [], [], {"split": [("Marrow Sound Ltd.", "Marrow Sound")]}),
])
def test_what_never_joins(names: list[Name], aliases: list[tuple[str, str, str]], cases: list[CaseNames],
                          rules: dict[str, Any] | None) -> None:
    assert groups(names, aliases, cases, rules) == set()


def test_ids_come_from_the_smallest_kb_id_else_the_smallest_name() -> None:
    a, b = name("Marrow Sound Ltd."), name("Marrow Sound")
    assert entity_id([a, b]) == entity_id([b]) != entity_id([a])
    assert entity_id([a, name("Bureau Nine", "agency_unit", ("kb2",)), name("X", kb=("kb1",))]) == entity_id(
        [name("Y", kb=("kb1",))])
    found = components({n.key: n for n in (a, b)}, [], [])
    assert [c.entity_id for c in found] == [entity_id([b])] and found[0].name == "Marrow Sound"


def test_a_firm_named_without_the_generic_words_it_trails_off_with_is_the_firm() -> None:
    from spyglass.resolve.identities import name_key

    assert name_key("Harbin Lumen Networks Technology Company", "company") == name_key("Harbin Lumen Networks", "organization")
    assert name_key("Lumen Technology", "company") == "lumen technology"  # two words are kept
    assert name_key("Harbin Lumen Systems", "company") != name_key("Harbin Dawn Systems", "company")
