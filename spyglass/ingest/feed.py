"""JSON-lines feeds read one line at a time: each line an article, or a Rejection with its line number."""

from __future__ import annotations

import codecs
import json
from typing import Any, Iterable, Iterator

from spyglass.ingest.decode import decode
from spyglass.model import Rejection

FIELDS = ("url", "title", "published", "author", "publisher", "language")
Article = tuple[int, dict[str, Any], str, str]  # line number, given metadata, "html" or "txt", body


def feed_articles(source: str, lines: Iterable[bytes]) -> Iterator[Article | Rejection]:
    """Every article of a feed whose lines are UTF-8 (or a single-byte code page, decoded line by line)."""
    for number, raw in enumerate(lines, start=1):
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
        if not raw.strip():
            continue
        where = f"{source}:{number}"
        line = decode(raw, where, escapes=False)
        if isinstance(line, Rejection):
            yield Rejection(where, line.reason, f"line {number}: {line.detail}")
            continue
        yield _article(where, number, line)


def _article(where: str, number: int, line: str) -> Article | Rejection:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return Rejection(where, "malformed_json", f"line {number} is not valid JSON ({exc.msg} at column {exc.colno})")
    except RecursionError:
        return Rejection(where, "malformed_json", f"line {number} nests JSON too deeply to be an article")
    if not isinstance(record, dict):
        return Rejection(where, "malformed_json", f"line {number} is a JSON {type(record).__name__}, not an object")
    body, fmt = record.get("html"), "html"
    if not isinstance(body, str) or not body.strip():
        body, fmt = record.get("text"), "txt"
    if not isinstance(body, str) or not body.strip():
        return Rejection(where, "missing_field", f"line {number} has neither a non-empty 'text' nor 'html' field")
    given = {k: record[k] for k in FIELDS if isinstance(record.get(k), str) and record[k].strip()}
    return number, given, fmt, body
