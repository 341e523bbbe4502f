"""Which section of a law each reported charge falls under, and reports that disagree on it.

"Charged under section 22 (preparatory acts) and section 23 (conspiracy)" in one report and
"Section 23, preparatory acts, and Section 22, conspiracy" in another cannot both be right: the
charges field of the case lists both readings with their reports. Only reports in which no
one else is charged count (a column on several cases pairs sections with other defendants' charges).
"""

from __future__ import annotations

import re
from collections import defaultdict

# "S. 22 R.S.C. – Preparatory acts ...", "Section 23, “preparatory acts ...”", "§ 99 (intelligence agent activity)"
_SECTION = re.compile(
    r"(?<![\w.])(?:s|ss|sec|section|§)\.?\s*(\d{1,4}[a-z]?)(?:\(\d+\))?(?:\s+R\.S\.C\.?)?"
    r"\s*(?:,|–|—|-|:|\()\s*[“\"‘']?([A-Za-z][A-Za-z -]{2,80}?)\s*(?=[”\"’',.;:)\n]|\s+and\s+(?:s|sec|section|§)\b|$)",
    re.I)
_NOT_A_TITLE = re.compile(r"^(?:which|that|who|where|the|a|an|and|or|of|in|under|for|it|he|she|they|was|is)\b", re.I)


def sections_named(text: str) -> dict[str, set[str]]:
    """Each offence a text pairs with a section number (lower case, spaces normalised) -> the numbers."""
    out: dict[str, set[str]] = defaultdict(set)
    for found in _SECTION.finditer(text):
        title = " ".join(found.group(2).lower().split())
        if _NOT_A_TITLE.match(title) or len(title.split()) > 12:
            continue
        out[title].add(found.group(1).lower())
    return out


def section_readings(texts: dict[str, str]) -> dict[str, dict[str, list[str]]]:
    """Offence -> section -> the documents pairing them, for offences that documents pair with
    different sections (each document counted only where it gives the offence one section)."""
    readings: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for doc_id, text in sorted(texts.items()):
        for title, numbers in sections_named(text).items():
            if len(numbers) == 1:
                readings[title][next(iter(numbers))].append(doc_id)
    return {title: dict(by_section) for title, by_section in readings.items() if len(by_section) > 1}
