"""kill -9 at a chosen moment of a real `spyglass ingest` process, then a plain re-run of the same
command, and the store's cases and claims compared with those of a clean run."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def spyglass(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "spyglass.cli", "--db", str(db), *args]


def environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}  # this checkout's spyglass, wherever the caller runs


def ingest(db: Path, inputs: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(spyglass(db, "ingest", *inputs), capture_output=True, text=True, timeout=900,
                          env=environment(), cwd=ROOT)


def outcome(db: Path) -> tuple[str, str]:
    """The store's cases and claims as `spyglass cases` and `spyglass claims` print them (JSON)."""
    found = []
    for command in ("cases", "claims"):
        done = subprocess.run(spyglass(db, command, "--format", "json"), capture_output=True, text=True,
                              timeout=600, env=environment(), cwd=ROOT)
        assert done.returncode == 0, done.stderr
        found.append(done.stdout)
    return found[0], found[1]


def killed_then_rerun(db: Path, inputs: list[str], after: float) -> tuple[str, str, str]:
    """Start an ingest, kill -9 it `after` seconds in (unless it ended first), run it again plainly;
    (what the re-run printed, cases, claims)."""
    process = subprocess.Popen(spyglass(db, "ingest", *inputs), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=environment(), cwd=ROOT)
    time.sleep(after)
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
    left = left_behind(db)
    again = ingest(db, inputs)
    assert again.returncode == 0 and "Traceback" not in again.stderr, again.stderr
    return (f"killed with {left[0]} documents stored, {left[1]} extracted; the re-run said: {again.stdout}",
            *outcome(db))


def left_behind(db: Path) -> tuple[int, int]:
    """(documents stored, documents extracted) in the store a killed run left (0, 0 when it had none)."""
    if not db.exists():
        return 0, 0
    with sqlite3.connect(db) as conn:
        try:
            return (conn.execute("SELECT count(*) FROM documents").fetchone()[0],
                    conn.execute("SELECT count(*) FROM extraction_runs").fetchone()[0])
        except sqlite3.OperationalError:  # killed before the tables were made
            return 0, 0
