"""Reports that name no one ("a couple was given suspended sentences", "the former employee got two
years") are about a case when they share its particulars: the same firm, foundation or programme,
words that the reports of that one case use and the reports of no other case do.

Only reports whose events have no named subject (`UNNAMED_SUBJECT`) and that no case already
covers are read; a report is attached only when at least two such particulars point to one case
and none to another (country, region and agency names are no particulars: many cases share them).
An event the report dates to the day or month the case's timeline has for it is a particular too
("arrested in November 2022" beside an arrest on 22 November 2022), and so is a rare outcome both
give once a date agrees; a date that contradicts the case's rules the case out.

A report that counts the people it is about without naming them ("the same two men were
indicted") is about as many people's cases, reported together, as share its particulars; one that
gives the terms of people it never names ("the elder brother got life, the younger nine years and
ten months") is about the people reported together whose cases carry exactly those terms.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from functools import lru_cache

from spyglass.extract.date_words import MONTHS, WEEKDAYS
from spyglass.model import UNNAMED_SUBJECT, Case, Claim, Document

MIN_SHARED = 2
# Runs of capitalised words (one particular: "Brandauer Schiffbau"), katakana words, acronyms.
_RUN = re.compile(r"\b[A-ZÀ-ÞА-ЯЁ][\w’'-]{2,}(?:\s+[A-ZÀ-ÞА-ЯЁ][\w’'-]{2,})*|[\u30a0-\u30ff]{3,}|\b[A-Z]{2,}\d*\b")
# Languages that capitalise every noun: there a lone capitalised word is a noun, not a name.
_NOUNS_CAPITALISED = {"de", "lb"}


def unnamed_reports(cases: list[Case], docs: list[Document], claims: list[Claim]) -> dict[str, list[Claim]]:
    """Case id -> the unnamed-defendant claims of the reports plainly about that case, and the
    claims of the reports about a counted group that are plainly about that group (`_counted_groups`)."""
    # a report covered by a case's own claims; one that only names a case (in another script, say)
    # still has its unnamed events to place
    names = {n for case in cases for n in (case.name, *case.aliases)}
    covered = {c.doc_id for c in claims if c.subject in names}
    orphans = sorted({c.doc_id for c in claims if c.subject == UNNAMED_SUBJECT} - covered)
    linked = {d: [case for case in cases if d in case.documents] for d in orphans}
    grouped = sorted({c.doc_id for c in claims if _GROUP.match(c.subject or "")} - {
        d for case in cases if case.kind == "person" for d in case.documents})
    if not (orphans or grouped) or not cases:
        return {}
    bodies = {d.doc_id: d.body_text() for d in docs}
    languages = {d.doc_id: d.language or "" for d in docs}
    words = {doc_id: report_particulars(text, languages.get(doc_id, "")) for doc_id, text in bodies.items()}
    owners: dict[str, set[str]] = defaultdict(set)  # word -> the cases whose reports use it
    for case in cases:
        for doc_id in case.documents:
            for word in words.get(doc_id, set()):
                owners[word].add(case.case_id)
    out: dict[str, list[Claim]] = defaultdict(list, _counted_groups(cases, claims, grouped, words, owners))
    for doc_id in orphans:
        unnamed = [c for c in claims if c.doc_id == doc_id and c.subject == UNNAMED_SUBJECT]
        if len(linked[doc_id]) == 1 and _same_events(unnamed, linked[doc_id][0]) is not None:
            # the one case the report names, and no date of the report contradicts it: its unnamed
            # events are that case's
            out[linked[doc_id][0].case_id] += unnamed
            continue
        shared: dict[str, set[str]] = defaultdict(set)
        for word in words.get(doc_id, set()):
            if len(owners.get(word, ())) == 1:
                shared[next(iter(owners[word]))].add(word)
        own = [c for c in claims if c.doc_id == doc_id and c.subject == UNNAMED_SUBJECT]
        for case in cases:
            marks = _same_events(own, case)
            if marks is None:
                shared.pop(case.case_id, None)  # a date that contradicts the case: not its report
            elif marks:
                shared[case.case_id] |= marks
        ranked = sorted(shared.items(), key=lambda item: -len(item[1]))
        if not ranked or len(ranked[0][1]) < MIN_SHARED or len(ranked) > 1:
            continue  # too little in common, or particulars of two cases: which one it is about is unclear
        out[ranked[0][0]] += [c for c in claims if c.doc_id == doc_id and c.subject == UNNAMED_SUBJECT]
    placed = {c.doc_id for found in out.values() for c in found}
    for case_id, found in _by_terms(cases, claims, [d for d in orphans if d not in placed]).items():
        out[case_id] += found
    return dict(out)


# "two men", "three defendants": people a report counts without naming them (`extract.events._group`)
_GROUP = re.compile(r"^(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+[^\W\d_]+$", re.I)
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def _counted_groups(cases: list[Case], claims: list[Claim], reports: list[str], words: dict[str, set[str]],
                    owners: dict[str, set[str]]) -> dict[str, list[Claim]]:
    """"A grand jury also indicted the same two men" in a report that names neither: the report is
    about two people whose cases share its particulars. Only when as many people's cases as the
    report counts share at least two of its particulars, no other person's case shares two, each
    such particular belongs to those people's reports (and at most one group or firm of theirs),
    and those cases are reported together; and no date of the report contradicts theirs. Each
    gets the group's claims (as guesses that date a case but never make one)."""
    people = {case.case_id: case for case in cases if case.kind == "person"}
    out: dict[str, list[Claim]] = defaultdict(list)
    for doc_id in reports:
        own = [c for c in claims if c.doc_id == doc_id and _GROUP.match(c.subject or "")]
        counts = {group_size(c.subject) or 0 for c in own}
        if len(counts) != 1 or (count := counts.pop()) < 2:
            continue
        shared: dict[str, set[str]] = defaultdict(set)
        for word in words.get(doc_id, set()):
            holders = owners.get(word, set())
            persons = holders & set(people)
            if persons and len(holders) <= count + 1 and len(holders - persons) <= 1:
                for case_id in persons:
                    shared[case_id].add(word)
        chosen = [case_id for case_id, found in shared.items() if len(found) >= MIN_SHARED]
        if len(chosen) != count:
            continue  # (another person's case sharing one word, a speaker's title, says nothing)
        documents = [set(people[c].documents) for c in chosen]
        if not set.intersection(*documents):
            continue  # people never reported together are no group
        if any(_same_events(own, people[c]) is None for c in chosen):
            continue
        for case_id in chosen:
            out[case_id] += own
    return out


def _by_terms(cases: list[Case], claims: list[Claim], reports: list[str]) -> dict[str, list[Claim]]:
    """"The elder brother was sentenced to life, the younger to nine years and ten months" in a
    report that names neither: the report is about the people reported together whose cases carry
    exactly those terms, one each. Only when the report gives two terms or more, one of them not a
    whole number of years (a term that singles a case out), and one set of people fits. Each term
    goes to its holder; the report's other events, to each of them (as guesses that date a case
    but never make one); a date that contradicts one of them rules the report out."""
    names = {case.case_id: {case.name, *case.aliases} for case in cases if case.kind == "person"}
    held: dict[str, list[str]] = defaultdict(list)  # term -> the cases that carry it
    for case in cases:
        if case.case_id not in names:
            continue
        if case.sentence_months is not None:
            held[str(case.sentence_months)].append(case.case_id)
        elif any(c.predicate == "sentenced" and c.value == "life" and c.subject in names[case.case_id] for c in claims):
            held["life"].append(case.case_id)
    by_id = {case.case_id: case for case in cases}
    out: dict[str, list[Claim]] = defaultdict(list)
    for doc_id in reports:
        own = [c for c in claims if c.doc_id == doc_id and c.subject == UNNAMED_SUBJECT]
        terms = sorted({c.value for c in own if c.predicate == "sentenced" and c.value
                        and (c.value.isdigit() or c.value == "life")})
        if len(terms) < 2 or not any(t.isdigit() and int(t) % 12 for t in terms):
            continue
        fits = [group for group in itertools.product(*(held.get(t, []) for t in terms))
                if len(set(group)) == len(group) and set.intersection(*(set(by_id[c].documents) for c in group))]
        if len(fits) != 1:
            continue
        holder = dict(zip(terms, fits[0]))
        routed = {case_id: [c for c in own if not (c.predicate == "sentenced" and c.value in holder)
                            or holder[c.value or ""] == case_id] for case_id in fits[0]}
        if any(_same_events(found, by_id[case_id]) is None for case_id, found in routed.items()):
            continue
        for case_id, found in routed.items():
            out[case_id] += found
    return out


def group_size(group: str) -> int | None:
    """How many people a group names ("two men", "the three defendants"); None when it says no number."""
    for word in group.lower().split():
        if word.isdigit() or word in _NUMBERS:
            return int(word) if word.isdigit() else _NUMBERS[word]
    return None


_RARE_OUTCOMES = ("acquitted", "charges_dropped", "deceased", "escaped")


def _same_events(claims: list[Claim], case: Case) -> set[str] | None:
    """The report's dated events that the case's timeline has on the same day or month (each a
    particular), with a rare outcome both give ("acquitted") when at least one date agrees; None
    when a date of the report contradicts the case's date for that event."""
    dated = {e.status: e.date for e in case.timeline if e.date is not None and e.date.precision in ("day", "month")}
    marks = set()
    for claim in claims:
        theirs = dated.get(claim.predicate)
        if claim.date is None or theirs is None or claim.date.precision not in ("day", "month"):
            continue
        if not claim.date.agrees(theirs):
            return None
        marks.add(f"{claim.predicate} {claim.date}")
    if marks and case.status in _RARE_OUTCOMES and any(c.predicate == case.status for c in claims):
        marks.add(f"outcome {case.status}")
    return marks


def report_particulars(text: str, language: str) -> set[str]:
    """The names in a report that can single out one case: firms, foundations, programmes,
    places too small to be shared (never a country, region, demonym or agency)."""
    from spyglass.extract.places import country_name, country_of_demonym, region_name

    agencies = _agency_names()
    articled = set(_AFTER_ARTICLE.findall(text)) if language == "de" else None
    placed = set(_AFTER_PLACE_WORD.findall(text)) if language == "de" else set()
    out = set()
    for match in _RUN.finditer(text):
        if re.search(r"(?:^|[.!?:]\s+|\n\s*)$", text[max(0, match.start() - 3) : match.start()]):
            continue  # a capital that opens a sentence says nothing
        phrase = match.group(0).rstrip("'’")
        if language in _NOUNS_CAPITALISED and " " not in phrase and "-" not in phrase and not phrase.isupper() \
                and (articled is None or phrase in articled or phrase not in placed):
            continue  # a noun ("die Haft"); a place is written after "nach", "in", "aus", never after an article
        # the whole run, and each hyphenated name or acronym in it ("CSU-nahen Hanns-Seidel-Stiftung")
        for part in {phrase, *(w for w in phrase.split() if "-" in w.strip("-") or w.isupper())}:
            key = _case_ending_dropped(part.lower(), language)
            bare = re.sub(r"['’]s$", "", part)  # "Russia's" is Russia
            if not (country_name(bare) or region_name(bare) or country_of_demonym(bare) or key in agencies
                    or bare.lower() in _CALENDAR_WORDS):
                out.add(key)
    return out


# "Thursday", "March": a capital that every report writes
_CALENDAR_WORDS = frozenset(w.lower() for w in (*MONTHS, *WEEKDAYS))


# a German word written after an article or determiner: a noun, whatever its capital
_AFTER_ARTICLE = re.compile(r"\b(?i:der|die|das|den|dem|des|ein|eine|einer|einem|einen|eines|kein\w*|dies\w*|jede\w*)\s+"
                            r"(?:[a-zäöüß]\w*\s+){0,2}([A-ZÄÖÜ]\w+)")


_AFTER_PLACE_WORD = re.compile(r"\b(?:nach|in|aus|bei)\s+([A-ZÄÖÜ]\w+)\b")


def _case_ending_dropped(key: str, language: str) -> str:
    """"des Oberlandesgerichts München" and "das Oberlandesgericht München" name one court: a German
    genitive -s is dropped from each word of a particular."""
    if language != "de":
        return key
    return " ".join(w[:-1] if len(w) > 5 and w.endswith("s") else w for w in key.split())


@lru_cache(maxsize=1)
def _agency_names() -> frozenset[str]:
    from spyglass.kb.builtin import alias_index

    return frozenset(alias_index())
