"""The entity ruler's matching, with its one-token exact-spelling patterns looked up instead of run.

spaCy's token Matcher tries every pattern at every token, and most of the ruler's token patterns
are knowledge-base acronyms of one token (`[{"ORTH": "MSS"}]`), about nine in ten of its matching
time. A PhraseMatcher on ORTH finds the same (key, start, end) triples by a table lookup; the
ruler's phrase patterns cannot take them, since its PhraseMatcher compares lower case ("MAD" is
not "mad"). The other token patterns stay in a Matcher of their own.

The ruler sorts its matches longest first, then leftmost, out of a set: matches of two keys over
the same tokens would come out in the set's order, which depends on the order the matches were
added. Where that happens, the ruler's own token Matcher runs and its matches go into the set
in the ruler's order, so the result is the same.
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
    """`EntityRuler.match` for `ruler`, with the same result: call it with a Doc."""

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
            phrases: list[Match] = list(self.ruler.phrase_matcher(doc))  # type: ignore[arg-type]
            matches: list[Match] = list(self.others(doc)) + list(self.spellings(doc)) + phrases  # type: ignore[arg-type]
            found = {(key, start, end) for key, start, end in matches if start != end}
            if len({(start, end) for _, start, end in found}) < len(found):
                # Two keys over the same tokens: the order the ruler adds them to its set decides.
                matches = list(self.ruler.matcher(doc)) + phrases
                found = set([(key, start, end) for key, start, end in matches if start != end])
        return sorted(found, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)


def speed_up(ruler: EntityRuler) -> None:
    """Make `ruler` match through `FastRulerMatch` (call after its last `add_patterns`)."""
    ruler.match = FastRulerMatch(ruler)  # type: ignore[method-assign]
