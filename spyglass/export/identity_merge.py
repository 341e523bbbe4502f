"""The export graph's entities made one per entity of the store's entity layer.

The graph keys its entities on what it reads (a case, a knowledge entry, a type and a name); the
entity layer (`store/identities.py`) says which names are one real thing. Graph entities whose names
the layer joined (a firm and the vendor label a report gives as its alias, spellings the layer found
one) become one, so that STIX, FtM and screening have one object per entity id. Kept apart from
`graph.py`, which calls it last, and written over its entities and edges as they are (no import of
it, so no cycle).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, Callable


def merge_identities(entities: dict[str, Any], edges: dict[tuple[str, str, str], Any],
                     edge: Callable[[str, str, str], Any], entity_of: dict[str, str]) -> None:
    """Each graph entity gets its layer id (`identity`); those sharing one become the one a case, else
    a knowledge entry, else the most documents name. People join only people; places and sectors
    stay keyed on their names; two case files stay two (their cases differ). Exports make their ids
    from the layer's id (`id_key`), so one entity has one id in every export, unless two graph
    entities kept it (two case files), which keep their own keys."""
    groups: dict[tuple[str, bool], list[str]] = defaultdict(list)
    for key, entity in sorted(entities.items()):
        if entity.type in ("country", "region", "sector"):
            continue
        entity.identity = identity_of(entity.name, entity.aliases, entity_of)
        if entity.identity:
            groups[(entity.identity, entity.type == "person")].append(key)
    for keys in groups.values():
        if len(keys) < 2 or sum(1 for k in keys if entities[k].case) > 1:
            continue
        survivor = min(keys, key=lambda k: (entities[k].case is None, not entities[k].kb,
                                            -len(entities[k].documents), k))
        for key in keys:
            if key != survivor:
                _absorb(entities, edges, edge, survivor, key)
    shared = Counter(entity.identity for entity in entities.values() if entity.identity)
    for entity in entities.values():
        entity.id_key = entity.identity if entity.identity and shared[entity.identity] == 1 else entity.key


def identity_of(name: str, aliases: set[str], entity_of: dict[str, str]) -> str | None:
    """The layer's entity a graph entity is: its name's, else the one most of its other names are."""
    if name.casefold() in entity_of:
        return entity_of[name.casefold()]
    found = Counter(entity_of[n.casefold()] for n in aliases if n.casefold() in entity_of)
    return sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if found else None


def _absorb(entities: dict[str, Any], edges: dict[tuple[str, str, str], Any], edge: Callable[[str, str, str], Any],
            survivor: str, key: str) -> None:
    kept, gone = entities[survivor], entities.pop(key)
    kept.aliases |= gone.aliases | {gone.name}
    kept.documents |= gone.documents
    kept.claims += [c for c in gone.claims if c not in kept.claims]
    kept.kb = kept.kb or gone.kb
    kept.country = kept.country or gone.country
    for (subject, predicate, obj), old in list(edges.items()):
        if key not in (subject, obj):
            continue
        del edges[(subject, predicate, obj)]
        subject, obj = (survivor if subject == key else subject), (survivor if obj == key else obj)
        if subject == obj:
            continue
        merged = edge(subject, predicate, obj)
        merged.claims += [c for c in old.claims if c not in merged.claims]
        merged.kb_sources = sorted({*merged.kb_sources, *old.kb_sources})
        merged.note = merged.note or old.note
