"""The views both the API and the pages show: filters, graphs, the targeting matrix, timelines, methods."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from spyglass.errors import InputError, NotFound
from spyglass.serve.data import Data

SORTS = ("name", "status", "sponsor", "prosecuting_country", "first_date", "last_date", "documents",
         "sentence_months", "kind")
# who acts and what is acted on, for the matrix and the agency graph
ACTORS = ("state_agency", "agency_unit", "threat_group", "company", "country", "government_body")
TARGET_PREDICATES = ("targets", "focuses_on", "hacked", "stole_data_from")
PLACE_TYPES = ("country", "region")
SECTOR_TYPES = ("sector", "organization", "company", "government_body")
MEMBER_PREDICATES = ("part_of", "subordinate_to", "officer_of", "agent_of", "contractor_for", "hired_by",
                     "recruited_by", "attributed_to")


def page_of(items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    if limit < 1 or limit > 1000 or offset < 0:
        raise InputError("limit must be 1-1000 and offset 0 or more")
    return {"items": items[offset : offset + limit], "total": len(items), "limit": limit, "offset": offset}


def case_table(data: Data, sponsor: str | None = None, status: str | None = None, country: str | None = None,
               year: str | None = None, sort: str = "documents", descending: bool | None = None) -> list[dict[str, Any]]:
    """The cases that pass every filter given, sorted; `sponsor` matches the sponsor, its aliases or parent."""
    if sort not in SORTS:
        raise InputError(f"cannot sort cases by {sort!r}; use one of {', '.join(SORTS)}")
    if descending is None:
        descending = default_descending(sort)

    def sorted_by(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return sorted_rows(rows, sort, bool(descending))

    # filtering keeps the sorted order (the sort is stable), so the rows are those of sorting the filtered ones
    if sponsor:
        want = sponsor.casefold()
        entries = data.case_memo(f"sponsored:{sort}:{descending}", lambda rows: [
            (r, NUL.join(sponsor_names(r))) for r in sorted_by(rows)])
        # one search a row through its names joined (a NUL never occurs in a name; a query with one
        # is looked for name by name, so it cannot match across two)
        rows = ([r for r, names in entries if want in names] if NUL not in want
                else [r for r, names in entries if any(want in n for n in names.split(NUL))])
    else:
        rows = data.case_memo(f"sorted:{sort}:{descending}", sorted_by)
    if status:
        rows = [r for r in rows if r["status"] == status]
    if country:
        rows = [r for r in rows if (r["prosecuting_country"] or "").casefold() == country.casefold()]
    if year:
        rows = [r for r in rows if year in r["years"]]
    return list(rows)


NUL = "\x00"


def sponsor_names(r: dict[str, Any]) -> tuple[str, ...]:
    """What the sponsor filter looks in, casefolded: the sponsor's name and aliases and the parent
    agency (nothing for a case without a sponsor)."""
    if not r["sponsor"]:
        return ()
    return tuple(a.casefold() for a in [r["sponsor"]["name"], *r["sponsor"]["aliases"], r["parent_agency"] or ""])


def sorted_rows(rows: list[dict[str, Any]], sort: str, descending: bool) -> list[dict[str, Any]]:
    def key(r: dict[str, Any]) -> tuple[bool, Any]:
        value = sort_value(r, sort)
        return (value is None) != descending, value if value is not None else ""

    return sorted(rows, key=key, reverse=descending)


def default_descending(sort: str) -> bool:
    """Counts and recent dates read best largest first; names and the rest A to Z."""
    return sort in ("documents", "last_date", "sentence_months")


def sort_value(r: dict[str, Any], column: str) -> Any:
    if column == "sponsor":
        return r["sponsor"]["name"].casefold() if r["sponsor"] else None
    if column == "documents":
        return len(r["sources"])
    if column == "conflicts":
        return len(r["conflicts"])
    value = r.get(column)
    return value.casefold() if isinstance(value, str) else value


def case_filters(data: Data) -> dict[str, list[str]]:
    return data.case_memo("filters", _filters)  # type: ignore[no-any-return]


def _filters(rows: list[dict[str, Any]]) -> dict[str, list[str]]:
    return {
        "sponsor": sorted({r["sponsor"]["name"] for r in rows if r["sponsor"]}
                          | {r["parent_agency"] for r in rows if r["parent_agency"]}),
        "status": sorted({r["status"] for r in rows if r["status"]}),
        "country": sorted({r["prosecuting_country"] for r in rows if r["prosecuting_country"]}),
        "year": sorted({y for r in rows for y in r["years"]}),
    }


def entity_view(data: Data, name: str, limit: int = 100, offset: int = 0) -> dict[str, Any]:
    """An entity: its names, KB entries, relations to other entities, and its claims with their sentences."""
    snap = data.snapshot()
    entity = snap.entity(name)
    page = page_of(entity.claims, limit, offset)  # positions: only the page's claims are read
    page["items"] = [snap.claims[i] for i in page["items"]]
    return {**entity.summary(), "kb": kb_view(data, entity.name, entity.aliases),
            "relations": [dict(r) for r in snap.relations.get(entity.name.casefold(), [])],
            "cases": [{"case_id": r["case_id"], "name": r["name"], "status": r["status"]}
                      for r in data.cases_naming({entity.name, *entity.aliases})],
            "claims": page}


def kb_view(data: Data, name: str, aliases: set[str] | None = None) -> dict[str, Any] | None:
    """The knowledge-base entries a name links to (the first of the entity's names that links), or None."""
    from spyglass.kb.link import describe

    def build() -> dict[str, Any] | None:
        for candidate in [name, *sorted(aliases or set(), key=len, reverse=True)]:
            try:
                return describe(data.store(), candidate)
            except NotFound:
                continue
        return None

    return data.snapshot().lazy(f"kb:{name.casefold()}", build)  # type: ignore[no-any-return]


def neighbourhood(data: Data, name: str, depth: int = 1, limit: int = 60) -> dict[str, Any]:
    """Nodes and edges around an entity, `depth` claims away, the best-attested edges first."""
    if depth not in (1, 2):
        raise InputError("depth must be 1 or 2")
    snap = data.snapshot()
    start = snap.entity(name)
    nodes: dict[str, dict[str, Any]] = {start.name.casefold(): {"id": start.name, "type": start.type, "depth": 0}}
    edges: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    frontier = [start]
    for level in range(1, depth + 1):
        following = []
        for entity in frontier:
            for i in entity.claims:
                c = snap.claims[i]
                if not c["object"] or not c["object_type"]:
                    continue
                subject, obj = snap.name_of(c["subject"]), snap.name_of(c["object"])  # one node a real thing
                edges[(subject, c["predicate"], obj)].add(c["doc_id"])
                for other, type_ in ((subject, c["subject_type"]), (obj, c["object_type"])):
                    if other.casefold() not in nodes and len(nodes) < limit:
                        nodes[other.casefold()] = {"id": other, "type": type_, "depth": level}
                        following.append(snap.entity(other))
        frontier = following
    edge_list = [{"source": s, "target": o, "predicate": p, "documents": len(d)} for (s, p, o), d in edges.items()
                 if s.casefold() in nodes and o.casefold() in nodes]
    return {"center": start.name, "nodes": list(nodes.values()), "edges": edge_list}


def agency_graph(data: Data, agency: str) -> dict[str, Any]:
    """An agency's structure: parent body, bureaus, officers and agents, fronts and contractors, targets.

    Built from the knowledge base's parent links and the store's claims, and from the cases whose sponsor
    is the agency or one of its units."""
    from spyglass.kb.link import index_for

    snap = data.snapshot()
    index = index_for(data.store())
    linked = index.link(agency)
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[str, str, str], int] = Counter()

    def node(name: str, role: str, type_: str | None = None) -> str:
        name = snap.name_of(name)  # one node per real thing, whichever spelling a claim uses
        key = name.casefold()
        if key not in nodes:
            nodes[key] = {"id": name, "role": role, "type": type_}
        return nodes[key]["id"]  # type: ignore[no-any-return]

    root_name = agency
    units: set[str] = set()
    if linked.status == "linked":
        root = index.entries[linked.kb_ids[0]]
        root_name = root.name
        node(root_name, "agency", root.type)
        if root.parent and root.parent in index.entries:
            edges[(root_name, "part_of", node(index.entries[root.parent].name, "ministry"))] += 1
        children = [entry for entry in index.entries.values()
                    if entry.parent in index.members.get(root.kb_id, [root.kb_id]) and entry.status != "revoked"]
        # the bureaus the reporting names; all of them only when it names none (else 30 silent nodes crowd it)
        named = [c for c in children if any(snap.find(n) for n in c.names())]
        for entry in named or children:
            units.add(node(entry.name, "bureau", entry.type))
            edges[(entry.name, "part_of", root_name)] += 1
    else:
        snap.entity(agency)
        node(root_name, "agency", snap.entity(agency).type)
    root_name = snap.name_of(root_name)
    for c in snap.claims:  # units the reporting names
        if c["predicate"] == "part_of" and c["object"] and snap.name_of(c["object"]).casefold() == root_name.casefold():
            unit = node(c["subject"], "bureau", c["subject_type"])
            units.add(unit)
            edges[(unit, "part_of", root_name)] += 1
    members = {root_name.casefold(), *(u.casefold() for u in units)}
    for c in snap.claims:
        subject, obj, predicate = c["subject"], c["object"], c["predicate"]
        if not obj:
            continue
        subject, obj = snap.name_of(subject), snap.name_of(obj)
        if obj.casefold() in members and predicate in ("officer_of", "agent_of", "recruited_by"):
            node(subject, "officer" if predicate == "officer_of" else "agent", c["subject_type"])
            edges[(subject, predicate, obj)] += 1
        elif obj.casefold() in members and predicate in ("contractor_for", "hired_by", "attributed_to"):
            node(subject, "front or contractor", c["subject_type"])
            edges[(subject, predicate, obj)] += 1
        elif subject.casefold() in members and predicate in TARGET_PREDICATES:
            node(obj, "target", c["object_type"])
            edges[(subject, predicate, obj)] += 1
    for r in data.case_rows():
        sponsor = (r["sponsor"] or {}).get("name")
        if sponsor and snap.name_of(sponsor).casefold() in members:
            role = "officer" if "officer" in (r["role"] or "") else "agent" if r["kind"] == "person" else "front or contractor"
            name = node(r["name"], role, r["kind"])
            edges[(name, "sponsored_by", snap.name_of(sponsor))] += 1
            for target in r["targets"]:
                edges[(name, "targets", node(target, "target"))] += 1
    return {"agency": root_name, "nodes": list(nodes.values()),
            "edges": [{"source": s, "predicate": p, "target": o, "count": n} for (s, p, o), n in edges.items()]}


def agencies(data: Data) -> list[str]:
    """Agencies worth a structure graph: every state agency the claims or the cases name."""
    snap = data.snapshot()
    names = Counter(e.name for e in snap.entities.values() if e.type == "state_agency" for _ in e.claims)
    for r in data.case_rows():
        if r["parent_agency"]:
            names[r["parent_agency"]] += 1
    return [n for n, _ in names.most_common(40)]


def matrix(data: Data, columns: str = "all") -> dict[str, Any]:
    """Who targets whom: actors (agencies, bureaus, groups) against places or sectors, with document counts."""
    wanted = {"place": PLACE_TYPES, "sector": SECTOR_TYPES, "all": PLACE_TYPES + SECTOR_TYPES}.get(columns)
    if wanted is None:
        raise InputError("columns must be place, sector or all")
    snap = data.snapshot()
    cells: dict[tuple[str, str], dict[str, Any]] = {}
    for c in snap.claims:
        if c["predicate"] in TARGET_PREDICATES and c["object"] and c["subject_type"] in ACTORS \
                and c["object_type"] in wanted:
            cell = cells.setdefault((c["subject"], c["object"]), {"documents": set(), "predicates": set(), "cases": {}})
            cell["documents"].add(c["doc_id"])
            cell["predicates"].add(c["predicate"])
    for r in data.case_rows():
        sponsor = (r["sponsor"] or {}).get("name")
        for target in r["targets"] if sponsor else []:
            known = snap.find(target)
            if (known.type if known else None) not in wanted and columns != "all":
                continue
            cell = cells.setdefault((str(sponsor), target), {"documents": set(), "predicates": set(), "cases": {}})
            cell["documents"] |= {s["document"] for s in r["sources"]}
            cell["predicates"].add("case")
            cell["cases"][r["case_id"]] = r["name"]
    for r in data.case_rows():  # the cases behind a claim's cell: reported there, with the actor as sponsor
        own = {n.casefold() for n in [(r["sponsor"] or {}).get("name") or "", r["parent_agency"] or ""] if n}
        docs = {s["document"] for s in r["sources"]}
        for (actor, _), cell in cells.items():
            if actor.casefold() in own and docs & cell["documents"]:
                cell["cases"][r["case_id"]] = r["name"]
    rows = sorted({a for a, _ in cells}, key=lambda a: (-sum(len(v["documents"]) for (x, _), v in cells.items() if x == a), a))
    cols = sorted({b for _, b in cells}, key=lambda b: (-sum(1 for (_, y) in cells if y == b), b))
    return {"rows": rows, "columns": cols,
            "cells": [{"actor": a, "target": b, "documents": len(v["documents"]), "predicates": sorted(v["predicates"]),
                       "cases": [{"case_id": k, "name": n} for k, n in sorted(v["cases"].items(), key=lambda kv: kv[1])],
                       "document_ids": sorted(v["documents"])}
                      for (a, b), v in sorted(cells.items())]}


def timeline(data: Data) -> list[dict[str, Any]]:
    """Every dated legal event of every case, oldest first."""
    events = []
    for r in data.case_rows():
        for status, date in r["dates"].items():
            if date:
                events.append({"date": date, "precision": r["date_precision"].get(status), "event": status,
                               "case_id": r["case_id"], "case": r["name"], "sponsor": (r["sponsor"] or {}).get("name"),
                               "country": r["prosecuting_country"]})
    return sorted(events, key=lambda e: (e["date"], e["case"]))


def methods(data: Data) -> list[dict[str, Any]]:
    from spyglass.model.methods import load_vocabulary

    uses = Counter(c["object"] for c in data.snapshot().claims if c["predicate"] == "used_method")
    return [{**m.as_dict(), "uses": uses.get(m.id, 0)} for m in load_vocabulary().methods.values()]


def method_view(data: Data, method_id: str) -> dict[str, Any]:
    """A tradecraft method: its definition, who uses it, the cases where it is documented, uses per year."""
    from spyglass.model.methods import load_vocabulary

    method = load_vocabulary().methods.get(method_id)
    if method is None:
        raise NotFound(f"no method has the id {method_id!r}; /methods lists them")
    snap = data.snapshot()
    uses = [c for c in snap.claims if c["predicate"] == "used_method" and c["object"] == method_id]
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in data.case_rows():
        for s in r["sources"]:
            by_doc[s["document"]].append(r)
    cases: dict[str, dict[str, Any]] = {}
    documented = []
    for u in uses:
        words = f"{u['value'] or ''} {u['evidence']}".casefold()
        found = [r for r in by_doc.get(u["doc_id"], [])
                 if any(len(n) >= 4 and n.casefold() in words for n in [r["name"], *r["aliases"]])]
        for r in found:
            cases[r["case_id"]] = {"case_id": r["case_id"], "name": r["name"], "status": r["status"]}
        doc = snap.documents.get(u["doc_id"], {})
        documented.append({**u, "cases": [r["case_id"] for r in found], "publisher": doc.get("publisher"),
                           "published": doc.get("published"), "title": doc.get("title")})
    per_year = Counter((u["date"] or u["published"] or "")[:4] or "undated" for u in documented)
    return {**method.as_dict(), "actors": Counter(u["subject"] for u in uses).most_common(),
            "cases": list(cases.values()), "per_year": sorted(per_year.items()), "uses": documented}
