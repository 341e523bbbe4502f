"""Relation and date scores against gold: canonical names through gold aliases, dates at gold precision."""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

from spyglass.evaluate.compare import norm
from spyglass.extract.dates import find_date_phrases
from spyglass.model import Claim, Document, FuzzyDate, PREDICATES


def _alias_map(gold_entities: list[dict[str, Any]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for entity in gold_entities:
        for name in [entity["name"], *entity.get("aliases", [])]:
            out.setdefault(norm(name) or "", norm(entity["name"]) or "")
    return out


# The predicates gold annotates (shared/gold-schema.md); spyglass's own additions are not scored.
GOLD_PREDICATES = set(PREDICATES) - {"citizen_of", "used_method"}


def score_relations(claims: Iterable[Claim], gold: dict[str, Any]) -> dict[str, Any]:
    """P/R/F1 over distinct (subject, predicate, object), names mapped to gold canonical names."""
    aliases = _alias_map(gold.get("entities", []))
    canon = lambda name: aliases.get(norm(name) or "", norm(name) or "")  # noqa: E731
    predicted = {(canon(c.subject), c.predicate, canon(c.object or "")) for c in claims if c.predicate in GOLD_PREDICATES}
    expected = {(canon(r["subject"]), r["predicate"], canon(r["object"])) for r in gold.get("relations", [])
                if r["predicate"] in GOLD_PREDICATES}
    right = predicted & expected
    precision = len(right) / len(predicted) if predicted else 0.0
    recall = len(right) / len(expected) if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
        "missed": sorted(" ".join(t) for t in expected - predicted),
        "false_hits": sorted(" ".join(t) for t in predicted - expected),
    }


def body_dates(doc: Document) -> list[Any]:
    """The date phrases of a document's body as the pipeline resolves them (in order, chained)."""
    published = dt.date.fromisoformat(doc.published) if doc.published else None
    found, previous = [], None
    for segment in doc.segments:
        if segment.kind != "body":
            continue
        for mention in find_date_phrases(doc.text[segment.start : segment.end], published, previous=previous):
            found.append(mention)
            previous = mention.date or previous
    return found


def date_right(predicted: FuzzyDate | None, value: str, precision: str) -> bool:
    """Right at the gold precision; a gold interval "A/B" is right when the answer falls inside."""
    if predicted is None:
        return False
    if "/" in value:
        low, high = (FuzzyDate.parse(v) for v in value.split("/"))
        return low.first_day() <= predicted.first_day() and predicted.last_day() <= high.last_day()
    if precision == "week":
        return predicted.precision in ("day", "week") and FuzzyDate.week(predicted.first_day()).value == value
    length = {"year": 4, "month": 7, "day": 10}.get(precision, len(value))
    return len(predicted.value) >= length and predicted.value[:length] == value[:length]


def score_dates(doc: Document, events: list[dict[str, Any]], misses: list[str]) -> tuple[int, int]:
    """(right, total) gold date phrases of one document."""
    mentions = body_dates(doc)
    right = 0
    for event in events:
        phrase = event["phrase"].casefold()
        candidates = [m for m in mentions if phrase in m.phrase.casefold() or m.phrase.casefold() in phrase]
        if any(date_right(m.date, event["resolved"], event["precision"]) for m in candidates):
            right += 1
        else:
            got = [f"{m.phrase}={m.date}" for m in candidates] or ["not found"]
            misses.append(f"date {event['phrase']!r}: gold {event['resolved']} ({event['precision']}), got {got}")
    return right, len(events)
