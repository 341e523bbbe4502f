"""Who a pronoun or a description in an event sentence stands for ("he was released", "the engineer
was charged"): a person of the sentence who is not its doer nor an owner, the subject of the sentence
before, the one named later by the same noun in apposition, else the report's most-named person;
never someone the report names in a role (`extract.roles`), never a man called "Mr" for "she"."""

from __future__ import annotations

import re
from typing import Any

from spyglass.extract.sentence import SentenceContext
from spyglass.extract.entities import Mention, parsed_text
from spyglass.extract.event_words import SPEECH, TRIGGERS


def protagonist(ctx: SentenceContext) -> tuple[str, str, float] | None:
    """The person the document names most: whom "the sentence handed down on Friday" is about."""
    counts: dict[str, int] = {}
    for m in ctx.all_mentions:
        if candidate(ctx, m):
            counts[m.name] = counts.get(m.name, 0) + 1
    return (max(counts, key=lambda n: counts[n]), "person", 0.5) if counts else None


def salient(ctx: SentenceContext, trigger: Any = None) -> tuple[str, str, float] | None:
    """The person a pronoun or description stands for: a person of this sentence who is not
    its doer ("Judge Lee sentenced him") nor an owner ("Lee's aide"), else the latest named
    before it, else the document's most-named person. Never someone the report names as a
    lawyer, judge, official or reporter (`extract.roles`)."""
    # One-word "people" are often places the model mistyped ("Rotterdam"): full names only.
    here = [m for m in ctx.mentions if candidate(ctx, m) and not doer(ctx, m)]
    if here:
        # named in the subject's stretch of the sentence ("53-year-old Ann L. from Kent was
        # arrested", which the parser may leave unattached): near-certain; elsewhere, a guess
        before_trigger = trigger is not None and here[0].end <= ctx.offset + trigger.idx
        return here[0].name, "person", 0.6 if before_trigger else 0.5
    before = [m for m in ctx.before(ctx.start) if candidate(ctx, m) and agrees(ctx, m)]
    if before:
        return before[-1].name, "person", 0.55 if centered(ctx, before[-1]) else 0.5
    counts: dict[str, int] = {}
    for m in ctx.all_mentions:
        if candidate(ctx, m):
            counts[m.name] = counts.get(m.name, 0) + 1
    if counts:
        return max(counts, key=lambda n: counts[n]), "person", 0.5
    return None


def named_later(ctx: SentenceContext, noun: str) -> tuple[str, str, float] | None:
    """"An aide was charged ... The aide, Ann Berg, ...": a description named further on by the
    same noun in apposition."""
    pattern = re.compile(rf"\b[Tt]he {re.escape(noun)},?\s+$")
    for m in ctx.all_mentions:
        if m.start >= ctx.end and candidate(ctx, m) and pattern.search(ctx.doc.text[max(0, m.start - 40) : m.start]):
            return m.name, m.type, 0.55
    return None


KIN_NOUNS = {"brother", "sister", "son", "daughter"}


def kin_named(ctx: SentenceContext, kin: str) -> str | None:
    """The one person the report names as someone's `kin` ("his brother Tomas", "her son, Ivo,")."""
    names = {m.name for m in ctx.all_mentions if m.type == "person" and m.name and len(m.name.split()) >= 2
             and re.search(rf"\b(?:his|her)\s+(?:\w+\s+)?{kin}\s*,?\s+$", ctx.doc.text[max(0, m.start - 40) : m.start], re.I)}
    return names.pop() if len(names) == 1 else None


def co_subjects(ctx: SentenceContext, name: str) -> list[str]:
    """"Ann Berg and Tom Ure were detained": the people listed with a named subject."""
    out = []
    for m in ctx.mentions:
        if m.name != name:
            continue
        tokens = [t for t in ctx.sentence if m.start <= ctx.offset + t.idx < m.end]
        for token in ctx.sentence:
            if token.dep_ == "conj" and token.head in tokens:
                other = ctx.mention_at(token)
                if other is not None and other.type == "person" and other.name != name and ctx.may_be_party(other):
                    out.append(other.name)
                elif other is None and token.pos_ == "PROPN":  # a listed name the model missed
                    words = [t.text for t in token.subtree if t.pos_ == "PROPN" and (t.i == token.i or t.dep_ in ("compound", "flat"))]
                    if len(words) >= 2 and not ctx.roles.get(" ".join(words)):
                        out.append(" ".join(words))
    return out + [n for n in _listed_in_apposition(ctx, name) if n not in out]


def _listed_in_apposition(ctx: SentenceContext, name: str) -> list[str]:
    """"Ann Berg, a retired sergeant, Tom Ure, 61, and Li Na, 29, were convicted": with a plural
    verb, names set beside the subject's name (each with its own description) are a list of
    subjects. A name inside a description ("Ann Berg, a lawyer for Tom Ure") is not one of them."""
    if not any(t.dep_ in ("aux", "auxpass") and t.lower_ in ("were", "are", "have") for t in ctx.sentence):
        return []
    heads = [t for m in ctx.mentions if m.name == name for t in ctx.sentence
             if m.start <= ctx.offset + t.idx < m.end and t.head.i != t.i
             and not (m.start <= ctx.offset + t.head.idx < m.end)]
    out = []
    for m in ctx.mentions:
        if m.type != "person" or m.name == name or not ctx.may_be_party(m):
            continue
        tokens = [t for t in ctx.sentence if m.start <= ctx.offset + t.idx < m.end]
        top = next((t for t in tokens if not (m.start <= ctx.offset + t.head.idx < m.end)), None)
        node, steps = top, 0
        while node is not None and node.dep_ in ("appos", "conj") and steps < 6:
            node, steps = node.head, steps + 1
            if any(node.i == h.i for h in heads):
                out.append(m.name)
                break
    return out


def agrees(ctx: SentenceContext, m: Mention) -> bool:
    """"She" is not a person the report calls "Mr", nor "he" one it calls "Mrs" or "Ms"."""
    pronouns = {t.lower_ for t in ctx.sentence if t.pos_ == "PRON"}
    title = re.search(r"\b(Mr|Mrs|Ms|Miss)\.?\s+$", ctx.doc.text[max(0, m.start - 6) : m.start])
    if title is None:
        return True
    male = title.group(1) == "Mr"
    return not ((male and pronouns & {"she", "her"} and not pronouns & {"he", "him", "his"})
                or (not male and pronouns & {"he", "him"} and not pronouns & {"she", "her"}))


def candidate(ctx: SentenceContext, m: Mention) -> bool:
    return m.type == "person" and m.source != "metadata" and len(m.name.split()) >= 2 and ctx.may_be_party(m)


def doer(ctx: SentenceContext, m: Mention) -> bool:
    """The one who acts or speaks, or an owner: "Judge Lee sentenced him", "Lee said he was",
    "Lee's aide". The subject of another verb ("Lee was working at X when he was arrested") is not."""
    for token in ctx.sentence:
        if m.start <= ctx.offset + token.idx < m.end:
            node = token
            while node.dep_ in ("compound", "flat", "appos") and node.head.i != node.i:
                node = node.head
            if node.dep_ == "poss" or node.dep_ == "agent" or (node.dep_ == "pobj" and node.head.lower_ == "by"):
                return True
            if node.dep_ == "nsubj" and (node.head.lemma_.lower() in TRIGGERS or node.head.lemma_.lower() in SPEECH
                                         or node.head.i in ctx.phrase_triggers):
                return True
    return False


def centered(ctx: SentenceContext, m: Mention) -> bool:
    """Whether a person named before this sentence is what a pronoun subject most likely means:
    the subject of the sentence just before ("Ann Lee, 52, ran a shipping firm. She was arrested
    in May"), and not a speaker."""
    doc = ctx.sentence.doc
    local = m.start - ctx.offset
    if local < 0 or local >= len(parsed_text(doc)):
        return False
    span = doc.char_span(local, m.end - ctx.offset, alignment_mode="expand")
    if span is None:
        return False
    previous = doc[ctx.sentence.start - 1].sent if ctx.sentence.start > 0 else None
    if previous is None or not (previous.start <= span.start < previous.end):
        return False
    node = span.root
    while node.dep_ in ("compound", "flat", "appos") and node.head.i != node.i:
        node = node.head
    return node.dep_ in ("nsubj", "nsubjpass") and node.head.lemma_.lower() not in SPEECH
