"""A document's language from its script, its commonest words and its letters. Texts written for this test."""

from __future__ import annotations

import pytest

from spyglass.ingest.language import detect_language


@pytest.mark.parametrize("text, language", [
    # short: "i" is Danish "in" and Polish "and"; the letters æ and ø tell
    ("Politiet anholdt i går en tekniker i Esbjerg. Han er sigtet for spionage i tre år og fængslet i fire uger.", "da"),
    ("Politiet pågrep en tekniker i Bodø på fredag. Han er siktet for spionasje, og han ble varetektsfengslet.", "no"),
    ("Prokuratura oskarżyła mężczyznę o szpiegostwo. Został zatrzymany w marcu i przebywa w areszcie.", "pl"),
    # French writes "de" and "en" as often as Dutch: its own words tell it
    ("Julien Marchetti, 44 ans, a été acquitté jeudi par la cour d'assises spéciale de Paris. Il avait été mis en "
     "examen en mars 2022 et placé en détention provisoire, puis remis en liberté en janvier 2023. Selon "
     "l'accusation, l'ingénieur aurait rencontré un diplomate expulsé de France en 2021.", "fr"),
    ("Polisen grep en tekniker i Malmö på fredagen. Han är misstänkt för spioneri och har häktats.", "sv"),
    ("The technician was arrested in Esbjerg on Friday and charged with spying, police said.", "en"),
    ("Следователи задержали инженера в пятницу по делу о шпионаже.", "ru"),
])
def test_the_language_of_a_short_report(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_a_declared_language_stands_unless_the_words_say_otherwise() -> None:
    danish = "Teknikeren er sigtet for spionage, og han nægter sig skyldig i retten."
    assert detect_language(danish, "no") == "no"  # Norwegian and Danish share these words: the page says which
    english = "The technician was arrested on Friday and charged with spying for a foreign power, police said."
    assert detect_language(english, "de") == "en"  # a wrong <html lang> does not turn English into German
    assert detect_language("1234 5678", "fr-FR") == "fr"  # no words at all: the page's own word
