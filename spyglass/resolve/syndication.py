"""Group copies of one story: wire copies, truncations and spun rewrites count as one source.

Two documents are copies when most word 8-grams of the shorter one occur in the longer
(a truncated copy is contained in its original). A spun rewrite swaps words but keeps the
story's skeleton: the capitalised words and numbers, in order; when the longest common
subsequence of the two skeletons covers half the shorter one, it is derived from the other. Corroboration then counts
groups, not documents.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from datetime import date
from typing import Any

from pypinyin import lazy_pinyin
from rapidfuzz.distance import LCSseq

from spyglass.model import Document

_WORD = re.compile(r"\w+")
_SKELETON = re.compile(r"\b(?:[A-Z][\w'’-]+|\w*\d[\w.,-]*)")
COPY = 0.5
DERIVED = 0.5
_SKIP = {"The", "A", "An", "He", "She", "It", "In", "On", "At", "But", "And", "For", "This", "That", "His", "Her", "They"}


@dataclass(frozen=True)
class Link:
    a: str
    b: str
    kind: str  # "copy", "derived" (a spun rewrite) or "translation"
    score: float


def _shingles(words: list[str], n: int) -> set[int]:
    return {hash(tuple(words[i : i + n])) for i in range(max(0, len(words) - n + 1))}


_HAN = re.compile(r"[\u3400-\u9fff]")


def _words(text: str) -> list[str]:
    """Lower-case words; Han text as one syllable a character, in tone-less pinyin, so that a
    story in traditional characters is the copy of the same story in simplified ones."""
    if not _HAN.search(text):
        return [w.lower() for w in _WORD.findall(text)]
    out: list[str] = []
    for word in _WORD.findall(text):
        out += lazy_pinyin(word) if _HAN.search(word) else [word.lower()]
    return out


def _body(doc: Document) -> str:
    return doc.body_text()


def links(docs: list[Document]) -> list[Link]:
    """Copy and derivation links between documents. Documents meet only when they share a
    shingle (an index, not an n² scan of texts). One resolution asks for the links of the same
    documents several times (sources' kinds, groups): the last answer is kept."""
    key = tuple((d.doc_id, d.language, d.published, tuple((s.start, s.end, s.kind) for s in d.segments)) for d in docs)
    if key not in _LAST:
        _LAST.clear()
        _LAST[key] = _links(docs)
    return list(_LAST[key])


_LAST: dict[tuple[Any, ...], list[Link]] = {}


def _links(docs: list[Document]) -> list[Link]:
    words = {d.doc_id: _words(_body(d)) for d in docs}
    skeleton = {d.doc_id: [w.lower() for w in _SKELETON.findall(_body(d)) if w not in _SKIP] for d in docs}
    found: dict[tuple[str, str], Link] = {}
    word_sets = {doc_id: _shingles(t, 8) for doc_id, t in words.items()}
    for (a, b), count in _shared(word_sets).items():
        score = count / (min(len(word_sets[a]), len(word_sets[b])) or 1)
        if score >= COPY:
            found[(a, b)] = Link(a, b, "copy", round(score, 3))
    skeleton_sets = {doc_id: _shingles(t, 2) for doc_id, t in skeleton.items()}
    for (a, b), count in _shared(skeleton_sets).items():
        if (a, b) in found or count < 5:
            continue
        # A rewrite keeps the names and numbers in the original's order; independent reports
        # of the same case share them in another order.
        shorter = min(len(skeleton[a]), len(skeleton[b])) or 1
        score = LCSseq.similarity(skeleton[a], skeleton[b]) / shorter
        if score >= DERIVED:
            found[(a, b)] = Link(a, b, "derived", round(score, 3))
    found.update(_translations(docs, found))
    return list(found.values())


_TRANSLATED = re.compile(r"translated (?:automatically|by machine|from)|machine[- ]translat|automatic translation|"
                         r"original title\s*:|übersetzt|traduit", re.I)
_NUMBER = re.compile(r"\d{2,}")


def _translations(docs: list[Document], found: dict[tuple[str, str], Link]) -> dict[tuple[str, str], Link]:
    """A page that says it is a translation, and a report in another language published within
    three days that shares its numbers (ages, years, days of the month): one story."""
    out: dict[tuple[str, str], Link] = {}
    for a in docs:
        if not _TRANSLATED.search(a.text) or not a.published:
            continue
        numbers_a = set(_NUMBER.findall(_body(a)))
        for b in docs:
            if b.doc_id == a.doc_id or b.language == a.language or not b.published:
                continue
            days = abs((date.fromisoformat(a.published) - date.fromisoformat(b.published)).days)
            shared = numbers_a & set(_NUMBER.findall(_body(b)))
            key = (min(a.doc_id, b.doc_id), max(a.doc_id, b.doc_id))
            if days <= 3 and len(shared) >= 3 and key not in found:
                out[key] = Link(key[0], key[1], "translation", round(len(shared) / max(1, len(numbers_a)), 3))
    return out


def source_kinds(docs: list[Document]) -> dict[str, str]:
    """How much each source weighs when independent sources tie: "official" (a government,
    court or prosecutor's own page), "content_farm" (a spun rewrite of another report), or "news"."""
    kinds = {}
    for doc in docs:
        host = (doc.url or "").split("/")[2] if (doc.url or "").count("/") >= 2 else ""
        official = re.search(r"\.(gov|mil)(\.[a-z]{2})?$|\.gc\.ca$|\.europa\.eu$", host) or re.search(
            r"\b(Ministry|Department of Justice|Attorney|Prosecutor|Prosecution Service|Court|Police)\b", doc.publisher or "")
        kinds[doc.doc_id] = "official" if official else "news"
    by_id = {d.doc_id: d for d in docs}
    for link in links(docs):
        if link.kind == "derived":
            a, b = by_id[link.a], by_id[link.b]
            later = a if (a.published or "") > (b.published or "") else b
            kinds[later.doc_id] = "content_farm"
    return kinds


def _shared(sets: dict[str, set[int]]) -> dict[tuple[str, str], int]:
    index: dict[int, list[str]] = defaultdict(list)
    for doc_id, shingles in sets.items():
        for s in shingles:
            index[s].append(doc_id)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for holders in index.values():
        if 1 < len(holders) < 50:  # a shingle in 50 documents is boilerplate, not a copy
            for i, a in enumerate(holders):
                for b in holders[i + 1 :]:
                    x, y = sorted((a, b))
                    shared[(x, y)] += 1
    return shared


def groups(docs: list[Document]) -> dict[str, str]:
    """doc_id -> group id (the earliest published member's id): one group per independent story."""
    parent = {d.doc_id: d.doc_id for d in docs}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in links(docs):
        parent[root(link.a)] = root(link.b)
    order = {d.doc_id: (d.published or "9999", d.doc_id) for d in docs}
    members: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        members[root(d.doc_id)].append(d.doc_id)
    out = {}
    for group in members.values():
        first = min(group, key=lambda doc_id: order[doc_id])
        out.update({doc_id: first for doc_id in group})
    return out
