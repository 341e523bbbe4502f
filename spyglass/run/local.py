"""Extract every pending document of a store in this process, committing one document at a time."""

from __future__ import annotations

from typing import Callable

from spyglass.extract.run import EXTRACTION_VERSION, extract, extractable_languages
from spyglass.store import Store
from spyglass.store import extracted

# The pipeline reads English; other languages are stored and searchable, and wait for their own.


def extract_pending(store: Store, on_doc: Callable[[], None] | None = None, batch: int = 16,
                    errors: list[tuple[str, str]] | None = None) -> tuple[int, int]:
    """(documents extracted, claims written). A killed run keeps every finished document; a
    document the extractors fail on is stored without claims and listed in `errors`."""
    docs = extracted.pending(store, EXTRACTION_VERSION)
    done = claims = 0
    for i in range(0, len(docs), batch):
        chunk = docs[i : i + batch]
        readable = [d for d in chunk if (d.language or "en") in extractable_languages()]
        results = {r.doc_id: r for r in extract(readable)}
        for doc in chunk:
            result = results.get(doc.doc_id)
            if result is not None and result.error and errors is not None:
                errors.append((doc.source_path or doc.doc_id, result.error))
            extracted.save(store, doc.doc_id, result.mentions if result else [], result.claims if result else [],
                           EXTRACTION_VERSION)
            done += 1
            claims += len(result.claims) if result else 0
            if on_doc:
                on_doc()
    return done, claims
