"""References within a document: the name each mention stands for.

"Mallory" after "Kevin Mallory", "Haoyu Wen" beside "Wen Haoyu", and "the Zhejiang bureau"
linked to the knowledge base all become one in-document name, so that claims about them
meet. Pronouns and descriptions ("he", "the former CIA officer") are resolved where a claim
needs a subject, by `Salience`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from spyglass.extract.entities import Mention
from spyglass.extract.roles import ROLE_TITLES
from spyglass.kb.builtin import load_entries

_SURNAME_TOKEN = re.compile(r"[\w'’.-]+")


@lru_cache(maxsize=1)
def _kb_names() -> dict[str, str]:
    return {entry.id: entry.name for entry in load_entries()}


def name_mentions(mentions: list[Mention], text: str) -> list[Mention]:
    """Mentions with `name` set to the in-document canonical name; surname-only mentions that
    the model missed are added for people already named in full."""
    mentions = mentions + _nicknamed(mentions, text)
    mentions = _people_typed_as_firms(mentions, text)
    mentions = _kin_named(mentions, text)
    people = _full_names(mentions)
    mentions = mentions + _missed_surnames(mentions, people, text)
    short = _short_company_names(mentions, text)
    if short:  # "Haixing" alone is the firm, even where the model took it for a place
        taken = {(m.start, m.end) for m in short}
        mentions = [m for m in mentions if (m.start, m.end) not in taken] + short
    named = []
    full_names = set(people.values())
    for m in sorted(mentions, key=lambda m: m.start):
        name = _canonical(m, people)
        # "Marlowe" typed as an organisation by the model is the person of that name
        kind = "person" if name in full_names and m.type in ("organization", "company", "region") else m.type
        named.append(replace(m, name=name, type=kind))
    return named


_NICKNAMED = re.compile(r"\b([A-Z][\w-]+)\s+[\"“‘']([A-Z][\w-]+)[\"”’']\s+([A-Z][\w-]+)")


def _nicknamed(mentions: list[Mention], text: str) -> list[Mention]:
    """'Li "Leo" Zhang': the model often misses a name with a quoted nickname inside."""
    doc_id = mentions[0].doc_id if mentions else ""
    found = []
    lo = min((m.start for m in mentions if m.source != "metadata"), default=0)
    for match in _NICKNAMED.finditer(text, lo):
        if any(m.start <= match.start() < m.end and m.type == "person" and len(_tokens(m.text)) >= 3 for m in mentions):
            continue
        full = f"{match.group(1)} {match.group(3)}"
        found.append(Mention(doc_id, match.start(), match.end(), match.group(0), "person", None, "reference", full))
    return found


# "his younger brother Tomas", "her sister, Ilse,": a sibling or child named by the given name alone
_KIN = re.compile(r"\b(?:[Hh]is|[Hh]er)\s+(?:(?:younger|older|elder|twin|little|big|eldest|youngest)\s+)?"
                  r"(?:brother|sister|son|daughter)\s*,?\s+$")


_TITLED = re.compile(r"\b(?:" + "|".join(sorted({w for words in ROLE_TITLES.values() for w in words})) + r")\b[\s,]*$", re.I)


def _kin_named(mentions: list[Mention], text: str) -> list[Mention]:
    """"Ann Berg ... her brother Tomas": a brother, sister, son or daughter named by the given name
    alone takes the family name of the person named in full last before (a guess, marked as a
    reference, that lets the report's events about "Tomas" meet those of "Tomas Berg")."""
    named: dict[tuple[int, int], Mention] = {}
    for m in mentions:
        if m.type != "person" or m.name or len(_tokens(m.text)) != 1 or not _KIN.search(text[max(0, m.start - 40) : m.start]):
            continue
        if re.match(r"\s+[A-Z]", text[m.end : m.end + 2]):
            continue  # a longer name the model cut short
        # "his": the person the report is about so far, named most often before (not a judge quoted once)
        families = [_tokens(o.name or o.text)[-1] for o in mentions if o.type == "person" and o.end <= m.start
                    and len(_tokens(o.name or o.text)) == 2 and not _HONORIFIC.match(o.text)]
        titled = {_tokens(o.name or o.text)[-1] for o in mentions if _TITLED.search(text[max(0, o.start - 30) : o.start])}
        families = [f for f in families if f not in titled]  # "the judge, Ann Berg": no one's sister
        counts = {f: len(re.findall(rf"\b{re.escape(f)}\b", text[: m.start])) for f in families}
        family = max(reversed(families), key=lambda f: counts[f]) if families else None
        if family and family != m.text:
            named[(m.start, m.end)] = replace(m, name=f"{m.text} {family}", source="reference")
    return [named.get((m.start, m.end), m) for m in mentions]


_NAME_WORD = re.compile(r"^[A-ZÀ-ÞĀ-Ž][a-zß-ÿā-ž]+(?:-[A-ZÀ-ÞĀ-Ž][a-zß-ÿā-ž]+)?$")


def _people_typed_as_firms(mentions: list[Mention], text: str) -> list[Mention]:
    """"the arrest of Tarmo Kesk" with "Kesk was charged", "Kesk's three years": a two-word name the
    model typed as an organisation is a person when the report goes on to call it by its last word
    alone, at least twice, and never by its first (a firm is shortened to its first word: "Lockheed
    Martin" to "Lockheed"), and neither word is written in lower case anywhere in the report (the
    words of "Supreme Court" or "Credit Bank" are ordinary words; a family name is not)."""
    out = []
    for m in mentions:
        words = _tokens(m.text)
        if m.type != "organization" or m.source != "model" or m.kb_id or len(words) != 2 or m.name \
                or not all(_NAME_WORD.match(w) for w in words):
            out.append(m)
            continue
        outside = text[: m.start] + " " + text[m.end :]
        alone = [re.findall(rf"(?<![\w-]){re.escape(w)}(?![\w-])", outside) for w in words]
        if len(alone[1]) >= 2 and not alone[0] and not any(
                re.search(rf"(?<![\w-]){re.escape(w.lower())}(?![\w-])", text) for w in words):
            m = replace(m, type="person")
        out.append(m)
    return out


_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Prof|Mx|Herr|Frau|M|Mme)\.?\s+(?=\S)")


def _full_names(mentions: list[Mention]) -> dict[str, str]:
    """Token set -> first full form seen, for people named with two or more words ("Mr Berg" is a
    surname with an honorific, not a full name)."""
    out: dict[str, str] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        if m.type == "person" and not _HONORIFIC.match(m.name or m.text) and len(_tokens(m.name or m.text)) >= 2:
            out.setdefault(" ".join(sorted(_tokens(m.name or m.text))), m.name or m.text)
    return out


def _canonical(m: Mention, people: dict[str, str]) -> str:
    if m.name:
        return m.name  # set where the mention was made (countries, demonyms, regions)
    if m.kb_id and m.kb_id in _kb_names():
        return _kb_names()[m.kb_id]
    if m.type == "person" or (len(_tokens(m.text)) == 1 and m.source == "model"):
        tokens = _tokens(_HONORIFIC.sub("", m.text))
        key = " ".join(sorted(tokens))
        if key in people:
            return people[key]
        if len(tokens) == 1:
            holders = [full for full in people.values()
                       if tokens[0] in _tokens(full) or tokens[0] in _diminutives(_tokens(full)[0])]
            if len(holders) > 1:  # "Daniel Marlowe" and "Daniel James Marlowe" are one person
                largest = set(max(holders, key=lambda h: len(_tokens(h))).split())
                if all(set(h.split()) <= largest for h in holders):
                    holders = holders[:1]
            if len(holders) == 1:  # a surname two people share stays as written
                return holders[0]
    return re.sub(r"\s*\([^)]*\)$", "", m.text)  # "Ministry of State Security (MSS)" -> the name


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"  # what `\w` matches


def word_spans(text: str, word: str, lo: int, hi: int, boundary_after: bool = False) -> list[tuple[int, int]]:
    r"""Where `re.finditer(rf"{re.escape(word)}(?!\w)", text[lo:hi])` matches (`` at the end too
    with `boundary_after`), as spans of `text`, found with `str.find`: a name compiled into a new
    pattern for every name of every document costs more than the search."""
    out: list[tuple[int, int]] = []
    at = text.find(word, lo, hi) if word else -1
    while at >= 0:
        end = at + len(word)
        before = _is_word(text[at - 1]) if at > lo else False
        after = _is_word(text[end]) if end < hi else False
        starts = before != _is_word(word[0])
        ends = (after != _is_word(word[-1])) if boundary_after else not after
        if starts and ends:
            out.append((at, end))
            at = text.find(word, end, hi)
        else:
            at = text.find(word, at + 1, hi)
    return out


def _missed_surnames(mentions: list[Mention], people: dict[str, str], text: str) -> list[Mention]:
    covered = [(m.start, m.end) for m in mentions]
    doc_id = mentions[0].doc_id if mentions else ""
    extra: list[Mention] = []
    body_spans = sorted({(m.start, m.end) for m in mentions})
    if not body_spans:
        return extra
    lo, hi = body_spans[0][0], body_spans[-1][1]
    for full in people.values():
        # Either end of a full name may be the family name, depending on the name's order in
        # the text ("Kevin Mallory" -> "Mallory", "Wen Haoyu" -> "Wen"): look for both.
        parts = _tokens(full)
        for part in {parts[0], parts[-1], *_diminutives(parts[0])}:
            if part.lower() in _SHORT_WORDS or len(part) < 2 or (len(part) == 2 and not part[0].isupper()):
                continue  # "He", "An": two-letter words that are not names
            for start, end in word_spans(text, part, lo, hi):
                if not any(a <= start < b or a < end <= b for a, b in covered):
                    extra.append(Mention(doc_id, start, end, part, "person", None, "reference", full))
                    covered.append((start, end))
    return extra


_GENERIC = {"technology", "technologies", "network", "networks", "information", "science", "sciences", "company",
            "group", "systems", "holdings", "international", "development", "communication", "communications",
            "netcom", "trading", "consulting", "services", "industries", "limited", "corporation", "energy"}


def _short_company_names(mentions: list[Mention], text: str) -> list[Mention]:
    """"Haixing" after "Xiamen Haixing Netcom Technology": reports shorten a firm to its
    distinctive word (a Chinese firm's first word is usually its city, so it is skipped)."""
    covered = [(m.start, m.end) for m in mentions if m.type not in ("region", "organization")]
    body = [m for m in mentions if m.source != "metadata"]
    if not body:
        return []
    lo, hi = min(m.start for m in body), max(m.end for m in body)
    extra: list[Mention] = []
    for m in [m for m in body if m.type in ("company", "organization") and len(_tokens(m.name or m.text)) >= 3]:
        words = _tokens(m.name or m.text)[1:]
        for word in [w for w in words if len(w) >= 5 and w.lower() not in _GENERIC and w[0].isupper()][:1]:
            for start, end in word_spans(text, word, lo, hi, boundary_after=True):
                if not any(a <= start < b or a < end <= b for a, b in covered):
                    extra.append(Mention(m.doc_id, start, end, word, "company", m.kb_id, "reference", m.name or m.text))
                    covered.append((start, end))
    return extra


_SHORT_WORDS = {"he", "an", "as", "at", "by", "in", "it", "no", "of", "on", "or", "so", "to", "up", "us", "we", "be",
                "do", "go", "if", "is", "me", "my", "mr", "ms", "dr", "the", "she", "her", "his", "and"}
# English short forms of given names, so that a quoted "Ray" is Raymond Carr. Data, not code.
_DIMINUTIVES = {
    "raymond": ["Ray"], "daniel": ["Dan", "Danny"], "william": ["Bill", "Will", "Billy"], "robert": ["Rob", "Bob", "Bobby"],
    "richard": ["Rick", "Dick", "Rich"], "james": ["Jim", "Jimmy", "Jamie"], "michael": ["Mike", "Mick"],
    "thomas": ["Tom", "Tommy"], "joseph": ["Joe"], "edward": ["Ed", "Eddie", "Ted"], "christopher": ["Chris"],
    "matthew": ["Matt"], "nicholas": ["Nick"], "anthony": ["Tony"], "stephen": ["Steve"], "steven": ["Steve"],
    "benjamin": ["Ben"], "samuel": ["Sam"], "alexander": ["Alex"], "katherine": ["Kate", "Kathy"],
    "elizabeth": ["Liz", "Beth"], "margaret": ["Maggie", "Peggy"], "jennifer": ["Jen", "Jenny"],
    "patricia": ["Pat", "Patty"], "susan": ["Sue"], "deborah": ["Deb", "Debbie"], "andrew": ["Andy", "Drew"],
    "david": ["Dave"], "peter": ["Pete"], "gregory": ["Greg"], "timothy": ["Tim"], "jonathan": ["Jon"],
}


def _diminutives(given: str) -> list[str]:
    return _DIMINUTIVES.get(given.lower(), [])


def _tokens(text: str) -> list[str]:
    return _SURNAME_TOKEN.findall(text)


@dataclass
class Salience:
    """Who a pronoun or a description most likely means: the most-mentioned person so far,
    falling back on the document's most-mentioned person."""

    counts: Counter[str]

    @classmethod
    def of(cls, mentions: list[Mention], kind: str = "person") -> "Salience":
        return cls(Counter(m.name for m in mentions if m.type == kind))

    def protagonist(self) -> str | None:
        return self.counts.most_common(1)[0][0] if self.counts else None
