"""Bring a batch's output into a store: its documents with every source, and each document's
mentions and claims (or its failure) under the extractor version that wrote them; then the store
resolves cases as it does after `spyglass ingest`.

Documents go in the order `spyglass extract` takes them (oldest publication first), each in its
own transactions, so the store holds what an ingest of the same inputs would have written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spyglass.batch.output import read_table
from spyglass.batch.rows import Row, claim_of, document_of, mention_of, store_order
from spyglass.errors import InputError
from spyglass.store import Store, extracted


@dataclass
class LoadSummary:
    documents: int = 0
    new: int = 0
    claims: int = 0
    mentions: int = 0
    failed: int = 0
    cases: int = 0


def load(folder: Path | str, store: Store, resolve: bool = True) -> LoadSummary:
    if not (Path(folder) / "documents").is_dir():
        raise InputError(f"{folder} holds no batch output (no documents/ folder); give the --out folder of "
                            "`spyglass batch`")
    docs = sorted(read_table(folder, "documents"), key=lambda r: store_order(r["published"], r["doc_id"]))
    claims = _by_doc(read_table(folder, "claims"))
    mentions = _by_doc(read_table(folder, "mentions"))
    summary = LoadSummary()
    for row in docs:
        doc = document_of(row)
        for source in row["sources"] or [row["source"]]:
            summary.new += store.add_document(doc, source)
        summary.documents += 1
        version = row["extraction_version"]
        if row["extraction_status"] == "failed":
            extracted.save_failure(store, doc.doc_id, row["extraction_reason"] or "unknown", version)
            summary.failed += 1
        elif row["extraction_status"] == "done":
            doc_claims = [claim_of(c) for c in claims.get(doc.doc_id, [])]
            doc_mentions = [mention_of(m) for m in mentions.get(doc.doc_id, [])]
            extracted.save(store, doc.doc_id, doc_mentions, doc_claims, version)
            summary.claims += len(doc_claims)
            summary.mentions += len(doc_mentions)
    if resolve:
        from spyglass.run.resolution import refresh

        summary.cases = refresh(store).cases
    return summary


def _by_doc(rows: list[Row]) -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = {}
    for row in sorted(rows, key=lambda r: (r["doc_id"], r["seq"])):
        out.setdefault(row["doc_id"], []).append(row)
    return out
