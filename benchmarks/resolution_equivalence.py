"""Full rebuild equals increments on an extracted store: its documents are copied, with their
extraction, a few at a time into a new store, resolving after each batch; after every batch the
resolution layer must equal the whole store assembled at once, and at the end a rebuild, for the
cases and for the entity layer (names, entities with their ids, joins, sightings).

    .venv/bin/python benchmarks/resolution_equivalence.py SOURCE.db [SCRATCH.db]

SOURCE.db is any ingested store (the devset, or a realdev part: `spyglass ingest` of the feed
`../shared/tools/gold_feed.py` writes). Exit 1 when any step differs.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from spyglass.model import content_hash
from spyglass.resolve.syndication import groups
from spyglass.run import resolution
from spyglass.run.cases import assemble_all, resolved_cases
from spyglass.run.records import case_record
from spyglass.store import Store, extracted


def whole(store: Store) -> str:
    docs = {d.doc_id: d for d in store.documents()}
    group_of, claims = groups(list(docs.values())), extracted.claim_records(store)
    return json.dumps([case_record(c, docs, group_of, claims) for c in assemble_all(store)], sort_keys=True, default=str)


def layer(store: Store) -> str:
    return json.dumps([r for _, r in resolved_cases(store)], sort_keys=True, default=str)


def entity_layer(store: Store) -> str:
    """The persisted entity rows a reader sees: names with their entity, entities, joins, sightings."""
    return json.dumps({
        "names": sorted(tuple(r) for r in store.conn.execute(
            "SELECT name, spelling, type, kb_ids, documents, entity_id FROM identity_names")),
        "entities": sorted(tuple(r) for r in store.conn.execute("SELECT * FROM identity_entities")),
        "joins": sorted(tuple(r) for r in store.conn.execute("SELECT * FROM identity_joins")),
        "sightings": sorted(tuple(r) for r in store.conn.execute("SELECT * FROM identity_sightings")),
    }, default=str)


def copy_in(source: Store, target: Store, ids: list[str], docs: dict[str, Any]) -> None:
    claims, mentions = extracted.claim_records(source, ids), extracted.mention_records(source, ids)
    for doc_id in ids:
        target.add_document(docs[doc_id], docs[doc_id].source_path or doc_id)
        extracted.save(target, doc_id, [m for m in mentions if m.doc_id == doc_id],
                       [c for c in claims if c.doc_id == doc_id], "copied")


def main() -> int:
    scratch = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.mkdtemp()) / "growing.db"
    ok = True
    with Store(sys.argv[1]) as source, Store(scratch) as growing:
        docs = {d.doc_id: d for d in source.documents()}
        ids = sorted(docs, key=lambda d: content_hash(d))  # an order unrelated to publication
        cuts = sorted({0, 1, 10, 11, 30, 31, 50, len(ids)} & set(range(len(ids) + 1)))
        for a, b in zip(cuts, cuts[1:]):
            copy_in(source, growing, ids[a:b], docs)
            step = resolution.refresh(growing)
            same = layer(growing) == whole(growing)
            ok &= same
            print(f"+{b - a} documents: {'every block' if step.full else f'{step.blocks} blocks'} resolved, "
                  f"{step.cases} cases written; layer == whole store: {same}")
        increments, entities = layer(growing), entity_layer(growing)
        resolution.rebuild(growing)
        same = layer(growing) == increments
        same_entities = entity_layer(growing) == entities
        ok &= same and same_entities
        print(f"{len(ids)} documents, {len(json.loads(increments))} cases; increments == rebuild: {same}")
        print(f"{len(json.loads(entities)['entities'])} entities; entity layer of the increments == rebuild: "
              f"{same_entities}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
