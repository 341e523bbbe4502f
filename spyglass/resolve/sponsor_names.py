"""What the knowledge base says of a sponsor's name: its entry, its state, its parent, its other
names, and how specific it is (a named service, a state's intelligence, its government, the state)."""

from __future__ import annotations

import re
from typing import Any

from spyglass.kb.builtin import alias_index, load_entries, normalise_alias
from spyglass.model import Claim


def sponsor_tier(name: str) -> int:
    """0 for a named service, 1 for a state's intelligence, 2 for its government, 3 for the state."""
    if not is_country(name):
        return 0
    if name.endswith("intelligence"):
        return 1
    return 2 if name.endswith("government") else 3


def country_named(name: str) -> str | None:
    """The state a country-tier sponsor names: "Russian intelligence" -> Russia, "China" -> China."""
    from spyglass.extract.places import country_name, country_of_demonym

    first = re.sub(r"\s+(?:military\s+)?(?:government|intelligence)$", "", name)
    return country_name(first) or country_of_demonym(first)


def is_country(name: str) -> bool:
    """A state, or its government or intelligence named only by the state ("the Chinese
    government", "Iranian intelligence"): a named service outranks these."""
    from spyglass.extract.places import country_name

    if country_name(name) is not None:
        return True
    return bool(re.fullmatch(r"[A-Z][\w ]+ (?:military )?(?:government|intelligence)", name)) and entry_of(name) is None


_KB: dict[str, Any] = {}


def _kb() -> dict[str, Any]:
    if not _KB:
        entries = load_entries()
        _KB["by_id"] = {e.id: e for e in entries}
        _KB["aliases"] = alias_index()
    return _KB


def entry_of(name: str) -> Any:
    """The knowledge-base entry a name means, when exactly one does."""
    ids = _kb()["aliases"].get(normalise_alias(name), [])
    return _kb()["by_id"][ids[0]] if len(ids) == 1 else None


def parent_of(sponsor: str) -> str | None:
    entry = entry_of(sponsor)
    if entry is None or not entry.parent:
        return None
    return _kb()["by_id"][entry.parent].name


def sponsor_aliases(sponsor: str | None) -> list[str]:
    """The sponsor's names: the knowledge base's, or for a service named only by its state ("Iranian
    intelligence") the usual forms of that description."""
    entry = entry_of(sponsor) if sponsor else None
    if entry:
        return list(entry.names())
    if sponsor and sponsor.endswith(" intelligence"):
        return [sponsor, f"{sponsor} service", f"{sponsor} services", f"{sponsor} agencies"]
    if sponsor and sponsor.endswith(" government"):  # a state's government acts as the state
        from spyglass.extract.places import country_of_demonym

        state = country_of_demonym(sponsor.removesuffix(" government"))
        return [sponsor, *([f"{state}'s government", f"Government of {state}", state] if state else [])]
    return [sponsor] if sponsor else []


def country_of(name: str | None) -> str | None:
    entry = entry_of(name) if name else None
    return str(entry.country) if entry is not None and entry.country else None


def prosecuting_country(claims: list[Claim]) -> str | None:
    """Where the case is prosecuted: the extradition's destination, else the arresting
    authority's country, else the place of arrest."""
    from spyglass.extract.places import country_name

    for claim in claims:
        if claim.predicate == "extradited" and (claim.value or "").startswith("to "):
            country = country_name((claim.value or "")[3:])
            if country:
                return country
    for claim in claims:
        if claim.predicate in ("arrested", "charged", "convicted", "sentenced") and claim.object:
            entry = entry_of(claim.object)
            if entry is not None and entry.country:
                return str(entry.country)
    for claim in claims:
        if claim.predicate == "arrested" and (claim.value or "").startswith("in "):
            country = country_name((claim.value or "")[3:])
            if country:
                return country
    return None
