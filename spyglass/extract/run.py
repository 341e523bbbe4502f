"""Extraction end to end for a batch of documents: mentions, then claims, each with its span.

`extract(docs)` is a pure function over an iterable of documents; it runs in one process or
inside a distributed engine's partition alike (the spaCy pipeline loads once per process).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from spyglass.extract.entities import Mention, mentions_in, parse_bodies
from spyglass.extract.references import name_mentions
from spyglass.model import Claim, Document

# Bump when extraction changes: documents extracted by an older version are extracted again.
EXTRACTION_VERSION = "0.7"


@dataclass
class Extraction:
    doc_id: str
    mentions: list[Mention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    error: str | None = None  # why extraction failed on this document, when it did


def extractable_languages() -> set[str]:
    """English through the spaCy pipeline; the others through their word forms (`extract.foreign`)."""
    from spyglass.extract.foreign import languages

    return {"en", *languages()}


def extract(docs: Iterable[Document], batch_size: int = 8) -> Iterator[Extraction]:
    """Mentions and claims for each document's body segments."""
    from spyglass.extract.claims import claims_for
    from spyglass.extract.foreign import extract_foreign, languages

    english = []
    for doc in docs:
        if doc.language and doc.language != "en" and doc.language in languages():
            try:  # another language: its own word forms, not the English parser
                mentions, claims = extract_foreign(doc)
                yield Extraction(doc.doc_id, mentions, claims)
            except Exception as exc:
                yield Extraction(doc.doc_id, error=f"{type(exc).__name__}: {exc}")
        else:
            english.append(doc)
    for doc, segments in parse_bodies(english, batch_size):
        try:
            raw = [m for offset, parsed in segments for m in mentions_in(doc.doc_id, offset, parsed)]
            raw += _author_mentions(doc)
            raw = _datelines(doc, _ages_and_hometowns(doc, _without_descriptions(doc, _shortened_names(doc, raw))))
            mentions = name_mentions(raw, doc.text)
            yield Extraction(doc.doc_id, mentions, claims_for(doc, segments, mentions))
        except Exception as exc:  # one odd document must not stop the batch: report it and go on
            yield Extraction(doc.doc_id, error=f"{type(exc).__name__}: {exc}")


_SHORTENED = re.compile(r"\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?) ([A-Z])\.?(?=[\s,;:)]|$)")


def _shortened_names(doc: Document, raw: list[Mention]) -> list[Mention]:
    """Names shortened for privacy ("Ann L.", as European courts publish them) are people even
    where the model read the given name as a nationality ("German A.") or missed it."""
    body = [(s.start, s.end) for s in doc.segments if s.kind == "body"]
    lower = {w.lower() for w in re.findall(r"\b[a-z][\w'-]+", doc.text)}
    out = list(raw)
    for match in _SHORTENED.finditer(doc.text):
        a, b = match.start(), match.end()
        if not any(s <= a < e for s, e in body) or match.group(1).lower() in lower:
            continue
        if doc.text[b : b + 1] != "." and not re.match(r"[\s,;:)]", doc.text[b : b + 1] or " "):
            continue
        if re.match(r"\.?\s+[A-Z][a-z]", doc.text[b : b + 4]):
            continue  # "Ann G. Lee": a middle initial, not a shortened name
        end = b + 1 if doc.text[b : b + 1] == "." else b
        if any(m.type == "person" and m.start <= a and end <= m.end for m in out):
            continue
        out = [m for m in out if not (m.start < end and a < m.end)]  # the nationality the model saw
        name = f"{match.group(1)} {match.group(2)}."
        out.append(Mention(doc.doc_id, a, end, doc.text[a:end], "person", None, "rule", name))
    return out


# "the former Ranger", "a retired Marine": an article (and a describing word) before one capitalised word
_ROLE_NOUNS = {"officer", "officers", "agent", "agents", "official", "officials", "employee", "employees", "spy",
               "chief", "director", "head", "member", "members", "operative", "analyst", "engineer", "contractor"}
_ARTICLE_BEFORE = re.compile(r"\b(?:[Tt]he|[Aa]n?)\s+(?P<was>(?:former|retired|ex|then|onetime|veteran|fellow)[-\s]+)?$")


def _without_descriptions(doc: Document, raw: list[Mention]) -> list[Mention]:
    """English puts no article before a person's name: a single capitalised word after "the" or
    "a" is a description (a "Ranger", a "Marine"), unless it is the surname of someone the report
    names in full ("the elder Berg" after "Ann Berg"). After "the former", a word the model took
    for an organisation is a description too, unless a noun follows ("the former KGB officer")."""
    surnames = {m.text.split()[-1] for m in raw if m.type == "person" and len(m.text.split()) >= 2}

    def describes(m: Mention) -> bool:
        if " " in m.text or m.text in surnames or m.type not in ("person", "organization"):
            return False
        article = _ARTICLE_BEFORE.search(doc.text[max(0, m.start - 30) : m.start])
        if article is None:
            return False
        follows = re.match(r"\s+([a-z]+)", doc.text[m.end : m.end + 20])
        return m.type == "person" or (bool(article.group("was")) and not (follows and follows.group(1) in _ROLE_NOUNS))

    return [m for m in raw if not describes(m)]


_AGE_AFTER = re.compile(r",\s*(?:age[ds]?\s+)?\d{1,2},")
_HOMETOWN = re.compile(r",\s*(?:age[ds]?\s+)?\d{1,2},\s*(?:of|from)\s+$")


def _ages_and_hometowns(doc: Document, raw: list[Mention]) -> list[Mention]:
    """"Gavin Reed Holloway, 51, of Chula Vista": the name an age follows is a person's, whatever
    the model typed it, and the words after "of" there are the person's home town, never a person."""
    out = []
    for m in raw:
        if m.type in ("organization", "company") and len(m.text.split()) >= 2 and _AGE_AFTER.match(doc.text, m.end):
            m = Mention(m.doc_id, m.start, m.end, m.text, "person", None, m.source, m.name if m.name != m.text else m.text)
        elif m.type == "person" and _HOMETOWN.search(doc.text[max(0, m.start - 40) : m.start]):
            m = Mention(m.doc_id, m.start, m.end, m.text, "region", None, m.source, m.name)
        out.append(m)
    return out


_DATELINE_END = re.compile(r"(?:,[^\n—–]{0,40}?)?\s*(?:\([^)\n]{1,30}\)\s*)?(?:—|–|-{1,2})\s")


def _datelines(doc: Document, raw: list[Mention]) -> list[Mention]:
    """"HONOLULU — A former officer was sentenced ...": a place in capitals opening a line before a
    dash is the dateline, never the sentence's subject."""
    out = []
    for m in raw:
        line_start = doc.text.rfind("\n", 0, m.start) + 1
        if m.type not in ("region", "country") and m.text.isupper() and len(m.text) >= 3 \
                and not doc.text[line_start : m.start].strip() and _DATELINE_END.match(doc.text, m.end):
            m = Mention(m.doc_id, m.start, m.end, m.text, "region", None, m.source, m.name)
        out.append(m)
    return out


def _author_mentions(doc: Document) -> list[Mention]:
    """The byline's authors are people the document names (in its chrome, where the span is):
    "Rachel Kim and Omar Haddad, Reuters" names two reporters, and their agency is no person."""
    if not doc.author:
        return []
    out = []
    for name in byline_people(doc.author):
        at = doc.text.find(name)
        if at >= 0:
            out.append(Mention(doc.doc_id, at, at + len(name), name, "person", None, "metadata", name))
    return out


_BYLINE_SPLIT = re.compile(r"\s*(?:,|;|&|/|\||\band\b|\bund\b|\bet\b|\bog\b|\boch\b|\by\b|\bi\b|\be\b)\s*")
_AGENCY = re.compile(r"\b(?:Reuters|AP|AFP|Associated Press|Bloomberg|Staff|Press|News|Agency|Agencies|Service|Desk|Writer|"
                     r"Correspondent|Reporter|Editor|Wire|dpa|ANSA|EFE|TASS|Xinhua|Kyodo|Yonhap|PAP|NTB|TT|Ritzau|The|Times|Post|"
                     r"Journal|Herald|Tribune|Guardian|Daily|Media|Network|TV|Radio|Magazine|Online)\b")


def byline_people(author: str) -> list[str]:
    """The people a byline names, without "By" and without agencies or desks."""
    text = re.sub(r"^\s*(?:by|von|par|por|av|af|di|door)\s+", "", author.strip(), flags=re.I)
    parts = [p.strip(" .") for p in _BYLINE_SPLIT.split(text) if p and p.strip(" .")]
    people = [p for p in parts if 2 <= len(p.split()) <= 4 and not _AGENCY.search(p) and p[:1].isupper()]
    return people or ([author] if not _AGENCY.search(author) else [])
