"""Scores the approach check on a labelled message corpus: share flagged, share named right, by half.

Shared by the CI floor test (tests/check/test_independent_corpus.py) and the report script
(benchmarks/approach_eval.py), so the gate and the figures cannot drift apart.

The corpus (tests/check/independent_messages.json) was written by someone who never saw the code; each
message has a `walk` of life, a `label` ("resembles" or "ordinary") and, for resembling ones, free-text
`patterns` in the writer's own words. The writer named no method ids, so "named right" is measured by
reading the writer's words with `EXPECTED_CUES` below: a table written from the vocabulary's method
definitions (not from the check's features) that maps words a describer uses to the methods those words
describe. A resembling message is named right when a method the check lists is among the methods its
patterns describe; messages whose patterns describe no method in the table are counted apart.

Fifth round (issue 18): the table could not read some of the fifth writer's notes, so it learnt general
words of each method's definition, none taken from the check's signs: a lavish dinner or a gift, and
visits in the plural (paid invitation); design files, a bill of materials, blueprints, source code (trade
secrets); licences, forwarders, re-export, transshipment (export evasion); introductions, contacts,
names, bosses and managers (who holds which role), and what is upcoming (elicitation).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "check" / "independent_messages.json"
SECOND = CORPUS.with_name("independent_messages_2.json")
THIRD = CORPUS.with_name("independent_messages_3.json")
# Walks sorted by name, split in two: the features were tuned looking at the first half only.
TUNE_WALKS = ("business", "conference", "family", "former_colleague", "government_exchange")
# The second corpus's walks, split the same way for the second round of work (issue 18): the signs were
# widened looking at these six walks of the second corpus (and all of the first); the other six are held out.
TUNE_WALKS_2 = ("headhunter/recruiter", "conference or workshop invitation", "think tank or consultancy",
                "student or visiting scholar", "business/supplier/investor", "online friendship or romance")

# method id -> words in a describer's free text that name that method. Applied to the `patterns` field.
EXPECTED_CUES: dict[str, str] = {
    "fake_recruiter": r"\b(?:job|recruit\w*|interview|headhunt\w*|part-time work|salary|market)\b",
    "paid_invitation": r"\b(?:expenses?|fully (?:paid|funded)|all-paid|funded|visits?|trip|tour|travel|flights?|"
                       r"business class|conference|closed-door|event|honorarium|exchange|presentation|talk|"
                       r"lavish|gifts?|dinner)\b",
    "paid_escalating_requests": r"\b(?:paid|pays?|payment|fee|reports?|written|notes|pieces|insights|escalat\w*|"
                                r"survey|questionnaire|cash|commission|reward|incentive)\b",
    "student_cultivation": r"\b(?:student|scholar\w*|researcher|grant|talent|appointment|stipend)\b",
    "honey_trap": r"\b(?:romance|romantic|dating|affection|relationship|acquaintance|friend|babe)\b",
    "secure_comms_device": r"\b(?:phone|device|encrypted|secure systems?)\b",
    "diaspora_coercion": r"\b(?:parent|family|relative|pension|residence permit|treatment|leverage|home-country)\b",
    "insider_trade_secrets": r"\b(?:proprietary|test data|design manual|lab notebooks|process|roadmap|patents?|"
                             r"specifications?|shared data|restricted-server|research results|design files?|"
                             r"bill of materials|blueprints?|source code)\b",
    "export_control_evasion": r"\b(?:end[- ]user|export|controlled equipment|licen[cs]\w*|forwarder|re-?export|"
                              r"transship\w*)\b",
    "elicitation": r"\b(?:non-public|unpublished|unreleased|unannounced|unreported|internal|restricted|clearance|"
                   r"vetting|colleagues?|who (?:leads|holds)|names? of|access|committee|readiness|secure network|"
                   r"introductions?|contacts|names|bosses|managers?|upcoming)\b",
}


@dataclass
class Outcome:
    """One message: what the writer said, and what the check listed."""

    id: str
    walk: str
    label: str
    expected: set[str]
    listed: list[str]

    @property
    def flagged(self) -> bool:
        return bool(self.listed)

    @property
    def named_right(self) -> bool:
        return bool(self.expected & set(self.listed))


@dataclass
class Figures:
    """Shares over one part of the corpus."""

    part: str
    resembling: int = 0
    ordinary: int = 0
    resembling_flagged: int = 0
    ordinary_flagged: int = 0
    named_right: int = 0
    top_named_right: int = 0
    missed: list[str] = field(default_factory=list)
    false_flags: list[str] = field(default_factory=list)

    def share(self, n: int, d: int) -> float:
        return round(n / d, 3) if d else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "part": self.part, "resembling": self.resembling, "ordinary": self.ordinary,
            "resembling_flagged": self.share(self.resembling_flagged, self.resembling),
            "ordinary_flagged": self.share(self.ordinary_flagged, self.ordinary),
            "named_right_of_resembling": self.share(self.named_right, self.resembling),
            "top_named_right_of_resembling": self.share(self.top_named_right, self.resembling),
            "counts": f"{self.resembling_flagged}/{self.resembling} resembling flagged, "
                      f"{self.ordinary_flagged}/{self.ordinary} ordinary flagged, "
                      f"{self.named_right}/{self.resembling} named right ({self.top_named_right} by the first listed)",
            "missed": self.missed, "false_flags": self.false_flags,
        }


def load_corpus(path: Path = CORPUS) -> list[dict[str, Any]]:
    """The frozen messages."""
    messages: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["messages"]
    return messages


def expected_methods(patterns: Iterable[str]) -> set[str]:
    """The methods a describer's free-text patterns name, read with EXPECTED_CUES."""
    words = " ".join(patterns).lower()
    return {method for method, cue in EXPECTED_CUES.items() if re.search(cue, words)}


def outcomes(messages: list[dict[str, Any]], listed_for: Callable[[str], list[str]]) -> list[Outcome]:
    """Runs `listed_for(text)` (method ids the check lists, best first) on every message."""
    return [Outcome(m["id"], m["walk"], m["label"], expected_methods(m["patterns"]), listed_for(m["text"]))
            for m in messages]


def tune_walks(path: Path) -> tuple[str, ...]:
    """The walks of the corpus at `path` that the signs were tuned looking at."""
    return TUNE_WALKS_2 if path.name == SECOND.name else TUNE_WALKS


def held_back_ids(messages: list[dict[str, Any]]) -> set[str]:
    """Half of each label of the third corpus, kept from message-by-message reading in the third round (issue 18).

    Ids sorted by their SHA-256 within each label, every second one held back: a split fixed before any
    text was read, balanced between resembling and ordinary messages, and blind to walks and wording.
    """
    back: set[str] = set()
    for label in ("resembles", "ordinary"):
        ids = sorted((m["id"] for m in messages if m["label"] == label),
                     key=lambda i: hashlib.sha256(i.encode()).hexdigest())
        back |= set(ids[1::2])
    return back


def figures(results: list[Outcome], tune: tuple[str, ...] = TUNE_WALKS,
            held_back: set[str] | None = None) -> list[Figures]:
    """Figures for the whole corpus, the tuning half and the held-out half (by walks, or by `held_back` ids)."""
    parts: dict[str, Callable[[Outcome], bool]]
    if held_back is not None:
        parts = {"all": lambda o: True, "tune (the ids not held back)": lambda o: o.id not in held_back,
                 "held out (held_back_ids)": lambda o: o.id in held_back}
    else:
        parts = {"all": lambda o: True, "tune (walks " + ", ".join(tune) + ")": lambda o: o.walk in tune,
                 "held out (the other walks)": lambda o: o.walk not in tune}
    out = []
    for name, keep in parts.items():
        f = Figures(name)
        for o in filter(keep, results):
            if o.label == "resembles":
                f.resembling += 1
                f.resembling_flagged += o.flagged
                f.named_right += o.named_right
                f.top_named_right += bool(o.listed) and o.listed[0] in o.expected
                if not o.flagged:
                    f.missed.append(o.id)
            else:
                f.ordinary += 1
                f.ordinary_flagged += o.flagged
                if o.flagged:
                    f.false_flags.append(f"{o.id}: {', '.join(o.listed)}")
        out.append(f)
    return out
