"""One report, several defendants with different outcomes: each outcome stays with its own person.
Report written for this test (invented people)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ingest_reports

REPORT = """Two men plead guilty in overseas police station case; third defendant acquitted

By Elena Vogt

NEW YORK — Two men accused of helping run an undeclared police outpost in Manhattan pleaded guilty on Tuesday, while a jury in a separate trial acquitted a third man of acting as an agent of Beijing.

Wei Chang, 63, and Robert Lao, 58, admitted conspiring to act as agents of the People's Republic of China without notifying the attorney general. They face up to five years in prison when they are sentenced on June 12.

In Brooklyn, jurors found Daniel Foss, 45, not guilty of charges that he spied on dissidents for China's Ministry of Public Security. "We are grateful the jury saw through this," said his lawyer, Priya Natarajan.

Prosecutors dropped charges against a fourth man, Henry Tsai, last year.
"""


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[list, list[dict]]:
    return ingest_reports(tmp_path_factory.mktemp("outcomes"),
                          [{"url": "https://news.example/1", "published": "2025-04-02", "text": REPORT}])


def test_a_not_guilty_finding_after_a_name_and_age_is_an_acquittal(stored: tuple[list, list[dict]]) -> None:
    claims, records = stored
    assert ("Daniel Foss", "acquitted") in {(c.subject, c.predicate) for c in claims}
    foss = next(r for r in records if r["name"] == "Daniel Foss")
    assert foss["status"] == "acquitted" and "convicted" not in foss["dates"]


def test_a_sentencing_still_to_come_is_no_sentence(stored: tuple[list, list[dict]]) -> None:
    claims, _ = stored
    assert not [c for c in claims if c.predicate == "sentenced"]


def test_a_third_man_is_none_of_the_people_named_before(stored: tuple[list, list[dict]]) -> None:
    claims, _ = stored
    acquitted = {c.subject for c in claims if c.predicate == "acquitted"}
    assert acquitted == {"Daniel Foss"}


def test_charges_dropped_against_a_named_man(stored: tuple[list, list[dict]]) -> None:
    claims, records = stored
    assert ("Henry Tsai", "dismissed") in {(c.subject, c.predicate) for c in claims}
    assert not [r for r in records if r["name"] == "Henry Tsai" and r["status"] in ("convicted", "sentenced")]


def test_a_death_sentence_with_a_reprieve_is_no_term_of_months(tmp_path: Path) -> None:
    text = ("A court in Nanjing has sentenced a former state security official to death with a two-year reprieve for "
            "selling state secrets to a foreign intelligence agency, state media reported on Monday.\n\nThe court found "
            "Gao Ruiming, 52, a former section chief, guilty of espionage. Gao Ruiming was sentenced to death with a "
            "two-year reprieve and stripped of his political rights for life.")
    _, records = ingest_reports(tmp_path, [{"url": "https://news.example/2", "published": "2025-03-11", "text": text}])
    record = next(r for r in records if r["name"] == "Gao Ruiming")
    assert record["sentence_months"] is None and record["sentence"] == "death with reprieve"


def test_a_place_inside_a_clause_on_the_arrest_is_not_where_and_a_guard_is_a_description(tmp_path: Path) -> None:
    text = ("A former security guard at a British consulate has been jailed for 11 years for selling secrets to Russia."
            "\n\nNigel Ashcombe, 55, was caught in a sting operation in which an MI5 officer posed as a Russian spy. He had "
            "previously worked for a private security firm.\n\nAshcombe pleaded guilty in October to an offence under the "
            "National Security Act, the court heard.")
    _, records = ingest_reports(tmp_path, [{"url": "https://news.example/3", "published": "2024-02-17", "text": text}])
    record = next(r for r in records if r["name"] == "Nigel Ashcombe")
    assert record["prosecuting_country"] != "Russia"
    assert (record["sponsor"] or {}).get("name") == "Russia"


def test_a_service_the_person_once_worked_for_is_no_sponsor(tmp_path: Path) -> None:
    text = ("A former intelligence analyst was sentenced on Friday to nine years in prison for conspiring to deliver "
            "classified information to Chinese intelligence officers, prosecutors said.\n\nHarold Keane Whitby, 68, who "
            "worked for the CIA from 1985 to 1991, pleaded guilty in May. He was arrested in August 2021 after a sting.")
    _, records = ingest_reports(tmp_path, [{"url": "https://news.example/4", "published": "2024-09-14", "text": text}])
    record = next(r for r in records if r["name"] == "Harold Keane Whitby")
    assert (record["sponsor"] or {}).get("name") != "Central Intelligence Agency"


def test_a_dateline_is_no_subject_and_a_separate_case_of_another_named_person_is_theirs(tmp_path: Path) -> None:
    text = ("HONOLULU — A former intelligence analyst was sentenced on Friday to eight years in prison for conspiring to "
            "deliver classified information to Chinese intelligence officers, prosecutors said.\n\nRoland Kaimana Pierce, "
            "66, pleaded guilty in May. He was arrested in August 2021.\n\nIn a separate case, another former analyst, "
            "Curtis Wen Ho Lam, was sentenced in 2019 to 15 years for conspiring to spy for China.")
    claims, records = ingest_reports(tmp_path, [{"url": "https://news.example/5", "published": "2024-09-14", "text": text}])
    assert not [c for c in claims if c.subject == "HONOLULU"]
    pierce = next(r for r in records if r["name"] == "Roland Kaimana Pierce")
    assert pierce["sentence_months"] == 96
    lam = next(r for r in records if r["name"] == "Curtis Wen Ho Lam")
    assert lam["sentence_months"] == 180


def test_an_officer_who_approached_the_person_and_an_fbi_witness_give_no_role_nor_sponsor(tmp_path: Path) -> None:
    text = ("SAN DIEGO — A federal jury on Tuesday convicted a Navy sailor of espionage for selling ship data to a "
            "foreign intelligence officer.\n\nPetty Officer Kevin Tran Duong, 25, was found guilty of five counts. "
            "Prosecutors said Duong was approached in 2023 by an officer of China's Ministry of State Security who posed "
            "as a ship enthusiast.\n\nFBI agent Carl Mendes testified that Duong received about $9,000.")
    claims, records = ingest_reports(tmp_path, [{"url": "https://news.example/6", "published": "2025-08-20", "text": text}])
    assert not [c for c in claims if c.subject == "Kevin Tran Duong" and c.predicate == "officer_of"]
    record = next(r for r in records if r["name"] == "Kevin Tran Duong")
    assert (record["sponsor"] or {}).get("name") == "Ministry of State Security"
    assert record["dates"].get("convicted") == "2025-08-19"


def test_a_relatives_detention_and_release_on_bail_make_no_case(tmp_path: Path) -> None:
    text = ("A Maryland man was charged on Wednesday with spying on exiled activists for China, prosecutors said.\n\n"
            "Dong Weiming, 58, allegedly passed information about the activists to officers of China's Ministry of "
            "Public Security. One of them, the campaigner Selina Okafor, whose brother was detained in Urumqi in 2018, "
            "said she was not surprised.\n\nDong was released on bail after a court appearance in Baltimore.")
    _, records = ingest_reports(tmp_path, [{"url": "https://news.example/7", "published": "2025-03-06", "text": text}])
    assert not [r for r in records if r["name"] == "Selina Okafor"]
    assert not [r for r in records if r["status"] == "released"]


def test_people_listed_with_their_ages_share_the_service(tmp_path: Path) -> None:
    text = ("Prosecutors in Boston said Gordon Yip, 61, and Kenji Morrow, 47, were arrested on Monday and charged with "
            "acting as agents of China's Ministry of State Security. The two men are accused of photographing Navy "
            "facilities.\n\nYip and Morrow appeared in federal court and were ordered detained.")
    _, records = ingest_reports(tmp_path, [{"url": "https://news.example/8", "published": "2025-05-06", "text": text}])
    assert {r["name"]: (r["sponsor"] or {}).get("name") for r in records} == {
        "Gordon Yip": "Ministry of State Security", "Kenji Morrow": "Ministry of State Security"}
