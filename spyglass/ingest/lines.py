"""Split text into non-blank lines with offsets, and the line features the cleaners share."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_SENTENCE_END = re.compile(r"""([.!?…]|\.{3,})["'”’)\]]*$""")
_CJK = re.compile(r"[\u3400-\u9fff]")
# Chrome patterns only ever apply to short lines: a long paragraph that mentions cookies is news.
_CHROME_MAX_WORDS = 30


@dataclass
class Line:
    start: int
    end: int
    text: str
    kind: str = "body"

    @property
    def words(self) -> int:
        return count_words(self.text)

    @property
    def ends_sentence(self) -> bool:
        return bool(_SENTENCE_END.search(self.text)) or self.text.endswith(("。", "！", "？", "”", "」"))


@lru_cache(maxsize=8192)  # a line's words are asked for by several page-chrome tests
def count_words(text: str) -> int:
    """Words, with Chinese counted at 1.6 characters a word as the devset notes do."""
    if _CJK.search(text) is None:
        return len(_WORD.findall(text))
    cjk = len(_CJK.findall(text))
    return len(_WORD.findall(_CJK.sub(" ", text))) + round(cjk / 1.6)


def split_lines(text: str) -> list[Line]:
    """Every non-blank line of `text`, stripped, with its character offsets in `text`."""
    out: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append(Line(pos + lead, pos + lead + len(stripped), stripped))
        pos += len(raw) + 1
    return out


@lru_cache(maxsize=1)
def _patterns() -> tuple[list[re.Pattern[str]], list[re.Pattern[str]]]:
    data = json.loads(resources.files("spyglass.ingest").joinpath("chrome_patterns.json").read_text("utf-8"))
    compile_all = lambda items: [re.compile(p, re.IGNORECASE) for p in items]  # noqa: E731
    return compile_all(data["line"]), compile_all(data["headers"])


@lru_cache(maxsize=1)
def _line_pattern() -> re.Pattern[str]:
    """The line patterns as one alternation: a line matches it exactly when it matches one of them
    (they refer to no group), and one search costs less than forty."""
    return re.compile("|".join(f"(?:{p.pattern})" for p in _patterns()[0]), re.IGNORECASE)


# A photo caption in wire copy ("FILE - Ann Berg leaves court, May 3, 2023"), an image credit line:
# never the article, whatever its length.
_CAPTION = re.compile(r"^(?:FILE|ARCHIVO|ARCHIV|ARCHIVES?)\s*[-–—:]\s|^(?:Photo|Foto|Image|Bild|Picture)\s*(?:credit)?\s*:", re.I)


def is_chrome(text: str) -> bool:
    """A short line that matches a page-chrome pattern (cookie notice, nav, footer...), or a caption."""
    if _CAPTION.match(text):
        return True
    if count_words(text) >= _CHROME_MAX_WORDS:
        return False
    return _line_pattern().search(text) is not None


def is_related_header(text: str) -> bool:
    """A heading that opens a related-articles or most-read list."""
    return count_words(text) <= 8 and any(p.search(text) for p in _patterns()[1])


def tokens(text: str) -> list[str]:
    return [t.lower() for t in _WORD.findall(text)]
