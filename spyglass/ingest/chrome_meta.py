"""Read a plain-text scrape's metadata out of its page chrome: title, byline, date, publisher.

Scrapes keep the page's header and footer as loose lines. The site's name opens the page,
the headline is the first long line after the menus, the byline starts with "By" (or sits
next to the date as a bare name), and the copyright line names who owns the text. An
aggregator that re-hosts a column prints "SITE - Title - Author" and the owner's copyright.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spyglass.ingest.lines import Line, count_words, is_chrome
from spyglass.ingest.shown_dates import parse_shown_date

_BYLINE = re.compile(r"^(?:by|von|par|por|door|di|av|af)\s+(?P<name>.+)$", re.IGNORECASE)
_POSTED_BY = re.compile(r"\b(?:posted|written)\s+by\s+(?P<name>[^|·•]+)", re.IGNORECASE)
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d\d\s*)?(?P<holder>[^.|©]+?)\s*(?:(?:19|20)\d\d)?\s*(?:\.|\||all rights|$)",
    re.IGNORECASE,
)
# Bylines that name a desk, not a person: the author is then unknown (null), as in gold.
_NOT_A_PERSON = re.compile(
    r"\b(staff|reporter|correspondent|desk|team|editor(s|ial)?|newsroom|agency|agencies|wire|information|"
    r"news|media|press|service|bureau|online|redaktion|admin)\b",
    re.IGNORECASE,
)
_NAME = re.compile(r"^[A-ZÀ-Þ][\w'’.-]+(?:\s+[A-ZÀ-Þ][\w'’.-]+){1,3}$")
_SEPARATORS = re.compile(r"\s+[|–—-]\s+|\s*\|\s*")


@dataclass
class ChromeMeta:
    title: str | None = None
    author: str | None = None
    author_as_shown: str | None = None
    published: str | None = None
    publisher: str | None = None
    aggregator: str | None = None
    original_publisher: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


def site_name(lines: list[Line]) -> str | None:
    """The name a scrape opens with ("THE HARBOUR POST | Island news" -> "THE HARBOUR POST")."""
    if not lines or count_words(lines[0].text) > 10 or parse_shown_date(lines[0].text):
        return None
    parts = [p.strip() for p in _SEPARATORS.split(lines[0].text) if p.strip()]
    if len(parts) >= 2 and _is_acronym_of(parts[0], parts[1]):
        return f"{parts[1]} ({parts[0]})"
    return parts[0] if parts else None


def read_chrome(lines: list[Line], text: str) -> ChromeMeta:
    """Metadata from the boilerplate lines of a labelled scrape."""
    meta = ChromeMeta()
    chrome = [line for line in lines if line.kind == "boilerplate"]
    # The header ends at the second body line: a standfirst may open the body before the byline.
    body_at = [i for i, line in enumerate(lines) if line.kind == "body"][:2]
    header = [line for line in lines[: body_at[-1] if body_at else len(lines)] if line.kind == "boilerplate"]
    holders = _copyright_holders(chrome)
    _read_aggregator(meta, chrome, lines)
    if meta.aggregator:
        meta.publisher = holders[0] if holders else None
    else:
        meta.publisher = _recase(site_name(lines), text)
        for holder in holders:  # the footer often spells the name as the site does
            if meta.publisher and holder.casefold() == meta.publisher.casefold():
                meta.publisher = holder
    meta.published = meta.published or _first_date(header or chrome)
    if meta.title is None:
        meta.title = _headline(header, skip_site_line=bool(lines) and lines[0] in header)
    if meta.author is None:
        meta.author, meta.author_as_shown = _byline(header, holders + [meta.publisher or ""])
    others = [h for h in holders if meta.publisher and h.casefold() != meta.publisher.casefold()]
    for line in header:  # a wire credit under the headline: "Eastline Wire"
        if line.text in others:
            meta.original_publisher = line.text
    return meta


def _read_aggregator(meta: ChromeMeta, chrome: list[Line], lines: list[Line]) -> None:
    texts = {line.text for line in lines}
    for line in chrome:
        parts = [p.strip() for p in re.split(r"\s+[-–—]\s+", line.text)]
        own_site = (site_name(lines) or "").casefold()
        if len(parts) == 3 and parts[1] in texts and parts[1] != line.text and parts[0].casefold() != own_site:
            meta.aggregator, meta.title = parts[0], parts[1]
            if _NAME.match(parts[2]) and not _NOT_A_PERSON.search(parts[2]):
                meta.author = parts[2]
            meta.author_as_shown = parts[2]
            return


def _copyright_holders(chrome: list[Line]) -> list[str]:
    holders = []
    for line in chrome:
        if not re.search(r"©|\(c\)|copyright", line.text, re.IGNORECASE):
            continue
        match = _COPYRIGHT.search(line.text)
        if match:
            holder = match.group("holder").strip(" ,.-")
            holder = re.sub(r"\s+(?:LLC|Ltd|Inc|GmbH|S\.A|sp\. z o\.o)\.?$", "", holder).strip()
            if holder and not re.fullmatch(r"[\d\s]+", holder):
                holders.append(holder)
    return holders


def _first_date(lines: list[Line]) -> str | None:
    for line in lines:
        if re.search(r"©|\(c\)|copyright", line.text, re.IGNORECASE) or count_words(line.text) > 14:
            continue
        day = parse_shown_date(line.text)
        if day:
            return day.isoformat()
    return None


def _headline(header: list[Line], skip_site_line: bool) -> str | None:
    """The first long line after the site name, its tagline and the menus."""
    candidates = header[1:] if skip_site_line else header
    for i, line in enumerate(candidates):
        if skip_site_line and i == 0 and not parse_shown_date(line.text) and len(candidates) > 1:
            continue  # the tagline under the site name
        words = count_words(line.text)
        if words < 4 or is_chrome(line.text) or parse_shown_date(line.text) or _BYLINE.match(line.text):
            continue
        if line.text.isupper() and words < 6:
            continue  # a section label such as "NATION-STATE"
        return line.text
    return None


def _byline(header: list[Line], organisations: list[str]) -> tuple[str | None, str | None]:
    orgs = {o.casefold() for o in organisations if o}
    for i, line in enumerate(header):
        match = _BYLINE.match(line.text) or _POSTED_BY.search(line.text)
        if match:
            name = match.group("name").strip()
            return (None if _NOT_A_PERSON.search(name) else name), name
    for i, line in enumerate(header):
        near_date = any(parse_shown_date(header[j].text) for j in (i - 1, i + 1) if 0 <= j < len(header))
        text = line.text
        if near_date and _NAME.match(text) and not text.isupper() and text.casefold() not in orgs:
            if _NOT_A_PERSON.search(text):
                return None, text
            return text, text
    return None, None


def _is_acronym_of(short: str, long: str) -> bool:
    initials = "".join(w[0] for w in long.split() if w[0].isupper())
    return short.isupper() and 2 <= len(short) <= 6 and short == initials


def _recase(name: str | None, text: str) -> str | None:
    """An ALL-CAPS masthead spelled as the page writes it elsewhere ("The Harbour Post")."""
    if not name or not name.isupper():
        return name
    for match in re.finditer(re.escape(name), text, re.IGNORECASE):
        if not match.group(0).isupper():
            return match.group(0)
    return name.title()
