"""A batch on Apache Spark: read and clean per partition, extract per partition (the spaCy
pipeline loads once per Python worker, which Spark reuses), then blocks by label propagation and
each block's cases assembled inside Spark. Inputs and outputs may be any Hadoop-compatible path.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Iterator

from spyglass.batch import output
from spyglass.batch.components import spark_blocks
from spyglass.batch.inputs import file_items, is_parquet, parquet_article, source_name
from spyglass.batch.progress import Progress
from spyglass.batch.rows import Row, rejection_row
from spyglass.batch.work import CHUNK, block_cases, build_partition, extract_partition, merge_copies

PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])  # the folder holding `spyglass/`


def session(master: str | None, app: str = "spyglass-batch") -> Any:
    """A SparkSession. Given a local master, the workers run this interpreter and import this
    package; on any local master (also one spark-submit gives) shuffles use one partition a core."""
    if master and master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app)
    if master:
        builder = builder.master(master)
    if master and master.startswith("local"):
        path = os.pathsep.join(p for p in (PACKAGE_ROOT, os.environ.get("PYTHONPATH")) if p)
        builder = (builder.config("spark.executorEnv.PYTHONPATH", path).config("spark.ui.enabled", "false")
                   .config("spark.ui.showConsoleProgress", "false"))
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("ERROR")
    running = str(sc.master)
    if running.startswith("local") and not sc.getConf().contains("spark.sql.shuffle.partitions"):
        spark.conf.set("spark.sql.shuffle.partitions", str(local_cores(running)))
    use_shipped_python(sc)
    return spark


def local_cores(master: str) -> int:
    """The cores a local master names (`local`, `local[2]`, `local[2,3]`; 4 for `local[*]`)."""
    inside = master[len("local["):].split(",")[0].rstrip("]") if master.startswith("local[") else "1"
    return int(inside) if inside.isdigit() else 4


def use_shipped_python(sc: Any) -> str:
    """The interpreter the Python workers run. A relative PYSPARK_PYTHON (`./environment/bin/python`
    with `--archives env.tar.gz#environment`) names a path inside each executor's working folder,
    where a cluster unpacks the archives; on a local master the workers start in the driver's folder
    instead, so the path is resolved here against the folder Spark unpacked the archives into."""
    exe = str(sc.pythonExec)
    if str(sc.master).startswith("local") and not os.path.isabs(exe) and os.sep in exe:
        from pyspark import SparkFiles

        shipped = os.path.join(SparkFiles.getRootDirectory(), exe)
        if os.path.exists(shipped):
            sc.pythonExec = exe = os.path.normpath(shipped)
    return exe


def run_spark(spark: Any, paths: list[str], out: str, max_bytes: int, progress: Progress,
              partitions: int | None = None) -> dict[str, Any]:
    sc = spark.sparkContext
    items, refused = _items(spark, paths, max_bytes)
    built = items.mapPartitions(build_partition).persist()
    docs = (built.filter(lambda t: t[0] == "document").map(lambda t: (t[1]["doc_id"], t[1]))
            .reduceByKey(merge_copies).values())
    total = docs.count()
    progress.total = total
    parts = partitions or max(sc.defaultParallelism * 2, -(-total // (CHUNK * 4)))
    done, words = sc.accumulator(0), sc.accumulator(0)

    def extract(rows: Iterator[Row]) -> Iterator[tuple[str, Row]]:
        def count(n: int) -> None:
            done.add(1)
            words.add(n)
        return extract_partition(rows, on_doc=count)

    extracted = docs.repartition(parts).mapPartitions(extract).persist()
    stop = progress.watch(lambda: (done.value, words.value))
    progress.restart()
    try:
        counts = dict(extracted.map(lambda t: t[0]).countByValue())
    finally:
        stop()
    progress.show(final=True)
    rate = round(progress.rate(), 1)
    for table, tag in (("documents", "document"), ("mentions", "mention"), ("claims", "claim")):
        output.write_spark(spark, out, table, extracted.filter(lambda t, tag=tag: t[0] == tag).values())
    rejections = (built.filter(lambda t: t[0] == "rejection").values()
                  .union(extracted.filter(lambda t: t[0] == "rejection").values())
                  .union(sc.parallelize(refused, 1))).persist()
    output.write_spark(spark, out, "rejections", rejections)
    reasons = dict(rejections.map(lambda r: r["reason"]).countByValue())

    keys = spark.createDataFrame(extracted.filter(lambda t: t[0] == "key").values()
                                 .map(lambda r: (r["doc_id"], r["kind"], r["key"])), "doc_id string, kind string, key string")
    doc_ids = spark.createDataFrame(extracted.filter(lambda t: t[0] == "document").map(lambda t: (t[1]["doc_id"],)),
                                    "doc_id string")
    blocks = spark_blocks(doc_ids, keys).persist()
    output.write_spark(spark, out, "blocks", blocks.rdd.map(lambda r: {"doc_id": r.doc_id, "block_id": r.block_id}))
    block_of = blocks.rdd.map(lambda r: (r.doc_id, r.block_id))
    members = (extracted.filter(lambda t: t[0] in ("document", "claim", "mention"))
               .map(lambda t: (t[1]["doc_id"], t)).join(block_of).map(lambda kv: (kv[1][1], kv[1][0])))
    cases = members.groupByKey().flatMap(lambda kv: _block(kv[0], kv[1])).persist()
    output.write_spark(spark, out, "cases", cases)
    summary = {"engine": "spark", "master": sc.master, "documents": counts.get("document", 0),
               "mentions": counts.get("mention", 0), "claims": counts.get("claim", 0), "cases": cases.count(),
               "blocks": blocks.select("block_id").distinct().count(),
               "rejected": dict(sorted(reasons.items())), "words": progress.words,
               "words_per_second": rate, "worker_python": _worker_python(sc)}
    for rdd in (built, extracted, rejections, cases):
        rdd.unpersist()
    blocks.unpersist()
    return summary


def _worker_python(sc: Any) -> str:
    """The interpreter a Python worker ran (the shipped environment's, when one was shipped)."""
    return str(sc.parallelize([0], 1).map(lambda _: sys.executable).first())


def _block(block_id: str, tagged: Any) -> list[Row]:
    parts: dict[str, list[Row]] = {"document": [], "claim": [], "mention": []}
    for tag, row in tagged:
        parts[tag].append(row)
    return block_cases(block_id, parts["document"], parts["claim"], parts["mention"])


def _items(spark: Any, paths: list[str], max_bytes: int) -> tuple[Any, list[Row]]:
    """An RDD of (order, article or rejection) over every input, and rejection rows for inputs
    Spark cannot list at all."""
    sc = spark.sparkContext
    rdds, refused = [], []
    for arg, path in enumerate(paths):
        try:
            if is_parquet(path):
                frame = spark.read.parquet(path)
                from pyspark.sql import functions as F

                frame = frame.withColumn("_file", F.input_file_name())
                rdds.append(frame.rdd.map(lambda r, arg=arg: parquet_article(arg, r["_file"], r.asDict(), max_bytes)))
                continue
            frame = (spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(path)
                     .select("path", "content"))
        except Exception as exc:  # AnalysisException: the path is not there or cannot be listed
            reason = "not_found" if "PATH_NOT_FOUND" in str(exc) or "does not exist" in str(exc) else "unreadable"
            refused.append(rejection_row(path, "read", reason, str(exc).splitlines()[0][:300]))
            continue
        root = _local_root(path)
        refused += [rejection_row(source_name(path, root, uri), "read", "empty",
                                  "the file is empty or holds only whitespace") for uri in _empty_files(sc, path)]
        rdds.append(frame.rdd.flatMap(
            lambda r, arg=arg, path=path, root=root: file_items(arg, source_name(path, root, r["path"]),
                                                                 bytes(r["content"]), max_bytes)))
    if not rdds:
        return sc.emptyRDD(), refused
    return sc.union(rdds), refused


def _empty_files(sc: Any, path: str) -> list[str]:
    """Files of no bytes under `path`: Spark's file readers skip them, `spyglass ingest` rejects them."""
    jvm = sc._jvm
    root = jvm.org.apache.hadoop.fs.Path(path)
    files = root.getFileSystem(sc._jsc.hadoopConfiguration()).listFiles(root, True)
    out = []
    while files.hasNext():
        status = files.next()
        name = status.getPath().getName()
        if status.getLen() == 0 and not name.startswith((".", "_")):
            out.append(status.getPath().toString())
    return sorted(out)


def _local_root(path: str) -> str:
    if "://" in path and not path.startswith("file:"):
        return path
    return str(Path(path.removeprefix("file:")).resolve())

