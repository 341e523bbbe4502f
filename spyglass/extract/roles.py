"""Roles: what a person named in a report is there as, when it is not as a party to the case.

A report on a trial names many people who face nothing: the prosecutor, the judge, the defence
lawyer, the minister who comments, the reporters of its byline, the photographer of its image
credit, the politician whose aide was charged. Each is recognised from where the name stands:

- a title right before the name, in the name's own phrase ("defence lawyer Anna Berg",
  "Judge Tom Ure", "FBI Director Ann Lee"), unless the title is a former one;
- an apposition right after it ("Anna Berg, a lawyer for the engineer, said");
- the owner of the person an event happened to ("Berg's aide was charged": Berg is not);
- bylines and credits ("By Ann Lee", "Ann Lee and Tom Ure reported", "Photo: Ann Lee/AP").

Roles are claims (`named_as`, value: the role) with their sentence as the span. Case assembly
never builds a case for a person whose only standing in a document is such a role, and the
pronoun and description fallbacks of the event rules never land on them.
"""

from __future__ import annotations

import re
from typing import Any

from spyglass.extract.entities import Mention, sentences, tokens_with_dep
from spyglass.model import Claim

EXTRACTOR = "spyglass.roles"
VERSION = "0.1"

# role -> the head words of its titles (matched on lower case, as whole words).
ROLE_TITLES: dict[str, tuple[str, ...]] = {
    "lawyer": ("lawyer", "lawyers", "attorney", "attorneys", "counsel", "solicitor", "barrister", "advocate",
               "defender", "defense", "defence"),
    "judge": ("judge", "justice", "magistrate", "presiding"),
    "official": ("prosecutor", "prosecutors", "prosecuting", "director", "chief",
                 "head", "spokesman", "spokeswoman", "spokesperson", "minister", "secretary", "commissioner",
                 "ambassador", "official", "superintendent", "inspector", "sheriff", "governor", "chancellor",
                 "premier", "deputy", "administrator", "commander", "agent", "general", "assistant"),
    "politician": ("mp", "senator", "sen", "rep", "representative", "congressman", "congresswoman", "lawmaker",
                   "legislator", "president", "mayor", "councillor", "councilor", "leader", "parliamentarian"),
    "journalist": ("reporter", "reporters", "correspondent", "editor", "journalist", "photographer", "columnist",
                   "writer", "producer", "anchor", "host"),
    "witness": ("witness",),
    "victim": ("victim", "dissident", "activist", "target"),
}
_TITLE_ROLE = {word: role for role, words in ROLE_TITLES.items() for word in words}
# Roles that rule a person out as a party wherever the report names them: a byline or credit, a
# lawyer, a judge. The others (an official, a journalist, a politician...) can themselves face
# charges, so they only keep the pronoun and description fallbacks off the person.
HARD_ROLES = {"credit", "lawyer", "judge", "witness"}
_FORMER = re.compile(r"\b(?:former|ex|retired|onetime|one-time|then)\b[\s-]*$", re.I)
_APPOSITION = re.compile(r"^\s*,\s*(?:the|a|an|his|her|their|its)?\s*((?:[\w.’'-]+\s+){0,5}?)([a-z]+)\b\s*(?:for|of|at|in|to|with|,|who|said|says|told)")
_CREDIT_LINE = re.compile(r"^\s*(?:by|photo(?:graph)?s?|image|credit|picture|illustration|reporting by|writing by|editing by|"
                          r"additional reporting by|video|source)\b\s*[:|]?", re.I)
_CREDIT_AFTER = re.compile(r"^\s*(?:/|\s*\|\s*)\s*(?:AP|AFP|Reuters|Getty|EPA|dpa|Bloomberg|Xinhua|TASS|ANP|NTB|TT|Shutterstock|Alamy|PA)\b"
                           r"|^\s*(?:and\s+[\w.’' -]{3,40}\s+)?(?:reported|contributed|wrote|reports)\b", re.I)
_SPEECH_AFTER = re.compile(r"^\s*(?:,\s*[^,]{0,80},\s*)?(?:said|says|told|added|wrote|noted|explained|stated)\b", re.I)


def document_roles(claims: list[Claim], mentions: list[Mention], parsed: list[tuple[int, Any]]) -> dict[str, set[str]]:
    """Person name -> the non-party roles the document gives it: its `named_as` claims (see
    `role_claims`), and owners of a person an event happened to."""
    roles: dict[str, set[str]] = {}
    for claim in claims:
        roles.setdefault(claim.subject, set()).add(claim.value or "")
    for m in mentions:
        if m.source == "metadata":  # the byline's reporters, wherever the body names them again
            roles.setdefault(m.name, set()).add("reporter")
    for name, role, _ in _owners(mentions, parsed):
        if role == "employer":  # "the senator's aide": the employer is no party anywhere in the report
            roles.setdefault(name, set()).add(role)
    return roles


def sentence_owners(mentions: list[Mention], parsed: list[tuple[int, Any]]) -> dict[str, set[int]]:
    """Person name -> the starts of the sentences in which a relative or peer is named as theirs
    ("Berg's son was arrested"): there, and only there, the owner is not the one described. A
    colleague or relative quoted elsewhere ("Lin's former colleague said ...") is most often speaking
    of the defendant."""
    out: dict[str, set[int]] = {}
    for name, role, start in _owners(mentions, parsed):
        if role != "employer":
            out.setdefault(name, set()).add(start)
    return out


def role_claims(doc_id: str, doc_text: str, mentions: list[Mention], parsed: list[tuple[int, Any]]) -> list[Claim]:
    """`named_as` claims: one per person, role and sentence where a role is shown."""
    out: dict[tuple[str, str, int], Claim] = {}
    for offset, spacy_doc in parsed:
        for sentence in sentences(spacy_doc):
            start, end = offset + sentence.start_char, offset + sentence.end_char
            for m in mentions:
                if not personal(m) or not (start <= m.start and m.end <= end):
                    continue
                role = _title_before(doc_text, m) or _apposition_after(doc_text, m) or _credit(doc_text, m)
                if role:
                    out.setdefault((m.name, role, start), Claim(
                        subject=m.name, subject_type="person", predicate="named_as", value=role, doc_id=doc_id,
                        start=start, end=end, extractor=EXTRACTOR, extractor_version=VERSION, confidence=0.8))
    return list(out.values())


def personal(m: Mention) -> bool:
    """A person, or a two- or three-word name the model typed as an organisation ("lawyer Ann Berg")."""
    if m.source == "metadata":
        return False
    return m.type == "person" or (m.type == "organization" and bool(_NAME_LIKE.match(m.text)))


_NAME_LIKE = re.compile(r"^[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){1,2}$")


def _title_before(text: str, m: Mention) -> str | None:
    """"defence lawyer Anna Berg", "FBI Director Ann Lee", "Judge Tom Ure", "Mrs Justice Ure"."""
    line_start = text.rfind("\n", 0, m.start) + 1
    before = text[max(line_start, m.start - 60) : m.start]
    words = re.findall(r"[\w’'.-]+|[,;:()“”\"]", before)
    # walk back over the title's words (capitalised agency names and titles), stop at punctuation
    if words[-1:] == [","] and len(words) >= 2 and _TITLE_ROLE.get(words[-2].lower()) in ("lawyer", "judge"):
        return _TITLE_ROLE[words[-2].lower()]  # "Her lawyer, Ann Berg, said"
    for back, word in enumerate(reversed(words[-5:])):
        if not re.match(r"[\w]", word) or (word.endswith(".") and len(word) > 5):
            return None  # punctuation or the end of the sentence before: no title
        role = _TITLE_ROLE.get(word.lower().strip(".’'"))
        if role:
            head = before[: before.rfind(word)]
            if _FORMER.search(head):
                return None
            if role == "official" and word.lower() in ("agent", "general", "assistant", "deputy", "head", "chief") and back:
                continue  # "agent" in "FBI agent" stands right before the name; elsewhere it is a description
            return role
        if word[:1].islower() and word.lower() not in ("u.s.", "the", "of", "for", "and", "state", "district", "federal",
                                                       "foreign", "public", "chief", "senior", "deputy", "assistant"):
            return None  # an ordinary word: the title ended
    return None


def _apposition_after(text: str, m: Mention) -> str | None:
    """"Anna Berg, a lawyer for the engineer, said" / "Ann Lee, the ministry's spokeswoman"."""
    match = _APPOSITION.match(text[m.end : m.end + 120])
    if not match:
        return None
    role = _TITLE_ROLE.get(match.group(2).lower())
    if role is None or role in ("agent", "victim") or _FORMER.search(" " + match.group(1)):
        return None
    if role == "official" and match.group(2).lower() in ("agent", "general", "assistant", "deputy", "head", "chief"):
        return None
    return role


def _credit(text: str, m: Mention) -> str | None:
    """Bylines and image credits: "By Ann Lee", "Photo: Ann Lee/AP", "Ann Lee and Tom Ure reported"."""
    line_start = text.rfind("\n", 0, m.start) + 1
    line_end = text.find("\n", m.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    head = text[line_start : m.start]
    if _CREDIT_LINE.match(line) and len(line.split()) <= 14 and re.fullmatch(r"[\w\s:|,.&’'()/-]*", head):
        return "credit"
    after = _CREDIT_AFTER.match(text[m.end : m.end + 60])
    if after and (len(line.split()) <= 14 or after.group(0).strip().startswith(("/", "|"))):
        return "credit"
    return None


def _owners(mentions: list[Mention], parsed: list[tuple[int, Any]]) -> list[tuple[str, str, int]]:
    """"Berg's aide", "the aide of Berg": the owner of a person described by a noun is not that person;
    with the start of the sentence."""
    out = []
    people = [m for m in mentions if m.type == "person" and m.source != "metadata"]
    for offset, spacy_doc in parsed:
        for token in tokens_with_dep(spacy_doc, "poss"):
            if token.head.pos_ != "NOUN":
                continue
            if token.head.lower_ not in _RELATIONS:
                continue
            at = offset + token.idx
            owner = next((m for m in people if m.start <= at < m.end), None)
            if owner is not None:
                out.append((owner.name, "employer" if token.head.lower_ in _SUBORDINATES else "relative",
                            offset + token.sent.start_char))
    return out


_SUBORDINATES = {"employee", "staffer", "aide", "assistant", "aides", "adviser", "advisor", "secretary", "driver"}
_RELATIONS = {"aide", "aides", "assistant", "employee", "staffer", "adviser", "advisor", "secretary", "son", "daughter",
              "wife", "husband", "brother", "sister", "father", "mother", "friend", "partner", "colleague", "driver"}
