"""Reports that disagree on whether a defendant is an intelligence officer.

"X, an FSB officer, and Y, an IT worker" in one report, "the two officers, X and Y" in others: the
report that tells the two apart in one sentence is listed under its description of Y, against the
reports calling Y an officer. A description alone ("Y, a visiting researcher", an officer's cover)
is no disagreement.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from spyglass.model import Claim
from spyglass.resolve.choose import Evidence
from spyglass.resolve.grouping import name_score

_OFFICER = re.compile(r"\b(?:officer|operative|spymaster)$")
_FORMER_POST = re.compile(r"\b(?:former|ex|retired|onetime)\b", re.I)


def roles_described(claims: list[Claim], all_claims: list[Claim], own: set[str],
                     evidence: Callable[[Claim, Any], Evidence]) -> list[Evidence]:
    """What each report says the person is, where reports differ on whether the person is an
    intelligence officer: "intelligence officer" from a report calling them one, and the other
    description from a report that, in the same sentence, calls a co-defendant the officer and
    this person something else ("X, an FSB officer, and Y, an IT worker")."""
    def officer(c: Claim) -> bool:
        return c.value != "former" if c.predicate == "officer_of" else (
            c.predicate == "described_as" and bool(_OFFICER.search(c.value or "")) and not _FORMER_POST.search(c.value or ""))

    mine = set(claims)

    def theirs(c: Claim) -> bool:  # also reports naming no event of the person, by one of its full names
        return c in mine or (len(c.subject.split()) >= 2 and max(name_score(c.subject, n, "person") for n in own) >= 0.85)

    said = [c for c in all_claims if c.predicate in ("officer_of", "described_as") and c.subject_type == "person"]
    officers = [c for c in said if officer(c) and theirs(c)]
    officer_spans = {(c.doc_id, c.start) for c in said if officer(c) and not theirs(c)}
    others = [c for c in said if theirs(c) and c.predicate == "described_as" and not officer(c)
              and not _FORMER_POST.search(c.value or "") and (c.doc_id, c.start) in officer_spans]
    if not officers or not others:
        return []
    return [evidence(c, "intelligence officer") for c in officers] + [evidence(c, c.value) for c in others]
