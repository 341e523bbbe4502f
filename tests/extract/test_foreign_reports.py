"""Extraction in other languages, measured on reports written for this test by someone who never saw
the extractor (tests/extract/foreign_reports.json: 53 reports in 16 languages, invented people).

Each report goes through ingest and case assembly alone, as a scraper would feed it. The floors are
what the rules reach today; the bar that never moves is that nobody a report names in a role
(prosecutor, lawyer, judge, minister, spokesperson, an employer's chief) becomes a case.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spyglass.ingest.run import ingest
from spyglass.resolve.names import compare
from spyglass.run.cases import case_records
from spyglass.run.local import extract_pending
from spyglass.store import Store

REPORTS = json.loads((Path(__file__).parent / "foreign_reports.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[dict, list[dict]]]:
    out = []
    for number, report in enumerate(REPORTS):
        folder = tmp_path_factory.mktemp(f"r{number}")
        feed = folder / "feed.jsonl"
        feed.write_text(json.dumps({"url": f"https://news.example/{number}", "title": "Report", "published":
                                    report["published"], "text": report["text"]}, ensure_ascii=False) + "\n", "utf-8")
        with Store(folder / "s.db") as store:
            ingest([str(feed)], store, max_bytes=1_000_000)
            extract_pending(store)
            out.append((report, case_records(store)))
    return out


def _names(record: dict) -> set[str]:
    return {record["name"], *record["aliases"]}


def _defendant(report: dict, records: list[dict]) -> dict | None:
    return next((r for r in records if any(n == report["defendant"] or compare(n, report["defendant"]).score >= 0.85
                                           for n in _names(r))), None)


def test_no_bystander_is_ever_a_case(results: list[tuple[dict, list[dict]]]) -> None:
    built = [(r["language"], name) for r, records in results for c in records for name in _names(c) & set(r["bystanders"])]
    assert built == []


def test_no_case_for_anyone_but_the_defendant(results: list[tuple[dict, list[dict]]]) -> None:
    others = [(r["language"], c["name"]) for r, records in results for c in records if c is not _defendant(r, records)]
    assert others == []


@pytest.mark.parametrize("field, floor", [("case", 0.5), ("status", 0.45), ("sentence_months", 0.45)])
def test_floors(results: list[tuple[dict, list[dict]]], field: str, floor: float) -> None:
    right = 0
    for report, records in results:
        case = _defendant(report, records)
        if case is not None:
            right += 1 if field == "case" else case[field] == report[field]
    assert right / len(results) >= floor, f"{field}: {right}/{len(results)}"
