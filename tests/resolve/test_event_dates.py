"""Each event gets its own date: the phrase of its own clause, shared by conjoined event words,
read against the publication date (or the date in the page's address when none is shown).

Reports are written for this test: invented people, outlets and addresses.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from spyglass.ingest.run import ingest
from spyglass.ingest.url_dates import date_in_url
from spyglass.run.cases import case_records
from spyglass.run.local import extract_pending
from spyglass.store import Store


def _cases(tmp_path: Path, text: str, *, published: str | None = "2025-06-20", url: str = "https://news.example/o",
           language: str | None = None) -> list[dict]:
    item = {"url": url, "title": "Case", "text": text, **({"published": published} if published else {}),
            **({"language": language} if language else {})}
    tmp_path.mkdir(parents=True, exist_ok=True)
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps(item, ensure_ascii=False) + "\n", encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        ingest([str(feed)], store, max_bytes=1_000_000)
        extract_pending(store)
        return case_records(store)


def _dates(records: list[dict], name: str) -> dict:
    return next(r for r in records if name in {r["name"], *r["aliases"]})["dates"]


@pytest.mark.parametrize("url, day", [
    ("https://paper.example/world/2024/11/28/engineer-jailed", "2024-11-28"),
    ("https://paper.example/story/2023-06-20/three-convicted", "2023-06-20"),
    ("https://paper.example/internacional/20240801/periodista", "2024-08-01"),
    ("https://paper.example/2023/10/court-clears-man", None),        # a month is too coarse for "on Thursday"
    ("https://paper.example/urn-newsml-20090101-220429-99", None),   # digits inside a word are an identifier
    ("https://paper.example/2023/13/40/x", None),                    # no such day
])
def test_the_address_gives_a_day_only_when_it_writes_one(url: str, day: str | None) -> None:
    found = date_in_url(url, not_after=dt.date(2026, 1, 1))
    assert (found.isoformat() if found else None) == day


def test_a_page_without_a_shown_date_reads_relative_dates_against_its_address(tmp_path: Path) -> None:
    text = ("Harbour pilot Edvin Maag was arrested on Tuesday on suspicion of passing port schedules to Russia's "
            "GRU, the prosecutor's office said. Maag, 47, denies the accusation and remains in custody in Tallinn.")
    undated = _cases(tmp_path / "a", text, published=None, url="https://paper.example/news/2024/03/14/pilot-held")
    assert _dates(undated, "Edvin Maag")["arrested"] == "2024-03-12"
    nowhere = _cases(tmp_path / "b", text, published=None, url="https://paper.example/news/pilot-held")
    assert "arrested" not in _dates(nowhere, "Edvin Maag")  # no date at all: no value rather than a wrong one


def test_conjoined_events_share_the_date_after_them_unless_one_has_its_own(tmp_path: Path) -> None:
    records = _cases(tmp_path / "a", (
        "Martin Ostrowski worked for a shipyard in Gdansk for a decade. He was arrested and charged with espionage by "
        "the police on 14 May 2024, accused of passing hull designs to Russia's SVR."))
    assert _dates(records, "Martin Ostrowski") == {"arrested": "2024-05-14", "charged": "2024-05-14"}
    records = _cases(tmp_path / "b", (
        "Martin Ostrowski was arrested in 2022 and later charged with espionage on 14 May 2024, accused of passing "
        "hull designs to Russia's SVR, prosecutors in Gdansk said."))
    assert _dates(records, "Martin Ostrowski") == {"arrested": "2022", "charged": "2024-05-14"}


def test_an_unsealed_indictment_dates_the_charge(tmp_path: Path) -> None:
    records = _cases(tmp_path, (
        "On March 3, prosecutors in Denver unsealed an indictment against Colm Barrett, a satellite engineer, "
        "alleging that he sold antenna designs to agents of China's Ministry of State Security."))
    dates = _dates(records, "Colm Barrett")
    assert dates["indicted"] == dates["charged"] == "2025-03-03"


def test_an_event_noun_takes_the_date_of_the_verb_that_says_it_happened(tmp_path: Path) -> None:
    records = _cases(tmp_path / "a", (
        "Former radar technician Oskar Lindqvist has been found guilty of spying for Russia and sentenced to seven "
        "years in prison. The sentence was pronounced on Wednesday by a court in Umea. His arrest took place on "
        "4 March 2024, at a ferry terminal."))
    assert _dates(records, "Oskar Lindqvist") == {"arrested": "2024-03-04", "sentenced": "2025-06-18"}
    records = _cases(tmp_path / "b", (
        "Former radar technician Oskar Lindqvist was detained at a ferry terminal. His arrest was announced on "
        "Wednesday by the security service, which said he had passed radar data to Russia."))
    assert "arrested" not in _dates(records, "Oskar Lindqvist")  # the announcement is dated, not the arrest


def test_a_charge_takes_the_day_it_was_announced(tmp_path: Path) -> None:
    records = _cases(tmp_path / "a", (
        "Hydrologist Petra Wendt was indicted on charges of acting as an agent of a foreign government, the "
        "Justice Department announced Thursday. She is accused of passing dam schematics to China's Ministry of "
        "State Security."))
    assert _dates(records, "Petra Wendt")["indicted"] == "2025-06-19"
    records = _cases(tmp_path / "b", (
        "Hydrologist Petra Wendt was arrested in Ohio, the Justice Department announced Thursday. She is accused "
        "of passing dam schematics to China's Ministry of State Security."))
    assert "arrested" not in _dates(records, "Petra Wendt")  # an arrest may be older than its announcement


def test_charges_against_a_counted_group_date_each_defendant_named(tmp_path: Path) -> None:
    records = _cases(tmp_path / "a", (
        "Lena Vogt and Piet Maas were found guilty on Tuesday of harassing dissidents for China's "
        "Ministry of Public Security.\n\nThe trial was the first of its kind, with charges against the two "
        "defendants filed in 2021."))
    assert all(_dates(records, name).get("charged") == "2021" for name in ("Lena Vogt", "Piet Maas"))
    records = _cases(tmp_path / "b", (
        "The court heard evidence on Tuesday. A grand jury also indicted the same two men for hacking ministry "
        "servers, the Justice Department announced Thursday."))
    assert records == []  # "the same two men" are people named elsewhere: no case without their names


def test_a_verb_final_clause_is_dated_by_the_date_it_opens_with(tmp_path: Path) -> None:
    records = _cases(tmp_path, (
        "Am 12. Mai 2025 wurde der aus Flensburg stammende Jens Wallraff in der Hafenstadt Kiel von Beamten des "
        "Bundeskriminalamts auf Antrag der Bundesanwaltschaft festgenommen. Er soll Pläne von U-Booten an einen "
        "russischen Geheimdienst verraten haben."), language="de")
    assert _dates(records, "Jens Wallraff")["arrested"] == "2025-05-12"


def test_a_warrant_gives_a_status_but_not_the_day_of_the_arrest(tmp_path: Path) -> None:
    records = _cases(tmp_path, (
        "Der aus Flensburg stammende Jens Wallraff wurde in Kiel festgenommen. Ein Haftbefehl des "
        "Ermittlungsrichters vom 3. Mai 2025 liegt vor. Er soll Pläne von U-Booten an einen russischen "
        "Geheimdienst verraten haben."), language="de")
    record = next(r for r in records if r["name"] == "Jens Wallraff")
    assert record["status"] == "arrested" and "arrested" not in record["dates"]


def test_a_pronoun_owner_of_an_event_word_dates_a_case_but_never_makes_one(tmp_path: Path) -> None:
    records = _cases(tmp_path, (
        "Two councillors, Maeve Doherty and Ruairi Quinn, signed a letter supporting Colm Barrett before his "
        "sentencing. Barrett was convicted in March 2025 of acting as an agent of China's Ministry of State "
        "Security, the court in Denver said."))
    names = {n for r in records for n in (r["name"], *r["aliases"])}
    assert "Colm Barrett" in names and not names & {"Maeve Doherty", "Ruairi Quinn"}


def test_a_date_in_the_event_words_own_clause_wins_over_a_nearer_one(tmp_path: Path) -> None:
    records = _cases(tmp_path, (
        "林志远于今年3月9日被警方抓获,并于今年7月6日遭检方起诉,被控为境外情报机构刺探国家秘密。"
        "检方表示,林志远已承认部分指控,案件将于下月在市中级人民法院开庭审理。"
        "据悉,林志远曾在一家造船企业担任工程师,多次向境外人员提供船舶设计图纸,并收取报酬。"), published="2025-09-15", language="zh")
    assert _dates(records, "林志远")["arrested"] == "2025-03-09"


def test_an_indefinite_description_after_the_lead_is_someone_new(tmp_path: Path) -> None:
    records = _cases(tmp_path, (
        "Physicist Arkady Solntsev was arrested in Tomsk on Monday on suspicion of treason, his lawyer said.\n\n"
        "Such cases are rising. In May, a court in Omsk sentenced a retired engineer to 11 years in prison for "
        "passing information to a foreign service."))
    record = next(r for r in records if "Arkady Solntsev" in {r["name"], *r["aliases"]})
    assert record["sentence_months"] is None and record["status"] == "arrested"


def test_an_acquittal_beside_a_conviction_is_on_some_counts(tmp_path: Path) -> None:
    records = _cases(tmp_path, (
        "Former gunner Callum Reid was found guilty on Thursday of gathering information useful to an enemy for "
        "Iran's intelligence ministry. Callum Reid was acquitted of a charge of making a hoax bomb threat, the "
        "court in Leeds heard; he will be sentenced next month."))
    assert _dates(records, "Callum Reid") and next(r for r in records if r["name"] == "Callum Reid")["status"] == "convicted"


def test_a_foreign_date_in_another_clause_dates_another_event(tmp_path: Path) -> None:
    records = _cases(tmp_path, (
        "30 июня суд арестовал по подозрению в государственной измене физика Аркадия Солнцева. "
        "Из больницы Аркадия Солнцева отправили в СИЗО, где он скончался 2 июля, сообщил его адвокат. "
        "Следователи ФСБ утверждают, что учёный передавал секретные сведения иностранной разведке."),
        published="2025-07-04", language="ru")
    record = next(r for r in records if any("Солнцев" in n for n in (r["name"], *r["aliases"])))
    assert record["dates"]["arrested"] == "2025-06-30"


@pytest.mark.parametrize("language, text", [
    ("fr", "Ancien ingénieur naval, Marc Delorme a été condamné vendredi à Brest à sept ans de prison pour avoir "
           "livré des plans de sous-marins à un service de renseignement étranger, a indiqué le parquet."),
    ("de", "Der frühere Ingenieur Jens Wallraff wurde am Freitag in Kiel festgenommen. Er soll Pläne von U-Booten "
           "an einen ausländischen Geheimdienst verraten haben, teilte die Bundesanwaltschaft mit."),
])
def test_a_weekday_in_another_language_is_the_latest_such_day(tmp_path: Path, language: str, text: str) -> None:
    records = _cases(tmp_path, text, published="2025-06-17", language=language)  # a Tuesday
    dates = next(iter(records))["dates"]
    assert "2025-06-13" in dates.values()  # the Friday before


def _feed_cases(tmp_path: Path, items: list[dict]) -> list[dict]:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"title": "Case", **item}, ensure_ascii=False) + "\n" for item in items),
                    encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        ingest([str(feed)], store, max_bytes=1_000_000)
        extract_pending(store)
        return case_records(store)


def test_a_day_without_its_year_takes_the_year_another_report_writes(tmp_path: Path) -> None:
    records = _feed_cases(tmp_path, [
        {"url": "https://a.example/1", "published": "2023-05-02", "text": (
            "Naval engineer Rolf Andersen was arrested in November 2022 on suspicion of passing sonar data to "
            "Russia's GRU. He has denied the charges, his lawyer told the court in Bergen on Tuesday.")},
        {"url": "https://b.example/2", "text": (  # no publication date: the day alone has no year
            "Naval engineer Rolf Andersen was arrested on 21 November on suspicion of passing sonar data to "
            "Russia's GRU. Andersen worked at a shipyard near Bergen for eleven years before his arrest.")},
    ])
    assert _dates(records, "Rolf Andersen")["arrested"] == "2022-11-21"


def test_a_year_placed_by_the_publication_yields_to_the_year_a_report_writes(tmp_path: Path) -> None:
    records = _feed_cases(tmp_path, [
        {"url": "https://a.example/3", "published": "2023-01-10", "text": (
            "Naval engineer Rolf Andersen was arrested in March 2021 on suspicion of passing sonar data to "
            "Russia's GRU. He has denied the charges, his lawyer told the court in Bergen on Tuesday.")},
        {"url": "https://b.example/4", "published": "2024-08-01", "text": (
            "Naval engineer Rolf Andersen, who was arrested on 3 March, was sentenced on Friday to six years in "
            "prison for passing sonar data to Russia's GRU, a court in Bergen said.")},
    ])
    assert _dates(records, "Rolf Andersen")["arrested"] == "2021-03-03"


def test_the_date_of_the_act_charged_is_not_the_date_of_the_charge(tmp_path: Path) -> None:
    records = _cases(tmp_path, (
        "Prosecutors unsealed an indictment against Kenji Mori for allegedly conspiring to break into power-grid "
        "routers in 2019 on behalf of China's Ministry of State Security, the court said."))
    assert not str(_dates(records, "Kenji Mori").get("indicted") or "").startswith("2019")
    assert not str(_dates(records, "Kenji Mori").get("charged") or "").startswith("2019")


def test_a_group_the_report_names_shares_its_dated_event_with_each_member(tmp_path: Path) -> None:
    records = _cases(tmp_path, (
        "Customs officer Tan Bohai and shipping clerk Wei Lanfang were convicted on Friday of passing port "
        "schedules to China's Ministry of State Security.\n\n"
        "The two men were arrested on 14 March 2023 at the port of Rotterdam, prosecutors said.\n\n"
        "Tan Bohai was sentenced to six years in prison and Wei Lanfang to four years."))
    assert _dates(records, "Tan Bohai").get("arrested") == "2023-03-14"
    assert _dates(records, "Wei Lanfang").get("arrested") == "2023-03-14"


def test_an_age_is_no_count_of_people(tmp_path: Path) -> None:
    records = _cases(tmp_path, (
        "Prosecutors said the 58-year-old engineer Rolf Andersen was arrested on 3 March 2024 on suspicion of "
        "passing sonar data to Russia's GRU. The 58-year-old was charged on 9 May 2024, the court in Bergen said."))
    assert [r["name"] for r in records] == ["Rolf Andersen"]


def test_a_capitalised_word_after_an_article_is_a_description_of_the_person_reported_on(tmp_path: Path) -> None:
    records = _cases(tmp_path, (
        "Police charged retired officer Carl Dunmore with breaching secrecy laws for China on Friday. "
        "The former Ranger has been living abroad but was arrested upon arriving in Halifax on June 14 by plane, "
        "a spokeswoman said."))
    assert [r["name"] for r in records] == ["Carl Dunmore"]
    assert _dates(records, "Carl Dunmore") == {"arrested": "2025-06-14", "charged": "2025-06-20"}


def test_a_press_release_naming_the_accused_on_lines_of_their_own(tmp_path: Path) -> None:
    records = _cases(tmp_path, (
        "Public Prosecutor: Indictment Filed for Espionage\n\n"
        "On 3 May 2025, the Public Prosecutor filed charges against the Dutch nationals\n\n"
        "Pieter V.\n\n"
        "and Jonas K.\n\n"
        "before the criminal chamber of the court in Utrecht.\n\n"
        "There are sufficient reasons to suspect the accused of spying for Russia's GRU since 2021. "
        "Both men have been in custody since their arrest in January."))
    assert {r["name"]: r["dates"].get("charged") for r in records} == {"Pieter V.": "2025-05-03", "Jonas K.": "2025-05-03"}


def test_charges_a_complainant_brings_are_no_charge_of_theirs(tmp_path: Path) -> None:
    records = _cases(tmp_path, (
        "Former engineer Tan Bo was arrested on 2 June 2025 on suspicion of spying for China's Ministry of State "
        "Security. Tan Bo had filed charges against a colleague last year over a contract dispute."))
    assert "charged" not in _dates(records, "Tan Bo")


def test_a_report_giving_another_weekday_is_listed_against_the_chosen_day(tmp_path: Path) -> None:
    records = _feed_cases(tmp_path, [
        {"url": "https://a.example/1", "published": "2024-03-20", "text": (
            "Physicist Arkady Solntsev died on 16 March 2024 in a hospital near the detention centre where he was "
            "held on suspicion of treason, his lawyer said. Solntsev was arrested in February.")},
        {"url": "https://b.example/2", "text": (  # no publication date: the weekday alone has no day
            "Physicist Arkady Solntsev, 61, who led the institute's optics laboratory, fell ill and died Sunday at a "
            "hospital close to his detention center, his family said.")},
        {"url": "https://c.example/3", "text": (
            "Physicist Arkady Solntsev, 61, who led the institute's optics laboratory, fell ill and died Saturday at "
            "a hospital close to his detention center, his family said.")},
    ])
    record = next(r for r in records if r["name"] == "Arkady Solntsev")
    assert record["dates"]["deceased"] == "2024-03-16"  # a Saturday
    conflict = next(c for c in record["conflicts"] if c["field"] == "dates.deceased")
    sunday = next(v for v in conflict["values"] if v["value"] == "a Sunday")
    assert [s["url"] for s in sunday["sources"]] == ["https://b.example/2"]
    assert not any(v["value"] == "a Saturday" for v in conflict["values"])  # the Saturday report agrees


def test_a_day_written_with_its_weekday_takes_the_one_year_that_fits(tmp_path: Path) -> None:
    records = _feed_cases(tmp_path, [
        {"url": "https://a.example/1", "published": "2024-02-10", "language": "de", "text": (
            "Der aus Flensburg stammende Jens Wallraff wurde im Januar 2024 in Kiel festgenommen. Er soll Pläne von "
            "U-Booten an einen russischen Geheimdienst verraten haben, teilte die Bundesanwaltschaft in Karlsruhe mit.")},
        {"url": "https://b.example/2", "language": "de", "text": (  # no year: only the weekday places it
            "Am Mittwoch, 12. März, hat die Bundesanwaltschaft Anklage gegen Jens Wallraff erhoben. Er soll Pläne "
            "von U-Booten an einen russischen Geheimdienst verraten haben, teilte die Behörde in Karlsruhe mit.")},
    ])
    record = next(r for r in records if any("Jens Wallraff" in n for n in (r["name"], *r["aliases"])))
    assert record["dates"]["charged"] == "2025-03-12"  # the only Wednesday 12 March since the arrest


def test_a_japanese_relative_clause_does_not_take_the_main_verbs_day(tmp_path: Path) -> None:
    records = _feed_cases(tmp_path, [
        {"url": "https://a.example/1", "published": "2024-03-12", "language": "ja", "text": (
            "警視庁公安部は2024年3月4日、元技術者の山根健司容疑者を逮捕した。逮捕容疑は2023年5月10日、勤務先の"
            "サーバーから潜水艦の設計資料を複製した疑い。山根容疑者はロシアの情報機関の関係者に資料を渡したとみられている。")},
        {"url": "https://b.example/2", "published": "2024-03-12", "language": "ja", "text": (
            "潜水艦の設計資料を持ち出したとして逮捕された山根健司容疑者が11日、送検された。調べによると、山根容疑者は"
            "ロシアの情報機関の関係者に資料を渡したとみられている。")},
    ])
    record = next(r for r in records if r["name"] == "山根健司")
    assert record["dates"]["arrested"] == "2024-03-04"
    assert not any(c["field"] == "dates.arrested" for c in record["conflicts"])


def test_a_japanese_arrest_clause_before_a_description_does_not_take_its_sentences_day(tmp_path: Path) -> None:
    """"逮捕された元社員は2023年12月に懲戒解雇された": the arrest describes the former employee; the month is
    the dismissal's."""
    records = _feed_cases(tmp_path, [
        {"url": "https://a.example/1", "published": "2024-03-12", "language": "ja", "text": (
            "警視庁公安部は2024年3月4日、元技術者の山根健司容疑者を逮捕した。山根容疑者はロシアの情報機関の関係者に"
            "潜水艦の設計資料を渡したとみられている。会社によれば、逮捕された元社員は2023年12月に懲戒解雇された。")},
    ])
    record = next(r for r in records if r["name"] == "山根健司")
    assert record["dates"]["arrested"] == "2024-03-04"
    assert not any(c["field"] == "dates.arrested" for c in record["conflicts"])


@pytest.mark.parametrize("language, text", [
    ("en", "Ship designer Tom Berglund was arrested on 3 May 2025 on suspicion of spying for Russia's GRU, police in "
           "Gothenburg said. In a separate case, Tom Berglund was arrested in 2019 on suspicion of tax fraud."),
    ("ru", "Конструктор Томас Берглунд был задержан 3 мая 2025 года по подозрению в шпионаже в пользу ГРУ, сообщила "
           "полиция. В рамках предыдущего дела Томас Берглунд был задержан в 2019 году по подозрению в мошенничестве."),
])
def test_an_event_of_another_case_does_not_date_this_one(tmp_path: Path, language: str, text: str) -> None:
    records = _cases(tmp_path, text, language=language)
    record = next(r for r in records if "Берглунд" in r["name"] or "Berglund" in r["name"])
    assert record["dates"]["arrested"] == "2025-05-03"
    assert not any(c["field"] == "dates.arrested" for c in record["conflicts"])


def test_a_day_without_its_year_takes_the_year_its_report_writes_for_that_day(tmp_path: Path) -> None:
    records = _cases(tmp_path, (
        "On March 4, 2025 the Treasury sanctioned Harbin Lumen Networks, a firm it says works for China's Ministry "
        "of State Security. Also on March 4, prosecutors unsealed an indictment charging Wei Lanshan, an engineer "
        "at the firm, with hacking into firewalls."), published=None)
    assert _dates(records, "Wei Lanshan")["indicted"] == "2025-03-04"


def test_a_sentencing_takes_the_day_of_its_judgment(tmp_path: Path) -> None:
    """The sentencing's own clause dates only the report of it; the judgment's clause dates the
    sentencing. A judgment announced on a day is not dated by the announcement."""
    lead = ("A county court sentenced the former harbour engineer Aivar Lepik to four years in prison for spying "
            "for Russia. ")
    # the second is parsed as coordinated verbs ("the judgment read out ..." and "was given on 2 June"
    # both hang from "reported"): the verb without a subject of its own shares the judgment's
    for n, judgment in enumerate(("the judgment handed down by the court took place on 2 June.",
                                  "the judgment read out by Narva District Court was given on 2 June.")):
        records = _cases(tmp_path / str(n), lead + "Lepik's sentencing was first reported on Friday, but " + judgment,
                         published="2025-06-20")
        assert _dates(records, "Aivar Lepik")["sentenced"] == "2025-06-02"
    records = _cases(tmp_path / "announced", lead + "The verdict was announced on 2 June.", published="2025-06-20")
    assert "sentenced" not in _dates(records, "Aivar Lepik")


def test_a_yearless_day_takes_the_year_in_which_it_fell_on_the_weekday_another_report_gives(tmp_path: Path) -> None:
    """Two undated reports of one arrest: one writes "on 14 March", the other "on Thursday". The day
    takes the one year of the case's time in which it was that weekday."""
    today = dt.date.today()
    day = today - dt.timedelta(days=200)
    while True:  # a day whose weekday, within the last three years, fits one year only
        fits = [y for y in range(today.year - 3, today.year + 1) if _valid(y, day) and today - dt.timedelta(days=365 * 3)
                <= dt.date(y, day.month, day.day) <= today and dt.date(y, day.month, day.day).weekday() == day.weekday()]
        if fits == [day.year]:
            break
        day -= dt.timedelta(days=1)
    weekday = day.strftime("%A")
    records = _feed_cases(tmp_path, [
        {"url": "https://news.example/a", "text":
            f"Police arrested Jonas Keller, 41, on {day.day} {day.strftime('%B')} in Aarhus on suspicion of spying "
            "for Iran. He was handed over to German prosecutors, who say he photographed community buildings in "
            "Berlin for an Iranian service over several months last year."},
        {"url": "https://news.example/b", "text":
            f"Jonas Keller was arrested on {weekday} in Aarhus, prosecutors said. Keller is accused of spying for Iran "
            "and of photographing community buildings in Berlin; he is expected to be extradited to Germany."},
    ])
    assert _dates(records, "Jonas Keller")["arrested"] == day.isoformat()


def _valid(year: int, day: dt.date) -> bool:
    try:
        dt.date(year, day.month, day.day)
        return True
    except ValueError:
        return False


def test_the_period_of_the_act_a_person_is_convicted_of_dates_no_conviction(tmp_path: Path) -> None:
    records = _cases(tmp_path, (
        "A court in Malmo has jailed Erik Sandell, a former customs officer, for spying for Russia. Erik Sandell was "
        "convicted of passing customs data to Russia's military intelligence service over a period spanning from "
        "March 2012 to May 2020. He was sentenced to nine years in prison."), published=None)
    assert "convicted" not in _dates(records, "Erik Sandell")


def test_a_date_that_describes_another_legal_event_is_that_events(tmp_path: Path) -> None:
    text = ("A federal judge on Thursday sentenced Rolf Hadley, a retired customs officer, to 30 months in prison over "
            "his 2022 conviction for acting as an agent of a foreign government. Hadley was sentenced after his "
            "arrest in 2020 and a trial that lasted three weeks.")
    dates = _dates(_cases(tmp_path, text, published="2024-02-09"), "Rolf Hadley")
    assert dates.get("sentenced") == "2024-02-08"  # never the year of the conviction or of the arrest


def test_the_accused_named_by_a_german_participle_noun_is_no_charge(tmp_path: Path) -> None:
    text = ("Die Bundesanwaltschaft hat am 12. März 2023 Anklage gegen den Ingenieur Jens T. erhoben. "
            "Bei einer Messe in Wien im Oktober 2015 sprachen Agenten eines fremden Dienstes den Angeschuldigten an. "
            "Bis August 2021 übermittelte der Angeschuldigte Unterlagen über Zulieferer.")
    dates = _dates(_cases(tmp_path, text, published="2023-04-02", language="de"), "Jens T.")
    assert dates.get("charged") == "2023-03-12"
    records = _cases(tmp_path / "again", text, published="2023-04-02", language="de")
    case = next(r for r in records if r["name"] == "Jens T.")
    assert not [c for c in case["conflicts"] if c["field"] == "dates.charged"]  # 2015 and 2021 are the acts' times


def test_a_sentence_the_prosecution_demanded_is_no_term(tmp_path: Path) -> None:
    text = ("In een volle rechtszaal in Zwolle hoorde Piet V. het Openbaar Ministerie een celstraf van zes jaar tegen "
            "hem eisen. De rechtbank veroordeelde hem op 2 mei 2024 wegens spionage voor Rusland tot vier jaar cel.")
    case = next(r for r in _cases(tmp_path, text, published="2024-05-03", language="nl") if r["name"] == "Piet V.")
    assert case["sentence_months"] == 48 and not case["conflicts"]


def test_one_of_the_people_an_event_happened_to(tmp_path: Path) -> None:
    """"X was one of three men indicted in May 2022": the copula's subject is one of them."""
    records = _cases(tmp_path, (
        "Tomas Berger, a freight broker, was one of three men indicted by a federal grand jury in Denver in May 2022 "
        "for acting as agents of China's Ministry of State Security."), published="2024-02-01")
    assert _dates(records, "Tomas Berger")["indicted"] == "2022-05"
    records = _cases(tmp_path / "among", (
        "Tomas Berger, a freight broker, was among those arrested in May 2022 in a case of spying for China's "
        "Ministry of State Security. Prosecutors say the group photographed port facilities in Denver and passed "
        "shipping schedules to an officer of the ministry."), published="2024-02-01")
    assert _dates(records, "Tomas Berger")["arrested"] == "2022-05"


@pytest.mark.parametrize("published, expected", [("2021-03-19", "2021-03-02"), (None, None)])
def test_a_day_without_its_year_falls_between_the_arrest_and_the_first_report_of_it(
        tmp_path: Path, published: str | None, expected: str | None) -> None:
    """Arrested in September 2020; an undated report says sentenced "on 2 March"; a report of 19 March
    2021 says the sentence was passed: only 2 March 2021 lies between. Without that report the day
    could be in any later year and stays undated."""
    later = {"url": "https://c.example/7", "text": (
        "The Tartu court sentenced Oskar Tamm, a marine scientist, to three years in prison for spying for "
        "China's Ministry of State Security. Tamm had passed reports on naval research, prosecutors said.")}
    records = _feed_cases(tmp_path, [
        {"url": "https://a.example/5", "published": "2020-09-20", "text": (
            "Marine scientist Oskar Tamm was arrested on 9 September on suspicion of spying for China's Ministry "
            "of State Security, prosecutors said. He denies the accusation, his lawyer said.")},
        {"url": "https://b.example/6", "text": (  # no publication date
            "Marine scientist Oskar Tamm was sentenced on 2 March to three years in prison for spying for "
            "China's Ministry of State Security. He had passed reports on naval research for years.")},
        {**later, **({"published": published} if published else {})},
    ])
    assert _dates(records, "Oskar Tamm").get("sentenced") == expected


def test_a_report_without_a_date_takes_its_year_from_an_event_it_dates_from_its_own_year(tmp_path: Path) -> None:
    """"Convicted in November of last year ... sentenced on 3 February" in an undated report; another
    report dates the conviction 28 November 2024: the undated report was written in 2025."""
    records = _feed_cases(tmp_path, [
        {"url": "https://a.example/8", "published": "2024-11-29", "text": (
            "Former soldier Jonas Brenner was convicted on Thursday, 28 November, of spying for Iran's Ministry "
            "of Intelligence, a court in Hamburg said. He will be sentenced next year.")},
        {"url": "https://b.example/9", "language": "de", "text": (  # no publication date
            "Der frühere Soldat Jonas Brenner ist am 3. Februar zu sieben Jahren Haft verurteilt worden. Im "
            "November vergangenen Jahres war Jonas Brenner der Spionage für den iranischen Geheimdienst schuldig "
            "gesprochen worden, teilte das Gericht in Hamburg mit.")},
    ])
    dates = _dates(records, "Jonas Brenner")
    assert dates["convicted"] == "2024-11-28"
    assert dates["sentenced"] == "2025-02-03"


def test_a_chinese_report_of_when_the_case_broke_dates_the_arrest_and_disagrees_with_the_day(tmp_path: Path) -> None:
    """"本案是於去年3月初爆發" (the case broke early last March) in a report of December 2017 is March
    2016: a report dating the arrest 9 March 2017 disagrees, and the Chinese report is listed under its
    value. The prosecutors who found the person ("檢方發現林志明") give him no title."""
    records = _feed_cases(tmp_path, [
        {"url": "https://a.example/10", "published": "2017-03-10", "text": (
            "Taiwanese prosecutors said on Friday that Lin Zhiming, a former student from China, was arrested on "
            "March 9 on suspicion of trying to recruit officials for a mainland party organ.")},
        {"url": "https://b.example/11", "published": "2017-12-14", "language": "zh", "text": (
            "被告人林志明今日再度出庭受審。本案是於去年3月初爆發，檢方發現林志明在台灣刺探公務機密並發展組織。"
            "林志明一審被依違反國家安全法判刑1年2月。")},
    ])
    record = next(r for r in records if "林志明" in {r["name"], *r["aliases"]} or r["name"] == "Lin Zhiming")
    assert record["dates"]["arrested"] == "2017-03-09"
    conflict = next(c for c in record["conflicts"] if c["field"] == "dates.arrested")
    by_value = {v["value"]: {s["url"] for s in v["sources"]} for v in conflict["values"]}
    assert by_value["2016-03"] == {"https://b.example/11"}


def test_a_sentence_takes_the_day_of_the_judgment_its_report_dates(tmp_path: Path) -> None:
    records = _feed_cases(tmp_path, [{"url": "https://a.example/12", "published": "2024-09-13", "text": (
        "A Russian citizen who ran a shipping agency in Gdynia, Pavel Sorokin, has been sentenced to eight years in "
        "prison for spying on the naval port for Russia's FSB. The Regional Court in Gdansk handed down the verdict "
        "on Thursday. Sorokin was arrested in June last year.")}])
    dates = _dates(records, "Pavel Sorokin")
    assert dates["convicted"] == dates["sentenced"] == "2024-09-12"


def test_in_another_language_a_sentence_takes_the_day_of_the_verdict_its_report_dates(tmp_path: Path) -> None:
    """Courts outside the common law convict and sentence in one judgment."""
    records = _feed_cases(tmp_path, [{"url": "https://a.example/13", "published": "2023-05-25", "language": "sv",
                                      "text": (
        "Stockholms tingsrätt dömde den 19 januari 2023 ingenjören Erik Lindqvist för grovt spioneri för Rysslands "
        "räkning. Erik Lindqvist dömdes i tingsrätten till livstids fängelse. Hovrätten har i dag fastställt domen.")}])
    dates = _dates(records, "Erik Lindqvist")
    assert dates["convicted"] == dates["sentenced"] == "2023-01-19"


def test_a_date_in_a_relative_clause_on_the_person_is_not_the_events(tmp_path: Path) -> None:
    cases = _cases(tmp_path, "In return, Germany on Thursday handed over prisoners. Germany freed Oleg Varnavin, an officer "
                             "of Russia's Federal Security Service who was serving a life sentence for the 2019 killing of "
                             "a dissident in Berlin. Varnavin had been convicted of murder in 2021 on the orders of the "
                             "Russian state. He flew to Moscow the same evening.", published="2024-08-02")
    record = next(c for c in cases if c["name"] == "Oleg Varnavin")
    assert record["dates"].get("released") != "2019"
