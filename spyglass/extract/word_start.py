"""Searching a long alternation of word patterns only where a word starts.

Python's `re` tries every alternative of a pattern at every character. A pattern that can only
match from the start of a word (it opens on `\\b` and then on a word character) is searched as fast
and with the same matches when `(?<!\\w)(?=\\w)` is put before it: the engine then gives up at once inside
a word, which is most places. `at_word_starts` adds it only where the pattern's own parse shows the
match can start nowhere else.
"""

from __future__ import annotations

import re
from functools import lru_cache
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


def first_characters(pattern: re.Pattern[str]) -> set[str] | None:
    """The characters a match of `pattern` can begin with (after `\\b`), or None when its parse
    does not say (a class such as `\\w`, a lookaround, anything)."""
    return _first(list(_parser.parse(pattern.pattern, pattern.flags)))


def _opening(items: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """A parsed pattern without the boundary checks (`\\b`) it opens on."""
    while items and items[0][0] is sre.AT:
        items = items[1:]
    return items


def _union(parts: Any) -> set[str] | None:
    """The union of what each branch gives, None when one gives nothing to go by."""
    found: set[str] = set()
    for part in parts:
        if part is None:
            return None
        found |= part
    return found


def _first(items: list[tuple[Any, Any]]) -> set[str] | None:
    items = _opening(items)
    if not items:
        return None
    op, arg = items[0]
    if op is sre.LITERAL:
        return {chr(arg)}
    if op is sre.IN:
        out: set[str] = set()
        for kind, value in arg:
            if kind is sre.LITERAL:
                out.add(chr(value))
            elif kind is sre.RANGE and value[1] - value[0] < 64:
                out |= {chr(c) for c in range(value[0], value[1] + 1)}
            else:
                return None
        return out
    if op is sre.BRANCH:
        return _union(_first(list(branch) + items[1:]) for branch in arg[1])
    if op is sre.SUBPATTERN:
        inner = _first(list(arg[-1]) + items[1:])
        if inner is not None and (arg[1] | arg[2]) & sre.SRE_FLAG_IGNORECASE:  # "(?i:...)": either case
            return {c for letter in inner for c in (letter.lower(), letter.upper())}
        return inner
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        part = _first(list(arg[2]))
        rest = _first(items[1:]) if arg[0] == 0 else set()
        return None if part is None or rest is None else part | rest
    return None


def joined(patterns: list[re.Pattern[str]]) -> tuple[re.Pattern[str], ...]:
    """`patterns` as a few alternations, one for each set of flags and for whether they can only
    start a word (those searched with `(?<!\\w)(?=\\w)` before them). A text matches one of them exactly
    when it matches one of `patterns`; the patterns must not refer to groups by number or name.
    Those that start a word are grouped by the letter they can start with, each group behind a
    lookahead for that letter, so that at a word start only the group of its letter is tried."""
    groups: dict[tuple[int, bool], list[re.Pattern[str]]] = {}
    for pattern in patterns:
        groups.setdefault((pattern.flags, starts_on_a_word(pattern)), []).append(pattern)
    out = []
    for (flags, on_word), members in groups.items():
        parts = _by_first_letter(members, flags) if on_word else [f"(?:{p.pattern})" for p in members]
        out.append(re.compile(("(?<!\\w)(?=\\w)(?:" if on_word else "(?:") + "|".join(parts) + ")", flags))
    return tuple(out)


def _by_first_letter(patterns: list[re.Pattern[str]], flags: int) -> list[str]:
    """The patterns' sources grouped by the letter each can start with, a group behind a lookahead
    for its letter (the patterns' order kept inside each), then those whose letters are unknown or
    too many."""
    fold = (lambda c: c.lower()) if flags & re.IGNORECASE else (lambda c: c)
    letters: dict[str, list[str]] = {}
    rest = []
    for pattern in patterns:
        first = first_characters(pattern)
        if first is None or len({fold(c) for c in first}) > 8:
            rest.append(f"(?:{pattern.pattern})")
            continue
        for letter in sorted({fold(c) for c in first}):
            letters.setdefault(letter, []).append(f"(?:{pattern.pattern})")
    return [f"(?=[{re.escape(letter)}])(?:" + "|".join(parts) + ")" for letter, parts in sorted(letters.items())] + rest


def by_first_letter(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern`, an alternation of word patterns, with its alternatives grouped by the letter they
    start with behind a one-letter lookahead: the same matches (at a word start only the group of
    its letter can match, and each group keeps the alternatives' order). Returned unchanged when an
    alternative does not start a word or its first letters are unknown (putting it last would
    change which alternative wins)."""
    alternatives = [re.compile(a, pattern.flags) for a in _top_level_alternatives(pattern.pattern)]
    if len(alternatives) < 2 or not all(starts_on_a_word(a) for a in alternatives):
        return pattern
    groups = _by_first_letter(alternatives, pattern.flags)
    if not all(group.startswith("(?=[") for group in groups):
        return pattern
    return re.compile("(?<!\\w)(?=\\w)(?:" + "|".join(groups) + ")", pattern.flags)


def _top_level_alternatives(source: str) -> list[str]:
    """The alternatives of a pattern's outermost `|` (none inside a group or a character class)."""
    out, current, depth, in_class, i = [], "", 0, False, 0
    while i < len(source):
        char = source[i]
        if char == "\\":
            current += source[i : i + 2]
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            out.append(current)
            current, i = "", i + 1
            continue
        current += char
        i += 1
    return out + [current]


@lru_cache(maxsize=None)
def literal_prefixes(pattern: re.Pattern[str], shortest: int = 3) -> frozenset[str] | None:
    """Lower-case strings one of which every match of `pattern` begins with (after `\\b`), each at
    least `shortest` characters long; None when its parse does not give such strings. A text that
    holds none of them (lower-cased) holds no match."""
    found = _prefixes(list(_parser.parse(pattern.pattern, pattern.flags)))
    return frozenset(found) if found and all(len(p) >= shortest for p in found) else None


def _prefixes(items: list[tuple[Any, Any]]) -> set[str] | None:
    items = _opening(items)
    if not items:
        return None
    op, arg = items[0]
    if op is sre.LITERAL:
        text = ""
        for kind, value in items:
            if kind is not sre.LITERAL:
                break
            text += chr(value)
        return {text.lower()}
    if op is sre.BRANCH:
        return _union(_prefixes(list(branch)) for branch in arg[1])
    if op is sre.SUBPATTERN:
        return _prefixes(list(arg[-1]))
    return None
