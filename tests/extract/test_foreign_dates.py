"""Dates in reports not written in English: a day written without its year keeps its month and day
for the case file, and a period of activity dates no event."""

from __future__ import annotations

from spyglass.extract.foreign_dates import dated_near
from spyglass.extract.word_forms import lexicon


def _near(language: str, text: str, word: str, published: str | None) -> tuple[str | None, str | None]:
    lex = lexicon(language)
    assert lex is not None
    date, yearless = dated_near(lex, text, text.index(word), published)
    return (date.value if date else None), yearless


def _report_claims(tmp_path, text: str, language: str, published: str | None, url: str = "https://news.example/p",
                   title: str = "Procès") -> list:
    """The claims extracted from one report (`text`) fed as a JSON line."""
    import json

    from spyglass.ingest.run import ingest
    from spyglass.run.local import extract_pending
    from spyglass.store import Store, extracted

    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"url": url, "title": title, "language": language,
                                "published": published, "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        ingest([str(feed)], store, max_bytes=1_000_000)
        extract_pending(store)
        return list(extracted.claim_records(store))


def test_a_day_without_a_year_keeps_its_month_and_day_when_no_publication_date_places_it() -> None:
    text = "De ingenieur werd op 14 november gearresteerd in Utrecht."
    assert _near("nl", text, "gearresteerd", None) == (None, "--11-14")
    assert _near("nl", text, "gearresteerd", "2024-03-02") == ("2023-11-14", "--11-14")


def test_a_written_year_is_no_yearless_day() -> None:
    text = "De ingenieur werd op 14 november 2022 gearresteerd in Utrecht."
    assert _near("nl", text, "gearresteerd", None) == ("2022-11-14", None)


def test_a_han_date_without_a_year() -> None:
    assert _near("zh", "该男子于3月9日被警方抓获。", "抓获", None) == (None, "--03-09")


def test_the_ends_of_a_period_date_no_event() -> None:
    text = "Obžalovaný podľa prokuratúry pracoval pre cudziu rozviedku od marca 2015 do mája 2019 a bol obžalovaný."
    assert _near("sk", text, "bol obžalovaný", None) == (None, None)
    text = "Er soll von März 2019 bis Mai 2020 spioniert haben und wurde am 3. Juni 2021 festgenommen."
    assert _near("de", text, "festgenommen", None) == ("2021-06-03", None)


def test_a_charge_takes_the_date_of_its_own_clause_after_an_arrest_clause() -> None:
    text = "该男子于今年2月3日被警方抓获,并于今年6月8日遭检方起诉,被控为境外机构刺探秘密。"
    assert _near("zh", text, "起诉", "2020-09-01") == ("2020-06-08", "--06-08 y+0")  # 今年: the year the report gives


def test_the_same_year_is_the_year_an_earlier_sentence_writes() -> None:
    lex = lexicon("zh")
    assert lex is not None
    text = "同年9月15日,该男子被地方法院判处有期徒刑1年零两个月。"
    date, _ = dated_near(lex, text, text.index("判处"), None, before="2016年5月,该男子被警方抓获。")
    assert date is not None and date.value == "2016-09-15"


def test_a_han_term_of_years_and_months_is_no_month_of_the_year() -> None:
    from spyglass.extract.foreign_dates import term_near

    lex = lexicon("zh")
    assert lex is not None
    text = "该男子一审被判刑1年2月,高等法院今日再度开庭。"
    assert _near("zh", text, "判刑", "2020-09-01") == (None, None)
    assert term_near(lex, text, text.index("判刑")) == "14"


def test_japanese_last_year() -> None:
    text = "男は昨年8月にスパイ容疑で起訴された。"
    assert _near("ja", text, "起訴", "2024-03-05") == ("2023-08", "--08 y-1")


def test_a_case_named_by_its_charge_is_not_charged_on_the_hearing_day(tmp_path) -> None:
    text = ("2024年5月9日，地方法院审理工程师林志远被控为境外机构刺探国家秘密、泄露图纸一案；法院当天宣判，判处林志远有期徒刑3年。"
            "检方表示，林志远已承认部分指控，案件将于下月在市中级人民法院开庭审理。")
    claims = _report_claims(tmp_path, text, "zh", "2024-05-10", url="https://cn.example/h", title="案")
    charged = [c for c in claims if c.predicate == "charged" and c.subject == "林志远"]
    assert charged and all(c.date is None for c in charged)



def test_a_date_beside_another_event_word_does_not_date_this_one() -> None:
    text = "Mis en examen le 3 mars 2019, deux anciens officiers viennent d'être condamnés pour trahison."
    lex = lexicon("fr")
    assert lex is not None
    charge, verdict = text.index("Mis en examen"), text.index("condamnés")
    assert dated_near(lex, text, verdict, "2022-05-06", (charge,)) == (None, None)
    date, _ = dated_near(lex, text, charge, "2022-05-06", (verdict,))
    assert date is not None and date.value == "2019-03-03"


def test_the_term_of_a_sentence_and_what_is_no_term() -> None:
    from spyglass.extract.foreign_dates import term_near

    def term(language: str, text: str, word: str) -> str | None:
        lex = lexicon(language)
        assert lex is not None
        return term_near(lex, text, text.index(word))

    # a verb-final sentence: the term before the verb starts at its years
    assert term("de", "Der Mann wurde am Freitag zu drei Jahren und sechs Monaten Haft verurteilt.", "verurteilt") == "42"
    # the event word may be the term's own unit
    assert term("fr", "La cour a condamné Luc V., 58 ans, à neuf ans de prison et Ana P. à six ans.", "ans de prison") == "108"
    # two terms sharing one unit belong to two people: whose is which, the sentence does not say
    assert term("fr", "Deux anciens officiers ont été condamnés à 6 et 9 ans de prison.", "condamnés") is None
    assert term("de", "Die beiden wurden zu drei und vier Jahren Haft verurteilt.", "verurteilt") is None
    # the length of a ban or of a deprivation of rights is no prison term
    assert term("fr", "Les accusés ont aussi été condamnés à une privation de droits civiques pendant sept ans.",
                "condamnés") is None
    assert term("de", "Er wurde zudem mit einem Berufsverbot für fünf Jahre belegt und verurteilt.", "verurteilt") is None


def test_he_or_she_opening_a_sentence_is_the_one_person_the_sentence_before_names(tmp_path) -> None:
    text = ("Deux anciens officiers du renseignement ont été jugés à Lyon pour trahison au profit de la Russie. "
            "Marc T., 70 ans, avait été arrêté en 2019 à Grenoble. "
            "Le parquet avait requis quinze ans contre Luc V., 58 ans. Il a finalement été condamné à neuf ans de prison. "
            "Marc T. a pour sa part été condamné à six ans de prison. Marc T. a fait appel.")
    claims = _report_claims(tmp_path, text, "fr", "2022-05-06", url="https://fr.example/p")
    terms = {(c.subject, c.value) for c in claims if c.predicate == "sentenced"}
    assert ("Luc V.", "108") in terms and ("Marc T.", "72") in terms
    assert ("Marc T.", "108") not in terms


def test_a_name_right_after_an_alias_cue_is_the_other_name_of_the_person_named_before() -> None:
    from spyglass.extract.foreign import extract_foreign
    from spyglass.ingest.build import build_document
    from spyglass.ingest.sources import RawInput

    def aliases(language: str, text: str) -> set[tuple[str, str | None]]:
        doc = build_document(RawInput("t.txt", text, "txt", {"language": language, "published": "2024-05-06"}))
        return {(c.subject, c.object) for c in extract_foreign(doc)[1] if c.predicate == "alias_of"}

    assert aliases("es", "El tribunal de Varsovia condenó a Iván Petrov Sokolov por espionaje a favor de Rusia. Iván "
                         "Petrov Sokolov, que viajaba con otro pasaporte bajo el nombre de Mario Vidal Ruiz, fue "
                         "detenido en 2022 en la frontera. Su abogado recurrirá la sentencia.") == {
        ("Iván Petrov Sokolov", "Mario Vidal Ruiz")}
    assert aliases("ru", "Суд приговорил Сергея Волкова к 12 годам за шпионаж. Сергей Волков, известный как Павел "
                         "Орлов, был задержан в 2021 году в Москве. Адвокат обжалует приговор.") == {
        ("Сергей Волков", "Павел Орлов")}
    # no cue: two people named side by side are two people
    assert aliases("es", "El tribunal condenó a Iván Petrov Sokolov y a Mario Vidal Ruiz por espionaje a favor de "
                         "Rusia. Ambos fueron detenidos en 2022 en la frontera.") == set()


def test_a_date_inside_quotation_marks_names_something_and_dates_no_event() -> None:
    text = 'Un altro imputato è stato dichiarato colpevole nel processo "9 marzo 1994" per gli scontri di allora.'
    assert _near("it", text, "colpevole", "2021-07-27") == (None, None)
    assert _near("it", "Il 9 marzo 2021 è stato dichiarato colpevole.", "colpevole", "2021-07-27") == ("2021-03-09", None)


def test_a_counted_subject_is_each_of_as_many_people_as_the_report_names(tmp_path) -> None:
    text = ("Deux anciens ingénieurs de l'arsenal ont été condamnés jeudi à Brest à 6 et 9 ans de prison pour trahison. "
            "Le parquet avait requis quatorze ans contre Yves R., 61 ans. Il a été condamné à neuf ans. "
            "Alain P., 66 ans, a pour sa part été condamné à six ans. "
            "Les deux hommes avaient été arrêtés en mars 2021. Trois ans plus tard, ils ont été jugés.")
    claims = _report_claims(tmp_path, text, "fr", "2024-06-14")
    dated = {(c.subject, c.predicate, c.date.value if c.date else None) for c in claims}
    for name in ("Yves R.", "Alain P."):  # both, from "Deux anciens ingénieurs" and "Les deux hommes"
        assert (name, "convicted", "2024-06-13") in dated
        assert (name, "sentenced", "2024-06-13") in dated  # one judgment: the sentence has the verdict's day
        assert (name, "arrested", "2021-03") in dated
    shared = [c for c in claims if c.start == 0]
    assert shared and all(c.confidence == 0.5 for c in shared)  # a guess that never makes a case
    terms = {(c.subject, c.value) for c in claims if c.predicate == "sentenced" and c.value}
    assert terms == {("Yves R.", "108"), ("Alain P.", "72")}  # never the fourteen years the prosecutor asked for


def test_a_plural_passive_subject_is_each_of_the_people_a_report_counts(tmp_path) -> None:
    text = ("Deux anciens douaniers ont été condamnés mardi à Lyon pour trahison au profit de la Russie. "
            "Yves R., 61 ans, a été condamné à neuf ans. Alain P., 66 ans, a été condamné à six ans.\n"
            "Un réseau démantelé\n"
            "Les anciens douaniers avaient été mis en examen et placés en détention en mai 2020. "
            "Les enquêteurs ont été surpris par leur discrétion.")
    claims = _report_claims(tmp_path, text, "fr", "2024-06-14")
    dated = {(c.subject, c.predicate, c.date.value if c.date else None) for c in claims}
    for name in ("Yves R.", "Alain P."):  # "Les anciens douaniers" after the heading line: both
        assert (name, "arrested", "2020-05") in dated
    # not in a report that counts two of three people it names
    text = ("Deux anciens douaniers ont été condamnés mardi à Lyon. Yves R. et Alain P. ont été condamnés. "
            "Marc D. a témoigné. Les anciens douaniers avaient été arrêtés en mai 2020.")
    (tmp_path / "three").mkdir()
    claims = _report_claims(tmp_path / "three", text, "fr", "2024-06-14")
    assert len({c.subject for c in claims if c.predicate == "arrested"}) <= 1


def test_a_count_of_years_or_of_other_people_shares_nothing(tmp_path) -> None:
    text = ("Deux ans plus tard, il a été arrêté à Lille. Yves R. travaillait pour un service étranger. "
            "Alain P. et Marc D. le connaissaient. Deux anciens collègues ont été condamnés en 2023.")
    claims = _report_claims(tmp_path, text, "fr", "2024-06-14")
    counted = [c for c in claims if c.predicate == "convicted" and c.start > 0]
    assert len({c.subject for c in counted}) <= 1  # two counted, three named: no one is given the event
    arrested = [c for c in claims if c.predicate == "arrested"]
    assert len({c.subject for c in arrested}) <= 1  # "Deux ans plus tard": a length of time, not two people


def test_what_counts_people_at_a_sentence_start() -> None:
    from spyglass.extract.foreign import _counted

    def counted(language: str, opening: str) -> int | None:
        lex = lexicon(language)
        assert lex is not None
        return _counted(lex, language, opening)

    assert counted("fr", "Les deux hommes avaient été ") == 2
    assert counted("fr", "Deux ans plus tard ils ont été ") is None  # a length of time
    assert counted("fr", "Selon le parquet, deux hommes ont été ") is None  # not the sentence's subject
    assert counted("zh", "两名男子于2023年5月被警方") == 2
    assert counted("zh", "该男子于2019年两次前往北京后被") is None  # "twice": not at the start
    assert counted("ar", "عامين ") is None  # Arabic's dual: "two years" in one word


def test_dates_counted_from_the_report_in_other_languages() -> None:
    # yesterday, last week, last month, last year: counted from the publication date, at their precision
    assert _near("de", "Der Mann wurde gestern in Köln festgenommen.", "festgenommen", "2023-05-10") == ("2023-05-09", None)
    assert _near("ja", "先週、地方裁判所は男に懲役3年の判決を言い渡した。", "判決", "2021-03-18") == ("2021-03-08", None)
    assert _near("es", "El mes pasado fue detenido en Valencia.", "detenido", "2022-01-15") == ("2021-12", None)
    assert _near("pl", "W zeszłym roku został zatrzymany w Gdańsku.", "zatrzymany", "2020-06-01") == ("2019", None)
    # without a publication date they give no value rather than a wrong one
    assert _near("de", "Der Mann wurde gestern in Köln festgenommen.", "festgenommen", None) == (None, None)


def test_a_month_takes_the_year_the_words_beside_it_give() -> None:
    text = "Er wurde im November vergangenen Jahres in Hamburg festgenommen."
    assert _near("de", text, "festgenommen", "2024-03-02") == ("2023-11", "--11 y-1")
    text = "Il a été arrêté en novembre dernier à Lyon."
    assert _near("fr", text, "arrêté", "2024-12-20") == ("2024-11", None)  # the latest November
    assert _near("fr", text, "arrêté", "2024-03-02") == ("2023-11", None)
    text = "Он был задержан в ноябре прошлого года в Москве."
    assert _near("ru", text, "задержан", "2022-02-01") == ("2021-11", "--11 y-1")
    # "2023 წელს" is "in 2023", not "this year"
    text = "ის 2023 წელს დააკავეს თბილისში."
    assert _near("ka", text, "დააკავეს", "2025-01-01")[0] in (None, "2023")


def test_a_weekday_in_japanese_is_read_inside_running_text() -> None:
    # no spaces between Japanese words: the weekday is found beside the particle before it
    assert _near("ja", "警察は火曜日に男を逮捕した。", "逮捕", "2024-12-26") == ("2024-12-24", None)


def _scene(language: str, text: str, word: str, published: str | None = None) -> tuple[str | None, str | None]:
    from spyglass.extract.foreign_dates import scene_date

    lex = lexicon(language)
    assert lex is not None
    date, phrase = scene_date(lex, text, text.index(word), published)
    return (date.value if date else None), phrase


# Written for this test: a narrative that sets its scene with a date of its own, then tells the arrest.
SCENE = ("Optagelsen viser en kvinde på en cykelsti ved havnen. Det er i Aalborg. Onsdag 8. marts 2023. "
         "Hun er på vej til sit kontor på værftet.\n\nTo betjente stopper hende.\n\n"
         "Videoen viser anholdelsen af kvinden, som politiet mener har solgt tegninger til en fremmed magt.")


def test_a_date_that_is_a_sentence_of_its_own_sets_the_scene_of_an_undated_event() -> None:
    assert _scene("da", SCENE, "anholdelsen") == ("2023-03-08", "scene: Onsdag 8. marts 2023.")


def test_a_date_alone_on_its_line_or_inside_a_sentence_sets_no_scene() -> None:
    dateline = "Onsdag 8. marts 2023.\n\n" + SCENE.split("\n\n", 1)[1]  # a dateline or a caption
    assert _scene("da", dateline, "anholdelsen") == (None, None)
    told = SCENE.replace("Onsdag 8. marts 2023.", "Hun flyttede hertil 8. marts 2023.")  # a date in a clause
    assert _scene("da", told, "anholdelsen") == (None, None)
    later = SCENE.replace("To betjente", "I går sagde politiet, at to betjente")  # a date written after it
    assert _scene("da", later, "anholdelsen", "2024-01-10") == (None, None)


def test_a_date_written_in_the_events_own_clause_outranks_a_scene(tmp_path) -> None:
    from conftest import ingest_reports

    named = (SCENE.replace("kvinden, som", "Birthe Kallesøe, som")
             + " Kallesøe arbejdede for den russiske efterretningstjeneste, mener politiet.")
    other = ("Birthe Kallesøe blev anholdt tirsdag den 7. marts 2023 i Aalborg, oplyser politiet. Kallesøe er sigtet for "
             "spionage for den russiske efterretningstjeneste. Hun nægter sig skyldig.")
    _, records = ingest_reports(tmp_path, [
        {"url": "https://a.example/1", "title": "Spion", "language": "da", "text": named},
        {"url": "https://b.example/2", "title": "Spion", "language": "da", "published": "2023-03-09", "text": other}])
    record = next(r for r in records if "Birthe Kallesøe" in {r["name"], *r["aliases"]})
    assert record["dates"]["arrested"] == "2023-03-07"
    dates = {v["value"]: {s["url"] for s in v["sources"]} for c in record["conflicts"] if c["field"] == "dates.arrested"
             for v in c["values"]}
    assert dates == {"2023-03-07": {"https://b.example/2"}, "2023-03-08": {"https://a.example/1"}}


def test_an_arrest_on_warrants_takes_the_date_that_opens_its_clause(tmp_path) -> None:
    text = ("Die Bundesanwaltschaft hat gestern (9. Mai 2024) aufgrund von Haftbefehlen des Ermittlungsrichters des "
            "Bundesgerichtshofs den deutschen Staatsangehörigen Egon W. in Kassel festnehmen lassen. Egon W. soll für "
            "einen russischen Geheimdienst Informationen über Kasernen gesammelt haben. Sein Verteidiger äußerte sich "
            "zunächst nicht zu den Vorwürfen.")
    claims = _report_claims(tmp_path, text, "de", "2024-05-10", title="Festnahme")
    arrested = [c for c in claims if c.subject == "Egon W." and c.predicate == "arrested"]
    assert arrested and arrested[0].date is not None and arrested[0].date.value == "2024-05-09"
