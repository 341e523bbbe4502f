"""Legal events: arrested, charged, extradited, convicted, sentenced, released... with their
subject, date, place or authority, charges and sentence, each read from one sentence.

A trigger word (a verb such as "arrested", or a phrase such as "pleaded guilty") names the
event; its grammatical subject (or, in "police arrested X", its object) is who it happened
to. A pronoun or a description ("the man", "a state security officer") means the person the
document is about. A date counts for the event only if it hangs from the trigger's own clause.
"""

from __future__ import annotations

import re
from typing import Any

from spyglass.extract.sentence import SentenceContext
from spyglass.extract.event_subjects import KIN_NOUNS, co_subjects, kin_named, named_later, protagonist, salient
from spyglass.extract.event_words import SPEECH, TRADES, TRIGGERS
from spyglass.extract.entities import Mention
from spyglass.extract.word_start import joined
from spyglass.model import Claim, FuzzyDate

EXTRACTOR = "spyglass.events"
VERSION = "0.1"

PHRASES: dict[str, re.Pattern[str]] = {
    "pleaded_guilty": re.compile(r"\bplead(?:ed|s)? guilty\b|\bpled guilty\b|\badmitted (?:to )?(?:one|two|three|\w+) counts?\b", re.I),
    # "found Ann Berg, 45, guilty": a name, its age and commas may stand between
    "convicted": re.compile(r"\b(?:was|were) guilty\b|\bfound (?:(?!not\b)[\w.'’,-]+ ){0,6}guilty\b|\bguilty verdict\b", re.I),
    # a not-guilty verdict is an acquittal; pleading not guilty is not
    "acquitted": re.compile(r"\bfound (?:[\w.'’,-]+ ){0,6}not guilty\b|\bnot[- ]guilty verdicts?\b|\bverdict of not guilty\b",
                            re.I),
    "sentenced": re.compile(r"\b(?:given|handed|handed down) an? (?:[\w-]+ )?(?:prison |jail )?(?:sentence|term)\b", re.I),
    "extradited": re.compile(r"\bhanded over to\b", re.I),
    "arrested": re.compile(r"\b(?:placed|put|taken) (?:him |her |them )?under [\"“]?(?:criminal |residential )?(?:compulsory measures|"
                           r"surveillance|arrest|detention)|\btaken into custody\b|\bremanded in custody\b|"
                           r"\b(?:took|taken|taking|adopted|imposed) (?:criminal )?compulsory measures\b", re.I),
    "sentenced_phrase": re.compile(r"\bsentence (?:was |were )?(?:handed down|passed|imposed)\b|\bpassed sentence\b", re.I),
    "convicted_phrase": re.compile(r"\b(?:handed down|delivered|returned|reached) (?:the|its|a) (?:guilty )?verdict\b", re.I),
}
# "police stopped X at the airport", "the judge sent X to prison": ordinary verbs that are legal
# events only with these arguments.
_STOPPERS = {"agent", "police", "officer", "authority", "investigator", "official", "customs", "fbi"}
_SUBJECT_TYPES = ("person", "company", "threat_group", "organization")
# Descriptions that stand for the person a report is about ("the man", "the officer").
PERSON_NOUNS = {"man", "woman", "officer", "engineer", "official", "national", "citizen", "businessman",
                 "businesswoman", "analyst", "detective", "investigator", "employee", "defendant", "suspect",
                 "spy", "agent", "scientist", "researcher", "consultant", "clerk", "aide", "soldier", "worker",
                 "academic", "professor", "student", "executive", "manager", "director", "journalist", "forwarder",
                 "functionary", "operative", "diplomat", "contractor", "person", "individual", "resident", *TRADES}
_PRONOUNS = {"he", "she", "him", "her", "they", "it"}
# "two men", "the three defendants": people the report counts (a group, never one of them)
_GROUP = re.compile(r"^(?:(?:the|all)\s+)?(?:same\s+)?(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\b"
                    r"(?!\s*-?\s*years?\s*-?\s*old)", re.I)  # "the 60-year-old officer" is one person
_ANOTHER_CASE = re.compile(r"\b(?:in|under|as part of|over) (?:a|an|another|his|her|their) (?:separate|unrelated|previous|"
                           r"earlier|prior|different|other) (?:case|investigation|prosecution|matter)\b", re.I)
_CHARGE = re.compile(r"\b(?:charged with|convicted of|guilty of|accused of|indicted (?:on|for)|counts? of)\s+(?P<what>[^.;:()]{4,160}?)(?=\s+(?:and|after|before|by|in|on|at|for|when|which|but)\s+(?:the|a|an|his|her|their|\d)|[,.;:()]|$)", re.I)


def event_claims(ctx: SentenceContext) -> list[Claim]:
    claims: list[Claim] = []
    seen: set[str] = set()
    for trigger, status in _triggers(ctx):
        if status in seen:
            continue
        if status == "sentenced" and trigger.lemma_.lower() in ("sentence", "send") and not _has_term(ctx) \
                and trigger.pos_ == "NOUN" and _happened_on(ctx, trigger) is None:
            continue  # "a maximum sentence of 15 years" is not a sentencing; "the sentence was passed on Tuesday" is
        if status == "charged" and trigger.pos_ == "NOUN" and _happened_on(ctx, trigger) is None:
            continue  # "charges", "in charge"; "charges against X filed on 3 May" are a charge
        if _quoted(ctx, trigger):
            continue  # words inside a quotation are someone's statement, reported with its speaker
        separate = bool(_ANOTHER_CASE.search(ctx.text))
        if trigger.i >= 2 and trigger.nbor(-1).text == "-" and trigger.nbor(-2).lower_ == "re":
            continue  # "re-arrested on 20 July": a second arrest, not the arrest the case dates
        if _unrealised(trigger):
            continue  # "if convicted, he faces ...", "will be sentenced next month": not (yet) an event
        if status == "released" and _PRETRIAL.search(ctx.doc.text[ctx.offset + trigger.idx : ctx.end]):
            continue  # "released on bail", "freed pending trial": custody ends, the case goes on
        subject = _subject(ctx, trigger)
        if trigger.i in ctx.phrase_triggers and (subject is None or subject[1] != "person" or _AUTHORITY_PHRASE.search(ctx.text)):
            subject = _phrase_subject(ctx, trigger)  # "the Hall took measures against X": the authority is not the subject
        if trigger.lower_ == "found" and status in ("acquitted", "convicted"):
            subject = _found_guilty(ctx, trigger) or subject
        if subject is None or (separate and (subject[2] < 0.7 or any(m.name == subject[0] for m in ctx.before(ctx.start)))):
            # "in a separate case, he (or X, named before) was arrested in 2019": not this case's event;
            # "in a separate case, another officer, Y, was sentenced": Y's own
            continue
        seen.add(status)
        date, phrase = _date_for(ctx, trigger)
        also = co_subjects(ctx, subject[0]) if subject[2] >= 0.6 else []
        if subject[0] == _THEY:  # "they were arrested in 2021": each of the people the report is about
            also = _parties_before(ctx)[1:]
            subject = (_parties_before(ctx)[0], "person", 0.5)
        for other in also:
            claims.append(Claim(
                subject=other, subject_type="person", predicate=status, object=_authority(ctx, trigger),
                value=_value(ctx, status, trigger), doc_id=ctx.doc.doc_id, start=ctx.start, end=ctx.end, date=date,
                date_phrase=phrase, hedge=_hedge(ctx)[0], hedge_cue=_hedge(ctx)[1], extractor=EXTRACTOR,
                extractor_version=VERSION, confidence=subject[2]))
        claims.append(Claim(
            subject=subject[0], subject_type=subject[1], predicate=status, object=_authority(ctx, trigger),
            value=_value(ctx, status, trigger), doc_id=ctx.doc.doc_id, start=ctx.start, end=ctx.end, date=date,
            date_phrase=phrase, hedge=_hedge(ctx)[0], hedge_cue=_hedge(ctx)[1], extractor=EXTRACTOR,
            extractor_version=VERSION, confidence=subject[2],
        ))
        for kin, name in _kin_objects(ctx, trigger, subject[0]):
            value = _term_from(ctx, ctx.offset + kin.idx - ctx.start) if status == "sentenced" else _value(ctx, status, trigger)
            claims.append(Claim(
                subject=name, subject_type="person", predicate=status, object=_authority(ctx, trigger), value=value,
                doc_id=ctx.doc.doc_id, start=ctx.start, end=ctx.end, date=date, date_phrase=phrase,
                hedge=_hedge(ctx)[0], hedge_cue=_hedge(ctx)[1], extractor=EXTRACTOR, extractor_version=VERSION,
                confidence=0.6))
    return _partial_acquittals(claims)


def _kin_objects(ctx: SentenceContext, trigger: Any, subject: str) -> list[tuple[Any, str]]:
    """"sentenced Ann Berg to life and her younger brother to ten years": a relative the event
    words list beside the subject, who is the one person the report names as such ("her brother
    Tomas")."""
    out = []
    for token in trigger.subtree:
        if token.lemma_.lower() not in KIN_NOUNS or not any(c.dep_ == "poss" and c.lower_ in ("his", "her") for c in token.children):
            continue
        if token.dep_ not in ("conj", "dobj", "nsubjpass"):
            continue
        name = kin_named(ctx, token.lemma_.lower())
        if name and name != subject:
            out.append((token, name))
    return out


def _term_from(ctx: SentenceContext, at: int) -> str | None:
    """The prison term written nearest after position `at` of the sentence."""
    from spyglass.extract.quantities import NOT_IMPOSED, find_quantities

    after = [q for q in find_quantities(ctx.text) if q.kind == "sentence" and q.qualifier not in NOT_IMPOSED and q.start >= at]
    if not after:
        return None
    term = min(after, key=lambda q: q.start)
    return "life" if term.unit == "life" else (None if term.months is None else str(term.months))


def _found_guilty(ctx: SentenceContext, trigger: Any) -> tuple[str, str, float] | None:
    """"a jury found Ann Berg not guilty": the one named between "found" and the verdict."""
    from spyglass.extract.roles import personal

    at = ctx.offset + trigger.idx
    verdict = re.search(r"\b(?:not\s+)?guilty\b", ctx.doc.text[at : ctx.end])
    if verdict is None:
        return None
    named = [m for m in ctx.mentions if at < m.start and m.end <= at + verdict.start() and personal(m)]
    return (named[0].name, "person", 0.7) if named else None


def _partial_acquittals(claims: list[Claim]) -> list[Claim]:
    """"convicted of stalking but acquitted of the other charges": an acquittal on some counts
    beside a conviction on others is no acquittal of the person."""
    guilty = {c.subject for c in claims if c.predicate in ("convicted", "pleaded_guilty", "sentenced")}
    return [c for c in claims if not (c.predicate == "acquitted" and c.subject in guilty)]


_ANY_PHRASE = joined(list(PHRASES.values()))  # most sentences hold none: one search tells


def _triggers(ctx: SentenceContext) -> list[tuple[Any, str]]:
    found = []
    for phrase, pattern in PHRASES.items() if any(p.search(ctx.text) for p in _ANY_PHRASE) else ():
        match = pattern.search(ctx.text)
        if match:
            # the phrase's verb carries the date ("handed down ... on Thursday")
            words = [t for t in ctx.sentence if ctx.start + match.start() <= ctx.offset + t.idx < ctx.start + match.end()]
            token = next((t for t in words if t.pos_ == "VERB"), words[0] if words else None)
            if token is not None:
                found.append((token, phrase.removesuffix("_phrase")))
                ctx.phrase_triggers.add(token.i)
    for token in ctx.tokens_with_lemma(_TRIGGER_LEMMAS):  # most words of a sentence: nothing below reads them
        lemma = token.lemma_.lower()
        if lemma == "stop" and any(c.dep_ == "nsubj" and (c.lemma_.lower() in _STOPPERS or c.text.isupper())
                                   for c in token.children) and any(c.dep_ == "dobj" for c in token.children):
            found.append((token, "arrested"))
        if lemma == "die" and token.pos_ == "VERB" and _CUSTODY.search(ctx.text):
            found.append((token, "deceased"))  # "died in custody", "died two days after his arrest"
        if lemma == "send" and any(c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ in ("prison", "jail") for g in c.children)
                                   for c in token.children):
            found.append((token, "sentenced"))
        if lemma in ("return", "file", "hand", "unseal") and (token.head.lower_ in ("indictment", "indictments")
                                                    or any(c.lower_ in ("indictment", "indictments") for c in token.children)):
            found.append((token, "indicted"))  # "the indictment, which a grand jury returned in March"
            ctx.phrase_triggers.add(token.i)
        if lemma in ("file", "bring", "lay") and token.pos_ == "VERB" and any(
                c.dep_ == "dobj" and c.lemma_.lower() == "charge" for c in token.children) and _names_after_against(ctx, token):
            found.append((token, "charged"))  # "prosecutors filed charges against X on 3 May"
            ctx.phrase_triggers.add(token.i)
        if lemma in ("drop", "dismiss", "withdraw") and token.pos_ == "VERB" and any(
                c.dep_ == "dobj" and c.lemma_.lower() in ("charge", "case", "indictment") for c in token.children) \
                and _names_after_against(ctx, token):
            found.append((token, "dismissed"))  # "prosecutors dropped the charges against X last year"
            ctx.phrase_triggers.add(token.i)
            continue
        status = TRIGGERS.get(token.lemma_.lower())
        if status and token.pos_ in ("VERB", "AUX", "NOUN", "ADJ"):
            if token.pos_ == "NOUN" and status not in ("sentenced", "charged", "arrested", "extradited", "indicted"):
                continue
            if token.lemma_.lower() in _WEAK and not _passive_or_of(token) \
                    and not (token.pos_ == "NOUN" and _happened_on(ctx, token) is not None):
                continue  # "clearing the way", "released a statement": only "was cleared of", "was released"
            found.append((token, status))
    return found


def _names_after_against(ctx: SentenceContext, token: Any) -> bool:
    """Whether the sentence names a person after "against", past the verb at `token`."""
    after = re.search(r"\bagainst\b", ctx.doc.text[ctx.offset + token.idx : ctx.end])
    at = ctx.offset + token.idx + after.end() if after else ctx.end
    return any(m.type == "person" and m.start >= at for m in ctx.mentions)


# Every lemma `_triggers` acts on: the event verbs and nouns, and those of the special cases.
_TRIGGER_LEMMAS = frozenset(TRIGGERS) | {"stop", "die", "send", "return", "file", "hand", "unseal", "bring", "lay", "withdraw"}
_CUSTODY = re.compile(r"\b(?:custody|prison|jail|detention|detention centre|detention center|cell|arrest(?:ed)?)\b", re.I)
_AUTHORITY_PHRASE = re.compile(r"\bagainst\b|\bhanded down\b|\bverdict\b", re.I)
_WEAK = {"clear", "free", "drop", "exchange", "swap", "catch", "designate", "release", "dismiss", "charge", "sanction"}


def _passive_or_of(token: Any) -> bool:
    deps = {c.dep_ for c in token.children}
    if token.lemma_.lower() == "clear":
        return any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)  # "cleared of spying"
    if "auxpass" in deps or token.dep_ in ("acomp", "amod") or (token.tag_ == "VBN" and token.dep_ in ("conj", "relcl", "acl", "advcl")):
        return True
    if token.lemma_.lower() == "clear" and any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
        return True
    if token.lemma_.lower() in ("charge", "sanction", "designate", "release", "free") and any(c.dep_ == "dobj" for c in token.children):
        return token.lemma_.lower() != "release" or any(
            c.dep_ == "dobj" and c.pos_ in ("PROPN", "PRON") for c in token.children)
    return False


def _quoted(ctx: SentenceContext, trigger: Any) -> bool:
    at = ctx.offset + trigger.idx
    line_start = ctx.doc.text.rfind("\n", 0, at) + 1  # quotes open and close within a paragraph
    before = ctx.doc.text[max(line_start, ctx.start - 400) : at]
    opened = before.count("“") - before.count("”") + (before.count('"') % 2)
    return opened > 0


def _unrealised(trigger: Any) -> bool:
    marks = {c.lower_ for c in trigger.children if c.dep_ in ("mark", "aux", "auxpass", "neg")
             or (c.dep_ == "advmod" and c.lower_ == "when")}
    if marks & {"when", "once", "until", "after", "before"} and (marks & {"is", "are", "am"} or trigger.tag_ in ("VBZ", "VBP")):
        return True  # "they face five years when they are sentenced on June 12": still to come
    return bool(marks & {"if", "unless", "can", "could", "would", "may", "might", "will", "shall", "should", "must", "not",
                     "never", "to"})


def _has_term(ctx: SentenceContext) -> bool:
    return bool(re.search(r"\b(?:to|of)\s+[\w\s-]{0,30}(?:years?|months?|life)\b", ctx.text)) and not re.search(
        r"\bmaximum\b|\bfaces?\b|\bup to\b", ctx.text)


_TRANSITIVE = ("stop", "send", "arrest", "detain", "charge", "sentence", "jail", "extradite", "convict", "acquit", "release", "free",
               "sanction", "designate", "indict", "imprison", "pardon", "catch", "apprehend")


def _subject(ctx: SentenceContext, trigger: Any) -> tuple[str, str, float] | None:
    """(name, type, named_here): who the event happened to. For "police arrested X" that is
    the object; for "X was arrested" the passive subject; for "X pleaded guilty" the subject.
    A pronoun or a description means the person the text is about; a noun ("the arrest")
    needs its owner named ("Gao's arrest", "the arrest of Gao")."""
    if trigger.pos_ == "NOUN":
        for child in trigger.children:
            if child.dep_ == "poss" or (child.dep_ == "prep" and child.lower_ in ("of", "against")):
                target = next((g for g in child.children if g.dep_ == "pobj"), child)
                named = _named_subject(ctx, child) or _named_subject(ctx, target)
                if named:
                    return named.name, named.type, 0.7
                group = _group(target)
                if group:
                    return group
                if child.lower_ in ("his", "her"):
                    return _owner(ctx, trigger)
        if any(c.dep_ == "det" and c.lower_ == "the" for c in trigger.children) and _happened_on(ctx, trigger) is not None:
            return _owner(ctx, trigger)  # "the sentence was pronounced on Tuesday": the sentence just reported
        return None
    verb = trigger
    first = verb
    while first.dep_ == "conj" and first.head.i != first.i:  # "caught, extradited and sentenced"
        first = first.head
    perfect = any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in trigger.children)  # "a court has sentenced X"
    active = trigger.lemma_.lower() in _TRANSITIVE and not any(c.dep_ == "auxpass" for c in first.children) \
        and (trigger.tag_ != "VBN" or perfect)
    for candidate in (verb, first, first.head if first.dep_ in ("xcomp", "advcl", "acomp") else None):
        if candidate is None:
            continue
        for child in candidate.children:
            wanted = ("dobj",) if active else ("nsubjpass", "nsubj")
            if child.dep_ not in wanted:
                continue
            named = _named_subject(ctx, child)
            if named:
                return named.name, named.type, 0.7
            words = " ".join(t.text for t in child.subtree)
            if child.lower_ in ("who", "which", "that"):  # the person the relative clause hangs on
                named_before = [m for m in ctx.mentions if m.type in _SUBJECT_TYPES and m.start < ctx.offset + child.idx
                                and ctx.may_be_party(m)]
                return (named_before[-1].name, named_before[-1].type, 0.7) if named_before else salient(ctx, trigger)
            if child.lower_ in ("he", "she", "him", "her"):
                return salient(ctx, trigger)
            if child.lower_ == "they" and _parties_before(ctx):
                return _THEY, "person", 0.5
            if _group(child):
                return _group(child)
            if child.pos_ == "NOUN" and child.lower_ in PERSON_NOUNS:
                if any(c.dep_ == "amod" and c.lower_ in _ORDINALS for c in child.children):
                    return None  # "a third man was acquitted": someone other than the ones counted so far
                if _introduces(ctx, child):  # "a court sentenced a Ukrainian citizen": someone new
                    return named_later(ctx, child.lower_)
                return named_later(ctx, child.lower_) or salient(ctx, trigger)
        if first.dep_ == "acl" and candidate is first and not active:
            # a name the verb hangs from: "Ann Berg, 61, who ..., fell ill and died on Sunday", "Ann Berg,
            # arrested in May, ..." (the parser takes the name for the clause's head)
            named = _named_subject(ctx, first.head) or _one_of(ctx, first.head)
            if named:
                return named.name, named.type, 0.7
        if verb.dep_ == "relcl":  # "... Xu Yanjun, an officer ..., who was arrested in Belgium"
            if any(g.lower_ == "whose" for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for g in c.subtree):
                return None  # "Abbas, whose sister was detained in 2018": the event is the sister's
            earlier = [m for m in ctx.mentions if m.type in _SUBJECT_TYPES and m.start < ctx.offset + trigger.idx]
            if earlier:
                return earlier[-1].name, earlier[-1].type, 0.7
    if any(c.dep_ == "auxpass" for c in trigger.children):
        # A passive event whose subject the parser lost ("... was sentenced on Wednesday to 18
        # years"): in a report, that is the person the report is about (lower confidence).
        return salient(ctx, trigger)
    return None


_PRETRIAL = re.compile(r"^\w+\s+(?:[\w-]+\s+){0,3}?(?:on\s+(?:\$?[\d,.]+\s+(?:million\s+)?)?(?:bail|bond|parole|"
                       r"(?:his|her|their)\s+own\s+recognizance)|pending\s+(?:trial|sentencing|appeal)|under\s+house\s+arrest|"
                       r"under\s+(?:judicial\s+)?supervision)", re.I)
_ORDINALS = {"second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "other"}


def _one_of(ctx: SentenceContext, noun: Any) -> Any:
    """"Ann Berg was one of three people indicted in June", "Berg was among those arrested": the
    person the copula says is one of the people the event happened to."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in ("of", "among"):
        return None
    prep = noun.head
    copula = prep.head if prep.lower_ == "among" else (prep.head.head if prep.head.dep_ == "attr" and
                                                       prep.head.lower_ in ("one", "two", "some", "each") else None)
    if copula is None or copula.lemma_.lower() != "be":
        return None
    return next((named for c in copula.children if c.dep_ == "nsubj" and (named := _named_subject(ctx, c))), None)


_THEY = "\0they"


def _parties_before(ctx: SentenceContext) -> list[str]:
    """The two or three people named in full before this sentence who stand in the report as no
    judge, lawyer, official or reporter: who "they" are in "they were arrested in 2021". More, or
    fewer, and "they" is no one in particular."""
    names: list[str] = []
    for m in ctx.before(ctx.start):
        if m.type == "person" and len(m.name.split()) >= 2 and not ctx.roles.get(m.name) and m.name not in names:
            names.append(m.name)
    return names if 2 <= len(names) <= 3 else []


def _group(noun: Any) -> tuple[str, str, float] | None:
    """"two men", "the three defendants", "Three Germans": people the report counts, as one subject."""
    words = " ".join(t.text for t in noun.subtree)
    if not (_GROUP.match(words) and (noun.lemma_.lower() in PERSON_NOUNS or noun.text[:1].isupper())):
        return None
    head = [t.text for t in noun.subtree if t.i <= noun.i]  # "Three Germans", "two British nationals"
    while head and head[0].lower() in ("the", "all", "same"):
        head = head[1:]  # "the two men": the group is "two men"
    # "the same two men" points back to people named before: it dates their cases, never makes one
    return " ".join(head), "person", 0.5 if re.match(r"the\s+same\b", words, re.I) else 0.7


def _introduces(ctx: SentenceContext, noun: Any) -> bool:
    """An indefinite description ("a citizen", "another engineer") brings in someone new, unless
    it opens the report before anyone is named (a news lead: "A former soldier has been jailed")."""
    indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in noun.children)
    if not indefinite:
        return False
    body = [seg.start for seg in ctx.doc.segments if seg.kind == "body"]
    before = "\n".join(line for line in ctx.doc.text[body[0] if body else 0 : ctx.start].split("\n")
                       if not _CREDITED.search(line.strip()))  # a picture's caption is not the report
    lead = not body or not re.search(r"[.!?。]\s", before)
    return not lead and any(m.type == "person" for m in ctx.before(ctx.start))


# A caption closed by its picture's credit ("The judge leaves court. Photograph: Ann Berg/AFP").
_CREDITED = re.compile(r"(?:[.!?]\s+|^)(?:Photograph|Photo|Foto|Image|Picture|Illustration)s?\s*:\s*[^.:]{2,100}$"
                       r"|\((?:Photo|Foto|Image|Bild|Picture)s?\s*:[^)]{2,100}\)$", re.I)


def _owner(ctx: SentenceContext, trigger: Any) -> tuple[str, str, float] | None:
    """"supporting X before his sentencing": the person named last before the pronoun, else the
    person the report is about; a guess (0.5), which dates or advances a case but never makes one."""
    before = [m for m in ctx.mentions if m.type == "person" and m.end <= ctx.offset + trigger.idx and ctx.may_be_party(m)]
    found = (before[-1].name, "person", 0.5) if before else salient(ctx, trigger)
    return (found[0], found[1], min(found[2], 0.5)) if found else None


def _phrase_subject(ctx: SentenceContext, trigger: Any) -> tuple[str, str, float] | None:
    """For phrase triggers: the person named after "against" ("took compulsory measures against
    X"), else the person the report is about."""
    after_against = re.search(r"\bagainst\b", ctx.doc.text[ctx.offset + trigger.idx : ctx.end])
    if after_against:
        at = ctx.offset + trigger.idx + after_against.end()
        named = [m for m in ctx.mentions if m.type == "person" and m.start >= at and ctx.may_be_party(m)]
        if named:
            return named[0].name, named[0].type, 0.7
    return protagonist(ctx)


def _named_subject(ctx: SentenceContext, head: Any) -> Mention | None:
    """The mention a subject phrase names: its head itself, or a person in apposition or in a
    list with it. A name that only modifies the head is not the subject: not the firm in "a
    former Northwind engineer", the city in "a Vilnius businessman", nor the owner in "Berg's aide"."""
    found = [m for m in ctx.mentions_in_subtree(head) if m.type in _SUBJECT_TYPES and m.source != "metadata"]
    at = ctx.offset + head.idx
    for m in found:
        if m.start <= at < m.end:
            return m
    people = [m for m in found if m.type == "person" and _stands_beside(ctx, m, head)]
    if people:
        return people[0]
    if head.pos_ == "PROPN":
        return next((m for m in found if _stands_beside(ctx, m, head)), None)
    return None


def _stands_beside(ctx: SentenceContext, mention: Mention, head: Any) -> bool:
    """Whether a mention inside a subject phrase names the subject itself: it is in apposition
    to the head or listed with it ("X and Y were charged"), not a modifier of it."""
    tokens = [t for t in head.subtree if mention.start <= ctx.offset + t.idx < mention.end]
    if not tokens:
        return False
    root = next((t for t in tokens if t.head not in tokens or t.head.i == t.i), tokens[0])
    node = root
    while node.i != head.i:
        if node.dep_ == "pobj" and node.head.lower_ == "as" and node.head.head.lemma_.lower() in ("identify", "name", "know"):
            node = node.head.head  # "the 43-year-old, identified as Ann L.": the name of the one described
            continue
        if node.dep_ in ("compound", "amod", "nmod", "poss", "npadvmod", "nummod", "pobj", "prep"):
            return False
        if node.head.i == node.i:
            return False
        node = node.head
    return True


def _date_for(ctx: SentenceContext, trigger: Any) -> tuple[FuzzyDate | None, str | None]:
    """A date phrase whose syntactic head path reaches this trigger before any other trigger;
    without one, the date of a conjoined event word after it ("arrested and charged on 14 May")
    unless that word carries its own adverb ("arrested and later charged on 14 May")."""
    date, phrase = _own_date(ctx, trigger)
    if phrase is None:
        for other in trigger.conjuncts:
            if other.i > trigger.i and other.lemma_.lower() in TRIGGERS and not any(c.dep_ == "advmod" for c in other.children):
                date, phrase = _own_date(ctx, other)
                if phrase is not None:
                    break
    return date, phrase


def _happened_on(ctx: SentenceContext, noun: Any) -> Any:
    """The verb that says an event noun took place, when a date hangs from it: the noun's verb ("his
    arrest took place on 2 March", "the sentence was pronounced on Tuesday") or a participle after
    it ("charges against the three men filed in 2020"). Not a verb of speech ("his arrest was
    announced on Tuesday" dates the statement; charges announced are charges made), nor one in the
    future or a condition."""
    if noun.pos_ != "NOUN":
        return None
    verbs = [noun.head] if noun.dep_ in ("nsubj", "nsubjpass") else []
    verbs += [v for head in verbs[:1] for v in _sharing_subject(head)]
    owners = [g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "against") for g in c.children
              if g.dep_ == "pobj"]
    verbs += [c for n in (noun, *owners) for c in n.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    charge = TRIGGERS.get(noun.lemma_.lower()) in ("charged", "indicted")
    for verb in verbs:
        lemma = verb.lemma_.lower()
        if verb.pos_ not in ("VERB", "AUX") or lemma in TRIGGERS or verb.tag_ not in ("VBD", "VBN") or _unrealised(verb):
            continue
        if lemma in SPEECH and not (charge and lemma == "announce"):
            continue
        if any(_path_reaches(ctx, mention, verb) for mention in ctx.dates):
            return verb
    return None


def _sharing_subject(verb: Any) -> list[Any]:
    """The next verb coordinated with `verb` that has no subject of its own, so shares its subject:
    "the judgment meted out by the court took place on 2 March", parsed as two coordinated verbs."""
    siblings = [c for c in verb.children if c.dep_ == "conj"]
    if verb.dep_ == "conj":
        siblings += [c for c in verb.head.children if c.dep_ == "conj"]
    later = [c for c in siblings if c.i > verb.i and c.pos_ in ("VERB", "AUX")
             and not any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children)]
    return sorted(later, key=lambda c: c.i)[:1]


def _path_reaches(ctx: SentenceContext, mention: Any, target: Any) -> bool:
    token = next((t for t in ctx.sentence if ctx.offset + t.idx >= mention.start), None)
    node, steps = token, 0
    while node is not None and steps < 12:
        if node.i == target.i:
            return True
        if node.head.i == node.i:
            return False
        node, steps = node.head, steps + 1
    return False


def _own_date(ctx: SentenceContext, trigger: Any) -> tuple[FuzzyDate | None, str | None]:
    triggers = {t.i for t in ctx.sentence if t.lemma_.lower() in TRIGGERS}
    verb = _happened_on(ctx, trigger)
    if verb is not None:
        trigger = verb  # the event noun's date hangs from the verb it is the subject of
    best = None
    for mention in ctx.dates:
        token = next((t for t in ctx.sentence if ctx.offset + t.idx >= mention.start), None)
        node, steps = token, 0
        while node is not None and steps < 12:
            if node.i == trigger.i:
                best = mention
                break
            if node.i in triggers and node.i != trigger.i:
                break
            if node.i != trigger.i and node.pos_ == "NOUN" and (node.lemma_.lower() in TRIGGERS
                                                                 or node.lemma_.lower() in _EVENT_NOUNS):
                break  # "sentenced ... over his 2023 conviction": the year is the conviction's
            if node.lemma_.lower() in SPEECH and node.i != trigger.i:
                break  # "..., the ministry said on Tuesday": that dates the statement, not the event
            if node.dep_ == "relcl" and node.i != trigger.i:
                break  # "freed X, who was serving a term for the 2019 killing": the clause describes X
            if node.pos_ == "VERB" and node.dep_ == "pcomp" and node.head.lower_ in ("for", "with", "over", "of") \
                    and mention.date is not None and mention.date.precision in ("year", "month"):
                # "indicted for conspiring to hack servers in 2020", "convicted of passing secrets from 2011 to
                # 2021": the time of the act charged
                # ("charged with breaching the law on Friday" still dates the charge)
                break
            if node.head.i == node.i:
                break
            node, steps = node.head, steps + 1
        if best:
            break
    if best is None:
        best = _announced(ctx, trigger, triggers)
    if best is None:
        best = _judgment_day(ctx, trigger)
    if best is None:
        return None, None
    published = ctx.doc.published
    if best.date is not None and published and best.date.first_day().isoformat() > published:
        return None, best.phrase  # a reported event cannot postdate its report: the date is a hearing to come
    return best.date, best.phrase


_JUDGMENTS = {"judgment", "judgement", "verdict", "ruling"}
# Nouns of a legal event, beside the trigger words: a date that describes one of them is its date.
_EVENT_NOUNS = _JUDGMENTS | {"conviction", "trial", "plea", "detention", "extradition", "acquittal", "hearing",
                             "appeal", "indictment", "arraignment"}


def _judgment_day(ctx: SentenceContext, trigger: Any) -> Any:
    """"X's sentencing was reported on Friday, but the judgment took place on 2 March": a court's
    outcome takes the date the sentence gives its judgment or verdict, the decision that outcome
    is. Only outcomes of a trial, only one such dated noun in the sentence."""
    if TRIGGERS.get(trigger.lemma_.lower()) not in ("sentenced", "convicted", "acquitted"):
        return None
    verbs = [verb for t in ctx.sentence if t.lemma_.lower() in _JUDGMENTS and (verb := _happened_on(ctx, t)) is not None]
    if len(verbs) != 1:
        return None
    dated = [m for m in ctx.dates if _path_reaches(ctx, m, verbs[0])]
    return dated[0] if len(dated) == 1 else None


def _announced(ctx: SentenceContext, trigger: Any, triggers: set[int]) -> Any:
    """"X was indicted on two counts, the ministry announced Thursday": a charge is made public
    the day it is announced, so the day of the announcement dates a charge the sentence does not
    date otherwise. Only charges, only a day, only the one dated announcement of the sentence and
    no other event word in it (an arrest or a verdict announced later may be older than the
    announcement)."""
    if TRIGGERS.get(trigger.lemma_.lower()) not in ("charged", "indicted"):
        return None
    if any(t.i in triggers and t.i != trigger.i and t.pos_ == "VERB" for t in ctx.sentence):
        return None
    speech = [t for t in ctx.sentence if t.lemma_.lower() in ("announce", "say") and t.pos_ == "VERB"]
    if len(speech) != 1 or speech[0].tag_ != "VBD":
        return None
    dated = [m for m in ctx.dates if m.date is not None and m.date.precision == "day" and _path_reaches(ctx, m, speech[0])]
    return dated[0] if len(dated) == 1 else None


def _authority(ctx: SentenceContext, trigger: Any) -> str | None:
    """"arrested ... by Portugal's Judicial Police" -> the authority named after "by"."""
    for child in trigger.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            found = [m for m in ctx.mentions_in_subtree(child) if m.type in ("state_agency", "agency_unit", "government_body", "country")]
            if found:
                return found[0].name
    return None


def _value(ctx: SentenceContext, status: str, trigger: Any) -> str | None:
    if status in ("arrested", "extradited", "released"):  # where: "arrested in Belgium", "extradited to the US"
        for child in trigger.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "to", "at", "from"):
                # the place the preposition names, not one inside a clause on its object ("caught in a
                # sting in which an officer posed as a Russian spy")
                clauses = [t for t in child.subtree if t.dep_ in ("relcl", "acl", "advcl")]
                places = [m for m in ctx.mentions_in_subtree(child) if m.type in ("country", "region")
                          and not any(ctx.offset + c.left_edge.idx <= m.start for c in clauses)]
                if places:
                    return f"{child.lower_} {places[0].name}"
        return None
    if status in ("charged", "indicted", "convicted", "pleaded_guilty"):
        match = _CHARGE.search(ctx.text)
        return match.group("what").strip() if match else None
    if status == "sentenced":
        from spyglass.extract.quantities import NOT_IMPOSED, find_quantities

        # "sentenced X to life and his brother to ten years": the term nearest after the trigger
        found = [q for q in find_quantities(ctx.text) if q.kind == "sentence"]
        imposed = [q for q in found if q.qualifier not in NOT_IMPOSED] or [q for q in found if q.qualifier == "suspended"]
        if not imposed:
            return None
        at = ctx.offset + trigger.idx - ctx.start
        nearest = min([q for q in imposed if q.start >= at] or imposed, key=lambda q: abs(q.start - at))
        if nearest.unit == "death":  # "to death with a two-year reprieve": a reprieve is no term
            return "death with reprieve" if re.search(r"\breprieve|\bsuspended death|stay of execution", ctx.text, re.I) else "death"
        return "life" if nearest.unit == "life" else (None if nearest.months is None else str(nearest.months))
    return None


def _hedge(ctx: SentenceContext) -> tuple[str, str | None]:
    try:
        from spyglass.extract.hedges import find_hedge
    except ImportError:
        return "none", None
    found = find_hedge(ctx.text)
    return (found.kind, found.cue) if found else ("none", None)
