"""The entity layer as `spyglass entity` reads it: an entity found by id, name or close spelling."""

from __future__ import annotations

from typing import Any

from spyglass.errors import NotFound
from spyglass.resolve.names import compare
from spyglass.run.resolution import refresh
from spyglass.store import Store
from spyglass.store import identities as rows


def find_entity(store: Store, text: str) -> dict[str, Any]:
    """The entity `text` means: an entity id (or one it used to have), any of its names, or a close
    spelling of one; with its names, where each was seen, and why they are one."""
    refresh(store)
    found = rows.entity(store, text.strip())
    if found is None:
        entity_id = rows.entity_of(store, [text.strip().casefold()]).get(text.strip().casefold())
        if entity_id is None:
            scored = sorted((compare(text, spelling).score, spelling, e) for spelling, e in rows.spellings(store))
            if scored and scored[-1][0] >= 0.85:
                entity_id = scored[-1][2]
        found = rows.entity(store, entity_id) if entity_id else None
    if found is None:
        raise NotFound(f"no entity is called {text!r}; `spyglass search` finds names in the documents")
    return found
