"""The read side's indexes answer as a scan of everything would, and follow the store when it changes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from spyglass.serve.case_index import CaseState, own_names
from spyglass.serve.entity_index import relations

# (subject, subject_type, predicate, object, object_type, doc)
CLAIMS = [
    ("Unit 7", "agency_unit", "part_of", "Ministry X", "state_agency", "d1"),
    ("unit 7", "agency_unit", "part_of", "Ministry X", "state_agency", "d2"),
    ("Unit 7", "agency_unit", "part_of", "Ministry X", "state_agency", "d2"),
    ("Ann Lee", "person", "agent_of", "Unit 7", "agency_unit", "d1"),
    ("Unit 7", "agency_unit", "targets", "shipping", "sector", "d3"),
    ("Unit 7", "agency_unit", "used_method", "cover", None, "d3"),
    ("Unit 7", "agency_unit", "part_of", "UNIT 7", "agency_unit", "d4"),
    ("Bo Ray", None, "agent_of", "Unit 7", "agency_unit", "d5"),
]


def claim(row: tuple[Any, ...]) -> dict[str, Any]:
    keys = ("subject", "subject_type", "predicate", "object", "object_type", "doc_id")
    return dict(zip(keys, row))


def positions(claims: list[dict[str, Any]], key: str) -> list[int]:
    """As the snapshot lists them: a claim once for its subject and once for its object (when typed)."""
    return [i for i, c in enumerate(claims) for name, type_ in ((c["subject"], c["subject_type"]),
                                                               (c["object"], c["object_type"]))
            if name and type_ and name.casefold() == key]


@pytest.mark.parametrize(("key", "expected"), [
    ("unit 7", [("part_of", "out", "Ministry X", 2), ("agent_of", "in", "Ann Lee", 1), ("agent_of", "in", "Bo Ray", 1),
                ("part_of", "out", "UNIT 7", 1), ("targets", "out", "shipping", 1)]),
    ("ministry x", [("part_of", "in", "Unit 7", 2)]),
    ("ann lee", [("agent_of", "out", "Unit 7", 1)]),
    ("bo ray", []),  # an untyped subject is no entity of its own
])
def test_relations_per_entity(key: str, expected: list[tuple[str, str, str, int]]) -> None:
    claims = [claim(r) for r in CLAIMS]
    found = relations(claims, [(key, positions(claims, key))]).get(key, [])
    assert [(r["predicate"], r["direction"], r["other"], r["documents"]) for r in found] == expected


def row(case_id: str, name: str, aliases: list[str], sponsor: str | None, parent: str | None,
        docs: list[str]) -> dict[str, Any]:
    return {"case_id": case_id, "name": name, "aliases": aliases, "parent_agency": parent,
            "sponsor": {"name": sponsor, "aliases": []} if sponsor else None,
            "sources": [{"document": d} for d in docs]}


ROWS = [row("c1", "Ann Lee", ["A. Lee"], "Unit 7", "Ministry X", ["d1", "d2", "d1"]),
        row("c2", "Bo Ray", [], "Ministry X", None, ["d2"]),
        row("c3", "Cy Dunn", ["Ann Lee"], None, None, ["d3"]),
        row("c1", "Ann Lee (again)", [], None, None, ["d4"])]


@pytest.mark.parametrize("names", [{"ann lee"}, {"Ministry X"}, {"unit 7", "Bo Ray"}, {"a. lee"}, {"nobody"}, set()])
def test_cases_by_name_as_a_scan(names: set[str]) -> None:
    state = CaseState((), ROWS)
    folded = {n.casefold() for n in names}
    assert state.naming(names) == [r for r in ROWS if folded & own_names(r)]


@pytest.mark.parametrize(("doc", "cases"), [("d1", ["c1"]), ("d2", ["c1", "c2"]), ("d4", ["c1"]), ("d9", [])])
def test_cases_by_document(doc: str, cases: list[str]) -> None:
    state = CaseState((), ROWS)
    assert [r["case_id"] for r in state.of_document(doc)] == cases
    assert state.rows[state.by_id["c1"]]["name"] == "Ann Lee"  # the first row of an id, as a scan finds it


def add_report(db: Path, n: int, person: str, sponsor: str | None = "Unit 7") -> None:
    from spyglass.model import Claim, Document, FuzzyDate, Segment
    from spyglass.model.records import content_hash
    from spyglass.store import Store, extracted

    text = f"{person} was arrested in Lyon on suspicion of spying for the {sponsor}.\n"
    with Store(db) as store:
        doc = Document(doc_id=content_hash(text, n), text=text, segments=[Segment("body", 0, len(text))],
                       title=f"report {n}", publisher="Harbour Post", published="2024-05-0" + str(n), language="en",
                       format="txt")
        store.add_document(doc, f"test:{n}")
        common = {"doc_id": doc.doc_id, "start": 0, "end": len(text) - 1, "extractor": "test",
                  "extractor_version": "1", "confidence": 0.9}
        claims = [Claim(person, "arrested", subject_type="person", value="in Lyon",
                        date=FuzzyDate(f"202{n % 3}-05-0{n}", "day"), **common)]
        if sponsor:
            claims.append(Claim(person, "agent_of", subject_type="person", object=sponsor, object_type="agency_unit",
                                **common))
        extracted.save(store, doc.doc_id, [], claims, "test")


def test_a_commit_elsewhere_reaches_the_entity_page(tmp_path: Path) -> None:
    """The fingerprint is counted again only after a commit: one by another connection (an ingest beside
    the server) must still show on the next look."""
    from spyglass.serve.data import Data
    from spyglass.serve.views import entity_view

    db = tmp_path / "s.db"
    add_report(db, 1, "Ann Lee")
    data = Data(db)
    data.wrote()  # read the change at once rather than in the background
    before = entity_view(data, "Unit 7")
    assert [(r["other"], r["direction"]) for r in before["relations"]] == [("Ann Lee", "in")]
    add_report(db, 2, "Bo Ray")
    data.wrote()
    after = entity_view(data, "unit 7")
    assert sorted(r["other"] for r in after["relations"]) == ["Ann Lee", "Bo Ray"]
    assert after["documents"] == 2 and after["claims"]["total"] == 2
    assert {c["name"] for c in data.cases_naming({"Bo Ray"})} == {"Bo Ray"}


def test_records_parsed_again_only_where_their_text_changed() -> None:
    import json

    from spyglass.serve.case_index import Records

    texts = [json.dumps({"case_id": c, "dates": {"arrested": d, "charged": None}}) for c, d in
             (("c1", "2019-03-01"), ("c2", None), ("c3", "2020-01-02"))]
    records = Records()
    first = records.rows(texts)
    assert [(r["first_date"], r["last_date"], r["years"]) for r in first] == [
        ("2019-03-01", "2019-03-01", ["2019"]), (None, None, []), ("2020-01-02", "2020-01-02", ["2020"])]
    changed = [texts[0], json.dumps({"case_id": "c2", "dates": {"arrested": "2018-05"}}), texts[2]]
    second = records.rows(changed)
    assert second[0] is first[0] and second[2] is first[2] and second[1] is not first[1]
    assert second[1]["years"] == ["2018"]


def test_a_server_keeps_the_linker_of_a_store_resolved_elsewhere(tmp_path: Path) -> None:
    from spyglass.run import resolution
    from spyglass.store import Store

    db = tmp_path / "s.db"
    add_report(db, 1, "Ann Lee")
    with Store(db) as store:
        resolution.refresh(store)
    resolution._LINKERS.clear()  # as in a server process started after the ingest that resolved it
    with Store(db) as store:
        resolution.keep_linker(store)
        assert str(store.path) in resolution._LINKERS
    add_report(db, 2, "Bo Ray")
    with Store(db) as store:
        step = resolution.refresh(store)
        assert (step.documents, step.full) == (1, False)
        assert sorted(r["name"] for r in resolution.resolved.records(store)) == ["Ann Lee", "Bo Ray"]


def scanned_table(rows: list[dict[str, Any]], sponsor: str | None, year: str | None, sort: str,
                  descending: bool) -> list[str]:
    """The case table as it was computed before its indexes: filter every row, then sort."""
    from spyglass.serve.views import sort_value

    if sponsor:
        want = sponsor.casefold()
        rows = [r for r in rows if r["sponsor"] and (
            any(want in a.casefold() for a in [r["sponsor"]["name"], *r["sponsor"]["aliases"]])
            or want in (r["parent_agency"] or "").casefold())]
    if year:
        rows = [r for r in rows if year in r["years"]]

    def key(r: dict[str, Any]) -> tuple[bool, Any]:
        value = sort_value(r, sort)
        return (value is None) != descending, value if value is not None else ""

    return [r["case_id"] for r in sorted(rows, key=key, reverse=descending)]


@pytest.mark.parametrize("sponsor", [None, "unit", "UNIT 7", "nit 7", "ministry", "unit 7\x00", "", "nobody"])
@pytest.mark.parametrize(("sort", "descending"), [("name", False), ("documents", True), ("sponsor", False)])
def test_case_table_as_a_scan(tmp_path_factory: pytest.TempPathFactory, sponsor: str | None, sort: str,
                              descending: bool) -> None:
    from spyglass.serve.data import Data
    from spyglass.serve.views import case_table

    db = tmp_path_factory.getbasetemp() / "table.db"
    if not db.exists():
        for n, (person, agency) in enumerate([("Ann Lee", "Unit 7"), ("Bo Ray", "Ministry X"), ("Cy Dunn", None),
                                              ("Di Moss", "Unit 7")], start=1):
            add_report(db, n, person, agency)
    data = Data(db)
    rows = data.case_rows()
    assert len(rows) == 4
    assert {r["sponsor"]["name"] if r["sponsor"] else None for r in rows} == {"Unit 7", "Ministry X", None}
    assert {y for r in rows for y in r["years"]} == {"2020", "2021", "2022"}
    for year in (None, "2021", "1999"):
        got = [r["case_id"] for r in case_table(data, sponsor, None, None, year, sort, descending)]
        assert got == scanned_table(rows, sponsor, year, sort, descending)
