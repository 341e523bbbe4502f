"""The weights the approach check decides with, fitted on messages written independently of it.

A message of SHORT words or more resembles a documented approach when the logistic of a bias, plus the
weight of every sign it shows (`spyglass/check/signs.json`), plus the weight of every content word it
uses, reaches one half; or when it shows a strong sign that stands alone (a request to hand over
protected material); or when its red flags add up under the sign book's own weights and the resemblance
is at least CORROBORATED. A shorter message (a text of a few lines) holds too few words for their weights
to say much: the sign book's own weights decide (`approach._resembles`).
The weights are fitted by L2-regularised logistic regression on the frozen corpora of messages that
writers who never saw the code wrote (`tests/check/independent_messages*.json`, labelled "resembles" or
"ordinary"); `benchmarks/fit_check_weights.py` refits them, checks them writer by writer (each corpus
held out in turn) and writes `spyglass/check/learned_weights.json`, where every weight can be read. A
word weighs only when at least `min_df` of the training messages use it: rare words say more about one
writer than about approaches.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

from spyglass.errors import ModelError

RESEMBLES = 0.5  # the resemblance a message must reach to be listed
CORROBORATED = 0.4  # enough when the sign book's own weights add up too (`approach.score`)
SHORT = 50  # words (split on white space): a shorter message gives its words' weights too little to go on


@dataclass(frozen=True)
class LearnedWeights:
    bias: float
    signs: dict[str, float]
    words: dict[str, float]
    trained_on: tuple[str, ...]


@dataclass
class Resemblance:
    """A message's resemblance (0 to 1) and what weighed: each sign's and each word's weight."""

    value: float
    signs: dict[str, float]
    words: dict[str, float]
    length: int = 0  # the message's words


@lru_cache(maxsize=1)
def learned_weights() -> LearnedWeights:
    try:
        data = json.loads((resources.files("spyglass.check") / "learned_weights.json").read_text(encoding="utf-8"))
        return LearnedWeights(float(data["bias"]), {k: float(v) for k, v in data["signs"].items()},
                              {k: float(v) for k, v in data["words"].items()}, tuple(data["trained_on"]))
    except (OSError, KeyError, ValueError) as exc:
        raise ModelError(f"spyglass/check/learned_weights.json is unreadable ({exc}): refit it with "
                         "benchmarks/fit_check_weights.py") from exc


def message_words(doc: Any) -> set[str]:
    """The content words of a parsed message: lower-case lemmas of alphabetic words that are no stop words."""
    return {t.lemma_.lower() for t in doc if t.is_alpha and not t.is_stop}


def resemblance(signs: Iterable[str], words: Iterable[str], weights: LearnedWeights | None = None,
                length: int = 0) -> Resemblance:
    weights = weights or learned_weights()
    sign_weights = {s: weights.signs.get(s, 0.0) for s in sorted(set(signs))}
    word_weights = {w: weights.words[w] for w in sorted(set(words)) if w in weights.words}
    logit = weights.bias + sum(sign_weights.values()) + sum(word_weights.values())
    return Resemblance(1 / (1 + math.exp(-logit)), sign_weights, word_weights, length)
