"""Countries and regions: canonical country names, demonyms as country mentions, known regions."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

import pycountry


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    data = json.loads(resources.files("spyglass.extract").joinpath("patterns/places.json").read_text("utf-8"))
    countries: dict[str, str] = {}
    for country in pycountry.countries:
        official = getattr(country, "official_name", None)
        canonical = data["canonical"].get(country.name) or getattr(country, "common_name", None) or country.name
        for name in {country.name, canonical, official}:
            if name:
                countries[name.casefold()] = canonical
    for name in data["extra_countries"]:
        countries[name.casefold()] = name
    for canonical, aliases in data["aliases"].items():
        for alias in aliases:
            countries[alias.casefold()] = canonical
    demonyms = {k: v for k, v in data["demonyms"].items()}
    regions = {name.casefold().removeprefix("the "): name.removeprefix("the ") for name in data["regions"]}
    return countries, demonyms, regions


def country_name(text: str) -> str | None:
    """The canonical country a name means ("U.S." -> "United States"), or None."""
    return _tables()[0].get(text.strip().casefold())


def country_of_demonym(word: str) -> str | None:
    """"Indian" -> "India": the country an adjective refers to (not anyone's nationality)."""
    return _tables()[1].get(word.strip())


def demonym_of(country: str) -> str | None:
    """"China" -> "Chinese": the adjective of a country, for names such as "Chinese intelligence"."""
    found = [word for word, name in _tables()[1].items() if name == country and word[:1].isupper() and not word.endswith("s")]
    return min(found, key=len) if found else None


@lru_cache(maxsize=64)
def local_country_words(language: str) -> frozenset[str]:
    """Every word of every country's name in one language (pycountry's ISO 3166 translations),
    lower case: "deutschland", "föderation", "russische"... A word among these is no person's name."""
    import gettext

    try:
        catalog = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
    except OSError:
        return frozenset()
    words: set[str] = set()
    for country in pycountry.countries:
        for name in {country.name, getattr(country, "common_name", country.name)}:
            parts = [w.lower() for w in catalog.gettext(name).replace(",", " ").split()]
            if len(parts) == 1:
                words |= {parts[0]} if len(parts[0]) > 3 else set()
                continue
            # of a longer name, its longest word: "föderation", not the saint's name of "San Pedro y
            # Miquelón" or "Santa Lucía", nor "Costa" of "Costa Rica" (given names and surnames)
            kept = [w for i, w in enumerate(parts) if i == 0 or parts[i - 1] not in _BEFORE_A_NAME]
            longest = max((w for w in kept if w not in _BEFORE_A_NAME), key=len, default="")
            words |= {longest} if len(longest) >= 6 else set()
    return frozenset(words)


# words a country's name puts before a saint's or a person's name ("San Pedro", "El Salvador")
_BEFORE_A_NAME = {"san", "santa", "santo", "são", "sao", "saint", "sainte", "sankt", "st", "st.", "sint", "svatý", "svätý",
                  "święty", "el", "la", "le", "les", "los", "las", "the", "de", "del", "of", "and", "y", "e", "et", "und", "i"}


def region_name(text: str) -> str | None:
    """A known supra-national region, as spyglass writes it, or None."""
    return _tables()[2].get(text.strip().casefold().removeprefix("the "))


def region_names() -> list[str]:
    """Every region spelling the tables know (for rule patterns)."""
    data = json.loads(resources.files("spyglass.extract").joinpath("patterns/places.json").read_text("utf-8"))
    return [name.removeprefix("the ") for name in data["regions"]]
