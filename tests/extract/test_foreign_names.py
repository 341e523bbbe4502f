"""Names in reports not written in English: which capitalised words can be a person's name."""

from __future__ import annotations


def test_german_nouns_in_the_plural_are_no_name_and_names_with_noun_like_endings_are() -> None:
    from spyglass.extract.foreign_names import _GERMAN_NOUN

    assert _GERMAN_NOUN.search("Informationen") and _GERMAN_NOUN.search("Ermittlungen")
    assert not any(_GERMAN_NOUN.search(name) for name in ("Lorenz", "Franz", "Dennis", "Jensen"))
