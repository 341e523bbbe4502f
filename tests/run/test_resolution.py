"""The resolution layer: cases resolved block by block equal the whole store assembled at once,
and documents added a few at a time give the same cases as a rebuild from nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from spyglass.model import Claim, Document, Segment, content_hash
from spyglass.resolve.blocks import DocumentKeys, Linker
from spyglass.resolve.syndication import groups
from spyglass.run import resolution
from spyglass.run.cases import assemble_all, case_file, resolved_cases
from spyglass.run.records import case_record
from spyglass.store import Store, extracted


def whole_store_records(store: Store) -> list[dict[str, Any]]:
    """The records as the store gave them before the resolution layer: every case from every claim."""
    docs = {d.doc_id: d for d in store.documents()}
    group_of = groups(list(docs.values()))
    claims = extracted.claim_records(store)
    return [case_record(case, docs, group_of, claims) for case in assemble_all(store)]


def layer_records(store: Store) -> list[dict[str, Any]]:
    return [record for _, record in resolved_cases(store)]


def dumped(records: Any) -> str:
    return json.dumps(records, sort_keys=True, default=str, ensure_ascii=False)


@pytest.fixture
def devset_copy(devset_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "devset.db"
    shutil.copy(devset_db, copy)
    return copy


def test_blocks_give_the_whole_store_cases_on_the_devset(devset_copy: Path) -> None:
    with Store(devset_copy) as store:
        whole = whole_store_records(store)
        assert len(whole) >= 8
        assert dumped(layer_records(store)) == dumped(whole)


def test_case_files_read_from_a_block_equal_the_whole_store_ones(devset_copy: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import spyglass.run.cases as run_cases

    with Store(devset_copy) as store:
        layered = [dumped(case_file(store, case)) for case, _ in resolved_cases(store)]
        monkeypatch.setattr(run_cases, "_block_of", lambda store, case: None)  # read every document
        assert [dumped(case_file(store, case)) for case in assemble_all(store)] == layered


def copy_in(source: Store, target: Store, doc_ids: list[str]) -> None:
    """Documents with their extraction, as an ingest of them would store them."""
    docs = {d.doc_id: d for d in source.documents()}
    claims = extracted.claim_records(source, doc_ids)
    mentions = extracted.mention_records(source, doc_ids)
    for doc_id in doc_ids:
        target.add_document(docs[doc_id], docs[doc_id].source_path or doc_id)
        extracted.save(target, doc_id, [m for m in mentions if m.doc_id == doc_id],
                       [c for c in claims if c.doc_id == doc_id], "copied")


def test_increments_equal_a_rebuild_on_the_devset(devset_db: Path, tmp_path: Path) -> None:
    with Store(devset_db) as source, Store(tmp_path / "growing.db") as growing:
        ids = sorted((d.doc_id for d in source.documents()), key=lambda d: content_hash(d))  # a mixed order
        steps = []
        for batch in (ids[:1], ids[1:9], ids[9:10], ids[10:20], ids[20:]):
            copy_in(source, growing, batch)
            steps.append(resolution.refresh(growing))
            assert dumped(layer_records(growing)) == dumped(whole_store_records(growing))
        assert steps[0].full and not any(step.full for step in steps[1:])
        assert all(step.documents == n for step, n in zip(steps[1:], (8, 1, 10, len(ids) - 20)))
        increments = layer_records(growing)
        ids_before = [r["case_id"] for r in increments]
        resolution.rebuild(growing)
        assert dumped(layer_records(growing)) == dumped(increments)
        assert [r["case_id"] for r in layer_records(growing)] == ids_before  # stable ids


def report(doc_id_seed: int, person: str, unit: str = "Unit 74455") -> tuple[Document, list[Claim]]:
    text = f"{person} was arrested in Lyon on 3 May 2021 on suspicion of spying for {unit}.\n"
    doc = Document(content_hash(text, doc_id_seed), text, [Segment("body", 0, len(text))], title=f"{person} held",
                   published="2021-05-04", language="en")
    common = {"doc_id": doc.doc_id, "start": 0, "end": len(text) - 1, "extractor": "test", "extractor_version": "1"}
    from spyglass.model import FuzzyDate

    return doc, [Claim(person, "arrested", subject_type="person", value="in Lyon", confidence=0.9,
                       date=FuzzyDate("2021-05-03", "day"), **common),
                 Claim(person, "agent_of", subject_type="person", object=unit, object_type="agency_unit",
                       confidence=0.9, **common)]


def add(store: Store, doc: Document, claims: list[Claim]) -> None:
    store.add_document(doc, f"test:{doc.doc_id}")
    extracted.save(store, doc.doc_id, [], claims, "test")


def test_a_new_document_re_resolves_only_its_block(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        for i, person in enumerate(("Ann Berg", "Tom Ure", "Lars Vik")):
            add(store, *report(i, person))
        first = resolution.refresh(store)
        assert (first.full, first.blocks, first.cases) == (True, 3, 3)
        assert resolution.refresh(store).documents == 0  # nothing changed: nothing done
        rows_before = store.conn.execute("SELECT case_id, block_id, data FROM resolved_cases "
                                         "WHERE name != 'Tom Ure' ORDER BY case_id").fetchall()
        add(store, *report(9, "Tom Ure"))  # a second report of one case
        step = resolution.refresh(store)
        assert (step.full, step.documents, step.blocks, step.cases) == (False, 1, 1, 1)
        rows_after = store.conn.execute("SELECT case_id, block_id, data FROM resolved_cases "
                                        "WHERE name != 'Tom Ure' ORDER BY case_id").fetchall()
        assert [tuple(r) for r in rows_after] == [tuple(r) for r in rows_before]
        tom = next(case for case, _ in resolved_cases(store) if case.name == "Tom Ure")
        assert len(tom.documents) == 2


def test_a_judgement_re_resolves_every_block(tmp_path: Path) -> None:
    from spyglass.resolve.judgements import record

    with Store(tmp_path / "s.db") as store:
        add(store, *report(1, "Ann Berg"))
        add(store, *report(2, "Tom Ure"))
        resolution.refresh(store)
        record(store, "merge", "Ann Berg", "Tom Ure", "tester")
        step = resolution.refresh(store)
        assert step.full and step.blocks == 1
        assert len(resolved_cases(store)) == 1 == len(assemble_all(store))


def keys(doc_id: str, words: tuple[str, ...] = (), initials: tuple[str, ...] = (), names: tuple[str, ...] = (),
         windows: tuple[str, ...] = ()) -> DocumentKeys:
    return DocumentKeys(doc_id, set(words), set(initials), set(names), set(windows))


@pytest.mark.parametrize("a, b, together", [
    (keys("a", words=("berg",)), keys("b", words=("berg",)), True),  # a shared name word
    (keys("a", words=("berg",)), keys("b", words=("ure",)), False),
    (keys("a", words=("berg",)), keys("b", words=("bolt",)), False),  # a first letter alone links nothing
    (keys("a", initials=("b",)), keys("b", words=("berg",)), True),  # "Ann B." may be Ann Berg
    (keys("a", words=("berg",)), keys("b", initials=("b",)), True),
    (keys("a", names=("annberg",)), keys("b", windows=("annberg",)), True),  # a body naming the case
    (keys("a", windows=("annberg",)), keys("b", names=("annberg",)), True),
    (keys("a", windows=("annberg",)), keys("b", windows=("annberg",)), False),  # two bodies alone link nothing
])
def test_linker_joins_documents_that_can_meet(a: DocumentKeys, b: DocumentKeys, together: bool) -> None:
    linker = Linker()
    linker.add(a)
    linker.add(b)
    assert (linker.root("a") == linker.root("b")) is together
