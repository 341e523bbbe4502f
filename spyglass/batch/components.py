"""Blocks of a batch: the connected groups of documents that share blocking keys
(`resolve.blocks`), found in one process with the store's `Linker`, or in Spark by min-label
propagation over the document-key graph, with Spark's own joins and aggregates.

Two documents meet when they share a name word; when one writes an initial and the other a word
with that first letter; or when a full name of one is a name or a body window of the other. Each
meeting is a shared join key here: `w:word`, `L:letter` (only letters some document writes as an
initial), `n:name` (a window only when some document has it as a name). A block's id is its
smallest document id, as the `Linker` gives it.
"""

from __future__ import annotations

from typing import Any, Iterable

from spyglass.batch.rows import Row
from spyglass.resolve.blocks import DocumentKeys, Linker

_KINDS = {"word": "words", "initial": "initials", "name": "names", "window": "windows"}


def local_blocks(doc_ids: Iterable[str], keys: Iterable[Row]) -> dict[str, str]:
    """doc_id -> block id, with the `Linker` the store's resolution uses."""
    by_doc: dict[str, DocumentKeys] = {d: DocumentKeys(d) for d in doc_ids}
    for row in keys:
        if row["kind"] in _KINDS:
            getattr(by_doc.setdefault(row["doc_id"], DocumentKeys(row["doc_id"])), _KINDS[row["kind"]]).add(row["key"])
    linker = Linker()
    for doc_id in sorted(by_doc):
        linker.add(by_doc[doc_id])
    return {d: block for block, members in linker.blocks().items() for d in members}


def spark_blocks(docs: Any, keys: Any, max_rounds: int = 100) -> Any:
    """(doc_id, block_id) for every document of `docs` (a DataFrame with doc_id), from `keys`
    (doc_id, kind, key): the join keys' graph, then labels lowered to the smallest document id
    reachable until no label changes."""
    from pyspark.sql import functions as F

    initials = keys.filter(F.col("kind") == "initial").select("key").distinct()
    names = keys.filter(F.col("kind") == "name").select("key").distinct()
    edges = (
        keys.filter(F.col("kind") == "word").select("doc_id", F.concat(F.lit("w:"), "key").alias("jkey"))
        .unionByName(keys.filter(F.col("kind") == "initial").select("doc_id", F.concat(F.lit("L:"), "key").alias("jkey")))
        .unionByName(keys.filter(F.col("kind") == "first").join(initials, "key", "left_semi")
                     .select("doc_id", F.concat(F.lit("L:"), "key").alias("jkey")))
        .unionByName(keys.filter(F.col("kind") == "name").select("doc_id", F.concat(F.lit("n:"), "key").alias("jkey")))
        .unionByName(keys.filter(F.col("kind") == "window").join(names, "key", "left_semi")
                     .select("doc_id", F.concat(F.lit("n:"), "key").alias("jkey")))
        .distinct()
    )
    # A key shared by one document links nothing: drop it before iterating.
    shared = edges.groupBy("jkey").count().filter(F.col("count") > 1).select("jkey")
    edges = edges.join(shared, "jkey", "left_semi").localCheckpoint()
    labels = docs.select("doc_id", F.col("doc_id").alias("label")).distinct().localCheckpoint()
    for _ in range(max_rounds):
        key_label = edges.join(labels, "doc_id").groupBy("jkey").agg(F.min("label").alias("klabel"))
        lowest = edges.join(key_label, "jkey").groupBy("doc_id").agg(F.min("klabel").alias("low"))
        joined = labels.join(lowest, "doc_id", "left")
        new = joined.select("doc_id", F.least("label", F.coalesce("low", "label")).alias("label")).localCheckpoint()
        changed = joined.filter(F.col("low") < F.col("label")).count()
        labels = new
        if changed == 0:
            break
    else:
        raise RuntimeError(f"blocks did not settle in {max_rounds} rounds of label propagation")
    return labels.select("doc_id", F.col("label").alias("block_id"))
