"""What every relation rule shares: the claim it writes (with its sentence's hedge), mention pairs
joined by wording, and the person a description stands for."""

from __future__ import annotations

import re

from spyglass.extract.sentence import SentenceContext
from spyglass.extract.entities import Mention
from spyglass.extract.event_words import TRADES
from spyglass.extract.hedges import find_hedge
from spyglass.kb.builtin import load_entries
from spyglass.model import Claim

EXTRACTOR = "spyglass.relations"
VERSION = "0.1"

AGENCIES = ("state_agency", "agency_unit")


def make_claim(ctx: SentenceContext, subject: Mention | str, predicate: str, obj: Mention, confidence: float,
           subject_type: str | None = None) -> Claim:
    name = subject if isinstance(subject, str) else subject.name
    kind = subject_type if isinstance(subject, str) else subject.type
    hedge = sentence_hedge(ctx)
    return Claim(
        subject=name, predicate=predicate, object=obj.name, subject_type=kind, object_type=obj.type,
        doc_id=ctx.doc.doc_id, start=ctx.start, end=ctx.end, extractor=EXTRACTOR, extractor_version=VERSION,
        confidence=confidence, hedge=hedge[0], hedge_cue=hedge[1],
    )


def sentence_hedge(ctx: SentenceContext) -> tuple[str, str | None]:
    """Who says so: "prosecutors said", "allegedly", "according to the indictment" (cached per sentence)."""
    cached = getattr(ctx, "_hedge", None)
    if cached is None:
        found = find_hedge(ctx.text)
        cached = (found.kind, found.cue) if found else ("none", None)
        ctx._hedge = cached  # type: ignore[attr-defined]
    return cached


def between(ctx: SentenceContext, a: Mention, b: Mention) -> str:
    return ctx.doc.text[a.end : b.start]


def pairs(ctx: SentenceContext, left: tuple[str, ...], right: tuple[str, ...], pattern: re.Pattern[str],
           max_gap: int = 160) -> list[tuple[Mention, Mention]]:
    """Mention pairs (a before b) whose gap text matches `pattern`, nearest b first."""
    out = []
    for a in ctx.mentions:
        if a.type not in left:
            continue
        for b in ctx.mentions:
            if b.type in right and b.start > a.end and b.start - a.end <= max_gap and pattern.search(between(ctx, a, b)):
                out.append((a, b))
                break
    return out


DESCRIBED = re.compile(
    r"\b(?:he|she|him|her|his|they|the defendants?|the accused|the suspects?|the pair)\b|\b(?:man|men|woman|women|citizens?|nationals?|engineer|official|"
    r"officer|businessman|businesswoman|consultant|analyst|detective|investigator|employee|clerk|aide|scientist|"
    r"researcher|forwarder|academic|executive|soldier|diplomat|worker|contractor|student|accountant|manager|marine|"
    + "|".join(TRADES) + r")\b", re.I)


def intelligence_arm(ctx: SentenceContext, at: int, body: Mention) -> Mention:
    """"the intelligence arm of the IRGC" is the IRGC's intelligence organisation, when the
    knowledge base knows one."""
    if not re.search(r"intelligence (?:arm|wing|service|organi[sz]ation) of", ctx.doc.text[at : body.start], re.I):
        return body
    child = next((e for e in load_entries() if e.parent == body.kb_id and "intelligence" in e.name.lower()), None)
    if child is None:
        return body
    return Mention(body.doc_id, body.start, body.end, body.text, child.type, child.id, "kb", child.name)


def described_person(ctx: SentenceContext) -> Mention | None:
    """The person a description stands for: the latest named before this sentence."""
    earlier = [m for m in ctx.before(ctx.start) if m.type == "person" and m.source != "metadata"
               and len(m.name.split()) >= 2 and ctx.may_be_party(m)]  # full names: one-word "people" are often places
    if earlier:
        return earlier[-1]
    later = [m for m in ctx.all_mentions if m.type == "person" and m.source != "metadata" and ctx.may_be_party(m)]
    return later[0] if later else None
