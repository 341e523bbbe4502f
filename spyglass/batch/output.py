"""Write a batch's tables: Parquet folders (documents, mentions, claims, rejections, blocks,
cases) and the cases as JSON lines, from one process (pyarrow) or from Spark, with one schema.

DIR/<table>/part-*.parquet and DIR/cases_jsonl/part-* (one case record a line, sorted by case id);
DIR/summary.json says what the run did.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable

from spyglass.batch.rows import (BLOCK_COLUMNS, CASE_COLUMNS, CLAIM_COLUMNS, DOCUMENT_COLUMNS, MENTION_COLUMNS,
                                 REJECTION_COLUMNS, Row)

TABLES = {"documents": DOCUMENT_COLUMNS, "mentions": MENTION_COLUMNS, "claims": CLAIM_COLUMNS,
          "rejections": REJECTION_COLUMNS, "blocks": BLOCK_COLUMNS, "cases": CASE_COLUMNS}
# rows of each table are written sorted, so two runs write the same files in the same order
SORT = {"documents": ("doc_id",), "mentions": ("doc_id", "seq"), "claims": ("doc_id", "seq"),
        "rejections": ("source", "stage", "reason"), "blocks": ("doc_id",), "cases": ("case_id", "name")}


def arrow_schema(table: str) -> Any:
    import pyarrow as pa

    segment = pa.struct([("kind", pa.string()), ("start", pa.int64()), ("end", pa.int64())])
    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "list<str>": pa.list_(pa.string()),
             "list<segment>": pa.list_(segment)}
    return pa.schema([(name, types[kind]) for name, kind in TABLES[table]])


def spark_schema(table: str) -> Any:
    from pyspark.sql import types as T

    segment = T.StructType([T.StructField("kind", T.StringType()), T.StructField("start", T.LongType()),
                            T.StructField("end", T.LongType())])
    types = {"str": T.StringType(), "int": T.LongType(), "float": T.DoubleType(),
             "list<str>": T.ArrayType(T.StringType()), "list<segment>": T.ArrayType(segment)}
    return T.StructType([T.StructField(name, types[kind]) for name, kind in TABLES[table]])


def as_tuple(table: str, row: Row) -> tuple[Any, ...]:
    return tuple(row.get(name) for name, _ in TABLES[table])


def write_local(out: Path, table: str, rows: Iterable[Row]) -> int:
    """One Parquet file for the table, rows sorted."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    ordered = sorted(rows, key=lambda r: tuple(r[k] for k in SORT[table]))
    folder = out / table
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(ordered, schema=arrow_schema(table)), folder / "part-00000.parquet")
    if table == "cases":
        (out / "cases_jsonl").mkdir(exist_ok=True)
        with open(out / "cases_jsonl" / "part-00000.jsonl", "w", encoding="utf-8") as handle:
            handle.writelines(r["record"] + "\n" for r in ordered)
    return len(ordered)


def write_spark(spark: Any, out: str, table: str, rdd: Any) -> Any:
    """The table as a DataFrame written to `out/table` (any Hadoop-compatible path), sorted."""
    frame = spark.createDataFrame(rdd.map(lambda row: as_tuple(table, row)), spark_schema(table))
    frame = frame.orderBy(*SORT[table])
    frame.write.mode("overwrite").parquet(f"{out.rstrip('/')}/{table}")
    if table == "cases":
        frame.select("record").write.mode("overwrite").text(f"{out.rstrip('/')}/cases_jsonl")
    return frame


def write_summary(out: str, summary: dict[str, Any]) -> None:
    """summary.json beside the tables (local paths only; on a cluster the driver prints it)."""
    if "://" in out and not out.startswith("file:"):
        return
    path = Path(out.removeprefix("file:"))
    path.mkdir(parents=True, exist_ok=True)
    (path / "summary.json").write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def read_table(out: Path | str, table: str) -> list[Row]:
    """Every row of a written table (either engine's files), in its sorted order."""
    import pyarrow.dataset as ds

    folder = Path(out) / table
    if not folder.exists():
        return []
    rows = ds.dataset(str(folder), format="parquet", schema=arrow_schema(table)).to_table().to_pylist()
    return sorted(rows, key=lambda r: tuple(r[k] for k in SORT[table]))
