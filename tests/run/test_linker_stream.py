"""The linker read back from the stored keys (streamed a document at a time) is the one reading every
key row at once gives."""

from __future__ import annotations

import shutil
from pathlib import Path

from spyglass.resolve.blocks import Linker
from spyglass.run import resolution
from spyglass.store import Store, resolved


def linker_read_whole(store: Store) -> Linker:
    linker = Linker()
    stored = resolved.keys(store)
    order = [r[0] for r in store.conn.execute("SELECT doc_id FROM documents ORDER BY published IS NULL, published, "
                                              "doc_id")]
    for doc_id in order:
        if doc_id in stored:
            linker.add(resolution._as_keys(doc_id, stored[doc_id]))
    return linker


def test_streamed_linker_equals_the_whole_read(devset_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "devset.db"
    shutil.copy(devset_db, copy)
    with Store(copy) as store:
        resolution.refresh(store)
        resolution._LINKERS.clear()
        streamed = resolution._linker(store)
        whole = linker_read_whole(store)
        assert len(streamed.parent) >= 30
        assert vars(streamed) == vars(whole)
        assert streamed.blocks() == whole.blocks()
