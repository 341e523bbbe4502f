"""The reliability figures of issue 17, each from real processes, files and stores:

    .venv/bin/python benchmarks/reliability.py bad-inputs   # kinds handled, tracebacks, good documents extracted
    .venv/bin/python benchmarks/reliability.py kill [--points 20]    # kill -9 then a plain re-run vs a clean run
    .venv/bin/python benchmarks/reliability.py api [--examples 50]   # responses with status 500
    .venv/bin/python benchmarks/reliability.py memory [--mb 50]      # peak memory of a JSON-lines ingest
    .venv/bin/python benchmarks/reliability.py all

The inputs and helpers are the reliability suite's (tests/reliability), so the tests and the figures
measure the same things; the tests run fewer kill points and examples to keep CI short.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "reliability")]

import corpus  # noqa: E402
from kill_runs import environment, ingest, killed_then_rerun, outcome, spyglass  # noqa: E402

EXAMPLES = ROOT / "examples" / "corpus"


def bad_inputs(tmp: Path) -> dict[str, object]:
    kinds, arguments = corpus.write(tmp / "inputs")
    db = tmp / "bad.db"
    run = subprocess.run(spyglass(db, "ingest", "--max-bytes", "2000000", "--format", "json", *arguments),
                         capture_output=True, text=True, timeout=1800, env=environment(), cwd=ROOT)
    docs = json.loads(subprocess.run(spyglass(db, "docs", "--format", "json"), capture_output=True, text=True,
                                     env=environment(), cwd=ROOT).stdout)
    summary = json.loads(run.stdout)
    got = {r["source"]: r["reason"] for r in summary["rejections"]}
    got.update({d["path"]: corpus.STORED for d in docs})
    handled, wrong = 0, []
    for n, kind in enumerate(kinds):
        mine = {s: o for s, o in got.items() if corpus.kind_of(s, kinds) == n}
        if kind.lines:
            ok = {int(s.rsplit(":", 1)[1]): o for s, o in mine.items()} == kind.lines
        else:
            ok = list(mine.values()) == [kind.expect]
        handled += ok
        if not ok:
            wrong.append({"kind": kind.name, "expected": kind.lines or kind.expect, "got": mine})
    extracted = sum(1 for d in docs if d["extraction"]["status"] == "done")
    return {"kinds": len(kinds), "handled_with_expected_outcome": handled, "wrong": wrong,
            "tracebacks": run.stderr.count("Traceback"), "exit_code": run.returncode,
            "good_documents_stored": len(docs), "good_documents_extracted": extracted,
            "rejections_with_a_reason": sum(1 for r in summary["rejections"] if r["detail"])}


def kills(tmp: Path, points: int, seed: int) -> dict[str, object]:
    started = time.monotonic()
    assert ingest(tmp / "clean.db", [str(EXAMPLES)]).returncode == 0
    duration = time.monotonic() - started
    expected = outcome(tmp / "clean.db")
    rng = random.Random(seed)
    identical, runs = 0, []
    for point in range(points):
        after = rng.uniform(0.3, duration)
        said, cases, claims = killed_then_rerun(tmp / f"killed-{point}.db", [str(EXAMPLES)], after)
        same = (cases, claims) == expected
        identical += same
        runs.append({"killed_after_s": round(after, 2), "left": said.split(";")[0], "identical": same})
    return {"clean_run_s": round(duration, 1), "points": points, "identical_after_rerun": identical,
            "expected_claims": expected[1].count('"claim_id"'), "runs": runs}


def api(tmp: Path, examples: int) -> dict[str, object]:
    from fastapi.testclient import TestClient

    from api_bodies import BODIES
    from fuzz_api import fuzz
    from test_api_never_500 import example_store

    from spyglass.serve import create_app

    app = create_app(example_store(tmp / "api.db"))
    statuses, failures = fuzz(app, examples)
    client = TestClient(app, raise_server_exceptions=False, base_url="http://127.0.0.1")
    hand = [client.post(path, content=json.dumps(body), headers={"content-type": "application/json"}).status_code
            for path, body in BODIES]
    return {"schemathesis_requests": sum(statuses.values()), "schemathesis_statuses": dict(sorted(statuses.items())),
            "schemathesis_500s": len(failures), "failures": failures[:10],
            "hand_written_bodies": len(hand), "hand_written_500s": sum(1 for s in hand if s >= 500),
            "hand_written_statuses": {s: hand.count(s) for s in sorted(set(hand))}}


def memory(tmp: Path, megabytes: int) -> dict[str, object]:
    feed = tmp / "feed.jsonl"
    size, n = megabytes * 1_000_000, 0
    with open(feed, "w", encoding="utf-8") as out:
        while out.tell() < size:
            text = "\n\n".join(corpus.article(n * 7 + k) for k in range(6))
            out.write(json.dumps({"url": f"https://example.org/{n}", "title": f"Report {n}",
                                  "published": "2025-01-02", "text": text}) + "\n")
            n += 1
    command = spyglass(tmp / "memory.db", "ingest", "--no-extract", "--format", "json",
                       "--max-bytes", str(size * 2), str(feed))
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=environment(), cwd=ROOT)
    out = process.stdout.read() if process.stdout else b""
    _, status, usage = os.wait4(process.pid, 0)
    summary = json.loads(out)
    return {"file_mb": round(feed.stat().st_size / 1e6, 1), "lines": n, "ingested": summary["ingested"],
            "rejected": len(summary["rejections"]), "seconds": round(time.monotonic() - started, 1),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1), "exit_status": status}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["bad-inputs", "kill", "api", "memory", "all"])
    parser.add_argument("--points", type=int, default=20, help="kill -9 points (default 20)")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--examples", type=int, default=50, help="schemathesis examples per route and mode")
    parser.add_argument("--mb", type=int, default=50, help="size of the JSON-lines file (default 50 MB)")
    args = parser.parse_args()
    figures: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="spyglass-reliability-") as tmp:
        for what, run in (("bad-inputs", lambda: bad_inputs(Path(tmp) / "bad")),
                          ("kill", lambda: kills(Path(tmp) / "kill", args.points, args.seed)),
                          ("api", lambda: api(Path(tmp) / "api", args.examples)),
                          ("memory", lambda: memory(Path(tmp) / "memory", args.mb))):
            if args.what in (what, "all"):
                (Path(tmp) / what.split("-")[0]).mkdir(parents=True, exist_ok=True)
                figures[what] = run()
                print(json.dumps({what: figures[what]}, indent=2), flush=True)


if __name__ == "__main__":
    main()
