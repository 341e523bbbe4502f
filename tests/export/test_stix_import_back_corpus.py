"""The example corpus exported to STIX and imported back through `kb import`: every entity object comes
back as a knowledge entry with its name, aliases and type, every relationship with its predicates."""

import json
from pathlib import Path

import pytest

pytest.importorskip("stix2", reason="stix2 is not installed: pip install 'stix2>=3.0,<4'")

from spyglass.export.graph import build_graph
from spyglass.export.stix import BundleBuilder
from spyglass.ingest.run import ingest
from spyglass.kb.importers import import_files, read_file
from spyglass.kb.importers.stix import kb_type
from spyglass.kb.store import entries, relationships
from spyglass.run.local import extract_pending
from spyglass.store import Store

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
ENTITY_OBJECTS = ("identity", "threat-actor", "intrusion-set", "campaign", "location")
# Types the export writes alike: an import can tell the family, not always the member.
FAMILY = {"state_agency": "agency", "agency_unit": "agency", "government_body": "agency", "company": "org",
          "organization": "org"}


def family(type_: str) -> str:
    return FAMILY.get(type_, type_)


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("corpus")
    with Store(tmp / "store.db") as store:
        ingest([str(CORPUS)], store, 5_000_000)
        extract_pending(store)
        graph = build_graph(store)
    builder = BundleBuilder(graph)
    bundle, _ = builder.build()
    path = tmp / "bundle.json"
    path.write_text(json.dumps(bundle), encoding="utf-8")
    fresh = Store(tmp / "fresh.db")
    [summary] = import_files(fresh, [path])
    yield graph, builder, bundle, path, fresh, summary
    fresh.close()


def exported_entities(bundle: dict) -> dict[str, dict]:
    return {o["id"]: o for o in bundle["objects"]
            if o["type"] in ENTITY_OBJECTS and o.get("identity_class") != "system"}


def test_every_entity_comes_back_with_name_aliases_and_type(round_trip) -> None:
    graph, builder, bundle, _, fresh, _ = round_trip
    exported = exported_entities(bundle)
    assert {o["type"] for o in exported.values()} >= {"identity", "threat-actor", "location"}
    imported = {e.kb_id: e for e in entries(fresh, origin="stix")}
    assert set(imported) == set(exported)
    model_type = {stix: graph.entities[key].type for key, stix in builder.ids.items()}
    for oid, obj in exported.items():
        entry = imported[oid]
        assert entry.name == obj["name"]
        assert set(entry.aliases) == set(obj.get("aliases", [])) - {obj["name"]}
        assert entry.type == kb_type(obj)
        assert family(entry.type) == family(model_type[oid]), (obj["name"], entry.type, model_type[oid])


def test_relationships_come_back_with_model_predicates(round_trip) -> None:
    graph, builder, bundle, _, fresh, _ = round_trip
    names = {o["id"]: o.get("name") for o in bundle["objects"]}
    expected = {(graph.entities[e.subject].name, e.predicate, graph.entities[e.object].name)
                for e in graph.edges.values() if e.subject in builder.ids and e.object in builder.ids}
    stix_rels = [o for o in bundle["objects"] if o["type"] == "relationship"]
    # a method's `uses` does not come back: techniques are no knowledge entries, and the import says so
    uses = [o for o in stix_rels if o["target_ref"].startswith("attack-pattern--")]
    back = [r for r in relationships(fresh) if r.origin == "stix"]
    assert {(r.subject_name, r.predicate, r.object_name) for r in back} == expected and expected
    assert {r.source_ref for r in back} == {o["id"] for o in stix_rels} - {o["id"] for o in uses}  # none lost
    assert uses and round_trip[-1].skipped["uses relationship to attack-pattern"] == len(uses)
    known = {e.kb_id for e in entries(fresh, origin="stix")}
    assert all(r.subject in known and r.object in known for r in back)
    for r in back:  # the STIX ends are the entries of those names
        assert (names[r.subject], names[r.object]) == (r.subject_name, r.object_name)


def test_reports_notes_and_the_author_are_skipped_and_counted(round_trip) -> None:
    _, _, bundle, _, _, summary = round_trip
    kinds = [o["type"] for o in bundle["objects"]]
    assert summary.skipped.get("object type report", 0) == kinds.count("report") > 0
    assert summary.skipped.get("object type note", 0) == kinds.count("note")
    assert summary.skipped.get("object type attack-pattern", 0) == kinds.count("attack-pattern") > 0
    assert summary.skipped["object type identity"] == 1  # spyglass itself
    assert sum(summary.entries.values()) == len(exported_entities(bundle))


def test_reimport_updates_not_duplicates(round_trip) -> None:
    _, _, _, path, fresh, _ = round_trip
    before = {t: fresh.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("kb_entries", "kb_aliases", "kb_relationships")}
    [again] = import_files(fresh, [path])
    assert again.entries["added"] == again.entries["updated"] == 0
    assert again.relationships["added"] == again.relationships["updated"] == 0
    assert {t: fresh.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in before} == before


UUID = "00000000-0000-4000-8000-{:012d}"


def test_type_property_and_author_identity(tmp_path: Path) -> None:
    author = {"type": "identity", "id": "identity--" + UUID.format(1), "name": "Some Vendor",
              "identity_class": "organization"}
    objects = [
        author,
        {"type": "identity", "id": "identity--" + UUID.format(2), "name": "Jiangsu State Security Department",
         "identity_class": "organization", "sectors": ["government"], "x_spyglass_type": "agency_unit",
         "created_by_ref": author["id"]},
        {"type": "identity", "id": "identity--" + UUID.format(3), "name": "Acme Trading Ltd.",
         "identity_class": "organization", "created_by_ref": author["id"]},
        {"type": "threat-actor", "id": "threat-actor--" + UUID.format(4), "name": "Jan Kowalski",
         "threat_actor_types": ["spy"], "aliases": ["J. K."]},
        {"type": "location", "id": "location--" + UUID.format(5), "country": "PL"},
        {"type": "relationship", "id": "relationship--" + UUID.format(6), "relationship_type": "located-at",
         "source_ref": "identity--" + UUID.format(2), "target_ref": "location--" + UUID.format(5)},
        {"type": "relationship", "id": "relationship--" + UUID.format(7), "relationship_type": "related-to",
         "source_ref": "threat-actor--" + UUID.format(4), "target_ref": author["id"]},
    ]
    path = tmp_path / "b.json"
    path.write_text(json.dumps({"type": "bundle", "id": "bundle--" + UUID.format(0), "objects": objects}))
    batch, _ = read_file(path)
    assert {e.name: (e.type, e.aliases) for e in batch.entries} == {
        "Jiangsu State Security Department": ("agency_unit", ()), "Acme Trading Ltd.": ("company", ()),
        "Jan Kowalski": ("person", ("J. K.",)), "PL": ("country", ())}
    assert [(r.subject_name, r.predicate, r.object_name) for r in batch.relationships] == [
        ("Jiangsu State Security Department", "located_in", "PL")]
    assert batch.skipped == {"object type identity": 1, "related-to relationship to an object not imported": 1}
