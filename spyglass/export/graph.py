"""The knowledge graph as exporters and screening read it: entities, sourced edges, documents and cases.

One view over the store, so that STIX, FollowTheMoney and screening agree on what an entity
is: a case's subject is one entity under all the names the case gathered; an organisation
that links to a knowledge entry is that entry (and its parents, from the knowledge base);
anything else is keyed on its type and normalised name. Keys are built from content only,
so two exports of one store name every entity alike.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from spyglass.kb.builtin import normalise_alias
from spyglass.kb.link import KnowledgeIndex, index_for
from spyglass.kb.store import Entry
from spyglass.model import Claim, Document
from spyglass.model.vocabulary import PREDICATE_VERBS as VERBS
from spyglass.export.identity_merge import merge_identities
from spyglass.resolve import judgements
from spyglass.resolve.cases import SPONSOR_PREDICATES
from spyglass.resolve.identities import name_key
from spyglass.resolve.syndication import groups
from spyglass.run.cases import case_records, cases_in
from spyglass.store import Store, extracted, identities

# Model types a knowledge entry can stand for, with the linker's type hint for each.
KB_LINKED = ("state_agency", "agency_unit", "government_body", "company", "organization", "threat_group", "operation")
ORGANISATIONS = ("state_agency", "agency_unit", "government_body", "company", "organization")
# Predicates that relate two entities; legal events and aliases feed the case and the names instead.
EDGE_PREDICATES = (
    "part_of", "subordinate_to", "targets", "focuses_on", "attributed_to", "hired_by", "contractor_for",
    "officer_of", "agent_of", "recruited_by", "stole_data_from", "hacked", "operates_in", "located_in", "citizen_of",
)
_CASE_TYPE = {"person": "person", "person_group": "person", "company": "company", "threat_group": "threat_group"}
CLEARED = ("acquitted", "dismissed")  # statuses after which nobody is to be called a threat actor



@dataclass
class Entity:
    """One thing in the graph with every name it goes by and what reports it."""

    key: str
    type: str  # a model entity type
    name: str
    aliases: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)
    claims: list[Claim] = field(default_factory=list)
    case: dict[str, Any] | None = None  # the case record (`case_records`) when it is a case's subject
    kb: list[Entry] = field(default_factory=list)  # the linked knowledge entry and its same_as members
    country: str | None = None
    identity: str | None = None  # its id in the store's entity layer (`store/identities.py`)
    id_key: str = ""  # what export ids are made from: `identity` where no other graph entity has it, else `key`

    def names(self) -> list[str]:
        return [self.name, *sorted(self.aliases - {self.name}, key=str.casefold)]

    def kb_sources(self) -> list[str]:
        return sorted({url for e in self.kb for url in e.data.get("sources", []) if isinstance(url, str)})


@dataclass
class Edge:
    """A relation between two entities with the claims (or knowledge entries) that state it."""

    subject: str
    predicate: str
    object: str
    claims: list[Claim] = field(default_factory=list)
    kb_sources: list[str] = field(default_factory=list)
    note: str | None = None  # why the edge is doubtful, e.g. the case file chose another sponsor

    @property
    def documents(self) -> set[str]:
        return {c.doc_id for c in self.claims}


@dataclass
class ExportSummary:
    """What an export wrote, by object type, and what it left out, by reason."""

    objects: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)

    def lines(self) -> list[str]:
        made = ", ".join(f"{n} {kind}" for kind, n in sorted(self.objects.items()))
        return [f"wrote {sum(self.objects.values())} objects: {made}",
                *(f"  skipped {n}: {why}" for why, n in sorted(self.skipped.items()))]


@dataclass
class Graph:
    entities: dict[str, Entity]
    edges: dict[tuple[str, str, str], Edge]
    documents: dict[str, Document]
    cases: list[dict[str, Any]]
    group_of: dict[str, str]  # document -> its syndication group (copies count once)
    # `used_method` claims, attributed or not: an unattributed use still documents the method
    method_claims: list[Claim] = field(default_factory=list)
    stored: dict[str, str] = field(default_factory=dict)  # document -> the day it was first stored

    def doc_entities(self, doc_id: str) -> list[str]:
        return sorted(k for k, e in self.entities.items() if doc_id in e.documents)

    def independent(self, doc_ids: set[str]) -> int:
        return len({self.group_of.get(d, d) for d in doc_ids})


def build_graph(store: Store, all_kb: bool = False) -> Graph:
    """Every entity and edge the store's documents, cases and knowledge base support; with `all_kb`,
    also every knowledge entry no document names (screening looks for those too)."""
    docs = {d.doc_id: d for d in store.documents()}
    wrong = judgements.as_rules(judgements.load(store))["wrong"]
    claims = [c for c in extracted.claim_records(store) if judgements.claim_key(c) not in wrong]
    builder = _Builder(index_for(store))
    records = case_records(store, cases_in(store))
    for record in records:
        builder.add_case(record)
    builder.add_aliases(claims)
    for claim in claims:
        builder.add_claim(claim)
    for mention in extracted.mention_records(store):
        if mention.type in ("threat_group", "operation"):
            key = builder.resolve(mention.name or mention.text, mention.type, mention.doc_id)
            builder.entities[key].documents.add(mention.doc_id)
    builder.add_sponsors(records, claims)
    builder.drop_foreign_aliases()
    if all_kb:
        builder.add_all_kb()
    builder.add_kb_context()
    merge_identities(builder.entities, builder.edges, builder.edge, identities.entity_of(store))
    return Graph(builder.entities, builder.edges, docs, records, groups(list(docs.values())),
                 [c for c in claims if c.predicate == "used_method" and c.object], first_stored(store))


def first_stored(store: Store) -> dict[str, str]:
    """Each document's first day in the store (UTC): the date of record for a page that shows none."""
    rows = store.conn.execute("SELECT doc_id, ingested_at FROM documents")
    return {r["doc_id"]: str(r["ingested_at"])[:10] for r in rows if r["ingested_at"]}


class _Builder:
    def __init__(self, index: KnowledgeIndex):
        self.index = index
        self.entities: dict[str, Entity] = {}
        self.edges: dict[tuple[str, str, str], Edge] = {}
        self.case_names: dict[tuple[str, str], list[str]] = defaultdict(list)  # (type, norm) -> case keys
        self.seen: dict[str, Counter[str]] = defaultdict(Counter)  # key -> spellings, for the display name
        self.parent: dict[tuple[str, str], tuple[str, str]] = {}  # union-find over (family, name key)
        self.spelling: dict[tuple[str, str], str] = {}
        self.kb_owner: dict[str, str] = {}  # kb_id -> the case entity that links to it

    def add_aliases(self, claims: list[Claim]) -> None:
        """Names an alias claim joins ("Ember Typhoon, also tracked as Copper Panda") become one
        entity before any other claim is read, whichever name a report uses first."""
        for claim in claims:
            if claim.predicate != "alias_of" or not claim.object:
                continue
            stype = claim.subject_type or "person"
            if _family(stype) != _family(claim.object_type or stype):
                continue  # a vendor's group label for a company: an attribution, read in add_claim
            a, b = (_family(stype), name_key(claim.subject, stype)), (_family(stype), name_key(claim.object, stype))
            self.spelling.setdefault(a, claim.subject)
            self.spelling.setdefault(b, claim.object)
            ra, rb = self._root(a), self._root(b)
            if ra != rb:
                self.parent[max(ra, rb)] = min(ra, rb)

    def _root(self, node: tuple[str, str]) -> tuple[str, str]:
        while self.parent.get(node, node) != node:
            node = self.parent[node]
        return node

    def _group(self, family: str, norm: str) -> list[tuple[str, str]]:
        root = self._root((family, norm))
        nodes = {*self.parent, *self.parent.values(), (family, norm)}
        return sorted(n for n in nodes if self._root(n) == root)

    def add_case(self, record: dict[str, Any]) -> None:
        kind = _CASE_TYPE.get(record["kind"], "person")
        key = f"case:{record['case_id']}"
        entity = Entity(key, kind, record["name"], set(record["aliases"]) | {record["name"]},
                        {s["document"] for s in record["sources"]}, case=record)
        if kind in ("company", "threat_group"):
            self._attach_kb(entity, self.index.link(record["name"], type_hint=kind))
            self.kb_owner.update({m.kb_id: key for m in entity.kb})
        self.entities[key] = entity
        for name in entity.aliases:
            self.case_names[(_family(kind), name_key(name, kind))].append(key)

    def resolve(self, name: str, type_: str, doc_id: str | None = None) -> str:
        """The key of the entity `name` means, creating it on first sight."""
        family = _family(type_)
        if type_ in ("country", "region"):
            from spyglass.extract.places import country_name

            canonical = country_name(name) if type_ == "country" else None
            return self._plain(f"{type_}:{normalise_alias(canonical or name)}", type_, canonical or name)
        group = self._group(family, name_key(name, type_))
        for node in group:
            cases = self.case_names.get(node, [])
            if cases:
                # a short alias ("Tang") may belong to two cases: the one this document reports wins
                return next((k for k in cases if doc_id in self.entities[k].documents), cases[0])
        if type_ in KB_LINKED:
            for spelling in [name, *(self.spelling[n] for n in group if n in self.spelling)]:
                link = self.index.link(spelling, type_hint=type_)
                if link.status == "linked":
                    return self._from_kb(link.kb_ids, type_)
        key = f"{family}:{group[0][1]}"
        self.seen[key][name] += 1
        return self._plain(key, type_, name)

    def _plain(self, key: str, type_: str, name: str) -> str:
        if key not in self.entities:
            self.entities[key] = Entity(key, type_, name, {name})
        self.entities[key].aliases.add(name)
        spellings = self.seen.get(key)
        if spellings:  # the most used spelling names it; ties go to the first in sort order, for stability
            self.entities[key].name = sorted(spellings.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        return key

    def _from_kb(self, kb_ids: list[str], type_: str) -> str:
        owner = next((self.kb_owner[k] for k in kb_ids if k in self.kb_owner), None)
        if owner is not None:
            return owner  # the subject of a case that the knowledge base also knows
        members = [self.index.entries[k] for k in kb_ids]
        builtin = next((m for m in members if m.origin == "builtin"), None)
        rep = builtin or members[0]
        # a built-in id never changes; an imported entry is keyed on its name, which an
        # exported-then-imported bundle keeps, so the entity's key survives the round trip
        family = _family(rep.type if rep.type in KB_LINKED else type_)
        key = f"kb:{builtin.kb_id}" if builtin else f"{family}:{name_key(rep.name, family)}"
        if key not in self.entities:
            entity = Entity(key, rep.type if rep.type in KB_LINKED else type_, rep.name)
            self._attach_kb(entity, None, members)
            self.entities[key] = entity
        return key

    def _attach_kb(self, entity: Entity, link: Any, members: list[Entry] | None = None) -> None:
        if members is None:
            if link is None or link.status != "linked":
                return
            members = [self.index.entries[k] for k in link.kb_ids]
        entity.kb = members
        for m in members:
            entity.aliases |= set(m.names())
        entity.country = next((m.country for m in members if m.country), entity.country)

    def add_claim(self, claim: Claim) -> None:
        if claim.predicate == "alias_of" and claim.object:
            stype = claim.subject_type or "person"
            otype = claim.object_type or stype
            if _family(stype) == _family(otype):
                key = self.resolve(claim.subject, stype, claim.doc_id)
                self.entities[key].aliases.update((claim.subject, claim.object))
                self._note(key, claim)
                return
            # "the company, tracked as Cinder Typhoon": the vendor's label is attributed to the firm
            claim = _swap_alias(claim) if otype == "threat_group" else claim
        if claim.subject_type is None:
            return
        subject = self.resolve(claim.subject, claim.subject_type, claim.doc_id)
        self._note(subject, claim)
        if claim.predicate not in (*EDGE_PREDICATES, "alias_of") or not claim.object or claim.object_type is None:
            return
        obj = self.resolve(claim.object, claim.object_type, claim.doc_id)
        if obj == subject:
            return
        self._note(obj, claim)
        if claim.predicate == "citizen_of" and self.entities[obj].type == "country":
            self.entities[subject].country = self.entities[subject].country or self.entities[obj].name
        predicate = "attributed_to" if claim.predicate == "alias_of" else claim.predicate
        self.edge(subject, predicate, obj).claims.append(claim)

    def _note(self, key: str, claim: Claim) -> None:
        entity = self.entities[key]
        entity.documents.add(claim.doc_id)
        if claim not in entity.claims:
            entity.claims.append(claim)

    def edge(self, subject: str, predicate: str, obj: str) -> Edge:
        return self.edges.setdefault((subject, predicate, obj), Edge(subject, predicate, obj))

    def add_sponsors(self, records: list[dict[str, Any]], claims: list[Claim]) -> None:
        """The case file's chosen sponsor as an attribution, backed by the claims in the case's
        documents that name that service (its own, or its handler's); sponsor claims naming
        another service stay in the graph, marked as disputed."""
        for record in records:
            key = f"case:{record['case_id']}"
            if not record["sponsor"]:
                continue
            sponsor_type = "country" if _is_country(record["sponsor"]["name"]) else "state_agency"
            sponsor = self.resolve(record["sponsor"]["name"], sponsor_type)
            chosen = self.edge(key, "attributed_to", sponsor)
            documents = self.entities[key].documents
            for claim in claims:
                if (claim.doc_id in documents and claim.object and claim.object_type
                        and claim.predicate in (*SPONSOR_PREDICATES, "officer_of") and claim not in chosen.claims
                        and self.resolve(claim.object, claim.object_type, claim.doc_id) == sponsor):
                    chosen.claims.append(claim)
            for (subject, predicate, obj), edge in list(self.edges.items()):
                if subject == key and predicate in SPONSOR_PREDICATES and edge is not chosen and obj != sponsor \
                        and self.entities[obj].type != "country":
                    edge.note = f"disputed: the case file's sponsor is {self.entities[sponsor].name}"
            if not chosen.claims:
                del self.edges[(key, "attributed_to", sponsor)]

    def drop_foreign_aliases(self) -> None:
        """A group's case may list the company it is attributed to among its names; the company is its
        own entity, so its name is no alias of the group."""
        owners: dict[str, set[str]] = defaultdict(set)
        for key, entity in self.entities.items():
            for alias in entity.aliases:
                owners[name_key(alias, "company")].add(key)
        for key, entity in self.entities.items():
            if entity.case and entity.type != "person":
                entity.aliases = {a for a in entity.aliases if a == entity.name
                                  or not any(self.entities[o].type != entity.type
                                             for o in owners[name_key(a, "company")] - {key})}

    def add_all_kb(self) -> None:
        for rep in sorted(self.index.members):
            entry = self.index.entries[rep]
            if entry.type in KB_LINKED and entry.status != "revoked":
                self._from_kb(self.index.members[rep], entry.type)

    def add_kb_context(self) -> None:
        """Parents and countries of linked organisations, as the knowledge base states them."""
        queue, done = sorted(self.entities), set()
        while queue:
            key = queue.pop()
            entity = self.entities[key]
            if key in done or not entity.kb:
                continue
            done.add(key)
            member = entity.kb[0]
            if member.parent and member.parent in self.index.entries:
                parent = self._from_kb(self.index.members[self.index.identity[member.parent]], member.type)
                self.edge(key, "part_of", parent).kb_sources = entity.kb_sources()
                queue.append(parent)
            if member.country and entity.type in ORGANISATIONS:
                country = self.resolve(member.country, "country")
                self.edge(key, "located_in", country).kb_sources = entity.kb_sources()


def describe(entity: Entity, graph: Graph) -> str:
    """A case's file in a paragraph: status, timeline, sponsor, sentence, charges, sources."""
    case = entity.case
    if case is None:
        return f"Named in {len(entity.documents)} document(s)."
    parts = [f"Case file: status {case['status'] or 'unknown'}."]
    if case["status"] in CLEARED:
        parts.append("Cleared: not a threat actor; listed because the case was reported.")
    if case["dates"]:
        parts.append("Timeline: " + ", ".join(f"{k} {v}" for k, v in case["dates"].items()) + ".")
    if case["sponsor"]:
        parts.append(f"Sponsor: {case['sponsor']['name']}" + (f" ({case['parent_agency']})" if case["parent_agency"]
                                                              else "") + ".")
    for key, label in (("sentence_months", "Sentence (months)"), ("prosecuting_country", "Prosecuted in"),
                       ("charges", "Charges"), ("convicted_of", "Convicted of")):
        value = case.get(key)
        if value:
            parts.append(f"{label}: {', '.join(value) if isinstance(value, list) else value}.")
    docs = {s["document"] for s in case["sources"]}
    parts.append(f"Reported by {len(docs)} document(s), {graph.independent(docs)} independent.")
    return " ".join(parts)


def _swap_alias(claim: Claim) -> Claim:
    from dataclasses import replace

    return replace(claim, subject=claim.object or "", object=claim.subject, subject_type=claim.object_type,
                   object_type=claim.subject_type)


def _family(type_: str) -> str:
    """Types one name can carry in different reports ("company" in one, "organization" in another)."""
    if type_ in ("state_agency", "agency_unit", "government_body"):
        return "agency"
    if type_ in ("company", "organization"):
        return "org"
    return type_


def _is_country(name: str) -> bool:
    from spyglass.extract.places import country_name

    return country_name(name) is not None
