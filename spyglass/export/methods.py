"""Documented uses of tradecraft methods in the graph: which methods the store documents, and who used them.

Read from the `used_method` claims (the method vocabulary is spyglass/model/methods.json). A claim
whose actor is `unattributed` still documents the method and its document; only a claim whose actor
is an entity of the graph says who used it. Both exporters read this module: STIX writes a method as
an attack-pattern with `uses` relationships, FollowTheMoney (which has no schema for a method) as a
Note on the actor.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from spyglass.export.graph import Graph
from spyglass.model import Claim
from spyglass.model.methods import METHODS, Method


@dataclass
class MethodUse:
    """An actor's documented use of one method, with the claims that state it."""

    actor: str  # entity key
    method: Method
    claims: list[Claim] = field(default_factory=list)

    @property
    def documents(self) -> set[str]:
        return {c.doc_id for c in self.claims}

    def against(self) -> list[str]:
        """Whom or what the method was used against or through, as the reports say."""
        return sorted({c.value for c in self.claims if c.value}, key=str.casefold)


def documented_methods(graph: Graph) -> dict[str, tuple[Method, set[str]]]:
    """Method id -> the method and the documents reporting its use (by anyone, attributed or not).
    A method id the vocabulary no longer declares is left out: there is nothing to name it by."""
    found: dict[str, tuple[Method, set[str]]] = {}
    for claim in graph.method_claims:
        method = METHODS.get(claim.object or "")
        if method is not None:
            found.setdefault(method.id, (method, set()))[1].add(claim.doc_id)
    return dict(sorted(found.items()))


def method_uses(graph: Graph) -> list[MethodUse]:
    """Every (actor, method) pair the graph documents, in a stable order. The actor is the entity the
    claim's subject resolved to when the graph was built (a country, an agency, a group, a case)."""
    uses: dict[tuple[str, str], MethodUse] = {}
    # a `used_method` claim is noted only on the entity its subject resolved to (its object is a method id)
    owner = {c.claim_id: key for key, entity in sorted(graph.entities.items()) for c in entity.claims
             if c.predicate == "used_method"}
    for claim in graph.method_claims:
        key = owner.get(claim.claim_id)
        method = METHODS.get(claim.object or "")
        if key is None or method is None:
            continue
        use = uses.setdefault((key, method.id), MethodUse(key, method))
        if claim not in use.claims:
            use.claims.append(claim)
    return [uses[k] for k in sorted(uses)]


def unexported(graph: Graph) -> dict[str, int]:
    """Claims of a method's use that name no actor entity, by reason (for an export's summary)."""
    reasons: dict[str, int] = defaultdict(int)
    actors = {c.claim_id for u in method_uses(graph) for c in u.claims}
    for claim in graph.method_claims:
        if claim.object not in METHODS:
            reasons["method use of a method the vocabulary no longer declares"] += 1
        elif claim.claim_id not in actors:
            reasons["method use with no named actor (the method is still exported)"] += 1
    return dict(reasons)
