"""Names in reports not written in English: which capitalised words can be a person's name."""

from __future__ import annotations


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
