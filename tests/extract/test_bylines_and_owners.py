"""Bylines that name several reporters and their agency, and people named as someone's relative or
colleague. Reports written for this test (invented people)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ingest_reports

from spyglass.extract.run import byline_people


@pytest.mark.parametrize("byline, people", [
    ("Nora Elling and Tariq Saleem, Reuters", ["Nora Elling", "Tariq Saleem"]),
    ("By Petra Janse", ["Petra Janse"]),
    ("Ivo Marsh, Lena Ortiz & Sam Boyd", ["Ivo Marsh", "Lena Ortiz", "Sam Boyd"]),
    ("Reuters", []),
    ("Staff Writer", []),
    ("Hana Ito, The Daily Courier", ["Hana Ito"]),
])
def test_a_byline_names_its_reporters_not_their_agency(byline: str, people: list[str]) -> None:
    assert byline_people(byline) == people


REPORT = """Former lab contractor charged with acting as agent of China

By Nora Elling and Tariq Saleem, Reuters

SAN DIEGO, March 4 (Reuters) - A former contractor at a Navy research laboratory was arrested on Monday and charged with secretly acting as an agent of the Chinese government, federal prosecutors said.

Gavin Reed Holloway, 51, of Chula Vista, is accused of passing sonar test data to officers of China's Ministry of State Security between 2020 and 2024, according to a criminal complaint.

"The defendant allegedly betrayed the trust placed in him," said U.S. Attorney Carla Benning. Holloway's lawyer, Dean Ruiz, declined to comment.

Holloway's former colleague, Maya Stein, told Reuters she was stunned by the charges.

(Reporting by Nora Elling; Editing by Tariq Saleem)
"""


def test_a_described_defendant_is_the_one_named_not_the_reporters_or_a_quoted_colleague(tmp_path: Path) -> None:
    _, records = ingest_reports(tmp_path, [{"url": "https://wire.example/1", "published": "2025-03-05", "text": REPORT}])
    assert [r["name"] for r in records] == ["Gavin Reed Holloway"]
    record = records[0]
    assert record["status"] == "charged" and record["dates"]["arrested"] == "2025-03-03"
    assert record["sponsor"]["name"] == "Ministry of State Security"


def test_an_arrest_at_a_states_request_is_no_work_for_that_state(tmp_path: Path) -> None:
    text = ("Prosecutors said Lu Haoran and Fang Jie worked for a Shanghai contractor that hacked universities on behalf of "
            "China's Ministry of State Security.\n\nLu Haoran was arrested in Milan on July 3 at the request of the United "
            "States and faces extradition. Fang remains at large, the Justice Department said.")
    from spyglass.extract.run import extract
    from spyglass.ingest.build import build_document
    from spyglass.ingest.sources import RawInput

    doc = build_document(RawInput("t.txt", "Hackers charged\n\n" + text, "txt", {"published": "2025-07-09"}))
    claims = [c for e in extract([doc]) for c in e.claims]
    assert not [c for c in claims if c.predicate == "agent_of" and c.object == "United States"]
