"""FollowTheMoney entities of the graph, one JSON object a line, checked with the followthemoney library.

How the model maps (only schemata followthemoney declares; none is invented):
- people are Person; agencies, bureaus and government bodies PublicBody; companies Company;
  other organisations and threat groups Organization (threat groups with the topic crime.cyber);
- an operation ("Operation Fox Hunt") is a Project, FtM's "activity carried out by a group of
  participants"; an organisation or person an edge ties to it is a ProjectParticipant (the service an
  operation is attributed to takes part as "runs the operation");
- an intelligence officer's service is an Employment, a unit's parent body a Membership; other
  relations between two entities (agent of, recruited by, attributed to, targets) are UnknownLinks
  with the relation as their role;
- a case with a court step (charge, extradition, conviction, acquittal, sentence) is a CourtCase
  with its defendant as a CourtCaseParty; each sanctioning authority's sanction is a Sanction;
- each source document is an Article (FtM's Document for "a piece of media reporting about a
  subject"), and every entity and link names its Articles in `proof`; each source of a case is also
  a Documentation linking the case's subject (`entity`) to the Article (`document`);
- FtM has no schema for a tradecraft method (nothing like a technique or an attack pattern), so a
  documented use is a Note (FtM's annotation on an entity or a document): on the actor when it is an
  entity here, else on the Articles reporting it, with the spying state in `country` when that is
  the actor; the method's id is its keyword.

Ids are FtM's make_id over spyglass's content keys (for an entity, its id in the store's entity
layer), so a re-export writes identical lines.
Countries, regions, sectors and laws become property values (nationality, country), not entities.
"""

from __future__ import annotations

import json
from typing import IO, Any, Iterable

from spyglass.errors import SpyglassError
from spyglass.export.graph import CLEARED, VERBS, Entity, ExportSummary, Graph, build_graph, describe
from spyglass.export.methods import method_uses
from spyglass.model import Claim
from spyglass.model.methods import METHODS
from spyglass.store import Store

SCHEMATA = {"person": "Person", "state_agency": "PublicBody", "agency_unit": "PublicBody",
            "government_body": "PublicBody", "company": "Company", "organization": "Organization",
            "threat_group": "Organization", "operation": "Project"}
# FtM's topic list is closed: a value outside it is dropped without a word (crime.spy is not in it).
TYPE_TOPICS = {"state_agency": ["gov.security"], "agency_unit": ["gov.security"], "government_body": ["gov"],
               "threat_group": ["crime.cyber"]}
COURT_STEPS = ("charged", "indicted", "extradited", "convicted", "pleaded_guilty", "acquitted", "dismissed",
               "sentenced")


def export_entities(store: Store) -> tuple[list[dict[str, Any]], ExportSummary]:
    """The store's graph as FtM entity dicts (sorted by schema, then id) and what was left out."""
    return _Builder(build_graph(store)).build()


def write_entities(entities: Iterable[dict[str, Any]], out: IO[str]) -> None:
    for entity in entities:
        out.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")


class _Builder:
    def __init__(self, graph: Graph):
        self.model = _model()
        self.graph = graph
        self.summary = ExportSummary()
        self.out: dict[str, Any] = {}
        self.ids: dict[str, str] = {}  # entity key -> FtM id

    def build(self) -> tuple[list[dict[str, Any]], ExportSummary]:
        for doc_id in sorted(self.graph.documents):
            self._article(doc_id)
        for key in sorted(self.graph.entities):
            self._entity(self.graph.entities[key])
        for edge in sorted(self.graph.edges.values(), key=lambda e: (e.subject, e.predicate, e.object)):
            self._edge(edge.subject, edge.predicate, edge.object, {c.doc_id for c in edge.claims}, edge.note)
        for key in sorted(self.graph.entities):
            entity = self.graph.entities[key]
            if key in self.ids:
                if entity.case:
                    self._court_case(entity)
                    self._documentation(entity)
                self._sanctions(entity)
        self._methods()
        entities = sorted((p.to_dict() for p in self.out.values()), key=lambda d: (d["schema"], d["id"]))
        return entities, self.summary

    def _make(self, schema: str, *key: str) -> Any:
        proxy = self.model.make_entity(schema)
        proxy.make_id("spyglass", schema, *key)
        self.out[proxy.id] = proxy
        self.summary.objects[schema] += 1
        return proxy

    def _sourced(self, proxy: Any, doc_ids: set[str], urls: Iterable[str] = ()) -> None:
        for doc_id in sorted(doc_ids):
            doc = self.graph.documents.get(doc_id)
            if doc is None:
                continue
            proxy.add("proof", self._article_id(doc_id))
            if doc.url:
                proxy.add("sourceUrl", doc.url)
        for url in urls:
            proxy.add("sourceUrl", url)

    def _article_id(self, doc_id: str) -> str:
        return str(self.model.make_entity("Article").make_id("spyglass", "Article", doc_id))

    def _article(self, doc_id: str) -> None:
        doc = self.graph.documents[doc_id]
        article = self._make("Article", doc_id)
        article.add("title", doc.title)
        article.add("name", doc.title or f"{doc.publisher or 'document'} {doc.published or doc_id[:12]}")
        article.add("publishedAt", doc.published)
        article.add("publisher", doc.publisher)
        article.add("author", doc.author)
        article.add("sourceUrl", doc.url)
        article.add("language", doc.language)

    def _entity(self, entity: Entity) -> None:
        schema = SCHEMATA.get(entity.type)
        if schema is None:
            self.summary.skipped[f"{entity.type} (a property value in FtM, not an entity)"] += 1
            return
        proxy = self._make(schema, entity.id_key or entity.key)
        proxy.add("name", entity.name)
        for alias in entity.names()[1:]:
            proxy.add("alias", alias)
        if entity.country:
            proxy.add("nationality" if schema == "Person" else "country", entity.country)
        proxy.add("topics", _topics(entity))
        if entity.case:
            proxy.add("description", describe(entity, self.graph))
        self._sourced(proxy, entity.documents, entity.kb_sources())
        self.ids[entity.key] = proxy.id

    def _edge(self, subject: str, predicate: str, obj: str, docs: set[str], note: str | None) -> None:
        if subject not in self.ids or obj not in self.ids:
            self.summary.skipped["link to a country, place or sector (kept as a property)"] += 1
            return
        a, b = self.out[self.ids[subject]], self.out[self.ids[obj]]
        role = VERBS.get(predicate, predicate)
        if a.schema.is_a("Project") != b.schema.is_a("Project") and (
                (b if a.schema.is_a("Project") else a).schema.is_a("LegalEntity")) and predicate != "targets":
            project, other = (a, b) if a.schema.is_a("Project") else (b, a)
            link = self._make("ProjectParticipant", subject, predicate, obj)
            link.add("project", project.id)
            link.add("participant", other.id)
            # "the operation is attributed to the ministry": the ministry runs it
            role = "runs the operation" if project is a and predicate == "attributed_to" else role
        elif predicate in ("officer_of", "hired_by") and a.schema.is_a("Person") and b.schema.is_a("Organization"):
            link = self._make("Employment", subject, predicate, obj)
            link.add("employee", a.id)
            link.add("employer", b.id)
            role = "intelligence officer" if predicate == "officer_of" else role
        elif predicate in ("part_of", "subordinate_to") and a.schema.is_a("LegalEntity") \
                and b.schema.is_a("Organization"):
            link = self._make("Membership", subject, predicate, obj)
            link.add("member", a.id)
            link.add("organization", b.id)
        else:
            link = self._make("UnknownLink", subject, predicate, obj)
            link.add("subject", a.id)
            link.add("object", b.id)
        link.add("role", role)
        link.add("description", note)
        self._sourced(link, docs)

    def _court_case(self, entity: Entity) -> None:
        case = entity.case or {}
        steps = [s for s in COURT_STEPS if s in case["dates"] or s == case["status"]]
        if not steps:
            return
        court = self._make("CourtCase", entity.key)
        where = f" ({case['prosecuting_country']})" if case["prosecuting_country"] else ""
        court.add("name", f"Espionage case of {entity.name}{where}")
        court.add("category", "espionage")
        court.add("status", case["status"])
        court.add("country", case["prosecuting_country"])
        court.add("fileDate", case["dates"].get("charged") or case["dates"].get("indicted"))
        court.add("closeDate", next((case["dates"][s] for s in ("sentenced", "acquitted", "dismissed")
                                     if s in case["dates"]), None))
        court.add("description", describe(entity, self.graph))
        docs = {s["document"] for s in case["sources"]}
        self._sourced(court, docs)
        party = self._make("CourtCaseParty", entity.key, "defendant")
        party.add("case", court.id)
        party.add("party", self.ids[entity.key])
        party.add("role", "defendant")
        self._sourced(party, docs)

    def _documentation(self, entity: Entity) -> None:
        """Each document reporting the case, as a Documentation from the case's subject to its Article."""
        case = entity.case or {"sources": []}
        for source in case["sources"]:
            doc = self.graph.documents.get(source["document"])
            if doc is None:
                continue
            link = self._make("Documentation", entity.key, doc.doc_id)
            link.add("entity", self.ids[entity.key])
            link.add("document", self._article_id(doc.doc_id))
            link.add("role", "reports on the case")
            link.add("date", doc.published)
            link.add("publisher", doc.publisher)
            link.add("sourceUrl", doc.url)
            copies = len([s for s in case["sources"] if s["independent_group"] == source["independent_group"]])
            if copies > 1:
                link.add("summary", f"one of {copies} copies of one report")

    def _methods(self) -> None:
        """A Note per documented use of a tradecraft method: on the actor, or on the reporting Articles."""
        used: dict[str, set[str]] = {}  # method id -> claim ids a Note on an actor entity carries
        for use in method_uses(self.graph):
            actor = self.graph.entities[use.actor]
            if use.actor in self.ids:
                self._method_note(use.method.id, use.claims, actor.name, on=[self.ids[use.actor]])
            elif actor.type == "country" and _country(actor.name):
                self._method_note(use.method.id, use.claims, actor.name, country=_country(actor.name))
            else:
                continue
            used.setdefault(use.method.id, set()).update(c.claim_id for c in use.claims)
        for method_id in sorted({c.object for c in self.graph.method_claims if c.object in METHODS}):
            rest = [c for c in self.graph.method_claims if c.object == method_id
                    and c.claim_id not in used.get(method_id, set())]
            if rest:
                self._method_note(method_id, rest, None)

    def _method_note(self, method_id: str, claims: list[Claim], actor: str | None, on: list[str] | None = None,
                     country: str | None = None) -> None:
        method = METHODS[method_id]
        docs = {c.doc_id for c in claims}
        note = self._make("Note", method_id, actor or "", country or "")
        note.add("name", f"Tradecraft: {method.name}")
        against = sorted({c.value for c in claims if c.value}, key=str.casefold)
        note.add("description", f"{actor or 'An actor the reports do not name'} used the method: {method.name}"
                 + (f" (against or through: {', '.join(against)})" if against else "")
                 + f". {method.definition} Reported by {len(docs)} document(s), {self.graph.independent(docs)} "
                 "independent.")
        note.add("keywords", [method_id, method.kind])
        note.add("entity", on or [self._article_id(d) for d in sorted(docs) if d in self.graph.documents])
        note.add("country", country)
        self._sourced(note, docs)

    def _sanctions(self, entity: Entity) -> None:
        by_authority: dict[str, list[Any]] = {}
        for claim in entity.claims:
            if claim.predicate == "sanctioned" and claim.subject in entity.aliases:
                by_authority.setdefault(claim.object or claim.value or "", []).append(claim)
        for authority, claims in sorted(by_authority.items()):
            sanction = self._make("Sanction", entity.key, authority)
            sanction.add("entity", self.ids[entity.key])
            sanction.add("authority", authority or None)
            dates = sorted(c.date.value for c in claims if c.date and c.date.precision != "week")
            sanction.add("startDate", dates[0] if dates else None)
            self._sourced(sanction, {c.doc_id for c in claims})


def _country(name: str) -> str | None:
    from followthemoney.types import registry

    code = registry.country.clean(name)
    return str(code) if code else None


def _topics(entity: Entity) -> list[str]:
    topics = list(TYPE_TOPICS.get(entity.type, []))
    case = entity.case
    if case is None or case["status"] in CLEARED:
        return topics  # an acquitted person carries no crime topic
    if case["role"] == "intelligence officer" or case["status"] in ("convicted", "sentenced", "released"):
        topics.append("role.spy")
    if case["status"] in ("charged", "convicted", "sentenced", "released"):
        topics.append("crime")
    if "sanctioned" in case["dates"] or any(c.predicate == "sanctioned" for c in entity.claims):
        topics.append("sanction")
    if case["status"] in ("alleged", "arrested"):
        topics.append("poi")
    return topics


def check_entities(entities: list[dict[str, Any]]) -> list[str]:
    """Problems the followthemoney library finds: unknown schemata or properties, values its types
    would change or drop when cleaning, missing required properties, links to absent entities."""
    model = _model()
    from followthemoney.exc import InvalidData
    from followthemoney.types import registry

    ids = {e.get("id") for e in entities}
    errors: list[str] = []
    for data in entities:
        label = f"{data.get('schema')} {data.get('id')}"
        schema = model.get(data.get("schema", ""))
        if schema is None or not data.get("id"):
            errors.append(f"{label}: unknown schema or no id")
            continue
        try:
            proxy = model.get_proxy(data, cleaned=False)
            schema.validate(proxy.to_dict())
        except InvalidData as exc:
            errors.append(f"{label}: {exc}")
            continue
        given = data.get("properties", {})
        cleaned = proxy.to_dict()["properties"]
        for prop in sorted(set(given) | set(cleaned)):
            if sorted(given.get(prop, [])) != sorted(cleaned.get(prop, [])):
                errors.append(f"{label}: {prop} {given.get(prop)} cleans to {cleaned.get(prop)}")
        for prop in sorted(schema.required):
            if not cleaned.get(prop):
                errors.append(f"{label}: required property {prop} is missing")
        for name, values in cleaned.items():
            if schema.get(name) is not None and schema.get(name).type == registry.entity:
                errors += [f"{label}: {name} points to {v}, which is not in the export" for v in values if v not in ids]
    return errors


def _model() -> Any:
    try:
        from followthemoney import model
    except ImportError as exc:  # an optional dependency: say how to get it
        raise SpyglassError("FollowTheMoney export needs the followthemoney package: "
                            "pip install 'followthemoney>=4.11,<5'") from exc
    return model
