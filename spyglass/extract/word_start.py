"""Searching a long alternation of word patterns only where a word starts.

Python's `re` tries every alternative of a pattern at every character. A pattern that can only
match from the start of a word (it opens on `\\b` and then on a word character) is searched as fast
and with the same matches when `(?<!\\w)(?=\\w)` is put before it: the engine then gives up at once inside
a word, which is most places. `at_word_starts` adds it only where the pattern's own parse shows the
match can start nowhere else.
"""

from __future__ import annotations

import re
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

_WORD_CATEGORIES = {sre.CATEGORY_DIGIT, sre.CATEGORY_WORD, sre.CATEGORY_UNI_DIGIT, sre.CATEGORY_UNI_WORD}


def _word_char(code: int) -> bool:
    return chr(code).isalnum() or chr(code) == "_"


def _opens_on_word_char(items: list[tuple[Any, Any]]) -> bool:
    """Whether every match of `items` (a parsed pattern) begins with a word character."""
    if not items:
        return False
    op, arg = items[0]
    if op is sre.LITERAL:
        return _word_char(arg)
    if op is sre.IN:
        return all((kind is sre.LITERAL and _word_char(value))
                   or (kind is sre.RANGE and all(_word_char(c) for c in range(value[0], value[1] + 1)))
                   or (kind is sre.CATEGORY and value in _WORD_CATEGORIES) for kind, value in arg)
    if op is sre.BRANCH:
        return all(_opens_on_word_char(list(branch) + items[1:]) for branch in arg[1])
    if op is sre.SUBPATTERN:
        return _opens_on_word_char(list(arg[-1]) + items[1:])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):  # an optional part: it and what follows
        return _opens_on_word_char(list(arg[2])) and (arg[0] >= 1 or _opens_on_word_char(items[1:]))
    return False


def starts_on_a_word(pattern: re.Pattern[str]) -> bool:
    """Whether `pattern` opens on `\\b` followed by what can only be a word character."""
    items = list(_parser.parse(pattern.pattern, pattern.flags))
    return bool(items) and items[0] == (sre.AT, sre.AT_BOUNDARY) and _opens_on_word_char(items[1:])


def joined(patterns: list[re.Pattern[str]]) -> tuple[re.Pattern[str], ...]:
    """`patterns` as a few alternations, one for each set of flags and for whether they can only
    start a word (those searched with `(?<!\\w)(?=\\w)` before them). A text matches one of them exactly
    when it matches one of `patterns`; the patterns must not refer to groups by number or name."""
    groups: dict[tuple[int, bool], list[str]] = {}
    for pattern in patterns:
        groups.setdefault((pattern.flags, starts_on_a_word(pattern)), []).append(f"(?:{pattern.pattern})")
    return tuple(re.compile(("(?<!\\w)(?=\\w)(?:" if on_word else "(?:") + "|".join(parts) + ")", flags)
                 for (flags, on_word), parts in groups.items())
