"""The model's attribute ruler, with its one-token exact-value patterns looked up instead of run.

The attribute ruler of `en_core_web_sm` maps tags to parts of speech and fixes words' forms with
about 180 patterns; spaCy's token Matcher tries every one at every token. Most are a single token
with exact values or sets of them (`[{"TAG": "NN"}]`, `[{"LOWER": {"IN": ["is", "'s"]}, "TAG": "VBZ"}]`):
a table keyed by those attributes' values finds the same (key, start, end) triples. The rest
(two tokens, NOT_IN, REGEX) stay in a Matcher.
The ruler sorts its matches by (attribute set, key, start, end), a total order, so the result
is the same list, and it sets the same attributes.
"""

from __future__ import annotations

import functools
import itertools
import operator
from typing import Any, Callable

from spacy.attrs import IDS
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

# Attributes a looked-up pattern may test, each a plain value of the token read in one pass: an
# exact string, a set of strings ({"IN": [...]}, or {"NOT_IN": [...]} beside one of the others), or
# a flag (True/False).
_PLAIN = ("ORTH", "LOWER", "TAG", "DEP", "IS_SPACE")

Negative = tuple[str, frozenset[str]]  # an attribute and the values it must not have


def _choices(name: str, value: Any) -> list[Any] | None:
    """The values of `name` the pattern accepts, or None where a table cannot say (REGEX, ...)."""
    if name == "IS_SPACE":
        return [int(value)] if isinstance(value, bool) else None
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and list(value) == ["IN"] and all(isinstance(v, str) for v in value["IN"]):
        return list(dict.fromkeys(value["IN"]))
    return None


def _negative(name: str, value: Any) -> Negative | None:
    if (name != "IS_SPACE" and isinstance(value, dict) and list(value) == ["NOT_IN"]
            and all(isinstance(v, str) for v in value["NOT_IN"])):
        return name, frozenset(value["NOT_IN"])
    return None


def _table_rows(pattern: Any) -> tuple[tuple[str, ...], list[tuple[Any, ...]], list[Negative]] | None:
    """(attribute names, every accepted combination of their values, the values other attributes
    must not have) for a one-token pattern a table can hold; a token matches it when its values
    are one of the combinations (at most one is) and none of the excluded ones."""
    if not (isinstance(pattern, list) and len(pattern) == 1 and isinstance(pattern[0], dict) and pattern[0]):
        return None
    if not all(n in _PLAIN for n in pattern[0]):
        return None
    negatives = [neg for n in sorted(pattern[0]) if (neg := _negative(n, pattern[0][n])) is not None]
    names = tuple(n for n in sorted(pattern[0]) if n not in {neg[0] for neg in negatives})
    choices = [_choices(n, pattern[0][n]) for n in names]
    if not names or any(c is None for c in choices):
        return None
    return names, list(itertools.product(*choices)), negatives  # type: ignore[arg-type]


class FastAttributeMatch:
    """`AttributeRuler.match` for `ruler`, with the same result: call it with a Doc."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.ruler = ruler
        strings = ruler.vocab.strings
        self.others = Matcher(ruler.vocab, validate=ruler.validate)
        by_names: dict[tuple[str, ...], list[tuple[tuple[Any, ...], int, list[Negative]]]] = {}
        for index in range(len(ruler.attrs)):
            key = strings.add(str(index))  # the ruler's key for its pattern set `index`
            for pattern in ruler.matcher.get(key)[1]:
                rows = _table_rows(pattern)
                if rows is None:
                    self.others.add(key, [pattern])
                    continue
                names, combinations, negatives = rows
                by_names.setdefault(names, []).extend((values, key, negatives) for values in combinations)
        self.columns = sorted({n for names in by_names for n in names}
                              | {n for entries in by_names.values() for _, _, negs in entries for n, _ in negs})
        # One table for each set of attribute names: the token's values (one bare value for one
        # attribute, as operator.itemgetter gives it) -> [(key, [(column, values it must not have)])].
        self.tables: list[tuple[Callable[[list[int]], Any], dict[Any, list[tuple[int, list[tuple[int, frozenset[int]]]]]]]] = []
        for names, entries in by_names.items():
            table: dict[Any, list[tuple[int, list[tuple[int, frozenset[int]]]]]] = {}
            for values, key, negatives in entries:
                ids = tuple(v if isinstance(v, int) else strings.add(v) for v in values)
                table.setdefault(ids[0] if len(ids) == 1 else ids, []).append(
                    (key, [(self.columns.index(n), frozenset(strings.add(v) for v in vs)) for n, vs in negatives]))
            self.tables.append((operator.itemgetter(*[self.columns.index(n) for n in names]), table))

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        found: set[tuple[int, int, int]] = set()
        if len(self.others):
            found.update(self.others(doc, allow_missing=True, as_spans=False))  # type: ignore[arg-type]
        if self.columns and len(doc):
            rows = doc.to_array([IDS[c] for c in self.columns]).tolist()
            if len(self.columns) == 1:
                rows = [[value] for value in rows]
            for getter, table in self.tables:
                for i, row in enumerate(rows):
                    keys = table.get(getter(row))
                    if keys:
                        found.update((key, i, i + 1) for key, negatives in keys
                                     if not any(row[column] in ids for column, ids in negatives))
        strings = self.ruler.vocab.strings
        return sorted((int(strings[key]), key, start, end) for key, start, end in found)


def set_annotations(ruler: AttributeRuler, doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
    """`AttributeRuler.set_annotations` with the same result, written to the Doc in one array: the
    value each match gives each attribute of its token, in the matches' order (a later one wins),
    instead of a Span and a Token made for every match."""
    values: dict[tuple[int, int], int] = {}
    for attr_id, _, start, end in matches:
        index = ruler.indices[attr_id]
        at = (start if index >= 0 else end) + index
        attrs = ruler.attrs[attr_id]
        if not start <= at < end or "_" in attrs:  # the ruler's own error, or extension attributes
            AttributeRuler.set_annotations(ruler, doc, matches)
            return
        for attr, value in attrs.items():
            values[at, attr] = value
    if not values:
        return
    columns: list[int | str] = sorted({attr for _, attr in values})
    array: Any = doc.to_array(columns)
    if len(columns) == 1:
        array = array.reshape((len(doc), 1))
    where = {attr: i for i, attr in enumerate(columns)}
    for (at, attr), value in values.items():
        array[at, where[attr]] = value
    doc.from_array(columns, array)


def speed_up(ruler: AttributeRuler) -> None:
    """Make `ruler` match through `FastAttributeMatch` and write through `set_annotations` (call
    after its last pattern is added)."""
    ruler.match = FastAttributeMatch(ruler)  # type: ignore[method-assign]
    ruler.set_annotations = functools.partial(set_annotations, ruler)  # type: ignore[method-assign]
