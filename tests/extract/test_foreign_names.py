"""Names in reports not written in English: which capitalised words can be a person's name."""

from __future__ import annotations

import pytest
from conftest import ingest_reports


def test_german_nouns_in_the_plural_are_no_name_and_names_with_noun_like_endings_are() -> None:
    from spyglass.extract.foreign_names import _GERMAN_NOUN

    assert _GERMAN_NOUN.search("Informationen") and _GERMAN_NOUN.search("Ermittlungen")
    assert not any(_GERMAN_NOUN.search(name) for name in ("Lorenz", "Franz", "Dennis", "Jensen"))


def _report(text: str, language: str) -> tuple[set[str], set[tuple[str, str]]]:
    from spyglass.extract.run import extract
    from spyglass.ingest.build import build_document
    from spyglass.ingest.sources import RawInput

    doc = build_document(RawInput("t.txt", "Дело\n\n" + text, "txt", {"published": "2024-10-02", "language": language}))
    found = list(extract([doc]))
    return ({m.name for e in found for m in e.mentions if m.type == "person"},
            {(c.subject, c.predicate) for e in found for c in e.claims})


# Written for this test: a sentence that names the person by the surname alone in another case, and a
# city after "in" in the locative case, after the event word.
RUSSIAN = ("Суд приговорил гражданина Канады Томаса Беккера к 12 годам лишения свободы по делу о шпионаже. По версии "
           "следствия, Беккер собирал сведения по заданию иностранной разведки.\n\nБеккер был задержан в марте 2023 "
           "года в Нижнем Тагиле. Свою вину он не признал, сообщил его адвокат.")


def test_a_name_after_in_is_a_place_and_the_surname_in_another_case_is_the_person() -> None:
    people, claims = _report(RUSSIAN, "ru")
    assert "Нижнем Тагиле" not in people
    assert ("Томаса Беккера", "arrested") in claims


def test_a_place_after_in_is_no_person_in_polish() -> None:
    people, _ = _report("Prokuratura oskarżyła Jana Wróbla o szpiegostwo na rzecz Rosji. Wróbel został zatrzymany w "
                        "Zielonej Górze w marcu. Jego obrońca nie skomentował sprawy przed sądem. Proces ma się rozpocząć "
                        "jesienią, a prokuratura domaga się dla oskarżonego kary dziesięciu lat więzienia.", "pl")
    assert "Zielonej Górze" not in people


# Written for this test: the Tokyo police's public security division arrests a man who passed papers to
# a Russian diplomat; the division is no sponsor, the diplomat's state is whom he worked for.
JAPANESE = ("元技官を逮捕\n\n警視庁公安部は5日、ロシア通商代表部の職員に防衛装備庁の内部資料を渡したとして、元技官の"
            "佐々木浩二容疑者（61）を逮捕した。\n\n公安部によると、佐々木容疑者は2021年ごろから都内の喫茶店で職員と"
            "会い、謝礼を受け取っていた。職員はすでに帰国している。")


def test_the_japanese_polices_division_is_no_chinese_ministry_and_papers_passed_name_the_state() -> None:
    from spyglass.extract.foreign import extract_foreign
    from spyglass.ingest.build import build_document
    from spyglass.ingest.sources import RawInput

    doc = build_document(RawInput("t.txt", JAPANESE, "txt", {"published": "2024-06-05", "language": "ja"}))
    mentions, claims = extract_foreign(doc)
    assert not [m for m in mentions if m.type != "person"]  # 公安部: the police, not China's ministry
    assert ("佐々木浩二", "agent_of", "Russia") in {(c.subject, c.predicate, c.object) for c in claims}


def test_a_japanese_name_with_the_repeat_mark_makes_a_case(tmp_path) -> None:
    _, records = ingest_reports(tmp_path, [{"url": "https://news.example/ja", "title": "逮捕", "language": "ja",
                                            "published": "2024-06-05", "text": JAPANESE}])
    assert [(r["name"], r["status"], (r["sponsor"] or {}).get("name")) for r in records] == [("佐々木浩二", "arrested", "Russia")]


@pytest.mark.parametrize("language, text", [
    ("es", "La policía detuvo el martes en Cádiz a un suboficial, Óscar Rivas Llorente, acusado de facilitar información "
           "clasificada a los servicios de inteligencia rusos. Rivas Llorente ingresó en prisión provisional. Su abogada "
           "aseguró que es inocente."),
    ("fr", "Un sous-officier, Alain Berthier, a été interpellé mardi à Brest. Il aurait transmis des informations "
           "classifiées aux services de renseignement russes. Alain Berthier a été placé en détention provisoire. Son "
           "avocate conteste les faits."),
])
def test_information_handed_to_a_states_service_names_whom_the_person_worked_for(language: str, text: str) -> None:
    from spyglass.extract.foreign import extract_foreign
    from spyglass.ingest.build import build_document
    from spyglass.ingest.sources import RawInput

    doc = build_document(RawInput("t.txt", "Affaire\n\n" + text, "txt", {"published": "2025-01-15", "language": language}))
    _, claims = extract_foreign(doc)
    assert any(c.predicate == "agent_of" and c.object == "Russian intelligence" for c in claims)


def test_a_service_in_another_case_is_no_person_nor_the_one_a_passive_befell(tmp_path) -> None:
    text = ("Sąd Okręgowy w Gdańsku skazał w czwartek na sześć lat więzienia Jurija M., który na zlecenie rosyjskiego "
            "wywiadu wojskowego fotografował porty. Mężczyzna został zatrzymany przez Agencję Bezpieczeństwa "
            "Wewnętrznego w maju 2023 roku.\n\nObrońca skazanego zapowiedział apelację od wyroku sądu.")
    _, records = ingest_reports(tmp_path, [{"url": "https://news.example/pl", "title": "Szpieg", "language": "pl",
                                            "published": "2024-09-12", "text": text}])
    assert [r["name"] for r in records] == ["Jurija M."]
    assert records[0]["dates"].get("arrested") == "2023-05"


def test_portuguese_writes_russian_in_the_masculine_too() -> None:
    from spyglass.extract.word_forms import lexicon

    lex = lexicon("pt")
    assert lex is not None
    assert all(any(p.search(word) for p in lex.demonyms["Russia"]) for word in ("russo", "russos", "russa", "russas"))


def test_a_rank_surnamed_in_chinese_is_a_withheld_name_and_today_in_brackets_dates_the_verdict() -> None:
    from spyglass.extract.foreign import extract_foreign
    from spyglass.ingest.build import build_document
    from spyglass.ingest.sources import RawInput

    text = ("退役上校判刑\n\n退役海軍上校林志豪涉嫌受中共解放軍指示，在台吸收現役軍官，高等法院今（9）日判處林志豪有期徒刑"
            "10年。\n\n判決指出，林志豪以金錢利誘現役軍官陳姓少校提供機密資料。陳姓少校則被判處有期徒刑5年。")
    doc = build_document(RawInput("t.txt", text, "txt", {"published": "2024-10-09", "language": "zh"}))
    _, claims = extract_foreign(doc)
    found = {(c.subject, c.predicate, c.value, c.date.value if c.date else None) for c in claims if c.predicate == "sentenced"}
    assert ("林志豪", "sentenced", "120", "2024-10-09") in found
    assert ("陈某", "sentenced", "60", None) in found or ("陳某", "sentenced", "60", None) in found
    assert ("林志豪", "agent_of") in {(c.subject, c.predicate) for c in claims}


def test_a_russian_report_names_ukraine_as_whom_a_suspect_worked_for() -> None:
    from spyglass.extract.foreign import extract_foreign
    from spyglass.ingest.build import build_document
    from spyglass.ingest.sources import RawInput

    text = ("Задержание в Брянске\n\nСотрудники ФСБ задержали в Брянске местного жителя Игоря Левченко, который по заданию "
            "Службы безопасности Украины собирал сведения о воинских частях. Возбуждено уголовное дело о госизмене.\n\n"
            "Его адвокат отказался от комментариев.")
    doc = build_document(RawInput("t.txt", text, "txt", {"published": "2025-02-04", "language": "ru"}))
    _, claims = extract_foreign(doc)
    assert any(c.predicate == "agent_of" and c.object == "Ukrainian intelligence" for c in claims)


@pytest.mark.parametrize("language, text", [
    ("no", "En 31 år gammel vekter er dømt til fire år i fengsel. Tingretten fant ham skyldig i å ha solgt opplysninger "
           "til Russland.\n\nMannen, Sindre Aasvik, ble pågrepet av PST i mars. Forsvareren sier at dommen vil bli anket."),
    ("sv", "En 45-årig tekniker har dömts till fem års fängelse. Tingsrätten fann att han har sålt uppgifter till Ryssland."
           "\n\nMannen, Olle Bergkvist, greps i maj. Hans advokat säger att domen kommer att överklagas."),
])
def test_information_sold_to_a_state_names_the_sponsor_in_nordic_languages(language: str, text: str) -> None:
    from spyglass.extract.foreign import extract_foreign
    from spyglass.ingest.build import build_document
    from spyglass.ingest.sources import RawInput

    doc = build_document(RawInput("t.txt", "Spion\n\n" + text, "txt", {"published": "2024-10-03", "language": language}))
    _, claims = extract_foreign(doc)
    assert any(c.predicate == "agent_of" and c.object == "Russia" for c in claims)
