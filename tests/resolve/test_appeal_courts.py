"""Reports that name different courts for one appeal ruling. Texts written for this test."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ingest_reports

from spyglass.resolve.appeal_courts import Ruling, disagreeing, rulings

NAMES = {"Oskar Lindqvist", "Lindqvist"}


@pytest.mark.parametrize("language, text, level", [
    ("en", "The Supreme Court on Thursday upheld the eight-year term of Oskar Lindqvist.", "supreme"),
    ("en", "Oskar Lindqvist lost his case in the appeals court, which confirmed the verdict.", "appeal"),
    ("sv", "Oskar Lindqvist döms i hovrätten till åtta års fängelse.", "appeal"),
    ("de", "Der Bundesgerichtshof hat das Urteil gegen Oskar Lindqvist bestätigt.", "supreme"),
    ("fr", "La cour d'appel a confirmé la condamnation d'Oskar Lindqvist.", "appeal"),
])
def test_a_court_that_ruled_on_the_appeal_gives_its_level(language: str, text: str, level: str) -> None:
    found = rulings("d", text, language, NAMES)
    assert [r.level for r in found] == [level]


@pytest.mark.parametrize("language, text", [
    ("en", "Oskar Lindqvist was sentenced in March and has appealed to the Supreme Court."),  # an appeal to it
    ("en", "The Supreme Court will rule on the appeal of Oskar Lindqvist in June."),  # still to come
    ("en", "The Supreme Court upheld the appeals court's verdict against Oskar Lindqvist."),  # both stages
    ("sv", "Oskar Lindqvist dömdes i mars och har nu gått vidare till Högsta domstolen."),  # an appeal to it
    ("en", "The Supreme Court upheld the sentence of a man who spied on refugees."),  # the person is not named
])
def test_no_ruling_from_an_appeal_to_a_court_a_ruling_to_come_or_two_stages(language: str, text: str) -> None:
    assert rulings("d", text, language, NAMES) == []


def test_a_higher_court_reported_a_week_later_is_the_next_stage() -> None:
    found = [Ruling("early", "appeal", "court of appeal", 0, 5), Ruling("late", "supreme", "Supreme Court", 0, 5)]
    assert disagreeing(found, {"early": "2024-05-02", "late": "2024-11-20"}) == []
    assert disagreeing(found, {"early": "2024-05-02", "late": "2024-05-03"}) == found
    assert disagreeing(found, {"early": "2024-05-02", "late": None}) == found  # undated: cannot be placed after


def _records(tmp_path: Path, items: list[dict]) -> list[dict]:
    return ingest_reports(tmp_path, items)[1]


WIRE = ("Oskar Lindqvist, a former radar engineer, was convicted of aggravated espionage for Russia's GRU in "
        "February. The court of appeal on Wednesday upheld the life sentence of Oskar Lindqvist. His lawyer said "
        "he would consider his options.")
AGGREGATOR = ("Oskar Lindqvist lost his last appeal on Thursday when the Supreme Court upheld his life term. The former "
              "radar engineer was convicted of spying for Russia's GRU in February.")


def test_reports_naming_different_courts_for_one_appeal_are_listed_side_by_side(tmp_path: Path) -> None:
    records = _records(tmp_path, [{"url": "https://wire.example/1", "published": "2024-05-02", "text": WIRE},
                                  {"url": "https://aggregator.example/2", "text": AGGREGATOR}])
    record = next(r for r in records if "Oskar Lindqvist" in {r["name"], *r["aliases"]})
    courts = {v["value"]: {s["url"] for s in v["sources"]} for c in record["conflicts"] if c["field"] == "appeal_court"
              for v in c["values"]}
    assert courts == {"a court of appeal": {"https://wire.example/1"}, "a supreme court": {"https://aggregator.example/2"}}


def test_a_supreme_court_ruling_reported_months_later_is_no_conflict(tmp_path: Path) -> None:
    records = _records(tmp_path, [{"url": "https://wire.example/1", "published": "2024-05-02", "text": WIRE},
                                  {"url": "https://aggregator.example/2", "published": "2024-12-11", "text": AGGREGATOR}])
    record = next(r for r in records if "Oskar Lindqvist" in {r["name"], *r["aliases"]})
    assert not [c for c in record["conflicts"] if c["field"] == "appeal_court"]
