"""What a batch run must agree on with a store built by `spyglass ingest`: its claims (with ids,
spans and dates) and its case records. Used by the tests and benchmarks/spark_bench.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from spyglass.batch.output import read_table
from spyglass.batch.rows import claim_of
from spyglass.store import Store


def batch_claims(folder: Path | str) -> list[dict[str, Any]]:
    return sorted((claim_of(r).to_dict() for r in read_table(folder, "claims")), key=_claim_order)


def batch_cases(folder: Path | str) -> list[dict[str, Any]]:
    return sorted((json.loads(r["record"]) for r in read_table(folder, "cases")), key=_case_order)


def store_claims(store: Store) -> list[dict[str, Any]]:
    from spyglass.store import extracted

    return sorted((c.to_dict() for c in extracted.claim_records(store)), key=_claim_order)


def store_cases(store: Store) -> list[dict[str, Any]]:
    from spyglass.run.cases import case_records

    return sorted((json.loads(json.dumps(r, ensure_ascii=False, default=str)) for r in case_records(store)),
                  key=_case_order)


def ingest_locally(paths: list[str], store: Store, max_bytes: int = 5_000_000) -> None:
    """The single-process run the batch is compared with: `spyglass ingest PATH...`."""
    from spyglass.ingest.run import ingest
    from spyglass.run.local import extract_pending

    ingest(paths, store, max_bytes)
    extract_pending(store)


def differences(a: list[dict[str, Any]], b: list[dict[str, Any]], limit: int = 3) -> list[str]:
    """The first few records that differ, as text (empty when the lists are equal)."""
    if a == b:
        return []
    out = [f"{len(a)} records against {len(b)}"]
    for x, y in zip(a, b):
        if x != y:
            out.append(f"{json.dumps(x, default=str)[:400]}\n  != {json.dumps(y, default=str)[:400]}")
            if len(out) > limit:
                break
    return out


def _claim_order(c: dict[str, Any]) -> tuple[str, ...]:
    return (c["doc_id"], str(c["start"]), c["claim_id"])


def _case_order(c: dict[str, Any]) -> tuple[str, ...]:
    return (c["case_id"], c["name"], json.dumps(c.get("sources"), default=str))
