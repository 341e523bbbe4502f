"""Keep the store's resolution layer current: cases resolved block by block, and re-resolved only
where new documents fall.

`refresh` compares the store with the state the layer was last built at. Documents stored or
re-extracted since then get their blocking keys (`resolve.blocks`); the blocks those keys join
(and only those) are assembled again with `resolve.cases.build_cases`, the same function a whole
store is assembled with, fed the block's documents, claims and mentions in the store's order.
Every other block's cases stay as they are. An analyst's judgement re-resolves every block (a
merge may join two of them). `rebuild` starts from nothing; both give the same cases (tested).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from typing import Any, Iterable

from spyglass.model import Case, Claim, Document, Mention
from spyglass.resolve import judgements
from spyglass.resolve.blocks import DocumentKeys, Linker, document_keys
from spyglass.resolve.cases import build_cases
from spyglass.resolve.syndication import groups
from spyglass.run import identities
from spyglass.run.records import case_record
from spyglass.store import Store, extracted, resolved
from spyglass.store import identities as identity_rows

# A process keeps its linker between refreshes (the server refreshes after every upload): then a
# refresh reads only the new documents' keys, not every document's.
_LINKERS: dict[str, tuple[str, Linker]] = {}
_LOCK = threading.Lock()


@dataclass
class Step:
    """What one refresh did: how many documents it read, blocks it rebuilt, cases it wrote."""

    documents: int = 0
    blocks: int = 0
    cases: int = 0
    full: bool = False
    rebuilt_blocks: list[str] = field(default_factory=list)


def refresh(store: Store) -> Step:
    """Bring the resolution layer up to the store's contents; a no-op when nothing changed."""
    with _LOCK:
        resolved.ensure(store)
        identity_rows.ensure(store)
        now = resolved.fingerprint(store)
        if resolved.state(store, "fingerprint") == now:
            if resolved.state(store, "identities") != now:  # a store resolved before the entity layer existed
                rules = judgements.as_rules(judgements.load(store))
                identities.rebuild(store, rules)
                resolved.save_state(store, {"identities": now})
            return Step()
        last_marks = resolved.state(store, "marks")
        judged = resolved.state(store, "judgements")
        current_judgements = _judgement_mark(store)
        if last_marks is None or judged != current_judgements or _lost_rows(store):
            return _rebuild(store, now, current_judgements)
        import json

        changed = resolved.changed_documents(store, json.loads(last_marks))
        return _increment(store, changed, now, current_judgements)


def keep_linker(store: Store) -> None:
    """Hold this process's linker of the store's current resolution (a server does this at start),
    so that the first document added later costs its own keys, not a read of every document's."""
    with _LOCK:
        resolved.ensure(store)
        mark = resolved.state(store, "fingerprint")
        if mark is not None and mark == resolved.fingerprint(store):
            _LINKERS[str(store.path)] = (mark, _linker(store))


def rebuild(store: Store) -> Step:
    """Resolve the whole store again from nothing."""
    with _LOCK:
        resolved.ensure(store)
        identity_rows.ensure(store)
        return _rebuild(store, resolved.fingerprint(store), _judgement_mark(store))


def _judgement_mark(store: Store) -> str:
    row = store.conn.execute("SELECT count(*), coalesce(max(judgement_id), 0) FROM judgements").fetchone()
    return f"{row[0]}:{row[1]}"


def _lost_rows(store: Store) -> bool:
    """Whether documents were deleted since the last resolution (their blocks would keep them)."""
    stored = store.conn.execute("SELECT count(*) FROM resolution_blocks").fetchone()[0]
    present = store.conn.execute("SELECT count(*) FROM resolution_blocks WHERE doc_id IN "
                                 "(SELECT doc_id FROM documents)").fetchone()[0]
    return bool(stored != present)


def _rebuild(store: Store, fingerprint: str, judgement_mark: str) -> Step:
    marks = resolved.marks(store)
    docs = list(store.documents())
    keys = _keys_of(store, docs)
    linker = Linker()
    for doc in docs:
        linker.add(_as_keys(doc.doc_id, keys[doc.doc_id]))
    rules = judgements.as_rules(judgements.load(store))
    for pair in rules["merge"]:
        linker.join(pair)
    blocks = linker.blocks()
    built = _build(store, docs, blocks, rules)
    assignment = {d: block for block, members in blocks.items() for d in members}
    resolved.save(store, keys, assignment, set(), built, _state(fingerprint, marks, judgement_mark), everything=True,
                  then=lambda: _identities(store, None, set(), rules))
    _LINKERS[str(store.path)] = (fingerprint, linker)
    return Step(len(docs), len(blocks), sum(len(c) for c in built.values()), True, sorted(blocks))


def _increment(store: Store, changed: set[str], fingerprint: str, judgement_mark: str) -> Step:
    marks = resolved.marks(store)
    linker = _linker(store)
    by_id = {d.doc_id: d for d in _documents(store, changed)}
    keys = _keys_of(store, list(by_id.values()))
    for doc_id in sorted(keys):
        linker.add(_as_keys(doc_id, keys[doc_id]))
    old = resolved.blocks(store)
    touched = {linker.root(d) for d in changed}
    members: dict[str, list[str]] = {root: [] for root in touched}
    for doc_id in list(linker.parent):
        root = linker.root(doc_id)
        if root in touched:
            members[root].append(doc_id)
    blocks = {root: sorted(docs) for root, docs in members.items()}
    stale = {old[d] for docs in blocks.values() for d in docs if d in old}
    docs = _documents(store, {d for docs in blocks.values() for d in docs})
    rules = judgements.as_rules(judgements.load(store))
    built = _build(store, docs, blocks, rules)
    assignment = {d: block for block, docs_ in blocks.items() for d in docs_}
    case_names = resolved.case_names_of_blocks(store, stale)
    case_names |= {n for cases in built.values() for case, _ in cases for n in (case.name, *case.aliases)}
    layer_current = resolved.state(store, "identities") == resolved.state(store, "fingerprint")
    resolved.save(store, keys, assignment, stale, built, _state(fingerprint, marks, judgement_mark),
                  then=lambda: _identities(store, changed if layer_current else None, case_names, rules))
    _LINKERS[str(store.path)] = (fingerprint, linker)
    return Step(len(changed), len(blocks), sum(len(c) for c in built.values()), False, sorted(blocks))


def _identities(store: Store, changed: set[str] | None, case_names: set[str], rules: dict[str, Any]) -> None:
    """The entity layer brought to the cases being written (in their transaction): re-joined where
    `changed` documents and the cases named `case_names` fall, or from nothing (`changed` None)."""
    if changed is None:
        identities.rebuild(store, rules, own_transaction=False)
    else:
        identities.update(store, changed, case_names, rules, own_transaction=False)


def _linker(store: Store) -> Linker:
    """The linker of the last resolution: this process's own, else rebuilt from the stored keys."""
    cached = _LINKERS.get(str(store.path))
    if cached is not None and cached[0] == resolved.state(store, "fingerprint"):
        return cached[1]
    linker = Linker()
    # streamed a document at a time in the store's order: holding every key row at once would cost
    # the process a gigabyte at 100,000 documents
    rows = store.conn.execute(
        "SELECT k.doc_id, k.kind, k.key FROM resolution_keys k JOIN documents d USING (doc_id) "
        "ORDER BY d.published IS NULL, d.published, d.doc_id, k.rowid")
    for doc_id, group in groupby(rows, key=itemgetter(0)):
        linker.add(_as_keys(doc_id, [(kind, key) for _, kind, key in group]))
    return linker


def _state(fingerprint: str, marks: dict[str, int], judgement_mark: str) -> dict[str, str]:
    import json

    return {"fingerprint": fingerprint, "marks": json.dumps(marks), "judgements": judgement_mark,
            "identities": fingerprint}


def _documents(store: Store, doc_ids: Iterable[str]) -> list[Document]:
    """These documents, in the order `Store.documents` gives every document."""
    wanted = set(doc_ids)
    if not wanted:
        return []
    out = [store.get_document(doc_id) for doc_id in sorted(wanted)]
    return sorted(out, key=lambda d: (d.published is None, d.published or "", d.doc_id))


def _keys_of(store: Store, docs: list[Document]) -> dict[str, list[tuple[str, str]]]:
    ids = [d.doc_id for d in docs]
    claims = extracted.claim_records(store, ids)
    mentions = extracted.mention_records(store, ids)
    by_doc_c: dict[str, list[Claim]] = {}
    for c in claims:
        by_doc_c.setdefault(c.doc_id, []).append(c)
    by_doc_m: dict[str, list[Mention]] = {}
    for m in mentions:
        by_doc_m.setdefault(m.doc_id, []).append(m)
    return {d.doc_id: document_keys(d, by_doc_c.get(d.doc_id, []), by_doc_m.get(d.doc_id, [])).rows() for d in docs}


def _as_keys(doc_id: str, rows: list[tuple[str, str]]) -> DocumentKeys:
    keys = DocumentKeys(doc_id)
    for kind, key in rows:
        {"word": keys.words, "initial": keys.initials, "name": keys.names, "window": keys.windows}[kind].add(key)
    return keys


def _build(store: Store, docs: list[Document], blocks: dict[str, list[str]],
           rules: dict[str, Any]) -> dict[str, list[tuple[Case, dict[str, Any]]]]:
    """Each block's cases, with the record `spyglass cases --format json` prints for each. Each
    block's documents, claims and mentions keep the store's order (the order a whole-store
    assembly reads them in)."""
    block_of = {d: block for block, members in blocks.items() for d in members}
    wanted = sorted(block_of)
    block_docs: dict[str, list[Document]] = {block: [] for block in blocks}
    for doc in docs:
        if doc.doc_id in block_of:
            block_docs[block_of[doc.doc_id]].append(doc)
    block_claims: dict[str, list[Claim]] = {block: [] for block in blocks}
    for claim in extracted.claim_records(store, wanted):
        block_claims[block_of[claim.doc_id]].append(claim)
    block_mentions: dict[str, list[Mention]] = {block: [] for block in blocks}
    for mention in extracted.mention_records(store, wanted):
        block_mentions[block_of[mention.doc_id]].append(mention)
    out: dict[str, list[tuple[Case, dict[str, Any]]]] = {}
    for block_id in blocks:
        claims = block_claims[block_id]
        cases = build_cases(block_docs[block_id], claims, block_mentions[block_id], rules) if claims else []
        docs_by_id = {d.doc_id: d for d in block_docs[block_id]}
        group_of = groups(block_docs[block_id]) if cases else {}
        out[block_id] = [(case, case_record(case, docs_by_id, group_of, claims)) for case in cases]
    return out


def _chunks(items: list[str], size: int = 500) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
