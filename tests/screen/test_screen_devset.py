"""Screening the 20-name list in screening_list.csv against the devset (read in place from ../shared):
every true match, written in another spelling, ranks first with an explanation; no near-miss gets a
strong match. The list was written for this test: variant spellings of devset cases, and near-misses
(another given name, a one-letter change, a different firm in the same city)."""

import csv
from pathlib import Path

import pytest

from conftest import shared_path

from spyglass.ingest.run import ingest
from spyglass.export.graph import name_key
from spyglass.run.local import extract_pending
from spyglass.screen.match import Candidate, ScreenResult, row_from_dict, screen_rows
from spyglass.store import Store

LISTING = Path(__file__).with_name("screening_list.csv")


@pytest.fixture(scope="module")
def screened(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, ScreenResult]]:
    docs = shared_path("devset", "docs")
    with Store(tmp_path_factory.mktemp("devset") / "store.db") as store:
        ingest([str(docs)], store, 5_000_000)
        extract_pending(store)
        records = list(csv.DictReader(LISTING.open(encoding="utf-8")))
        results = screen_rows(store, [row_from_dict(r) for r in records])
    return [(r["expected"], result) for r, result in zip(records, results)]


def is_case(candidate: Candidate, expected: str) -> bool:
    """True when the candidate is the expected case: its name or one its case file lists (legal forms aside)."""
    names = {candidate.name, *(n for case in candidate.evidence["cases"] for n in [case["name"], *case["aliases"]])}
    return name_key(expected, "company") in {name_key(n, "company") for n in names}


def test_the_list_has_twenty_names_with_true_matches_and_near_misses() -> None:
    expected = [r["expected"] for r in csv.DictReader(LISTING.open(encoding="utf-8"))]
    assert len(expected) == 20 and expected.count("none") == 8


def test_every_true_match_ranks_first_with_an_explanation(screened: list[tuple[str, ScreenResult]]) -> None:
    misses = []
    for expected, result in screened:
        if expected == "none":
            continue
        best = result.candidates[0] if result.candidates else None
        if best is None or not is_case(best, expected):
            misses.append((result.row.name, expected, best.name if best else None))
            continue
        assert best.explanation and best.explanation[0].startswith("name: ")
        assert best.evidence["cases"] and best.evidence["claims"], result.row.name
    assert misses == []


def test_true_matches_with_support_are_strong(screened: list[tuple[str, ScreenResult]]) -> None:
    weak = [r.row.name for e, r in screened if e != "none" and r.label != "strong"]
    assert weak == []


def test_no_near_miss_gets_a_strong_match(screened: list[tuple[str, ScreenResult]]) -> None:
    strong = [(r.row.name, c.name) for e, r in screened if e == "none" for c in r.candidates if c.label == "strong"]
    assert strong == []
