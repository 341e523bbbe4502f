"""Blocks: the groups of documents that can only be resolved together.

Case assembly compares names only when they share a blocking key (a spelling-folded name word,
Han names read as pinyin, an initial meeting the words it may stand for), and it reads other
documents only through names: claims about the same person elsewhere, the reports whose body
names a case. So documents that share no key resolve independently, and a store's cases are the
union of the cases of its blocks: the connected groups of documents linked by shared keys. A new
document re-resolves the blocks its keys fall into and nothing else.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import product
from typing import Any, Iterable

from pypinyin import Style, pinyin

from spyglass.model import UNNAMED_SUBJECT, Claim, Document
from spyglass.resolve.mentions_scan import script_windows
from spyglass.resolve.name_skeletons import skeleton_keys
from spyglass.resolve.names import fold, loose_key, tokens
from spyglass.resolve.unnamed_reports import report_particulars

# the kinds of thing whose names can be, or point to, a case
NAMED = ("person", "company", "organization", "threat_group")
_HAN = re.compile(r"[\u3400-\u9fff]")
_HAN_RUN = re.compile(r"[\u3005\u3400-\u9fff]{2,}")
_UPPER = "A-ZÀ-ÞĀ-ŽА-ЯЁІЇЄҐΑ-Ω"
_SHORT_WORD = re.compile(r"\b[A-Z][a-z]{1,5}\b")  # "a man surnamed Zeng": a withheld name's surname alone
_WITHHELD = re.compile(r"^([\u3400-\u9fff]{1,2}?)某+$")
_CAPITALISED = re.compile(rf"[{_UPPER}][\w'’-]*(?:\s+[{_UPPER}][\w'’-]*\.?){{1,3}}")


@dataclass
class DocumentKeys:
    """What links one document to others: the words of the names it uses (`words`), the initials
    it writes (`initials`), its full names as one key (`names`) and every 2-3 capitalised word
    window of its body, each as a key a full name could have (`windows`)."""

    doc_id: str
    words: set[str] = field(default_factory=set)
    initials: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    windows: set[str] = field(default_factory=set)

    def rows(self) -> list[tuple[str, str]]:
        """(kind, key) rows as the store keeps them."""
        return ([("word", k) for k in sorted(self.words)] + [("initial", k) for k in sorted(self.initials)]
                + [("name", k) for k in sorted(self.names)] + [("window", k) for k in sorted(self.windows)])


def document_keys(doc: Document, claims: Iterable[Claim], mentions: Iterable[Any]) -> DocumentKeys:
    """The blocking keys of one document from its claims, mentions and body."""
    claims = list(claims)
    keys = DocumentKeys(doc.doc_id)
    names: set[str] = set()
    for c in claims:
        if c.subject_type in NAMED or c.subject_type is None or c.subject_type == "person_group":
            names.add(c.subject)
        if c.object and (c.object_type in NAMED or c.predicate == "alias_of"):
            names.add(c.object)
        if c.predicate in ("used_method", "alias_of") and c.value:
            names.add(c.value)
        if c.subject_type == "threat_group" and c.object:
            names.add(c.object)  # attributed_to: the firm behind a group's label
    for m in mentions:
        if m.type in NAMED:
            names |= {m.name or m.text, m.text}
    for name in names:
        _add_name(keys, name)
    body = doc.body_text()
    for span in _CAPITALISED.finditer(body):
        words = span.group(0).split()
        parts = ["".join(tokens(w)) for w in words]
        for size in (2, 3):
            for i in range(len(parts) - size + 1):
                keys.windows.add("".join(parts[i : i + size]))
                if size == 2:
                    keys.windows.add("~" + loose_key(" ".join(words[i : i + size])))
    for run in _HAN_RUN.findall(body):
        for size in (2, 3, 4):
            for i in range(len(run) - size + 1):
                keys.windows.add("".join(tokens(run[i : i + size])))
    keys.windows |= set(script_windows(body))  # names in Arabic, Georgian or katakana, by consonant skeleton
    # a report naming no one meets the reports that share its particulars (`unnamed_reports`)
    particulars = {"particular:" + p for p in report_particulars(body, doc.language or "")}
    keys.windows |= particulars
    if any(c.subject == UNNAMED_SUBJECT for c in claims):
        keys.names |= particulars
    keys.windows |= {"alone:" + w for w in _SHORT_WORD.findall(body)}
    keys.windows.discard("")
    return keys


def _add_name(keys: DocumentKeys, name: str) -> None:
    if not name:
        return
    parts = tokens(name)
    for token in parts:
        key = fold(token)
        if len(key) == 1:
            keys.initials.add(key)
        elif key:
            keys.words.add(key)
    if len(parts) >= 2:
        keys.names.add("".join(parts))
        keys.names.add("".join(reversed(parts)))
        keys.names.add("~" + loose_key(name))
        keys.names |= {"^" + key for key in skeleton_keys(name)}
        if len(parts) >= 3:
            keys.names.add(parts[0] + parts[-1])
            keys.names.add(parts[-1] + parts[0])
    if _HAN.search(name):
        keys.names.add("".join(parts))
    withheld = _WITHHELD.match(name)
    if withheld:  # every reading of the surname of 曾某某, as `mentions_scan` looks for it
        readings = product(*pinyin(withheld.group(1), style=Style.NORMAL, heteronym=True))
        keys.names |= {"alone:" + "".join(r).capitalize() for r in readings}


class Linker:
    """Union-find over documents, fed with each document's keys: two documents meet when they
    share a name word, when one writes an initial and the other a word with that first letter,
    or when a full name of one is a window of the other's body."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self._word: dict[str, str] = {}
        self._initial: dict[str, str] = {}
        self._first_letter: dict[str, list[str]] = defaultdict(list)  # an initial meets all of them
        self._name: dict[str, str] = {}
        self._window: dict[str, list[str]] = defaultdict(list)  # every document writing it: a window alone links none

    def root(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def _meet(self, index: dict[str, str], key: str, doc_id: str) -> None:
        if key in index:
            self.union(index[key], doc_id)
        else:
            index[key] = doc_id

    def add(self, keys: DocumentKeys) -> None:
        doc = keys.doc_id
        self.root(doc)
        for word in keys.words:
            self._meet(self._word, word, doc)
        for letter in sorted({word[:1] for word in keys.words}):
            self._first_letter[letter].append(doc)
            if letter in self._initial:
                self.union(self._initial[letter], doc)
        for letter in keys.initials:
            if letter not in self._initial:  # the first to write it meets every word with that letter
                for other in self._first_letter.get(letter, ()):
                    self.union(other, doc)
            self._meet(self._initial, letter, doc)
        for name in keys.names:
            self._meet(self._name, name, doc)
            for other in self._window.get(name, ()):
                self.union(other, doc)
        for window in keys.windows:
            self._window[window].append(doc)
            if window in self._name:
                self.union(self._name[window], doc)

    def join(self, names: Iterable[str]) -> None:
        """Put the documents using any of `names` in one block (an analyst's merge)."""
        found = [self._name.get(k) or self._word.get(k) for n in names
                 for k in ["".join(tokens(n)), *(fold(t) for t in tokens(n))] if k]
        anchors = [f for f in found if f]
        for other in anchors[1:]:
            self.union(anchors[0], other)

    def blocks(self) -> dict[str, list[str]]:
        """Block id (its smallest document id) -> its documents."""
        out: dict[str, list[str]] = defaultdict(list)
        for doc in self.parent:
            out[self.root(doc)].append(doc)
        return {k: sorted(v) for k, v in out.items()}
