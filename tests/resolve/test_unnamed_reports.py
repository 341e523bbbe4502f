"""A report that names no one joins the one case whose particulars it shares (a firm, a
foundation), and no case when the particulars are few or shared by two cases.

Reports are written for this test: invented people, firms and foundations.
"""

from __future__ import annotations

import json
from pathlib import Path

from spyglass.ingest.run import ingest
from spyglass.run.cases import case_records
from spyglass.run.local import extract_pending
from spyglass.store import Store

NAMED_A = ("Der Ingenieur Holger W. von der Werft Brandauer Schiffbau in Kiel wurde am 3. Mai 2024 festgenommen. "
           "Er soll Baupläne der Werft an einen russischen Geheimdienst verraten haben; auch die Lindemann-Stiftung, "
           "für die er Vorträge hielt, soll betroffen sein, teilte die Bundesanwaltschaft mit.")
NAMED_B = ("Die Ingenieurin Petra K. vom Maschinenbauer Oberhauser Antriebe in Augsburg wurde am 7. Juni 2024 "
           "festgenommen. Sie soll Zeichnungen von Getrieben an einen chinesischen Geheimdienst verraten haben, "
           "teilte die Bundesanwaltschaft in Karlsruhe am Freitag mit.")
UNNAMED_A = ("Das Oberlandesgericht Schleswig hat einen früheren Mitarbeiter der Werft Brandauer Schiffbau wegen Spionage "
             "zu drei Jahren Haft verurteilt. Der Mann hatte auch für die Lindemann-Stiftung gearbeitet, hieß es.")
UNNAMED_ONE = ("Ein früherer Mitarbeiter der Werft Brandauer Schiffbau ist zu drei Jahren Haft verurteilt worden, "
               "teilte ein Sprecher des Gerichts mit. Weitere Einzelheiten zu dem Verfahren wurden nicht bekannt.")
UNNAMED_BOTH = ("Zwei frühere Ingenieure sind zu Haftstrafen verurteilt worden: einer arbeitete bei der Werft Brandauer "
                "Schiffbau, der andere beim Maschinenbauer Oberhauser Antriebe. Beide hatten auch für die "
                "Lindemann-Stiftung gearbeitet, hieß es.")


def _records(tmp_path: Path, texts: list[str]) -> list[dict]:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"url": f"https://news.example/{i}", "title": "Spionage", "language": "de",
                                        "published": "2025-02-10", "text": text}, ensure_ascii=False) + "\n"
                            for i, text in enumerate(texts)), encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        ingest([str(feed)], store, max_bytes=1_000_000)
        extract_pending(store)
        return case_records(store)


def _case(records: list[dict], name: str) -> dict:
    return next(r for r in records if r["name"] == name)


def test_an_unnamed_report_sharing_two_particulars_joins_that_case(tmp_path: Path) -> None:
    records = _records(tmp_path, [NAMED_A, NAMED_B, UNNAMED_A])
    holger = _case(records, "Holger W.")
    assert "https://news.example/2" in {s["url"] for s in holger["sources"]}
    assert holger["status"] == "sentenced" and holger["sentence_months"] == 36
    assert _case(records, "Petra K.")["status"] == "arrested"
    assert len(records) == 2  # the unnamed man is no case of his own


def test_one_shared_particular_is_not_enough(tmp_path: Path) -> None:
    records = _records(tmp_path, [NAMED_A, NAMED_B, UNNAMED_ONE])
    holger = _case(records, "Holger W.")
    assert "https://news.example/2" not in {s["url"] for s in holger["sources"]}
    assert holger["status"] == "arrested"


def test_particulars_of_two_cases_point_to_neither(tmp_path: Path) -> None:
    records = _records(tmp_path, [NAMED_A, NAMED_B, UNNAMED_BOTH])
    for record in records:
        assert "https://news.example/2" not in {s["url"] for s in record["sources"]}


def test_a_term_in_the_sentence_after_a_sentencing_is_its_term(tmp_path: Path) -> None:
    records = _records(tmp_path, [
        "Die Ingenieurin Petra K. vom Maschinenbauer Oberhauser Antriebe wurde in Augsburg wegen Spionage für "
        "einen chinesischen Geheimdienst verurteilt. Sie habe drei Jahre auf Bewährung bekommen, sagte ein Sprecher."])
    assert _case(records, "Petra K.")["sentence_months"] == 36


def test_the_owner_of_a_description_in_apposition_is_not_its_subject(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"url": "https://fr.example/1", "title": "Procès", "language": "fr", "published": "2025-02-10",
                                "text": "Le procès s'est tenu à huis clos pendant deux semaines à Paris. Il s'agit de Sophie D., "
                                        "l'épouse de Marc D., qui a été condamnée à quatre ans de prison pour recel. Marc D. "
                                        "a pour sa part été condamné à douze ans de détention criminelle pour trahison."},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        ingest([str(feed)], store, max_bytes=1_000_000)
        extract_pending(store)
        records = case_records(store)
    assert _case(records, "Sophie D.")["sentence_months"] == 48
    assert _case(records, "Marc D.")["sentence_months"] == 144


UNNAMED_DATED = ("Das Oberlandesgericht Schleswig hat einen früheren Mitarbeiter der Werft Brandauer Schiffbau wegen "
                 "Spionage angeklagt. Der Mann war am 3. Mai 2024 festgenommen worden, teilte ein Sprecher mit.")
UNNAMED_CONTRADICTED = ("Das Oberlandesgericht Schleswig hat einen früheren Mitarbeiter der Werft Brandauer Schiffbau "
                        "wegen Spionage angeklagt. Der Mann hatte auch für die Lindemann-Stiftung gearbeitet und war "
                        "am 9. August 2023 festgenommen worden, teilte ein Sprecher mit.")


def test_a_day_the_case_has_for_the_same_event_is_a_particular(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    records = _records(tmp_path / "a", [NAMED_A, NAMED_B, UNNAMED_DATED])  # the firm and the day of the arrest
    assert "https://news.example/2" in {s["url"] for s in _case(records, "Holger W.")["sources"]}
    records = _records(tmp_path / "b", [NAMED_A, NAMED_B, UNNAMED_CONTRADICTED])  # two particulars, another day
    assert not any("https://news.example/2" in {s["url"] for s in r["sources"]} for r in records)


def test_a_court_in_another_case_ending_and_a_place_after_nach_are_particulars(tmp_path: Path) -> None:
    """"des Oberlandesgerichts Schleswig" and "das Oberlandesgericht Schleswig" name one court; "nach Danzig"
    is a place (never written after an article), while "die Haft" and "in Haft" are nouns."""
    named = ("Der Ingenieur Holger W. wurde am 3. Mai 2024 festgenommen. Er soll bei einer Reise nach Danzig im Jahr "
             "2019 von einem russischen Geheimdienst angeworben worden sein. Über die Haft entscheidet ein Richter "
             "des Oberlandesgerichts Schleswig, teilte die Bundesanwaltschaft mit.")
    other = ("Die Ingenieurin Petra K. wurde am 7. Juni 2024 festgenommen. Sie soll Zeichnungen an einen chinesischen "
             "Geheimdienst verraten haben; sie sitzt in Haft, teilte die Bundesanwaltschaft in Karlsruhe mit.")
    unnamed = ("Wegen Spionage hat das Oberlandesgericht Schleswig einen früheren Ingenieur zu drei Jahren Haft "
               "verurteilt. Er war nach Danzig gereist und dort angeworben worden, hieß es.")
    records = _records(tmp_path, [named, other, unnamed])
    holger = _case(records, "Holger W.")
    assert "https://news.example/2" in {s["url"] for s in holger["sources"]}
    assert holger["sentence_months"] == 36
    assert "https://news.example/2" not in {s["url"] for s in _case(records, "Petra K.")["sources"]}


PAIR = ("Prosecutors in Denver charged Ivan Petrov and Oleg Sidorov on 4 March 2024 with conspiring to hack the "
        "networks of Halvorsen Turbines for Russia's GRU. The pair worked for the Frost Lynx hacking group, the "
        "Justice Department said, and targeted the Marlow Institute.")
OTHER = ("Lena Ward, an engineer at Kestrel Drones in Boston, was arrested on 9 May 2024 and charged with spying "
         "for China, the Justice Department said.")
SAME_TWO = ("The Treasury also sanctioned the Frost Lynx group on Thursday. A grand jury in Denver indicted the same two "
            "men for a campaign against Halvorsen Turbines and the Marlow Institute, officials announced.")
SAME_THREE = ("The Treasury also sanctioned the Frost Lynx group on Thursday. A grand jury in Denver indicted the same "
              "three men for a campaign against Halvorsen Turbines and the Marlow Institute, officials announced.")


def _english(tmp_path: Path, texts: list[str]) -> list[dict]:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"url": f"https://wire.example/{i}", "title": "Hackers", "published": "2024-03-08",
                                        "text": text}) + "\n" for i, text in enumerate(texts)), encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        ingest([str(feed)], store, max_bytes=1_000_000)
        extract_pending(store)
        return case_records(store)


def test_a_report_counting_the_people_of_a_pair_it_never_names_joins_both(tmp_path: Path) -> None:
    records = _english(tmp_path, [PAIR, OTHER, SAME_TWO])
    for name in ("Ivan Petrov", "Oleg Sidorov"):
        case = _case(records, name)
        assert "https://wire.example/2" in {s["url"] for s in case["sources"]}
    assert "https://wire.example/2" not in {s["url"] for s in _case(records, "Lena Ward")["sources"]}
    assert len(records) == 3
    assert not any(r["name"] in ("two men", "the same two men") for r in records)  # the group is never a case


def test_a_count_that_is_not_the_pair_joins_no_one(tmp_path: Path) -> None:
    records = _english(tmp_path, [PAIR, OTHER, SAME_THREE])
    for name in ("Ivan Petrov", "Oleg Sidorov"):
        assert "https://wire.example/2" not in {s["url"] for s in _case(records, name)["sources"]}


def test_a_country_with_its_possessive_and_a_weekday_are_no_particulars() -> None:
    from spyglass.resolve.unnamed_reports import report_particulars

    found = report_particulars("The firm said that Russia's hackers struck Halvorsen Turbines on Thursday in March.", "en")
    assert "halvorsen turbines" in found
    assert not found & {"russia's", "russia", "thursday", "march"}


BROTHERS = ("Die Brüder Karim Nasser und Samir Nasser wurden vom Oberlandesgericht Celle wegen Spionage für Russland "
            "verurteilt. Karim Nasser wurde zu lebenslanger Haft verurteilt. Samir Nasser wurde zu acht Jahren und "
            "sieben Monaten Haft verurteilt.")
TWO_TERMS = ("Das Gericht hat am 14. März 2024 zwei Brüder wegen Spionage verurteilt. Der ältere Bruder wurde zu "
             "lebenslanger Haft verurteilt. Der jüngere Bruder wurde zu acht Jahren und sieben Monaten Haft verurteilt. "
             "Der ältere Bruder sitzt seit Oktober 2022 in Untersuchungshaft.")


def test_a_report_giving_the_terms_of_a_pair_it_never_names_joins_each(tmp_path: Path) -> None:
    records = _records(tmp_path, [BROTHERS, NAMED_B, TWO_TERMS])
    for name in ("Karim Nasser", "Samir Nasser"):
        assert "https://news.example/2" in {s["url"] for s in _case(records, name)["sources"]}
    assert _case(records, "Karim Nasser")["sentence"] == "life"  # each term stays with its holder
    assert _case(records, "Samir Nasser")["sentence_months"] == 103
    assert "https://news.example/2" not in {s["url"] for s in _case(records, "Petra K.")["sources"]}


def test_terms_of_whole_years_single_out_no_pair(tmp_path: Path) -> None:
    """Life and three years are terms many cases share: not enough to say whose report it is."""
    named = BROTHERS.replace("acht Jahren und sieben Monaten", "drei Jahren")
    unnamed = TWO_TERMS.replace("acht Jahren und sieben Monaten", "drei Jahren")
    records = _records(tmp_path, [named, NAMED_B, unnamed])
    for record in records:
        assert "https://news.example/2" not in {s["url"] for s in record["sources"]}


def test_a_report_naming_the_case_only_in_another_script_gives_it_its_events(tmp_path: Path) -> None:
    """A Georgian report without a date names the soldier only in Georgian letters (no event of it
    names him as the reader knows names): its events are his, its spelling one of his names, and its
    "convicted last November ... sentencing on 5 February" dates the sentence once his conviction is
    dated by another report."""
    feed = tmp_path / "feed.jsonl"
    items = [
        {"url": "https://a.example/20", "published": "2024-11-29", "title": "Soldier convicted", "text": (
            "Former soldier Daniel Roth was convicted on Thursday, 28 November, of spying for Iran's Ministry of "
            "Intelligence, a court in London said. Roth will be sentenced next year, the judge said.")},
        {"url": "https://b.example/21", "title": "განაჩენი", "language": "ka", "text": (
            "ბრიტანეთის სასამართლომ ყოფილ ჯარისკაცს, დენიელ როთს 10 წლით მიუსაჯა პატიმრობა ირანის სასარგებლოდ "
            "ჯაშუშობისთვის. როთი გასული წლის ნოემბერში ცნეს დამნაშავედ ირანის სასარგებლოდ ჯაშუშობაში. მოსამართლემ "
            "5 თებერვალს, განაჩენის გამოტანისას თქვა, რომ დანაშაული მძიმე იყო.")},
    ]
    feed.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        ingest([str(feed)], store, max_bytes=1_000_000)
        extract_pending(store)
        record = next(r for r in case_records(store) if r["name"] == "Daniel Roth")
    assert "დენიელ როთს" in record["aliases"]
    assert record["sentence_months"] == 120
    assert record["dates"]["sentenced"] == "2025-02-05"
