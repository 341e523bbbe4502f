"""Legal events in reports not written in English: names, events, terms, dates and sponsors read
with each language's word forms (`lexicon/legal.json`), not a statistical parser.

No model for most of these languages ships inside a package here, so the rules work on what
every language's news prose shares:

- **names**: a privacy-shortened name ("Klaus L."), two to four capitalised words that the page
  never writes in lower case (German nouns, months and places are filtered out), a Han name
  marked as a defendant or suspect ("被告人王某", "山田太郎被告"), or a surname with 某;
- **events**: a sentence that holds an event's word forms happened to the name nearest before
  the event word (after it, when none stands before: "wurde am Montag Ann L. festgenommen"),
  never to a name the language's titles mark as a prosecutor, judge, lawyer or official, and
  never in a future or conditional sentence ("droht", "risque", "грозит");
- **terms**: N years or months in the sentence of a sentencing, life, suspended;
- **dates**: day-month-year in the language's own forms, resolved without guessing a year;
- **sponsors**: the state or service after a "spying for" cue ("für den russischen
  Geheimdienst", "в пользу Китая").

A sentence with an event and no name stands for the person the report names most, with a low
confidence: it adds to a case, it never makes one.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterator

from spyglass.extract.entities import Mention
from spyglass.extract.foreign_aliases import alias_claims
from spyglass.extract.foreign_dates import dated_near, scene_date, term_near
from spyglass.extract.foreign_names import people, sentence_around, service_matches, service_mentions
from spyglass.extract.word_forms import Lexicon, languages, lexicon
from spyglass.model import UNNAMED_SUBJECT, Claim, Document

__all__ = ["extract_foreign", "languages"]

EXTRACTOR = "spyglass.foreign"
VERSION = "0.1"

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"“„«(]?[^\W\d_a-zß-ÿа-я])|(?<=[。！？])|\n\s*\n")
# Words a full stop follows without ending the sentence: titles, initials, ordinals ("am 21. Juni").
_NO_END = re.compile(r"(?:\b(?:Dr|Prof|Mr|Mrs|Ms|St|Nr|Abs|bzw|ca|vgl|Jr|Sr|Gen|Col|Lt|Art|Nr|No|Mag|Ing|Hr|Fr|"
                     r"M|Mme|Sig|Sra|Sr|Dott|gen|ul|im|ps|t\.j|tj|tzn|[A-ZÀ-ÞА-Я])|\b\d{1,2})\.$")
# What prosecutors ask for, in the languages' own words: a term in such a sentence is no sentence.
_REQUESTED = re.compile(r"forder|beantrag|verlangt|requis|réclam|demand|eis(?:te|ten|en|t|)\b|geëist|vaati|krävde|yrkade|påstand|eiste|"
                        r"żąda|domaga|žiad|požad|требова|запрос|вимага|ζήτησ|richiest|chiest|pidió|solicit|pediu|eist|"
                        r"请求|請求|求刑|要求判", re.I)
_STATUS_ORDER = ("arrested", "charged", "convicted", "sentenced", "acquitted", "charges_dropped", "released", "deceased")
# the model's statuses for the lexicon's event names
_AS_PREDICATE = {"charges_dropped": "dismissed", "expelled": "arrested"}

# a Chinese clause that ends in "(一)案" names a case by what it is about ("X被控…一案")
# "in a previous / another / separate case", in the languages read here: what happened there is not
# this case's event
_ANOTHER_CASE = re.compile(
    r"\b(?:предыдущ\w* дел|друго\w* дел|отдельн\w* дел|попередн\w* справ|ін\w{1,3} справ|"
    r"(?:früher|ander|separat|gesondert)\w* Verfahren|(?:autre|précédente|ancienne) affaire|"
    r"(?:otra|anterior|distinta) causa|causa (?:anterior|distinta)|(?:innej|wcześniejszej|poprzedniej) spraw|"
    r"(?:altro|precedente) (?:processo|procedimento)|(?:outro|anterior) processo)", re.I)
# Japanese puts a relative clause before the name it describes ("逮捕された荒木容疑者"): the clause's
# verb in its attributive form, then the name
_ATTRIBUTIVE = re.compile(r"(?:さ?れた|した|された)?")
_NOUN_AFTER = re.compile(r"[\u3400-\u9fff\u30a0-\u30ff]")  # a Han or katakana word right after a verb form: its noun
# the arrest words of the lexicon that name a warrant or a court's detention order: a status, never a date
_WARRANT = re.compile(r"befehl|mandat|mandado", re.I)
_NAMES_THE_CASE = re.compile(r"[^,;，；。]{0,40}?一?案(?:[,;，；。]|$)")


def extract_foreign(doc: Document) -> tuple[list[Mention], list[Claim]]:
    """Mentions of people and services, and the legal-event and sponsor claims of one non-English document."""
    lex = lexicon(doc.language or "")
    if lex is None:
        return [], []
    matches = service_matches(doc)
    services = service_mentions(doc, matches)
    mentions = _canonical(people(doc, matches), doc.text)
    claims: list[Claim] = []
    counts: dict[str, int] = {}  # the people the report names in no role: whom a description may mean
    titled = {m.name for m in mentions if _titled(doc, lex, m)}
    for m in mentions:
        if m.name not in titled:
            counts[m.name] = counts.get(m.name, 0) + 1
    # only someone a sentence places in the story (an event, a spying cue, a service) may be the one
    # "the man" or "a local resident" means when the report names no one else
    involved = {m.name for m in mentions if _in_the_story(lex, doc.text, m)}
    protagonist = next(iter(counts)) if len(counts) == 1 and set(counts) <= involved else None
    sentences = list(_sentences(doc))
    # how many people the report counts in a subject ("Deux anciens agents ont été condamnés")
    counted = {_counted(lex, doc.language, re.split(r"[,;，、；]", doc.text[start:end], maxsplit=1)[0])
               for start, end in sentences}
    group = len(counts) if len(counts) in counted else None
    for i, (start, end) in enumerate(sentences):
        text = doc.text[start:end]
        here = [m for m in mentions if start <= m.start and m.end <= end]
        following = doc.text[sentences[i + 1][0] : sentences[i + 1][1]] if i + 1 < len(sentences) else ""
        previous = [m for m in mentions if i and sentences[i - 1][0] <= m.start and m.end <= sentences[i - 1][1]]
        claims += _events(doc, lex, start, text, here, counts, protagonist, following, previous, group)
        named = [m for m in services if start <= m.start and m.end <= end]
        claims += _sponsors(doc, lex, start, text, here, named, counts)
        opens = doc.text.rfind("\n", 0, start) + 1
        paragraph = [m for m in mentions if opens <= m.start and m.end <= start and m.type == "person"] \
            or [m for m in mentions if m.end <= start]
        claims += alias_claims(doc, lex, start, text, here, lambda m: _titled(doc, lex, m), f"{EXTRACTOR}.{doc.language}",
                               VERSION, paragraph)
    return mentions + services, claims


def _in_the_story(lex: Lexicon, text: str, m: Mention) -> bool:
    if _NAMES_THE_DESCRIBED.search(text[max(0, m.start - 30) : m.start]):
        return True  # "De man, Dmitri K., werkte ...": the name of the one the report has described
    sentence = sentence_around(text, m.start, m.end)
    patterns = [p for ps in lex.events.values() for p in ps] + lex.spying_for + lex.intelligence
    return any(p.search(sentence) for p in patterns)


# "De man, X,", "Der Mann, X,", "La femme, X,": a definite person noun named in apposition
_NAMES_THE_DESCRIBED = re.compile(r"(?:^|[.!?]\s+|\n)(?:de|het|der|die|das|la|le|l['’]|el|il|lo|o|a|den|han|hun)\s+"
                                  r"[^\W\d]+,\s*$", re.I)


def _canonical(mentions: list[Mention], text: str) -> list[Mention]:
    """One person, one name within a report: "佐藤容疑者" after "佐藤和彦容疑者" (a shorter Han name that
    starts a longer one), and "Then Berg" at a sentence's start beside "Ann Berg" named more often (a
    capitalised first word the page never uses mid-sentence is no given name)."""
    from collections import Counter
    from dataclasses import replace

    from spyglass.resolve.names import stem as _stem

    full = sorted({m.name for m in mentions}, key=len, reverse=True)
    seen = Counter(m.name for m in mentions)
    mid = set(re.findall(r"(?<=[a-zа-яß-ÿ,])\s+(\w+)", text))  # (overlapping: "de Sophie" after "agit de")
    out = []
    for m in mentions:
        longer = next((f for f in full if len(f) > len(m.name) >= 2 and f.startswith(m.name) and "某" not in m.name
                       and re.fullmatch(r"[\u3400-\u9fff]+", f)), None)
        words = m.name.split()
        if longer is None and len(words) == 2 and words[0] not in mid and len(words[-1].rstrip(".")) > 1:
            # (not "Pierre-Marie H." beside "Laurence H.": an initial is no surname two names can share)
            longer = next((f for f in full if f != m.name and len(f.split()) >= 2 and f.split()[0] in mid | {f.split()[0]}
                           and _stem(f.split()[-1]) == _stem(words[-1]) and seen[f] >= seen[m.name]), None)
        out.append(replace(m, name=longer) if longer else m)
    return out


def _sentences(doc: Document) -> Iterator[tuple[int, int]]:
    for segment in doc.segments:
        if segment.kind != "body":
            continue
        pos = segment.start
        body = doc.text[segment.start : segment.end]
        for match in list(_SENTENCE.finditer(body)) + [None]:
            if match is not None and _NO_END.search(body[max(0, match.start() - 8) : match.start()]):
                continue  # "Dr. Klaus L.", "am 21. Juni": no sentence ends here
            end = segment.start + (match.start() if match else len(body))
            if end > pos:
                yield pos, end
            if match:
                pos = segment.start + match.end()


def _events(doc: Document, lex: Lexicon, start: int, text: str, here: list[Mention],
            counts: dict[str, int], protagonist: str | None, following: str = "",
            previous: list[Mention] | None = None, group: int | None = None) -> list[Claim]:
    spans = [(m.start(), m.end()) for patterns in lex.events.values() for p in patterns for m in p.finditer(text)]
    if any(not any(a <= m.start() < b for a, b in spans) for p in lex.future for m in p.finditer(text)):
        # "he faces up to ten years", "il risque", "грозит": not (yet) an event; a cue that an event's
        # own words hold ("засудили до 14 років": sentenced *to*, not *up to*) is none
        return []
    out: list[Claim] = []
    seen: set[str] = set()
    guilty = any(p.search(text) for status in ("convicted", "sentenced") for p in lex.events.get(status, []))
    for status in _STATUS_ORDER:
        found = [m for p in lex.events.get(status, []) for m in p.finditer(text) if not _person_noun(doc.language, text, m)
                 and not _TIME_BY_EVENT.search(text[max(0, m.start() - 20) : m.start()])]
        # "aufgrund von Haftbefehlen ... festnehmen lassen": the arrest itself, not the warrant for it
        match = next((m for m in found if not (status == "arrested" and _WARRANT.search(m.group()))), None) \
            or next(iter(found), None)
        if match is None or status in seen:
            continue
        if any(p.search(text[max(0, match.start() - 12) : match.start()]) for p in lex.negation):
            continue
        if status == "acquitted" and guilty:
            continue  # acquitted of some counts, convicted of others: no acquittal of the person
        if _ANOTHER_CASE.search(text):
            continue  # "В рамках предыдущего дела ... был задержан": an event of the person's other case
        seen.add(status)
        at = start + match.start()
        subject, confidence = _subject(doc, lex, at, here, counts, protagonist, previous or [], start)
        if subject is None:
            continue
        subjects = [(subject, confidence)] + [(name, confidence) for name in _joined(doc, lex, here, subject)]
        opening = text[: match.start()]
        opening = opening[opening.rfind("\n") + 1 :]  # a heading the sentence begins with is no part of it
        counted = _counted(lex, doc.language, opening)
        if not here and len(counts) >= 2 and (counted == len(counts) or (
                counted is None and group == len(counts) and _plural_passive(lex, opening))):
            # "Deux anciens agents ont été condamnés vendredi" in a report naming two people (or "Les
            # anciens agents avaient été mis en examen" in one that counts two): each of them, as a
            # guess (0.5) that dates their cases but never makes one
            subjects = [(name, 0.5) for name in sorted(counts)]
        predicate = _AS_PREDICATE.get(status, status)
        if predicate == "sentenced" and _REQUESTED.search(text):
            continue  # "the prosecution demanded four years": a request, not a sentence
        value = term_near(lex, text, match.start()) if predicate == "sentenced" else None
        if predicate in ("sentenced", "convicted") and value is None and not term_near(lex, text, match.start()) \
                and not any(p.search(following) for ps in lex.events.values() for p in ps) and not _REQUESTED.search(following):
            # "... the court sentenced the couple. The man got two years, ...": the next sentence's term
            # (never the term a prosecutor asked for: "Le parquet avait requis 15 ans")
            value = term_near(lex, following, 0)
            predicate = "sentenced" if value else predicate
        # other event words: not a second pattern of this one ("postawiła zarzuty" and "zarzuty")
        others = tuple(a for a, b in spans if not (a < match.end() and match.start() < b)
                       and not _WARRANT.search(text[a:b]))  # a warrant dates itself only with "vom ..."
        date, yearless = dated_near(lex, text, match.start(), doc.published, others, doc.text[max(0, start - 600) : start])
        clause_end = (_ATTRIBUTIVE.match(text, match.end()) or match).end()
        if doc.language == "ja" and clause_end > match.end() and (any(m.start == start + clause_end for m in here)
                                                                   or _NOUN_AFTER.match(text, clause_end)):
            # "逮捕された荒木容疑者が27日、送検された", "逮捕された元社員は12月に解雇": the clause describes the
            # person the sentence is about; the day is the main verb's
            date = yearless = None
        if doc.language == "ja" and text.startswith("容疑", match.end()):
            date = yearless = None  # "逮捕容疑は2019年2月18日、…": the date of the act the arrest is for
        if date is None and yearless is None:
            date, yearless = scene_date(lex, doc.text, at, doc.published)  # "Onsdag 8. marts 2023." set the scene
        if predicate == "arrested" and _WARRANT.search(match.group()):
            date = yearless = None  # a warrant's date ("Haftbefehl vom 24. Juni") is not the day of the arrest
        if _NAMES_THE_CASE.match(text, match.end()):
            date = yearless = None  # "審理X被控刺探機密一案": the case is named by its charge; the date is the hearing's
        releaser = _releaser(lex, text, match.end()) if predicate == "released" else None
        out += [Claim(subject=name, subject_type="person", predicate=predicate, value=value, object=releaser, doc_id=doc.doc_id,
                      start=start, end=start + len(text), date=date, date_phrase=yearless,
                      extractor=f"{EXTRACTOR}.{doc.language}", extractor_version=VERSION, confidence=sure)
                for name, sure in subjects]
    # One clause that convicts and sentences ("ont été condamnés vendredi à 8 ans") is one judgment,
    # as courts outside the common law give them: the sentence has the verdict's day.
    verdicts = {c.subject: c for c in out if c.predicate == "convicted" and (c.date or c.date_phrase)}
    return [replace(c, date=verdicts[c.subject].date, date_phrase=verdicts[c.subject].date_phrase)
            if c.predicate == "sentenced" and c.date is None and c.date_phrase is None and c.subject in verdicts else c
            for c in out]


# "pochi giorni dopo l'arresto", "nach der Festnahme", "after the arrest": an event already told marks
# the time of another; it is no event of this sentence's subject
_TIME_BY_EVENT = re.compile(r"\b(?:dopo|prima|after|before|nach|vor|après|avant|después de|antes de|após|antes|po|przed|"
                            r"после|до|efter|før|etter|innan|voor)\s+(?:(?:de|del|della|dell['’]|l['’]|la|il|el|the|der|"
                            r"dem|des|die|den|le|les|o|a|da|do)\s*)?$", re.I)


# a German article or determiner before a noun ("der Angeschuldigte", "dem früheren Angeklagten")
_GERMAN_ARTICLE = re.compile(r"\b(?:der|die|den|dem|des|ein|eine|einen|einem|eines|einer)\s+(?:[a-zäöüß]\w*\s+)?$", re.I)


def _person_noun(language: str | None, text: str, match: re.Match[str]) -> bool:
    """"Der Angeschuldigte übermittelte ...": German makes a noun of the accused or the convicted
    from the event's participle; written with its capital after an article, it names the person
    and is no event."""
    word = match.group(0).split()[0]
    return (language == "de" and word[:1].isupper() and word.endswith(("te", "ten", "ter"))
            and _GERMAN_ARTICLE.search(text, 0, match.start()) is not None)


def _counted(lex: Lexicon, language: str | None, opening: str) -> int | None:
    """How many people a sentence opens on, when its subject is counted ("Deux anciens agents ont
    été condamnés", "Les deux hommes étaient accusés", "两名男子被捕"): a number word of the
    language at the sentence's start (after at most one word, an article; in Chinese and Japanese,
    the very start) with no comma before the event word; never a length of time ("deux ans").
    Not in Arabic, whose dual writes "two years" as one word."""
    if language == "ar" or any(mark in opening for mark in ",;，、；"):
        return None
    units = re.compile(rf"\s*(?:{lex.years_unit}|{lex.months_unit})", re.I)
    for n, patterns in lex.numbers.items():
        for pattern in patterns:
            found = pattern.search(opening)
            if n < 2 or not found or units.match(opening, found.end()):
                continue
            if (found.start() == 0 if language in ("zh", "ja") else len(opening[: found.start()].split()) <= 1):
                return n
    return None


def _plural_passive(lex: Lexicon, opening: str) -> bool:
    """"Les anciens agents avaient été mis en examen (et placés en détention)": a sentence opening on
    a plural subject (its first word a plural article or pronoun) with a passive marker before the
    event word, no comma between: the event happened to them."""
    words = opening.split()
    return (1 <= len(words) <= 12 and not any(mark in opening for mark in ",;")
            and any(p.fullmatch(words[0]) for p in lex.plural_subjects)
            and any(p.search(opening, len(words[0])) for p in lex.passive))


def _subject(doc: Document, lex: Lexicon, at: int, here: list[Mention], counts: dict[str, int],
             protagonist: str | None, previous: list[Mention] = [], opening: int = 0) -> tuple[str | None, float]:
    """The name nearest before the event word, else the first after it; never one a title marks as
    a prosecutor, judge, lawyer or official. No name: for a sentence that opens on "he" or "she",
    the one person the sentence before names, in no role ("... contre Ann B. Elle a été condamnée à
    12 ans"); else the report's most-named person (a guess)."""
    # a surname alone stands for the one person the report named in full with it (`people`): a
    # guess that adds to a case but never makes one
    parties = [m for m in here if not _titled(doc, lex, m)]
    before = [m for m in parties if m.end <= at]
    # "zatrzymany przez X", "festgenommen von X": the agent of a passive verb did it, it did not befall them
    # (only after a passive verb: "anholdelsen af X", "die Festnahme von X" is the arrest *of* X)
    passive = any(p.search(doc.text[opening:at]) for p in lex.passive)
    after = [m for m in parties if m.start >= at
             and not (passive and _after_agent_marker(lex, doc.text[max(0, m.start - 16) : m.start]))]
    if len(before) >= 2 and _OWNER_IN_APPOSITION.match(doc.text[before[-2].end : before[-1].start]):
        before = before[:-1]  # "Ann H., the wife of Paul H., who was sentenced": Paul only owns the description
    if before or after:
        chosen = before[-1] if before else after[0]
        return chosen.name, 0.5 if chosen.source == "reference" else 0.6
    if here:
        return None, 0.0  # the sentence names only officials: the event is not about anyone named
    just_named = {m.name for m in previous if not _titled(doc, lex, m)}
    if len(just_named) == 1 and not any(_titled(doc, lex, m) for m in previous) and _HE_OR_SHE.match(doc.text, opening):
        return just_named.pop(), 0.5
    ranked = sorted(counts, key=lambda n: -counts[n])
    if not ranked:
        return UNNAMED_SUBJECT, 0.3  # the report names no one: an unnamed defendant (never a case by itself)
    # "a local resident was detained ... Ann Berg had passed ...": when the report names one person
    # in no role, and in the story, a description means that person (a near-certain reading)
    return ranked[0], 0.55 if ranked[0] == protagonist else 0.5


# "X y Y", "X, Y und Z", "X и Y": names joined into one subject ("and" in the languages read)
_AND = re.compile(r"^\s*(?:,\s*)?(?:and|y|e|i|und|et|og|och|en|a|ir|ja|és|și|si|ve|kai|oraz|"
                  r"и|і|та|και|و)\s*$|^\s*,\s*$", re.I)


def _joined(doc: Document, lex: Lexicon, here: list[Mention], subject: str) -> list[str]:
    """The other people named together with the subject as one subject ("Ann Berg y Eva Lind fueron
    detenidas"): names in no role, each joined to the next by "and" (or a comma before one)."""
    parties = [m for m in here if m.type == "person" and not _titled(doc, lex, m)]
    at = next((i for i, m in enumerate(parties) if m.name == subject), None)
    if at is None:
        return []

    def linked(a: Mention, b: Mention) -> bool:
        return bool(_AND.match(doc.text[a.end : b.start]))

    group = [parties[at]]
    for step in (-1, 1):
        i = at
        while 0 <= i + step < len(parties) and linked(*sorted((parties[i], parties[i + step]), key=lambda m: m.start)):
            i += step
            group.append(parties[i])
    group.sort(key=lambda m: m.start)
    # a list joined by commas alone is no subject: its last link must be "and"
    if len(group) < 2 or doc.text[group[-2].end : group[-1].start].strip(" ,") == "":
        return []
    return sorted({m.name for m in group} - {subject})


def _after_agent_marker(lex: Lexicon, before: str) -> bool:
    """Whether `before` ends on "przez", "von", "par" ... and an article: the agent of a passive verb."""
    return any(re.search(rf"(?:{p.pattern})\s+(?:(?:the|der|die|dem|den|le|la|les|l['’]|el|los|las|il|lo|o|a|os|as|de)\s+)?$",
                         before, re.I) for p in lex.agent_markers)


def _titled(doc: Document, lex: Lexicon, m: Mention) -> bool:
    before = doc.text[max(0, m.start - 40) : m.start]
    after = doc.text[m.end : m.end + 40]
    if (doc.language or "") in _SPEAKER_FIRST:
        # "检察官X": a title stands right before the name ("检方发现X": the prosecutors found X, who is
        # no prosecutor); "X说", "X表示": the speaker comes before the verb
        return any(m.end() == len(before[-5:].rstrip()) for p in lex.roles for m in p.finditer(before[-5:].rstrip())) or any(
            p.match(after.lstrip(" ,(")) for p in lex.roles + lex.reporting)
    near = before[-25:]
    found = [(m.end(), p in lex.acting_roles, p in lex.reporting) for p in lex.roles + lex.reporting for m in p.finditer(near)]
    if found:
        end, acting, reporting = max(found)
        gap = near[end:]
        if reporting and "," in gap and gap.strip(" ,:"):
            pass  # "Secondo l'accusa, Bianchi aveva ...": the comma closes whom the report cites
        elif _title_reaches(doc.text, m.start - len(near) + end, m.start, lex, acting) \
                and (acting or not _undergoes(lex, after)):
            return True
    return any(p.match(after.lstrip(" ,(")) for p in lex.roles)


def _undergoes(lex: Lexicon, after: str) -> bool:
    """"El periodista X es liberado", "der Journalist X wurde festgenommen": right after the name, a
    passive verb of a case event (death aside) tells what happened to them, whatever their trade."""
    after = after.lstrip()
    marker = next((m for p in lex.passive if (m := p.match(after))), None)
    if marker is None:
        return False
    rest = after[marker.end() :].lstrip()
    return any(m.start() <= len(" ".join(rest.split()[:2])) and not (status == "deceased")
               for status, patterns in lex.events.items() for p in patterns for m in [p.search(rest[:40])] if m)


def _releaser(lex: Lexicon, text: str, end: int) -> str | None:
    """"liberado por Irán", "freigelassen von Russland": the state the passive verb ending at `end`
    names as the one that released the person (only states the lexicon knows by name)."""
    after = text[end : end + 40].lstrip()
    marker = next((m for p in lex.agent_markers if (m := p.match(after))), None)
    if marker is None:
        return None
    agent = after[marker.end() :].lstrip()
    return next((country for country, patterns in lex.demonyms.items() for p in patterns if p.match(agent)), None)


def _title_reaches(text: str, end: int, name: int, lex: Lexicon, acting: bool) -> bool:
    """A title or reporting word ends at `end`: it is the name's own ("le procureur général Jean
    Dupont", "sagte Staatsanwalt Hans Berg", "Адвокат задержанного Игорь ...") unless a sentence ends
    between them, more than two words stand between, or, after a court, judge, police or prosecutor,
    what stands between opens an event ("Le tribunal a condamné Jean Dupont", "De politie arresteerde
    Jan de Vries": they acted on the person)."""
    gap = text[end:name]
    if "." in gap.strip() or len(gap.split()) > 2:
        return False
    if not gap.strip(" ,:") or not acting:
        return True
    window = text[end : name + 120]
    return not any(m.start() < len(gap) for ps in lex.events.values() for p in ps for m in p.finditer(window))


_SPEAKER_FIRST = {"zh", "ja", "ko"}
# a sentence opening on "he" or "she" (after any quote mark or space)
_HE_OR_SHE = re.compile(r"[\s\"'«»„“”]*(?:il|elle|er|hij|han|hon|hun|lui|lei|él|ella|ele|ela|ona|он|она|він|вона|"
                        r"ён|яна|ο ίδιος|αυτός|αυτή|hän|ő|ea|他|她)(?![\w])", re.I)


# ", the wife of", ", l'épouse de", ", die Frau von": a description of the name before, owned by the name after
_OWNER_IN_APPOSITION = re.compile(r"^\s*,\s*(?:[^\s,]+\s+){0,3}?(?:de|d['’]|of|von|des|van|di|del|della|af|av|z|ze)\s*$", re.I)
_COUNTRY_ADJECTIVE = {"China": "Chinese", "Russia": "Russian", "Iran": "Iranian", "North Korea": "North Korean",
                      "United States": "US", "Belarus": "Belarusian", "Turkey": "Turkish", "Ukraine": "Ukrainian"}


_FORMER_BEFORE = re.compile(r"(?:\bex-?|former|ancien\w*|ehemalig\w*|früher\w*|bývalý\w*|był\w*|бывш\w*|entinen|voormalig\w*|"
                            r"tidligere|före detta|antigo|antiguo|ex)\s*$", re.I)
_AGENT = re.compile(r"(?<!\w)(?:agent\w*|агент\w*|αγεντ\w*|πράκτορ\w*)", re.I)


def _sponsors(doc: Document, lex: Lexicon, start: int, text: str, here: list[Mention], services: list[Mention],
              counts: dict[str, int]) -> list[Claim]:
    """"für den russischen Militärgeheimdienst spioniert", "agent of the GRU": the state or
    service after a cue (before it, in languages that put the cue last). Said of the person named
    in the sentence, else of the person the report names most."""
    out = []
    # "шпигунстві проти Росії": the state after a spying-against cue is spied on (a target)
    against = [(start + m.end(), country) for p in lex.spying_against for m in p.finditer(text)
               for country, ps in lex.demonyms.items() if any(q.match(text, m.end()) for q in ps)]
    for at, state in against:
        named = [m for m in here if m.type == "person"]
        if named:  # the person named nearest the cue (a title before the name does not matter here)
            spy = min(named, key=lambda m: abs(m.start - at)).name
            out.append(Claim(subject=spy, subject_type="person", predicate="targets", object=state,
                             object_type="country", value="spied against", doc_id=doc.doc_id, start=start,
                             end=start + len(text), extractor=f"{EXTRACTOR}.{doc.language}", extractor_version=VERSION,
                             confidence=0.5))
    spied_on = {at for at, _ in against}
    people = [m for m in here if not _titled(doc, lex, m)]
    for cue_pattern in [*lex.spying_for, _AGENT]:
        for cue in cue_pattern.finditer(text):
            lo, hi = max(0, cue.start() - 40), cue.end() + 60
            window = text[lo:hi]
            if _FORMER_BEFORE.search(text[max(0, cue.start() - 15) : cue.start()]):
                continue  # a former agent's service is a past employer
            near = (cue.start() - 40, cue.end() + 25) if cue_pattern is _AGENT else (lo, hi)
            service = next((m for m in services if near[0] <= m.start - start < near[1]), None)
            ranked = sorted(counts, key=lambda n: -counts[n])
            subject, confidence = (min(people, key=lambda m: abs(m.start - (start + cue.start()))).name, 0.5) if people \
                else ((ranked[0], 0.4) if ranked and not here else (None, 0.0))
            together = _joined(doc, lex, here, subject) if subject is not None and people else []
            if service is not None and subject is not None:
                out += [Claim(subject=who, subject_type="person", predicate="agent_of", object=service.name,
                              object_type=service.type, doc_id=doc.doc_id, start=start, end=start + len(text),
                              extractor=f"{EXTRACTOR}.{doc.language}", extractor_version=VERSION, confidence=confidence)
                        for who in [subject, *together]]
                return out
            country = next((c for c, ps in lex.demonyms.items() if any(
                start + lo + m.start() not in spied_on for p in ps for m in p.finditer(window))), None)
            if country is None:
                continue
            intelligence = any(p.search(window) for p in lex.intelligence)
            military = bool(re.search(r"milit|воен|војн|wojsk|vojen|军|軍", window, re.I))
            name = (f"{_COUNTRY_ADJECTIVE.get(country, country)}{' military' if military else ''} intelligence"
                    if intelligence else country)
            kb_name = _kb_service(name)
            if subject is None:
                continue
            out += [Claim(subject=who, subject_type="person", predicate="agent_of", object=kb_name or name,
                          object_type="state_agency" if intelligence else "country", doc_id=doc.doc_id, start=start,
                          end=start + len(text), extractor=f"{EXTRACTOR}.{doc.language}", extractor_version=VERSION,
                          confidence=confidence)
                    for who in [subject, *together]]
            return out
    return out


def _kb_service(name: str) -> str | None:
    """"Russian military intelligence" is the knowledge base's GRU when one entry has that name."""
    from spyglass.kb.builtin import alias_index, load_entries, normalise_alias

    ids = alias_index().get(normalise_alias(name), [])
    if len(ids) != 1:
        return None
    return next((e.name for e in load_entries() if e.id == ids[0]), None)
