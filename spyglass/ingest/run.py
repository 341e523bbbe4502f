"""Ingest a batch: read, clean and store each input, counting what happened to each."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from spyglass.ingest.build import build_document
from spyglass.ingest.sources import read_inputs
from spyglass.model import Rejection
from spyglass.store import Store


@dataclass
class IngestSummary:
    ingested: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)

    def by_reason(self) -> Counter[str]:
        return Counter(r.reason for r in self.rejected)

    def as_dict(self) -> dict[str, object]:
        return {
            "ingested": len(self.ingested),
            "already_present": len(self.present),
            "rejected": dict(self.by_reason()),
            "rejections": [{"source": r.source, "reason": r.reason, "detail": r.detail} for r in self.rejected],
        }


def ingest(
    paths: list[str], store: Store, max_bytes: int, on_item: Callable[[str], None] | None = None
) -> IngestSummary:
    """Store every article under `paths`. A bad input is a Rejection; it never stops the batch,
    and each document is committed on its own, so a killed run keeps what it stored."""
    summary = IngestSummary()
    for item in read_inputs(paths, max_bytes):
        if isinstance(item, Rejection):
            summary.rejected.append(item)
        else:
            doc = build_document(item)
            if isinstance(doc, Rejection):
                summary.rejected.append(doc)
            elif store.add_document(doc, item.source):
                summary.ingested.append(doc.doc_id)
            else:
                summary.present.append(doc.doc_id)
        if on_item:
            on_item(item.source)
    return summary
