"""Which court decided a case on appeal, and reports that disagree on it.

"The Supreme Court upheld the life sentence of X" in one report, "X was sentenced to life in the
court of appeal" in three others: one appeal, two courts. Each sentence that names the person, a
court whose level its name tells (a supreme court, a court of appeal) and a judgment (upheld,
convicted, rejected the appeal) gives that level; an appeal *to* a court or a ruling still to come
gives none, nor does a sentence naming courts of both levels. A higher court's ruling reported a
week or more after the lower court's is a later development, not a disagreement.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

LEVELS = {"supreme": "a supreme court", "appeal": "a court of appeal"}
_LATER = dt.timedelta(days=7)  # a higher court's ruling reported this much later is the next stage
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+|\n+")


@dataclass(frozen=True)
class Ruling:
    doc_id: str
    level: str  # "supreme" or "appeal"
    court: str  # as written
    start: int
    end: int


@dataclass(frozen=True)
class _Words:
    levels: dict[str, list[re.Pattern[str]]]
    upheld: list[re.Pattern[str]]
    to_the: list[re.Pattern[str]]
    pending: list[re.Pattern[str]]


@lru_cache(maxsize=32)
def _words(language: str) -> _Words | None:
    data = json.loads(resources.files("spyglass.extract").joinpath("lexicon/courts.json").read_text("utf-8"))
    entry = data.get(language)
    if not isinstance(entry, dict):
        return None
    comp = lambda items: [re.compile(p, re.I | re.U) for p in items]  # noqa: E731
    return _Words({level: comp(entry[level]) for level in LEVELS}, comp(entry["upheld"]),
                  [re.compile(p, re.I | re.U) for p in entry["to_the"]], comp(entry["pending"]))


def rulings(doc_id: str, text: str, language: str | None, names: set[str]) -> list[Ruling]:
    """The appeal rulings a report gives the person named by one of `names`: one per sentence."""
    words = _words(language or "en")
    if words is None or not names:
        return []
    named = re.compile("|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n in sorted(names, key=len, reverse=True)))
    out: list[Ruling] = []
    pos = 0
    for piece in _SENTENCE_END.split(text):
        start = text.find(piece, pos)
        pos = start + len(piece)
        if not named.search(piece) or not any(p.search(piece) for p in words.upheld) \
                or any(p.search(piece) for p in words.pending):
            continue
        found = [(level, m) for level, patterns in words.levels.items() for p in patterns for m in p.finditer(piece)
                 if not any(t.search(piece[: m.start()]) for t in words.to_the)]
        levels = {level for level, _ in found}
        mentioned = {level for level, patterns in words.levels.items() for p in patterns if p.search(piece)}
        if len(levels) != 1 or len(mentioned) != 1:
            continue  # no court of a known level, or both levels: the story of two stages
        level, m = found[0]
        out.append(Ruling(doc_id, level, m.group(), start + m.start(), start + m.end()))
    return out


def disagreeing(found: list[Ruling], published: dict[str, str | None]) -> list[Ruling]:
    """The rulings of reports that name different levels for one appeal; none when every report
    naming the supreme court was written a week or more after the first naming the court of appeal."""
    by_level: dict[str, set[str]] = {}
    for r in found:
        by_level.setdefault(r.level, set()).add(r.doc_id)
    both = by_level.get("supreme", set()) & by_level.get("appeal", set())
    found = [r for r in found if r.doc_id not in both]  # a report naming both tells two stages
    lower = [published.get(r.doc_id) for r in found if r.level == "appeal"]
    higher = [published.get(r.doc_id) for r in found if r.level == "supreme"]
    if not lower or not higher:
        return []
    first_lower = min((dt.date.fromisoformat(d[:10]) for d in lower if d), default=None)
    if first_lower is not None and all(d and dt.date.fromisoformat(d[:10]) - first_lower >= _LATER for d in higher):
        return []
    return found
