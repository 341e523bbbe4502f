"""The word forms of each language other than English (`lexicon/legal.json`, `lexicon/weekdays.json`,
`lexicon/relative_dates.json`, `lexicon/function_words.json`),
compiled once per language: events, roles, reporting verbs, spying cues, intelligence words,
demonyms, months, number words, units of a prison term."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

@dataclass(frozen=True)
class Lexicon:
    events: dict[str, list[re.Pattern[str]]]
    future: list[re.Pattern[str]]
    negation: list[re.Pattern[str]]
    roles: list[re.Pattern[str]]
    acting_roles: list[re.Pattern[str]]  # courts, judges, police, prosecutors: they act on a defendant
    reporting: list[re.Pattern[str]]
    words: list[re.Pattern[str]]  # every word form the lexicon knows: none is part of a name
    spying_for: list[re.Pattern[str]]
    spying_against: list[re.Pattern[str]]  # "Spionage gegen": the state named next is spied on, not the sponsor
    intelligence: list[re.Pattern[str]]
    demonyms: dict[str, list[re.Pattern[str]]]
    months: dict[int, list[re.Pattern[str]]]
    numbers: dict[int, list[re.Pattern[str]]]
    years_unit: str
    months_unit: str
    life: list[re.Pattern[str]]
    suspended: list[re.Pattern[str]]
    other_penalties: list[re.Pattern[str]]  # a ban, a deprivation of rights: their length is no prison term
    alias_cues: list[re.Pattern[str]]  # "alias", "bekannt als": the person's other name comes right after
    weekdays: list[list[re.Pattern[str]]]  # Monday first
    plural_subjects: list[re.Pattern[str]]  # "les", "los": a plural subject's opening word
    passive: list[re.Pattern[str]]  # "ont été", "fueron": the event happened to the subject
    agent_markers: list[re.Pattern[str]]  # "por", "par", "von": who did what a passive verb tells
    relative: dict[str, list[re.Pattern[str]]]  # "day -1", "year -1" ...: dates counted from the report
    year_words: dict[str, re.Pattern[str]]  # "of last year", "of this year", "latest": a month's year


@lru_cache(maxsize=1)
def _raw() -> dict[str, Any]:
    path = resources.files("spyglass.extract").joinpath("lexicon/legal.json")
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


@lru_cache(maxsize=64)
def lexicon(language: str) -> Lexicon | None:
    """The compiled word forms of one language, or None where the lexicon has none."""
    entry = _raw().get(language)
    if not isinstance(entry, dict):
        return None
    flags = re.IGNORECASE | re.UNICODE
    comp = lambda items: [re.compile(p, flags) for p in items or []]  # noqa: E731
    return Lexicon(
        events={status: comp(patterns) for status, patterns in entry.get("events", {}).items()},
        future=comp(entry.get("future_or_conditional")), negation=comp(entry.get("negation")),
        roles=[re.compile(p, flags) for patterns in entry.get("roles", {}).values() for p in patterns],
        acting_roles=[re.compile(p, flags) for role in ("judge", "official") for p in entry.get("roles", {}).get(role, [])],
        reporting=comp(entry.get("reporting_verbs")),
        words=comp([p for ps in entry.get("events", {}).values() for p in ps] + list(entry.get("years_unit", []))
                   + list(entry.get("months_unit", [])) + list(entry.get("life_sentence", []))
                   + list(entry.get("suspended", [])) + [p for ps in entry.get("numbers", {}).values() for p in ps]),
        spying_for=comp(entry.get("spying_for")), spying_against=comp(entry.get("spying_against")), intelligence=comp(entry.get("intelligence_words")),
        demonyms={country: comp(patterns) for country, patterns in entry.get("demonyms", {}).items()},
        months={int(k): comp(v) for k, v in entry.get("months", {}).items()},
        numbers={int(k): comp(v) for k, v in entry.get("numbers", {}).items()},
        years_unit="|".join(f"(?:{p})" for p in entry.get("years_unit", [])) or r"(?!x)x",
        months_unit="|".join(f"(?:{p})" for p in entry.get("months_unit", [])) or r"(?!x)x",
        life=comp(entry.get("life_sentence")), suspended=comp(entry.get("suspended")),
        other_penalties=comp(entry.get("other_penalties")),
        alias_cues=[re.compile(rf"(?:{p})[\s\"'«»„“”‚‘’:,]*$", flags) for p in entry.get("alias_cues", [])],
        weekdays=[[re.compile(_word(p, language), flags)] for p in _weekdays().get(language, [])],
        plural_subjects=comp(entry.get("plural_subjects")), passive=comp(entry.get("passive_markers")),
        agent_markers=comp(entry.get("agent_markers")),
        relative={key: [re.compile(_word(p, language), flags) for p in patterns]
                  for key, patterns in _relative().get(language, {}).items() if _COUNTED.match(key)},
        year_words={key: re.compile("|".join(f"(?:{p})" for p in patterns), flags)
                    for key, patterns in _relative().get(language, {}).items()
                    if key in ("of last year", "of this year", "latest") and patterns},
    )


_COUNTED = re.compile(r"^(?:day|week|month|year) -?\d+$")  # "day -1": a unit and an offset from the report


def _word(pattern: str, language: str) -> str:
    """A pattern matched as a whole word; Chinese and Japanese write no spaces between words."""
    return pattern if language in ("zh", "ja") else rf"(?<!\w)(?:{pattern})(?!\w)"


@lru_cache(maxsize=1)
def _relative() -> dict[str, dict[str, list[str]]]:
    path = resources.files("spyglass.extract").joinpath("lexicon/relative_dates.json")
    data: dict[str, dict[str, list[str]]] = json.loads(path.read_text("utf-8"))
    return data


@lru_cache(maxsize=1)
def _weekdays() -> dict[str, list[str]]:
    path = resources.files("spyglass.extract").joinpath("lexicon/weekdays.json")
    data: dict[str, list[str]] = json.loads(path.read_text("utf-8"))
    return data


def languages() -> list[str]:
    return sorted(k for k in _raw() if not k.startswith("_"))



@lru_cache(maxsize=1)
def function_words() -> dict[str, set[str]]:
    path = resources.files("spyglass.extract").joinpath("lexicon/function_words.json")
    data = json.loads(path.read_text("utf-8"))
    return {k: set(v) for k, v in data.items() if not k.startswith("_")}
