"""The pages: server-rendered HTML over the same views as the API; every value escaped (templates.e)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from fastapi import APIRouter, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from spyglass.errors import NotFound
from spyglass.serve import views
from spyglass.serve.labels import event_words, predicate_words
from spyglass.serve.links import Links, case_names
from spyglass.serve.search import search_all
from spyglass.serve.data import Data
from spyglass.serve.templates import (bars, case_link, doc_link, e, entity_link, external, href, layout, listing,
                                      pager, select, table)

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)


def _data(request: Request) -> Data:
    return request.app.state.data  # type: ignore[no-any-return]


def search_form(q: str = "") -> str:
    return (f'<form action="/search" method="get" class="search"><input name="q" type="search" value="{e(q)}" '
            'aria-label="query"> <button>Search</button></form>')


@router.get("/search")
def search(request: Request, q: str = "") -> str:
    form = search_form(q)
    if not q.strip():
        return layout("Search", form + '<p class="muted">Any words or names; "quoted phrases", AND, OR, NOT and '
                      "prefix* work too.</p>")
    data = _data(request)
    found = search_all(data, q)
    links = Links(data)
    note = f'<p class="muted">{e(found["note"])}</p>' if found["note"] else ""
    docs = listing([f"{doc_link(h['doc_id'], h['title'] or 'untitled report')}<br><span class=\"snippet\">"
                    f"{_snippet(h['snippet'])}</span>" for h in found["documents"]], "no documents match")
    ents = listing([f"{links.entity(x['name'])} <span class=\"muted\">{e(x['type'])}, {x['documents']} documents</span>"
                    for x in found["entities"]], "no entities match")
    cases = listing([f"{case_link(c['case_id'], c['name'])} <span class=\"muted\">{e(event_words(c['status']))}; "
                     f"sponsor {e(c['sponsor'] or '-')}; matched “{e(c['matched'])}”</span>"
                     for c in found["cases"]], "no cases match")
    kb = listing([f"{links.entity(k['name'])} <span class=\"muted\">{e(k['type'])}, "
                  f"matched “{e(k['matched'])}”</span>" for k in found["kb"]], "no knowledge-base entries match")
    return layout(f"Search: {q}", form + note + f"<h2>Cases</h2>{cases}<h2>Entities</h2>{ents}"
                  f"<h2>Documents</h2>{docs}<h2>Knowledge base</h2>{kb}")


def _hedge(hedge: str | None) -> str:
    return f' <span class="hedge">{e(hedge)}</span>' if hedge and hedge != "none" else ""


def _snippet(snippet: str) -> str:
    """The search engine marks hits with [ ]: escape the text first, then turn the marks into <mark>."""
    return e(snippet).replace("[", "<mark>").replace("]", "</mark>")


@router.get("/entity")
def entity_page(request: Request, name: str, limit: int = Query(100, ge=1, le=1000),
                offset: int = Query(0, ge=0)) -> str:
    data = _data(request)
    try:
        view = views.entity_view(data, name, limit, offset)
    except NotFound:
        return name_page(data, name)
    links = Links(data)
    kb_parts = []
    for entry in (view["kb"] or {}).get("entries", []):
        parents = " › ".join(e(p["name"]) for p in reversed(entry["parents"]))
        rels = listing([f"{e(r['subject_name'])} <em>{e(predicate_words(r['predicate']))}</em> {e(r['object_name'])}"
                        f"{' (' + e(r['date']) + ')' if r['date'] else ''}" for r in entry["relationships"][:30]],
                       "no relationships")
        kb_parts.append(f"<h3>{e(entry['label'])}</h3><p>{e(entry['type'])}; {e(entry['country'])}"
                        f"{'; part of ' + parents if parents else ''}</p><p>{e(entry['description'])}</p>"
                        f"<p class=\"muted\">other names: {e(', '.join(entry['aliases']))}</p>{rels}")
    kb = "".join(kb_parts) or '<p class="empty">no knowledge-base entry</p>'
    rel = table(["relation", "entity", "documents"],
                [[e(("← " if r["direction"] == "in" else "") + predicate_words(r["predicate"])), links.entity(r["other"]),
                  str(r["documents"])] for r in view["relations"]])
    page = view["claims"]
    claims = table(["claim", "source sentence", "document"],
                   [[f"{links.entity(c['subject'])} <em>{e(predicate_words(c['predicate']))}</em> "
                     f"{links.entity(c['object']) if c['object'] else e(c['value'])}"
                     f"{_hedge(c['hedge'])}",
                     f"<blockquote>{e(c['evidence'])}</blockquote>", doc_link(c["doc_id"], doc_label(data, c["doc_id"]))]
                    for c in page["items"]])
    cases = listing([case_link(c["case_id"], c["name"]) + f" ({e(event_words(c['status']))})" for c in view["cases"]],
                    "none")
    graph = (f'<p><a href="{href("/graph", entity=view["name"])}">Show its neighbourhood as a graph</a>'
             + (f' · <a href="{href("/graph", agency=view["name"])}">its structure</a>'
                if view["type"] in ("state_agency", "agency_unit") else "") + "</p>")
    body = (f"<p>{e(view['type'])}; {view['documents']} documents, {view['claims']['total']} claims</p>{graph}"
            f"<h2>Aliases</h2>{listing([e(a) for a in view['aliases']], 'no other names')}"
            f"<h2>Knowledge base</h2>{kb}<h2>Cases</h2>{cases}<h2>Relations</h2>{rel}"
            f"<h2>Claims</h2>{claims}{pager('/entity', {'name': view['name']}, page['total'], limit, offset)}")
    return layout(view["name"], body)


def name_page(data: Data, name: str) -> str:
    """A name with no claims or mentions of its own: its knowledge-base entry and the cases that name it."""
    kb = views.kb_view(data, name)
    cases = data.cases_naming({name}) or [r for r in data.case_rows() if name.casefold() in
                                          {n.casefold() for n in case_names(r)}]
    if kb is None and not cases:
        raise NotFound(f"no entity is called {name!r}; search for it at /search")
    entries = "".join(f"<h3>{e(x['label'])}</h3><p>{e(x['type'])}; {e(x['country'])}</p><p>{e(x['description'])}</p>"
                      f"<p class=\"muted\">other names: {e(', '.join(x['aliases']))}</p>"
                      for x in (kb or {}).get("entries", []))
    body = ("<p class=\"muted\">The reporting in this store makes no claim about this name itself.</p>"
            f"<h2>Knowledge base</h2>{entries or '<p class=empty>no knowledge-base entry</p>'}"
            "<h2>Cases</h2>" + listing([case_link(r["case_id"], r["name"]) for r in cases], "none"))
    return layout(name, body)


def doc_label(data: Data, doc_id: str) -> str:
    d = data.snapshot().documents.get(doc_id, {})
    return " ".join(x for x in (d.get("publisher"), d.get("published")) if x) or d.get("title") or "a report"


@router.get("/documents")
def documents(request: Request, limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0)) -> str:
    docs = list(_data(request).snapshot().documents.values())
    rows = [[doc_link(d["doc_id"], d["title"] or "untitled report"), e(d["publisher"]), e(d["published"]),
             e(d["language"]), e(d["format"])] for d in docs[offset : offset + limit]]
    return layout("Documents", '<div class="scroll">' + table(["title", "publisher", "published", "language", "format"],
                                                               rows) + "</div>"
                  + pager("/documents", {}, len(docs), limit, offset))


@router.get("/documents/{doc_id}")
def document_page(request: Request, doc_id: str) -> str:
    from spyglass.serve.api import document_view

    view = document_view(_data(request), doc_id)
    meta = table(["field", "value"], [[e(k), e(v)] for k, v in view["metadata"].items() if v not in (None, "", [], {})]
                 + [["url", external(view["url"])]])
    spans = [(m["start"], m["end"], f"m m-{m['type']}", f"{m['type']}: {m['name'] or m['text']}")
             for m in view["mentions"]]
    spans += [(c["start"], c["end"], "claim", f"{c['subject']} {c['predicate']} {c['object'] or c['value'] or ''}")
              for c in view["claims"]]
    text = "".join(f'<section class="seg seg-{e(s["kind"])}"><span class="kind">{e(s["kind"])}</span>'
                   f"{highlight(view['text'], s['start'], s['end'], spans)}</section>" for s in view["segments"])
    segs = table(["kind", "start", "end"], [[e(s["kind"]), str(s["start"]), str(s["end"])] for s in view["segments"]])
    group = listing([doc_link(m["doc_id"], m["title"] or "untitled report") + f" <span class=\"muted\">"
                     f"{e(m['publisher'])} {e(m['published'])}</span>" for m in view["syndication_group"]["members"]])
    cases = listing([case_link(c["case_id"], c["name"]) for c in view["cases"]], "none")
    legend = ('<p class="legend"><span class="claim">claim sentence</span> <span class="m m-person">person</span> '
              '<span class="m m-state_agency">agency</span> <span class="m m-agency_unit">unit</span> '
              '<span class="m m-country">place</span> <span class="m m-company">company</span></p>')
    body = (f"<div class=\"scroll\">{meta}</div><h2>Cases</h2>{cases}<h2>Text</h2>{legend}<div class=\"doctext\">{text}</div>"
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
    links = Links(data)
    by_role: dict[str, list[str]] = defaultdict(list)
    for n in nodes:
        by_role[n.get("role") or f"depth {n.get('depth')}"].append(links.entity(n["id"]))
    listed = "".join(f"<h3>{e(role)}</h3>{listing(items)}" for role, items in by_role.items())
    edge_rows = table(["from", "relation", "to"],
                      [[links.entity(x["source"]), e(predicate_words(x["predicate"])), links.entity(x["target"])]
                       for x in edges])
    canvas = (f'<div id="graph" class="graph" data-src="{src}" data-center="{e(g.get("agency") or g.get("center"))}">'
              '<p class="muted">drag nodes; click a name to open it</p></div>')
    return layout(title, form + canvas + f"<h2>Members</h2>{listed}<h2>Edges</h2>{edge_rows}", scripts=["graph.js"])


@router.get("/methods")
def methods(request: Request) -> str:
    rows = [[f'<a href="/methods/{e(m["id"])}">{e(m["name"])}</a>', e(m["kind"]), e(m["definition"]), str(m["uses"])]
            for m in views.methods(_data(request))]
    return layout("Tradecraft methods", table(["method", "kind", "definition", "documented uses"], rows))


@router.get("/methods/{method_id}")
def method(request: Request, method_id: str) -> str:
    m = views.method_view(_data(request), method_id)
    links = Links(_data(request))
    actors = listing([f"{links.entity(a)} ({n})" for a, n in m["actors"]], "no actor documented")
    cases = listing([case_link(c["case_id"], c["name"]) + f" ({e(event_words(c['status']))})" for c in m["cases"]],
                    "none")
    uses = listing([f"{links.entity(u['subject'])}{' against ' + e(u['value']) if u['value'] else ''}: "
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
    from spyglass.serve.reference import openapi_html

    return layout("API reference", openapi_html(request.app))
