"""Importing ATT&CK bundles and MISP clusters: counts against the files, re-imports, malformed files."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from conftest import shared_path
from spyglass.errors import InputError
from spyglass.kb.importers import import_files
from spyglass.kb.link import link
from spyglass.kb.store import get_entry
from spyglass.store import Store

GROUPS = "attack-enterprise-groups.stix.json"
SOFTWARE = "attack-enterprise-group-software.stix.json"
MISP = {"threat-actor": "misp-galaxy-threat-actor.json", "country": "misp-galaxy-country.json",
        "intelligence-agency": "misp-galaxy-intelligence-agencies.json"}
ALL = [GROUPS, SOFTWARE, *MISP.values()]


def reference(name: str) -> Path:
    return shared_path("reference", name)


def load(name: str) -> Any:
    return json.loads(reference(name).read_text("utf-8"))


def stix_names(obj: dict[str, Any]) -> set[str]:
    return {obj["name"], *(obj.get("aliases") or obj.get("x_mitre_aliases") or [])}


def misp_names(value: dict[str, Any]) -> set[str]:
    return {value["value"], *(s for s in value.get("meta", {}).get("synonyms", []) if s.strip())}


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Any:
    paths = [reference(name) for name in ALL]
    with Store(tmp_path_factory.mktemp("kb") / "kb.db") as store:
        first = import_files(store, paths)
        yield store, first, paths


def rows(store: Store, sql: str, *params: Any) -> int:
    return int(store.conn.execute(sql, params).fetchone()[0])


def test_counts_equal_those_of_the_files(imported: Any) -> None:
    store, summaries, _ = imported
    objects = load(GROUPS)["objects"] + load(SOFTWARE)["objects"]
    expected = {
        "threat_group": [o for o in objects if o["type"] == "intrusion-set"],
        "operation": [o for o in objects if o["type"] == "campaign"],
        "software": [o for o in objects if o["type"] in ("malware", "tool")],
    }
    assert [len(expected[t]) for t in ("threat_group", "operation")] == [187, 52]
    for kb_type, objs in expected.items():
        assert rows(store, "SELECT count(*) FROM kb_entries WHERE origin = 'stix' AND type = ?", kb_type) == len(objs)
        names = sum(len(stix_names(o)) for o in objs)
        assert rows(store, "SELECT count(*) FROM kb_aliases JOIN kb_entries USING (kb_id) "
                           "WHERE origin = 'stix' AND type = ?", kb_type) == names
    for galaxy, name in MISP.items():
        values = load(name)["values"]
        stored = "SELECT count(*) FROM kb_entries WHERE origin = 'misp' AND json_extract(data, '$.galaxy') = ?"
        assert rows(store, stored, galaxy) == len(values)
        aliases = ("SELECT count(*) FROM kb_aliases JOIN kb_entries USING (kb_id) "
                   "WHERE origin = 'misp' AND json_extract(data, '$.galaxy') = ?")
        assert rows(store, aliases, galaxy) == sum(len(misp_names(v)) for v in values)
    by_file = {Path(s.path).name: s for s in summaries}
    assert by_file[GROUPS].by_type == {"operation": 52, "threat_group": 187}
    assert by_file[GROUPS].aliases == sum(len(stix_names(o)) for o in expected["threat_group"] + expected["operation"])


def test_relationships_and_statuses_match_the_files(imported: Any) -> None:
    store, _, _ = imported
    objects = load(GROUPS)["objects"] + load(SOFTWARE)["objects"]
    kinds = Counter(o["relationship_type"] for o in objects if o["type"] == "relationship")
    stored = dict(store.conn.execute(
        "SELECT predicate, count(*) FROM kb_relationships WHERE origin = 'stix' GROUP BY predicate").fetchall())
    assert stored == {"attributed_to": kinds["attributed-to"], "uses": kinds["uses"], "same_as": kinds["revoked-by"]}
    groups = [o for o in objects if o["type"] == "intrusion-set"]
    statuses = Counter(r[0] for r in store.conn.execute(
        "SELECT status FROM kb_entries WHERE origin = 'stix' AND type = 'threat_group'"))
    assert statuses["revoked"] == sum(bool(o.get("revoked")) for o in groups) == 6
    assert statuses["deprecated"] == sum(bool(o.get("x_mitre_deprecated")) for o in groups) == 9


def test_second_import_adds_nothing(imported: Any) -> None:
    store, _, paths = imported
    before = {t: rows(store, f"SELECT count(*) FROM {t}") for t in ("kb_entries", "kb_aliases", "kb_relationships")}
    again = import_files(store, paths)
    for summary in again:
        assert summary.entries["added"] == summary.entries["updated"] == 0
        assert summary.relationships["added"] == summary.relationships["updated"] == 0
    after = {t: rows(store, f"SELECT count(*) FROM {t}") for t in before}
    assert after == before


@pytest.mark.parametrize("name, kb_id", [
    ("APT34", "intrusion-set--4ca1929c-7d64-4aab-b849-badbfc0c760d"),  # revoked G0057 -> OilRig G0049
    ("Charming Kitten", None),  # revoked G0058: its name lives on in MISP and Magic Hound's names
])
def test_revoked_groups_are_kept_marked_and_not_linked(imported: Any, name: str, kb_id: str | None) -> None:
    store, _, _ = imported
    revoked = store.conn.execute(
        "SELECT kb_id, data FROM kb_entries WHERE name = ? AND status = 'revoked'", (name,)).fetchone()
    assert revoked is not None and json.loads(revoked["data"])["revoked_by"].startswith("intrusion-set--")
    result = link(name, store=store)
    assert revoked["kb_id"] not in result.kb_ids[:1]
    if kb_id:
        assert result.status == "linked" and result.kb_ids[0] == kb_id


def test_misp_country_and_sponsor(imported: Any) -> None:
    store, _, _ = imported
    apt40 = get_entry(store, "misp--5b4b6980-3bc7-11e8-84d6-879aaac37dd9")
    assert apt40 is not None and (apt40.name, apt40.country, apt40.data["sponsor"]) == ("APT40", "China", "China")
    sponsor = store.conn.execute(
        "SELECT object_name, source_url FROM kb_relationships WHERE subject = ? AND predicate = 'attributed_to'",
        (apt40.kb_id,)).fetchone()
    assert tuple(sponsor) == ("China", "https://www.cfr.org/interactive/cyber-operations/apt-40")


# ------------------------------------------------------------------------------ small files

UUID = "00000000-0000-4000-8000-{:012d}"


def bundle(*objects: dict[str, Any]) -> dict[str, Any]:
    return {"type": "bundle", "id": "bundle--" + UUID.format(0), "objects": list(objects)}


def group(n: int, name: str, aliases: list[str]) -> dict[str, Any]:
    return {"type": "intrusion-set", "spec_version": "2.1", "id": "intrusion-set--" + UUID.format(n), "name": name,
            "aliases": aliases, "external_references": [{"source_name": "mitre-attack", "external_id": f"G9{n:03d}"}]}


def cluster(*values: dict[str, Any], galaxy: str = "threat-actor") -> dict[str, Any]:
    return {"type": galaxy, "name": "test", "uuid": UUID.format(99), "version": 1, "values": list(values)}


def write(tmp_path: Path, name: str, content: Any) -> Path:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")
    return path


def test_unknown_types_are_skipped_and_no_collection_is_needed(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "b.json", bundle(
        group(1, "Test Panda", ["Test Panda", "TP1"]),
        {"type": "attack-pattern", "id": "attack-pattern--" + UUID.format(2), "name": "Phishing"},
        {"type": "relationship", "id": "relationship--" + UUID.format(3), "relationship_type": "uses",
         "source_ref": "intrusion-set--" + UUID.format(1), "target_ref": "attack-pattern--" + UUID.format(2)},
    ))
    [summary] = import_files(store, [path])
    assert summary.entries == {"added": 1, "updated": 0, "unchanged": 0}
    assert summary.skipped == {"object type attack-pattern": 1, "uses relationship to attack-pattern": 1}


def test_reimport_updates_in_place(store: Store, tmp_path: Path) -> None:
    import_files(store, [write(tmp_path, "v1.json", bundle(group(1, "Test Panda", ["Test Panda", "TP1"])))])
    [summary] = import_files(store, [write(tmp_path, "v2.json", bundle(group(1, "Test Panda", ["Test Panda", "TP2"])))])
    assert summary.entries == {"added": 0, "updated": 1, "unchanged": 0}
    entry = get_entry(store, "intrusion-set--" + UUID.format(1))
    assert entry is not None and entry.aliases == ("TP2",)
    assert link("TP1", store=store).status == "unknown" and link("TP2", store=store).status == "linked"


GOOD = bundle(group(1, "Test Panda", ["Test Panda"]))
MALFORMED = [
    ("truncated JSON", json.dumps(GOOD)[:60], r"not valid JSON \(line 1, column \d+\)"),
    ("object lacks type", bundle(group(2, "Ok", []), {"id": "intrusion-set--" + UUID.format(3), "name": "X"}),
     r"object #1 \(intrusion-set--0+-0000-4000-8000-0+3\): missing 'type'"),
    ("MISP cluster without values", {"type": "threat-actor", "uuid": UUID.format(9), "name": "x"},
     r"MISP galaxy cluster has no 'values' list"),
    ("wrong top-level shape", [GOOD], r"neither a STIX bundle .* nor a MISP galaxy cluster .*found a JSON list"),
    ("bundle without objects", {"type": "bundle", "id": "bundle--" + UUID.format(0)}, r"no 'objects' list"),
    ("group without name", bundle({**group(4, "x", []), "name": ""}), r"object #0 .*'name' must be a non-empty"),
    ("id of another type", bundle({**group(5, "x", []), "id": "campaign--" + UUID.format(5)}),
     r"'id' must be 'intrusion-set--' followed by a UUID"),
    ("aliases not a list", bundle({**group(6, "x", []), "aliases": "x"}), r"'aliases' must be a list"),
    ("bad relationship end", bundle({"type": "relationship", "id": "relationship--" + UUID.format(7),
                                     "relationship_type": "uses", "source_ref": "nope", "target_ref": "nope"}),
     r"'source_ref' 'nope' is not a STIX id"),
    ("MISP value without uuid", cluster({"value": "A", "uuid": UUID.format(1)}, {"value": "B"}),
     r"values\[1\] \('B'\): 'uuid' must be a UUID"),
    ("MISP synonyms not a list", cluster({"value": "A", "uuid": UUID.format(1), "meta": {"synonyms": "B"}}),
     r"values\[0\] \('A'\): meta.synonyms must be a list of strings"),
    ("MISP duplicate uuid", cluster({"value": "A", "uuid": UUID.format(1)}, {"value": "B", "uuid": UUID.format(1)}),
     r"values #0 and #1 share the uuid"),
    ("MISP galaxy not imported", cluster({"value": "A", "uuid": UUID.format(1)}, galaxy="malpedia"),
     r"galaxy type 'malpedia' is not one spyglass imports"),
]


def snapshot(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    tables = ("kb_entries", "kb_aliases", "kb_relationships", "kb_imports")
    return {t: [tuple(r) for r in store.conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2")] for t in tables}


@pytest.mark.parametrize("case, content, message", MALFORMED, ids=[c[0] for c in MALFORMED])
def test_malformed_file_is_named_and_changes_nothing(
    store: Store, tmp_path: Path, case: str, content: Any, message: str
) -> None:
    import_files(store, [write(tmp_path, "good.json", GOOD)])
    before = snapshot(store)
    good_too = write(tmp_path, "also-good.json", bundle(group(8, "Second Panda", [])))
    bad = write(tmp_path, "bad.json", content)
    with pytest.raises(InputError, match=message) as error:
        import_files(store, [good_too, bad])  # the good file is not written either
    assert str(error.value).startswith(str(bad))
    assert snapshot(store) == before
