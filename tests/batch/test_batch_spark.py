"""Spark on local[2] gives the cases and claims of `spyglass ingest` over the devset, and the same
blocks as the store's Linker. One Spark session for the module (it takes about 10 s to start);
the module's time is reported when it goes over three minutes (a warning, not a failure: a timed
assertion fails on a loaded machine; the CI's own time is what must stay under 30 minutes)."""

from __future__ import annotations

import os
import sys
import tarfile
import time
import warnings
from pathlib import Path
from typing import Any, Iterator

import pytest

from tests.conftest import shared_path

pytest.importorskip("pyspark")

from spyglass.batch import same  # noqa: E402
from spyglass.batch.progress import Progress  # noqa: E402
from spyglass.store import Store  # noqa: E402
from tests.batch.test_batch_local import BLOCKS, KEYS  # noqa: E402

BUDGET_S = 180


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from spyglass.batch.spark_engine import session

    started = time.monotonic()
    spark = session("local[2]", app="spyglass-tests")
    yield spark
    spark.stop()
    took = time.monotonic() - started
    if took > BUDGET_S:
        warnings.warn(f"the Spark tests took {took:.0f} s, over their {BUDGET_S} s share of the CI's time", stacklevel=1)


def test_label_propagation_finds_the_linker_blocks(spark: Any) -> None:
    from spyglass.batch.components import spark_blocks

    keys = spark.createDataFrame(KEYS, "doc_id string, kind string, key string")
    docs = spark.createDataFrame([(d,) for d in BLOCKS], "doc_id string")
    assert {r.doc_id: r.block_id for r in spark_blocks(docs, keys).collect()} == BLOCKS


def test_devset_on_spark_equals_ingest(spark: Any, tmp_path: Path) -> None:
    from spyglass.batch.load import load
    from spyglass.batch.spark_engine import run_spark

    devset = str(shared_path("devset", "docs"))
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out"
    progress = Progress(quiet=True)
    summary = run_spark(spark, [devset, str(bad)], str(out), 5_000_000, progress)
    with Store(tmp_path / "ingest.db") as store:
        same.ingest_locally([devset, str(bad)], store)
        claims, cases = same.store_claims(store), same.store_cases(store)
    assert len(cases) >= 5 and len(claims) >= 100
    assert same.differences(same.batch_claims(out), claims) == []
    assert same.differences(same.batch_cases(out), cases) == []
    assert summary["rejected"] == {"empty": 1} and progress.docs == summary["documents"] == 33
    assert sorted(p.name for p in (out / "cases_jsonl").glob("part-*")) != []
    with Store(tmp_path / "loaded.db") as store:
        load(out, store)
        assert same.store_cases(store) == cases and same.store_claims(store) == claims
    assert summary["worker_python"] == sys.executable


@pytest.mark.parametrize("master, cores", [("local", 1), ("local[2]", 2), ("local[3,2]", 3), ("local[*]", 4)])
def test_local_cores(master: str, cores: int) -> None:
    from spyglass.batch.spark_engine import local_cores

    assert local_cores(master) == cores


def test_a_relative_worker_python_runs_from_the_unpacked_archive(spark: Any, tmp_path: Path) -> None:
    """`--archives env.tar.gz#environment` with PYSPARK_PYTHON=./environment/bin/python, on a local
    master: the workers start the archive's interpreter (here a script that marks its workers)."""
    from spyglass.batch.spark_engine import use_shipped_python

    env = tmp_path / "env"
    (env / "bin").mkdir(parents=True)
    python = env / "bin" / "python"
    python.write_text(f'#!/bin/sh\nSPYGLASS_SHIPPED=yes exec {sys.executable} "$@"\n', encoding="utf-8")
    python.chmod(0o755)
    archive = tmp_path / "env.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(env, arcname=".")
    sc = spark.sparkContext
    before = sc.pythonExec
    sc.addArchive(f"{archive}#environment")
    sc.pythonExec = "./environment/bin/python"
    try:
        chosen = use_shipped_python(sc)
        marks = sc.parallelize([0, 1], 2).map(lambda _: os.environ.get("SPYGLASS_SHIPPED", "no")).collect()
    finally:
        sc.pythonExec = before
    assert chosen.endswith(os.path.join("environment", "bin", "python")) and os.path.isabs(chosen)
    assert marks == ["yes", "yes"]
    assert use_shipped_python(sc) == before  # an absolute interpreter is left alone
