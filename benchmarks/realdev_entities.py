"""Realdev: is every gold case (and its sponsor) one entity of `/api/entities`?

Usage, from the repository root, after building a store of a realdev part (its texts fed by
`../shared/tools/gold_feed.py`, then `spyglass ingest`):

    .venv/bin/python benchmarks/realdev_entities.py a STORE.db

For each gold case: how many entities carry one of its names (the goal is one). For its sponsor and
parent agency: how many entities carry one of the gold's names for them; the gold lists under a
sponsor's aliases its parent and generic wordings ("Russian intelligence" beside "GRU"), which
spyglass keeps as entities of their own, so those lines are reported apart and are not all
duplicates.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fastapi.testclient import TestClient  # noqa: E402

from spyglass.serve import create_app  # noqa: E402


def folded(name: str) -> str:
    text = unicodedata.normalize("NFKC", re.sub(r"\s*\([^)]*\)", "", name) or name).casefold()
    return " ".join(sorted(re.sub(r"[^\w\s]", " ", text).split()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("part", choices=["a", "b"])
    parser.add_argument("db", type=Path)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    gold = json.loads((args.shared / "realdev" / f"cases-{args.part}.json").read_text(encoding="utf-8"))
    client = TestClient(create_app(str(args.db)), base_url="http://127.0.0.1")
    entities: list[dict] = []
    while True:
        page = client.get("/api/entities", params={"limit": 1000, "offset": len(entities)}).json()["items"]
        entities += page
        if len(page) < 1000:
            break
    names = [(e["name"], {folded(n) for n in [e["name"], *e["aliases"]]}) for e in entities]
    cases_apart = agencies_apart = 0
    for case in gold["cases"]:
        wanted = {folded(n) for n in [case["person"], *case.get("aliases", [])]}
        hits = [name for name, known in names if known & wanted]
        if len(hits) != 1:
            cases_apart += 1
            print(f"case {case['case_id']}: {len(hits)} entities: {'; '.join(hits)[:160]}")
        for field in ("sponsor", "parent_agency"):
            if case.get(field):
                wanted = {folded(n) for n in [case[field], *(case.get(f"{field}_aliases") or [])]}
                hits = [name for name, known in names if known & wanted]
                if len(hits) > 1:
                    agencies_apart += 1
                    print(f"{field} of {case['case_id']} ({case[field]}): {len(hits)} entities: {'; '.join(hits)[:160]}")
    print(f"realdev {args.part}: {len(gold['cases']) - cases_apart} of {len(gold['cases'])} gold cases are one entity; "
          f"{agencies_apart} sponsor or parent lines name more than one entity (see the docstring)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
