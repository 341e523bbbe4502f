"""The built-in KB: coverage of China's state security bodies, alias lookup, and load-time checks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import shared_path
from spyglass.errors import ModelError
from spyglass.kb.builtin import (
    alias_index,
    load_claims,
    load_entries,
    normalise_alias,
)
from spyglass.model.vocabulary import ENTITY_TYPES, PREDICATES

# The 31 province-level divisions of mainland China: 22 provinces, 5 autonomous regions and
# 4 municipalities. Municipalities have a state security bureau (局), the others a department (厅).
PROVINCE_LEVEL = [
    ("Hebei", "Department"), ("Shanxi", "Department"), ("Liaoning", "Department"), ("Jilin", "Department"),
    ("Heilongjiang", "Department"), ("Jiangsu", "Department"), ("Zhejiang", "Department"),
    ("Anhui", "Department"), ("Fujian", "Department"), ("Jiangxi", "Department"), ("Shandong", "Department"),
    ("Henan", "Department"), ("Hubei", "Department"), ("Hunan", "Department"), ("Guangdong", "Department"),
    ("Hainan", "Department"), ("Sichuan", "Department"), ("Guizhou", "Department"), ("Yunnan", "Department"),
    ("Shaanxi", "Department"), ("Gansu", "Department"), ("Qinghai", "Department"),
    ("Inner Mongolia", "Department"), ("Guangxi", "Department"), ("Tibet", "Department"),
    ("Ningxia", "Department"), ("Xinjiang", "Department"),
    ("Beijing", "Bureau"), ("Tianjin", "Bureau"), ("Shanghai", "Bureau"), ("Chongqing", "Bureau"),
]


def entries_by_id() -> dict[str, Any]:
    return {entry.id: entry for entry in load_entries()}


def resolve(name: str) -> list[str]:
    return alias_index().get(normalise_alias(name), [])


def test_the_table_lists_31_divisions() -> None:
    assert len(PROVINCE_LEVEL) == 31
    assert len({name for name, _ in PROVINCE_LEVEL}) == 31


@pytest.mark.parametrize("division, kind", PROVINCE_LEVEL)
def test_every_province_level_division_has_a_state_security_body(division: str, kind: str) -> None:
    ids = resolve(f"{division} State Security {kind}")
    assert len(ids) == 1, ids
    entry = entries_by_id()[ids[0]]
    assert entry.name == f"{division} State Security {kind}"
    assert (entry.type, entry.country, entry.parent) == ("agency_unit", "China", "cn-mss")
    assert resolve(f"the {division} bureau") == ids
    assert resolve(f"{division} Ministry of State Security") == ids


@pytest.mark.parametrize("alias, expected", [
    ("JSSD", ["cn-mss-jiangsu"]),
    ("江苏省国家安全厅", ["cn-mss-jiangsu"]),
    ("Jiangsu Province Ministry of State Security", ["cn-mss-jiangsu"]),
    ("Jiangsu State Security Bureau", ["cn-mss-jiangsu"]),
    ("Zhejiang Provincial State Security Department", ["cn-mss-zhejiang"]),
    ("浙江省国家安全厅", ["cn-mss-zhejiang"]),
    ("广西壮族自治区国家安全厅", ["cn-mss-guangxi"]),
    ("Xinjiang Uygur Autonomous Region State Security Department", ["cn-mss-xinjiang"]),
    ("上海市国家安全局", ["cn-mss-shanghai"]),
    ("SSSB", ["cn-mss-shanghai"]),
    ("GSSD", ["cn-mss-guangdong"]),
    ("Shenzhen State Security Bureau", ["cn-mss-shenzhen"]),
    ("MSS", ["cn-mss"]),
    ("国家安全部", ["cn-mss"]),
    ("Ministry of National Security", ["cn-mss"]),
    ("China's Ministry of State Security", ["cn-mss"]),
    ("公安部", ["cn-mps"]),
    ("中共中央统战部", ["cn-ufwd"]),
    ("3PLA", ["cn-pla-ssf-nsd"]),
    ("Unit 61398", ["cn-pla-61398"]),
    ("ФСБ", ["ru-fsb"]),
    ("Main Directorate of the General Staff", ["ru-gru"]),
    ("Unit 29155", ["ru-gru-29155"]),
    ("VAJA", ["ir-mois"]),
    ("IRGC-IO", ["ir-irgc-io"]),
    ("军情六处", ["uk-sis"]),
    ("英国秘密情报局", ["uk-sis"]),
    ("Belgian Sûreté", ["be-vsse"]),
    ("Sûreté de l'État", ["be-vsse"]),
    ("Staatsveiligheid", ["be-vsse"]),
    ("Agency of Internal Security", ["pl-abw"]),
    ("Internal Security Agency", ["pl-abw"]),
    ("Wuhan XRZ", ["co-wuhan-xrz"]),
    ("上海安洵信息技术有限公司", ["co-i-soon"]),
    ("Violet Typhoon", ["tg-apt31"]),
])
def test_aliases_resolve_to_their_entry(alias: str, expected: list[str]) -> None:
    assert resolve(alias) == expected


@pytest.mark.parametrize("alias, expected", [
    ("HSSD", {"cn-mss-hubei", "cn-mss-hainan"}),
    ("SIS", {"uk-sis", "nz-nzsis", "pt-sis"}),
    ("NCSC", {"uk-ncsc", "us-ncsc"}),
])
def test_shared_aliases_keep_every_entry(alias: str, expected: set[str]) -> None:
    ids = resolve(alias)
    assert len(ids) == len(expected)
    assert set(ids) == expected


@pytest.mark.parametrize("text, key", [
    ("The Zhejiang bureau", "zhejiang bureau"),
    ("  Ministry of State Security (MSS) ", "ministry of state security mss"),
    ("China’s  MSS", "chinas mss"),
    ("ＪＳＳＤ", "jssd"),
    ("英国秘密情报局（军情六处）", "英国秘密情报局军情六处"),
    ("Theodore Bureau", "theodore bureau"),
])
def test_normalise_alias(text: str, key: str) -> None:
    assert normalise_alias(text) == key


def test_every_parent_exists_and_chains_end_at_a_root() -> None:
    entries = entries_by_id()
    for entry in entries.values():
        seen = [entry.id]
        parent = entry.parent
        while parent is not None:
            assert parent in entries, f"{entry.id}: parent {parent} missing"
            assert parent not in seen
            seen.append(parent)
            parent = entries[parent].parent


@pytest.mark.parametrize("entry_id, ancestors", [
    ("cn-mss-shenzhen", ["cn-mss-guangdong", "cn-mss"]),
    ("cn-pla-61398", ["cn-pla-ssf-nsd", "cn-pla-ssf", "cn-pla", "cn-cmc"]),
    ("ru-gru-26165", ["ru-gru"]),
    ("ir-irgc-qf", ["ir-irgc"]),
    ("us-fbi", ["us-doj"]),
])
def test_parent_chains(entry_id: str, ancestors: list[str]) -> None:
    entries = entries_by_id()
    chain = []
    parent = entries[entry_id].parent
    while parent is not None:
        chain.append(parent)
        parent = entries[parent].parent
    assert chain == ancestors


def test_entries_are_unique_typed_and_sourced() -> None:
    entries = load_entries()
    assert len({entry.id for entry in entries}) == len(entries)
    assert {entry.type for entry in entries} <= set(ENTITY_TYPES)
    assert all(entry.sources and all(url.startswith("https://") or url.startswith("http://") for url in entry.sources)
               for entry in entries)


def test_alias_index_is_a_copy() -> None:
    alias_index()["jssd"].append("x-bogus")
    assert resolve("JSSD") == ["cn-mss-jiangsu"]


# --------------------------------------------------------------------------- claims


def find_claim(subject: str, predicate: str, obj: str) -> Any:
    matches = [c for c in load_claims() if (c.subject, c.predicate, c.object) == (subject, predicate, obj)]
    assert len(matches) == 1, (subject, predicate, obj, matches)
    return matches[0]


@pytest.mark.parametrize("subject, predicate, obj, subject_id, object_id, date, by", [
    ("Wuhan Xiaoruizhi Science and Technology Company", "contractor_for", "Hubei State Security Department",
     "co-wuhan-xrz", "cn-mss-hubei", "2024-03-25", ("United States",)),
    ("APT31", "attributed_to", "Wuhan Xiaoruizhi Science and Technology Company",
     "tg-apt31", "co-wuhan-xrz", "2024-03-25", ("United States", "United Kingdom")),
    ("Hainan Xiandun Technology Development Co., Ltd.", "contractor_for", "Hainan State Security Department",
     "co-hainan-xiandun", "cn-mss-hainan", "2021-07-19", ("United States",)),
    ("i-Soon", "contractor_for", "Ministry of Public Security",
     "co-i-soon", "cn-mps", "2025-03-05", ("United States",)),
    ("Flax Typhoon", "attributed_to", "Integrity Technology Group",
     "tg-flax-typhoon", "co-integrity-tech", "2025-01-03", ("United States",)),
    ("APT10", "attributed_to", "Tianjin State Security Bureau", "tg-apt10", "cn-mss-tianjin", "2018-12-20",
     ("United States",)),
    ("Xu Yanjun", "officer_of", "Jiangsu State Security Department", None, "cn-mss-jiangsu", "2018-10",
     ("United States",)),
])
def test_claims_are_linked_and_dated(subject: str, predicate: str, obj: str, subject_id: str | None,
                                     object_id: str, date: str, by: tuple[str, ...]) -> None:
    claim = find_claim(subject, predicate, obj)
    assert (claim.subject_id, claim.object_id, claim.date, claim.attributed_by) == (subject_id, object_id, date, by)
    assert claim.source.startswith("https://")


@pytest.mark.parametrize("bureau, regions", [
    ("Shanghai State Security Bureau", {"United States"}),
    ("Zhejiang State Security Department", {"Western Europe", "United Kingdom"}),
    ("Tianjin State Security Bureau", {"Japan", "South Korea"}),
    ("Guangdong State Security Department", {"South-east Asia"}),
])
def test_bureau_focus_claims(bureau: str, regions: set[str]) -> None:
    claims = [c for c in load_claims() if c.subject == bureau and c.predicate == "focuses_on"]
    assert {c.object for c in claims} == regions
    assert all(c.date == "2024-04-25" and "spectator.co.uk" in c.source for c in claims)


def test_every_claim_uses_the_vocabulary_and_links_kb_types() -> None:
    organisation_types = {"state_agency", "agency_unit", "government_body", "company", "organization", "threat_group"}
    entries = entries_by_id()
    for claim in load_claims():
        assert claim.predicate in PREDICATES
        if claim.subject_type in organisation_types:
            assert entries[claim.subject_id or ""].name == claim.subject
        if claim.object_type in organisation_types:
            assert entries[claim.object_id or ""].name == claim.object


# --------------------------------------------------------------------------- load-time checks

GOOD_ENTRY: dict[str, Any] = {
    "id": "xx-test", "name": "Test Agency", "type": "state_agency", "country": "Testland", "parent": None,
    "aliases": ["TA"], "sources": ["https://example.org/test"],
}


@pytest.mark.parametrize("change, message", [
    ({"type": "spy_agency"}, r"'xx-test'.*unknown entity type 'spy_agency'"),
    ({"type": "person"}, r"'xx-test'.*does not belong in the KB"),
    ({"parent": "xx-missing"}, r"'xx-test'.*parent 'xx-missing' is not the id"),
    ({"parent": "xx-test"}, r"'xx-test'.*cycle"),
    ({"sources": []}, r"'xx-test'.*at least one source"),
    ({"sources": ["example.org"]}, r"'xx-test'.*not an http\(s\) URL"),
    ({"id": "XX Test"}, r"'XX Test'.*lower-case slug"),
    ({"aliases": ["TA", "ta."]}, r"'xx-test'.*repeats 'TA'"),
    ({"aliases": ["..."]}, r"'xx-test'.*empty once punctuation"),
    ({"colour": "red"}, r"'xx-test'.*unknown key\(s\) colour"),
])
def test_a_broken_entry_is_rejected_by_name(tmp_path: Path, change: dict[str, Any], message: str) -> None:
    path = tmp_path / "entries.json"
    path.write_text(json.dumps([{**GOOD_ENTRY, **change}]), encoding="utf-8")
    with pytest.raises(ModelError, match=message):
        load_entries([path])


def test_a_good_entry_loads(tmp_path: Path) -> None:
    path = tmp_path / "entries.json"
    path.write_text(json.dumps([GOOD_ENTRY]), encoding="utf-8")
    [entry] = load_entries([path])
    assert (entry.id, entry.aliases, entry.parent) == ("xx-test", ("TA",), None)


def test_duplicate_ids_across_files_are_rejected(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    first.write_text(json.dumps([GOOD_ENTRY]), encoding="utf-8")
    second.write_text(json.dumps([{**GOOD_ENTRY, "name": "Other Agency"}]), encoding="utf-8")
    with pytest.raises(ModelError, match=r"'xx-test'.*used twice"):
        load_entries([first, second])


GOOD_CLAIM: dict[str, Any] = {
    "subject": "Wuhan Xiaoruizhi Science and Technology Company", "subject_type": "company",
    "predicate": "contractor_for", "object": "Hubei State Security Department", "object_type": "agency_unit",
    "date": "2024-03-25", "attributed_by": ["United States"], "source": "https://example.org/claim",
    "source_title": "Test",
}


@pytest.mark.parametrize("change, message", [
    ({"predicate": "works_for"}, r"claim #0 .*unknown predicate 'works_for'"),
    ({"date": "2024-13"}, r"claim #0 .*date '2024-13' is not an ISO prefix"),
    ({"date": "25 March 2024"}, r"claim #0 .*not an ISO prefix"),
    ({"object": "Hubei Bureau of Nothing"}, r"claim #0 .*'Hubei Bureau of Nothing' is not the canonical name"),
    ({"object_type": "state_agency"}, r"claim #0 .*disagrees with entry 'cn-mss-hubei'"),
    ({"subject_type": "spy"}, r"claim #0 .*unknown subject_type 'spy'"),
])
def test_a_broken_claim_is_rejected_by_name(tmp_path: Path, change: dict[str, Any], message: str) -> None:
    path = tmp_path / "claims.json"
    path.write_text(json.dumps([{**GOOD_CLAIM, **change}]), encoding="utf-8")
    with pytest.raises(ModelError, match=message):
        load_claims(path)


# --------------------------------------------------------------------------- seed

# Descriptions rather than names: resolving them is the extractor's job, not the KB's.
SEED_DESCRIPTIONS = {"China's powerful civilian spy agency"}


def test_seed_agency_names_are_in_the_alias_index() -> None:
    gold = json.loads(shared_path("seed", "gold.json").read_text("utf-8"))
    agencies = [e for e in gold["entities"] if e["type"] in ("state_agency", "agency_unit")]
    assert len(agencies) >= 10
    names = [n for e in agencies for n in [e["name"], *e["aliases"]] if n not in SEED_DESCRIPTIONS]
    missing = [n for n in names if not resolve(n)]
    assert missing == []
    by_id = entries_by_id()
    for entity in agencies:
        [entry_id] = resolve(entity["name"])
        assert by_id[entry_id].country == entity["country"]
