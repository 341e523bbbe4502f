"""The entity ruler's matching, with its one-token exact-spelling patterns looked up instead of run.

spaCy's token Matcher tries every pattern at every token, and most of the ruler's token patterns
are knowledge-base acronyms of one token (`[{"ORTH": "MSS"}]`), about nine in ten of its matching
time. A PhraseMatcher on ORTH finds the same (key, start, end) triples by a table lookup; the
ruler's phrase patterns cannot take them, since its PhraseMatcher compares lower case ("MAD" is
not "mad"). The other token patterns stay in a Matcher of their own.

The ruler sorts its matches longest first, then leftmost, out of a set: matches of two keys over
the same tokens ("Jiangsu State Security Bureau" as a rule's bureau and as the knowledge base's
entry; an acronym two entries share) would come out in the set's order, which is no reason. Here
one key is kept for those tokens: a knowledge-base entry's (its id starts "kb:") before a rule's,
then the first in alphabetical order. Every other match is the ruler's own, in its order.
"""

from __future__ import annotations

import warnings
from typing import Any

from spacy.matcher import Matcher, PhraseMatcher
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc

Match = tuple[int, int, int]


def _is_one_spelling(pattern: Any) -> bool:
    return (isinstance(pattern, list) and len(pattern) == 1 and isinstance(pattern[0], dict)
            and set(pattern[0]) == {"ORTH"} and isinstance(pattern[0]["ORTH"], str))


class FastRulerMatch:
    """`EntityRuler.match` for `ruler`, with its matches and one key where two match the same
    tokens: call it with a Doc."""

    def __init__(self, ruler: EntityRuler) -> None:
        self.ruler = ruler
        vocab = ruler.nlp.vocab
        self.others = Matcher(vocab, validate=ruler._validate, fuzzy_compare=ruler.matcher_fuzzy_compare)
        self.spellings = PhraseMatcher(vocab, attr="ORTH")
        for label, patterns in ruler.token_patterns.items():
            for pattern in patterns:
                if _is_one_spelling(pattern):  # a one-token Doc of exactly that spelling, never re-tokenised
                    self.spellings.add(label, [Doc(vocab, words=[pattern[0]["ORTH"]], spaces=[False])])
                else:
                    self.others.add(label, [pattern])

    def __call__(self, doc: Doc) -> list[Match]:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="\\[W036")  # a matcher without patterns, as the ruler does
            matches: list[Match] = (list(self.others(doc)) + list(self.spellings(doc))  # type: ignore[arg-type]
                                    + list(self.ruler.phrase_matcher(doc)))  # type: ignore[arg-type]
        kept: dict[tuple[int, int], int] = {}
        strings = self.ruler.nlp.vocab.strings
        for key, start, end in matches:
            if start != end and ((start, end) not in kept or _rank(strings[key]) < _rank(strings[kept[start, end]])):
                kept[start, end] = key
        return sorted(((key, start, end) for (start, end), key in kept.items()),
                      key=lambda m: (m[2] - m[1], -m[1]), reverse=True)


def _rank(key: str) -> tuple[bool, str]:
    """Which of two keys over the same tokens is kept: a knowledge-base entry's, then the first alphabetically."""
    return "||kb:" not in key, key


def speed_up(ruler: EntityRuler) -> None:
    """Make `ruler` match through `FastRulerMatch` (call after its last `add_patterns`)."""
    ruler.match = FastRulerMatch(ruler)  # type: ignore[method-assign]
