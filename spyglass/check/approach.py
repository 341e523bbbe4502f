"""The approach check: which documented methods a received message resembles, why, and where they were used.

Pure: `check_message(text)` reads only the text and the method vocabulary (`spyglass/model/methods.json`);
the documented uses come from an `evidence_lookup` the caller passes (the CLI builds one over the store).
Every feature found is quoted back with its offsets, so a reader can see exactly which words weighed.
The report shows resemblance and evidence and says so: it never judges the sender.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Callable

from spyglass.model.methods import FEATURES, METHODS, Feature, Method

DISCLAIMER = (
    "This report shows resemblance and evidence, not a verdict. It lists the documented approach methods "
    "this message resembles, the words in it that make it so, and the reporting where each method was used. "
    "Genuine recruiters, conference organisers and business contacts use many of the same words, and a "
    "method's real users can avoid all of them: a resemblance says nothing about who sent the message or "
    "why. If the message worries you, talk to your organisation's security team or your national "
    "security authority's advice line before you reply."
)
NO_LOOKUP_NOTE = "No store was consulted, so the documented uses of each method are not shown."

# method id -> documented uses (dicts with quote, document and source); the CLI builds one over the store.
EvidenceLookup = Callable[[str], list[dict[str, Any]]]


@dataclass(frozen=True)
class FeatureHit:
    """Words of the message that show a feature, with their offsets in the message."""

    feature: str
    label: str
    quote: str
    start: int
    end: int


@dataclass
class MethodMatch:
    """A method the message resembles: its score, the features for it and against it, its documented uses."""

    method: str
    name: str
    kind: str
    definition: str
    score: float
    threshold: float
    features: list[FeatureHit]
    ordinary_signs: list[FeatureHit]  # features with negative weight: typical of ordinary messages
    evidence: list[dict[str, Any]] = field(default_factory=list)
    evidence_total: int = 0

    @property
    def strength(self) -> float:
        """Score over threshold, so methods with different thresholds can be ranked together."""
        return self.score / self.threshold


@dataclass
class ApproachReport:
    """The check's result: the methods the message resembles, best first, and what the report is not."""

    length: int
    matches: list[MethodMatch]
    disclaimer: str
    evidence_note: str
    evidence_consulted: bool  # False when no store was there to say where the methods were used
    features: list[FeatureHit]  # every feature found, whether or not it made a match

    def to_dict(self) -> dict[str, Any]:
        return {
            "disclaimer": self.disclaimer,
            "evidence_note": self.evidence_note,
            "evidence_consulted": self.evidence_consulted,
            "length": self.length,
            "resembles": [{**asdict(m), "strength": round(m.strength, 2)} for m in self.matches],
            "features": [asdict(f) for f in self.features],
        }


def find_features(text: str, features: dict[str, Feature] | None = None) -> dict[str, list[FeatureHit]]:
    """Every feature's hits in `text`; where one feature's patterns overlap, the longest words win."""
    found: dict[str, list[FeatureHit]] = {}
    for feature in (features or FEATURES).values():
        spans = sorted({m.span() for p in feature.patterns for m in p.finditer(text) if m.end() > m.start()},
                       key=lambda s: (s[0], -s[1]))
        kept: list[tuple[int, int]] = []
        for start, end in spans:
            if kept and start < kept[-1][1]:
                if end - start > kept[-1][1] - kept[-1][0]:
                    kept[-1] = (start, end)
                continue
            kept.append((start, end))
        if kept:
            found[feature.id] = [FeatureHit(feature.id, feature.label, text[s:e], s, e) for s, e in kept]
    return found


def check_message(text: str, evidence_lookup: EvidenceLookup | None = None, evidence_note: str | None = None,
                  evidence_limit: int = 5, methods: dict[str, Method] | None = None) -> ApproachReport:
    """Which methods `text` resembles, scored by the vocabulary's message rules, best first."""
    hits = find_features(text)
    matches = []
    for method in (methods or METHODS).values():
        match = _score(method, hits)
        if match is None:
            continue
        if evidence_lookup is not None:
            uses = evidence_lookup(method.id)
            match.evidence, match.evidence_total = uses[:evidence_limit], len(uses)
        matches.append(match)
    matches.sort(key=lambda m: (-m.strength, m.method))
    note = evidence_note or (NO_LOOKUP_NOTE if evidence_lookup is None else "")
    every = sorted((h for group in hits.values() for h in group), key=lambda h: (h.start, h.feature))
    return ApproachReport(len(text), matches, DISCLAIMER, note, evidence_lookup is not None, every)


def _score(method: Method, hits: dict[str, list[FeatureHit]]) -> MethodMatch | None:
    rule = method.message
    if rule is None:
        return None
    present = [f for f in rule.weights if f in hits]
    if not all(any(f in hits for f in group) for group in rule.requires):
        return None
    positive = [f for f in present if rule.weights[f] > 0]
    score = sum(rule.weights[f] for f in present)
    if len(positive) < rule.min_features or score < rule.threshold:
        return None
    return MethodMatch(
        method=method.id, name=method.name, kind=method.kind, definition=method.definition, score=round(score, 2),
        threshold=rule.threshold, features=sorted((h for f in positive for h in hits[f]), key=lambda h: h.start),
        ordinary_signs=[h for f in present if rule.weights[f] < 0 for h in hits[f]],
    )
