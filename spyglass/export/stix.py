"""STIX 2.1 bundles of the graph: actors, agencies, groups, relationships, one report per source document.

How the model maps (STIX names in brackets):
- agencies, bureaus, government bodies and organisations are [identity] (class organization);
- only a case's subject (a defendant: a person, a group of people or a company facing an action) is a
  [threat-actor] (type spy), and not when acquitted or the case dismissed: an export must not call a
  cleared person a threat actor. Everyone else is an [identity] (class individual or organization):
  officials, lawyers, judges, journalists, people a report names without a case, with the roles the
  reports give them (`named_as` claims) in `roles`;
- threat groups are [intrusion-set], operations [campaign], countries and regions [location];
- tradecraft methods (spyglass/model/methods.json) the store documents are [attack-pattern]s, with a
  `uses` relationship from each actor documented using one (see spyglass/export/methods.py). The actor
  is whatever object stands for it: an agency is an identity and a spying state a location, for which
  STIX suggests no `uses`, so stix2-validator says so in a relationship-types warning {202}: the verb
  is kept because promoting a state or a service to a threat actor would break the rule above;
- relations become [relationship]s: targets, attributed-to and located-at where STIX suggests them for
  the two ends, related-to with a description otherwise (membership, part-of, focus, nationality);
  every relationship names its source documents in external_references (source_name "spyglass");
- every stored document is a [report] whose object_refs are what that document supports (the spyglass
  identity when nothing was read from it), so every relationship's sources are reachable through a
  report. It is dated by its publication, never by when it was imported, unless the page shows no
  publication day: then by the day it was first stored, and `x_spyglass_published_from` says which
  ("page" or "first_stored"); every disagreement between sources is a [note].

Ids are uuid5 over each object's content key (for an entity, its id in the store's entity layer, the
id `spyglass entity` and screening show), so exporting a store twice gives the same ids; an entity
that links to an imported ATT&CK object keeps that object's id. (The validator prefers UUIDv4 for
these objects and says so in a uuid-check warning: reproducible ids are worth that warning.)
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from spyglass.errors import SpyglassError
from spyglass.export.graph import (
    CLEARED, ORGANISATIONS, VERBS, Edge, Entity, ExportSummary, Graph, build_graph, describe,
)
from spyglass.export.methods import MethodUse, documented_methods, method_uses, unexported
from spyglass.model import FuzzyDate
from spyglass.store import Store

NAMESPACE = uuid.UUID("6f1f3f64-0c55-5e0a-9d43-7370796c6173")  # spyglass's own: ids never collide with others'
EPOCH = "2020-01-01T00:00:00Z"  # creation time of objects no dated document supports
# A case's status says how settled the accusation is; that is the confidence in the actor.
STATUS_CONFIDENCE = {"convicted": 90, "sentenced": 90, "released": 85, "deceased": 60, "charged": 70,
                     "arrested": 60, "alleged": 40}
HEDGE_WEIGHT = {"none": 1.0, "attributed": 0.9, "reported": 0.8, "alleged": 0.7, "denied": 0.3}
STIX_VERB = {"targets": "targets", "hacked": "targets", "stole_data_from": "targets", "located_in": "located-at",
             **{p: "attributed-to" for p in ("attributed_to", "agent_of", "recruited_by", "hired_by", "contractor_for")}}
# The relationships STIX 2.1 suggests, for the verbs spyglass emits (others become related-to).
SUGGESTED = {("campaign", "attributed-to"): {"intrusion-set", "threat-actor"},
             ("intrusion-set", "attributed-to"): {"threat-actor"}, ("threat-actor", "attributed-to"): {"identity"},
             **{(s, "targets"): {"identity", "location"} for s in ("campaign", "intrusion-set", "threat-actor")},
             ("identity", "located-at"): {"location"}, ("threat-actor", "located-at"): {"location"}}
REGIONS = {"western europe": "western-europe", "eastern europe": "eastern-europe", "northern europe": "northern-europe",
           "southern europe": "southern-europe", "europe": "europe", "asia": "asia", "east asia": "eastern-asia",
           "south-east asia": "south-eastern-asia", "southeast asia": "south-eastern-asia",
           "south east asia": "south-eastern-asia", "south asia": "southern-asia", "central asia": "central-asia",
           "middle east": "western-asia", "gulf": "western-asia", "africa": "africa", "north africa": "northern-africa",
           "latin america": "latin-america-caribbean", "north america": "northern-america",
           "south america": "south-america", "scandinavia": "northern-europe", "nordic countries": "northern-europe",
           "baltics": "northern-europe", "baltic": "northern-europe", "balkans": "southern-europe"}
SECTORS = {"aerospace": "aerospace", "defence": "defense", "defense": "defense", "semiconductors": "technology",
           "technology": "technology", "telecommunications": "telecommunications", "energy": "energy",
           "biomedical research": "healthcare", "healthcare": "healthcare", "pharmaceuticals": "pharmaceuticals",
           "universities": "education", "academia": "education", "education": "education",
           "thinktanks": "non-profit", "think tanks": "non-profit", "human rights organisations": "non-profit",
           "automotive": "automotive", "chemicals": "chemical", "finance": "financial-services"}


def stix_id(kind: str, *content: Any) -> str:
    """`kind--uuid5(content)`: the same content always gives the same id."""
    return f"{kind}--{uuid.uuid5(NAMESPACE, json.dumps([kind, *content], ensure_ascii=False))}"


def export_bundle(store: Store) -> tuple[dict[str, Any], ExportSummary]:
    """The store's graph as a STIX 2.1 bundle (a JSON-able dict) and what was written or left out."""
    return BundleBuilder(build_graph(store)).build()


class BundleBuilder:
    def __init__(self, graph: Graph):
        self.graph = graph
        self.summary = ExportSummary()
        self.objects: dict[str, Any] = {}
        self.ids: dict[str, str] = {}  # entity key -> STIX id
        self.rel_docs: dict[str, set[str]] = {}  # relationship id -> the documents stating it
        self.patterns: dict[str, str] = {}  # method id -> attack-pattern id
        self.pattern_docs: dict[str, set[str]] = {}  # attack-pattern id -> documents reporting the method
        dates = sorted(str(d.published) for d in graph.documents.values() if _day(d.published))
        self.base = _stamp(dates[0]) if dates else EPOCH
        self.author = _stix().Identity(id=stix_id("identity", "spyglass"), name="spyglass", identity_class="system",
                                       description="Knowledge graph built from news reporting on state espionage.",
                                       created=EPOCH, modified=EPOCH)

    def build(self) -> tuple[dict[str, Any], ExportSummary]:
        self._add(self.author)
        for key in sorted(self.graph.entities):
            self._entity(self.graph.entities[key])
        merged: dict[tuple[str, str, str], list[Edge]] = {}
        for edge in sorted(self.graph.edges.values(), key=lambda e: (e.subject, e.predicate, e.object)):
            if edge.subject in self.ids and edge.object in self.ids:
                src, dst = self.ids[edge.subject], self.ids[edge.object]
                verb = STIX_VERB.get(edge.predicate, "related-to")
                if _kind(dst) not in SUGGESTED.get((_kind(src), verb), set()):
                    verb = "related-to"
                merged.setdefault((src, verb, dst), []).append(edge)
            else:
                self.summary.skipped["relationship to an object not exported"] += 1
        for (src, verb, dst), edges in merged.items():
            self._relationship(src, verb, dst, edges)
        self._methods()
        for case in self.graph.cases:
            for conflict in case["conflicts"]:
                self._note(case, conflict)
        for doc_id in sorted(self.graph.documents):
            self._report(doc_id)
        objects = [json.loads(o.serialize()) for _, o in sorted(self.objects.items(), key=lambda kv: kv[0])]
        bundle = {"type": "bundle", "id": stix_id("bundle", sorted(self.objects)), "objects": objects}
        return bundle, self.summary

    def _add(self, obj: Any) -> None:
        self.objects[obj.id] = obj
        self.summary.objects[obj.type] += 1

    # ---------------------------------------------------------------- entities

    def _entity(self, entity: Entity) -> None:
        stix = _stix()
        common = self._common(entity.documents) | {"name": entity.name}
        aliases = entity.names()[1:]
        refs = [{"source_name": "spyglass knowledge base", "url": _uri(url)} for url in entity.kb_sources()]
        refs += [{"source_name": "mitre-attack", "external_id": m.external_id} for m in entity.kb if m.external_id]
        if refs:
            common["external_references"] = refs
        case, t = entity.case, entity.type
        # The model's own type (and, for identities, which have no aliases property, the other
        # names) travel as custom properties, so that `spyglass kb import` reads the entity back whole.
        common |= {"x_spyglass_type": t, "allow_custom": True}
        if aliases:
            common["x_spyglass_aliases"] = aliases
        if entity.identity:
            common["x_spyglass_entity_id"] = entity.identity
        if t == "person" or (t == "company" and case is not None):
            # a company facing an action (sanctioned, charged) is a defendant as a person is
            if case is not None and case["status"] not in CLEARED:
                obj = stix.ThreatActor(id=stix_id("threat-actor", entity.id_key or entity.key), threat_actor_types=["spy"],
                                       aliases=aliases or None, roles=_roles(entity) or None,
                                       resource_level="government" if case and case["sponsor"] else None,
                                       description=describe(entity, self.graph), confidence=self._confidence(entity),
                                       **common)
            else:
                kind = "group" if case and case["kind"] == "person_group" else (
                    "individual" if t == "person" else "organization")
                obj = stix.Identity(id=stix_id("identity", entity.id_key or entity.key), identity_class=kind,
                                    roles=_named_as(entity) or None, description=describe(entity, self.graph),
                                    confidence=self._confidence(entity), **common)
        elif t in ORGANISATIONS:
            obj = stix.Identity(id=stix_id("identity", entity.id_key or entity.key), identity_class="organization",
                                sectors=["government"] if t != "company" and t != "organization" else None,
                                description=describe(entity, self.graph) if case else None,
                                confidence=self._confidence(entity), **common)
        elif t in ("threat_group", "operation"):
            cls, kind = (stix.IntrusionSet, "intrusion-set") if t == "threat_group" else (stix.Campaign, "campaign")
            attack = next((m.kb_id for m in entity.kb if m.origin == "stix" and m.kb_id.startswith(kind + "--")), None)
            obj = cls(id=attack or stix_id(kind, entity.id_key or entity.key), aliases=aliases or None,
                      description=describe(entity, self.graph) if case else None,
                      confidence=self._confidence(entity), **common)
        elif t == "country":
            code = _country_code(entity.name)
            if code is None:
                self.summary.skipped["country without an ISO code"] += 1
                return
            obj = stix.Location(id=stix_id("location", entity.id_key or entity.key), country=code, **common)
        elif t == "region":
            region = REGIONS.get(entity.name.lower().removeprefix("the "))
            if region is None:
                self.summary.skipped["place that is neither a country nor a STIX region"] += 1
                return
            obj = stix.Location(id=stix_id("location", entity.id_key or entity.key), region=region, **common)
        elif t == "sector":
            sector = SECTORS.get(entity.name.lower())
            obj = stix.Identity(id=stix_id("identity", entity.id_key or entity.key), identity_class="class",
                                sectors=[sector] if sector else None, **common)
        else:
            self.summary.skipped[f"{t} (no STIX object type)"] += 1
            return
        self.ids[entity.key] = obj.id
        self._add(obj)

    def _common(self, doc_ids: set[str]) -> dict[str, Any]:
        days = sorted(_stamp(self.graph.documents[d].published) for d in doc_ids
                      if d in self.graph.documents and _day(self.graph.documents[d].published))
        return {"created": days[0] if days else self.base, "modified": days[-1] if days else self.base,
                "created_by_ref": self.author.id}

    def _confidence(self, entity: Entity) -> int:
        if entity.case:
            return STATUS_CONFIDENCE.get(entity.case["status"] or "", 50)
        if any(m.origin == "builtin" for m in entity.kb) or (entity.kb and not entity.claims):
            return 85  # written by hand from cited public sources
        # not combined across claims: many claims about a name say it exists, not that it is right
        return max(1, min(99, round(100 * max(c.confidence for c in entity.claims)))) if entity.claims else 50

    # ---------------------------------------------------------------- relationships, notes, reports

    def _relationship(self, src: str, verb: str, dst: str, edges: list[Edge]) -> None:
        entities = self.graph.entities
        claims = [c for e in edges for c in e.claims]
        docs = {c.doc_id for c in claims}
        said = "; ".join(dict.fromkeys(VERBS.get(e.predicate, e.predicate) for e in edges))
        parts = [f"{entities[edges[0].subject].name} {said} {entities[edges[0].object].name.rstrip('.')}."]
        if docs:
            parts.append(f"Reported by {len(docs)} document(s), {self.graph.independent(docs)} independent.")
        kb = sorted({u for e in edges for u in e.kb_sources})
        if kb:
            parts.append("Stated by the spyglass knowledge base.")
        notes = [e.note for e in edges if e.note]
        parts += [f"Note: {n}." for n in dict.fromkeys(notes)]
        confidence = support(claims, self.graph.group_of) if claims else 85
        if notes and len(notes) == len(edges):
            confidence //= 2
        rel = _stix().Relationship(
            id=stix_id("relationship", src, verb, dst), relationship_type=verb, source_ref=src, target_ref=dst,
            description=" ".join(parts), confidence=max(confidence, 1),
            external_references=[{"source_name": "spyglass knowledge base", "url": _uri(u)} for u in kb]
            + _document_refs(docs) or None, **self._common(docs))
        self.rel_docs[rel.id] = docs
        self._add(rel)

    def _methods(self) -> None:
        """An attack-pattern per method the store documents; `uses` from each actor documented using it."""
        for method_id, (method, docs) in documented_methods(self.graph).items():
            obj = _stix().AttackPattern(
                id=stix_id("attack-pattern", "spyglass-method", method_id), name=method.name,
                description=method.definition, external_references=[
                    {"source_name": "spyglass-methods", "external_id": method_id,
                     "description": "spyglass/model/methods.json"}],
                x_spyglass_kind=method.kind, allow_custom=True, **self._common(docs))
            self.patterns[method_id] = obj.id
            self.pattern_docs[obj.id] = docs
            self._add(obj)
        for why, n in unexported(self.graph).items():
            self.summary.skipped[why] += n
        for use in method_uses(self.graph):
            if use.actor not in self.ids:
                self.summary.skipped["method use by an actor not exported"] += len(use.claims)
                continue
            self._use(use)

    def _use(self, use: MethodUse) -> None:
        src, dst = self.ids[use.actor], self.patterns[use.method.id]
        docs = use.documents
        against = use.against()
        parts = [f"{self.graph.entities[use.actor].name} used the method: {use.method.name}"
                 + (f" (against or through: {', '.join(against)})." if against else "."),
                 f"Reported by {len(docs)} document(s), {self.graph.independent(docs)} independent."]
        rel = _stix().Relationship(
            id=stix_id("relationship", src, "uses", dst), relationship_type="uses", source_ref=src, target_ref=dst,
            description=" ".join(parts), confidence=support(use.claims, self.graph.group_of),
            external_references=_document_refs(docs), **self._common(docs))
        self.rel_docs[rel.id] = docs
        self._add(rel)

    def _note(self, case: dict[str, Any], conflict: dict[str, Any]) -> None:
        target = self.ids.get(f"case:{case['case_id']}")
        if target is None:
            return
        lines, docs = [f"Chosen: {conflict['chosen']} ({conflict['why']})."], set()
        for value in conflict["values"]:
            pubs = "; ".join(f"{s['publisher'] or s['document'][:12]} {s['published'] or 'undated'}"
                             for s in value["sources"])
            lines.append(f"- {value['value']}: {pubs or 'no document'}")
            docs |= {s["document"] for s in value["sources"]}
        reports = [stix_id("report", d) for d in sorted(docs) if d in self.graph.documents]
        self._add(_stix().Note(
            id=stix_id("note", case["case_id"], conflict["field"]), abstract=f"Sources disagree on "
            f"{conflict['field']} of {case['name']}", content="\n".join(lines), authors=["spyglass"],
            object_refs=[target, *reports], **self._common(docs)))

    def _report(self, doc_id: str) -> None:
        doc = self.graph.documents[doc_id]
        refs = [self.ids[k] for k in self.graph.doc_entities(doc_id) if k in self.ids]
        refs += sorted(pid for pid, docs in self.pattern_docs.items() if doc_id in docs)
        refs += sorted(rid for rid, docs in self.rel_docs.items() if doc_id in docs)
        if not refs:  # STIX needs one ref: the document was stored and read, and nothing came of it
            refs = [self.author.id]
        if _day(doc.published):
            day, source, when = str(doc.published)[:10], "page", f"on {doc.published}."
        else:
            day, source = self.graph.stored.get(doc_id, EPOCH[:10]), "first_stored"
            when = f"with no publication day on the page{f' ({doc.published})' if doc.published else ''}; " \
                   f"first stored on {day}."
        published = _stamp(day)
        about = [f"Published by {doc.publisher}," if doc.publisher else "Publisher unknown,",
                 f"written by {doc.author}," if doc.author else None, when]
        ext = [{"source_name": "spyglass", "external_id": doc_id, "description": doc.source_path or "stored document"}]
        if doc.url:
            ext.append({"source_name": doc.publisher or "source", "url": _uri(doc.url)})
        self._add(_stix().Report(
            id=stix_id("report", doc_id),
            name=doc.title or f"{doc.publisher or 'Document'} {doc.published or doc_id[:12]}",
            description=" ".join(a for a in about if a), report_types=["threat-report"], published=published,
            object_refs=refs, external_references=ext, created=published, modified=published,
            created_by_ref=self.author.id, lang=_lang(doc.language),
            x_spyglass_published_from=source, allow_custom=True))


# ---------------------------------------------------------------- helpers


def support(claims: list[Any], group_of: dict[str, str]) -> int:
    """Confidence (1-99) from claims: the best claim of each independent source, weighed by its hedge,
    combined as independent evidence (1 - product of the doubts)."""
    best: dict[str, float] = {}
    for c in claims:
        group = group_of.get(c.doc_id, c.doc_id)
        best[group] = max(best.get(group, 0.0), c.confidence * HEDGE_WEIGHT.get(c.hedge, 0.8))
    doubt = 1.0
    for value in best.values():
        doubt *= 1 - min(value, 0.99)
    return max(1, min(99, round(100 * (1 - doubt))))


def _named_as(entity: Entity) -> list[str]:
    """The roles reports give a person who is no defendant ("lawyer", "judge"): `named_as` claims."""
    return sorted({c.value for c in entity.claims if c.predicate == "named_as" and c.value
                   and c.subject in entity.aliases})


def _lang(code: str | None) -> str | None:
    """The report's language tag. Norwegian is written "nb": the "no" macrolanguage is missing from
    stix2-validator's list of RFC 5646 codes (an error there), and the word forms spyglass detects
    Norwegian by are Bokmal's, the written form of most Norwegian news."""
    if not code or len(code) != 2:
        return None
    return {"no": "nb"}.get(code, code)


def _document_refs(doc_ids: set[str]) -> list[dict[str, str]]:
    """The documents stating a relationship, by the id their report carries."""
    return [{"source_name": "spyglass", "external_id": d, "description": "source document"} for d in sorted(doc_ids)]


def _roles(entity: Entity) -> list[str]:
    role = (entity.case or {}).get("role")
    return {"intelligence officer": ["director"], "agent": ["agent"], "contractor": ["agent"]}.get(role or "", [])


def _day(published: str | None) -> bool:
    try:
        return bool(published) and FuzzyDate.parse(str(published)[:10]).precision == "day"
    except SpyglassError:
        return False


def _stamp(published: str | None) -> str:
    return f"{str(published)[:10]}T00:00:00Z"


def _uri(url: str) -> str:
    """STIX wants a URI: an IRI's non-ASCII letters (Polish Wikipedia titles) are percent-encoded."""
    from urllib.parse import quote

    return quote(url, safe=":/?#[]@!$&'()*+,;=%~")


def _kind(stix_id_: str) -> str:
    return stix_id_.split("--")[0]


def _country_code(name: str) -> str | None:
    import pycountry

    try:
        return str(pycountry.countries.lookup(name).alpha_2)
    except LookupError:
        try:
            return str(pycountry.countries.search_fuzzy(name)[0].alpha_2)
        except LookupError:
            return None


def _stix() -> Any:
    try:
        import stix2.v21  # type: ignore[import-untyped]
    except ImportError as exc:  # an optional dependency: say how to get it
        raise SpyglassError("STIX export needs the stix2 package: pip install 'stix2>=3.0,<4'") from exc
    return stix2.v21
