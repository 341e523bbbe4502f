"""Exports of the seed and the devset (read in place from ../shared): stix2-validator finds no error,
every document has a report and every relationship's sources are reachable through one, documented
methods are attack-patterns, only defendants are threat actors, the bundle imports back to the same
entities, the FollowTheMoney check finds no problem."""

import json
from pathlib import Path

import pytest

from conftest import shared_path

pytest.importorskip("stix2validator", reason="stix2-validator is not installed")
pytest.importorskip("followthemoney", reason="followthemoney is not installed")

from spyglass.export.ftm import check_entities, export_entities
from spyglass.export.stix import export_bundle
from spyglass.export.stix_check import audit, validate
from spyglass.ingest.run import ingest
from spyglass.kb.importers import import_files
from spyglass.kb.store import entries
from spyglass.run.cases import case_records
from spyglass.run.local import extract_pending
from spyglass.store import Store

CORPORA = {"seed": ("seed", "000_1093f815807a083d.txt"), "devset": ("devset", "docs")}


@pytest.fixture(scope="module", params=sorted(CORPORA))
def corpus(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    source = shared_path(*CORPORA[request.param])
    db = tmp_path_factory.mktemp(request.param) / "store.db"
    with Store(db) as store:
        ingest([str(source)], store, 5_000_000)
        extract_pending(store)
    return request.param, db


def test_stix_export_is_valid(corpus: tuple[str, Path]) -> None:
    name, db = corpus
    with Store(db) as store:
        bundle, summary = export_bundle(store)
    result = validate(bundle)
    assert result.errors == [], result.errors[:5]
    # uuid5 ids; `uses` from an agency or a state; URLs without a page hash; x_spyglass_ properties
    assert set(result.warnings) <= {"103", "202", "302", "401"}
    kinds = {o["type"] for o in bundle["objects"]}
    assert {"identity", "threat-actor", "relationship", "report"} <= kinds
    reports = [o for o in bundle["objects"] if o["type"] == "report"]
    with Store(db) as store:
        published = {d.doc_id: d.published for d in store.documents()}
    for report in reports:  # dated by publication, by first storage only where the page shows no day
        doc_id = next(r["external_id"] for r in report["external_references"] if r["source_name"] == "spyglass")
        if report["x_spyglass_published_from"] == "page":
            assert report["published"].startswith(str(published[doc_id]))
        else:
            assert len(str(published[doc_id] or "")) < 10


# Figures `benchmarks/stix_check.py` prints: the documents, and a floor under the methods the store
# documents (a floor, not the count: extraction rules change; that every one is an attack-pattern is exact).
FIGURES = {"seed": (1, 10), "devset": (33, 4)}


def test_stix_export_owes_its_sources_nothing(corpus: tuple[str, Path]) -> None:
    name, db = corpus
    with Store(db) as store:
        bundle = export_bundle(store)[0]
        found = audit(bundle, store)
    assert found.problems() == []
    documents, methods = FIGURES[name]
    assert found.documents == documents and found.methods_documented >= methods
    assert found.reports == found.documents and found.documents_without_report == []
    assert found.relationships_from_documents > 0 and found.unreachable == [] and found.unsourced == []
    assert found.attack_patterns == found.methods_documented and found.threat_actors_not_defendants == []
    assert found.uses >= 1 and found.threat_actors >= 1


def test_stix_export_imports_back(corpus: tuple[str, Path], tmp_path: Path) -> None:
    name, db = corpus
    with Store(db) as store:
        bundle = export_bundle(store)[0]
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(bundle), encoding="utf-8")
    with Store(tmp_path / "fresh.db") as fresh:
        import_files(fresh, [path])
        imported = {e.kb_id: (e.name, set(e.aliases)) for e in entries(fresh, origin="stix")}
    exported = {o["id"]: (o["name"], set(o.get("aliases", []))) for o in bundle["objects"]
                if o["type"] in ("identity", "threat-actor", "intrusion-set", "campaign", "location")
                and o.get("identity_class") != "system"}  # spyglass, the bundle's author, is no entity
    assert imported == exported and exported
    with Store(db) as store:  # into the store it came from: a second export keeps every id
        import_files(store, [path])
        again = export_bundle(store)[0]
    assert sorted(o["id"] for o in again["objects"]) == sorted(o["id"] for o in bundle["objects"])


def test_ftm_export_passes_the_library_check(corpus: tuple[str, Path]) -> None:
    name, db = corpus
    with Store(db) as store:
        found, summary = export_entities(store)
    assert check_entities(found) == []
    assert {"Person", "PublicBody", "CourtCase", "Article", "Documentation", "Note"} <= {e["schema"] for e in found}
    with Store(db) as store:  # a Documentation for every source of every case, from its subject to its Article
        owed = sum(len(r["sources"]) for r in case_records(store))
    links = [e for e in found if e["schema"] == "Documentation"]
    articles = {e["id"] for e in found if e["schema"] == "Article"}
    assert len(links) == owed > 0 and all(link["properties"]["document"][0] in articles for link in links)
