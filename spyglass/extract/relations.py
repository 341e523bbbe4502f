"""Relations between mentions, read from a sentence's wording and structure (not co-occurrence).

Each rule looks at one sentence: an appositive ("X, an officer of Y"), a verb and its
arguments ("Y was hacked by X", "X targets Y"), or a bureau followed by the places it covers.
Every claim's span is its sentence; the subject and object are in-document canonical names.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Callable

from spyglass.extract.sentence import SentenceContext
from spyglass.extract.entities import Mention
from spyglass.extract.events import PERSON_NOUNS
from spyglass.extract.descriptions import described_as
from spyglass.extract.relation_base import (
    AGENCIES, DESCRIBED, EXTRACTOR, VERSION, between, described_person, make_claim, pairs,
)
from spyglass.extract.sponsors import agent_of
from spyglass.kb.builtin import load_entries
from spyglass.model import Claim

__all__ = ["EXTRACTOR", "VERSION", "relation_claims"]
ACTORS = ("state_agency", "agency_unit", "company", "threat_group", "country", "government_body", "organization")
PLACES = ("country", "region")
TARGETS = ("company", "organization", "government_body", "country", "region", "sector", "state_agency", "agency_unit")

_ROLE = r"(?:officer|official|head|director|chief|deputy[\w\s-]*?|employee|member|operative|analyst|spymaster|commander|case officer|staffer)"
_OFFICER_AFTER = re.compile(
    r"^,?\s*(?:(?:aged\s+)?\d{1,3},\s*)?(?:(?:who\s+|and\s+)?(?:is|was|had been|has been|served as|serves as|worked as)\s+)?"
    r"(?:(?:a|an|the)\s+)?(?:former\s+|senior\s+|serving\s+|retired\s+)?"
    r"[\w\s-]{0,40}?\b" + _ROLE + r"\b[\w\s-]{0,30}?\s(?:of|in|at|with|for|from)\s+(?:the\s+)?(?:[A-Z][\w]*['’]s\s+)?$"
)
# a pronoun's own clause between a person and a post: "... that he was a member of": whose post it is
_PRONOUN_SAYS = re.compile(r"\b(?:he|she)\s+(?:is|was|had\s+been|has\s+been|served|serves|worked|works)\b", re.I)
_OFFICER_BEFORE = re.compile(r"^\s*(?:officer|agent|operative|analyst|official|spy)\s+$")
_AGENT_OF = re.compile(r"\b(?:agent|asset|spy|informant)s?\s+(?:of|for)\s+(?:the\s+)?$|\b(?:spying|spied|spy|working|worked|acting|acted)\s+for\s+(?:the\s+)?$|\b(?:assist(?:ing|ed)?|help(?:ing|ed)?)\s+(?:the\s+)?$|\bpass(?:ing|ed)?\s+(?:[\w’'-]+\s+){0,8}?to\s+$")
_HACKED_BY = re.compile(r"\b(?:was|were|had been|has been|have been)\s+(?:hacked|breached|compromised|penetrated|infiltrated)\s+by\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$")
_HACKED = re.compile(r"^\s*(?:,[^,.;]{1,100},\s*)?(?:has\s+|had\s+|have\s+|allegedly\s+)?(?:hacked|breached|compromised|"
                     r"penetrated|broke\s+into|hacked\s+into)\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:of\s+(?:the\s+)?)?$")
_CONTRACTOR = re.compile(r"\b(?:on behalf of|a contractor (?:for|to)|contractors? for|hacking for|worked for|working for|hired by|contracted by|front (?:company )?for)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$")
_PART_OF = re.compile(r"^,?\s*(?:a|an|the)\s+(?:[\w-]+\s+){0,3}(?:arm|branch|bureau|department|division|unit|office|part|subsidiary)\s+of\s+(?:the\s+)?(?:[A-Z][\w]*['’]s\s+)?$")
_FOCUS_VERBS = re.compile(r"\b(target(?:s|ed|ing)?|focus(?:es|ed|ing)?|collects?|cover(?:s|ed|ing)?|watch(?:es|ed)?|monitor(?:s|ed|ing)?|responsible for|handles?|spies on)\b", re.I)
_TARGET_VERBS = {"target", "attack", "spy", "surveil", "infiltrate"}
_TARGET_LIST = re.compile(r"\b(?:other\s+)?(?:targets|victims)\s+(?:included|include|were)\b", re.I)
_DATA_THEFT = re.compile(r"\b(?:stole|stolen|steal|exfiltrat\w*|yield|haul|obtained|took|leak\w*)\b", re.I)
_DATA = re.compile(r"\b(?:data|records|files|documents|database)\b", re.I)


def relation_claims(ctx: SentenceContext) -> list[Claim]:
    claims: list[Claim] = []
    for rule in RULES:
        claims.extend(rule(ctx))
    return claims


_FORMER = re.compile(r"\b(?:former|ex-|retired|onetime|one-time)\b", re.I)
# "approached by an officer of", "met with an officer of", "sold to an officer of": another person's post
_DEALT_WITH = re.compile(r"\b(?:by|to|with|from|met|meeting)\s+(?:an?|the|one|two|several)\s+", re.I)


def officer_of(ctx: SentenceContext) -> list[Claim]:
    """"X, an officer of Y" and "the former CIA officer X". A former post is marked (value
    "former"): an ex-CIA officer spying for China is not sponsored by the CIA."""
    claims = []
    people = [m for m in ctx.mentions if m.type == "person"]
    for p, a in pairs(ctx, ("person",), AGENCIES, _OFFICER_AFTER):
        if _PRONOUN_SAYS.search(between(ctx, p, a)) and p is not people[0]:
            continue  # "X revealed to Y that he was a member of the CIA": he is X, the sentence's subject
        if _DEALT_WITH.search(between(ctx, p, a)):
            continue  # "X was approached by an officer of the MSS": the officer is someone else
        former = _FORMER.search(between(ctx, p, a))
        claims.append(replace(make_claim(ctx, p, "officer_of", a, 0.8), value="former" if former else None))
    for a in ctx.mentions:  # "the former CIA officer Kevin Mallory"
        for p in ctx.mentions:
            if a.type in AGENCIES and p.type == "person" and p.start > a.end and _OFFICER_BEFORE.match(between(ctx, a, p)):
                former = _FORMER.search(ctx.doc.text[max(ctx.start, a.start - 20) : a.start])
                claims.append(replace(make_claim(ctx, p, "officer_of", a, 0.8), value="former" if former else None))
    return claims


def hacked(ctx: SentenceContext) -> list[Claim]:
    """"X was hacked by Y" and "Y hacked X" (the actor a firm, a group or a service; an apposition
    may stand between: "Y, a contractor for the MSS, hacked X")."""
    actors = ("company", "threat_group", "state_agency", "agency_unit")
    return [make_claim(ctx, actor, "hacked", victim, 0.8) for victim, actor in pairs(ctx, TARGETS, actors, _HACKED_BY)] + [
        make_claim(ctx, actor, "hacked", victim, 0.8) for actor, victim in pairs(ctx, actors, TARGETS, _HACKED)]


def contractor_for(ctx: SentenceContext) -> list[Claim]:
    return [make_claim(ctx, company, "contractor_for", sponsor, 0.7) for company, sponsor in
            pairs(ctx, ("company", "threat_group"), ("state_agency", "agency_unit", "country", "government_body"), _CONTRACTOR, 200)]


def part_of(ctx: SentenceContext) -> list[Claim]:
    """Stated in the text ("X, a provincial arm of Y"), or known structure whose parent the
    document also names (the knowledge base says the Zhejiang department belongs to the MSS)."""
    claims = [make_claim(ctx, u, "part_of", p, 0.8) for u, p in pairs(ctx, ("agency_unit",), AGENCIES + ("government_body",), _PART_OF)]
    parents = _kb_parents()
    named = {m.kb_id: m for m in ctx.all_mentions if m.kb_id}
    for unit in ctx.mentions:
        parent_id = parents.get(unit.kb_id or "")
        if unit.type == "agency_unit" and parent_id in named:
            claims.append(make_claim(ctx, unit, "part_of", named[parent_id], 0.6))
    return claims


def focuses_on(ctx: SentenceContext) -> list[Claim]:
    """"The Zhejiang bureau focuses on western Europe ...; the Tianjin bureau collects on Japan":
    the places after each bureau, up to the next bureau, are what it covers."""
    if not _FOCUS_VERBS.search(ctx.text):
        return []
    units = [m for m in ctx.mentions if m.type == "agency_unit"]
    claims = []
    for i, unit in enumerate(units):
        stop = units[i + 1].start if i + 1 < len(units) else ctx.end
        for place in ctx.mentions:
            if place.type in PLACES and unit.end < place.start < stop:
                claims.append(make_claim(ctx, unit, "focuses_on", place, 0.7))
    return claims


def targets(ctx: SentenceContext) -> list[Claim]:
    claims = []
    for token in ctx.tokens_with_lemma(_TARGET_VERBS):
        if token.pos_ != "VERB":
            continue
        subject = _subject_mention(ctx, token)
        if subject is None or subject.type not in ACTORS or subject.type in ("region",):
            continue
        taken = {subject.start}
        for verb in [token, *[c for c in token.children if c.dep_ == "conj"]]:
            for child in verb.children:
                if child.dep_ in ("dobj", "attr", "conj") or (child.dep_ == "prep" and child.lower_ in ("on", "against", "at")):
                    for m in ctx.mentions_in_subtree(child):
                        if subject.type == "agency_unit" and m.type in PLACES:
                            continue  # a bureau's places are what it covers: focuses_on says so
                        if m.type in TARGETS and m.start not in taken and m.name != subject.name:
                            taken.add(m.start)
                            claims.append(make_claim(ctx, subject, "targets", m, 0.6))
    if _TARGET_LIST.search(ctx.text):  # "Other targets included A, B and C": the actor named just before
        actor = next((m for m in reversed(ctx.before(ctx.start)) if m.type in ("company", "threat_group")), None)
        after = ctx.start + _TARGET_LIST.search(ctx.text).end()  # type: ignore[union-attr]
        for m in ctx.mentions:
            if actor and m.start >= after and m.type in TARGETS:
                claims.append(make_claim(ctx, actor, "targets", m, 0.5))
    return claims


_SPIED_AGAINST = re.compile(r"\b(?:espionage|spying|spied|spy)\s+(?:activities\s+|operations\s+)?against\s+(?:the\s+)?$", re.I)


def spied_against(ctx: SentenceContext) -> list[Claim]:
    """"convicted of espionage against Lithuania": the state spied on is a target (value "spied
    against"), never the sponsor; said of the person named last before the words."""
    claims = []
    for place in (m for m in ctx.mentions if m.type == "country"):
        if not _SPIED_AGAINST.search(ctx.doc.text[max(ctx.start, place.start - 60) : place.start]):
            continue
        people = [m for m in ctx.mentions if m.type == "person" and m.end <= place.start]
        if people:
            claims.append(replace(make_claim(ctx, people[-1], "targets", place, 0.5), value="spied against"))
    return claims


def stole_data_from(ctx: SentenceContext) -> list[Claim]:
    """Data theft: "stole ... data from X", "95 gigabytes of Indian immigration data"."""
    if not (_DATA_THEFT.search(ctx.text) and _DATA.search(ctx.text)):
        return []
    actor = next((m for m in ctx.mentions if m.type in ("company", "threat_group")), None) or next(
        (m for m in reversed(ctx.before(ctx.start)) if m.type in ("company", "threat_group")), None)
    if actor is None:
        return []
    claims = []
    for m in ctx.mentions:
        if m.type in ("country", "company", "organization", "government_body") and m is not actor:
            window = ctx.doc.text[m.start : m.end + 40] + ctx.doc.text[max(ctx.start, m.start - 25) : m.start]
            if _DATA.search(window):
                claims.append(make_claim(ctx, actor, "stole_data_from", m, 0.5))
    return claims


_NAME_WORDS = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’.-]+){0,4}"
_ALIAS_CUE = re.compile(
    r"\b(?:presented (?:himself|herself) as|introduced (?:himself|herself) (?:as|under the [\w\s]{0,20}?name)|posing as|posed as|"
    r"went by|goes by|used the (?:cover |assumed )?name|using the (?:cover |assumed )?name|under the (?:cover |assumed )?name|under the (?:monikers|names|aliases|labels)|"
    r"(?:(?:also )?[Kk]nown (?:online |to [\w\s]{1,30}? )?as|knew (?:him |her )?as|names? (?:him|her) as)|a\.k\.a\.?|aka|calls? it|refers? to it as|tracks (?:the activity|it|them) as|"
    r"tracked (?:by [\w\s]{1,30}? )?as|renders? (?:it )?as|(?:his|her|whose) (?:real|true|actual) name (?:is|was)|"
    r"known by (?:various |several |many |other )?(?:aliases|names),? (?:including|such as))\s+(?:the\s+)?[\"“‘']?(?P<alias>" + _NAME_WORDS + r")"
)
_LEADING_HANDLE = re.compile(r"\s*(?:Also\s+)?Known\s+(?:online\s+|on\s+[\w\s]{1,25}?\s+)?as\s+[\"“‘'](?P<alias>[^\"”’'\s,]{2,30})[,.]?[\"”’'],?\s+(?P<word>[A-Z][\w'’-]+)")
_NICKNAME = re.compile(r"\b(?P<given>[A-Z][\w-]+)\s+[\"“‘'](?P<nick>[A-Z][\w-]+)[\"”’']\s+(?P<family>[A-Z][\w-]+)")
_LEADING_NICKNAME = re.compile(r"[\"“‘'](?P<nick>[A-Z][\w-]+)[\"”’']\s*$")  # '"Harry" Lu Jianwang'
# the rest of a list of names after an alias cue: ", BlueCharlie, TA446 and the Dancing Salome group"
_MORE_NAMES = re.compile(r"(?:[\"”’']?(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)|,[\"”’'](?:\s+(?:and|or))?\s+(?=[\"“‘']))"
                         r"(?:the\s+)?[\"“‘']?(?P<alias>" + _NAME_WORDS + r")")  # '"A," "B," and "C."' too
_HAN_IN_BRACKETS = re.compile(r"^[\s,.A-Za-z]{0,10}[（(](?P<han>[\u3400-\u9fff]{2,30})[)）]")


def aliases(ctx: SentenceContext) -> list[Claim]:
    """Other names of a person or organisation: cover names, English given names, vendor labels,
    a Chinese name in brackets. The alias need not be a mention; the subject must be one."""
    claims: list[Claim] = []
    for match in _ALIAS_CUE.finditer(ctx.text):
        at = ctx.start + match.start()
        named_here = leading = False
        alias = match.group("alias").rstrip(".,")
        cue = match.group(0)
        named = [alias]
        rest = match.end()
        while more := _MORE_NAMES.match(ctx.text, rest):  # every name of a list ("A, B, TA446 and C")
            named.append(more.group("alias").rstrip(".,"))
            rest = more.end()
        if re.match(r"calls|refers", cue):
            kinds: tuple[str, ...] = ("threat_group",)  # "Microsoft calls it X": another label of a group
        elif re.match(r"tracks|tracked|renders|known by|under the (?:monikers|names|aliases|labels)", cue):
            kinds = ("company", "threat_group")
        elif re.match(r"(?:also )?[Kk]nown|a\.k\.a|aka", cue) and ctx.text[: match.start()].strip():
            # "Star Blizzard, also known as the Callisto Group"; "Iran's Ministry of Intelligence, known as MOIS"
            kinds = ("person", "company", "threat_group", "state_agency", "agency_unit")
        elif re.match(r"(?:also )?[Kk]nown", cue):
            kinds = ("person",)  # "Known to friends as Jason Lu, he ...": the person "he" stands for
            leading = True
        else:
            kinds = ("person",)
        subject: Mention | None
        if re.match(r"names? (?:him|her)|(?:his|her) (?:real|true|actual)", cue):
            subject = described_person(ctx)  # "The charge sheet names him as ...": the person reported on
        elif kinds == ("person",) and not leading:
            subject = _acting_person(ctx, at)  # "X presented himself as": whoever the verb's subject is
        else:
            subject = _nearest_before(ctx, at, kinds, exclude=alias)
            if "person" in kinds and (word := _NAME_BEFORE_CUE.search(ctx.doc.text[max(0, at - 40) : at])):
                # "Lu, also known as ...": the person whose name that word is, or no one
                subject = _person_by_word(ctx, at, word.group("word"))
                named_here = subject is not None
            if cue.startswith(("known by", "under the")) and len(named) > 1:
                # "a group known by aliases including A, B and C", "operating under the monikers A, B and
                # C": A is one of them
                listed = [m for m in ctx.mentions if m.type in kinds and m.name in named]
                subject = listed[0] if listed else subject
        if subject is not None and subject.type == "person" and _names_a_thing(ctx, at):
            continue  # "a campaign known as ...", "the agency known as ...": not the person's name
        if subject is None:
            continue
        if (subject.type == "person" and re.match(r"(?:also )?[Kk]n[eo]w", cue) and "online" not in cue
                and not re.match(r"^[A-Z]\w+\s+[A-Z]", alias)):
            continue  # "known as MOIS": an acronym, not a person's other name
        # a subject resolved from "him" or "he" is less certain than one named in the sentence
        named_here = ctx.start <= subject.start < ctx.end or named_here
        for other in named:
            if other != subject.name and (subject.type != "person" or other is alias):
                claims.append(_alias_claim(ctx, subject, other, 0.7 if named_here else 0.5))
    if handle := _LEADING_HANDLE.match(ctx.text):  # 'Known online as "x_fox," Tan posted ...'
        subject = _person_by_word(ctx, ctx.start + handle.end(), handle.group("word"))
        if subject is not None:
            claims.append(_alias_claim(ctx, subject, handle.group("alias")))
    for match in _NICKNAME.finditer(ctx.text):
        full = f"{match.group('given')} {match.group('family')}"
        at = ctx.start + match.start()
        subject = next((m for m in ctx.mentions if m.type == "person" and m.start <= at + len(full) + 12 and m.end >= at), None)
        if subject is not None:
            claims.append(_alias_claim(ctx, subject, f"{match.group('nick')} {match.group('family')}"))
    for m in ctx.mentions:
        nick = _LEADING_NICKNAME.search(ctx.doc.text[max(0, m.start - 24) : m.start])
        if nick and m.type == "person":
            claims.append(_alias_claim(ctx, m, f"{nick.group('nick')} {m.name}"))
        han = _HAN_IN_BRACKETS.match(ctx.doc.text[m.end : m.end + 40])
        if han and m.type in ("person", "company", "organization", "agency_unit", "state_agency"):
            claims.append(_alias_claim(ctx, m, han.group("han")))
    return claims


def _alias_claim(ctx: SentenceContext, subject: Mention, alias: str, confidence: float = 0.7) -> Claim:
    return Claim(subject=subject.name, predicate="alias_of", object=alias, subject_type=subject.type,
                 object_type=subject.type, doc_id=ctx.doc.doc_id, start=ctx.start, end=ctx.end,
                 extractor=EXTRACTOR, extractor_version=VERSION, confidence=confidence)


def _acting_person(ctx: SentenceContext, at: int) -> Mention | None:
    """The named subject of the verb at `at` ("Gao presented himself as"); None when the subject
    is someone unnamed ("a contact who introduced himself as ..."): that alias is not theirs."""
    verb = next((t for t in ctx.sentence if ctx.offset + t.idx >= at), None)
    while verb is not None and verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb is None:
        return None
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            named = [m for m in ctx.mentions_in_subtree(child) if m.type == "person"]
            if named:
                return named[0]
            if child.lower_ in ("he", "she"):
                before = [m for m in ctx.all_mentions if m.type == "person" and m.end <= ctx.offset + child.idx
                          and m.source != "metadata"]
                return before[-1] if before else None
    return None


_NAME_BEFORE_CUE = re.compile(r"(?:^|[^\w\s]\s*|\b(?:[Tt]he|[Dd]efendant|[Aa]ccused)\s+)(?P<word>[A-Z][\w'’-]+),?\s+(?:(?:most|also|commonly|better|widely|more)\s+)*$")


def _names_a_thing(ctx: SentenceContext, at: int) -> bool:
    """Whether the participle of the alias cue at `at` modifies a common noun ("a campaign ...
    known as", "the agency known as"), so the name is that thing's."""
    verb = next((t for t in ctx.sentence if ctx.offset + t.idx >= at), None)
    return (verb is not None and verb.dep_ in ("acl", "amod", "relcl") and verb.head.pos_ == "NOUN"
            and verb.head.lemma_.lower() not in PERSON_NOUNS)  # "a Chinese national known as ..." is a person


def _person_by_word(ctx: SentenceContext, at: int, word: str) -> Mention | None:
    """The one person named before `at` whose name has `word` as a word ("Lu" for Lu Jianwang);
    None when no one or several people fit, so another name is never given to the wrong person."""
    fits = {m.name: m for m in ctx.all_mentions if m.type == "person" and m.start < at and m.source != "metadata"
            and word in m.name.split()}
    full = [m for name, m in fits.items() if name != word] or list(fits.values())  # "Tan" alone is Tan Bo
    return full[0] if len(full) == 1 else None


def _nearest_before(ctx: SentenceContext, at: int, kinds: tuple[str, ...], exclude: str) -> Mention | None:
    candidates = [m for m in ctx.all_mentions if m.type in kinds and m.end <= at and m.text != exclude
                  and m.name != exclude and m.source != "metadata"]
    if not candidates and "person" in kinds:  # "Known to friends as Jason Lu, he ...": the person named before
        candidates = [m for m in ctx.all_mentions if m.type == "person" and m.start < ctx.start and m.source != "metadata"]
    return candidates[-1] if candidates else None


def attributed_to(ctx: SentenceContext) -> list[Claim]:
    """"Copper Panda, which officials have tied to Xiamen Haixing": a group attributed to an actor."""
    cue = re.compile(r"\b(?:tied|linked|attributed|connected)\s+(?:it\s+|them\s+)?to\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$")
    return [make_claim(ctx, group, "attributed_to", actor, 0.6) for group, actor in
            pairs(ctx, ("threat_group",), ("company", "state_agency", "agency_unit", "country"), cue, 120)]


_CITIZEN = re.compile(
    r"\b(?:a|an|as a|becoming a|became a)\s+(?:naturali[sz]ed\s+|dual\s+)?(?P<country>[A-Z][\w.-]+(?:\s[A-Z][\w.-]+)?)"
    r"\s+(?:citizen|national|nationality)\b")


def citizen_of(ctx: SentenceContext) -> list[Claim]:
    """"Wen Jiali, 52, a British national" -> citizen_of United Kingdom. Recorded only where the
    text says so: a name, a job or a place of birth never implies a nationality."""
    from spyglass.extract.places import country_name, country_of_demonym

    claims = []
    for match in _CITIZEN.finditer(ctx.text):
        word = match.group("country")
        country = country_of_demonym(word) or country_name(word) or country_name(word.replace("U.S.", "United States"))
        if word in ("U.S.", "US"):
            country = "United States"
        if country is None:
            continue
        at = ctx.start + match.start()
        before = [m for m in ctx.mentions if m.type == "person" and m.end <= at and m.source != "metadata"]
        opening = len(ctx.text[: match.start()].split()) <= 3  # "A Chinese national arrested in Lisbon ..."
        person = before[-1] if before else (
            described_person(ctx) if opening or DESCRIBED.search(ctx.text[: match.start()]) else None)
        if person is None:
            continue
        place = Mention(ctx.doc.doc_id, at, at + len(match.group(0)), word, "country", None, "rule", country)
        claims.append(make_claim(ctx, person, "citizen_of", place, 0.7 if before else 0.5))
    return claims


def _subject_mention(ctx: SentenceContext, verb: Any) -> Mention | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            found = ctx.mentions_in_subtree(child)
            if found:
                return found[0]
    return None


_PARENTS: dict[str, str] = {}


def _kb_parents() -> dict[str, str]:
    if not _PARENTS:
        _PARENTS.update({e.id: e.parent for e in load_entries() if e.parent})
    return _PARENTS


RULES: list[Callable[[SentenceContext], list[Claim]]] = [
    officer_of, agent_of, hacked, contractor_for, part_of, focuses_on, targets, stole_data_from, aliases,
    attributed_to, citizen_of, described_as, spied_against,
]
