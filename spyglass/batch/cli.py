"""`spyglass batch` and `spyglass load`: options in, the batch library called, a summary out."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from spyglass.cli_helpers import emit_json, open_store
from spyglass.errors import InputError
from spyglass.settings import Settings


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    cmd = commands.add_parser(
        "batch", help="ingest, extract and resolve many documents into Parquet (one process or Spark)",
        description="Read folders, .jsonl feeds and .parquet tables of articles (url, title, publisher, published, "
        "author, text or html), clean and extract them per partition, resolve cases block by block, and write "
        "documents, mentions, claims, rejections, blocks and cases as Parquet under --out (cases also as JSON "
        "lines in cases_jsonl/). A failed document is a rejection row with its reason, never a failed job. "
        "`spyglass load DIR` brings the output into a store.",
    )
    cmd.add_argument("paths", nargs="+", metavar="INPUT", help="file, folder or .parquet (any Hadoop path with spark)")
    cmd.add_argument("--out", required=True, help="output folder (any Hadoop-compatible path with --engine spark)")
    cmd.add_argument("--engine", choices=["local", "spark"], default="local", help="one process, or Apache Spark")
    cmd.add_argument("--master", help="Spark master, e.g. local[2] (default: spark-submit's, else local[*])")
    cmd.add_argument("--partitions", type=int, help="extraction partitions (default: 2 a core, 64 documents each)")
    cmd.add_argument("--max-bytes", type=int, help="largest file accepted (default: $SPYGLASS_MAX_BYTES or 5 MB)")
    cmd.add_argument("--format", choices=["text", "json"], default="text", help="summary format")
    cmd.set_defaults(handler=run_batch)

    load = commands.add_parser(
        "load", help="bring the output of `spyglass batch` into the store",
        description="Store the documents (with every source), mentions and claims (or failures) a `spyglass batch` "
        "run wrote under DIR, then resolve cases as `spyglass ingest` does; every other command reads them.",
    )
    load.add_argument("folder", metavar="DIR", help="the --out folder of a batch run")
    load.add_argument("--format", choices=["text", "json"], default="text", help="summary format")
    load.set_defaults(handler=run_load)


def run_batch(args: argparse.Namespace, settings: Settings) -> int:
    from spyglass.batch.output import write_summary
    from spyglass.batch.progress import Progress

    progress = Progress()
    summary: dict[str, Any]
    if args.engine == "local":
        from spyglass.batch.local_engine import run_local

        summary = run_local(args.paths, args.out, settings.max_bytes, progress)
    else:
        try:
            from spyglass.batch.spark_engine import run_spark, session
        except ImportError as exc:
            raise InputError(f"--engine spark needs pyspark ({exc}); install spyglass[spark]") from exc
        spark = session(args.master or (None if _submitted() else "local[*]"))
        try:
            summary = run_spark(spark, args.paths, args.out, settings.max_bytes, progress, args.partitions)
        finally:
            spark.stop()
    write_summary(args.out, summary)
    if args.format == "json":
        emit_json(summary)
    else:
        print(f"{summary['documents']} documents, {summary['claims']} claims, {summary['cases']} cases in "
              f"{summary['blocks']} blocks, {summary['words_per_second']:,.0f} words/s ({summary['engine']}); "
              f"written to {args.out}")
        for reason, count in summary["rejected"].items():
            print(f"  rejected as {reason}: {count}")
    return 1 if summary["documents"] == 0 and summary["rejected"] else 0


def _submitted() -> bool:
    """Whether spark-submit started us (it gives the master itself)."""
    import os

    return "SPARK_ENV_LOADED" in os.environ or any("spark.master" in a for a in sys.argv)


def run_load(args: argparse.Namespace, settings: Settings) -> int:
    from spyglass.batch.load import load

    with open_store(settings) as store:
        summary = load(args.folder, store)
    if args.format == "json":
        emit_json(summary.__dict__)
    else:
        print(f"loaded {summary.documents} documents ({summary.new} new), {summary.claims} claims, "
              f"{summary.mentions} mentions, {summary.failed} failed extractions; {summary.cases} cases "
              f"(store: {settings.db_path})")
    return 0
