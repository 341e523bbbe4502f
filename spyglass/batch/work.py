"""The per-partition work of a batch, as pure functions over iterators: the same code runs in one
process and inside Spark's `mapPartitions`. Cleaning is `ingest.build.build_document`, extraction
is `run.local`'s chunked `extract` (a failing document is tried alone), case assembly is
`resolve.cases.build_cases` with the record `spyglass cases --format json` prints.
"""

from __future__ import annotations

import json
from typing import Any, Callable, Iterable, Iterator

from spyglass.batch.inputs import Item
from spyglass.batch.rows import (Row, claim_of, claim_rows, document_of, document_row, mention_of, mention_rows,
                                 rejection_row, store_order)
from spyglass.extract.run import EXTRACTION_VERSION
from spyglass.ingest.build import build_document
from spyglass.ingest.lines import count_words
from spyglass.model import Claim, Mention, Rejection
from spyglass.resolve.blocks import document_keys

Tagged = tuple[str, Row]  # ("document" | "mention" | "claim" | "key" | "rejection", row)
CHUNK = 16  # documents parsed together, as `spyglass extract` does


def build_partition(items: Iterable[Item]) -> Iterator[Tagged]:
    """Clean each input into a document row; a refused or failing input becomes a rejection row."""
    for order, item in items:
        if isinstance(item, Rejection):
            yield "rejection", rejection_row(item.source, "read", item.reason, item.detail)
            continue
        try:
            doc = build_document(item)
        except Exception as exc:  # one odd page must never fail the job
            yield "rejection", rejection_row(item.source, "ingest", "failed", _reason(exc))
            continue
        if isinstance(doc, Rejection):
            yield "rejection", rejection_row(doc.source, "ingest", doc.reason, doc.detail)
        else:
            yield "document", document_row(doc, [item.source], order, count_words(doc.body_text()))


def merge_copies(a: Row, b: Row) -> Row:
    """One document stored from two inputs (the same text): one row with both sources. The store
    lists a document's sources seen at one time in name order, and so does this."""
    first = a if a["order"] <= b["order"] else b
    sources = sorted(set(a["sources"]) | set(b["sources"]))
    return {**first, "sources": sources, "source": sources[0]}


def extract_partition(rows: Iterable[Row], on_doc: Callable[[int], None] | None = None) -> Iterator[Tagged]:
    """Mentions, claims and blocking keys of each document; the document row says done or failed
    (with the reason, and a rejection row), never failing the partition."""
    chunk: list[Row] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield from _extract_chunk(chunk, on_doc)
            chunk = []
    if chunk:
        yield from _extract_chunk(chunk, on_doc)


def _extract_chunk(rows: list[Row], on_doc: Callable[[int], None] | None) -> Iterator[Tagged]:
    from spyglass.run.local import _extract_chunk as extract_chunk  # the same fallbacks as `spyglass extract`

    by_id = {r["doc_id"]: r for r in rows}
    for doc, result in extract_chunk([document_of(r) for r in rows]):
        row = dict(by_id[doc.doc_id], extraction_version=EXTRACTION_VERSION)
        claims_of: list[Claim] = []
        mentions_of: list[Mention] = []
        if result.error:
            row.update(extraction_status="failed", extraction_reason=result.error)
            yield "rejection", rejection_row(row["source"], "extract", "extraction_failed", result.error)
        else:
            row["extraction_status"] = "done"
            mentions, claims = mention_rows(result.mentions), claim_rows(result.claims)
            yield from (("mention", m) for m in mentions)
            yield from (("claim", c) for c in claims)
            claims_of, mentions_of = [claim_of(c) for c in claims], [mention_of(m) for m in mentions]
        # a failed document keeps its body's keys: the store blocks it with the documents it names
        keys = document_keys(doc, claims_of, mentions_of)
        for kind, key in keys.rows():
            yield "key", {"doc_id": doc.doc_id, "kind": kind, "key": key}
        for letter in sorted({w[:1] for w in keys.words}):
            yield "key", {"doc_id": doc.doc_id, "kind": "first", "key": letter}
        yield "document", row
        if on_doc:
            on_doc(row["words"] or 0)


def block_cases(block_id: str, docs: list[Row], claims: list[Row], mentions: list[Row]) -> list[Row]:
    """A block's cases with their records, assembled from the block's rows in the order a store
    reads them (documents oldest first, claims by document and position, mentions as written)."""
    from spyglass.resolve import judgements
    from spyglass.resolve.cases import build_cases
    from spyglass.resolve.syndication import groups
    from spyglass.run.records import case_record

    docs = sorted(docs, key=lambda r: store_order(r["published"], r["doc_id"]))
    rank = {r["doc_id"]: i for i, r in enumerate(docs)}
    claim_objs = [claim_of(c) for c in sorted(claims, key=lambda c: (c["doc_id"], c["start"], c["seq"]))]
    mention_objs = [mention_of(m) for m in sorted(mentions, key=lambda m: (rank.get(m["doc_id"], 0), m["seq"]))]
    if not claim_objs:
        return []
    documents = [document_of(r) for r in docs]
    cases = build_cases(documents, claim_objs, mention_objs, judgements.as_rules([]))
    by_id = {d.doc_id: d for d in documents}
    group_of = groups(documents) if cases else {}
    out = []
    for case in cases:
        record: dict[str, Any] = case_record(case, by_id, group_of, claim_objs)
        out.append({"case_id": case.case_id, "name": case.name, "kind": case.kind, "status": case.status,
                    "block_id": block_id, "record": json.dumps(record, ensure_ascii=False)})
    return out


def _reason(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:500]
