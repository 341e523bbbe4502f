"""Choose one value among sources that disagree, keep every value with its sources, say why.

Values are weighed by independent sources (syndication groups, not documents); a tie goes to
the more authoritative kind of source, then to the newest report. A later development is not
a disagreement: dates are compared at their precision, so "2024-11" agrees with "2024-11-21".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable

from spyglass.model import FuzzyDate

# How much a kind of source weighs when independent counts tie (court or government first).
SOURCE_RANK = {"official": 3, "news": 2, "unknown": 1, "content_farm": 0}


@dataclass
class Evidence:
    value: Any
    doc_id: str
    group: str
    published: str | None
    claim_id: str
    source_kind: str = "news"


@dataclass
class Choice:
    value: Any
    reason: str
    values: list[dict[str, Any]] = field(default_factory=list)  # every value with its documents
    conflict: bool = False


def choose(evidence: list[Evidence], same: Callable[[Any, Any], bool] | None = None) -> Choice | None:
    """The value most independent sources give; `same` says when two values agree."""
    if not evidence:
        return None
    same = same or (lambda a, b: a == b)
    clusters: list[list[Evidence]] = []
    for item in evidence:
        for cluster in clusters:
            if same(cluster[0].value, item.value):
                cluster.append(item)
                break
        else:
            clusters.append([item])

    def weight(cluster: list[Evidence]) -> tuple[int, int, int, int, str]:
        groups = {e.group for e in cluster}
        rank = max(SOURCE_RANK.get(e.source_kind, 1) for e in cluster)
        newest = max((e.published or "") for e in cluster)
        # A story's first report outranks its copies and rewrites: a copy can only add errors.
        original = int(any(e.doc_id == e.group for e in cluster))
        return len(groups), rank, original, -_closest_report(cluster), newest

    def _closest_report(cluster: list[Evidence]) -> int:
        """Days between a dated event and the soonest report of it: a report written days after
        an arrest is better placed than a retrospective written a year later."""
        gaps = []
        for e in cluster:
            if isinstance(e.value, FuzzyDate) and e.published:
                gaps.append(abs((date.fromisoformat(e.published) - e.value.first_day()).days))
        return min(gaps) if gaps else 0

    clusters.sort(key=weight, reverse=True)
    best = clusters[0]
    value = _most_precise(best)
    values = [{"value": _most_precise(c), "documents": sorted({e.doc_id for e in c}),
               "independent_sources": len({e.group for e in c}), "claims": sorted({e.claim_id for e in c})}
              for c in clusters]
    if len(clusters) == 1:
        return Choice(value, f"all {len({e.group for e in best})} independent sources agree", values)
    top, runner = weight(clusters[0]), weight(clusters[1])
    if top[0] > runner[0]:
        reason = f"given by {top[0]} independent sources against {runner[0]}"
    elif top[1] > runner[1]:
        reason = "the sources tie; chosen by the more authoritative kind of source"
    elif top[2] > runner[2]:
        reason = "the sources tie; chosen from the original report over a later copy or rewrite of it"
    elif top[3] > runner[3]:
        reason = "the sources tie; chosen as the report written closest to the event"
    else:
        reason = "the sources tie; chosen as the most recent report"
    return Choice(value, reason, values, conflict=True)


def _most_precise(cluster: list[Evidence]) -> Any:
    values = [e.value for e in cluster]
    if all(isinstance(v, FuzzyDate) for v in values):
        finest = {"day": 3, "week": 2, "month": 1, "year": 0}
        return max(values, key=lambda d: (finest[d.precision], values.count(d)))
    return max(set(values), key=values.count) if all(isinstance(v, (str, int)) for v in values) else values[0]


def dates_agree(a: FuzzyDate, b: FuzzyDate) -> bool:
    return a.agrees(b)
