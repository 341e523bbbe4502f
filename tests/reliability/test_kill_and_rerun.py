"""kill -9 at random moments of a real ingest, then a plain re-run: the same cases and claims as a
clean run; and processes that open one new store, or ingest into it, at the same time."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

from conftest import EXAMPLES

from kill_runs import environment, ingest, killed_then_rerun, outcome

KILL_POINTS = 3  # benchmarks/reliability.py runs 20


def test_a_rerun_after_kill_9_ends_as_a_clean_run(tmp_path: Path) -> None:
    started = time.monotonic()
    clean = ingest(tmp_path / "clean.db", [str(EXAMPLES)])
    duration = time.monotonic() - started
    assert clean.returncode == 0, clean.stderr
    expected = outcome(tmp_path / "clean.db")
    assert '"name"' in expected[0] and '"claim_id"' in expected[1]  # there are cases and claims to lose
    rng = random.Random(17)
    for point in range(KILL_POINTS):
        after = rng.uniform(0.3, duration)
        printed, cases, claims = killed_then_rerun(tmp_path / f"killed-{point}.db", [str(EXAMPLES)], after)
        assert (cases, claims) == expected, f"killed after {after:.1f}s, {printed}"


OPEN = """
import sys, time
from spyglass.store import Store
until = float(sys.argv[2])
time.sleep(max(0.0, until - time.time()))  # sleep, not spin: six spinning processes starve the one holding the lock
with Store(sys.argv[1]) as store:
    print(store.schema_version)
"""


def test_many_processes_open_one_new_store_at_once(tmp_path: Path) -> None:
    from spyglass.store.migrations import MIGRATIONS

    for round_ in range(2):
        db = tmp_path / f"new-{round_}.db"
        until = str(time.time() + 2.0)  # every process starts its open at the same moment
        processes = [subprocess.Popen([sys.executable, "-c", OPEN, str(db), until], stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True, env=environment()) for _ in range(6)]
        results = [p.communicate(timeout=120) for p in processes]
        assert [p.returncode for p in processes] == [0] * 6, [err for _, err in results]
        assert {out.strip() for out, _ in results} == {str(MIGRATIONS[-1][0])}


def test_two_ingests_into_one_store_at_once_end_as_a_clean_run(tmp_path: Path) -> None:
    ingest(tmp_path / "clean.db", [str(EXAMPLES)])
    from kill_runs import ROOT, spyglass

    db = tmp_path / "both.db"
    both = [subprocess.Popen(spyglass(db, "ingest", str(EXAMPLES)), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env=environment(), cwd=ROOT) for _ in range(2)]
    results = [p.communicate(timeout=600) for p in both]
    assert [p.returncode for p in both] == [0, 0], [err for _, err in results]
    assert outcome(db) == outcome(tmp_path / "clean.db")


def test_an_ingest_that_adds_nothing_still_extracts_what_is_pending(tmp_path: Path) -> None:
    """The moment kill -9 most often hit: documents stored, extraction not begun."""
    from kill_runs import ROOT, spyglass

    db = tmp_path / "s.db"
    stored = subprocess.run(spyglass(db, "ingest", "--no-extract", str(EXAMPLES)), capture_output=True, text=True,
                            env=environment(), cwd=ROOT)
    assert stored.returncode == 0 and outcome(db)[1].strip() == "[]"
    again = ingest(db, [str(EXAMPLES)])
    assert "ingested 0, already present 7" in again.stdout and "extracted 7 documents" in again.stdout
    ingest(tmp_path / "clean.db", [str(EXAMPLES)])
    assert outcome(db) == outcome(tmp_path / "clean.db")
