"""Claims of one document: relations and legal events, from its parsed sentences."""

from __future__ import annotations

import datetime as dt
from typing import Any

from spyglass.extract.dates import DateMention, find_date_phrases
from spyglass.extract.entities import Mention, parsed_text, sentences
from spyglass.extract.sentence import SentenceContext
from spyglass.model import Claim, Document


def claims_for(doc: Document, segments: list[tuple[int, Any]], mentions: list[Mention]) -> list[Claim]:
    """Every claim the rules find in the document, deduplicated by content id."""
    from spyglass.extract.events import event_claims
    from spyglass.extract.methods import method_claims
    from spyglass.extract.relations import relation_claims
    from spyglass.extract.roles import document_roles, role_claims, sentence_owners

    named = role_claims(doc.doc_id, doc.text, mentions, segments)
    found: dict[str, Claim] = {c.claim_id: c for c in named}
    roles = document_roles(named, mentions, segments)
    owners = sentence_owners(mentions, segments)
    dates = _date_mentions(doc, segments)
    for offset, parsed in segments:
        for sentence in sentences(parsed):
            span = (offset + sentence.start_char, offset + sentence.end_char)
            inside = [m for m in mentions if span[0] <= m.start and m.end <= span[1]]
            context = SentenceContext(doc, offset, sentence, inside, mentions, roles, owners)
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
        for found in find_date_phrases(parsed_text(parsed), published, previous=previous):
            out.append(DateMention(offset + found.start, offset + found.end, found.phrase, found.date))
            previous = found.date or previous
    return out
