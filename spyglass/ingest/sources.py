"""Find the inputs: files, folders (recursively), stdin, and the articles inside .jsonl files."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from spyglass.ingest.decode import decode, unescape_literal_escapes
from spyglass.model import Rejection

FORMATS = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".xhtml": "html", ".jsonl": "jsonl", ".ndjson": "jsonl"}
_JSONL_FIELDS = ("url", "title", "published", "author", "publisher", "language")


@dataclass
class RawInput:
    """One article to clean: its decoded text, its format, and metadata given alongside it."""

    source: str
    text: str
    format: str  # "txt" or "html"
    given: dict[str, Any] = field(default_factory=dict)


def read_inputs(paths: list[str], max_bytes: int) -> Iterator[RawInput | Rejection]:
    """Every article under `paths`, in a stable order; a bad input yields a Rejection and the walk goes on."""
    for path in paths:
        if path == "-":
            yield from _from_bytes("<stdin>", sys.stdin.buffer.read(max_bytes + 1), None, max_bytes)
            continue
        root = Path(path)
        if not root.exists():
            yield Rejection(path, "not_found", "no such file or folder")
        elif root.is_dir():
            files = sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith("."))
            for file in files:
                yield from _from_file(file, max_bytes, in_folder=True)
        else:
            yield from _from_file(root, max_bytes, in_folder=False)


def _from_file(path: Path, max_bytes: int, in_folder: bool) -> Iterator[RawInput | Rejection]:
    source = str(path)
    suffix = path.suffix.lower()
    if suffix and suffix not in FORMATS:
        yield Rejection(source, "unsupported_format", f"{suffix} files are not read; give .txt, .html, .htm or .jsonl")
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield Rejection(source, "too_large", f"{size} bytes is over the limit of {max_bytes} (SPYGLASS_MAX_BYTES)")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Rejection(source, "unreadable", f"cannot read the file: {exc.strerror or exc}")
        return
    yield from _from_bytes(source, data, FORMATS.get(suffix), max_bytes)


def _from_bytes(source: str, data: bytes, fmt: str | None, max_bytes: int) -> Iterator[RawInput | Rejection]:
    if len(data) > max_bytes:
        yield Rejection(source, "too_large", f"over the limit of {max_bytes} bytes (SPYGLASS_MAX_BYTES)")
        return
    # JSON lines are parsed before literal escapes are undone: `\\u2019` in a JSON string is valid.
    text = decode(data, source, escapes=False)
    if isinstance(text, Rejection):
        yield text
        return
    fmt = fmt or _sniff(text)
    if fmt == "jsonl":
        yield from _jsonl_articles(source, text)
    else:
        yield RawInput(source, unescape_literal_escapes(text), fmt)


def _sniff(text: str) -> str:
    head = text.lstrip()[:1000].lower()
    if head.startswith("{") and head.split("\n", 1)[0].rstrip().endswith("}"):
        return "jsonl"
    if head.startswith(("<!doctype html", "<html")) or "<body" in head or "<p>" in head:
        return "html"
    return "txt"


def _jsonl_articles(source: str, text: str) -> Iterator[RawInput | Rejection]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejection(where, "malformed_json", f"line {number} is not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield Rejection(where, "malformed_json", f"line {number} is a JSON {type(record).__name__}, not an object")
            continue
        body, fmt = record.get("html"), "html"
        if not isinstance(body, str) or not body.strip():
            body, fmt = record.get("text"), "txt"
        if not isinstance(body, str) or not body.strip():
            yield Rejection(where, "missing_field", f"line {number} has neither a non-empty 'text' nor 'html' field")
            continue
        given = {k: record[k] for k in _JSONL_FIELDS if isinstance(record.get(k), str) and record[k].strip()}
        yield RawInput(where, unescape_literal_escapes(body), fmt, given)


def count_files(paths: list[str]) -> int:
    """How many files `read_inputs` will open (for a progress bar)."""
    total = 0
    for path in paths:
        root = Path(path)
        if root.is_dir():
            total += sum(1 for p in root.rglob("*") if p.is_file() and not p.name.startswith("."))
        else:
            total += 1
    return total
