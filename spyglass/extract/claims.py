"""Claims of one document: relations and legal events, from its parsed sentences."""

from __future__ import annotations

import datetime as dt
from typing import Any

from spyglass.extract.dates import DateMention, find_date_phrases
from spyglass.extract.entities import Mention
from spyglass.model import Claim, Document


def claims_for(doc: Document, segments: list[tuple[int, Any]], mentions: list[Mention]) -> list[Claim]:
    """Every claim the rules find in the document, deduplicated by content id."""
    from spyglass.extract.events import event_claims
    from spyglass.extract.methods import method_claims
    from spyglass.extract.relations import relation_claims
    from spyglass.extract.roles import document_roles, role_claims

    named = role_claims(doc.doc_id, doc.text, mentions, segments)
    found: dict[str, Claim] = {c.claim_id: c for c in named}
    roles = document_roles(named, mentions, segments)
    dates = _date_mentions(doc, segments)
    for offset, parsed in segments:
        for sentence in parsed.sents:
            span = (offset + sentence.start_char, offset + sentence.end_char)
            inside = [m for m in mentions if span[0] <= m.start and m.end <= span[1]]
            context = SentenceContext(doc, offset, sentence, inside, mentions, roles)
            context.dates = [d for d in dates if span[0] <= d.start and d.end <= span[1]]
            for claim in relation_claims(context) + event_claims(context) + method_claims(context):
                found.setdefault(claim.claim_id, claim)
    return list(found.values())


def _date_mentions(doc: Document, segments: list[tuple[int, Any]]) -> list[DateMention]:
    """Date phrases of the whole body, resolved in order so that "the same day" has its anchor."""
    published = dt.date.fromisoformat(doc.published) if doc.published else None
    out: list[DateMention] = []
    previous = None
    for offset, parsed in segments:
        for found in find_date_phrases(parsed.text, published, previous=previous):
            out.append(DateMention(offset + found.start, offset + found.end, found.phrase, found.date))
            previous = found.date or previous
    return out


class SentenceContext:
    """What the claim rules see: one parsed sentence, its mentions, and the whole document."""

    def __init__(self, doc: Document, offset: int, sentence: Any, mentions: list[Mention], all_mentions: list[Mention],
                 roles: dict[str, set[str]] | None = None):
        self.doc = doc
        self.roles = roles or {}  # person -> roles that are not a party's (extract.roles)
        self.offset = offset
        self.sentence = sentence
        self.mentions = mentions
        self.all_mentions = all_mentions
        self.dates: list[DateMention] = []
        self.phrase_triggers: set[int] = set()  # token indices of multi-word event phrases

    @property
    def start(self) -> int:
        return self.offset + self.sentence.start_char

    @property
    def end(self) -> int:
        return self.offset + self.sentence.end_char

    @property
    def text(self) -> str:
        return self.doc.text[self.start : self.end]

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
        return mention.type != "person" or not self.roles.get(mention.name)

    def before(self, at: int) -> list[Mention]:
        """Mentions of the document before a character offset, nearest last."""
        return [m for m in self.all_mentions if m.end <= at]
