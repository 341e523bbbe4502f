"""Linking names to knowledge entries: aliases in English and Chinese, shared aliases, context, same_as."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import shared_path
from spyglass.errors import ModelError
from spyglass.kb.importers import derive_same_as, import_files
from spyglass.kb.link import KnowledgeIndex, ambiguous_aliases, link
from spyglass.kb.store import Entry, Relationship
from spyglass.store import Store

HAINAN, HUBEI = "cn-mss-hainan", "cn-mss-hubei"

# (name, context, type hint, status, first kb_id or the set of candidates)
BUILTIN_CASES = [
    ("HSSD", "", None, "ambiguous", {HAINAN, HUBEI}),
    ("HSSD", "officers of the Hainan department", None, "linked", HAINAN),
    ("HSSD", "a Hubei unit", None, "linked", HUBEI),
    ("HSSD", "a front company in Wuhan", None, "linked", HUBEI),  # via the company the HSSD set up
    ("HSSD", "海南的情报机关", None, "linked", HAINAN),
    ("HSSD", "武汉晓睿智", None, "linked", HUBEI),
    ("HSSD", "the group known as APT40", None, "linked", HAINAN),  # APT40 is attributed to Hainan's unit
    ("HSSD", "Hainan and Hubei both", None, "ambiguous", {HAINAN, HUBEI}),
    # Nothing in the data says Haikou is in Hainan: without a place table it stays ambiguous (see
    # test_a_place_named_in_a_relationship_decides for how data would settle it).
    ("HSSD", "arrested in Haikou", None, "ambiguous", {HAINAN, HUBEI}),
    ("湖北省国家安全厅", "", None, "linked", HUBEI),
    ("Hubei State Security Department", "", None, "linked", HUBEI),
    ("Jiangsu-State-Security Department", "", None, "linked", "cn-mss-jiangsu"),
    ("国家安全部", "", None, "linked", "cn-mss"),
    ("the MSS", "", None, "linked", "cn-mss"),
    ("NCSC", "", None, "ambiguous", {"us-ncsc", "uk-ncsc"}),
    ("PLA Unit 61398", "", "agency_unit", "linked", "cn-pla-61398"),
    ("Nobody Panda", "", None, "unknown", set()),
]


@pytest.mark.parametrize("name, context, hint, status, expected", BUILTIN_CASES)
def test_link_with_builtin_knowledge(name: str, context: str, hint: str | None, status: str, expected: Any) -> None:
    result = link(name, context, hint)
    assert result.status == status, result.reason
    if isinstance(expected, set):
        assert set(result.kb_ids) == expected
    else:
        assert result.kb_ids[0] == expected
    assert result.reason


def test_unknown_type_hint_is_an_error() -> None:
    with pytest.raises(ModelError, match="unknown type hint 'bureau'"):
        link("MSS", type_hint="bureau")


def entry(kb_id: str, name: str, aliases: tuple[str, ...] = (), origin: str = "builtin", **kw: Any) -> Entry:
    return Entry(kb_id=kb_id, origin=origin, source_key=kb_id, name=name, type=kw.pop("type", "agency_unit"),
                 aliases=aliases, **kw)


def rel(subject: str | None, predicate: str, obj: str | None, object_name: str = "x") -> Relationship:
    return Relationship(rel_id=f"{subject}-{predicate}-{obj or object_name}", subject=subject, subject_name="x",
                        predicate=predicate, object=obj, object_name=object_name, origin="builtin")


def test_a_place_named_in_a_relationship_decides() -> None:
    # invented names: the rule reads any entry's neighbours, it knows no place or bureau by name
    entries = [entry("north", "Northland Bureau", ("NB",), country="Freedonia"),
               entry("south", "Southmark Bureau", ("NB",), country="Freedonia")]
    index = KnowledgeIndex(entries, [rel("north", "located_in", None, "Port Amberley")])
    assert index.link("NB").status == "ambiguous"
    assert index.link("NB", "seen in Amberley").kb_ids == ["north"]
    assert index.link("NB", "a Southmark office").kb_ids == ["south"]
    assert index.link("NB", "Freedonia").status == "ambiguous"  # both share the country: no help


def test_type_hint_separates_a_group_from_its_malware() -> None:
    entries = [entry("g", "Quartz", type="threat_group", origin="stix"),
               entry("s", "Quartz", type="software", origin="stix")]
    index = KnowledgeIndex(entries, [])
    assert index.link("Quartz").status == "ambiguous"
    assert index.link("Quartz", type_hint="threat_group").kb_ids == ["g"]
    assert index.link("Quartz", type_hint="company").status == "ambiguous"  # no candidate of that type


# (entries, expected same_as pairs, expected refused pairs)
SAME_AS_CASES = [
    ("equal primary names", [entry("a", "APT99", type="threat_group"),
                             entry("b", "APT99", origin="misp", type="threat_group")], {("a", "b")}, set()),
    ("qualifier naming the country", [entry("a", "Ministry X", country="Ruritania", type="state_agency"),
                                      entry("m", "Ministry X (Ruritania)", origin="misp", country="Ruritania",
                                            type="state_agency")], {("a", "m")}, set()),
    ("countries differ", [entry("a", "Ministry X", country="Ruritania", type="state_agency"),
                          entry("m", "Ministry X", origin="misp", country="Freedonia", type="state_agency")],
     set(), set()),
    ("types differ", [entry("a", "Quartz", type="company"), entry("b", "Quartz", origin="misp", type="threat_group")],
     set(), set()),
    ("alias only on one side", [entry("a", "APT99", ("Blue",), type="threat_group"),
                                entry("b", "Blue", origin="stix", type="threat_group")], set(), set()),
    ("each lists the other's name", [entry("a", "APT99", ("Blue",), type="threat_group"),
                                     entry("b", "Blue", ("APT99",), origin="stix", type="threat_group")],
     {("a", "b")}, set()),
    ("ATT&CK id listed", [entry("m", "Red", ("G9001",), origin="misp", type="threat_group"),
                          entry("s", "Crimson", origin="stix", external_id="G9001", type="threat_group")],
     {("m", "s")}, set()),
    ("never two entries of one source", [
        entry("m", "Red", ("G9001", "G9002"), origin="misp", type="threat_group"),
        entry("s1", "Red", origin="stix", external_id="G9001", type="threat_group"),
        entry("s2", "Rouge", origin="stix", external_id="G9002", type="threat_group")],
     {("m", "s1")}, {("m", "s2")}),
]


@pytest.mark.parametrize("case, entries, linked, refused", SAME_AS_CASES, ids=[c[0] for c in SAME_AS_CASES])
def test_same_as_rules(case: str, entries: list[Entry], linked: set[Any], refused: set[Any]) -> None:
    links, refusals = derive_same_as(entries)
    assert {(r.subject, r.object) for r in links} == linked
    assert {(a, b) for a, b, _ in refusals} == refused


# ------------------------------------------------------------------------ with the reference files

FILES = ["attack-enterprise-groups.stix.json", "attack-enterprise-group-software.stix.json",
         "misp-galaxy-threat-actor.json", "misp-galaxy-country.json", "misp-galaxy-intelligence-agencies.json"]
G0128, G0065, G0044 = ("intrusion-set--4283ae19-69c7-4347-a35e-b56f08eb660b",
                       "intrusion-set--7113eaa5-ba79-4fb3-b68a-398ee9cd698e",
                       "intrusion-set--c5947e1c-1cbc-434c-94b8-27c7e3be0fff")


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> Any:
    paths = [shared_path("reference", name) for name in FILES]
    with Store(Path(tmp_path_factory.mktemp("link")) / "kb.db") as store:
        import_files(store, paths)
        yield store


@pytest.mark.parametrize("name, context, status, first, also", [
    ("ZIRCONIUM", "", "linked", "tg-apt31", {G0128, "misp--6bf7e6b6-5917-45a6-9567-f0baba79768c"}),
    ("Leviathan", "", "linked", "tg-apt40", {G0065}),
    ("APT41", "", "linked", "tg-apt41", {"intrusion-set--18854f55-ac7c-4634-bd9a-352dd07613b7"}),
    ("MSS", "", "linked", "cn-mss", {"misp--742ff422-32e7-5517-af12-144a8977442d"}),
    ("Blackfly", "", "ambiguous", "tg-apt41", {G0044}),  # MISP's APT41 synonym; ATT&CK's Winnti Group alias
    ("Thrip", "", "ambiguous", None, set()),  # two ATT&CK groups carry it
    ("HSSD", "Hainan", "linked", HAINAN, set()),
])
def test_link_with_imported_knowledge(full: Store, name: str, context: str, status: str, first: str | None,
                                      also: set[str]) -> None:
    result = link(name, context, store=full)
    assert result.status == status, result.reason
    if first:
        assert result.kb_ids[0] == first
    assert also <= set(result.kb_ids)


def test_ambiguous_aliases_are_shared_and_not_same_as(full: Store) -> None:
    found = {a.norm: a for a in ambiguous_aliases(full)}
    assert found["hssd"].kind == "within built-in" and set(found["hssd"].kb_ids) == {HAINAN, HUBEI}
    assert found["blackfly"].kind == "ATT&CK vs MISP" and G0044 in found["blackfly"].kb_ids
    assert found["thrip"].kind == "within ATT&CK"
    assert found["night dragon"].types_differ  # ATT&CK campaign C0002 and deprecated group G0014
    for joined in ("zirconium", "leviathan", "apt41", "mss"):
        assert joined not in found
    assert all(len(set(a.kb_ids)) >= 2 for a in found.values())
