"""A batch in this process: the partition functions run over the whole input as one partition."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spyglass.batch import output
from spyglass.batch.components import local_blocks
from spyglass.batch.inputs import local_items
from spyglass.batch.progress import Progress
from spyglass.batch.rows import Row, store_order
from spyglass.batch.work import block_cases, build_partition, extract_partition, merge_copies


def run_local(paths: list[str], out: str, max_bytes: int, progress: Progress) -> dict[str, Any]:
    tables: dict[str, list[Row]] = {t: [] for t in output.TABLES}
    docs: dict[str, Row] = {}
    for tag, row in build_partition(local_items(paths, max_bytes)):
        if tag == "rejection":
            tables["rejections"].append(row)
        else:
            docs[row["doc_id"]] = merge_copies(docs[row["doc_id"]], row) if row["doc_id"] in docs else row
    progress.total = len(docs)
    progress.restart()
    keys: list[Row] = []
    ordered = sorted(docs.values(), key=lambda r: store_order(r["published"], r["doc_id"]))
    for tag, row in extract_partition(ordered, on_doc=progress.add):
        if tag == "key":
            keys.append(row)
        else:
            tables[{"document": "documents", "mention": "mentions", "claim": "claims",
                    "rejection": "rejections"}[tag]].append(row)
    progress.show(final=True)
    rate = round(progress.rate(), 1)
    block_of = local_blocks([r["doc_id"] for r in tables["documents"]], keys)
    tables["blocks"] = [{"doc_id": d, "block_id": b} for d, b in block_of.items()]
    members: dict[str, dict[str, list[Row]]] = {}
    for table in ("documents", "claims", "mentions"):
        for row in tables[table]:
            members.setdefault(block_of[row["doc_id"]], {"documents": [], "claims": [], "mentions": []})[table].append(row)
    for block_id in sorted(members):
        group = members[block_id]
        tables["cases"] += block_cases(block_id, group["documents"], group["claims"], group["mentions"])
    folder = Path(out)
    counts = {table: output.write_local(folder, table, rows) for table, rows in tables.items()}
    return _summary("local", counts, tables["rejections"], len(members), progress.words, rate)


def _summary(engine: str, counts: dict[str, int], rejections: list[Row], blocks: int, words: int,
             rate: float) -> dict[str, Any]:
    reasons: dict[str, int] = {}
    for row in rejections:
        reasons[row["reason"]] = reasons.get(row["reason"], 0) + 1
    return {"engine": engine, "documents": counts["documents"], "mentions": counts["mentions"],
            "claims": counts["claims"], "cases": counts["cases"], "blocks": blocks,
            "rejected": dict(sorted(reasons.items())), "words": words,
            "words_per_second": rate}
