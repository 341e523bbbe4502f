"""Label each line of a scraped text as body, pull quote, boilerplate or duplicate copy.

Works on plain-text scrapes and on the text trafilatura returns for HTML alike. The body is
the stretch between the first and the last line of prose; what lies outside it is chrome,
except text that repeats the body (a second or truncated copy), which is a duplicate.
"""

from __future__ import annotations

import math
import re
from typing import Iterator

from rapidfuzz import fuzz

from spyglass.ingest.lines import Line, count_words, is_chrome, is_related_header, split_lines, tokens
from spyglass.ingest.shown_dates import parse_shown_date
from spyglass.model import Segment

_BYLINE = re.compile(r"^(by|von|par|por|door)\s+\S+(\s+\S+){0,4}$", re.IGNORECASE)
_BARE_NAME = re.compile(r"^[A-ZÀ-Þ][\w'’.-]+(\s+[A-ZÀ-Þ][\w'’.-]+){1,3}$")
_LIST_ITEM = re.compile(r"^[-•*·]\s")
_TRUNCATED = re.compile(r"(\.{3,}|…|\s\.\.\.)\s*$")
_MIN_PULL_QUOTE_WORDS = 6
_PULL_QUOTE_OVERLAP = 0.85


def label_lines(text: str, site_name: str | None = None) -> list[Line]:
    """All non-blank lines of `text`, each with its `kind` set."""
    lines = split_lines(text)
    _mark_chrome(lines, site_name)
    _mark_duplicates(lines)
    prose = [i for i, line in enumerate(lines) if line.kind == "body" and (_is_prose(line) or _continues(lines, i))]
    if not prose:
        for line in lines:
            if line.kind == "body":
                line.kind = "boilerplate"
        return lines
    first, last = prose[0], prose[-1]
    for i, line in enumerate(lines):
        if line.kind == "body" and not first <= i <= last:
            line.kind = "boilerplate"
    _mark_pull_quotes(lines)
    return lines


def to_segments(lines: list[Line]) -> list[Segment]:
    """Merge runs of same-kind lines into segments (blank lines between them included)."""
    segments: list[Segment] = []
    for line in lines:
        if segments and segments[-1].kind == line.kind:
            segments[-1] = Segment(line.kind, segments[-1].start, line.end)
        else:
            segments.append(Segment(line.kind, line.start, line.end))
    return segments


def _continues(lines: list[Line], i: int) -> bool:
    """A sentence a press release breaks over lines ("... charges against the nationals" / "Ann L." /
    "and Erik B." / "before the court."): a long line that does not end its sentence, continued in
    lower case after at most four short name lines, on a line that ends it."""
    if lines[i].words < 8 or lines[i].ends_sentence:
        return False
    for line in lines[i + 1 : i + 6]:
        if line.kind != "body":
            return False
        lower = line.text[:1].islower()
        if line.words <= 4 and (not lower or re.match(r"(?:and|or)\s+[A-ZÀ-Þ]", line.text)):
            continue  # a name on its own line
        return lower and line.ends_sentence
    return False


def _is_prose(line: Line) -> bool:
    if _LIST_ITEM.match(line.text):
        return False  # bullets after an article are link lists far more often than facts
    words = line.words
    return (words >= 8 and line.ends_sentence) or words >= 20


def _mark_chrome(lines: list[Line], site_name: str | None) -> None:
    self_description = _self_description(site_name)
    in_related_list = False
    for line in lines:
        if is_related_header(line.text):
            line.kind, in_related_list = "boilerplate", True
            continue
        if in_related_list and not _is_prose(line):
            line.kind = "boilerplate"
            continue
        in_related_list = False
        if is_chrome(line.text) or (self_description and self_description.match(line.text)):
            line.kind = "boilerplate"
        elif _is_dateline(line.text) or _BYLINE.match(line.text):
            line.kind = "boilerplate"
    for i, line in enumerate(lines):  # a bare name printed next to the date is a byline
        beside_date = any(_is_dateline(lines[j].text) for j in (i - 1, i + 1) if 0 <= j < len(lines))
        if beside_date and line.kind == "body" and _BARE_NAME.match(line.text):
            line.kind = "boilerplate"


def _is_dateline(text: str) -> bool:
    return count_words(text) <= 8 and parse_shown_date(text) is not None


def _self_description(site_name: str | None) -> re.Pattern[str] | None:
    """A footer line in which the site describes itself ("X is an independent publication")."""
    if not site_name:
        return None
    return re.compile(re.escape(site_name) + r"\s+(is|are|was|does|has)\b", re.IGNORECASE)


def _mark_duplicates(lines: list[Line]) -> None:
    seen: dict[str, int] = {}
    kept: list[Line] = []
    for line in lines:
        if line.kind != "body":
            continue
        key = " ".join(line.text.split()).casefold()
        if key in seen:
            line.kind = "duplicate"
        elif _TRUNCATED.search(line.text) and _truncated_copy_of(line.text, kept):
            line.kind = "duplicate"
        else:
            seen[key] = 1
            kept.append(line)


def _truncated_copy_of(text: str, earlier: list[Line]) -> bool:
    head = _TRUNCATED.sub("", text).strip()
    if len(head) < 40:
        return False
    return any(len(e.text) > len(head) and fuzz.partial_ratio(head, e.text) >= 95 for e in earlier)


def _mark_pull_quotes(lines: list[Line]) -> None:
    """A display line whose words (85%) come from a longer body line is a pull quote. Lines of the same
    length are never each other's quotes: a page of many like sentences is all article."""
    body = [line for line in lines if line.kind == "body"]
    words_of = [tokens(line.text) for line in body]
    ends = [line.ends_sentence for line in body]
    # Which lines hold each word, longest first, so a line is compared only with longer lines that
    # could hold its words: comparing every pair of a page of 20,000 short lines would take hours.
    holders: dict[str, list[int]] = {}
    for i in sorted(range(len(body)), key=lambda k: -len(words_of[k])):
        for word in set(words_of[i]):
            holders.setdefault(word, []).append(i)
    for i, line in enumerate(body):
        if ends[i] and count_words(line.text) >= 25:
            continue
        words = words_of[i]
        if len(words) < _MIN_PULL_QUOTE_WORDS:
            continue
        for j in _candidates(words, holders, words_of):
            other = body[j]
            if len(other.text) < len(line.text) or (ends[i] and not ends[j]):
                continue
            pool = set(words_of[j])
            if sum(w in pool for w in words) / len(words) >= _PULL_QUOTE_OVERLAP and not _same(line, other):
                line.kind = "pull_quote"
                break


def _candidates(words: list[str], holders: dict[str, list[int]], words_of: list[list[str]]) -> Iterator[int]:
    """Longer lines that may hold enough of `words` to reach the overlap. Such a line misses at most
    `may_miss` of the word occurrences, so it holds one of the rarest words whose occurrences add up
    to more than that (pigeonhole): only their holders need comparing. Rounding down keeps it safe."""
    may_miss = len(words) - math.floor(_PULL_QUOTE_OVERLAP * len(words))
    missed = 0
    seen: set[int] = set()
    for word in sorted(set(words), key=lambda w: len(holders[w])):
        for j in holders[word]:
            if len(words_of[j]) <= len(words):
                break  # holders run longest first: the rest are no longer than this line
            if j not in seen:
                seen.add(j)
                yield j
        missed += words.count(word)
        if missed > may_miss:
            break


def _same(a: Line, b: Line) -> bool:
    return a.start == b.start
