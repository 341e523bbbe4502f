"""Search that accepts any text a user types: FTS5 syntax when it parses, else the words quoted, and names
matched with their punctuation ignored ("i-Soon", "U.S.", "Co., Ltd.", "FSB?", "Gao's" all answer)."""

from __future__ import annotations

import re
from typing import Any

from spyglass.errors import InputError, QueryError
from spyglass.serve.data import Data

_WORD = re.compile(r"\w", re.UNICODE)
_CJK = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]+$")
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b", re.IGNORECASE)


def quoted(query: str) -> str:
    """Each word as an FTS5 phrase ("i-Soon" -> "i-Soon", matched as the tokens i soon); words with no
    letter or digit are dropped; CJK runs stay bare (the store turns them into phrases itself)."""
    words = [_POSSESSIVE.sub("", w) for w in query.split()]
    return " ".join(w if _CJK.match(w) else '"' + w.replace('"', '""') + '"' for w in words if _WORD.search(w))


def folded(text: str) -> str:
    """A name for matching: case folded, possessive and every character but letters and digits dropped."""
    return "".join(ch for ch in _POSSESSIVE.sub("", text).casefold() if ch.isalnum())


def documents(data: Data, q: str, limit: int) -> tuple[list[Any], str | None]:
    """Full-text hits and, when the query was read as plain words rather than FTS5 syntax, a note saying so."""
    store = data.store()
    try:
        return store.search(q, limit), None
    except QueryError:
        pass
    plain = quoted(q)
    if not plain:
        return [], "the query has no letters or digits to look for"
    try:
        return store.search(plain, limit), f"searched for the words {plain} (the query is not FTS5 syntax)"
    except QueryError:
        return [], "the query could not be read as words; names are matched below"


def search_all(data: Data, q: str, limit: int = 20) -> dict[str, Any]:
    """Full text over documents (with snippets), and names over entities, cases and the knowledge base."""
    from spyglass.kb.store import search as kb_search

    if not q.strip():
        raise InputError("the search query is empty; give words to look for")
    hits, note = documents(data, q, limit)
    snap = data.snapshot()
    want = folded(q)

    def matches(name: str | None) -> bool:
        return bool(want) and bool(name) and want in folded(name or "")

    entities = [e.summary() for e in snap.entities.values() if matches(e.name) or any(matches(a) for a in e.aliases)]
    entities.sort(key=lambda e: (-e["documents"], e["name"]))
    cases = []
    for r in data.case_rows():
        names = [r["name"], *r["aliases"], (r["sponsor"] or {}).get("name") or ""]
        hit = next((n for n in names if matches(n)), None)
        if hit:
            cases.append({"case_id": r["case_id"], "name": r["name"], "status": r["status"],
                          "sponsor": (r["sponsor"] or {}).get("name"), "matched": hit})
    kb: list[dict[str, Any]] = []
    for attempt in dict.fromkeys([q, _POSSESSIVE.sub("", q).strip(" ?!.,;:")]):
        try:
            kb = kb_search(data.store(), attempt, limit) if attempt else []
        except InputError:
            kb = []
        if kb:
            break
    return {"query": q, "note": note,
            "documents": [{"doc_id": h.doc_id, "title": h.title, "snippet": h.snippet, "score": round(h.score, 3)}
                          for h in hits],
            "entities": entities[:limit], "cases": cases[:limit], "kb": kb}
