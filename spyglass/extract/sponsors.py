"""Sponsors: the service or state a person (or a hacking group, or a firm) acted for.

The object is the noun phrase right after a cue ("spied for", "on behalf of", "an agent of",
"recruited by", "at the direction of", "working under"), or the recipient hanging from the verb
of a transfer ("passed ... to"): never a name further on (the agency that investigated, a firm
the person worked for), never a former employer. The people are those named before the cue
(all of a list), or the one the report is about when the sentence only describes them; a
described group ("the two", "three men") is kept as the group, for case assembly to apply to
the report's defendants.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spyglass.extract.sentence import SentenceContext
from spyglass.extract.word_start import by_first_letter
from spyglass.extract.entities import Mention
from spyglass.extract.relation_base import AGENCIES, DESCRIBED, described_person, intelligence_arm, make_claim
from spyglass.model import Claim


_SPYING_FOR = by_first_letter(re.compile(
    r"\b(?:spying|spied|spy|spies|working|worked|acting|acted|gathering information|collecting information|"
    r"collected information)\s+for\b|"
    r"\bon behalf of\b|\b(?:recruited|approached|contacted|cultivated)(?:\s+[\w-]+){0,3}?\s+by\b|\bassist(?:ing|ed|s)?\b|\bhelp(?:ing|ed|s)?\b|"
    r"\b(?:agent|asset|informant|spy)s?\s+(?:of|for)\b|\bat the (?:direction|behest|request) of\b|"
    r"\bon (?:the )?orders? (?:of|from)\b|\b(?:directed|tasked|handled|run|controlled) by\b|\bin the service of\b|"
    r"\bcollaborat(?:ing|ed|e)\s+with\b|\bwork(?:ing|ed|s)? under\b|\b(?:with |has |have |its )?ties (?:to|with)\b|\b(?:sponsored|orchestrated) by\b|\bsubordinate to\b|"
    r"\b(?:pass|hand|provid|transmit|leak|sell|sold|disclos|deliver|forward|giv|gave)\w*\s+(?:[\w’'-]+\s+){0,8}?to\b",
    re.I))
# "worked for the CIA from 1982 to 1989", "until 2015": a closed period of service
_PERIOD_AFTER = re.compile(r"^\s*,?\s*(?:from|between)\s+(?:\w+\s+)?\d{4}\s+(?:to|and|until)\s+(?:\w+\s+)?\d{4}"
                           r"|^\s*,?\s*until\s+(?:\w+\s+)?\d{4}|^\s*,?\s*in the (?:19|20)\d0s", re.I)
_FORMERLY = re.compile(r"\b(?:previously|formerly|once|had|used to|earlier)\s+(?:\w+\s+)?$", re.I)
# An arrest or extradition before "at the request of": the requesting state is the prosecutor
_CUSTODY_BEFORE = re.compile(r"\b(?:arrest|detain|extradit|held|custody|seiz|apprehend|warrant|surrender)\w*\b", re.I)
# Cues that attribute a hacking group or a firm to a service (not "helps", "assists").
_GROUP_CUE = re.compile(r"\bby\b|behalf|for\b|under|subordinate|ties|direction|orders", re.I)
# Cues naming a transfer ("passed ... to X"): X is the recipient hanging from the verb.
_TRANSFER = re.compile(r"^(?:pass|hand|provid|transmit|leak|sell|sold|disclos|deliver|forward|giv|gave)", re.I)
# The one who acted is a group the sentence describes: its claims apply to the report's defendants.
_GROUP_DESCRIBED = re.compile(r"\b(?:the (?:two|three|four|pair|couple|brothers|defendants|suspects|men|women)|both|"
                              r"(?:two|three|four|five) (?:men|women|people|defendants|suspects|individuals)|all three|they)\b", re.I)


def agent_of(ctx: SentenceContext) -> list[Claim]:
    """"X was jailed for spying ... on behalf of Russia's FSB", "recruited by Britain's SIS": the
    service a person worked for. The people are those named before the cue (all of a list, "X and
    Y acted at the direction of"), or the one the report is about when the sentence only describes
    them ("a Russian citizen who ..."); a described group ("the two", "three men") is kept as the
    group, which case assembly applies to the report's defendants."""
    claims = []
    for cue in _SPYING_FOR.finditer(ctx.text):
        if cue.group(0).lower().endswith("request of") and _CUSTODY_BEFORE.search(ctx.text[max(0, cue.start() - 60) : cue.start()]):
            continue  # "arrested in Milan at the request of the United States": the state that prosecutes
        at = ctx.start + cue.end()
        transfer = bool(_TRANSFER.match(cue.group(0)))
        agency = _passed_to(ctx, ctx.start + cue.start()) if transfer else _served(ctx, at)
        if agency is not None and agency.type == "government_body":
            agency = intelligence_arm(ctx, at, agency)
        if agency is None or (transfer and agency.type not in AGENCIES + ("country",)):
            continue  # a court or ministry something was sent to is not whom the person served
        predicate = "recruited_by" if re.match(r"recruited|approached|contacted|cultivated", cue.group(0), re.I) else "agent_of"
        if agency.type == "company":
            predicate = "hired_by"  # "worked for Northwind": an employer, which case assembly may trace to a service
        before = [m for m in ctx.mentions if m.type == "person" and m.end <= ctx.start + cue.start()
                  and m.source != "metadata" and len(m.name.split()) >= 2 and ctx.may_be_party(m)]
        if re.match(r"work", cue.group(0), re.I) and agency.type in AGENCIES and (
                _PERIOD_AFTER.match(ctx.doc.text[agency.end : agency.end + 40])
                or _FORMERLY.search(ctx.doc.text[max(ctx.start, ctx.start + cue.start() - 25) : ctx.start + cue.start()])):
            # "who worked for the CIA from 1982 to 1989": a career, the service the person once served, never
            # whom they spied for
            if before:
                claims.append(replace(make_claim(ctx, before[-1], "officer_of", agency, 0.6), value="former"))
            continue
        lead = ctx.doc.text[ctx.start : ctx.start + cue.start()]
        if before:
            for person in _listed(ctx, before):
                if person.name != agency.name:
                    claims.append(make_claim(ctx, person, predicate, agency, 0.6))
            continue
        actors = [m for m in ctx.mentions if m.type in ("threat_group", "company") and m.end <= ctx.start + cue.start()]
        if actors and predicate == "agent_of" and _GROUP_CUE.search(cue.group(0)):  # "Star Blizzard ... is run by Centre 18"
            actor = actors[-1]
            for earlier in actors[:-1]:  # "Star Blizzard, also known as the Callisto Group, ...": the name first given
                if re.search(r"\b(?:known as|aka|a\.k\.a\.|dubbed|tracked as)\b", ctx.doc.text[earlier.end : actor.start]):
                    actor = earlier
                    break
            # "ties to" a service is context for a firm, not an accusation: too weak to make it a case
            claims.append(make_claim(ctx, actor, "attributed_to", agency, 0.4 if "ties" in cue.group(0).lower() else 0.6))
            continue
        if predicate == "hired_by" or "ties" in cue.group(0).lower():
            continue  # "ties to" a service is said of firms, not of people
        group = _GROUP_DESCRIBED.search(lead)
        if group:
            claims.append(make_claim(ctx, group.group(0).lower(), predicate, agency, 0.4, subject_type="person"))
            continue
        described = described_person(ctx) if DESCRIBED.search(lead) else None
        if described is not None and described.name != agency.name:
            claims.append(make_claim(ctx, described, predicate, agency, 0.4))
    return claims


def _listed(ctx: SentenceContext, before: list[Mention]) -> list[Mention]:
    """The last person named before a cue, with those listed with them ("X, Y and Z")."""
    out = [before[-1]]
    for m in reversed(before[:-1]):
        if re.fullmatch(r"\s*(?:,\s*\d{1,3}\s*)?(?:,|and|,\s*and)\s*", ctx.doc.text[m.end : out[-1].start]):  # "X, 61, and Y"
            out.append(m)
        else:
            break
    return out


# Between a cue ("spying for", "an agent of") and the service it names, only an article and a few
# describing words: "for the PRC government", "an illegal agent for the People's Republic".
_NP_GAP = re.compile(r"^\s*(?:\.{3}|…)?\s*[(“\"]?\s*(?:(?:the|a|an)\s+)?(?:[a-z][\w-]*\s+){0,2}$")
_OWNED = re.compile(r"^(?:['’]s)?\s+(?:[\w-]+\s+){0,4}(?:[\w-]+,\s*)?(?:the\s+)?$|^\s*$")
_UNIT_OF = re.compile(r"^\s*(?:--|—|–|,|\()\s*(?:an?\s+|the\s+)?$")


def _served(ctx: SentenceContext, at: int) -> Mention | None:
    """The service or state a spying cue names: the noun phrase right after the cue, never a
    name further on (the agency that investigated, a firm the person worked for). A country
    followed by its service ("Russia's military intelligence service, the GRU", "the Russian
    FSB") gives the service; a unit the knowledge base does not know, its service ("Unit 9 -- an
    FSB unit"). A firm is returned as such: working for a firm is employment, not a sponsor."""
    after = sorted((m for m in ctx.mentions if m.start >= at and m.start - at <= 90), key=lambda m: m.start)
    if not after or not _NP_GAP.match(ctx.doc.text[at : after[0].start]):
        return None
    first = after[0]
    following = after[1] if len(after) > 1 else None
    if first.type == "country" and following is not None and following.type in AGENCIES + ("government_body",) \
            and _OWNED.match(ctx.doc.text[first.end : following.start]):
        return following
    if first.type == "country":
        return _national_body(ctx, first)
    if first.type == "organization" and following is not None and following.type in AGENCIES \
            and _UNIT_OF.match(ctx.doc.text[first.end : following.start]):
        return following
    return first if first.type in AGENCIES + ("government_body", "company") else None


_BODY_AFTER = re.compile(r"^(?:['’]s)?\s+(?:(military|foreign|secret)\s+)?(government|intelligence|secret service|"
                         r"security services?|special services)\b", re.I)


def _national_body(ctx: SentenceContext, country: Mention) -> Mention:
    """"the Chinese government", "Russian military intelligence": a state's government or its
    unnamed intelligence service, which the knowledge base names where it can ("Russian military
    intelligence" is the GRU)."""
    from spyglass.extract.places import demonym_of
    from spyglass.kb.builtin import alias_index, load_entries, normalise_alias

    match = _BODY_AFTER.match(ctx.doc.text[country.end : country.end + 40])
    adjective = demonym_of(country.name)
    if match is None or adjective is None:
        return country
    kind = "government" if match.group(2).lower() == "government" else "intelligence"
    name = f"{adjective} {(match.group(1).lower() + ' ') if match.group(1) and kind == 'intelligence' else ''}{kind}"
    ids = alias_index().get(normalise_alias(name), [])
    entry = next((e for e in load_entries() if e.id == ids[0]), None) if len(ids) == 1 else None
    if entry is not None:
        return Mention(country.doc_id, country.start, country.end + match.end(), name, entry.type, entry.id, "kb", entry.name)
    kind_type = "government_body" if kind == "government" else "state_agency"
    return Mention(country.doc_id, country.start, country.end + match.end(), name, kind_type, None, "rule", name)


def _passed_to(ctx: SentenceContext, at: int) -> Mention | None:
    """"passing documents on deliveries to Kyiv to a contact who was an officer of the GRU": the
    recipient is the "to" that hangs from the verb of passing, not one inside its object."""
    verb = next((t for t in ctx.sentence if ctx.offset + t.idx == at), None)
    if verb is None:
        return None
    found: list[Mention] = []
    for child in verb.subtree:  # the parser may hang "to Kyiv" from the verb; a named service wins
        if child.dep_ == "prep" and child.lower_ == "to" and (child.head.i == verb.i or child.head.head.i == verb.i):
            found += [m for m in ctx.mentions_in_subtree(child) if m.type in AGENCIES + ("government_body", "country")]
    found.sort(key=lambda m: (m.type not in AGENCIES, m.start))
    return found[0] if found else None
