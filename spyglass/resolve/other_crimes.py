"""People a report names as facing an action for something other than espionage.

A prisoner exchange frees spies and political prisoners together: "including aid worker Ann Berg,
who was sentenced to six years on charges of 'assisting extremist activities'". Where every charge
the reports name for a person is an offence of another kind, none espionage-related, and no report
says whom the person worked for, the person faces no espionage case: building one would be a false
accusation. A report that names no charge says nothing either way.
"""

from __future__ import annotations

import re

from spyglass.model import Claim, Document
from spyglass.resolve.grouping import SPONSOR_PREDICATES

# what follows these words is the offence: "on charges of ...", "convicted of ...", "jailed for ..."
_CHARGE = re.compile(r"\b(?:on|over)\s+(?:\w+\s+)?charges?\s+(?:of\s+)?|\bcharged\s+with\s+|\bconvicted\s+of\s+|"
                     r"\bguilty\s+of\s+|\baccused\s+of\s+|\b(?:sentenced|jailed|imprisoned)\s+(?:[\w-]+\s+){0,6}?for\s+", re.I)
# an offence about spying, secrets, a foreign power, intrusion, sabotage or reprisals abroad
_ESPIONAGE = re.compile(r"\b(?:spy|spie|spying|espionage|intelligence|treason|secret|classified|agent|foreign|national "
                        r"security|state security|sabotage|hack|computer|cyber|export|sanction|stalk|interference|"
                        r"repression|recruit|surveil|terror|information useful|enemy)", re.I)
# offences of another kind, named as such: drugs, fraud, extremism, violence, corruption, protest
_OTHER = re.compile(r"\b(?:extremis|drug|narcotic|smuggl|fraud|embezzl|brib|corrupt|murder|manslaughter|assault|"
                    r"hooligan|tax\b|tax evasion|theft|robbery|money laundering|disorder|protest|insult|defam|vandal|"
                    r"discredit|fake news|illegal border|drunk|possession|rape|kidnap)", re.I)


def other_crimes_only(names: set[str], claims: list[Claim], docs: dict[str, Document]) -> bool:
    """True when every charge the reports name for a person of `names` is an offence of another kind
    (drugs, fraud, extremism...) and none is espionage-related, and no report says whom the person
    worked for."""
    named = [c for c in claims if c.subject in names]
    if any(c.predicate in SPONSOR_PREDICATES for c in named):
        return False
    offences = []
    for claim in named:
        doc = docs.get(claim.doc_id)
        if doc is None:
            continue
        sentence = doc.text[claim.start : claim.end]
        offences += [sentence[m.end() : m.end() + 80] for m in _CHARGE.finditer(sentence)]
        if claim.value and not claim.value.isdigit() and claim.predicate in ("charged", "convicted", "indicted"):
            offences.append(claim.value)
    return bool(offences) and all(_OTHER.search(o) and not _ESPIONAGE.search(o) for o in offences)
