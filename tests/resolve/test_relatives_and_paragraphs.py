"""Who an event happened to when a report names a relative by the given name alone, lists a
relative beside the accused, or sets its headline, standfirst and lead apart by blank lines.

Reports are written for this test: invented people and outlets.
"""

from __future__ import annotations

import json
from pathlib import Path

from spyglass.ingest.run import ingest
from spyglass.run.cases import case_records
from spyglass.run.local import extract_pending
from spyglass.store import Store


def _cases(tmp_path: Path, text: str, published: str = "2025-06-20") -> list[dict]:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"url": "https://news.example/k", "title": "Case", "text": text,
                                "published": published}) + "\n", encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        ingest([str(feed)], store, max_bytes=1_000_000)
        extract_pending(store)
        return case_records(store)


def _by_name(records: list[dict]) -> dict[str, dict]:
    return {r["name"]: r for r in records}


def test_a_brother_named_by_his_given_name_takes_the_family_name(tmp_path: Path) -> None:
    records = _by_name(_cases(tmp_path, (
        "Defence lawyer Mats Lindgren spoke to reporters outside the court in Malmo.\n\n"
        "A court in Malmo has sentenced Erik Dahlberg to life imprisonment and his younger brother to eight years "
        "for spying for Russia's SVR.\n\n"
        "Erik Dahlberg, 44, served in the navy's signals unit. His brother Jonas, 36, was convicted of handling "
        "the contacts with the SVR officers.")))
    assert records["Erik Dahlberg"]["sentence"] == "life"
    assert records["Jonas Dahlberg"]["sentence_months"] == 96
    assert not any("Lindgren" in name for name in records)  # the lawyer is no one's brother


def test_a_court_that_has_sentenced_someone_is_not_the_one_sentenced(tmp_path: Path) -> None:
    records = _by_name(_cases(tmp_path, (
        "A district court in Turku has sentenced Ville Harju to four years in prison for passing port "
        "schedules to Russia's GRU. Harju, a former harbour pilot, denied the charges throughout the trial.")))
    assert records["Ville Harju"]["sentence_months"] == 48


def test_a_blank_line_ends_a_headline_but_not_a_sentence_set_out_over_paragraphs(tmp_path: Path) -> None:
    records = _by_name(_cases(tmp_path, (
        "Engineer jailed for spying\n\n"
        "This article is more than a year old\n\n"
        "On 3 March 2025, the Federal Prosecutor's Office filed charges against the German nationals\n\n"
        "Henrik M.\n\n"
        "and Lothar W.\n\n"
        "before the State Security Chamber of the Court of Appeal in Celle, for passing rocket designs to "
        "Russia's GRU.")))
    assert records["Henrik M."]["dates"]["charged"] == "2025-03-03"
    assert records["Lothar W."]["dates"]["charged"] == "2025-03-03"


def test_they_are_the_two_people_the_report_is_about_and_no_judge(tmp_path: Path) -> None:
    records = _by_name(_cases(tmp_path, (
        "Judge Mats Lindgren read the verdict in Malmo. Erik Dahlberg, 44, served in the navy's signals unit and "
        "passed its codes to Russia's SVR. His brother Jonas, 36, was convicted of handling the contacts with the "
        "SVR officers.\n\nThey were arrested in 2021 when the security service suspected a mole.")))
    assert records["Erik Dahlberg"]["dates"]["arrested"] == records["Jonas Dahlberg"]["dates"]["arrested"] == "2021"
    assert not any("Lindgren" in name for name in records)


def test_a_second_arrest_does_not_date_the_arrest(tmp_path: Path) -> None:
    records = _by_name(_cases(tmp_path, (
        "Retired inspector Walter Brandt was arrested on 18 May 2025 on arrival in Calgary on suspicion of "
        "helping China's Ministry of Public Security. He was released, then re-arrested on 20 May after "
        "police obtained a warrant.")))
    assert records["Walter Brandt"]["dates"]["arrested"] == "2025-05-18"


def test_two_people_shortened_to_one_initial_stay_two(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"url": "https://news.example/f", "title": "Affaire", "language": "fr",
                                "published": "2025-06-20", "text": (
        "Gaston-Louis V. a été condamné vendredi à douze ans de prison pour trahison au profit de la Chine. "
        "Son épouse Mireille V. a été condamnée à quatre ans de prison. Mireille V. a fait appel, a indiqué "
        "son avocat. Selon le parquet, Mireille V. savait tout.")}, ensure_ascii=False) + "\n", encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        ingest([str(feed)], store, max_bytes=1_000_000)
        extract_pending(store)
        records = _by_name(case_records(store))
    assert records["Gaston-Louis V."]["sentence_months"] == 144
    assert records["Mireille V."]["sentence_months"] == 48


def test_a_caption_before_the_lead_does_not_make_its_description_someone_new(tmp_path: Path) -> None:
    """A picture's caption (closed by its credit) naming the judge comes before the lead; the lead's
    "a former army officer" is still the person the report is about, and his brother gets his term."""
    records = _by_name(_cases(tmp_path, (
        "The judge, Maria Holm, said on Friday that the harm done to the country and to the trust of its allies "
        "was grave and lasting. Photograph: Ole Berg/AFP/Getty Images\n\n"
        "Former Danish army officer jailed for life for spying for Russia\n\n"
        "Judge says Thomas Keller betrayed the trust placed in him, and also sentences younger brother to 8 years\n\n"
        "A court in Aarhus has sentenced a former Danish army officer to life imprisonment and his younger brother "
        "to eight years after finding both guilty of spying for Russia.\n\n"
        "Thomas Keller, 44, served in the army for two decades.\n\n"
        "His brother Lars, 36, was convicted of espionage for handling the contacts.")))
    assert records["Thomas Keller"]["status"] == "sentenced" and "life" in records["Thomas Keller"]["sentence"]
    assert records["Lars Keller"]["sentence_months"] == 96
    assert "Maria Holm" not in records
