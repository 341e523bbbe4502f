"""Find the inputs: files, folders (recursively), stdin, and the articles inside .jsonl files.

Only regular files are ever opened: a FIFO, socket or device (also behind a link) is refused with
a reason before any read, since reading one can block forever or never end. JSON lines are read
one line at a time, so memory stays flat whatever the size of the feed.
"""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from spyglass.ingest.decode import decode, looks_utf16, unescape_literal_escapes
from spyglass.ingest.feed import feed_articles
from spyglass.model import Rejection

FORMATS = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".xhtml": "html", ".jsonl": "jsonl", ".ndjson": "jsonl"}
_SPECIAL = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
            (stat.S_ISBLK, "a block device"))


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
        for file in walk(Path(path)):
            if isinstance(file, Rejection):
                yield file
            else:
                yield from _from_file(file, max_bytes)


def display_name(path: Path | str) -> str:
    """A path as text that can be stored and printed: bytes that are not UTF-8 are shown as \\xNN."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def walk(root: Path) -> Iterator[Path | Rejection]:
    """`root` itself, or every file under it in name order (hidden ones skipped). Links are followed,
    but a folder is entered once, so a link loop ends; a folder that cannot be listed is a Rejection."""
    try:
        info = root.stat()
    except FileNotFoundError:
        detail = "a link to a file or folder that is not there" if root.is_symlink() else "no such file or folder"
        yield Rejection(display_name(root), "not_found", detail)
        return
    except OSError as exc:  # a link loop, a folder we may not enter
        yield Rejection(display_name(root), "unreadable", f"cannot look at it: {exc.strerror or exc}")
        return
    if not stat.S_ISDIR(info.st_mode):
        yield root
        return
    seen: set[tuple[int, int]] = set()
    yield from _walk_folder(root, info, seen)


def _walk_folder(folder: Path, info: os.stat_result, seen: set[tuple[int, int]]) -> Iterator[Path | Rejection]:
    if (info.st_dev, info.st_ino) in seen:
        return  # a link back to a folder already read
    seen.add((info.st_dev, info.st_ino))
    try:
        entries = sorted(os.scandir(folder), key=lambda e: os.fsencode(e.name))
    except OSError as exc:
        yield Rejection(display_name(folder), "unreadable", f"cannot list the folder: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            sub = path.stat()
        except OSError:
            yield from walk(path)  # a dangling link: walk says so
            continue
        if stat.S_ISDIR(sub.st_mode):
            yield from _walk_folder(path, sub, seen)
        else:
            yield path


def _from_file(path: Path, max_bytes: int) -> Iterator[RawInput | Rejection]:
    source = display_name(path)
    suffix = path.suffix.lower()
    try:
        info = path.stat()
        special = next((what for test, what in _SPECIAL if test(info.st_mode)), None)
        if special:  # never opened: reading a FIFO or a device can block forever or never end
            yield Rejection(source, "not_a_file", f"this is {special}, not a file; give regular files or folders")
            return
        if suffix and suffix not in FORMATS:
            yield Rejection(source, "unsupported_format", f"{suffix} files are not read; give .txt, .html, .htm or .jsonl")
            return
        if info.st_size > max_bytes:
            yield Rejection(source, "too_large",
                            f"{info.st_size} bytes is over the limit of {max_bytes} (SPYGLASS_MAX_BYTES or --max-bytes)")
            return
        with open(path, "rb") as handle:
            head = handle.read(4096)
            if (FORMATS.get(suffix) == "jsonl" or (not suffix and _sniff_bytes(head) == "jsonl")) and not looks_utf16(head):
                handle.seek(0)
                yield from _stream_feed(source, handle)
                return
            data = head + handle.read(max_bytes + 1 - len(head))
    except OSError as exc:
        yield Rejection(source, "unreadable", f"cannot read the file: {exc.strerror or exc}")
        return
    yield from _from_bytes(source, data, FORMATS.get(suffix), max_bytes)


def _stream_feed(source: str, handle: Iterable[bytes]) -> Iterator[RawInput | Rejection]:
    any_line = False
    for item in feed_articles(source, handle):
        any_line = True
        if isinstance(item, Rejection):
            yield item
        else:
            number, record, fmt, body = item
            yield RawInput(f"{source}:{number}", unescape_literal_escapes(body), fmt, record)
    if not any_line:
        yield Rejection(source, "empty", "the file is empty or holds only whitespace")


def _from_bytes(source: str, data: bytes, fmt: str | None, max_bytes: int) -> Iterator[RawInput | Rejection]:
    if len(data) > max_bytes:
        yield Rejection(source, "too_large", f"over the limit of {max_bytes} bytes (SPYGLASS_MAX_BYTES or --max-bytes)")
        return
    # JSON lines are parsed before literal escapes are undone: `\\u2019` in a JSON string is valid.
    text = decode(data, source, escapes=False)
    if isinstance(text, Rejection):
        yield text
        return
    sniffed = _sniff(text)
    if fmt is None or (fmt == "txt" and sniffed == "html"):
        fmt = sniffed  # a page saved as .txt is still a page: its markup is no article text
    if fmt == "jsonl":
        yield from _stream_feed(source, _Lines(text))
    else:
        yield RawInput(source, unescape_literal_escapes(text), fmt)


class _Lines:
    """Decoded text read like a binary file, line by line (for a feed read whole: stdin, UTF-16)."""

    def __init__(self, text: str):
        self.text = text

    def __iter__(self) -> Iterator[bytes]:
        for line in self.text.split("\n"):
            yield line.encode("utf-8") + b"\n"


def _sniff(text: str) -> str:
    head = text.lstrip()[:1000].lower()
    if head.startswith("{") and head.split("\n", 1)[0].rstrip().endswith("}"):
        return "jsonl"
    if head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head or "<p>" in head:
        return "html"
    return "txt"


def _sniff_bytes(head: bytes) -> str:
    return _sniff(head.decode("utf-8", "ignore").lstrip("\ufeff"))


def count_files(paths: list[str]) -> int:
    """How many files `read_inputs` will open (for a progress bar)."""
    return sum(1 for path in paths for _ in ([path] if path == "-" else walk(Path(path))))
