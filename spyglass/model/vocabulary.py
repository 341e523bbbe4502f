"""The vocabulary every stage shares: entity types, predicates, legal statuses, segment kinds.

Declared once here; extraction, the store, the API and the exporters all read these names,
and `check_*` guards reject anything outside them at the boundary where it comes in.
"""

from __future__ import annotations

import re

from spyglass.errors import ModelError

ENTITY_TYPES: dict[str, str] = {
    "person": "A named individual.",
    "state_agency": "A national intelligence, security or police service (MSS, FSB, CIA, MI5).",
    "agency_unit": "A bureau, department or division of an agency (Jiangsu State Security Department).",
    "company": "A commercial firm, including contractors and front companies.",
    "organization": "A non-state, non-commercial body: think tank, NGO, university, association.",
    "government_body": "A ministry, parliament, court, party organ or regulator that is not an agency.",
    "country": "A sovereign state.",
    "region": "A sub-national or supra-national area (Zhejiang, Western Europe, South-east Asia).",
    "threat_group": "A tracked intrusion set or cyber threat actor (APT31, Volt Typhoon).",
    "operation": "A named campaign or operation (Operation Fox Hunt).",
    "law": "A statute or legal instrument (Official Secrets Act, National Security Act 2023).",
    "sector": "An industry or field targeted (aerospace, semiconductors, diaspora media).",
}

PREDICATES: dict[str, str] = {
    "part_of": "A unit belongs to a larger body (bureau -> ministry).",
    "subordinate_to": "An agency answers to another body.",
    "targets": "An actor targets an organisation, country or sector.",
    "focuses_on": "A bureau covers a region or country.",
    "attributed_to": "An operation, hack or group is attributed to an actor.",
    "hired_by": "A person or company was hired by an actor.",
    "contractor_for": "A company works under contract for an agency.",
    "officer_of": "A person is (or was) an officer of an agency.",
    "agent_of": "A person acted as an agent for an agency.",
    "recruited_by": "A person was recruited by an actor.",
    "arrested": "A person was arrested (by an authority).",
    "charged": "A person was charged (by a prosecuting authority).",
    "convicted": "A person was convicted (by a court).",
    "sentenced": "A person was sentenced (with a term in months).",
    "stole_data_from": "An actor stole data from a victim.",
    "hacked": "An actor intruded into a victim's systems.",
    "operates_in": "An actor operates in a place.",
    "located_in": "An entity is located in a place.",
    "alias_of": "One name is another name of the same entity.",
    "citizen_of": "A person is a national of a country, recorded only where a source states it.",
    "used_method": "An actor used a tradecraft method (object: the method's id; value: against whom).",
    "described_as": "A report describes a person in apposition (value: the description, \"IT worker\").",
    "named_as": "A person is named in a role that is not a party to the case (value: lawyer, judge, official, "
                "politician, journalist, credit, witness, victim, employer, relative).",
}

# Ordered from the least to the most settled; a case's status is the latest event, not the max.
LEGAL_STATUSES: tuple[str, ...] = (
    "alleged",
    "arrested",
    "charged",
    "indicted",
    "extradited",
    "convicted",
    "pleaded_guilty",
    "acquitted",
    "dismissed",
    "sentenced",
    "released",
    "sanctioned",
    "deceased",
)

SEGMENT_KINDS: dict[str, str] = {
    "body": "The article's own text: the only part that facts are extracted from.",
    "pull_quote": "A display line that repeats a sentence of the body.",
    "boilerplate": "Page chrome: menus, cookie notices, bylines, counters, related links, footers.",
    "duplicate": "A second (often truncated) copy of body text already seen in the document.",
}

HEDGES: tuple[str, ...] = ("none", "alleged", "attributed", "reported", "denied")

# The subject of an event in a report that names no one ("a couple was given suspended
# sentences"): never a case by itself; case assembly may attach it to the one case the report
# is plainly about (`resolve.unnamed_reports`).
UNNAMED_SUBJECT = "(unnamed defendant)"


# How each predicate reads in a description or a link's role.
PREDICATE_VERBS = {"targets": "targets", "hacked": "hacked", "stole_data_from": "stole data from",
                   "attributed_to": "attributed to", "agent_of": "agent of", "recruited_by": "recruited by",
                   "hired_by": "hired by", "contractor_for": "contractor for", "officer_of": "member: officer of",
                   "part_of": "part of", "subordinate_to": "subordinate to", "focuses_on": "focuses on",
                   "operates_in": "operates in", "located_in": "located in", "citizen_of": "citizen of"}
# Legal forms say nothing about which firm is meant: "Haixing Netcom Co., Ltd." is "Haixing Netcom".
LEGAL_FORM = re.compile(r"\b(co|company|corp|corporation|ltd|limited|inc|incorporated|llc|gmbh|plc|sa|ag|bv)\b"
                        r"|(有限责任公司|股份有限公司|有限公司)$")


def check_choice(kind: str, value: str, allowed: dict[str, str] | tuple[str, ...]) -> str:
    """Return `value` if it belongs to the vocabulary `kind`, else raise a ModelError."""
    if value not in allowed:
        raise ModelError(f"unknown {kind} {value!r}; expected one of: {', '.join(allowed)}")
    return value
