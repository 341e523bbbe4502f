"""Case files end to end over reports written for this test: spellings merged, a wrong number
outvoted and flagged, two people sharing a surname kept apart, and analyst judgements applied."""

import sqlite3
from pathlib import Path

import pytest

from spyglass.ingest.run import ingest
from spyglass.resolve.judgements import claim_key, record
from spyglass.run.cases import cases_in, find_case
from spyglass.run.local import extract_pending
from spyglass.store import Store
from spyglass.store.extracted import claim_records

REPORTS = {
    "a.txt": """Harbour Times
02.03.2025

Portuguese police arrested a Chinese state security officer in Lisbon on Friday at the request of the United States, officials said.

Wen Haoyu, 47, an officer of the Fujian State Security Department, was arrested at a hotel near the river after meeting an engineer from a Texas drone maker. Prosecutors said he had tried for three years to obtain flight-control software from the company.
""",
    "b.txt": """Gulf Coast Ledger
20.06.2025

A federal judge in Houston sentenced a Chinese intelligence officer on Thursday to 10 years in prison for trying to steal drone software from a Texas company.

Haoyu Wen, an officer of the Fujian State Security Department, was convicted in March of conspiracy to commit economic espionage. His lawyer said he would appeal the sentence.
""",
    "c.txt": """Lone Star Dispatch
21.06.2025

Wen Hao-yu, a Chinese state security officer, was sentenced on Thursday to 10 years in prison in Houston for attempting to steal flight-control software, court records show.

The judge said the case showed how foreign services target small American technology firms. Wen Hao-yu had been extradited from Portugal last year.
""",
    "d.txt": """ViralNewsNow24
22.06.2025

Chinese spy functionary Wen Haoyu was handed a 12-year prison sentence on Thursday by an American judge in Houston for attempting to steal drone secrets.

The functionary from the Fujian State Security Department had been arrested in Lisbon in March of last year.
""",
    "e.txt": """Southern Cross Review
14.05.2025

Wen Jiali, a software engineer from Perth, was charged on Tuesday with foreign interference after allegedly passing information about a defence contractor to Iran's Ministry of Intelligence, police said.

Wen Jiali was refused bail and will appear in court again in July.
""",
}


@pytest.fixture
def loaded(tmp_path: Path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    with Store(tmp_path / "cases.db") as store:
        ingest([str(folder)], store, max_bytes=100_000)
        extract_pending(store)
        yield store


def test_one_case_per_person_with_conflict_flagged(loaded: Store) -> None:
    cases = cases_in(loaded)
    wen = find_case(cases, "Wen Haoyu")
    assert {"Wen Haoyu", "Haoyu Wen", "Wen Hao-yu"} <= set(wen.aliases)
    assert wen.status == "sentenced"
    assert wen.sentence_months == 120
    assert wen.sponsor == "Fujian State Security Department"
    assert wen.parent_agency == "Ministry of State Security"
    conflict = next(c for c in wen.conflicts if c["field"] == "sentence_months")
    assert {v["value"] for v in conflict["values"]} == {120, 144}
    assert "independent" in conflict["reason"]
    other = find_case(cases, "Wen Jiali")
    assert other.case_id != wen.case_id  # shares a surname, nothing else
    assert other.status == "charged"
    assert len(wen.documents) == 4 and len(other.documents) == 1


def test_judgements_apply_and_are_append_only(loaded: Store) -> None:
    wrong = next(c for c in claim_records(loaded) if c.predicate == "sentenced" and c.value == "144")
    record(loaded, "wrong_claim", claim_key(wrong), None, "analyst-1", "content farm misread the term")
    wen = find_case(cases_in(loaded), "Wen Haoyu")
    assert not any(c["field"] == "sentence_months" for c in wen.conflicts)
    record(loaded, "choose", "Wen Haoyu", "sponsor=Ministry of State Security", "analyst-2")
    assert find_case(cases_in(loaded), "Wen Haoyu").sponsor == "Ministry of State Security"
    record(loaded, "merge", "Wen Haoyu", "Wen Jiali", "analyst-1")
    assert find_case(cases_in(loaded), "Wen Jiali").name == find_case(cases_in(loaded), "Wen Haoyu").name
    record(loaded, "split", "Wen Haoyu", "Wen Jiali", "analyst-1", "different people")
    cases = cases_in(loaded)
    assert find_case(cases, "Wen Jiali").case_id != find_case(cases, "Wen Haoyu").case_id
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        loaded.conn.execute("DELETE FROM judgements")
    # re-extraction keeps them: they name claims by content, not by row
    loaded.conn.execute("DELETE FROM extraction_runs")
    extract_pending(loaded)
    assert find_case(cases_in(loaded), "Wen Haoyu").sponsor == "Ministry of State Security"
