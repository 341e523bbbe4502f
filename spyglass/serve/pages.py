"""The pages: server-rendered HTML over the same views as the API; every value escaped (templates.e)."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from typing import Any

from fastapi import APIRouter, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from spyglass.serve import views
from spyglass.serve.data import Data
from spyglass.serve.templates import (bars, case_link, doc_link, e, entity_link, external, href, layout, listing,
                                      pager, select, table)

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)


def _data(request: Request) -> Data:
    return request.app.state.data  # type: ignore[no-any-return]


def _sources(sources: list[dict[str, Any]]) -> str:
    return ", ".join(doc_link(s["document"], f"{s.get('publisher') or s['document'][:12]} {s.get('published') or ''}")
                     for s in sources)


@router.get("/")
def home(request: Request) -> str:
    data = _data(request)
    snap = data.snapshot()
    counts = (f"<p>{len(snap.documents)} documents, {len(snap.claims)} claims, {len(snap.entities)} entities, "
              f"{len(data.case_rows())} cases.</p>")
    links = listing([
        '<a href="/search">Search</a> documents, entities and cases',
        '<a href="/cases">Case table</a>: filter by sponsor, status, country and year; export CSV',
        '<a href="/timeline">Timeline</a> of legal events', '<a href="/matrix">Who targets whom</a>',
        '<a href="/graph">Agency structure graph</a>', '<a href="/methods">Tradecraft methods</a>',
        '<a href="/documents">Documents</a>', '<a href="/upload">Upload</a> files to ingest',
        '<a href="/api">API reference</a>'])
    return layout("spyglass", counts + links)


@router.get("/search")
def search(request: Request, q: str = "") -> str:
    form = (f'<form action="/search" method="get"><input name="q" type="search" value="{e(q)}" size="50" '
            'aria-label="query"> <button>Search</button></form>')
    if not q.strip():
        return layout("Search", form + '<p class="muted">Words, "quoted phrases", AND, OR, NOT, prefix*.</p>')
    found = views.search_all(_data(request), q)
    docs = listing([f"{doc_link(h['doc_id'], h['title'] or h['doc_id'][:12])}<br><span class=\"snippet\">"
                    f"{_snippet(h['snippet'])}</span>" for h in found["documents"]], "no documents match")
    ents = listing([f"{entity_link(x['name'])} <span class=\"muted\">{e(x['type'])}, {x['documents']} documents</span>"
                    for x in found["entities"]], "no entities match")
    cases = listing([f"{case_link(c['case_id'], c['name'])} <span class=\"muted\">{e(c['status'])}; "
                     f"sponsor {e(c['sponsor'] or '-')}; matched “{e(c['matched'])}”</span>"
                     for c in found["cases"]], "no cases match")
    kb = listing([f"{entity_link(k['name'])} <span class=\"muted\">{e(k['type'])} [{e(k['origin'])}], "
                  f"matched “{e(k['matched'])}”</span>" for k in found["kb"]], "no knowledge-base entries match")
    return layout(f"Search: {q}", form + f"<h2>Cases</h2>{cases}<h2>Entities</h2>{ents}"
                  f"<h2>Documents</h2>{docs}<h2>Knowledge base</h2>{kb}")


def _hedge(hedge: str | None) -> str:
    return f' <span class="hedge">{e(hedge)}</span>' if hedge and hedge != "none" else ""


def _snippet(snippet: str) -> str:
    """The search engine marks hits with [ ]: escape the text first, then turn the marks into <mark>."""
    return e(snippet).replace("[", "<mark>").replace("]", "</mark>")


def _case_query(request: Request) -> dict[str, Any]:
    q = request.query_params
    return {k: q.get(k) or None for k in ("sponsor", "status", "country", "year")} | {
        "sort": q.get("sort") or "documents", "desc": q.get("desc") or None}


def _rows(request: Request) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    params = _case_query(request)
    desc = None if params["desc"] is None else params["desc"] in ("1", "true", "yes")
    rows = views.case_table(_data(request), params["sponsor"], params["status"], params["country"], params["year"],
                            params["sort"], desc)
    return params, rows


@router.get("/cases")
def cases(request: Request, limit: int = Query(200, ge=1, le=1000), offset: int = Query(0, ge=0)) -> str:
    params, rows = _rows(request)
    filters = views.case_filters(_data(request))
    form = ('<form action="/cases" method="get" class="filters">'
            + "".join(select(k, filters[k], params[k]) for k in ("sponsor", "status", "country", "year"))
            + select("sort", list(views.SORTS), params["sort"], blank="documents")
            + '<label><input type="checkbox" name="desc" value="1"' + (" checked" if params["desc"] == "1" else "")
            + '> descending</label> <button>Show</button></form>')
    export = f'<p><a href="{href("/cases.csv", **params)}">Export this view as CSV</a> · {len(rows)} cases</p>'

    def heading(column: str, label: str) -> str:
        flip = "" if params["sort"] == column and params["desc"] == "1" else "1"
        return f'<a href="{href("/cases", **(params | {"sort": column, "desc": flip}))}">{e(label)}</a>'

    body = [[case_link(r["case_id"], r["name"]) + (' <span class="flag" title="sources disagree">!</span>'
                                                   if r["conflicts"] else ""),
             e(r["kind"]), e(r["status"]), entity_link((r["sponsor"] or {}).get("name")), entity_link(r["parent_agency"]),
             e(r["prosecuting_country"]), e(r["sentence_months"]), e(r["first_date"]), e(r["last_date"]),
             str(len(r["sources"]))] for r in rows[offset : offset + limit]]
    headers = [heading("name", "case"), heading("kind", "kind"), heading("status", "status"),
               heading("sponsor", "sponsor"), "parent agency", heading("prosecuting_country", "prosecuted by"),
               heading("sentence_months", "sentence (months)"), heading("first_date", "first event"),
               heading("last_date", "last event"), heading("documents", "documents")]
    return layout("Cases", form + export + table(headers, body, "cases")
                  + pager("/cases", params, len(rows), limit, offset))


@router.get("/cases.csv")
def cases_csv(request: Request) -> Response:
    _, rows = _rows(request)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["case_id", "name", "kind", "status", "sponsor", "parent_agency", "prosecuting_country",
                     "sentence_months", "first_date", "last_date", "aliases", "targets", "documents", "conflicts"])
    for r in rows:
        writer.writerow([_cell(v) for v in (
            r["case_id"], r["name"], r["kind"], r["status"], (r["sponsor"] or {}).get("name"), r["parent_agency"],
            r["prosecuting_country"], r["sentence_months"], r["first_date"], r["last_date"], "; ".join(r["aliases"]),
            "; ".join(r["targets"]), len(r["sources"]), "; ".join(c["field"] for c in r["conflicts"]))])
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": 'attachment; filename="spyglass-cases.csv"'})


def _cell(value: Any) -> Any:
    # a cell starting with = + - @ is a formula to a spreadsheet: scraped names must stay text
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@router.get("/cases/{case_id}")
def case_page(request: Request, case_id: str) -> str:
    data = _data(request)
    row = data.case_row(case_id)
    file = data.case_file(row["case_id"])
    facts = table(["field", "value"], [[e(k), v] for k, v in (
        ("kind", e(file["kind"])), ("status", e(file["status"])), ("role", e(file["role"])),
        ("sponsor", entity_link(file["sponsor"])), ("parent agency", entity_link(file["parent_agency"])),
        ("prosecuted by", e(file["prosecuting_country"])), ("sentence", e(file["sentence_months"] and
                                                                           f"{file['sentence_months']} months")),
        ("targets", ", ".join(entity_link(t) for t in file["targets"])), ("charges", e("; ".join(file["charges"]))),
        ("convicted of", e("; ".join(file["convicted_of"]))))], "facts")
    aliases = listing([e(a) for a in file["aliases"]], "no other names")
    events = []
    for ev in file["timeline"]:
        srcs = listing([f"{doc_link(s['document'], (s['publisher'] or s['document'][:12]) + ' ' + (s['published'] or ''))}"
                        f"{_hedge(s['hedge'])}"
                        f"<blockquote>{e(s['evidence'])}</blockquote>" for s in ev["sources"]], "no source kept")
        events.append(f'<li><span class="date">{e(ev["date"] or "undated")}</span> <strong>{e(ev["event"])}</strong>'
                      f'{" (" + e(ev["precision"]) + ")" if ev["precision"] else ""}{srcs}</li>')
    conflicts = []
    for c in row["conflicts"]:
        values = listing([f"<strong>{e(v['value'])}</strong>: {_sources(v['sources'])}" for v in c["values"]])
        conflicts.append(f"<strong>{e(c['field'])}</strong>: chose <em>{e(c['chosen'])}</em> ({e(c['why'])}){values}")
    names = {row["name"], *row["aliases"]}
    snap = data.snapshot()
    related: dict[str, set[str]] = defaultdict(set)
    for name in names:
        try:
            entity = snap.entity(name)
        except Exception:
            continue
        for i in entity.claims:
            c = snap.claims[i]
            other = c["object"] if c["subject"] in names else c["subject"]
            if other and other not in names and (c["object_type"] if c["subject"] in names else c["subject_type"]):
                related[other].add(c["predicate"])
    rel = listing([f"{entity_link(o)} <span class=\"muted\">{e(', '.join(sorted(p)))}</span>"
                   for o, p in sorted(related.items())], "none found")
    docs = set(row_doc["document"] for row_doc in row["sources"])
    folded = [n.casefold() for n in names if len(n) >= 4]
    methods = [c for c in snap.claims if c["predicate"] == "used_method" and c["doc_id"] in docs
               and any(n in f"{c['value'] or ''} {c['evidence']}".casefold() for n in folded)]
    meth = listing([f'<a href="/methods/{e(c["object"])}">{e(c["object"])}</a> by {entity_link(c["subject"])}: '
                    f"<blockquote>{e(c['evidence'])}</blockquote>{doc_link(c['doc_id'])}" for c in methods],
                   "no method documented for this case")
    documents = table(["document", "publisher", "published", "syndication group"],
                      [[doc_link(d["id"], d["title"] or d["id"][:12]), e(d["publisher"]), e(d["published"]),
                        e((d["syndication_group"] or "")[:12])] for d in file["documents"]])
    named = listing([f"{e(p['name'])}: <em>named as {e(p['named_as'])}</em> "
                     f"{' '.join(doc_link(d) for d in p['documents'][:3])}" for p in file["people_named"]],
                    "no one else named in a role")
    body = (f"{facts}<h2>Aliases</h2>{aliases}<h2>Legal timeline</h2><ol class=\"timeline\">{''.join(events)}</ol>"
            f"<h2>Conflicts</h2>{listing(conflicts, 'the sources agree')}<h2>Related entities</h2>{rel}"
            f"<h2>Methods</h2>{meth}<h2>People named who face no action</h2>{named}<h2>Documents</h2>{documents}")
    return layout(file["name"], body)


@router.get("/entity")
def entity_page(request: Request, name: str, limit: int = Query(100, ge=1, le=1000),
                offset: int = Query(0, ge=0)) -> str:
    data = _data(request)
    view = views.entity_view(data, name, limit, offset)
    kb_parts = []
    for entry in (view["kb"] or {}).get("entries", []):
        parents = " › ".join(e(p["name"]) for p in reversed(entry["parents"]))
        rels = listing([f"{e(r['subject_name'])} <em>{e(r['predicate'])}</em> {e(r['object_name'])}"
                        f"{' (' + e(r['date']) + ')' if r['date'] else ''}" for r in entry["relationships"][:30]],
                       "no relationships")
        kb_parts.append(f"<h3>{e(entry['label'])}</h3><p>{e(entry['type'])}; {e(entry['country'])}"
                        f"{'; part of ' + parents if parents else ''}</p><p>{e(entry['description'])}</p>"
                        f"<p class=\"muted\">other names: {e(', '.join(entry['aliases']))}</p>{rels}")
    kb = "".join(kb_parts) or '<p class="empty">no knowledge-base entry</p>'
    rel = table(["relation", "entity", "documents"],
                [[e(("← " if r["direction"] == "in" else "") + r["predicate"]), entity_link(r["other"]),
                  str(r["documents"])] for r in view["relations"]])
    page = view["claims"]
    claims = table(["claim", "source sentence", "document"],
                   [[f"{entity_link(c['subject'])} <em>{e(c['predicate'])}</em> "
                     f"{entity_link(c['object']) if c['object'] else e(c['value'])}"
                     f"{_hedge(c['hedge'])}",
                     f"<blockquote>{e(c['evidence'])}</blockquote>", doc_link(c["doc_id"])] for c in page["items"]])
    cases = listing([case_link(c["case_id"], c["name"]) + f" ({e(c['status'])})" for c in view["cases"]], "none")
    graph = (f'<p><a href="{href("/graph", entity=view["name"])}">Show its neighbourhood as a graph</a>'
             + (f' · <a href="{href("/graph", agency=view["name"])}">its structure</a>'
                if view["type"] in ("state_agency", "agency_unit") else "") + "</p>")
    body = (f"<p>{e(view['type'])}; {view['documents']} documents, {view['claims']['total']} claims</p>{graph}"
            f"<h2>Aliases</h2>{listing([e(a) for a in view['aliases']], 'no other names')}"
            f"<h2>Knowledge base</h2>{kb}<h2>Cases</h2>{cases}<h2>Relations</h2>{rel}"
            f"<h2>Claims</h2>{claims}{pager('/entity', {'name': view['name']}, page['total'], limit, offset)}")
    return layout(view["name"], body)


@router.get("/documents")
def documents(request: Request, limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0)) -> str:
    docs = list(_data(request).snapshot().documents.values())
    rows = [[doc_link(d["doc_id"], d["title"] or d["doc_id"][:12]), e(d["publisher"]), e(d["published"]),
             e(d["language"]), e(d["format"])] for d in docs[offset : offset + limit]]
    return layout("Documents", table(["title", "publisher", "published", "language", "format"], rows)
                  + pager("/documents", {}, len(docs), limit, offset))


@router.get("/documents/{doc_id}")
def document_page(request: Request, doc_id: str) -> str:
    from spyglass.serve.api import document_view

    view = document_view(_data(request), doc_id)
    meta = table(["field", "value"], [[e(k), e(v)] for k, v in view["metadata"].items() if v not in (None, "", [], {})]
                 + [["url", external(view["url"])], ["source", e(view["source"])], ["id", e(view["doc_id"])]])
    spans = [(m["start"], m["end"], f"m m-{m['type']}", f"{m['type']}: {m['name'] or m['text']}")
             for m in view["mentions"]]
    spans += [(c["start"], c["end"], "claim", f"{c['subject']} {c['predicate']} {c['object'] or c['value'] or ''}")
              for c in view["claims"]]
    text = "".join(f'<section class="seg seg-{e(s["kind"])}"><span class="kind">{e(s["kind"])}</span>'
                   f"{highlight(view['text'], s['start'], s['end'], spans)}</section>" for s in view["segments"])
    segs = table(["kind", "start", "end"], [[e(s["kind"]), str(s["start"]), str(s["end"])] for s in view["segments"]])
    group = listing([doc_link(m["doc_id"], m["title"] or m["doc_id"][:12]) + f" <span class=\"muted\">"
                     f"{e(m['publisher'])} {e(m['published'])}</span>" for m in view["syndication_group"]["members"]])
    cases = listing([case_link(c["case_id"], c["name"]) for c in view["cases"]], "none")
    legend = ('<p class="legend"><span class="claim">claim sentence</span> <span class="m m-person">person</span> '
              '<span class="m m-state_agency">agency</span> <span class="m m-agency_unit">unit</span> '
              '<span class="m m-country">place</span> <span class="m m-company">company</span></p>')
    body = (f"{meta}<h2>Cases</h2>{cases}<h2>Text</h2>{legend}<div class=\"doctext\">{text}</div>"
            f"<h2>Segments</h2>{segs}<h2>Syndication group</h2>{group}")
    return layout(view["title"] or view["doc_id"][:12], body)


def highlight(text: str, start: int, end: int, spans: list[tuple[int, int, str, str]]) -> str:
    """text[start:end] escaped, each stretch wrapped in the classes of the spans that cover it."""
    inside = [s for s in spans if s[0] < end and s[1] > start]
    cuts = sorted({start, end, *(max(start, s[0]) for s in inside), *(min(end, s[1]) for s in inside)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [s for s in inside if s[0] <= a and s[1] >= b]
        piece = e(text[a:b])
        if covering:
            classes = " ".join(sorted({c for s in covering for c in s[2].split()}))
            titles = "; ".join(dict.fromkeys(s[3] for s in covering))
            piece = f'<span class="{e(classes)}" title="{e(titles)}">{piece}</span>'
        out.append(piece)
    return "".join(out)


@router.get("/graph")
def graph(request: Request, agency: str | None = None, entity: str | None = None) -> str:
    data = _data(request)
    choices = views.agencies(data)
    form = ('<form action="/graph" method="get">' + select("agency", choices, agency, blank="choose an agency")
            + " <button>Show</button></form>")
    if not agency and not entity and choices:
        return graph(request, agency=choices[0])
    if not agency and not entity:
        return layout("Agency graph", form + '<p class="empty">no agency is named in the store yet</p>')
    if entity:
        g = views.neighbourhood(data, entity, depth=2)
        src = href("/api/entities/" + entity.replace("/", " ") + "/graph", depth=2)
        title = f"Around {g['center']}"
        edges = g["edges"]
        nodes = g["nodes"]
    else:
        g = views.agency_graph(data, agency or "")
        src = href("/api/graph/agency", name=g["agency"])
        title = f"Structure of {g['agency']}"
        edges = g["edges"]
        nodes = g["nodes"]
    by_role: dict[str, list[str]] = defaultdict(list)
    for n in nodes:
        by_role[n.get("role") or f"depth {n.get('depth')}"].append(entity_link(n["id"]))
    listed = "".join(f"<h3>{e(role)}</h3>{listing(items)}" for role, items in by_role.items())
    edge_rows = table(["from", "relation", "to"],
                      [[entity_link(x["source"]), e(x["predicate"]), entity_link(x["target"])] for x in edges])
    canvas = (f'<div id="graph" class="graph" data-src="{src}" data-center="{e(g.get("agency") or g.get("center"))}">'
              '<p class="muted">drag nodes; click a name to open it</p></div>')
    return layout(title, form + canvas + f"<h2>Members</h2>{listed}<h2>Edges</h2>{edge_rows}", scripts=["graph.js"])


@router.get("/timeline")
def timeline(request: Request) -> str:
    events = views.timeline(_data(request))
    by_year: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for ev in events:
        by_year[ev["date"][:4]].append(ev)
    parts = [bars([(y, len(v)) for y, v in sorted(by_year.items())])]
    for year, evs in sorted(by_year.items()):
        rows = "".join(f'<li><span class="date">{e(ev["date"])}</span> <strong>{e(ev["event"])}</strong> '
                       f'{case_link(ev["case_id"], ev["case"])} <span class="muted">{e(ev["sponsor"] or "")}'
                       f'{" · " + e(ev["country"]) if ev["country"] else ""}</span></li>' for ev in evs)
        parts.append(f'<h2>{e(year)}</h2><ol class="timeline">{rows}</ol>')
    return layout("Timeline of cases", "".join(parts) if events else '<p class="empty">no dated events</p>')


@router.get("/matrix")
def matrix(request: Request, columns: str = "all") -> str:
    m = views.matrix(_data(request), columns)
    cells = {(c["actor"], c["target"]): c for c in m["cells"]}
    switch = " · ".join(f'<a href="{href("/matrix", columns=c)}">{c}</a>' for c in ("all", "place", "sector"))
    head = "<th>actor \\ target</th>" + "".join(f'<th class="col">{entity_link(c)}</th>' for c in m["columns"])
    rows = []
    for actor in m["rows"]:
        tds = []
        for col in m["columns"]:
            cell = cells.get((actor, col))
            tds.append(f'<td class="hit" title="{e(", ".join(cell["predicates"]))}">{cell["documents"]}</td>'
                       if cell else "<td></td>")
        rows.append(f"<tr><th>{entity_link(actor)}</th>{''.join(tds)}</tr>")
    body = (f"<p>Columns: {switch}. A cell counts the documents that report the actor targeting, focusing on, "
            "hacking or stealing from the target (hover for the relations; case targets count too).</p>"
            f'<div class="scroll"><table class="matrix"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}'
            "</tbody></table></div>")
    return layout("Who targets whom", body if m["rows"] else '<p class="empty">no targeting claims yet</p>')


@router.get("/methods")
def methods(request: Request) -> str:
    rows = [[f'<a href="/methods/{e(m["id"])}">{e(m["name"])}</a>', e(m["kind"]), e(m["definition"]), str(m["uses"])]
            for m in views.methods(_data(request))]
    return layout("Tradecraft methods", table(["method", "kind", "definition", "documented uses"], rows))


@router.get("/methods/{method_id}")
def method(request: Request, method_id: str) -> str:
    m = views.method_view(_data(request), method_id)
    actors = listing([f"{entity_link(a)} ({n})" for a, n in m["actors"]], "no actor documented")
    cases = listing([case_link(c["case_id"], c["name"]) + f" ({e(c['status'])})" for c in m["cases"]], "none")
    uses = listing([f"{entity_link(u['subject'])}{' against ' + e(u['value']) if u['value'] else ''}: "
                    f"<blockquote>{e(u['evidence'])}</blockquote>{doc_link(u['doc_id'], (u['publisher'] or '') + ' ' + (u['published'] or ''))}"
                    for u in m["uses"]], "no documented use")
    body = (f"<p>{e(m['definition'])}</p><p class=\"muted\">kind: {e(m['kind'])}</p>"
            f"<h2>Examples</h2>{listing([e(x) for x in m['examples']])}<h2>Actors that use it</h2>{actors}"
            f"<h2>Cases where it is documented</h2>{cases}<h2>Over time</h2>{bars(m['per_year'])}"
            f"<h2>Documented uses</h2>{uses}")
    return layout(m["name"], body)


def _upload_form(request: Request, message: str = "") -> str:
    state = request.app.state
    token = ('<label>token <input name="token" type="password" autocomplete="off"></label><br>'
             if state.token or not state.loopback else "")
    return layout("Upload", message + '<form action="/upload" method="post" enctype="multipart/form-data">'
                  '<p><input type="file" name="files" multiple accept=".txt,.html,.htm,.jsonl"></p>'
                  f'{token}<label><input type="checkbox" name="extract" value="1" checked> extract claims now</label> '
                  '<button>Ingest</button></form><p class="muted">.txt, .html and .jsonl files; each is cleaned and '
                  "stored once, rejected files are listed with the reason.</p>")


@router.get("/upload")
def upload_page(request: Request) -> str:
    return _upload_form(request)


@router.post("/upload")
async def upload(request: Request, files: list[UploadFile], token: str | None = Form(None),
                 extract: str | None = Form(None)) -> str:
    from starlette.concurrency import run_in_threadpool

    from spyglass.serve.security import check_write
    from spyglass.serve.writes import ingest_uploads

    state = request.app.state
    check_write(request, state.token, state.loopback, given=token)
    contents = [(f.filename or "upload.txt", await f.read(state.max_bytes + 1)) for f in files if f.filename]
    result = await run_in_threadpool(ingest_uploads, state.data, contents, state.max_bytes, bool(extract))
    rejected = listing([f"{e(r['source'])}: {e(r['reason'])} ({e(r['detail'])})" for r in result["rejections"]],
                       "none rejected")
    done = result.get("extracted", {})
    message = (f'<p class="ok">ingested {result["ingested"]}, already present {result["already_present"]}, '
               f'extracted {done.get("documents", 0)} documents ({done.get("claims", 0)} claims).</p>{rejected}')
    return _upload_form(request, message)


@router.get("/favicon.ico")
def favicon() -> Response:
    return Response(status_code=204)


@router.get("/api")
def api_reference(request: Request) -> str:
    from spyglass.serve.app import openapi_html

    return layout("API reference", openapi_html(request.app))
