"""Time the case table and every case page over the devset store: p50/p95 must stay under 50 ms.

    .venv/bin/python benchmarks/serve_devset_bench.py [--requests 200] [--db PATH] [--shared ../shared]

Ingests ../shared/devset/docs into a scratch store (or reuses --db), starts the app in this process
and requests each page through httpx's ASGI transport after the one-time warm-up a server does at start.
Exits 1 when a p95 is 50 ms or more.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

BUDGET_MS = 50.0


async def timed(client: object, path: str, n: int) -> list[float]:
    out = []
    for _ in range(n):
        start = time.perf_counter()
        response = await client.get(path)  # type: ignore[attr-defined]
        out.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return out


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[94]


async def bench(db: Path, requests: int) -> int:
    import httpx

    from spyglass.serve import create_app

    app = create_app(db)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1") as client:
        start = time.perf_counter()
        await asyncio.get_running_loop().run_in_executor(None, app.state.data.warm)
        print(f"warm-up (snapshot + case assembly, once per store state): {time.perf_counter() - start:.1f} s")
        cases = (await client.get("/api/cases", params={"limit": 1000})).json()["items"]
        targets = {"case table (/cases)": ["/cases"],
                   "case table sorted by name, ascending": ["/cases?sort=name&desc=0"],
                   f"case pages ({len(cases)} cases, round robin)": [f"/cases/{c['case_id']}" for c in cases]}
        print(f"{'request':48} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
        worst = 0.0
        for label, paths in targets.items():
            for path in paths:
                await timed(client, path, 2)  # each case's summary is built on its first request
            times: list[float] = []
            for i in range(requests):
                times += await timed(client, paths[i % len(paths)], 1)
            worst = max(worst, p95(times))
            print(f"{label[:48]:48} {statistics.median(times):8.1f} {p95(times):8.1f} {max(times):8.1f}")
    verdict = "ok" if worst < BUDGET_MS else "TOO SLOW"
    print(f"worst p95 {worst:.1f} ms (budget {BUDGET_MS:.0f} ms): {verdict}")
    return 0 if worst < BUDGET_MS else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--db", help="reuse (or create) the devset store here instead of a temporary one")
    parser.add_argument("--shared", default=os.environ.get("SPYGLASS_SHARED", str(Path(__file__).resolve().parents[1].parent / "shared")))
    args = parser.parse_args()
    docs = Path(args.shared) / "devset" / "docs"
    if not docs.exists():
        print(f"{docs} is absent: point --shared or SPYGLASS_SHARED at ../shared", file=sys.stderr)
        return 2
    from spyglass.ingest.run import ingest
    from spyglass.run.local import extract_pending
    from spyglass.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "devset.db"
        with Store(db) as store:
            if store.count() == 0:
                ingest([str(docs)], store, 5_000_000)
                extract_pending(store)
            print(f"store: {store.count()} documents")
        return asyncio.run(bench(db, args.requests))


if __name__ == "__main__":
    sys.exit(main())
