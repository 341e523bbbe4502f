"""The STIX export of a store, checked against that store: validator errors, reports, sources, attack-patterns.

Usage, from the repository root:

    .venv/bin/python benchmarks/stix_check.py STORE.db               # figures as lines; exit 1 on a problem
    .venv/bin/python benchmarks/stix_check.py STORE.db --format json
    .venv/bin/python benchmarks/stix_check.py STORE.db -o bundle.json   # also keep the bundle

The figures come from spyglass/export/stix_check.py (the code the tests pin): stix2-validator's errors
and warnings by check code; stored documents and the documents without a report (undated pages are
dated by the day they were first stored); relationships, those without any source, and the
(relationship, source document) pairs whose document's report does not list the relationship;
methods the store documents, attack-patterns, `uses` relationships; threat actors that are no
defendant of an uncleared case.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from spyglass.export.stix import export_bundle  # noqa: E402
from spyglass.export.stix_check import audit  # noqa: E402
from spyglass.store import Store  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("store", type=Path, help="a spyglass store (SQLite file) already ingested and extracted")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument("-o", "--output", type=Path, help="write the bundle here as well")
    args = parser.parse_args()
    if not args.store.is_file():
        print(f"no store at {args.store}: give the path of a spyglass .db file", file=sys.stderr)
        return 2
    with Store(args.store) as store:
        bundle, _ = export_bundle(store)
        result = audit(bundle, store)
    if args.output:
        args.output.write_text(json.dumps(bundle, ensure_ascii=False, indent=2), encoding="utf-8")
    figures, problems = result.figures(), result.problems()
    if args.format == "json":
        print(json.dumps({"store": str(args.store), **figures, "problems": problems}, indent=2))
    else:
        print(f"store {args.store}")
        for key, value in figures.items():
            print(f"  {key}: {value}")
        print("  problems: " + ("none" if not problems else ""))
        for problem in problems:
            print(f"    {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
