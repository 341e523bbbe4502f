"""Full-text helpers: CJK text is indexed a character at a time, since it has no spaces."""

from __future__ import annotations

import re

_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_SPACED_CJK = re.compile(r"(?<=[\u3400-\u9fff\[\]]) (?=[\u3400-\u9fff\[\]])")


def index_form(text: str) -> str:
    """Text as the index stores it: 江苏省 -> 江 苏 省, so any CJK substring is a phrase."""
    return _CJK_RUN.sub(lambda m: " ".join(m.group(0)), text)


def query_form(query: str) -> str:
    """A user's query in the same form; a CJK word becomes a phrase of its characters."""
    return _CJK_RUN.sub(lambda m: '"' + " ".join(m.group(0)) + '"' if len(m.group(0)) > 1 else m.group(0), query)


def display_form(snippet: str) -> str:
    """Undo `index_form` in a snippet."""
    return _SPACED_CJK.sub("", snippet)
