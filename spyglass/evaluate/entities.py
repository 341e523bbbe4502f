"""Entity scores: predicted (name, type) pairs against gold entities and their aliases."""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable

from spyglass.evaluate.compare import norm
from spyglass.extract.entities import Mention


def score_entities(mentions: Iterable[Mention], gold_entities: list[dict[str, Any]]) -> dict[str, Any]:
    """Precision, recall and F1 overall and by type. A predicted entity is a distinct
    (normalised name, type); it is right when the name is a gold name or alias of that type.
    Several predicted names of one gold entity count once toward recall."""
    names: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for index, entity in enumerate(gold_entities):
        for name in [entity["name"], *entity.get("aliases", [])]:
            names[norm(name) or ""].append((index, entity["type"]))
    predicted = {(norm(m.name or m.text) or "", m.type) for m in mentions}
    found: set[int] = set()
    right: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    false_hits: list[str] = []
    for name, kind in sorted(predicted):
        total[kind] += 1
        match = [i for i, gold_kind in names.get(name, []) if gold_kind == kind]
        if match:
            right[kind] += 1
            found.update(match)
        else:
            false_hits.append(f"{name} ({kind})")
    gold_by_type: dict[str, int] = defaultdict(int)
    found_by_type: dict[str, int] = defaultdict(int)
    for index, entity in enumerate(gold_entities):
        gold_by_type[entity["type"]] += 1
        found_by_type[entity["type"]] += index in found
    result: dict[str, Any] = _prf(sum(right.values()), sum(total.values()), len(found), len(gold_entities))
    result["by_type"] = {
        kind: _prf(right[kind], total[kind], found_by_type[kind], gold_by_type[kind])
        for kind in sorted(set(total) | set(gold_by_type))
    }
    result["missed"] = [e["name"] for i, e in enumerate(gold_entities) if i not in found]
    result["false_hits"] = false_hits
    return result


def _prf(right: int, predicted: int, found: int, gold: int) -> dict[str, float]:
    precision = right / predicted if predicted else 0.0
    recall = found / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}
