"""The cases at one store state with the indexes a request looks them up by, so no page scans every case.

Built once when the cases change (beside the case rows themselves); what a page derives from all the
cases (the table's filter choices, the rows in one sort order) is kept in `memo` until the next change.
"""

from __future__ import annotations

import hashlib
import json
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
        self._lock = threading.RLock()

    def naming(self, names: Iterable[str]) -> list[dict[str, Any]]:
        """The rows whose name, alias, sponsor or parent agency is one of `names`, in table order."""
        found = sorted({i for n in names for i in self.by_name.get(n.casefold(), ())})
        return [self.rows[i] for i in found]

    def of_document(self, doc_id: str) -> list[dict[str, Any]]:
        return [self.rows[i] for i in self.by_document.get(doc_id, ())]

    def memo(self, name: str, build: Callable[[list[dict[str, Any]]], Any]) -> Any:
        """`build(rows)` over these cases' rows, computed once."""
        with self._lock:
            if name not in self._memo:
                self._memo[name] = build(self.rows)
            return self._memo[name]


def own_names(row: dict[str, Any]) -> set[str]:
    """The casefolded names a case answers to on an entity page: its name and aliases, its sponsor's
    name and its parent agency."""
    own = {row["name"], *row["aliases"], (row["sponsor"] or {}).get("name") or "", row["parent_agency"] or ""}
    return {n.casefold() for n in own if n}


class Records:
    """Case records parsed from their stored JSON, each kept while its text is unchanged: after one
    document is added only the cases of its block are parsed again, not every case in the store."""

    def __init__(self) -> None:
        self._parsed: dict[bytes, dict[str, Any]] = {}

    def rows(self, texts: list[str]) -> list[dict[str, Any]]:
        """The table rows of these records: each record with its first and last dates and its years."""
        parsed: dict[bytes, dict[str, Any]] = {}
        out = []
        for text in texts:
            digest = hashlib.blake2b(text.encode(), digest_size=16).digest()
            row = parsed.get(digest) or self._parsed.get(digest)
            if row is None:
                row = table_row(json.loads(text))
            parsed[digest] = row
            out.append(row)
        self._parsed = parsed
        return out


def table_row(record: dict[str, Any]) -> dict[str, Any]:
    dates = sorted(v for v in record["dates"].values() if v)
    record["first_date"] = dates[0] if dates else None
    record["last_date"] = dates[-1] if dates else None
    record["years"] = sorted({d[:4] for d in dates})
    return record
