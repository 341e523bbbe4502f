"""The batch's tables as plain rows (documents, mentions, claims, keys, rejections), in the form and
order the store keeps them, so a batch resolves and loads exactly like `spyglass ingest`.

The store deduplicates mentions on their span and claims on their id (first one kept) and hands a
document back through JSON; the rows do the same, so what a partition writes is what a store holds.
"""

from __future__ import annotations

import json
from typing import Any, Iterable

from spyglass.model import Claim, Document, FuzzyDate, Mention, Segment

# (column, type) of each table; the type names are mapped to pyarrow and Spark types in `schemas`.
DOCUMENT_COLUMNS = [
    ("doc_id", "str"), ("source", "str"), ("sources", "list<str>"), ("url", "str"),
    ("title", "str"), ("author", "str"), ("publisher", "str"), ("published", "str"), ("language", "str"),
    ("format", "str"), ("text", "str"), ("segments", "list<segment>"), ("extra", "str"), ("words", "int"),
    ("extraction_status", "str"), ("extraction_reason", "str"), ("extraction_version", "str"),
]
MENTION_COLUMNS = [
    ("doc_id", "str"), ("seq", "int"), ("start", "int"), ("end", "int"), ("text", "str"), ("type", "str"),
    ("name", "str"), ("kb_id", "str"), ("source", "str"),
]
CLAIM_COLUMNS = [
    ("claim_id", "str"), ("doc_id", "str"), ("seq", "int"), ("subject", "str"), ("subject_type", "str"),
    ("predicate", "str"), ("object", "str"), ("object_type", "str"), ("value", "str"), ("date", "str"),
    ("date_precision", "str"), ("date_phrase", "str"), ("hedge", "str"), ("hedge_cue", "str"), ("start", "int"),
    ("end", "int"), ("extractor", "str"), ("extractor_version", "str"), ("confidence", "float"),
]
REJECTION_COLUMNS = [("source", "str"), ("stage", "str"), ("reason", "str"), ("detail", "str")]
KEY_COLUMNS = [("doc_id", "str"), ("kind", "str"), ("key", "str")]
BLOCK_COLUMNS = [("doc_id", "str"), ("block_id", "str")]
CASE_COLUMNS = [("case_id", "str"), ("name", "str"), ("kind", "str"), ("status", "str"), ("block_id", "str"),
                ("record", "str")]

Row = dict[str, Any]


def store_order(published: str | None, doc_id: str) -> tuple[bool, str, str]:
    """The order the store reads documents in (`Store.documents`): oldest publication first, undated last."""
    return (published is None, published or "", doc_id)


def document_row(doc: Document, sources: list[str], order: str, words: int) -> Row:
    return {"doc_id": doc.doc_id, "source": sources[0] if sources else None, "sources": sources, "order": order,
            "url": doc.url, "title": doc.title, "author": doc.author, "publisher": doc.publisher,
            "published": doc.published, "language": doc.language, "format": doc.format, "text": doc.text,
            "segments": [{"kind": s.kind, "start": s.start, "end": s.end} for s in doc.segments],
            "extra": json.dumps(doc.extra, ensure_ascii=False), "words": words, "extraction_status": None,
            "extraction_reason": None, "extraction_version": None}


def document_of(row: Row) -> Document:
    """The document as `Store.get_document` would give it back."""
    return Document(doc_id=row["doc_id"], text=row["text"],
                    segments=[Segment(s["kind"], s["start"], s["end"]) for s in row["segments"]],
                    source_path=row["source"], url=row["url"], title=row["title"], author=row["author"],
                    publisher=row["publisher"], published=row["published"], language=row["language"],
                    format=row["format"], extra=json.loads(row["extra"]))


def mention_rows(mentions: Iterable[Mention]) -> list[Row]:
    """Mentions as stored: one per span (the first), the name defaulting to the text."""
    out: list[Row] = []
    seen: set[tuple[str, int, int]] = set()
    for m in mentions:
        if (m.doc_id, m.start, m.end) in seen:
            continue
        seen.add((m.doc_id, m.start, m.end))
        out.append({"doc_id": m.doc_id, "seq": len(out), "start": m.start, "end": m.end, "text": m.text,
                    "type": m.type, "name": m.name or m.text, "kb_id": m.kb_id, "source": m.source})
    return out


def mention_of(row: Row) -> Mention:
    return Mention(row["doc_id"], row["start"], row["end"], row["text"], row["type"], row["kb_id"], row["source"],
                   row["name"])


def claim_rows(claims: Iterable[Claim]) -> list[Row]:
    """Claims as stored: one per id (the first), numbered in the order they were written."""
    out: list[Row] = []
    seen: set[str] = set()
    for c in claims:
        if c.claim_id in seen:
            continue
        seen.add(c.claim_id)
        out.append({"claim_id": c.claim_id, "doc_id": c.doc_id, "seq": len(out), "subject": c.subject,
                    "subject_type": c.subject_type, "predicate": c.predicate, "object": c.object,
                    "object_type": c.object_type, "value": c.value, "date": c.date.value if c.date else None,
                    "date_precision": c.date.precision if c.date else None, "date_phrase": c.date_phrase,
                    "hedge": c.hedge, "hedge_cue": c.hedge_cue, "start": c.start, "end": c.end,
                    "extractor": c.extractor, "extractor_version": c.extractor_version,
                    "confidence": float(c.confidence)})
    return out


def claim_of(row: Row) -> Claim:
    return Claim(subject=row["subject"], predicate=row["predicate"], doc_id=row["doc_id"], start=row["start"],
                 end=row["end"], extractor=row["extractor"], extractor_version=row["extractor_version"],
                 object=row["object"], value=row["value"], subject_type=row["subject_type"],
                 object_type=row["object_type"],
                 date=FuzzyDate(row["date"], row["date_precision"]) if row["date"] else None,
                 date_phrase=row["date_phrase"], hedge=row["hedge"], hedge_cue=row["hedge_cue"],
                 confidence=row["confidence"])


def rejection_row(source: str, stage: str, reason: str, detail: str) -> Row:
    return {"source": source, "stage": stage, "reason": reason, "detail": detail}
