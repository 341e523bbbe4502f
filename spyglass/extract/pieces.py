"""Cut a long body segment into pieces the parser takes whole, at paragraph, line or sentence ends.

spaCy refuses a text over `nlp.max_length` (1,000,000 characters) and needs about a gigabyte of
memory per 100,000 characters it parses at once, so a long segment is parsed in pieces of at
most `MAX_PIECE` characters. Each piece keeps its offset, so every span still points into the
document's text: a long document is extracted whole, never refused.
"""

from __future__ import annotations

import re

MAX_PIECE = 100_000
# Best first: a blank line, a line end, a sentence end, any white space.
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?。！？][\"'”’)\]]*\s"), re.compile(r"\s"))


def pieces(offset: int, text: str, limit: int = MAX_PIECE) -> list[tuple[int, str]]:
    """(offset, text) pieces of `text`, each at most `limit` characters, that cover it in order."""
    out: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        cut = _cut(text, start, start + limit)
        out.append((offset + start, text[start:cut]))
        start = cut
    if start < len(text):
        out.append((offset + start, text[start:]))
    return out


def _cut(text: str, start: int, end: int) -> int:
    """The last good break in text[start:end] past its first half; `end` itself when there is none."""
    floor = start + (end - start) // 2
    for pattern in _BREAKS:
        last = None
        for match in pattern.finditer(text, floor, end):
            last = match
        if last is not None:
            return last.end()
    return end
