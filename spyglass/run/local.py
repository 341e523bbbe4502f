"""Extract every pending document of a store in this process, committing one document at a time.

Each document ends done (its claims stored with the extractor version) or failed (with the
reason); an exception in one document never stops the others, and a killed run keeps every
finished document, so the next run picks up exactly the pending ones.
"""

from __future__ import annotations

from typing import Callable

from spyglass.extract.run import EXTRACTION_VERSION, Extraction, extract, extractable_languages
from spyglass.model import Document
from spyglass.store import Store
from spyglass.store import extracted


def extract_pending(store: Store, on_doc: Callable[[], None] | None = None, batch: int = 16,
                    errors: list[tuple[str, str]] | None = None) -> tuple[int, int]:
    """(documents finished, claims written). A document the extractors fail on is marked failed
    with the reason, stored without claims, and listed in `errors` as (source, reason)."""
    ids = extracted.pending_ids(store, EXTRACTION_VERSION)
    done = claims = 0
    for i in range(0, len(ids), batch):
        chunk = [store.get_document(doc_id) for doc_id in ids[i : i + batch]]
        for doc, result in _extract_chunk(chunk):
            if result.error:
                extracted.save_failure(store, doc.doc_id, result.error, EXTRACTION_VERSION)
                if errors is not None:
                    errors.append((doc.source_path or doc.doc_id, result.error))
            else:
                extracted.save(store, doc.doc_id, result.mentions, result.claims, EXTRACTION_VERSION)
                claims += len(result.claims)
            done += 1
            if on_doc:
                on_doc()
    return done, claims


def _extract_chunk(chunk: list[Document]) -> list[tuple[Document, Extraction]]:
    """Each document with its extraction. When the batch as a whole raises (the parser runs
    documents together), each document is tried alone, so only the one at fault fails."""
    try:
        return _pair(chunk, _results(chunk))
    except Exception as exc:
        if len(chunk) == 1:
            return [(chunk[0], Extraction(chunk[0].doc_id, error=_reason(exc)))]
    out = []
    for doc in chunk:
        try:
            out.extend(_pair([doc], _results([doc])))
        except Exception as exc:
            out.append((doc, Extraction(doc.doc_id, error=_reason(exc))))
    return out


def _results(docs: list[Document]) -> dict[str, Extraction]:
    # Languages without an extractor are stored and searchable, and wait for their own.
    readable = [d for d in docs if (d.language or "en") in extractable_languages()]
    return {r.doc_id: r for r in extract(readable)}


def _pair(docs: list[Document], results: dict[str, Extraction]) -> list[tuple[Document, Extraction]]:
    return [(doc, results.get(doc.doc_id) or Extraction(doc.doc_id)) for doc in docs]


def _reason(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:500]
