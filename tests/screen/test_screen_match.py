"""Screening over a store built by hand: what makes a match strong or weak, what each explanation says,
the evidence returned, and how rows are read."""

import argparse
import json
from pathlib import Path

import pytest

from spyglass.extract.run import EXTRACTION_VERSION
from spyglass.model import Claim, Document, FuzzyDate, Segment, content_hash
from spyglass.screen import ScreenRow, screen_rows
from spyglass.screen.cli import register
from spyglass.screen.match import row_from_dict
from spyglass.settings import Settings
from spyglass.store import Store, extracted

TEXT = ("Liang Wenbo, 46, an officer of the Jiangsu State Security Department, was sentenced to nine years "
        "for trying to obtain turbine designs. Anna Kowalczyk, a Polish translator, was charged with spying "
        "for the Federal Security Service. Kowalczyk is a citizen of Poland.")
CLAIMS = [  # (phrase, subject, subject type, predicate, object, object type, value, date)
    ("Liang Wenbo, 46", "Liang Wenbo", "person", "officer_of", "Jiangsu State Security Department", "agency_unit",
     None, None),
    ("was sentenced to nine years", "Liang Wenbo", "person", "sentenced", None, None, "108", "2024-06-03"),
    ("was charged with spying", "Anna Kowalczyk", "person", "charged", None, None, None, "2024-06"),
    ("spying for the Federal Security Service", "Anna Kowalczyk", "person", "agent_of", "Federal Security Service",
     "state_agency", None, None),
    ("Kowalczyk is a citizen of Poland", "Anna Kowalczyk", "person", "citizen_of", "Poland", "country", None, None),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("screen") / "store.db"
    with Store(path) as store:
        doc = Document(content_hash(TEXT), TEXT, [Segment("body", 0, len(TEXT))], title="Two cases",
                       publisher="River Post", published="2024-06-05", url="https://river.example/two", language="en")
        store.add_document(doc, "test")
        claims = [Claim(subject=s, predicate=p, doc_id=doc.doc_id, start=TEXT.index(phrase),
                        end=TEXT.index(phrase) + len(phrase), extractor="test", extractor_version="1", object=o,
                        value=v, subject_type=st, object_type=ot, date=FuzzyDate.parse(d) if d else None,
                        confidence=0.7)  # each claim names its subject, as extraction would rate it
                  for phrase, s, st, p, o, ot, v, d in CLAIMS]
        extracted.save(store, doc.doc_id, [], claims, EXTRACTION_VERSION)
    return path


def screen(db: Path, *rows: ScreenRow) -> list:
    with Store(db) as store:
        return screen_rows(store, list(rows))


@pytest.mark.parametrize("row, top, label, says", [
    # word order, and a birth year that fits "46" in a 2024 report
    (ScreenRow("WENBO Liang", "person", birth_year=1978), "Liang Wenbo", "strong", "same words in another order"),
    # the name alone: weak, however exact
    (ScreenRow("Liang Wenbo", "person"), "Liang Wenbo", "weak", "nothing but the name agrees"),
    # Han characters read as pinyin, and the country of the service he is linked to
    (ScreenRow("梁文博", "person", country="China"), "Liang Wenbo", "strong", "read from Han characters"),
    # a context word found in the evidence
    (ScreenRow("Liang Wen-bo", context="turbine engineer"), "Liang Wenbo", "strong", "turbine"),
    # the stated nationality agrees
    (ScreenRow("Anna Kowalczyk", country="Poland"), "Anna Kowalczyk", "strong", "the stated nationality"),
    # near misses: close names never reach a strong match, even when the country agrees
    (ScreenRow("Liang Wenbin", "person", country="China"), "Liang Wenbo", "weak", "same surname"),
    (ScreenRow("Anna Kowalska", country="Poland"), "Anna Kowalczyk", "weak", "0.50"),
    # an organisation through a knowledge-base alias
    (ScreenRow("Jiangsu MSS", "organization", country="China"), "Jiangsu State Security Department", "strong",
     "knowledge-base name"),
])
def test_labels_and_explanations(db: Path, row: ScreenRow, top: str, label: str, says: str) -> None:
    [result] = screen(db, row)
    best = result.candidates[0]
    assert (best.name, best.label) == (top, label)
    assert any(says in line for line in [*best.explanation, *best.support]), best.explanation + best.support


def test_contradictions_make_a_match_weak(db: Path) -> None:
    [result] = screen(db, ScreenRow("Anna Kowalczyk", country="Germany", birth_year=1999, context="spying"))
    best = result.candidates[0]
    assert best.label == "weak" and best.support == ["context: spying found in the evidence"]
    assert best.against == ["country: the graph gives Poland, not Germany"]


def test_evidence_carries_the_case_and_its_sources(db: Path) -> None:
    [result] = screen(db, ScreenRow("Liang Wenbo", birth_year=1978))
    evidence = result.candidates[0].evidence
    assert evidence["cases"][0]["status"] == "sentenced"
    assert evidence["cases"][0]["sources"][0]["url"] == "https://river.example/two"
    claim = next(c for c in evidence["claims"] if c["predicate"] == "officer_of")
    assert claim["publisher"] == "River Post" and claim["evidence"].startswith("Liang Wenbo, 46")
    assert "birth year: 1978 fits age 46 in River Post (2024-06-05)" in result.candidates[0].support[0]


def test_people_and_organisations_are_kept_apart(db: Path) -> None:
    [person, org, none] = screen(db, ScreenRow("Jiangsu State Security Department", "person"),
                                 ScreenRow("Liang Wenbo", "company"), ScreenRow("Maria Schmidt"))
    assert person.candidates == [] and org.candidates == [] and none.label == "none"


@pytest.mark.parametrize("data, expected", [
    ({"Name": "Liang Wenbo", "Type": "person", "Nationality": "China", "DOB": "1978-02-01", "ref": "7"},
     ScreenRow("Liang Wenbo", "person", "China", 1978, "")),
    ({"full_name": "Anna Kowalczyk", "notes": "translator"}, ScreenRow("Anna Kowalczyk", None, None, None, "translator")),
])
def test_rows_from_columns(data: dict, expected: ScreenRow) -> None:
    assert row_from_dict(data) == expected


@pytest.mark.parametrize("data, reason", [
    ({"name": "", "country": "China"}, "no name"),
    ({"name": "A B", "birth_year": "forties"}, "is not a year"),
])
def test_rows_that_cannot_be_screened(data: dict, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        row_from_dict(data)


def test_cli_json(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    listing = tmp_path / "partners.csv"
    listing.write_text("name,country,ref\nWenbo Liang,China,A-1\n,Poland,A-2\n", encoding="utf-8")
    parser = argparse.ArgumentParser(prog="spyglass")
    register(parser.add_subparsers())
    args = parser.parse_args(["screen", str(listing), "--format", "json"])
    assert args.handler(args, Settings.from_env(db=str(db))) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["rejected"] == ["line 3: no name (expected a column called name)"]
    [result] = out["results"]
    assert result["row"]["ref"] == "A-1" and result["label"] == "strong"
    assert result["candidates"][0]["name"] == "Liang Wenbo"
