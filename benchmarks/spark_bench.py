"""Spark local[1] against local[2] on the same 2,000+ distinct documents: words per second of
extraction for each, wall time, peak memory of the Python worker processes (Spark's executors'
Python side), and whether both runs wrote identical claims and cases.

Run: PYTHONPATH=. .venv/bin/python benchmarks/spark_bench.py [--copies 21] [--out /tmp/spark-bench]
The documents are the devset's and realdev part A's texts (../realdev-cache/texts, through
../shared/tools/gold_feed.py), each repeated with a numbered line appended so every copy is distinct.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SPYGLASS_SHARED", ROOT.parent / "shared"))


def corpus(out: Path, copies: int) -> Path:
    """A JSON-lines feed of every text `copies` times, each copy with its own closing line."""
    from spyglass.ingest.sources import read_inputs
    from spyglass.model import Rejection

    feed = subprocess.run([sys.executable, str(SHARED / "tools" / "gold_feed.py"), str(SHARED / "realdev" / "cases-a.json"),
                           str(ROOT.parent / "realdev-cache" / "texts")], capture_output=True, text=True, check=True)
    (out / "a.jsonl").write_text(feed.stdout, encoding="utf-8")
    articles = []
    for item in read_inputs([str(SHARED / "devset" / "docs"), str(out / "a.jsonl")], 5_000_000):
        if not isinstance(item, Rejection):
            articles.append({**item.given, ("html" if item.format == "html" else "text"): item.text})
    path = out / "corpus.jsonl"
    with open(path, "w", encoding="utf-8") as handle:
        for n in range(copies):
            for i, article in enumerate(articles):
                body = "html" if "html" in article else "text"
                copy = {**article, body: article[body] + f"\n\nArchive copy {n}-{i}.\n"}
                if copy.get("url"):
                    copy["url"] = f"{copy['url']}#copy-{n}"
                handle.write(json.dumps(copy, ensure_ascii=False) + "\n")
    return path


def worker_rss() -> dict[int, int]:
    """RSS in kB of each Spark Python worker process (pyspark.daemon and its forked workers)."""
    out = {}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmd = (proc / "cmdline").read_bytes()
            if b"pyspark.daemon" not in cmd and b"pyspark.worker" not in cmd:
                continue
            for line in (proc / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    out[int(proc.name)] = int(line.split()[1])
        except OSError:
            continue
    return out


def run(master: str, feed: Path, out: Path) -> dict[str, object]:
    from spyglass.batch.progress import Progress
    from spyglass.batch.spark_engine import run_spark, session

    peak: dict[int, int] = {}
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.5):
            for pid, rss in worker_rss().items():
                peak[pid] = max(peak.get(pid, 0), rss)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    started = time.monotonic()
    spark = session(master, app=f"spyglass-bench-{master}")
    try:
        summary = run_spark(spark, [str(feed)], str(out), 5_000_000, Progress(every=30))
    finally:
        spark.stop()
    stop.set()
    thread.join()
    return {**summary, "wall_seconds": round(time.monotonic() - started, 1),
            "peak_worker_rss_mb": round(max(peak.values(), default=0) / 1024, 1), "worker_processes": len(peak)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=21, help="copies of each text (21 gives over 2,000 documents)")
    parser.add_argument("--out", default="/tmp/spark-bench")
    args = parser.parse_args()
    from spyglass.batch import same

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    feed = corpus(out, args.copies)
    results = {master: run(master, feed, out / master.replace("[", "-").replace("]", "")) for master in ("local[1]", "local[2]")}
    one, two = (out / "local-1", out / "local-2")
    identical = same.batch_claims(one) == same.batch_claims(two) and same.batch_cases(one) == same.batch_cases(two)
    for master, r in results.items():
        print(f"{master}: {r['documents']} documents, {r['words']} words, extraction {r['words_per_second']:,.0f} words/s, "
              f"wall {r['wall_seconds']} s, peak Python worker RSS {r['peak_worker_rss_mb']} MB "
              f"({r['worker_processes']} worker processes seen), {r['claims']} claims, {r['cases']} cases")
    speedup = float(results["local[2]"]["words_per_second"]) / max(float(results["local[1]"]["words_per_second"]), 1e-9)  # type: ignore[arg-type]
    print(f"speed-up local[2] / local[1] (extraction words/s): {speedup:.2f}")
    print(f"identical claims and cases: {identical}")
    (out / "bench.json").write_text(json.dumps({"results": results, "speedup": speedup, "identical": identical},
                                               indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
