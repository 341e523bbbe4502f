"""The case table (filters, sort both ways, CSV) and the case page: the case in words, a drawn timeline,
evidence grouped by syndication group, methods counted once, and a form for an analyst's judgement."""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from typing import Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, Response

from spyglass.serve import views
from spyglass.serve.charts import Mark, chart, legend
from spyglass.serve.data import Data
from spyglass.serve.labels import event_words, field_words, months, predicate_words, value_words
from spyglass.serve.links import Links
from spyglass.serve.summary import CONVICTED, summarise
from spyglass.serve.templates import case_link, doc_link, e, href, layout, listing, pager, select, table

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)
COLUMNS = (("name", "case"), ("kind", "kind"), ("status", "status"), ("sponsor", "sponsor"),
           ("prosecuting_country", "prosecuted by"), ("sentence_months", "sentence"), ("first_date", "first event"),
           ("last_date", "last event"), ("documents", "documents"))


def _data(request: Request) -> Data:
    return request.app.state.data  # type: ignore[no-any-return]


def convicted(row: dict[str, Any]) -> bool:
    return row["status"] != "acquitted" and any(k in row["dates"] or row["status"] == k for k in CONVICTED)


def alleged(row: dict[str, Any]) -> str:
    return "" if convicted(row) else ' <span class="alleged" title="no conviction: an accusation">alleged</span>'


def _case_query(request: Request) -> dict[str, Any]:
    q = request.query_params
    desc = q.get("desc")
    return {k: q.get(k) or None for k in ("sponsor", "status", "country", "year")} | {
        "sort": q.get("sort") or "documents", "desc": desc if desc in ("0", "1") else None}


def _rows(request: Request) -> tuple[dict[str, Any], list[dict[str, Any]], bool]:
    params = _case_query(request)
    descending = views.default_descending(params["sort"]) if params["desc"] is None else params["desc"] == "1"
    rows = views.case_table(_data(request), params["sponsor"], params["status"], params["country"], params["year"],
                            params["sort"], descending)
    return params, rows, descending


@router.get("/cases")
def cases(request: Request, limit: int = Query(200, ge=1, le=1000), offset: int = Query(0, ge=0)) -> str:
    params, rows, descending = _rows(request)
    filters = views.case_filters(_data(request))
    links = Links(_data(request))
    form = ('<form action="/cases" method="get" class="filters">'
            + "".join(select(k, filters[k], params[k]) for k in ("sponsor", "status", "country", "year"))
            + '<label>sort <select name="sort">' + "".join(
                f'<option value="{c}"{" selected" if c == params["sort"] else ""}>{e(label)}</option>'
                for c, label in COLUMNS) + "</select></label>"
            + '<label>order <select name="desc">' + "".join(
                f'<option value="{v}"{" selected" if (v == "1") == descending else ""}>{label}</option>'
                for v, label in (("0", "ascending"), ("1", "descending"))) + "</select></label>"
            + " <button>Show</button></form>")
    export = f'<p><a href="{href("/cases.csv", **params)}">Export this view as CSV</a> · {len(rows)} cases</p>'

    def heading(column: str, label: str) -> str:
        if params["sort"] == column:
            arrow = " ▼" if descending else " ▲"
            flip = "0" if descending else "1"
            return (f'<a href="{href("/cases", **(params | {"sort": column, "desc": flip}))}" aria-sort='
                    f'"{"descending" if descending else "ascending"}">{e(label)}{arrow}</a>')
        return f'<a href="{href("/cases", **(params | {"sort": column, "desc": None}))}">{e(label)}</a>'

    body = [[case_link(r["case_id"], r["name"]) + (' <span class="flag" title="sources disagree">!</span>'
                                                   if r["conflicts"] else ""),
             e(r["kind"]), e(event_words(r["status"])),
             (links.entity((r["sponsor"] or {}).get("name")) + alleged(r)) if r["sponsor"] else "",
             e(r["prosecuting_country"]), e(months(r["sentence_months"]) if r["sentence_months"] else r["sentence"]),
             e(r["first_date"]), e(r["last_date"]), str(len(r["sources"]))] for r in rows[offset : offset + limit]]
    headers = [heading(c, label) for c, label in COLUMNS]
    return layout("Cases", form + export + '<div class="scroll">' + table(headers, body, "cases") + "</div>"
                  + pager("/cases", params, len(rows), limit, offset))


@router.get("/cases.csv")
def cases_csv(request: Request) -> Response:
    _, rows, _ = _rows(request)
    out = io.StringIO()
    out.write("\ufeff")  # a byte-order mark: spreadsheet programs read the file as UTF-8 (Chinese aliases)
    writer = csv.writer(out)
    writer.writerow(["case_id", "name", "kind", "status", "sponsor", "parent_agency", "prosecuting_country",
                     "sentence_months", "first_date", "last_date", "aliases", "targets", "documents", "conflicts"])
    for r in rows:
        writer.writerow([_cell(v) for v in (
            r["case_id"], r["name"], r["kind"], r["status"], (r["sponsor"] or {}).get("name"), r["parent_agency"],
            r["prosecuting_country"], r["sentence_months"], r["first_date"], r["last_date"], "; ".join(r["aliases"]),
            "; ".join(r["targets"]), len(r["sources"]), "; ".join(c["field"] for c in r["conflicts"]))])
    return Response(out.getvalue().encode("utf-8"), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": 'attachment; filename="spyglass-cases.csv"'})


def _cell(value: Any) -> Any:
    # a cell starting with = + - @ is a formula to a spreadsheet: scraped names must stay text
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def sources_line(documents: list[str], data: Data, group_of: dict[str, str]) -> str:
    """Documents as links, one a syndication group ("and 2 copies"), saying "one source" when it is one."""
    if not documents:
        return ""
    groups: dict[str, list[str]] = defaultdict(list)
    for d in documents:
        groups[group_of.get(d, d)].append(d)
    docs = data.snapshot().documents
    parts = []
    for members in groups.values():
        first = members[0]
        label = " ".join(x for x in (docs.get(first, {}).get("publisher"), docs.get(first, {}).get("published")) if x)
        copies = f" and {len(members) - 1} cop{'y' if len(members) == 2 else 'ies'}" if len(members) > 1 else ""
        parts.append(doc_link(first, label or "a report") + copies)
    count = "one source" if len(groups) == 1 else f"{len(groups)} independent sources"
    return f'<span class="sources">{count}: {", ".join(parts)}</span>'


def summary_box(summary: dict[str, Any], data: Data, group_of: dict[str, str], links: Links) -> str:
    rows = []
    for fact in summary["facts"]:
        values = "; ".join(links.entity(v) if fact["label"] == "targeting" and links.known(v) else e(v)
                           for v in fact["values"])
        marker = f' <span class="alleged">{e(fact["marker"])}</span>' if fact["marker"] else ""
        note = f'<br><span class="muted">{e(fact["note"])}</span>' if fact["note"] else ""
        rows.append(f"<dt>{e(fact['label'])}</dt><dd>{values}{marker} "
                    f"{sources_line(fact['documents'], data, group_of)}{note}</dd>")
    n = summary["independent_sources"]
    scope = ("one source" + (f" ({summary['documents']} copies)" if summary["documents"] > 1 else "")
             if n == 1 else f"{n} independent sources ({summary['documents']} documents)")
    return (f'<section class="summary"><p class="lead">{e(summary["sentence"])}</p>'
            f'<dl>{"".join(rows)}</dl><p class="muted">Reported by {scope}.'
            + ("" if summary["convicted"] else " No conviction: everything here is an accusation.") + "</p></section>")


def event_list(file: dict[str, Any], group_of: dict[str, str]) -> str:
    """The legal events, each with its evidence: one quote a syndication group, its copies counted."""
    items = []
    for i, ev in enumerate(file["timeline"]):
        groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
        seen = set()
        for s in ev["sources"]:
            if (s["document"], s["evidence"]) in seen:
                continue
            seen.add((s["document"], s["evidence"]))
            groups[group_of.get(s["document"], s["document"])].append(s)
        quotes = []
        for members in groups.values():
            first = members[0]
            others = list(dict.fromkeys(m["document"] for m in members[1:] if m["document"] != first["document"]))
            copies = (f' <span class="muted">and {len(others)} cop{"y" if len(others) == 1 else "ies"}: '
                      + ", ".join(doc_link(d, f"copy {k + 1}") for k, d in enumerate(others)) + "</span>"
                      if others else "")
            hedge = (f' <span class="hedge">{e(first["hedge"])}</span>'
                     if first["hedge"] and first["hedge"] != "none" else "")
            label = " ".join(x for x in (first["publisher"], first["published"]) if x) or "a report"
            quotes.append(f"<blockquote>{e(first['evidence'])}</blockquote>{doc_link(first['document'], label)}"
                          f"{hedge}{copies}")
        precision = f' <span class="muted">(to the {e(ev["precision"])})</span>' if ev["precision"] else ""
        items.append(f'<li id="event-{i}"><span class="date">{e(ev["date"] or "date not reported")}</span> '
                     f'<strong>{e(event_words(ev["event"]))}</strong>{precision}'
                     f'{listing(quotes, "no source kept")}</li>')
    return f'<ol class="timeline">{"".join(items)}</ol>'


def case_chart(file: dict[str, Any], case_path: str = "") -> str:
    lanes: dict[str, list[Mark]] = defaultdict(list)
    for i, ev in enumerate(file["timeline"]):
        if ev["date"]:
            n = len({s["document"] for s in ev["sources"]})
            lanes[ev["event"]].append(Mark(ev["date"], ev["event"], f"{event_words(ev['event'])} {ev['date']} "
                                           f"({n} document{'s' if n != 1 else ''})", f"{case_path}#event-{i}", ev["date"]))
    rows = [(event_words(k), None, marks) for k, marks in lanes.items()]
    return chart(rows, width=760, label=f"legal timeline of {file['name']}") + legend(list(lanes))


@router.get("/cases/{case_id}")
def case_page(request: Request, case_id: str) -> str:
    data = _data(request)
    row = data.case_row(case_id)
    file = data.case_file(row["case_id"])
    snap = data.snapshot()
    group_of = data.groups()
    links = Links(data)
    summary = snap.lazy(f"summary:{row['case_id']}", lambda: summarise(file, row, snap, group_of))
    facts = table(["", ""], [[e(k), v] for k, v in (
        ("kind", e(file["kind"])), ("status", e(event_words(file["status"])) + alleged(row)),
        ("role", e(file["role"])),
        ("sponsor", (links.entity(file["sponsor"]) + alleged(row)) if file["sponsor"] else ""),
        ("parent agency", links.entity(file["parent_agency"])),
        ("sentence", e(months(file["sentence_months"]) if file["sentence_months"] else row["sentence"])),
        ("other names", e(", ".join(file["aliases"])) or '<span class="muted">none</span>')) if v], "facts")
    conflicts = []
    for c in row["conflicts"]:
        values = listing([f"<strong>{e(value_words(c['field'], v['value']))}</strong>: "
                          f"{sources_line([s['document'] for s in v['sources']], data, group_of)}" for v in c["values"]])
        conflicts.append(f"<strong>{e(field_words(c['field']))}</strong>: chose "
                         f"<em>{e(value_words(c['field'], c['chosen']))}</em> ({e(c['why'])}){values}")
    no_conflict = ("only one source: nothing to compare it with" if summary["independent_sources"] == 1
                   else "the sources agree")
    body = (summary_box(summary, data, group_of, links) + facts
            + f"<h2>Timeline</h2>{case_chart(file)}{event_list(file, group_of)}"
            + f"<h2>Where the sources disagree</h2>{listing(conflicts, no_conflict)}"
            + f"<h2>Methods</h2>{methods_once(file, links)}"
            + f"<h2>Related entities</h2>{related(data, row, links)}"
            + f"<h2>People named who face no action</h2>" + listing(
                [f"{e(p['name'])}: <em>named as {e(p['named_as'])}</em> "
                 + " ".join(doc_link(d, f"report {k + 1}") for k, d in enumerate(dict.fromkeys(p["documents"][:3])))
                 for p in file["people_named"]], "no one else named in a role")
            + f"<h2>Documents</h2>{documents_table(file)}"
            + judgement_form(request, row))
    return layout(file["name"], body)


def methods_once(file: dict[str, Any], links: Links) -> str:
    """Each method once, with how many reports document it, who used it, and one quote."""
    from spyglass.model.methods import load_vocabulary

    vocabulary = load_vocabulary().methods
    by_method: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in file["methods"]:
        by_method[m["method"]].append(m)
    items = []
    for method, uses in sorted(by_method.items(), key=lambda kv: -len(kv[1])):
        known = vocabulary.get(method)
        name = f'<a href="/methods/{e(method)}">{e(known.name)}</a>' if known else e(method.replace("_", " "))
        actors = Counter(u["actor"] for u in uses if u["actor"] and u["actor"] != "unattributed")
        docs = len({u["document"] for u in uses})
        by = ", ".join(f"{links.entity(a)}" for a, _ in actors.most_common(4)) or "an unnamed actor"
        items.append(f"{name}: {docs} report{'s' if docs != 1 else ''}, by {by}"
                     f"<blockquote>{e(uses[0]['evidence'])}</blockquote>{doc_link(uses[0]['document'], 'source')}")
    return listing(items, "no method documented for this case")


def related(data: Data, row: dict[str, Any], links: Links) -> str:
    names = {row["name"], *row["aliases"]}
    snap = data.snapshot()
    found: dict[str, set[str]] = defaultdict(set)
    for name in names:
        entity = snap.find(name)
        for i in entity.claims if entity else []:
            c = snap.claims[i]
            mine = c["subject"] in names
            other = c["object"] if mine else c["subject"]
            if other and other not in names and (c["object_type"] if mine else c["subject_type"]) \
                    and c["predicate"] != "alias_of":
                found[other].add(predicate_words(c["predicate"]) if mine else f"{predicate_words(c['predicate'])} (of)")
    return listing([f"{links.entity(o)} <span class=\"muted\">{e(', '.join(sorted(p)))}</span>"
                    for o, p in sorted(found.items())], "none found")


def documents_table(file: dict[str, Any]) -> str:
    numbers: dict[str, int] = {}
    rows = []
    for d in file["documents"]:
        group = numbers.setdefault(d["syndication_group"] or d["id"], len(numbers) + 1)
        rows.append([doc_link(d["id"], d["title"] or "untitled report"), e(d["publisher"]), e(d["published"]),
                     f"report {group}"])
    return ('<div class="scroll">' + table(["document", "publisher", "published", "independent report"], rows)
            + "</div>")


def judgement_form(request: Request, row: dict[str, Any], message: str = "") -> str:
    state = request.app.state
    token = ('<label>token <input name="token" type="password" autocomplete="off"></label> '
             if state.token or not state.loopback else "")
    kinds = (("merge", "the same as another case (give its name)"), ("split", "not the same as (give a name)"),
             ("choose", "to have (sponsor=X, sentence=MONTHS, status=X or name=X)"))
    options = "".join(f'<option value="{k}">{e(label)}</option>' for k, label in kinds)
    return (f'<h2 id="judge">Your judgement</h2>{message}<form class="judge" method="post" '
            f'action="/cases/{e(row["case_id"])}/judgements"><label>this case is <select name="kind">{options}'
            '</select></label> <label>value <input name="value" required></label> '
            '<label>your name <input name="by" required autocomplete="name"></label> '
            '<label>note <input name="note"></label> ' + token + "<button>Record</button></form>"
            '<p class="muted">Judgements are kept with who and when, never overwritten; cases are assembled '
            "again with them.</p>")


@router.post("/cases/{case_id}/judgements")
def judge_case(request: Request, case_id: str, kind: str = Form(...), value: str = Form(""), by: str = Form(""),
               note: str = Form(""), token: str | None = Form(None)) -> str:
    from spyglass.serve.security import check_write
    from spyglass.serve.writes import judge

    state = request.app.state
    check_write(request, state.token, state.loopback, given=token)
    row = _data(request).case_row(case_id)
    if kind == "choose" and value.startswith("sentence="):
        value = "sentence_months=" + value.removeprefix("sentence=")
    j = judge(_data(request), {"kind": kind, "target": row["name"], "value": value or None, "by": by,
                               "note": note or None})
    done = (f'<p class="ok">Recorded: {e(j["made_by"])} judged “{e(row["name"])}” {e(j["kind"])} '
            f'{e(j["value"] or "")} at {e(j["made_at"])}.</p>')
    return layout("Judgement recorded", done + '<p><a href="/cases">Back to the case table</a> '
                  "(the cases are assembled again with the judgement).</p>")
