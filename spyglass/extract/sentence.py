"""The sentence the claim rules see: its parse, its mentions and dates, and the whole document.

Kept apart from `claims.py`, which runs the rules, so that the rule modules can name it without
importing the module that imports them."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from spyglass.extract.dates import DateMention
from spyglass.extract.entities import lower_lemmas
from spyglass.model import Document, Mention


class SentenceContext:
    """What the claim rules see: one parsed sentence, its mentions, and the whole document."""

    def __init__(self, doc: Document, offset: int, sentence: Any, mentions: list[Mention], all_mentions: list[Mention],
                 roles: dict[str, set[str]] | None = None, owners: dict[str, set[int]] | None = None):
        self.doc = doc
        self.roles = roles or {}  # person -> roles that are not a party's (extract.roles)
        self.owners = owners or {}  # person -> starts of sentences naming a relative of theirs
        self.offset = offset
        self.sentence = sentence
        self.mentions = mentions
        self.all_mentions = all_mentions
        self.dates: list[DateMention] = []
        self.phrase_triggers: set[int] = set()  # token indices of multi-word event phrases

    # Read once: the rules ask for them thousands of times a document.
    @cached_property
    def start(self) -> int:
        return self.offset + self.sentence.start_char

    @cached_property
    def end(self) -> int:
        return self.offset + self.sentence.end_char

    @cached_property
    def text(self) -> str:
        return self.doc.text[self.start : self.end]

    def tokens_with_lemma(self, lemmas: set[str] | frozenset[str]) -> list[Any]:
        """The sentence's tokens whose lemma (in lower case) is one of `lemmas`, in order."""
        low = lower_lemmas(self.sentence.doc)
        doc = self.sentence.doc
        return [doc[i] for i in range(self.sentence.start, self.sentence.end) if low[i] in lemmas]

    def mention_at(self, token: Any) -> Mention | None:
        """The mention covering a token of the sentence, if any."""
        at = self.offset + token.idx
        return next((m for m in self.mentions if m.start <= at < m.end), None)

    def mentions_in_subtree(self, token: Any) -> list[Mention]:
        lo = self.offset + min(t.idx for t in token.subtree)
        hi = self.offset + max(t.idx + len(t.text) for t in token.subtree)
        return [m for m in self.mentions if lo <= m.start and m.end <= hi]

    def may_be_party(self, mention: Mention) -> bool:
        """Whether a pronoun or description may stand for this person: not someone the
        report names as a lawyer, judge, official, reporter..."""
        return mention.type != "person" or not (self.roles.get(mention.name) or self.start in self.owners.get(mention.name, ()))

    def before(self, at: int) -> list[Mention]:
        """Mentions of the document before a character offset, nearest last."""
        return [m for m in self.all_mentions if m.end <= at]
