"""Claims that an actor used a tradecraft or repression method, read from one sentence at a time.

The cues are data (`spyglass/model/methods.json`); this module decides who the actor is, against whom
the method was used, when, and how the claim is hedged. Reporting states methods in two ways, and both
become `used_method` claims:

- case-specific: "he responded to an invite on LinkedIn from someone posing as a headhunter": the
  value is the person the method was used against (the named person, or the one "he" stands for);
- generic: "targets are approached by someone with a seemingly innocuous background": the value is the
  description of the targets when the sentence gives one ("foreign students"), else empty.

The actor is the first the sentence names, in the order the method declares (by default: an agency or
bureau, a threat group, a country tied to spying such as "China's intelligence agencies", a party or
ministry the knowledge base knows, a company); never a platform the approach ran on, a service that
investigates, a speaker quoted as the source, or a victim ("data from the Electoral Commission"). Else
the sponsor, the spying state the document and the paragraph before point at (for a sentence opening
"These ...", that state's agency named just before). A case-specific claim whose reporting names no
sponsor keeps the actor `unattributed`; a generic one is dropped. Every claim's span is its sentence.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from functools import lru_cache

from spyglass.extract.sentence import SentenceContext
from spyglass.extract.word_start import joined, literal_prefixes
from spyglass.extract.entities import Mention
from spyglass.extract.hedges import Hedge, find_hedge
from spyglass.kb.builtin import load_entries
from spyglass.model import Claim
from spyglass.model.methods import METHODS, METHODS_VERSION, VOCABULARY, Method
from spyglass.model.vocabulary import PREDICATES

EXTRACTOR = "spyglass.methods"
VERSION = f"0.1/{METHODS_VERSION}"  # a new vocabulary re-reads documents: claim ids include it
PREDICATE = "used_method"
# The subject of a case-specific claim whose reporting does not say who used the method ("a foreign
# intelligence service; they have not said which one"): the use is documented, the actor is not.
UNATTRIBUTED = "unattributed"

AGENCIES = ("state_agency", "agency_unit")
# "not", "never" or "no evidence of" just before a cue, inside its clause, deny the method's use.
_NEGATED = re.compile(r"\b(?:not|never|no\s+longer|no\s+evidence\s+(?:of|that)|nor)\b[^,;:.]{0,40}$", re.IGNORECASE)
# "the former CIA officer", "data from the Electoral Commission", "anti-CCP activists": not the actor.
_NOT_ACTOR = re.compile(r"(?:\b(?:former|formerly|ex-|retired)\s*|\b(?:from|against|into|targeted|targeting|targets|hacked|"
                        r"breached|on|in|at)\s+(?:the\s+)?|\banti-)$", re.IGNORECASE)
# A sentence that opens on these speaks of something named before: "These will be supplemented by ...".
_ANAPHOR = re.compile(r"^\W*(?:These|They|Those|Its|Their|Such|This\s+(?:service|agency|ministry|bureau))\b")
# A country tied to spying by the words after it: "China's intelligence agencies", "Chinese state security".
_TIED = re.compile(r"^(?:['’]s?\s+(?:[\w-]+\s+){0,2}|\s+)(?:intelligence|spy|spies|spying|state\s+security|security\s+"
                   r"services?|secret\s+services?|agents?|hackers|espionage|handlers?|military\s+intelligence)\b", re.IGNORECASE)
# "ASIO has repeatedly warned that ...": a speaker the hedge cues do not know is still not the actor.
_SPEAKS = re.compile(r"^\s+(?:(?:officials?|authorities|prosecutors|police|investigators|ministers?|government)\s+)?"
                     r"(?:has\s+|have\s+|had\s+)?(?:\w+ly\s+|also\s+|long\s+)?(?:warn(?:s|ed)?|sa(?:id|ys)|allege[sd]?|"
                     r"claim(?:s|ed)|report(?:s|ed)|state[sd]|note[sd]|caution(?:s|ed)|believe[sd]?|assess(?:es|ed)|"
                     r"publish(?:es|ed)|advis(?:es|ed))\b", re.IGNORECASE)
# A role before or after a name marks someone speaking about the case, not its target.
# Only roles of people who speak about a case: "the former CIA officer Kevin Mallory" was its target.
_ROLE_BEFORE = re.compile(r"\b(?:prosecutors?|judge|justice|magistrate|lawyer|attorney|counsel|spokes\w+|minister)\s*$",
                          re.IGNORECASE)
_ROLE_AFTER = re.compile(r"^,\s+(?:an?|the|his|her)\s+(?:[\w-]+\s+){0,3}(?:prosecutor|judge|lawyer|attorney|counsel|"
                         r"spokes\w+|minister)\b", re.IGNORECASE)
SPONSOR_WINDOW = 600  # about a paragraph: how far back a sign of the spying state still speaks for a sentence
# "spying for", "on behalf of the intelligence arm of": the words before the state someone served.
_SERVED = re.compile(r"\b(?:on\s+behalf\s+of|(?:spying|spied|spy|spies|working|worked|acting|acted)\s+for|agents?\s+(?:of|for)|"
                     r"assisting|recruited\s+by|(?:passing|passed|sharing|shared|selling|sold|supplying|supplied|leaking|leaked)"
                     r"\s+(?:[\w-]+\s+){0,5}(?:to|with))\s+(?:the\s+)?(?:[\w-]+\s+){0,4}$", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(?:he|she|him|her|his)\b", re.IGNORECASE)
LOOKBACK = 600  # characters before a sentence where an agency or a person "he" stands for is still in view


def method_claims(ctx: SentenceContext) -> list[Claim]:
    """One `used_method` claim per method whose cues match the sentence and whose actor is known."""
    if PREDICATE not in PREDICATES:  # the model has not declared the predicate yet: nothing to say
        return []
    if not any(p.search(ctx.text) for p in any_cue()) or any(p.search(ctx.text) for p in VOCABULARY.skip_sentences):
        return []
    claims = []
    lowered = ctx.text.lower()
    for method in METHODS.values():
        cue = _best_cue(method, ctx.text, lowered)
        if cue is None:
            continue
        match, confidence = cue
        hedge = find_hedge(ctx.text, match.span())
        actor = _actor(ctx, method, hedge)
        target, named = _target(ctx, method, hedge, actor[0] if actor else None)
        if actor is None and not named:
            continue  # a generic statement about nobody in particular, by nobody in particular
        name, kind = actor or (UNATTRIBUTED, None)
        date = next((d for d in ctx.dates if d.date is not None), None)
        claims.append(Claim(
            subject=name, predicate=PREDICATE, object=method.id, value=target,
            subject_type=kind, doc_id=ctx.doc.doc_id, start=ctx.start, end=ctx.end, extractor=EXTRACTOR,
            extractor_version=VERSION, date=date.date if date else None, date_phrase=date.phrase if date else None,
            hedge=hedge.kind if hedge else "none", hedge_cue=hedge.cue if hedge else None, confidence=confidence,
        ))
    return claims


@lru_cache(maxsize=1)
def any_cue() -> tuple[re.Pattern[str], ...]:
    """Every method's every cue in a few joined patterns: most sentences match none, and one search
    tells. (Cues are written without group references, so they join safely.)"""
    return joined([cue.pattern for method in METHODS.values() for cue in method.cues])


def _best_cue(method: Method, sentence: str, lowered: str) -> tuple[re.Match[str], float] | None:
    """The most trusted cue match that is not negated ("did not use honey-traps"). A cue whose
    matches all begin with words the sentence (`lowered`) does not hold is not searched."""
    found = []
    for cue in method.cues:
        opening = literal_prefixes(cue.pattern)
        if opening is not None and not any(word in lowered for word in opening):
            continue
        for match in cue.pattern.finditer(sentence):
            if not _NEGATED.search(sentence[: match.start()]):
                found.append((match, cue.confidence))
    return max(found, key=lambda pair: (pair[1], -pair[0].start())) if found else None


def _actor(ctx: SentenceContext, method: Method, hedge: Hedge | None) -> tuple[str, str | None] | None:
    """The first usable mention of the method's actor types, in their order; at "country" only a
    country tied to the act ("China's intelligence agencies"); then the document's sponsor."""
    speaker = (ctx.start + hedge.start, ctx.start + hedge.end) if hedge else None
    usable = [m for m in ctx.mentions if _may_act(ctx, m, speaker)]
    countries = [m for m in usable if m.type == "country"]
    for kind in method.actor_types:
        found = [m for m in countries if _TIED.match(ctx.doc.text[m.end : m.end + 20])] if kind == "country" \
            else [m for m in usable if m.type == kind]
        if found:
            return found[0].name, kind
    if "country" not in method.actor_types:
        return None
    sponsor = _sponsor(ctx)
    if sponsor is not None:
        agency = _recent_agency(ctx, sponsor) if _ANAPHOR.match(ctx.text) else None
        return (agency.name, agency.type) if agency else (sponsor, "country")
    return None


def _may_act(ctx: SentenceContext, mention: Mention, speaker: tuple[int, int] | None) -> bool:
    """Whether a mention can be the one using a method, rather than its channel, speaker or victim."""
    if mention.source == "metadata" or mention.name in VOCABULARY.channels or mention.text in VOCABULARY.channels:
        return False
    if mention.kb_id in VOCABULARY.investigators:
        return False
    if speaker and speaker[0] <= mention.start and mention.end <= speaker[1]:
        return False  # "the FBI said": the source of the claim, not the one using the method
    if mention.type == "government_body" and mention.kb_id is None:
        return False  # courts, commissions and parliaments are named as venues and victims; a party is in the KB
    if mention.type == "company" and mention.kb_id is None and " " not in mention.text.strip():
        return False  # a lone capitalised word the tagger called a company ("Strategic") is too weak to accuse
    if _SPEAKS.match(ctx.doc.text[mention.end : mention.end + 40]):
        return False
    return not _NOT_ACTOR.search(ctx.doc.text[max(0, mention.start - 20) : mention.start])


def _recent_agency(ctx: SentenceContext, sponsor: str) -> Mention | None:
    """An agency of the sponsor named just before the sentence: "These" officers are its officers."""
    countries = _kb_countries()
    near = [m for m in ctx.before(ctx.start) if m.type in AGENCIES and ctx.start - m.end <= LOOKBACK
            and m.kb_id not in VOCABULARY.investigators and countries.get(m.kb_id or "") == sponsor]
    return near[-1] if near else None


def _sponsor_signal(ctx: SentenceContext, mention: Mention) -> str | None:
    """The country a mention points at as a spying state: an agency's (by KB), a country tied to spying
    ("China's intelligence agencies"), or whoever someone worked for ("on behalf of Iran's ...")."""
    if mention.type in AGENCIES and mention.kb_id not in VOCABULARY.investigators:
        return _kb_countries().get(mention.kb_id or "")
    text = ctx.doc.text
    served = _SERVED.search(text[max(0, mention.start - 60) : mention.start])
    if mention.type == "country" and (served or _TIED.match(text[mention.end : mention.end + 40])):
        return mention.name
    return _kb_countries().get(mention.kb_id or "") if served else None


def _sponsor(ctx: SentenceContext) -> str | None:
    """The spying state a sentence speaks of when it names none: over the whole document a sign of
    spying counts 3 and any other country mention 1, and a sign in the paragraph before the sentence
    adds 5, so that a round-up of several cases gives each section its own state. A heuristic: a
    report on a prosecution can name the prosecuting country more often than the spying one."""
    score: Counter[str] = Counter()
    signalled: set[str] = set()
    for m, signal in _document_signals(ctx):
        if signal:
            signalled.add(signal)
            score[signal] += 3 + (5 if m.end <= ctx.start and ctx.start - m.end <= SPONSOR_WINDOW else 0)
        elif m.type == "country":
            score[m.name] += 1
    # A country only mentioned, never tied to spying, is where the story happens, not who spies.
    ranked = [name for name, _ in score.most_common() if name in signalled]
    return ranked[0] if ranked else None


# Each thread's last document, its mentions (the list itself, so that it is that very list) and
# their signals: a server extracts uploads in several threads at once.
_SIGNALS = threading.local()


def _document_signals(ctx: SentenceContext) -> list[tuple[Mention, str | None]]:
    """The document's mentions that may act, each with the spying state it points at: the same for
    every sentence of a document, so read once."""
    last = getattr(_SIGNALS, "last", None)
    if last is None or last[0] is not ctx.doc or last[1] is not ctx.all_mentions:
        last = (ctx.doc, ctx.all_mentions, [(m, _sponsor_signal(ctx, m)) for m in ctx.all_mentions
                                            if m.source != "metadata" and _may_act(ctx, m, None)])
        _SIGNALS.last = last
    return last[2]


def _people(ctx: SentenceContext, mentions: list[Mention]) -> list[Mention]:
    """People who may be a method's target: not a byline, not a prosecutor, lawyer or officer by role."""
    text = ctx.doc.text
    return [m for m in mentions if m.type == "person" and m.source != "metadata"
            and not _ROLE_BEFORE.search(text[max(0, m.start - 30) : m.start])
            and not _ROLE_AFTER.match(text[m.end : m.end + 60])]


@lru_cache(maxsize=1)
def _kb_countries() -> dict[str, str]:
    return {e.id: e.country for e in load_entries()}


def _target(ctx: SentenceContext, method: Method, hedge: Hedge | None, actor: str | None) -> tuple[str | None, bool]:
    """Against whom, and whether that is a named person: the person named (or the one "he" stands
    for), else a description of the targets."""
    if method.person_is_target:
        speaker = (ctx.start + hedge.start, ctx.start + hedge.end) if hedge else (0, 0)
        people = [m for m in _people(ctx, ctx.mentions) if not (speaker[0] <= m.start and m.end <= speaker[1])]
        if people:
            return people[0].name, True
        if _PRONOUN.search(ctx.text):
            earlier = [m for m in _people(ctx, ctx.before(ctx.start))
                       if len(m.name.split()) >= 2 and ctx.start - m.end <= LOOKBACK]
            if earlier:
                return earlier[-1].name, True
            named = {m.name for m in _people(ctx, ctx.before(ctx.start)) if len(m.name.split()) >= 2}
            if len(named) == 1:  # "he", far below the one person the report names: that person
                return named.pop(), True
    for pattern in (*method.targets, *VOCABULARY.targets):
        for match in pattern.finditer(ctx.text):
            words = match.groupdict().get("target") or match.group(0)
            if words != actor and not _SPEAKS.match(ctx.text[match.end() :]):  # "British officials have warned"
                return " ".join(words.split()), False
    return None, False
