"""Analyst judgements: merge or split cases (and the entities the server lists), mark a claim wrong, choose a value.

Judgements are append-only records with who and when (the store refuses updates and
deletes). They name cases and claims by content (names; a claim's document, subject,
predicate and object or value), not by ids that change when documents are re-extracted, so
they survive re-extraction. When judgements disagree, the latest one wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from spyglass.errors import InputError
from spyglass.model import Claim
from spyglass.store.db import Store

KINDS = ("merge", "split", "wrong_claim", "choose")
CHOOSABLE = ("sponsor", "sentence_months", "status", "name")


@dataclass(frozen=True)
class Judgement:
    kind: str
    target: str
    value: str | None
    made_by: str
    made_at: str
    note: str | None = None


def claim_key(claim: Claim) -> str:
    """What a judgement about a claim points at: stable across extractor versions."""
    return "|".join([claim.doc_id, claim.subject, claim.predicate, claim.object or claim.value or ""])


def record(store: Store, kind: str, target: str, value: str | None, made_by: str, note: str | None = None) -> Judgement:
    if kind not in KINDS:
        raise InputError(f"unknown judgement {kind!r}; expected one of {', '.join(KINDS)}")
    if not made_by.strip():
        raise InputError("a judgement needs who made it: give --by NAME")
    if kind == "choose":
        field = (value or "").split("=", 1)[0]
        if field not in CHOOSABLE or "=" not in (value or ""):
            raise InputError(f"choose takes FIELD=VALUE with FIELD one of {', '.join(CHOOSABLE)}")
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    with store.conn:
        store.conn.execute("BEGIN")
        store.conn.execute(
            "INSERT INTO judgements (made_at, made_by, kind, target, value, note) VALUES (?, ?, ?, ?, ?, ?)",
            (now, made_by, kind, target, value, note),
        )
    return Judgement(kind, target, value, made_by, now, note)


def load(store: Store) -> list[Judgement]:
    rows = store.conn.execute(
        "SELECT kind, target, value, made_by, made_at, note FROM judgements ORDER BY judgement_id").fetchall()
    return [Judgement(*row) for row in rows]


def as_rules(judgements: list[Judgement]) -> dict[str, Any]:
    """The judgements' net effect, later ones overriding earlier ones on the same target."""
    merges: list[tuple[str, str]] = []
    splits: list[tuple[str, str]] = []
    wrong: set[str] = set()
    chosen: dict[tuple[str, str], str] = {}
    for j in judgements:
        if j.kind == "merge" and j.value:
            merges.append((j.target, j.value))
            splits = [s for s in splits if set(s) != {j.target, j.value}]
        elif j.kind == "split" and j.value:
            splits.append((j.target, j.value))
            merges = [m for m in merges if set(m) != {j.target, j.value}]
        elif j.kind == "wrong_claim":
            wrong.add(j.target)
        elif j.kind == "choose" and j.value:
            field, value = j.value.split("=", 1)
            chosen[(j.target, field)] = value
    return {"merge": merges, "split": splits, "wrong": wrong, "choose": chosen}
