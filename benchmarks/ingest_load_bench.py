"""Time /api/cases while documents keep arriving: concurrent clients against the app while another
process writes synthetic reports (documents and their claims) into the same store.

    .venv/bin/python benchmarks/ingest_load_bench.py [--docs 10000] [--clients 8] [--seconds 60] [--rate 5]

The store is made (or reused with --db) with `serve_bench.generate`; the writer adds `--rate`
documents a second, each one about a new or a known person, as `spyglass ingest` would store them.
Requests go through httpx to the ASGI app in this process, as in serve_bench.py. Reports p50, p95 and
the maximum of /api/cases, and how many documents the writer stored meanwhile.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import tempfile
import time
from pathlib import Path
from typing import Any

from serve_bench import generate, p, peak_mb


def writer(db: str, rate: float, stop: Any, written: Any) -> None:
    """Add documents to the store at `rate` a second until `stop` is set."""
    from spyglass.store import Store

    with Store(db) as store:
        n = 0
        while not stop.is_set():
            start = time.perf_counter()
            generate(store, 1, seed=1_000_000 + n)
            n += 1
            written.value = n
            time.sleep(max(0.0, 1 / rate - (time.perf_counter() - start)))


async def client_loop(client: Any, until: float, times: list[float]) -> None:
    while time.perf_counter() < until:
        start = time.perf_counter()
        response = await client.get("/api/cases", params={"limit": 50})
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.text[:200]


async def bench(db: Path, clients: int, seconds: float, rate: float) -> None:
    import httpx

    from spyglass.serve import create_app

    app = create_app(db)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
        start = time.perf_counter()
        await asyncio.get_running_loop().run_in_executor(None, app.state.data.warm)
        print(f"warm-up (snapshot + resolution): {time.perf_counter() - start:.1f} s")
        before = (await client.get("/api/cases", params={"limit": 1})).json()["total"]
        stop = multiprocessing.Event()
        written = multiprocessing.Value("i", 0)
        process = multiprocessing.Process(target=writer, args=(str(db), rate, stop, written))
        process.start()
        times: list[float] = []
        until = time.perf_counter() + seconds
        await asyncio.gather(*(client_loop(client, until, times) for _ in range(clients)))
        stop.set()
        process.join()
        after = (await client.get("/api/cases", params={"limit": 1})).json()["total"]
    print(f"{clients} clients for {seconds:.0f} s while a writer stored {written.value} documents "
          f"({rate:g} a second); cases listed {before} -> {after}")
    print(f"/api/cases?limit=50: {len(times)} requests, p50 {p(times, 50):.1f} ms, p95 {p(times, 95):.1f} ms, "
          f"max {max(times):.1f} ms")
    print(f"peak memory of this process: {peak_mb():.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--rate", type=float, default=5, help="documents the writer adds a second")
    parser.add_argument("--db", help="reuse (or create) the store here instead of a temporary one")
    args = parser.parse_args()
    from spyglass.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "bench.db"
        with Store(db) as store:
            if store.count() < args.docs:
                generate(store, args.docs - store.count(), seed=store.count() + 7)
            print(f"store: {db} ({store.count()} documents)")
        asyncio.run(bench(db, args.clients, args.seconds, args.rate))


if __name__ == "__main__":
    main()
