"""Links only to pages that exist: a name is linked when its entity page answers, else shown as text.

The entity page answers for a name the claims or mentions use, a knowledge-base name or alias, and a
sponsor, parent agency or target of a case (see pages.entity_page); everything else would be a 404.
"""

from __future__ import annotations

from typing import Any

from spyglass.serve.data import Data
from spyglass.serve.templates import e, entity_link

PLACEHOLDERS = {"unattributed", "unknown", "unnamed", "none"}


def linkable(data: Data) -> set[str]:
    """Every casefolded name with an entity page, built once per store state."""

    def build() -> set[str]:
        from spyglass.kb.link import index_for

        snap = data.snapshot()
        names = set(snap.entities) | set(snap.alias_to_entity)
        index = index_for(data.store())
        for entry in index.entries.values():
            if entry.status != "revoked":
                names |= {n.casefold() for n in entry.names()}
        for r in data.case_rows():
            names |= {n.casefold() for n in case_names(r)}
        return names - PLACEHOLDERS

    return data.snapshot().lazy("linkable", build)  # type: ignore[no-any-return]


def case_names(row: dict[str, Any]) -> list[str]:
    """The names a case row gives an entity page: its sponsor (and aliases), parent agency and targets."""
    sponsor = row["sponsor"] or {}
    return [n for n in [sponsor.get("name"), *sponsor.get("aliases", []), row["parent_agency"], *row["targets"]] if n]


class Links:
    """Link builders for one request."""

    def __init__(self, data: Data):
        self.names = linkable(data)

    def known(self, name: str | None) -> bool:
        return bool(name) and (name or "").casefold() in self.names

    def entity(self, name: str | None) -> str:
        if not name:
            return ""
        return entity_link(name) if self.known(name) else e(name)
