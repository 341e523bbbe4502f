"""Turn one raw input into a stored Document: clean text, segments, metadata, language."""

from __future__ import annotations

import datetime as dt
import re

from spyglass.ingest.chrome_meta import ChromeMeta, read_chrome, site_name
from spyglass.ingest.decode import unescape_literal_escapes
from spyglass.ingest.html import read_html
from spyglass.ingest.language import detect_language
from spyglass.ingest.lines import count_words, split_lines
from spyglass.ingest.segments import label_lines, to_segments
from spyglass.ingest.shown_dates import parse_shown_date
from spyglass.ingest.sources import RawInput
from spyglass.ingest.url_dates import date_in_url
from spyglass.model import Document, Rejection, Segment, content_hash

_ELLIPSIS = re.compile(r"(\.{3,}|…)$")
_PAYWALL = re.compile(r"continue reading|subscribe to (read|continue)|for subscribers only|to read the full", re.IGNORECASE)
MIN_BODY_WORDS = 25  # below this there is no article to extract facts from


def build_document(raw: RawInput) -> Document | Rejection:
    """Clean one input. HTML goes through trafilatura first; both then share one line labeller."""
    if raw.format == "html":
        try:
            page = read_html(raw.text)
        except Exception as exc:  # lxml raises many types on broken markup; all mean the same to a user
            return Rejection(raw.source, "malformed_html", f"the HTML cannot be parsed: {exc}")
        text = unescape_literal_escapes(page.text)
        lines = label_lines(text, page.publisher)
        _drop_repeated_title(lines, page.title)
        meta = ChromeMeta(page.title, page.author, None, page.published, page.publisher)
        url, hint = page.url, page.language_hint
    else:
        text = raw.text
        lines = label_lines(text, site_name(split_lines(text)))
        meta = read_chrome(lines, text)
        url, hint = None, None
    segments = to_segments(lines)
    body = "\n".join(text[s.start : s.end] for s in segments if s.kind == "body")
    if count_words(body) < MIN_BODY_WORDS:
        return Rejection(raw.source, "no_article", f"no article text found ({count_words(body)} words of body)")
    given = raw.given
    published = meta.published
    if given.get("published"):
        day = parse_shown_date(given["published"])
        published = day.isoformat() if day else published
    extra: dict[str, object] = {}
    if published is None and (day := date_in_url(given.get("url") or url, not_after=dt.date.today())):
        published, extra["published_from"] = day.isoformat(), "url"
    if _is_truncated(text, segments):
        meta.extra["truncated"] = "yes"
    extra.update({k: v for k, v in (("aggregator", meta.aggregator), ("original_publisher", meta.original_publisher),
                               ("author_as_shown", meta.author_as_shown)) if v})
    extra.update({k: True for k in meta.extra})
    return Document(
        doc_id=content_hash(text),
        text=text,
        segments=segments,
        source_path=raw.source,
        url=given.get("url") or url,
        title=given.get("title") or meta.title,
        author=given.get("author") or meta.author,
        publisher=given.get("publisher") or meta.publisher,
        published=published,
        language=given.get("language") or detect_language(body, hint),
        format=raw.format,
        extra=extra,
    )


def _is_truncated(text: str, segments: list[Segment]) -> bool:
    """A paywall or aggregator cut: the body (or its copy) stops on an ellipsis or a paywall line."""
    if _PAYWALL.search(text):
        return True
    ends = [text[s.start : s.end].rstrip() for s in segments if s.kind in ("body", "duplicate")]
    return any(_ELLIPSIS.search(end) for end in ends)


def _drop_repeated_title(lines: list, title: str | None) -> None:
    """trafilatura may print the headline as the first line; it is metadata, not body."""
    if title and lines and lines[0].text.strip() == title.strip():
        lines[0].kind = "boilerplate"
