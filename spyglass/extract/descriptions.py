"""Descriptions: what a report calls a person in apposition ("Ann Berg, an IT worker", "the two
officers, Ann Berg and Tom Ure", "two intelligence officers ... The men, identified as Ann Berg
and Tom Ure, ...").

Each is a `described_as` claim whose value is the description's noun with the words before it
("IT worker", "Russian intelligence officer"; plural nouns by their lemma). Case assembly compares
them across reports (a report calling a defendant an officer where another calls the defendant
something else beside a co-defendant it does call an officer).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from spyglass.extract.entities import Mention
from spyglass.extract.relation_base import make_claim
from spyglass.extract.sentence import SentenceContext
from spyglass.model import Claim

# words before a noun that belong to its description ("IT worker", "Russian intelligence officer")
_MODIFIERS = ("compound", "amod", "nmod")
# a definite group that a later apposition names ("the men, identified as ...")
_GROUP_NOUNS = {"man", "woman", "people", "pair", "duo", "individual", "suspect", "defendant", "two", "three", "four"}


def described_as(ctx: SentenceContext) -> list[Claim]:
    out = []
    for person in (m for m in ctx.mentions if m.type == "person"):
        head = _root(ctx, person)
        if head is None:
            continue
        for child in head.children:  # "Ann Berg, an IT worker"
            if child.dep_ == "appos" and child.pos_ == "NOUN" and child.i > head.i:
                out.append(_claim(ctx, person, child))
        first = head
        while first.dep_ == "conj" and first.head.i < first.i:
            first = first.head
        group = first.head
        if first.dep_ == "appos" and group.pos_ == "NOUN" and group.tag_ == "NNS" and group.i < first.i:
            if group.lemma_.lower() in _GROUP_NOUNS:  # "the two men, Ann Berg and Tom Ure": no description
                continue
            out.append(_claim(ctx, person, group))  # "the two officers, Ann Berg and Tom Ure"
        elif first.dep_ == "pobj" and first.head.lower_ == "as" and first.head.head.lemma_.lower() == "identify":
            noun = first.head.head.head  # "the men — identified as Ann Berg and Tom Ure"
            if noun.lemma_.lower() in _GROUP_NOUNS and noun.tag_ == "NNS":
                earlier = _counted_before(ctx, 1 + sum(1 for _ in first.conjuncts))
                if earlier is not None:
                    out.append(_claim(ctx, person, earlier))
    return out


def _root(ctx: SentenceContext, mention: Mention) -> Any:
    tokens = [t for t in ctx.sentence if mention.start <= ctx.offset + t.idx < mention.end]
    heads = [t for t in tokens if not (mention.start <= ctx.offset + t.head.idx < mention.end) or t.head.i == t.i]
    return heads[0] if len(heads) == 1 else None


def _counted_before(ctx: SentenceContext, count: int) -> Any:
    """"Authorities accused two Russian intelligence officers of ...": the plural noun counted as
    many as the names, in the sentence before this one."""
    doc = ctx.sentence.doc
    before = [s for s in doc.sents if s.end <= ctx.sentence.start]
    if not before:
        return None
    words = {2: "two", 3: "three", 4: "four", 5: "five"}
    found = [t for t in before[-1] if t.tag_ == "NNS" and t.lemma_.lower() not in _GROUP_NOUNS and any(
        c.dep_ == "nummod" and c.lower_ in (words.get(count, ""), str(count)) for c in t.children)]
    return found[0] if len(found) == 1 else None


def _claim(ctx: SentenceContext, person: Mention, noun: Any) -> Claim:
    words = [t for t in noun.lefts if t.dep_ in _MODIFIERS and t.i == noun.i - sum(
        1 for u in noun.lefts if u.dep_ in _MODIFIERS and u.i > t.i) - 1]
    # the modifiers right before the noun, in order, then the noun in its singular form
    text = " ".join([t.text for t in words] + [noun.lemma_ if noun.tag_ == "NNS" else noun.text])
    return replace(make_claim(ctx, person, "described_as", person, 0.7), object=None, object_type=None, value=text)
