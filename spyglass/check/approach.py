"""The approach check: which documented methods a received message resembles, why, and where they were used.

Pure: `check_message(text)` reads only the text, the signs (`spyglass/check/signs.json`, matched on lemmas
and sentence structure by `spyglass/check/signs.py`) and the learned weights (`spyglass/check/learned.py`);
the documented uses come from an `evidence_lookup` the caller passes (the CLI builds one over the store).
How it decides, all shown to the reader: each sign found and each content word has a weight, fitted on
messages written independently of the check (red flags positive, signs of an ordinary message negative);
the message resembles an approach when its resemblance (the logistic of the weights' sum) reaches one
half, and the approaches named are those whose setting signs are present (an invitation with everything
paid, a relative's welfare, a supplied phone). Every sign is quoted back with its offsets and weight, and
the words that weighed most are listed, so a reader can see exactly what made it so. The report shows
resemblance and evidence and says so: it never judges the sender.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Callable

from spyglass.check.learned import CORROBORATED, RESEMBLES, SHORT, Resemblance, message_words, resemblance
from spyglass.check.signs import Approach, SignBook, SignHit, find_signs, parser, sign_book
from spyglass.model.methods import METHODS

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


FeatureHit = SignHit  # words of the message that show a sign, with their offsets


@dataclass
class MethodMatch:
    """A method the message resembles: its score, the features for it and against it, its documented uses."""

    method: str
    name: str
    kind: str
    definition: str
    score: float  # the message's resemblance, 0 to 1
    threshold: float  # the resemblance a message must reach
    features: list[FeatureHit]
    ordinary_signs: list[FeatureHit]  # features with negative weight: typical of ordinary messages
    named_by: list[str] = field(default_factory=list)  # the signs that point to this method rather than another
    weights: dict[str, float] = field(default_factory=dict)  # every sign present and its weight
    words: dict[str, float] = field(default_factory=dict)  # the content words that weighed most, with their weights
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


def find_features(text: str) -> dict[str, list[FeatureHit]]:
    """Every sign's hits in `text` (see spyglass/check/signs.json)."""
    return find_signs(text)


def check_message(text: str, evidence_lookup: EvidenceLookup | None = None, evidence_note: str | None = None,
                  evidence_limit: int = 5, book: SignBook | None = None) -> ApproachReport:
    """Which methods `text` resembles, best first, with the signs that weighed."""
    book = book or sign_book()
    doc = parser()(text)
    hits = find_signs(text, book, doc)
    matches = score(hits, book, resemblance(hits, message_words(doc), length=len(text.split())))
    for match in matches:
        if evidence_lookup is not None:
            uses = evidence_lookup(match.method)
            match.evidence, match.evidence_total = uses[:evidence_limit], len(uses)
    note = evidence_note or (NO_LOOKUP_NOTE if evidence_lookup is None else "")
    every = sorted((h for group in hits.values() for h in group), key=lambda h: (h.start, h.feature))
    return ApproachReport(len(text), matches, DISCLAIMER, note, evidence_lookup is not None, every)


def score(hits: dict[str, list[FeatureHit]], book: SignBook, weighed: Resemblance) -> list[MethodMatch]:
    """The approaches the signs found point to, best first; none when the resemblance stays under one half."""
    weights = weighed.signs
    red = [s for s in hits if book.signs[s].red_flag and weights.get(s, 0.0) > 0]
    if not _resembles(hits, book, weighed, red):
        return []
    named = [a for a in book.approaches if _names(a, hits)]
    if not named:
        named = [a for a in book.approaches if a.fallback]
    order = {a.id: k for k, a in enumerate(book.approaches)}
    # A method with a setting (an invitation, a relative, a phone) comes before a general pattern.
    named.sort(key=lambda a: (a.method is None, -sum(weights.get(s, 0.0) for s in a.named_by if s in hits), order[a.id]))
    ordinary = [h for s in hits if weights.get(s, 0.0) < 0 for h in hits[s]]
    words = dict(sorted(weighed.words.items(), key=lambda kv: -abs(kv[1]))[:12])
    out = []
    for approach in named:
        by = [s for s in approach.named_by if s in hits]
        shown = by + [s for s in red if s not in by]
        method = METHODS.get(approach.method or "")
        out.append(MethodMatch(
            method=approach.method or approach.id,
            name=method.name if method else approach.name,
            kind=method.kind if method else "tradecraft",
            definition=method.definition if method else approach.definition,
            score=round(weighed.value, 3), threshold=RESEMBLES,
            features=[h for s in shown for h in hits[s]], ordinary_signs=ordinary,
            named_by=by, weights=weights, words=words))
    return out


def _resembles(hits: dict[str, list[FeatureHit]], book: SignBook, weighed: Resemblance, red: list[str]) -> bool:
    """A message too short for its words to say much (under SHORT words) resembles an approach when its
    red flags add up under the sign book's own weights (signs.json: at least `threshold`, with at least
    `min_signs` red flags or one strong sign). A longer one when its learned resemblance reaches
    RESEMBLES; or it shows a strong sign that stands alone (a request to hand over protected material);
    or its red flags add up and the learned weights lean that way too (CORROBORATED)."""
    if weighed.length < SHORT:
        return _red_flags_add_up(hits, book)
    return (weighed.value >= RESEMBLES or any(book.signs[s].alone for s in red)
            or (weighed.value >= CORROBORATED and _red_flags_add_up(hits, book)))


def _red_flags_add_up(hits: dict[str, list[FeatureHit]], book: SignBook) -> bool:
    """The book's own rule: its weights reach its threshold with at least `min_signs` red flags (a strong
    sign standing for them), a sign it subsumes counting once."""
    subsumed = {w for s in hits for w in book.signs[s].subsumes}
    total = sum(0.0 if s in subsumed else book.signs[s].weight for s in hits)
    red = [s for s in hits if book.signs[s].red_flag and book.signs[s].weight > 0]
    return total >= book.threshold and (len(red) >= book.min_signs or any(book.signs[s].alone for s in red))


def _names(approach: Approach, hits: dict[str, list[FeatureHit]]) -> bool:
    if approach.fallback or not any(s in hits for s in approach.named_by):
        return False
    return not approach.needs or any(s in hits for s in approach.needs)
