"""How many entities each gold agency and organisation of the devset is in /api/entities, the agency graph and the exports.

    .venv/bin/python benchmarks/org_entities_devset.py [--db PATH]

The devset (../shared/devset) is ingested and extracted into a scratch store (or `--db`, kept for
the next run). For every gold sponsor and parent agency (with their aliases) and every company or
group case (with its aliases and vendor labels), the entities whose name or alias equals one of the
gold names after NFKC, case folding, dropping punctuation and ignoring word order (the gold
schema's matching rule) are counted, and so are the distinct nodes naming it across the agency graphs, the
STIX objects (identity, threat-actor, intrusion-set) and the FtM entities (Person, Organization, PublicBody,
Company) naming it. One is the goal: one entity per real thing (issue 14). A measurement, not a gate
(`tests/serve/test_serve_identities.py` and `tests/export/test_export_identities.py` pin it).
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[2] / "shared"


def folded(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).casefold()
    return " ".join(sorted(re.sub(r"[^\w\s]", " ", text).split()))


def forms(names: set[str]) -> set[str]:
    """Folded names, each also without a bracketed gloss ("GRU (Main Directorate ...)" -> "GRU")."""
    return {folded(n) for name in names for n in (name, re.sub(r"\s*\([^)]*\)", "", name)) if n.strip()}


def things(gold: dict[str, Any]) -> dict[str, set[str]]:
    """Each real agency or organisation of the gold: its canonical name -> every folded form."""
    out: dict[str, set[str]] = {}
    for case in gold["cases"]:
        for field in ("sponsor", "parent_agency", "arresting_agency", "arresting_parent_agency"):
            if case.get(field):
                names = {case[field], *(case.get(f"{field}_aliases") or [])}
                out.setdefault(case[field], set()).update(forms(names))
        if case["kind"] != "person":
            out.setdefault(case["person"], set()).update(forms({case["person"], *case["aliases"]}))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="the devset store (built here when absent)")
    args = parser.parse_args()
    from fastapi.testclient import TestClient

    from spyglass.ingest.run import ingest
    from spyglass.run.local import extract_pending
    from spyglass.serve import create_app
    from spyglass.store import Store

    gold = json.loads((SHARED / "devset" / "gold.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "devset.db"
        if not db.exists():
            with Store(db) as store:
                ingest([str(SHARED / "devset" / "docs")], store, 5_000_000)
                extract_pending(store)
        client = TestClient(create_app(db), base_url="http://127.0.0.1")
        from spyglass.export.ftm import export_entities
        from spyglass.export.stix import export_bundle

        with Store(db) as store:
            bundle, _ = export_bundle(store)
            ftm, _ = export_entities(store)
        stix_names = [{folded(n) for n in [o["name"], *(o.get("aliases") or []), *(o.get("x_spyglass_aliases") or [])]}
                      for o in bundle["objects"] if o["type"] in ("identity", "threat-actor", "intrusion-set")]
        ftm_names = [{folded(n) for k in ("name", "alias") for n in e["properties"].get(k, [])}
                     for e in ftm if e["schema"] in ("Person", "Organization", "PublicBody", "Company")]
        entities = client.get("/api/entities", params={"limit": 1000}).json()["items"]
        print(f"{'gold agency or organisation':55} {'entities':>8} {'graph nodes':>11} {'STIX':>5} {'FtM':>5}  "
              "entity names")
        real = things(gold)
        graphs = []
        for name in real:  # every agency's structure graph (a company's name answers none)
            graph = client.get("/api/graph/agency", params={"name": name})
            if graph.status_code == 200:
                graphs.append(graph.json())
        for name, wanted in sorted(real.items()):
            hits = [e for e in entities if {folded(n) for n in [e["name"], *e["aliases"]]} & wanted]
            nodes = {n["id"] for g in graphs for n in g["nodes"] if folded(n["id"]) in wanted}
            stix = sum(1 for names in stix_names if names & wanted)
            ftm_hits = sum(1 for names in ftm_names if names & wanted)
            print(f"{name[:55]:55} {len(hits):8} {len(nodes):11} {stix:5} {ftm_hits:5}  "
                  f"{'; '.join(e['name'] for e in hits)[:120]}")


if __name__ == "__main__":
    main()
