"""The pages that look across the store: home (the store at a glance), the drawn timeline of every case,
the who-targets-whom matrix with the cases behind each cell, and the approach check."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse

from spyglass.serve import views
from spyglass.serve.charts import Mark, chart, legend
from spyglass.serve.data import Data
from spyglass.serve.labels import event_words
from spyglass.serve.links import Links
from spyglass.serve.templates import bars, case_link, doc_link, e, href, layout, listing, table

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)


def _data(request: Request) -> Data:
    return request.app.state.data  # type: ignore[no-any-return]


@router.get("/")
def home(request: Request) -> str:
    data = _data(request)
    snap = data.snapshot()
    rows = data.case_rows()
    statuses: dict[str, int] = defaultdict(int)
    for r in rows:
        statuses[event_words(r["status"])] += 1
    counts = (f'<p class="counts"><a href="/documents"><strong>{len(snap.documents)}</strong> documents</a> · '
              f'<a href="/cases"><strong>{len(rows)}</strong> cases</a> · <strong>{len(snap.claims)}</strong> claims · '
              f"<strong>{len(snap.entities)}</strong> entities · "
              f'<a href="/cases?sort=name&amp;desc=0"><strong>{sum(1 for r in rows if r["conflicts"])}</strong> cases '
              "where sources disagree</a></p>")
    newest = sorted((r for r in rows if r["last_date"]), key=lambda r: r["last_date"], reverse=True)[:8]
    cases = table(["case", "latest event", "status", "sponsor"],
                  [[case_link(r["case_id"], r["name"]), e(r["last_date"]), e(event_words(r["status"])),
                    e((r["sponsor"] or {}).get("name"))] for r in newest])
    store = data.store()
    added = store.conn.execute(
        "SELECT d.doc_id, d.title, d.publisher, max(s.seen_at) AS seen FROM documents d JOIN sources s USING (doc_id) "
        "GROUP BY d.doc_id ORDER BY seen DESC LIMIT 8").fetchall()
    judged = store.conn.execute(
        "SELECT made_at, made_by, kind, target, value FROM judgements ORDER BY judgement_id DESC LIMIT 5").fetchall()
    changes = listing([f"{e(r['seen'][:16].replace('T', ' '))} added {doc_link(r['doc_id'], r['title'] or 'a report')}"
                       f" <span class=\"muted\">{e(r['publisher'])}</span>" for r in added]
                      + [f"{e(j['made_at'][:16].replace('T', ' '))} {e(j['made_by'])} judged “{e(j['target'])}” "
                         f"{e(j['kind'])} {e(j['value'] or '')}" for j in judged], "nothing stored yet")
    by_status = bars(sorted(statuses.items(), key=lambda kv: -kv[1]))
    search = ('<form action="/search" method="get" class="search"><input name="q" type="search" '
              'aria-label="search" placeholder="a name, a service, any words"> <button>Search</button></form>')
    return layout("spyglass", search + counts + '<div class="columns"><section><h2>Newest cases</h2>'
                  f'{cases}<p><a href="/cases?sort=last_date">all cases by latest event</a></p></section>'
                  f"<section><h2>Latest changes</h2>{changes}<h2>Cases by status</h2>{by_status}</section></div>"
                  '<p class="muted">Also: <a href="/timeline">timeline</a>, <a href="/matrix">who targets whom</a>, '
                  '<a href="/graph">agency graph</a>, <a href="/methods">methods</a>, '
                  '<a href="/check-approach">check a message you received</a>, <a href="/upload">upload</a>, '
                  '<a href="/api">API</a>.</p>')


@router.get("/timeline")
def timeline(request: Request) -> str:
    data = _data(request)
    by_case: dict[str, list[Mark]] = defaultdict(list)
    names: dict[str, str] = {}
    for r in data.case_rows():
        names[r["case_id"]] = r["name"]
        file = data.case_file(r["case_id"])
        for i, ev in enumerate(file["timeline"]):
            if ev["date"]:
                by_case[r["case_id"]].append(Mark(ev["date"], ev["event"], f"{r['name']}: {event_words(ev['event'])} "
                                                  f"{ev['date']}", f"/cases/{r['case_id']}#event-{i}"))
    if not by_case:
        return layout("Timeline of cases", '<p class="empty">no dated events</p>')
    order = sorted(by_case, key=lambda c: min(m.date for m in by_case[c]))
    lanes = [(names[c], f"/cases/{c}", by_case[c]) for c in order]
    kinds = sorted({m.kind for marks in by_case.values() for m in marks})
    events = views.timeline(data)
    years: dict[str, int] = defaultdict(int)
    for ev in events:
        years[ev["date"][:4]] += 1
    listed = "".join(f'<li><span class="date">{e(ev["date"])}</span> <strong>{e(event_words(ev["event"]))}</strong> '
                     f'{case_link(ev["case_id"], ev["case"])}</li>' for ev in events)
    return layout("Timeline of cases", chart(lanes, label="legal events of every case") + legend(kinds)
                  + '<p class="muted">A dot is a day; a bar is a month or a year when a report gives no more. '
                  "Each mark links to the event's sources on its case page.</p>"
                  + f"<h2>Events a year</h2>{bars(sorted(years.items()))}"
                  + f'<h2>Every dated event</h2><ol class="timeline">{listed}</ol>')


@router.get("/matrix")
def matrix(request: Request, columns: str = "all") -> str:
    data = _data(request)
    m = views.matrix(data, columns)
    links = Links(data)
    cells = {(c["actor"], c["target"]): c for c in m["cells"]}
    switch = " · ".join(f'<a href="{href("/matrix", columns=c)}">{c}</a>' for c in ("all", "place", "sector"))
    head = "<th>actor \\ target</th>" + "".join(f'<th class="col">{links.entity(c)}</th>' for c in m["columns"])
    rows = []
    for actor in m["rows"]:
        tds = []
        for col in m["columns"]:
            cell = cells.get((actor, col))
            if cell:
                label = f"{cell['documents']} document{'s' if cell['documents'] != 1 else ''}, {len(cell['cases'])} cases"
                tds.append(f'<td class="hit"><a href="{href("/matrix/cell", actor=actor, target=col)}" '
                           f'title="{e(label)}">{cell["documents"]}</a></td>')
            else:
                tds.append("<td></td>")
        rows.append(f"<tr><th>{links.entity(actor)}</th>{''.join(tds)}</tr>")
    body = (f"<p>Columns: {switch}. A cell counts the documents that report the actor targeting, focusing on, "
            "hacking or stealing from the target, or a case of the actor's against it; open a cell for the cases "
            "and reports behind it.</p>"
            f'<div class="scroll"><table class="matrix"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}'
            "</tbody></table></div>")
    return layout("Who targets whom", body if m["rows"] else '<p class="empty">no targeting claims yet</p>')


@router.get("/matrix/cell")
def matrix_cell(request: Request, actor: str, target: str) -> str:
    from spyglass.errors import NotFound

    data = _data(request)
    cell = next((c for c in views.matrix(data)["cells"] if c["actor"] == actor and c["target"] == target), None)
    if cell is None:
        raise NotFound(f"no report has {actor!r} targeting {target!r}; /matrix shows who targets whom")
    snap = data.snapshot()
    links = Links(data)
    claims = [c for c in snap.claims if c["subject"] == actor and c["object"] == target
              and c["predicate"] in views.TARGET_PREDICATES]
    quotes = listing([f"<blockquote>{e(c['evidence'])}</blockquote>{doc_link(c['doc_id'], _label(snap, c['doc_id']))}"
                      for c in claims], "no sentence of its own: the cell comes from the cases below")
    cases = listing([case_link(c["case_id"], c["name"]) for c in cell["cases"]], "no case")
    docs = listing([doc_link(d, _label(snap, d)) for d in cell["document_ids"]])
    return layout(f"{actor} → {target}", f"<p>{links.entity(actor)} → {links.entity(target)}: "
                  f"{e(', '.join(cell['predicates']))}</p><h2>Cases</h2>{cases}<h2>What the reports say</h2>{quotes}"
                  f"<h2>Documents</h2>{docs}")


def _label(snap: Any, doc_id: str) -> str:
    d = snap.documents.get(doc_id, {})
    return " ".join(x for x in (d.get("publisher"), d.get("published")) if x) or d.get("title") or "a report"


def _approach_form(text: str = "") -> str:
    return ('<form method="post" action="/check-approach" class="approach"><p><label for="message">Paste a message '
            "you received (a recruiter's note, an invitation, a request for a paid report):</label></p>"
            f'<textarea id="message" name="text" rows="10" required maxlength="100000">{e(text)}</textarea>'
            '<p><button>Check</button></p></form><p class="muted">It reports which documented methods the message '
            "resembles and where the store documents them, never a verdict about the sender. Nothing is stored.</p>")


@router.get("/check-approach")
def approach_page() -> str:
    return layout("Check an approach", _approach_form())


@router.post("/check-approach")
def approach_check(request: Request, text: str = Form(...)) -> str:
    from spyglass.check.approach import check_message
    from spyglass.check.evidence import store_lookup
    from spyglass.errors import InputError

    if not text.strip() or len(text) > 100_000:
        raise InputError("paste the message you received (up to 100,000 characters)")
    lookup, note = store_lookup(_data(request).store())
    result = check_message(text, lookup, note).to_dict()
    return layout("Check an approach", _approach_form(text) + approach_result(result))


def approach_result(result: dict[str, Any]) -> str:
    links = []
    parts = []
    for match in result["resembles"]:
        features = listing([f"“{e(f['quote'])}” <span class=\"muted\">{e(f['label'])}</span>"
                            for f in match["features"]])
        evidence = listing([f"{e(x['actor'])}: <blockquote>{e(x['quote'])}</blockquote>"
                            + doc_link(x["document"]["id"], " ".join(v for v in (x["document"]["publisher"],
                                                                                 x["document"]["published"]) if v)
                                       or "source")
                            + "".join(" · " + case_link(c["case_id"], c["name"]) for c in x.get("cases", []))
                            for x in match["evidence"]], "the store documents no use of it yet")
        links.append(match["method"])
        words = ", ".join(f"{w} ({v:+.2f})" for w, v in (match.get("words") or {}).items())
        weighed = (f'<p class="muted">resemblance {match["score"]:g} (listed from {match["threshold"]:g})'
                   + (f"; the words that weighed most: {e(words)}" if words else "") + "</p>")
        parts.append(f'<h3><a href="/methods/{e(match["method"])}">{e(match["name"])}</a></h3>'
                     f"<p>{e(match['definition'])}</p>{weighed}<h4>What in the message</h4>{features}"
                     f"<h4>Where it is documented</h4>{evidence}")
    # the store's note names its file on the server: say only how many claims were consulted
    consulted = "" if result["evidence_consulted"] else " No documented uses are in the store yet."
    return (f'<h2>Result</h2><p class="muted">{e(result["disclaimer"])}{consulted}</p>'
            + ("".join(parts) or '<p class="empty">it resembles no documented method</p>'))
