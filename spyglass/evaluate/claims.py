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
GOLD_PREDICATES = set(PREDICATES) - {"citizen_of", "used_method", "described_as"}


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


# Which claims state a gold claim's field (shared/gold-schema.md fields -> spyglass predicates).
FIELD_PREDICATES = {
    "sponsor": ("officer_of", "agent_of", "contractor_for", "recruited_by", "attributed_to"),
    "role": ("officer_of", "agent_of"),
    "targets": ("targets", "hacked", "stole_data_from"),
    "charges": ("charged", "indicted"),
    "sentence_months": ("sentenced",),
}


def score_hedges(doc: Document | None, claims: list[Claim], gold_claims: list[dict[str, Any]],
                 misses: list[str]) -> dict[str, int]:
    """For each gold claim with a hedge: is the hedge found in the sentence that states it
    (`detected`), and do the claims spyglass read from that sentence carry it (`carried`, out of
    `covered`, the gold claims whose sentence yielded at least one claim)."""
    from spyglass.extract.hedges import find_hedge

    out = {"total": 0, "detected": 0, "covered": 0, "carried": 0}
    for gold in gold_claims:
        if not gold.get("hedge"):
            continue
        out["total"] += 1
        cue = gold["hedge"].split(";")[0].strip()
        at = doc.text.lower().find(cue.lower()) if doc is not None else -1
        if at < 0:
            misses.append(f"hedge {gold['hedge']!r} ({gold['field']}): cue not in the stored text (paraphrased in gold)")
            continue
        start = max(doc.text.rfind(". ", 0, at), doc.text.rfind("\n", 0, at)) + 1  # type: ignore[union-attr]
        stop = min(i for i in (doc.text.find(". ", at), doc.text.find("\n", at), len(doc.text)) if i >= 0)  # type: ignore[union-attr]
        found = find_hedge(doc.text[start:stop])  # type: ignore[union-attr]
        out["detected"] += found is not None
        ours = [c for c in claims if c.start <= at < c.end]
        if ours:
            out["covered"] += 1
            if all(c.hedge != "none" for c in ours):
                out["carried"] += 1
            else:
                misses.append(f"hedge {gold['hedge']!r}: a claim from its sentence has no hedge")
    return out


def score_quantities(doc: Document, gold: list[dict[str, Any]], misses: list[str]) -> tuple[int, int]:
    """(found, total) gold quantities found in the body with the right value and unit."""
    from spyglass.extract.quantities import find_quantities

    units = {"GB": ("gb", "gigabytes"), "people": ("people", "persons"), "countries": ("countries",),
             "years": ("years", "year"), "months": ("months",)}
    found = [q for s in doc.segments if s.kind == "body" for q in find_quantities(doc.text[s.start : s.end])]
    right = 0
    for item in gold:
        want = {u.lower() for u in units.get(item["unit"], (item["unit"],))}
        ok = any(float(q.value) == float(item["value"]) and (q.unit.lower() in want or item["unit"].lower() in q.unit.lower())
                 for q in found)
        right += ok
        if not ok:
            misses.append(f"quantity {item['value']} {item['unit']} ({item['what']}) not found")
    return right, len(gold)
