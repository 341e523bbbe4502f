"""A report that gives only the weekday of an event ("died on Sunday") on a page with no date of
its own cannot place the day, but it can disagree: when the case's chosen day was a Saturday, the
page that says Sunday is listed under its own value ("a Sunday") beside the chosen day."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from spyglass.model import Claim, FuzzyDate

_ENGLISH = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_LEXICON = Path(__file__).resolve().parents[1] / "extract" / "lexicon" / "weekdays.json"


@lru_cache(maxsize=1)
def _patterns() -> list[re.Pattern[str]]:
    """One pattern per weekday (Monday first), any language the lexicon has."""
    lexicon = json.loads(_LEXICON.read_text(encoding="utf-8"))
    words: list[list[str]] = [[name] for name in _ENGLISH]
    for language, names in lexicon.items():
        if not language.startswith("_"):
            for i, name in enumerate(names):
                words[i].append(name)
    return [re.compile(rf"^(?:on\s+|last\s+|this\s+|am\s+|le\s+)?(?:{'|'.join(w)})\.?$", re.I) for w in words]


def weekday_of(phrase: str | None) -> int | None:
    """0 (Monday) to 6 for a date phrase that is a weekday and nothing else."""
    if not phrase:
        return None
    found = [i for i, pattern in enumerate(_patterns()) if pattern.match(phrase.strip())]
    return found[0] if len(found) == 1 else None


def weekday_disputes(claims: list[Claim], chosen: FuzzyDate | None, group_of: dict[str, str]) -> list[dict[str, Any]]:
    """Values (as `choose` lists them) of the reports whose weekday the chosen day is not."""
    if chosen is None or chosen.precision != "day":
        return []
    day = chosen.first_day().weekday()
    out: dict[int, dict[str, Any]] = {}
    for claim in claims:
        if claim.date is not None or (weekday := weekday_of(claim.date_phrase)) is None or weekday == day:
            continue
        value = out.setdefault(weekday, {"value": f"a {_ENGLISH[weekday].capitalize()}", "documents": [],
                                         "independent_sources": 0, "claims": [],
                                         "note": "the report gives only the weekday; the chosen day was a "
                                                 f"{_ENGLISH[day].capitalize()}"})
        if claim.doc_id not in value["documents"]:
            value["documents"].append(claim.doc_id)
        value["claims"].append(claim.claim_id)
        value["independent_sources"] = len({group_of.get(d, d) for d in value["documents"]})
    return list(out.values())
