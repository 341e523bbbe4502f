"""The model's rule lemmatizer, asked once for each spelling, part of speech and morphology.

spaCy's rule lemmatizer works out every token's lemma in Python, and keeps what it found only for
words it changes: "ministry" as a singular noun is worked out again at each of its hundred
mentions. The lemma depends on nothing but the token's spelling, part of speech and morphology (and
the lemmatizer's tables), so `MemoLemmatizer` keeps each answer and writes a document's lemmas in
one array. Tokens whose lemma is set already (the attribute ruler's) are left as they are, as the
lemmatizer leaves them.
"""

from __future__ import annotations

from typing import Any, cast

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.tokens import Doc


class MemoLemmatizer(EnglishLemmatizer):
    """`EnglishLemmatizer` in rule mode, remembering each (spelling, part of speech, morphology)."""

    memo: dict[tuple[int, int, int], int]

    def __call__(self, doc: Doc) -> Doc:
        if self.overwrite or self.mode != "rule" or not len(doc):
            return super().__call__(doc)
        if not self._validated:
            self._validate_tables()
        strings = self.vocab.strings
        keys = doc.to_array([ORTH, POS, MORPH]).tolist()
        lemmas: Any = doc.to_array(LEMMA)
        for i in (lemmas == 0).nonzero()[0].tolist():
            key = tuple(keys[i])
            lemma = self.memo.get(key)  # type: ignore[arg-type]
            if lemma is None:
                lemma = self.memo[key] = strings.add(self.lemmatize(doc[i])[0])  # type: ignore[index]
            lemmas[i] = lemma
        doc.from_array([LEMMA], lemmas.reshape((len(doc), 1)))
        return doc


def speed_up(lemmatizer: Any) -> None:
    """Make the model's English rule lemmatizer a `MemoLemmatizer` (the same tables and settings)."""
    if type(lemmatizer) is EnglishLemmatizer:
        lemmatizer.__class__ = MemoLemmatizer
        cast(MemoLemmatizer, lemmatizer).memo = {}
