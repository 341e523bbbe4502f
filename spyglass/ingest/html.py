"""HTML pages: the main text with trafilatura, metadata from meta tags and bylines.

trafilatura finds the article body and drops navigation, cookie banners and footers. Its
metadata is a fallback: meta tags and byline elements are read first, because the exact
author, site and UTC publication day matter more to an analyst than a best guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

import lxml.html
import trafilatura

from spyglass.ingest.shown_dates import parse_shown_date

_AUTHOR_PREFIX = re.compile(r"^\s*(?:(?:by|von|par|por|door)\s+|(?:记者|作者|文|编辑)\s*[:：/]\s*)", re.IGNORECASE)
_NOT_A_PERSON = re.compile(
    r"\b(staff|reporter|correspondent|desk|team|editor(s|ial)?|newsroom|agency|agencies|wire|news|media|"
    r"press|service|bureau|online|redaktion|admin|chronicle|times|post|daily|tribune|herald)\b",
    re.IGNORECASE,
)
_PERSON = re.compile(r"^(?:[A-ZÀ-Þ][\w'’-]*\.?\s+){1,3}[A-ZÀ-Þ][\w'’-]+$|^[\u3400-\u9fff]{2,4}$")
_TITLE_SPLIT = re.compile(r"\s+[|–—-]\s+|_")
_DATE_META = (
    "article:published_time", "og:published_time", "datePublished", "date", "pubdate", "publishdate",
    "dc.date", "dc.date.issued", "sailthru.date", "parsely-pub-date",
)


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_PARSER = lxml.html.HTMLParser(huge_tree=True)
_INVISIBLE = re.compile(r"<(script|style|head|template)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_BLOCK_TAG = re.compile(r"</?(p|div|br|h[1-6]|li|ul|ol|tr|article|section|blockquote|pre|header|footer|nav)\b", re.I)
_BLOCKS = "//p | //h2 | //h3 | //li | //blockquote | //pre"


@dataclass
class HtmlPage:
    text: str
    title: str | None
    author: str | None
    publisher: str | None
    published: str | None
    url: str | None
    language_hint: str | None


def read_html(html: str) -> HtmlPage:
    """Main text and metadata of one HTML page."""
    html = _XML_DECLARATION.sub("", html, count=1)  # the text is decoded already; lxml refuses a str that declares bytes
    # libxml2 stops at 256 nested elements unless told the document is huge; real pages nest deep by accident.
    tree = lxml.html.fromstring(html, parser=_PARSER)
    meta = _meta_tags(tree)
    found = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True, favor_precision=True
    )
    extracted = found.as_dict() if found is not None and hasattr(found, "as_dict") else (found or {})
    text = extracted.get("text") or _paragraphs(tree) or _without_tags(html)
    page_title = (tree.findtext(".//title") or "").strip()
    h1 = " ".join(tree.xpath("string(//h1)").split()) or None
    title = meta.get("og:title") or h1 or extracted.get("title") or _title_without_site(page_title)
    publisher = (
        meta.get("og:site_name")
        or meta.get("application-name")
        or _site_from_title(page_title, title)
        or _copyright_holder(tree)
        or extracted.get("sitename")
    )
    return HtmlPage(
        text=text,
        title=title,
        author=_author(tree, meta, publisher, extracted.get("author")),
        publisher=publisher,
        published=_published(tree, meta) or extracted.get("date"),
        url=meta.get("og:url") or _canonical(tree) or extracted.get("url"),
        language_hint=tree.get("lang"),
    )


def _paragraphs(tree: lxml.html.HtmlElement) -> str:
    """The page's paragraphs, for a page trafilatura cannot read (nesting beyond its parser's depth)."""
    return "\n\n".join(" ".join(p.text_content().split()) for p in tree.xpath(_BLOCKS) if p.text_content().strip())


def _without_tags(html: str) -> str:
    """The page's text with its markup removed: the last resort when even the raised limits are too low."""
    html = _INVISIBLE.sub(" ", html)
    text = _TAG.sub(lambda m: "\n" if _BLOCK_TAG.match(m.group(0)) else " ", html)
    lines = (" ".join(unescape(line).split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _meta_tags(tree: lxml.html.HtmlElement) -> dict[str, str]:
    out: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        value = (element.get("content") or "").strip()
        if key and value:
            out.setdefault(key.lower() if ":" in key else key, value)
    return out


def _canonical(tree: lxml.html.HtmlElement) -> str | None:
    links = tree.xpath("//link[@rel='canonical']/@href")
    return str(links[0]) if links else None


def _published(tree: lxml.html.HtmlElement, meta: dict[str, str]) -> str | None:
    lowered = {k.lower(): v for k, v in meta.items()}
    for key in _DATE_META:
        value = lowered.get(key.lower())
        if value and (day := parse_shown_date(value)):
            return day.isoformat()
    for stamp in tree.xpath("//time/@datetime | //*[@itemprop='datePublished']/@content"):
        if day := parse_shown_date(str(stamp)):
            return day.isoformat()
    return None


def _title_without_site(page_title: str) -> str | None:
    parts = _TITLE_SPLIT.split(page_title)
    return parts[0].strip() if parts and parts[0].strip() else None


def _site_from_title(page_title: str, title: str | None) -> str | None:
    """"Headline | Site" -> "Site", when the rest is the headline itself."""
    parts = [p.strip() for p in _TITLE_SPLIT.split(page_title) if p.strip()]
    if len(parts) >= 2 and title and parts[-1] != title and len(parts[-1].split()) <= 6:
        head = page_title[: page_title.rfind(parts[-1])]
        if title[:20] in head:
            return parts[-1]
    return None


def _copyright_holder(tree: lxml.html.HtmlElement) -> str | None:
    for text in tree.xpath("//footer//text() | //*[contains(@class,'footer')]//text()"):
        match = re.search(r"(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d\d\s*)?([^.|©]+?)\s*(?:(?:19|20)\d\d)?\s*(?:\.|\||$)", str(text), re.IGNORECASE)
        if match and match.group(1).strip():
            return match.group(1).strip()
    return None


def _author(tree: lxml.html.HtmlElement, meta: dict[str, str], publisher: str | None, fallback: str | None) -> str | None:
    candidates: list[str] = []
    if meta.get("author"):
        candidates.append(meta["author"])
    for element in tree.xpath(
        "//*[@rel='author'] | //*[@itemprop='author'] | //*[contains(@class,'author')] | //*[contains(@class,'byline')]"
        " | //*[contains(@class,'meta') and not(self::meta)]"
    ):
        own = (element.text or "").strip()  # the name before any <span class="role">
        if own:
            candidates.append(own)
        candidates.extend(str(t) for t in element.xpath(".//a/text()"))
        candidates.append(" ".join(element.text_content().split()))
    if fallback:
        candidates.append(fallback)
    for candidate in candidates:
        name = _person_in(candidate, publisher)
        if name:
            return name
    return None


def _person_in(text: str, publisher: str | None) -> str | None:
    """The first part of a byline that looks like a person's name and not an organisation."""
    for part in re.split(r"[,;·•|]| and |\s{2,}", text):
        part = _AUTHOR_PREFIX.sub("", part).strip()
        if not part or parse_shown_date(part) or (publisher and part.casefold() == publisher.casefold()):
            continue
        if _PERSON.match(part) and not _NOT_A_PERSON.search(part):
            return part
    return None
