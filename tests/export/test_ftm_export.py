"""FollowTheMoney export over a hand-built store: schemata as the model says, provenance in `proof`,
topics only where the case supports them, operations as Projects, methods as Notes, each case's
sources as Documentation, and the library's check catching what it should."""

from pathlib import Path

import pytest

pytest.importorskip("followthemoney", reason="followthemoney is not installed: pip install 'followthemoney>=4.11,<5'")

from export_corpus import hand_store

from spyglass.export.ftm import check_entities, export_entities


@pytest.fixture(scope="module")
def entities(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    with hand_store(tmp_path_factory.mktemp("ftm") / "hand.db") as store:
        return export_entities(store)[0]


def named(entities: list[dict], name: str) -> dict:
    return next(e for e in entities if name in e["properties"].get("name", []))


def test_the_library_finds_no_problem(entities: list[dict]) -> None:
    assert check_entities(entities) == []


def test_schemata(entities: list[dict]) -> None:
    schemata = {e["schema"] for e in entities}
    assert schemata == {"Article", "Person", "PublicBody", "Company", "Organization", "Employment", "Membership",
                        "UnknownLink", "Sanction", "CourtCase", "CourtCaseParty", "Project", "ProjectParticipant",
                        "Documentation", "Note"}
    from followthemoney import model

    assert all(model.get(s) is not None for s in schemata)  # none invented


@pytest.mark.parametrize("name, schema, props", [
    ("Wen Haolin", "Person", {"topics": {"role.spy", "crime"}}),
    ("Piotr Nowicki", "Person", {"topics": set()}),  # acquitted: no crime, no spy topic
    ("Zhejiang State Security Department", "PublicBody", {"country": {"cn"}, "topics": {"gov.security"}}),
    ("Qingshan Netsec Co., Ltd.", "Company", {"topics": {"sanction", "poi"}}),  # sanctioned, not tried
    ("Ember Lynx", "Organization", {"alias": {"Grey Heron"}, "topics": {"crime.cyber"}}),
])
def test_entities(entities: list[dict], name: str, schema: str, props: dict) -> None:
    entity = named(entities, name)
    assert entity["schema"] == schema
    for prop, values in props.items():
        assert set(entity["properties"].get(prop, [])) == values


def test_links_and_their_sources(entities: list[dict]) -> None:
    ids = {e["id"]: e for e in entities}
    wen, zhejiang = named(entities, "Wen Haolin"), named(entities, "Zhejiang State Security Department")
    job = next(e for e in entities if e["schema"] == "Employment")
    assert job["properties"]["employee"] == [wen["id"]] and job["properties"]["employer"] == [zhejiang["id"]]
    assert job["properties"]["role"] == ["intelligence officer"]
    member = next(e for e in entities if e["schema"] == "Membership")
    assert ids[member["properties"]["organization"][0]]["properties"]["name"] == ["Ministry of State Security"]
    articles = [ids[a] for a in job["properties"]["proof"]]
    assert [a["properties"]["publishedAt"] for a in articles] == [["2024-03-05"]]
    assert job["properties"]["sourceUrl"] == ["https://harbour.example/wen-sentenced"]


def test_each_case_source_is_documentation(entities: list[dict]) -> None:
    ids = {e["id"]: e for e in entities}
    links = [e for e in entities if e["schema"] == "Documentation"]
    by_subject: dict[str, list[dict]] = {}
    for link in links:
        by_subject.setdefault(ids[link["properties"]["entity"][0]]["properties"]["name"][0], []).append(link)
    # one a case source: Wen's two reports, Nowicki's one, the sanctioned company's three (the case file
    # counts the undated note, which names the group label it gathered)
    assert {name: len(found) for name, found in by_subject.items()} == {
        "Wen Haolin": 2, "Piotr Nowicki": 1, "Qingshan Netsec Co., Ltd.": 3}
    articles = sorted(ids[link["properties"]["document"][0]]["properties"]["publishedAt"][0]
                      for link in by_subject["Wen Haolin"])
    assert articles == ["2024-03-05", "2024-03-06"]
    assert all(ids[link["properties"]["document"][0]]["schema"] == "Article" for link in links)
    assert {link["properties"]["role"][0] for link in links} == {"reports on the case"}


def test_operations_are_projects(entities: list[dict]) -> None:
    operation = named(entities, "Operation Silver Net")
    assert operation["schema"] == "Project" and operation["properties"]["proof"]
    [part] = [e for e in entities if e["schema"] == "ProjectParticipant"]
    assert part["properties"]["project"] == [operation["id"]]
    assert part["properties"]["participant"] == [named(entities, "Ministry of State Security")["id"]]
    assert part["properties"]["role"] == ["runs the operation"]


def test_method_uses_are_notes(entities: list[dict]) -> None:
    from spyglass.model.methods import METHODS

    ids = {e["id"]: e for e in entities}
    notes = {e["properties"]["keywords"][0]: e for e in entities if e["schema"] == "Note"}
    assert set(notes) == {"fake_recruiter", "bulk_data_theft", "paid_invitation"}
    on = {m: [ids[i]["schema"] + " " + ids[i]["properties"].get("name", ["?"])[0]
              for i in n["properties"]["entity"]] for m, n in notes.items()}
    assert on["fake_recruiter"] == ["PublicBody Ministry of State Security"]
    assert on["bulk_data_theft"] == ["Organization Ember Lynx"]
    assert len(on["paid_invitation"]) == 1 and on["paid_invitation"][0].startswith("Article")  # no actor named
    recruiter = notes["fake_recruiter"]["properties"]
    assert recruiter["name"] == [f"Tradecraft: {METHODS['fake_recruiter'].name}"]
    assert "against or through: engineers" in recruiter["description"][0]
    assert ids[recruiter["proof"][0]]["properties"]["publishedAt"] == ["2024-03-05"]


def test_court_cases_and_sanctions(entities: list[dict]) -> None:
    courts = {e["properties"]["name"][0]: e for e in entities if e["schema"] == "CourtCase"}
    assert set(courts) == {"Espionage case of Wen Haolin", "Espionage case of Piotr Nowicki"}
    assert courts["Espionage case of Piotr Nowicki"]["properties"]["status"] == ["acquitted"]
    assert courts["Espionage case of Wen Haolin"]["properties"]["closeDate"] == ["2024-03-04"]
    parties = [e for e in entities if e["schema"] == "CourtCaseParty"]
    assert {p["properties"]["role"][0] for p in parties} == {"defendant"}
    sanctions = [e for e in entities if e["schema"] == "Sanction"]
    assert sorted(s["properties"]["authority"][0] for s in sanctions) == ["Britain", "US Treasury"]
    assert all(s["properties"]["startDate"] == ["2024-03-04"] for s in sanctions)


def test_ids_repeat(tmp_path: Path, entities: list[dict]) -> None:
    with hand_store(tmp_path / "again.db") as store:
        assert export_entities(store)[0] == entities


@pytest.mark.parametrize("broken, problem", [
    ({"schema": "Person", "properties": {"name": ["A"], "topics": ["crime.spy"]}}, "topics"),  # not an FtM topic
    ({"schema": "Person", "properties": {"name": ["A"], "shoeSize": ["44"]}}, "shoeSize"),
    ({"schema": "Person", "properties": {"nationality": ["China"]}}, "nationality"),  # not cleaned to "cn"
    ({"schema": "Person", "properties": {"alias": ["A"]}}, "required property name"),
    ({"schema": "Employment", "properties": {"employee": ["nobody"], "employer": ["nobody"]}}, "not in the export"),
    ({"schema": "Spy", "properties": {}}, "unknown schema"),
])
def test_the_check_catches(broken: dict, problem: str) -> None:
    errors = check_entities([{"id": "x1", **broken}])
    assert any(problem in e for e in errors), errors
