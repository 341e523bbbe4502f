"""Screen names (a partner list, a visitor list) against the graph: candidates with a score, why, and the evidence.

Each row's name is compared with every name and alias of the graph's people, organisations and
threat groups (knowledge-base entries included), with the same comparisons that merge cases:
word order, split or hyphenated given names, transliteration, Han characters read as pinyin,
legal forms of company names. A name match is only a lead. It becomes a *strong* match when the
name agrees closely (score >= STRONG) and something else in the row agrees with the graph: the
country, the birth year (from an age a report gives), or a context word found in the evidence;
and nothing in the row contradicts it (another stated nationality, another birth year).
Anything less is *weak*: a bare name match is never reported as more than that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from spyglass.export.graph import ORGANISATIONS, Entity, Graph, build_graph, name_key
from spyglass.kb.builtin import normalise_alias
from spyglass.resolve.names import STRONG, WEAK, compare, fold, tokens
from spyglass.store import Store

MATCHER = "spyglass.screen"
VERSION = "0.1"
PERSON_KINDS = ("person", "individual", "people")
ORG_KINDS = ("organization", "organisation", "company", "entity", "org", "institution")
SCREENED = ("person", *ORGANISATIONS, "threat_group")
MAX_CANDIDATES = 5
# Words that say nothing about which organisation is meant: shared alone, they are no match.
GENERIC = {"state", "security", "department", "ministry", "bureau", "national", "technology", "technologies",
           "network", "group", "international", "institute", "university", "service", "services", "agency",
           "office", "information", "science", "research", "center", "centre", "of", "the", "and", "for",
           # vendors' naming schemes: a shared "APT" or "Panda" says nothing about which group
           "apt", "panda", "bear", "kitten", "chollima", "spider", "typhoon", "blizzard", "sleet", "tempest"}
_STOP = {"the", "and", "for", "with", "from", "that", "this", "was", "were", "has", "have", "not", "are", "who"}
_WORDS = re.compile(r"[^\W\d_]{3,}")


@dataclass(frozen=True)
class ScreenRow:
    """One name to screen, with what else the list says about it."""

    name: str
    kind: str | None = None  # "person", "organization" or None for both
    country: str | None = None
    birth_year: int | None = None
    context: str = ""
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)  # other columns, echoed


@dataclass
class Candidate:
    key: str
    name: str
    type: str
    score: float
    label: str  # "strong" or "weak"
    name_score: float
    matched: str  # the name or alias of the candidate the row's name matched
    explanation: list[str]
    support: list[str]
    against: list[str]
    evidence: dict[str, Any]
    entity_id: str | None = None  # the entity's id in the store's entity layer (`spyglass entity ID`)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class ScreenResult:
    row: ScreenRow
    candidates: list[Candidate]  # best first

    @property
    def label(self) -> str:
        return self.candidates[0].label if self.candidates else "none"

    def as_dict(self) -> dict[str, Any]:
        return {"row": {"name": self.row.name, "kind": self.row.kind, "country": self.row.country,
                        "birth_year": self.row.birth_year, "context": self.row.context, **self.row.extra},
                "label": self.label, "matcher": f"{MATCHER} {VERSION}",
                "candidates": [c.as_dict() for c in self.candidates]}


def screen_rows(store: Store, rows: list[ScreenRow], graph: Graph | None = None) -> list[ScreenResult]:
    """Candidate matches in the store's graph for each row, best first (at most MAX_CANDIDATES)."""
    graph = graph or build_graph(store, all_kb=True)
    pool = [e for e in graph.entities.values() if e.type in SCREENED]
    blocks: dict[str, set[str]] = {}
    for entity in pool:
        for key in _block_keys(entity.names()):
            blocks.setdefault(key, set()).add(entity.key)
    results = []
    for row in rows:
        keys = set().union(*(blocks.get(k, set()) for k in _block_keys([row.name])))
        found = []
        for key in sorted(keys):
            candidate = _candidate(row, graph.entities[key], graph)
            if candidate is not None:
                found.append(candidate)
        found.sort(key=lambda c: (-c.score, c.label != "strong", -len(graph.entities[c.key].documents), c.name))
        results.append(ScreenResult(row, found[:MAX_CANDIDATES]))
    return results


def _block_keys(names: list[str]) -> set[str]:
    """Folded name words and compact org keys: any candidate sharing one is compared in full."""
    keys: set[str] = set()
    for name in names:
        keys |= {fold(t) for t in tokens(name) if len(t.rstrip(".")) > 1}
        keys.add(name_key(name, "company").replace(" ", ""))
    return keys


def _candidate(row: ScreenRow, entity: Entity, graph: Graph) -> Candidate | None:
    person = entity.type == "person"
    kind = (row.kind or "").strip().lower()
    if (kind in PERSON_KINDS and not person) or (kind in ORG_KINDS and person):
        return None
    score, reason, matched = max(((*_compare(row.name, n, person), n) for n in entity.names()),
                                 key=lambda t: (t[0], t[2] == entity.name))
    if score < WEAK:
        return None
    explanation = [f"name: {row.name!r} ~ {matched!r}: {reason} ({score:.2f})"]
    shared = _shared_parts(row.name, matched, person)
    if shared:
        explanation.append(f"name parts in common: {', '.join(shared)}")
    if matched != entity.name:
        explanation.append(_alias_source(matched, entity))
    elif any(matched in m.names() for m in entity.kb):
        explanation.append(f"knowledge-base link: {_kb_label(entity)}")
    support, against = _corroborate(row, entity, graph)
    strong = score >= STRONG and support and not against
    total = max(0.0, min(1.0, 0.7 * score + 0.1 * min(len(support), 3) - 0.25 * len(against)))
    if not support and not against:
        explanation.append("nothing but the name agrees: weak until a country, birth year or context word does")
    return Candidate(entity.key, entity.name, entity.type, round(total, 3), "strong" if strong else "weak",
                     round(score, 3), matched, explanation, support, against, _evidence(entity, graph),
                     entity.identity)


def _compare(a: str, b: str, person: bool) -> tuple[float, str]:
    if person:
        match = compare(a, b)
        return match.score, match.reason
    if normalise_alias(a) == normalise_alias(b):
        return 1.0, "same name"
    ka, kb = name_key(a, "company"), name_key(b, "company")
    if ka == kb:
        return 0.95, "same name once legal forms (Co., Ltd) and punctuation are dropped"
    if ka.replace(" ", "") == kb.replace(" ", ""):
        return 0.9, "same name with spaces and hyphens ignored"
    wa, wb = set(ka.split()), set(kb.split())
    short, long = sorted((wa, wb), key=len)
    if len(short - GENERIC) >= 2 and short <= long:
        return 0.75, "every word of the shorter name is in the longer one"
    ratio = fuzz.ratio(ka, kb)
    if ratio >= 92:
        return 0.7, f"a close spelling ({ratio:.0f}% alike)"
    distinctive = (wa & wb) - GENERIC
    if distinctive:
        return 0.5, f"shares the word(s) {', '.join(sorted(distinctive))}"
    return 0.0, "different names"


def _shared_parts(a: str, b: str, person: bool) -> list[str]:
    """The row's name words that the candidate's name also has (as spelled in the row; Han as pinyin)."""
    if person:
        theirs = {fold(t) for t in tokens(b)}
        return list(dict.fromkeys(t.rstrip(".") for t in tokens(a) if fold(t) in theirs))
    return sorted(set(name_key(a, "company").split()) & set(name_key(b, "company").split()) - GENERIC)


def _alias_source(alias: str, entity: Entity) -> str:
    for member in entity.kb:
        if alias in member.names():
            return f"alias: {alias!r} is a knowledge-base name of {_kb_label(entity)}"
    what = "case" if entity.case else "entity"
    return f"alias: {alias!r} is a name the reports use for this {what}, filed as {entity.name!r}"


def _kb_label(entity: Entity) -> str:
    m = entity.kb[0]
    return f"{m.name} [{m.origin}{' ' + m.external_id if m.external_id else ''}: {m.kb_id}]"


def _corroborate(row: ScreenRow, entity: Entity, graph: Graph) -> tuple[list[str], list[str]]:
    """What else in the row agrees with the graph (support) or contradicts it (against)."""
    from spyglass.extract.places import country_name

    support: list[str] = []
    against: list[str] = []
    if row.country:
        wanted = country_name(row.country) or row.country.strip()
        countries = _countries(entity, graph)
        hit = [why for name, why in countries if name.casefold() == wanted.casefold()]
        if hit:
            support.append(f"country: {wanted} is {hit[0]}")
        elif entity.country and (entity.type == "person" or entity.kb):
            against.append(f"country: the graph gives {entity.country}, not {wanted}")
    if row.birth_year:
        ages = _birth_years(entity, graph)
        if any(lo - 1 <= row.birth_year <= hi + 1 for lo, hi, _ in ages):
            lo, hi, where = next(a for a in ages if a[0] - 1 <= row.birth_year <= a[1] + 1)
            support.append(f"birth year: {row.birth_year} fits {where} (born {lo}-{hi})")
        elif ages:
            lo, hi, where = ages[0]
            against.append(f"birth year: {where} puts the birth in {lo}-{hi}, not {row.birth_year}")
    words = {w.casefold() for w in _WORDS.findall(row.context)} - _STOP
    if words:
        seen = _context_words(entity, graph)
        hits = sorted(words & seen)
        if hits:
            support.append(f"context: {', '.join(hits)} found in the evidence")
    return support, against


def _countries(entity: Entity, graph: Graph) -> list[tuple[str, str]]:
    found = []
    if entity.country:
        found.append((entity.country, "the stated nationality" if entity.type == "person" else "its country"))
    case = entity.case or {}
    if case.get("prosecuting_country"):
        found.append((case["prosecuting_country"], "where the case is prosecuted"))
    for (s, p, o), _ in graph.edges.items():
        if s == entity.key and p in ("attributed_to", "officer_of", "agent_of", "recruited_by", "contractor_for"):
            sponsor = graph.entities[o]
            country = sponsor.name if sponsor.type == "country" else sponsor.country
            if country:
                found.append((country, f"the country of the service it is linked to ({sponsor.name})"))
    return found


def _birth_years(entity: Entity, graph: Graph) -> list[tuple[int, int, str]]:
    """Birth-year ranges from ages the reports give next to one of the entity's names
    ("Wen Haoyu, 44," or "the 47-year-old ... Marlowe") and the report's publication year."""
    from spyglass.extract.quantities import find_quantities

    if entity.type != "person":
        return []
    found = []
    names = [n for n in entity.names() if len(n) > 3]
    for doc_id in sorted(entity.documents):
        doc = graph.documents.get(doc_id)
        if doc is None or not doc.published:
            continue
        year = int(doc.published[:4])
        for q in find_quantities(doc.text):
            if q.kind != "age":
                continue
            window = doc.text[max(0, q.start - 60): q.end + 60]
            if any(n in window for n in names):
                age = int(q.value)
                found.append((year - age - 1, year - age, f"age {age} in {doc.publisher or doc_id[:12]} "
                                                          f"({doc.published})"))
                break
    return found


def _context_words(entity: Entity, graph: Graph) -> set[str]:
    texts = [c.subject + " " + (c.object or "") + " " + (c.value or "") for c in entity.claims]
    for claim in entity.claims:
        doc = graph.documents.get(claim.doc_id)
        if doc is not None:  # the whole sentence: a claim's span may be a clause of it
            start = max(doc.text.rfind(". ", 0, claim.start), doc.text.rfind("\n", 0, claim.start)) + 1
            stops = [i for i in (doc.text.find(". ", claim.end), doc.text.find("\n", claim.end)) if i >= 0]
            texts.append(doc.text[start: min(stops) if stops else len(doc.text)])
    for (s, _, o), _ in graph.edges.items():
        if s == entity.key:
            texts += graph.entities[o].names()
    case = entity.case or {}
    texts += [str(v) for k, v in case.items() if k in ("role", "prosecuting_country", "parent_agency")]
    texts += [*case.get("targets", []), *case.get("charges", []), *(case.get("sponsor") or {}).get("aliases", [])]
    texts += [m.description or "" for m in entity.kb] + [m.country or "" for m in entity.kb]
    return {w.casefold() for t in texts for w in _WORDS.findall(t)} - _STOP


def _evidence(entity: Entity, graph: Graph, limit: int = 8) -> dict[str, Any]:
    """The cases and claims behind a candidate, each with its source (publisher, date, URL, sentence)."""
    docs = graph.documents
    case = entity.case
    cases = []
    if case:
        cases.append({"case_id": case["case_id"], "name": case["name"], "aliases": case["aliases"],
                      "status": case["status"],
                      "sponsor": (case["sponsor"] or {}).get("name"), "dates": case["dates"],
                      "sources": [{k: s[k] for k in ("document", "publisher", "published", "url")}
                                  for s in case["sources"]]})
    ranked = sorted(entity.claims, key=lambda c: (c.predicate in ("alias_of", "citizen_of"), c.doc_id, c.start))
    spans: dict[tuple[str, int, int], Any] = {}
    for claim in ranked:
        spans.setdefault((claim.doc_id, claim.start, claim.end), claim)
    by_doc: dict[str, list[Any]] = {}
    for claim in spans.values():
        by_doc.setdefault(claim.doc_id, []).append(claim)
    # one sentence from each document in turn: the evidence shows how many sources say it
    order = sorted(by_doc, key=lambda d: (docs[d].published or "") if d in docs else "")
    picked = [by_doc[d][i] for i in range(max((len(v) for v in by_doc.values()), default=0))
              for d in order if i < len(by_doc[d])]
    claims = []
    for claim in picked[:limit]:
        doc = docs.get(claim.doc_id)
        claims.append({"subject": claim.subject, "predicate": claim.predicate, "object": claim.object,
                       "value": claim.value, "date": claim.date.value if claim.date else None, "hedge": claim.hedge,
                       "document": claim.doc_id, "publisher": doc.publisher if doc else None,
                       "published": doc.published if doc else None, "url": doc.url if doc else None,
                       "evidence": " ".join(doc.text[claim.start: claim.end].split()) if doc else None})
    kb = [{"kb_id": m.kb_id, "origin": m.origin, "name": m.name, "external_id": m.external_id,
           "sources": list(m.data.get("sources", [])) or ([m.data["url"]] if m.data.get("url") else [])}
          for m in entity.kb]
    return {"cases": cases, "claims": claims, "claims_total": len(entity.claims), "knowledge_base": kb,
            "documents": len(entity.documents), "independent_sources": graph.independent(entity.documents)}


COLUMNS = {"name": ("name", "full_name", "full name", "entity", "entity_name"),
           "kind": ("type", "kind", "entity_type", "schema"),
           "country": ("country", "nationality", "jurisdiction", "citizenship"),
           "birth_year": ("birth_year", "year_of_birth", "yob", "birth_date", "date_of_birth", "dob", "born"),
           "context": ("context", "notes", "keywords", "affiliation", "employer", "description")}


def row_from_dict(data: dict[str, Any]) -> ScreenRow:
    """A row from CSV columns or JSON keys (several usual spellings of each); other keys are echoed back.
    Raises ValueError with the reason when the row cannot be screened."""
    lowered = {str(k).strip().lower(): ("" if v is None else str(v).strip()) for k, v in data.items() if k}
    found: dict[str, str] = {}
    for field_, names in COLUMNS.items():
        found[field_] = next((lowered[n] for n in names if lowered.get(n)), "")
    if not found["name"]:
        raise ValueError("no name (expected a column called name)")
    year = None
    if found["birth_year"]:
        digits = re.search(r"\b(1[89]\d\d|20\d\d)\b", found["birth_year"])
        if not digits:
            raise ValueError(f"birth year {found['birth_year']!r} is not a year such as 1980 or 1980-04-02")
        year = int(digits.group(1))
    used = {n for names in COLUMNS.values() for n in names}
    return ScreenRow(found["name"], found["kind"] or None, found["country"] or None, year, found["context"],
                     {k: v for k, v in lowered.items() if k not in used})
