"""Reports that pair a charge with different sections of the law. Texts written for this test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spyglass.ingest.run import ingest
from spyglass.resolve.statute_sections import sections_named
from spyglass.run.cases import case_records
from spyglass.run.local import extract_pending
from spyglass.store import Store


@pytest.mark.parametrize("text, expected", [
    ("He was charged under the Official Secrets Act:\n\nS. 4 – Communicating information to a foreign power,\n\n"
     "S. 9 – Conspiracy", {"communicating information to a foreign power": {"4"}, "conspiracy": {"9"}}),
    ("He faces two counts, including Section 9, \u201ccommunicating information to a foreign power\u201d and "
     "Section 4, conspiracy.", {"communicating information to a foreign power": {"9"}, "conspiracy": {"4"}}),
    ("Section 4 of the act, which was amended in 2019, sets the penalty.", {}),  # no offence named
])
def test_sections_paired_with_offences(text: str, expected: dict) -> None:
    assert dict(sections_named(text)) == expected


def _records(tmp_path: Path, items: list[dict]) -> list[dict]:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"title": "Charged", **item}) + "\n" for item in items), encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        ingest([str(feed)], store, max_bytes=1_000_000)
        extract_pending(store)
        return case_records(store)


RELEASE = ("Police said on Friday that Gordon Ashby, 58, a retired customs officer, was charged with two counts under "
           "the Official Secrets Act for helping a foreign government track a critic.\n\nThe counts are:\n\n"
           "S. 4 – Communicating information to a foreign power,\n\nS. 9 – Conspiracy\n\n"
           "Ashby is due in court next month.")
REWRITE = ("A retired customs officer, Gordon Ashby, was charged on Friday with two counts under the Official Secrets "
           "Act, including Section 9, \u201ccommunicating information to a foreign power\u201d and Section 4, "
           "conspiracy, police said. Ashby is due in court next month.")


def test_a_report_pairing_a_charge_with_another_section_is_listed_under_that_reading(tmp_path: Path) -> None:
    records = _records(tmp_path, [{"url": "https://police.example/1", "published": "2024-03-08", "text": RELEASE},
                                  {"url": "https://paper.example/2", "published": "2024-03-08", "text": REWRITE}])
    record = next(r for r in records if "Gordon Ashby" in {r["name"], *r["aliases"]})
    readings = {v["value"]: {s["url"] for s in v["sources"]} for c in record["conflicts"] if c["field"] == "charges"
                for v in c["values"]}
    assert readings["section 9: conspiracy"] == {"https://police.example/1"}
    assert readings["section 4: conspiracy"] == {"https://paper.example/2"}


def test_reports_that_agree_on_the_sections_raise_no_conflict(tmp_path: Path) -> None:
    records = _records(tmp_path, [{"url": "https://police.example/1", "published": "2024-03-08", "text": RELEASE},
                                  {"url": "https://paper.example/3", "published": "2024-03-08",
                                   "text": REWRITE.replace("Section 9", "Section X").replace("Section 4", "Section 9")
                                   .replace("Section X", "Section 4")}])
    record = next(r for r in records if "Gordon Ashby" in {r["name"], *r["aliases"]})
    assert not [c for c in record["conflicts"] if c["field"] == "charges"]
