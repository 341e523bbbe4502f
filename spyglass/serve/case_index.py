"""The cases at one store state with the indexes a request looks them up by, so no page scans every case.

Built once when the cases change (beside the case rows themselves); what a page derives from all the
cases (the table's filter choices, the rows in one sort order) is kept in `memo` until the next change.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from typing import Any, Callable, Iterable


class CaseState:
    """The resolution layer's case rows at the store state `key`, indexed."""

    def __init__(self, key: tuple[Any, ...], rows: list[dict[str, Any]]):
        self.key = key
        self.rows = rows
        self.by_id: dict[str, int] = {}
        self.by_name: dict[str, list[int]] = defaultdict(list)
        self.by_document: dict[str, list[int]] = defaultdict(list)
        for i, r in enumerate(rows):
            self.by_id.setdefault(r["case_id"], i)
            for name in own_names(r):
                self.by_name[name].append(i)
            for doc in dict.fromkeys(s["document"] for s in r["sources"]):
                self.by_document[doc].append(i)
        self._memo: dict[str, Any] = {}
        self._lock = threading.Lock()

    def naming(self, names: Iterable[str]) -> list[dict[str, Any]]:
        """The rows whose name, alias, sponsor or parent agency is one of `names`, in table order."""
        found = sorted({i for n in names for i in self.by_name.get(n.casefold(), ())})
        return [self.rows[i] for i in found]

    def of_document(self, doc_id: str) -> list[dict[str, Any]]:
        return [self.rows[i] for i in self.by_document.get(doc_id, ())]

    def memo(self, name: str, build: Callable[[], Any]) -> Any:
        """`build()`, computed once for these cases."""
        with self._lock:
            if name not in self._memo:
                self._memo[name] = build()
            return self._memo[name]


def own_names(row: dict[str, Any]) -> set[str]:
    """The casefolded names a case answers to on an entity page: its name and aliases, its sponsor's
    name and its parent agency."""
    own = {row["name"], *row["aliases"], (row["sponsor"] or {}).get("name") or "", row["parent_agency"] or ""}
    return {n.casefold() for n in own if n}
