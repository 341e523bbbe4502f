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
    kind: str  # "copy" or "derived"
    score: float


def _shingles(words: list[str], n: int) -> set[int]:
    return {hash(tuple(words[i : i + n])) for i in range(max(0, len(words) - n + 1))}


def _body(doc: Document) -> str:
    return doc.body_text()


def links(docs: list[Document]) -> list[Link]:
    """Copy and derivation links between documents. Documents meet only when they share a
    shingle (an index, not an n² scan of texts)."""
    words = {d.doc_id: [w.lower() for w in _WORD.findall(_body(d))] for d in docs}
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
    return list(found.values())


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
