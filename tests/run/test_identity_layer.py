"""The entity layer kept in the store: documents added a few at a time give the entities (ids and
members) of a rebuild from nothing; an unrelated document leaves ids alone; a join is explained."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spyglass.model import Claim, Document, Mention, Segment, content_hash
from spyglass.run import resolution
from spyglass.store import Store, extracted
from spyglass.store import identities as rows
from tests.run.test_resolution import copy_in


def layer(store: Store) -> dict[str, Any]:
    """The persisted entity rows a reader sees: names with their entity, entities, joins."""
    return {
        "names": sorted(tuple(r) for r in store.conn.execute(
            "SELECT name, spelling, type, kb_ids, documents, entity_id FROM identity_names")),
        "entities": sorted(tuple(r) for r in store.conn.execute("SELECT * FROM identity_entities")),
        "joins": sorted(tuple(r) for r in store.conn.execute("SELECT * FROM identity_joins")),
        "sightings": sorted(tuple(r) for r in store.conn.execute("SELECT * FROM identity_sightings")),
    }


def test_increments_equal_a_rebuild_on_the_devset(devset_db: Path, tmp_path: Path) -> None:
    with Store(devset_db) as source, Store(tmp_path / "growing.db") as growing:
        ids = sorted((d.doc_id for d in source.documents()), key=lambda d: content_hash("mix", d))
        steps = []
        for batch in (ids[:10], ids[10:22], ids[22:]):  # three batches in a mixed order
            copy_in(source, growing, batch)
            steps.append(resolution.refresh(growing))
        assert steps[0].full and not any(step.full for step in steps[1:])
        increments = layer(growing)
        assert len(increments["entities"]) > 100 and any(r[5] > 3 for r in increments["entities"])
        resolution.rebuild(growing)
        assert layer(growing) == increments
        for table in rows.LAYER:  # a store resolved before the layer existed gains it on the next read
            growing.conn.execute(f"DELETE FROM {table}")
        growing.conn.execute("DELETE FROM resolution_state WHERE key = 'identities'")
        assert resolution.refresh(growing).documents == 0 and layer(growing) == increments
    with Store(tmp_path / "whole.db") as whole, Store(devset_db) as source:
        copy_in(source, whole, sorted(ids))  # everything at once
        resolution.refresh(whole)
        assert layer(whole) == increments


def report(seed: int, text: str, names: list[tuple[str, str]], claims: list[tuple[str, str, str, str, str]]
           ) -> tuple[Document, list[Mention], list[Claim]]:
    doc = Document(content_hash(text, seed), text, [Segment("body", 0, len(text))], title="t",
                   published=f"2022-01-{seed + 1:02d}", language="en")
    mentions = [Mention(doc.doc_id, text.index(n), text.index(n) + len(n), n, t, None, "test", n) for n, t in names]
    common = {"doc_id": doc.doc_id, "start": 0, "end": len(text) - 1, "extractor": "test", "extractor_version": "1"}
    made = [Claim(s, p, subject_type=st, object=o, object_type=ot, confidence=0.9, **common)  # type: ignore[arg-type]
            for s, st, p, o, ot in claims]
    return doc, mentions, made


def add(store: Store, doc: Document, mentions: list[Mention], claims: list[Claim]) -> None:
    store.add_document(doc, f"test:{doc.doc_id}")
    extracted.save(store, doc.doc_id, mentions, claims, "test")


def entity_of(store: Store, name: str) -> str:
    return rows.entity_of(store, [name.casefold()])[name.casefold()]


def test_ids_are_stable_and_a_merge_redirects(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        add(store, *report(1, "Harbor Lumen Systems Ltd. sold relays to Quiet Fjord Trading.",
                           [("Harbor Lumen Systems Ltd.", "company"), ("Quiet Fjord Trading", "company")], []))
        add(store, *report(2, "Officials said Harbor Lumen Systems had no licence.",
                           [("Harbor Lumen Systems", "company")], []))
        resolution.refresh(store)
        harbor = entity_of(store, "Harbor Lumen Systems")
        assert entity_of(store, "Harbor Lumen Systems Ltd.") == harbor  # one firm, its legal form aside
        fjord = entity_of(store, "Quiet Fjord Trading")
        add(store, *report(3, "Nobody at Pale Orchard Farms would comment.", [("Pale Orchard Farms", "company")], []))
        resolution.refresh(store)
        assert (entity_of(store, "Harbor Lumen Systems"), entity_of(store, "Quiet Fjord Trading")) == (harbor, fjord)
        # a report that the trading firm is the other's alias joins them; the joined entity keeps the
        # id of the part holding the smallest name, and the other id redirects to it
        add(store, *report(4, "Quiet Fjord Trading, also known as Harbor Lumen Systems, shipped the relays.",
                           [("Quiet Fjord Trading", "company"), ("Harbor Lumen Systems", "company")],
                           [("Quiet Fjord Trading", "company", "alias_of", "Harbor Lumen Systems", "company")]))
        resolution.refresh(store)
        joined = entity_of(store, "Quiet Fjord Trading")
        assert entity_of(store, "Harbor Lumen Systems Ltd.") == joined == harbor
        found = rows.entity(store, fjord)  # the absorbed id still finds the entity
        assert found is not None and found["entity_id"] == harbor and fjord in found["redirected_from"]
        why = {(j["rule"], j["a"], j["b"]) for j in found["joins"]}
        assert ("name", "harbor lumen systems", "harbor lumen systems ltd.") in why
        assert ("alias_claim", "quiet fjord trading", "harbor lumen systems") in why
        where = {n["key"]: len(n["documents"]) for n in found["names"]}
        assert where == {"harbor lumen systems": 2, "harbor lumen systems ltd.": 1, "quiet fjord trading": 2}


def test_the_entity_command_explains_an_entity(tmp_path: Path, capsys: Any) -> None:
    import json

    import pytest

    from spyglass.cli import main
    from spyglass.errors import NotFound
    from spyglass.run.entities import find_entity

    db = tmp_path / "s.db"
    with Store(db) as store:
        add(store, *report(1, "Harbor Lumen Systems Ltd. sold relays.", [("Harbor Lumen Systems Ltd.", "company")], []))
        add(store, *report(2, "Harbor Lumen Systems had no licence.", [("Harbor Lumen Systems", "company")], []))
        found = find_entity(store, "harbor lumen systems ltd")  # a close spelling
        assert found["name"] == "Harbor Lumen Systems" and len(found["names"]) == 2
        assert find_entity(store, found["entity_id"])["entity_id"] == found["entity_id"]
        with pytest.raises(NotFound):
            find_entity(store, "Granite Pelican Works")
    assert main(["--db", str(db), "entity", "Harbor Lumen Systems Ltd.", "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [(j["rule"], j["support"]) for j in shown["joins"]] == [("name", "org:harbor lumen")]
    assert main(["--db", str(db), "entity", "Harbor Lumen Systems"]) == 0
    assert "name: harbor lumen systems = harbor lumen systems ltd." in capsys.readouterr().out
