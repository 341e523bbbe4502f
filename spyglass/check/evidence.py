"""Documented uses of each method in a store: `used_method` claims with their documents, quotes and cases.

The approach check is pure and takes a lookup; this module builds one over a store. Each use carries what
a reader needs to judge it: who used the method against whom, the sentence it was read from (quoted, with
its span), how it is hedged, the document with its publisher and date, and the case files it belongs to.
Uses tied to a case come first, then the more confident, then the newer.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from spyglass.check.approach import EvidenceLookup
from spyglass.store import Store

PREDICATE = "used_method"
MIN_NAME = 4  # a shorter name or alias ("Xu") would tie a sentence to the wrong case file

_SQL = """
SELECT c.claim_id, c.doc_id, c.subject, c.object, c.value, c.date, c.hedge, c.hedge_cue, c.start, c."end",
       c.confidence, d.title, d.publisher, d.published, d.url,
       substr(d.text, c.start + 1, c."end" - c.start) AS quote
FROM claims c JOIN documents d USING (doc_id)
WHERE c.predicate = ?
"""


def method_uses(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Every stored use of every method, keyed by method id, best first."""
    rows = [dict(r) for r in store.conn.execute(_SQL, (PREDICATE,))]
    if not rows:
        return {}
    cases = _case_names(store)
    uses: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        quote = " ".join((r["quote"] or "").split())
        uses[r["object"]].append({
            "claim_id": r["claim_id"],
            "actor": r["subject"],
            "against": r["value"],
            "date": r["date"],
            "hedge": r["hedge"],
            "hedge_cue": r["hedge_cue"],
            "confidence": r["confidence"],
            "quote": quote,
            "start": r["start"],
            "end": r["end"],
            "document": {"id": r["doc_id"], "title": r["title"], "publisher": r["publisher"],
                         "published": r["published"], "url": r["url"]},
            "cases": _cases_for(r["doc_id"], f"{r['value'] or ''} {quote}", cases),
        })
    for found in uses.values():
        found.sort(key=lambda u: (not u["cases"], -u["confidence"], _newest_first(u["document"]["published"])))
    return dict(uses)


def store_lookup(store: Store) -> tuple[EvidenceLookup, str]:
    """A lookup for `check_message` over `store`, and a note that says what the store could offer."""
    uses = method_uses(store)
    if not uses:
        note = (f"The store at {store.path} holds no method claims yet, so no documented uses are shown: "
                "ingest reporting with `spyglass ingest PATH` (or re-run `spyglass extract` after an upgrade).")
    else:
        total = sum(len(u) for u in uses.values())
        note = f"Documented uses come from the store at {store.path} ({total} method claims)."
    return (lambda method: uses.get(method, [])), note


def _case_names(store: Store) -> list[tuple[dict[str, Any], list[str], set[str]]]:
    """(case summary, lower-cased names, its documents) for every case file in the store."""
    from spyglass.run.cases import cases_in

    out = []
    for case in cases_in(store):
        names = sorted({n.casefold() for n in [case.name, *case.aliases] if len(n) >= MIN_NAME}, key=len, reverse=True)
        summary = {"case_id": case.case_id, "name": case.name, "status": case.status}
        out.append((summary, names, set(case.documents)))
    return out


def _cases_for(doc_id: str, words: str, cases: list[tuple[dict[str, Any], list[str], set[str]]]) -> list[dict[str, Any]]:
    """The case files a use belongs to: reported by the same document, and named in the claim's words."""
    folded = words.casefold()
    return [summary for summary, names, docs in cases if doc_id in docs and any(n in folded for n in names)]


def _newest_first(published: str | None) -> str:
    # Invert the digits so an ascending sort puts the newest ISO date first and undated uses last.
    return "".join(chr(ord("9") - ord(c) + ord("0")) if c.isdigit() else c for c in published) if published else "~"
