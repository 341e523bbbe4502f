"""One real thing, one entity: every gold case, agency and front of the devset is exactly one entity in
/api/entities and at most one node of the agency graphs, whichever spellings the reports use."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.conftest import shared_path


def _folded(name: str) -> str:
    text = unicodedata.normalize("NFKC", re.sub(r"\s*\([^)]*\)", "", name) or name).casefold()
    return " ".join(sorted(re.sub(r"[^\w\s]", " ", text).split()))


def _things() -> dict[str, set[str]]:
    gold = json.loads(Path(shared_path("devset", "gold.json")).read_text(encoding="utf-8"))
    out: dict[str, set[str]] = {}
    for case in gold["cases"]:
        out.setdefault(case["person"], set()).update(_folded(n) for n in [case["person"], *case["aliases"]])
        for field in ("sponsor", "parent_agency"):
            if case.get(field):
                names = [case[field], *(case.get(f"{field}_aliases") or [])]
                out.setdefault(case[field], set()).update(_folded(n) for n in names)
    return out


@pytest.fixture(scope="module")
def client(devset_db: Path) -> TestClient:
    from spyglass.serve import create_app

    return TestClient(create_app(devset_db), base_url="http://127.0.0.1")


def test_every_gold_case_and_agency_is_one_entity_and_one_graph_node(client: TestClient) -> None:
    entities = client.get("/api/entities", params={"limit": 1000}).json()["items"]
    things = _things()
    graphs = [g.json() for name in things if (g := client.get("/api/graph/agency", params={"name": name})).status_code == 200]
    assert graphs
    for name, wanted in things.items():
        hits = [e["name"] for e in entities if {_folded(n) for n in [e["name"], *e["aliases"]]} & wanted]
        assert len(hits) == 1, (name, hits)
        nodes = {n["id"] for g in graphs for n in g["nodes"] if _folded(n["id"]) in wanted}
        assert len(nodes) <= 1, (name, nodes)


def test_every_spelling_opens_the_same_entity_page(client: TestClient) -> None:
    entities = client.get("/api/entities", params={"limit": 1000}).json()["items"]
    for wanted in _things().values():
        hits = [e for e in entities if {_folded(n) for n in [e["name"], *e["aliases"]]} & wanted]
        for entity in hits:
            assert client.get(f"/api/entities/{entity['id']}").json()["name"] == entity["name"]  # its stable id
            for alias in entity["aliases"]:
                page = client.get(f"/api/entities/{alias.replace('/', ' ')}")
                assert page.status_code == 200 and page.json()["name"] == entity["name"], (alias, entity["name"])


def test_an_analyst_merges_or_splits_entities(tmp_path: Path) -> None:
    from spyglass.ingest.run import ingest
    from spyglass.resolve import judgements
    from spyglass.run.local import extract_pending
    from spyglass.serve import create_app
    from spyglass.store import Store

    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"url": "https://news.example/n", "title": "Case", "published": "2025-04-02", "text": (
        "Prosecutors said Northwind Marine Systems Co., Ltd. shipped sonar parts to Russia's GRU through "
        "Baltic Freight Services. Northwind Marine Systems denied the charges, and Baltic Freight Services "
        "declined to comment. Customs officers seized the parts at the port of Gdansk in March.")}) + "\n",
        encoding="utf-8")
    db = tmp_path / "s.db"
    with Store(db) as store:
        ingest([str(feed)], store, max_bytes=1_000_000)
        extract_pending(store)

    def names() -> list[list[str]]:
        items = TestClient(create_app(db), base_url="http://127.0.0.1").get(
            "/api/entities", params={"limit": 1000}).json()["items"]
        return [sorted({e["name"], *e["aliases"]}) for e in items if "Northwind" in e["name"] or "Baltic" in e["name"]]

    assert any(len([n for n in group if "Northwind" in n]) == 2 for group in names())  # one firm, two spellings
    with Store(db) as store:
        judgements.record(store, "split", "Northwind Marine Systems Co., Ltd.", "Northwind Marine Systems", "analyst")
        judgements.record(store, "merge", "Northwind Marine Systems", "Baltic Freight Services", "analyst")
    groups = names()
    assert not any("Northwind Marine Systems Co., Ltd." in g and "Northwind Marine Systems" in g for g in groups)
    assert any("Northwind Marine Systems" in g and "Baltic Freight Services" in g for g in groups)
