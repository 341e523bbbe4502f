"""Group the subjects of legal-event claims into cases: one node per subject per document,
joined across documents by name, and by the rest of the case when the name alone is weak."""

from __future__ import annotations

import re
from functools import lru_cache
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from spyglass.model import Claim
from spyglass.resolve.names import STRONG, WEAK, compare

# Legal events in the order a case moves through them; the status is the latest one.
LADDER = ["alleged", "sanctioned", "arrested", "charged", "indicted", "extradited", "pleaded_guilty",
          "convicted", "acquitted", "dismissed", "sentenced", "released", "deceased"]
# Gold and analysts speak of fewer statuses: how each event reads as a case status.
AS_STATUS = {"sanctioned": "alleged", "indicted": "charged", "pleaded_guilty": "convicted", "extradited": None,
             "dismissed": None}
# A company or group said to have hacked, stolen data or worked for a service faces an allegation.
ALLEGATIONS = ("hacked", "stole_data_from", "contractor_for", "attributed_to")
# ... but a company faces a case only for what it did itself (or a legal event): a firm said only to
# work for a service (a front that paid an agent, a cut-out, a vendor) is in the graph, not a case.
OWN_ALLEGATIONS = ("hacked", "stole_data_from")
SPONSOR_PREDICATES = ("officer_of", "agent_of", "contractor_for", "recruited_by", "attributed_to")
_AUTHORITY = re.compile(r"\b(Department|Ministry|Office|Court|Police|Parliament|Congress|Commission|Agency|Embassy|"
                        r"Government|Prosecutor|Service)\b")
_PERSON_LIKE = re.compile(r"^[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){1,2}$")
_PERSONAL = ("arrested", "sentenced", "released", "extradited", "deceased")
GROUP_SUBJECT = re.compile(r"^(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s", re.I)


@dataclass
class Node:
    """One subject as one document names it."""

    doc_id: str
    name: str
    kind: str
    claims: list[Claim] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    unnamed: bool = False  # a report's unnamed-defendant events, placed in this case (`resolve.unnamed_reports`)

    @property
    def key(self) -> tuple[str, str]:
        return self.doc_id, self.name


def subject_nodes(claims: list[Claim]) -> dict[tuple[str, str], Node]:
    events = {s for s in LADDER}
    nodes: dict[tuple[str, str], Node] = {}
    for claim in claims:
        if claim.predicate in ALLEGATIONS and claim.subject_type in ("company", "threat_group") and claim.confidence >= 0.5:
            nodes.setdefault((claim.doc_id, claim.subject), Node(claim.doc_id, claim.subject, claim.subject_type))
        if claim.predicate in events and claim.subject_type in ("person", "company", "threat_group", "organization"):
            if not _looks_like_a_name(claim.subject, claim.subject_type) and not GROUP_SUBJECT.match(claim.subject):
                continue
            if claim.subject_type == "organization" and _AUTHORITY.search(claim.subject):
                continue  # "the Defence Department": an authority, not a party to a case
            kind = "person_group" if GROUP_SUBJECT.match(claim.subject) else claim.subject_type
            kind = "company" if kind == "organization" else kind
            if kind == "company" and claim.predicate in _PERSONAL and _PERSON_LIKE.match(claim.subject):
                kind = "person"  # "Marta Ilves was arrested": a person the model took for an organisation
            elif kind == "company" and (claim.predicate in _PERSONAL or len(claim.subject.split()) < 2):
                continue  # a firm is not arrested, jailed or freed: a one-word "firm" is a mistyped surname

            nodes.setdefault((claim.doc_id, claim.subject), Node(claim.doc_id, claim.subject, kind))
    in_doc: dict[str, list[Node]] = defaultdict(list)
    for node in nodes.values():
        in_doc[node.doc_id].append(node)
    for claim in claims:  # every claim about a subject (however this document spells it), and its other names
        for node in in_doc.get(claim.doc_id, []):
            if claim.subject == node.name or (node.kind == "person" and compare(claim.subject, node.name).score >= 0.8) or (
                    node.kind != "person" and claim.subject_type in ("company", "organization", "threat_group")
                    and name_score(claim.subject, node.name, node.kind) >= 0.9):
                node.claims.append(claim)
                if claim.predicate == "alias_of" and claim.object:
                    node.aliases.add(claim.object)
                if claim.subject != node.name:
                    node.aliases.add(claim.subject)
    for claim in claims:  # "Wen Jiali, known as Jenny Wen": the subject is the alias node's other name
        key = (claim.doc_id, claim.object or "")
        if claim.predicate == "alias_of" and key in nodes:
            nodes[key].aliases.add(claim.subject)
    labels = _group_labels(claims)
    for node in nodes.values():  # threat-group labels vendors give a company's operations
        if node.kind in ("company", "threat_group"):
            for name in {node.name, *node.aliases}:
                node.aliases |= labels.get(name, set())
    return nodes


def _group_labels(claims: list[Claim]) -> dict[str, set[str]]:
    """Company -> the threat-group labels attributed to it, with every label those are aliases of."""
    alias_of: dict[str, set[str]] = defaultdict(set)
    for c in claims:
        if c.predicate == "alias_of" and c.object and c.subject_type == "threat_group":
            alias_of[c.subject].add(c.object)
            alias_of[c.object].add(c.subject)
    labels: dict[str, set[str]] = defaultdict(set)
    for c in claims:
        if c.predicate == "attributed_to" and c.subject_type == "threat_group" and c.object:
            found, todo = set(), [c.subject]
            while todo:
                label = todo.pop()
                if label not in found:
                    found.add(label)
                    todo.extend(alias_of.get(label, ()))
            labels[c.object] |= found
    return labels


def _looks_like_a_name(text: str, kind: str = "person") -> bool:
    """A case needs a name: a one-word "person" is a place or a firm the model mistyped
    ("Koblenz"), unless it is a group ("Three Germans") or an initialled name ("K.")."""
    from spyglass.extract.places import country_name, region_name

    if not text or len(text) > 80 or country_name(text) or region_name(text):
        return False
    if not (text[0].isupper() or re.match(r"[\u3400-\u9fff]", text)):
        return False
    return True  # one-word names stay only if they join a fuller name (see `_drop_fragments`)


def cluster(nodes: dict[tuple[str, str], Node], rules: dict[str, Any]) -> list[list[Node]]:
    items = list(nodes.values())
    parent = list(range(len(items)))
    split = {frozenset(pair) for pair in rules["split"]}
    merge = {frozenset(pair) for pair in rules["merge"]}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _candidate_pairs(items, merge):
        a, b = items[i], items[j]
        pair = frozenset((a.name, b.name))
        if pair in split:
            continue
        if pair in merge or _same_case(a, b):
            parent[root(i)] = root(j)
    members: dict[int, list[Node]] = defaultdict(list)
    for i, node in enumerate(items):
        members[root(i)].append(node)
    return list(members.values())


def _candidate_pairs(items: list[Node], merge: set[frozenset[str]]) -> list[tuple[int, int]]:
    """Pairs of nodes that could be one case: those sharing a name word (spelling-folded, Han
    names as pinyin) or the first letter of a surname with an initial; an analyst's merge
    always counts. Blocking keeps resolution near-linear instead of comparing every pair."""
    from spyglass.resolve.names import fold, tokens

    buckets: dict[str, list[int]] = defaultdict(list)
    for index, node in enumerate(items):
        keys: set[str] = set()
        for name in {node.name, *node.aliases}:
            for token in tokens(name):
                key = fold(token)
                keys.add(key[:1] + "." if len(key) == 1 else key)
                keys.add(key[:1] + ".")  # an initial meets every name starting with that letter...
        for key in keys:
            if not key.endswith(".") or any(len(fold(t)) == 1 for n in {node.name, *node.aliases} for t in tokens(n)):
                buckets[key].append(index)  # ...but only nodes that carry an initial use that bucket
        for initial in {k for k in keys if k.endswith(".")}:
            if index not in buckets[initial]:
                buckets[initial + "*"].append(index)
    pairs: set[tuple[int, int]] = set()
    for key, members in buckets.items():
        if key.endswith("*"):
            continue
        others = members + (buckets.get(key + "*", []) if key.endswith(".") else [])
        for x, i in enumerate(others):
            for j in others[x + 1 :]:
                if i != j:
                    pairs.add((min(i, j), max(i, j)))
    if merge:
        names = {n: i for i, node in enumerate(items) for n in (node.name, *node.aliases)}
        for pair in merge:
            if len(pair) == 2:
                a, b = sorted(pair)
                if a in names and b in names and names[a] != names[b]:
                    pairs.add((min(names[a], names[b]), max(names[a], names[b])))
    return sorted(pairs)


def _same_case(a: Node, b: Node) -> bool:
    if a.kind != b.kind and not {a.kind, b.kind} <= {"company", "threat_group"}:
        return False
    if a.kind == "person_group" or b.kind == "person_group":
        return False  # "three Germans" in two reports may be different groups: keep apart
    names_a, names_b = {a.name, *a.aliases}, {b.name, *b.aliases}
    if names_a & names_b:
        return True
    best = max(name_score(x, y, a.kind) for x in names_a for y in names_b)
    if best >= STRONG:
        return True
    if a.doc_id == b.doc_id and best >= 0.8:
        return True  # one report spelling one person two ways ("Yevgeny L." and "Jewgienij L.")
    if a.doc_id == b.doc_id and best >= 0.6 and min(len(a.name.split()), len(b.name.split())) == 1:
        return True  # "Tang" beside "William Tang" in the same report
    if best < STRONG and _other_given_names(a.name, b.name):
        return False  # the same surname with another given name: two people (an analyst can join them)
    # a surname alone needs two kinds of support; a given name with the surname's initial ("Ann L.") one
    return best >= WEAK and _support(a, b) >= (1 if best >= 0.75 else 2)


def name_score(x: str, y: str, kind: str) -> float:
    if kind == "person":
        return compare(x, y).score
    kx, ky = _org_key(x), _org_key(y)
    if kx == ky:
        return 1.0
    dx, dy = _distinctive(kx), _distinctive(ky)
    if dx and dx == dy:
        return 0.9  # "Xiamen Haixing Network Communication Technology" = "Xiamen Haixing Netcom Technology"
    short, long = sorted((kx, ky), key=len)
    # "Haixing" for "Xiamen Haixing Netcom Technology": a distinctive word of the longer name
    if len(short) >= 6 and re.search(rf"\b{re.escape(short)}\b", long):
        return 0.9 if " " in short else 0.6
    return 0.0


_GENERIC_ORG_WORDS = {"technology", "technologies", "network", "networks", "netcom", "information", "science", "sciences",
                      "communication", "communications", "development", "international", "systems", "services",
                      "holdings", "trading", "consulting", "industries", "and", "the", "of"}


def _distinctive(key: str) -> frozenset[str]:
    return frozenset(w for w in key.split() if w not in _GENERIC_ORG_WORDS)


@lru_cache(maxsize=50_000)
def _org_key(name: str) -> str:
    text = _LEGAL_FORM.sub(" ", name.lower())
    return " ".join(_WORD.findall(text)) or name.lower()


_LEGAL_FORM = re.compile(r"\b(co|company|corp|corporation|ltd|limited|inc|llc|gmbh|group)\b\.?")
_WORD = re.compile(r"\w+")


def _other_given_names(x: str, y: str) -> bool:
    """"Payam Kia" and "Peyman Kia": full names whose given names differ beyond a spelling
    variant ("Jewgienij" / "Yevgeny" are one name; "Payam" / "Peyman" are two)."""
    from rapidfuzz.fuzz import ratio

    from spyglass.resolve.names import fold, tokens

    tx, ty = tokens(x), tokens(y)
    if len(tx) < 2 or len(ty) < 2 or any(len(t.rstrip(".")) == 1 for t in tx + ty):
        return False
    shared = {fold(t) for t in tx} & {fold(t) for t in ty}
    if not ({fold(tx[-1]), fold(tx[0])} & {fold(ty[-1]), fold(ty[0])} & shared) or fold(tx[0]) == fold(ty[0]) != fold(tx[-1]):
        return False  # what they share is not the family name
    rest_x = [fold(t) for t in tx if fold(t) not in shared]
    rest_y = [fold(t) for t in ty if fold(t) not in shared]
    if not shared or not rest_x or not rest_y:
        return False
    return ratio(" ".join(rest_x), " ".join(rest_y)) < 70


def _support(a: Node, b: Node) -> int:
    """How many independent kinds of support a weak name match has: the same agency, the same
    sentence, the same place of arrest, an agreeing dated event. A weak match merges on two."""
    kinds = 0
    for predicates in (SPONSOR_PREDICATES, ("sentenced",), ("arrested",)):
        values_a = {c.object or c.value for c in a.claims if c.predicate in predicates} - {None}
        values_b = {c.object or c.value for c in b.claims if c.predicate in predicates} - {None}
        kinds += bool(values_a & values_b)
    kinds += any(ca.predicate == cb.predicate and ca.date and cb.date and ca.predicate in LADDER
                 and ca.date.agrees(cb.date) and ca.date.precision in ("day", "month")
                 and cb.date.precision in ("day", "month") for ca in a.claims for cb in b.claims)
    return kinds
