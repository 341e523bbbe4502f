"""The JSON API under /api: documents, entities, claims, cases, conflicts, search, graphs, KB, methods, writes.

Lists are paged with `limit` and `offset` and answer {"items", "total", "limit", "offset"}; every error
answers {"error": {"code", "message"}} (see app.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, File, Query, Request, UploadFile

from spyglass.serve import views
from spyglass.serve.bodies import JudgementBody, MessageBody, ScreenBody
from spyglass.serve.search import search_all
from spyglass.serve.data import Data
from spyglass.serve.security import check_write

router = APIRouter(prefix="/api")
Limit = Query(50, ge=1, le=1000, description="most items returned")
Offset = Query(0, ge=0, description="items skipped")


def _data(request: Request) -> Data:
    return request.app.state.data  # type: ignore[no-any-return]


@router.get("/documents", summary="Stored documents, newest first")
def documents(request: Request, limit: int = Limit, offset: int = Offset) -> dict[str, Any]:
    return views.page_of(list(_data(request).snapshot().documents.values()), limit, offset)


@router.get("/documents/{doc_id}", summary="One document: clean text, segments, metadata, claims, mentions")
def document(request: Request, doc_id: str) -> dict[str, Any]:
    return document_view(_data(request), doc_id)


def document_view(data: Data, ref: str) -> dict[str, Any]:
    from spyglass.store import extracted

    store = data.store()
    doc = store.get_document(ref)
    mentions = [dict(r) for r in store.conn.execute(
        'SELECT start, "end", text, type, name, kb_id FROM mentions WHERE doc_id = ? ORDER BY start', (doc.doc_id,))]
    group_of = data.groups()
    group = group_of.get(doc.doc_id, doc.doc_id)
    snap = data.snapshot()
    return {
        "doc_id": doc.doc_id, "title": doc.title, "url": doc.url, "format": doc.format,
        # the file's name only: the server's folders (and upload temp folders) are nobody's business
        "source": Path(doc.source_path).name if doc.source_path else None,
        "metadata": doc.metadata(), "text": doc.text,
        "segments": [{"kind": s.kind, "start": s.start, "end": s.end} for s in doc.segments],
        "mentions": mentions, "claims": extracted.claims(store, doc_id=doc.doc_id),
        "syndication_group": {"id": group, "members": [
            {"doc_id": d, "title": snap.documents.get(d, {}).get("title"),
             "publisher": snap.documents.get(d, {}).get("publisher"),
             "published": snap.documents.get(d, {}).get("published")}
            for d, g in group_of.items() if g == group]},
        "cases": [{"case_id": r["case_id"], "name": r["name"]} for r in data.cases_of_document(doc.doc_id)],
    }


@router.get("/entities", summary="Entities named by the claims and mentions, most documented first")
def entities(request: Request, q: str | None = None, type: str | None = None,
             limit: int = Limit, offset: int = Offset) -> dict[str, Any]:
    snap = _data(request).snapshot()
    found = [e for e in snap.entities.values()
             if (not type or e.type == type) and (not q or q.casefold() in e.name.casefold())]
    found.sort(key=lambda e: (-len(e.documents), e.name))
    return views.page_of([e.summary() for e in found], limit, offset)


@router.get("/entities/{name}", summary="An entity: aliases, KB entries, relations, claims with their sentences")
def entity(request: Request, name: str, limit: int = Limit, offset: int = Offset) -> dict[str, Any]:
    return views.entity_view(_data(request), name, limit, offset)


@router.get("/entities/{name}/graph", summary="An entity's neighbourhood: nodes and claim edges")
def entity_graph(request: Request, name: str, depth: int = Query(1, ge=1, le=2)) -> dict[str, Any]:
    return views.neighbourhood(_data(request), name, depth)


@router.get("/claims", summary="Claims with their evidence sentences")
def claims(request: Request, doc_id: str | None = None, entity: str | None = None, predicate: str | None = None,
           limit: int = Limit, offset: int = Offset) -> dict[str, Any]:
    snap = _data(request).snapshot()
    rows = [snap.claims[i] for i in snap.entity(entity).claims] if entity else snap.claims
    rows = [c for c in rows if (not doc_id or c["doc_id"].startswith(doc_id))
            and (not predicate or c["predicate"] == predicate)]
    return views.page_of(rows, limit, offset)


@router.get("/cases", summary="Case files, filtered and sorted as the case table")
def cases(request: Request, sponsor: str | None = None, status: str | None = None, country: str | None = None,
          year: str | None = None, sort: str = "documents", desc: bool | None = None,
          limit: int = Limit, offset: int = Offset) -> dict[str, Any]:
    rows = views.case_table(_data(request), sponsor, status, country, year, sort, desc)
    return views.page_of(rows, limit, offset)


@router.get("/cases/{case_id}", summary="One case file: timeline with sources, conflicts, documents")
def case(request: Request, case_id: str) -> dict[str, Any]:
    return _data(request).case_file(case_id)


@router.get("/conflicts", summary="Every field where sources disagree, with every value and its sources")
def conflicts(request: Request, limit: int = Limit, offset: int = Offset) -> dict[str, Any]:
    rows = [{"case_id": r["case_id"], "case": r["name"], **c} for r in _data(request).case_rows() for c in r["conflicts"]]
    return views.page_of(rows, limit, offset)


@router.get("/search", summary="Full text over documents; names over entities, cases and the knowledge base")
def search(request: Request, q: str = Query(..., min_length=1), limit: int = Query(20, ge=1, le=200)) -> dict[str, Any]:
    return search_all(_data(request), q, limit)


@router.get("/graph/agency", summary="An agency's structure: bureaus, officers, agents, fronts, targets")
def agency_graph(request: Request, name: str) -> dict[str, Any]:
    return views.agency_graph(_data(request), name)


@router.get("/matrix", summary="Who targets whom: actors against places or sectors")
def matrix(request: Request, columns: str = "all") -> dict[str, Any]:
    return views.matrix(_data(request), columns)


@router.get("/timeline", summary="Every dated legal event of every case")
def timeline(request: Request, limit: int = Query(500, ge=1, le=1000), offset: int = Offset) -> dict[str, Any]:
    return views.page_of(views.timeline(_data(request)), limit, offset)


@router.get("/kb/search", summary="Knowledge-base entries whose name or alias matches")
def kb_search(request: Request, q: str, limit: int = Query(20, ge=1, le=200)) -> list[dict[str, Any]]:
    from spyglass.kb.store import search as kb_search_

    return kb_search_(_data(request).store(), q, limit)


@router.get("/kb/{name}", summary="A knowledge-base entry in full (each candidate when the name is ambiguous)")
def kb_entry(request: Request, name: str) -> dict[str, Any]:
    from spyglass.kb.link import describe

    return describe(_data(request).store(), name)


@router.get("/methods", summary="The tradecraft methods with their documented uses")
def methods(request: Request) -> list[dict[str, Any]]:
    return views.methods(_data(request))


@router.get("/methods/{method_id}", summary="A method: definition, actors, cases, uses over time")
def method(request: Request, method_id: str) -> dict[str, Any]:
    return views.method_view(_data(request), method_id)


@router.post("/ingest", summary="Ingest uploaded files (needs the token beyond loopback)")
async def ingest(request: Request, files: list[UploadFile] = File(...), extract: bool = True) -> dict[str, Any]:
    from starlette.concurrency import run_in_threadpool

    state = request.app.state
    check_write(request, state.token, state.loopback)
    contents = [(f.filename or "upload.txt", await f.read(state.max_bytes + 1)) for f in files]
    from spyglass.serve.writes import ingest_uploads

    return await run_in_threadpool(ingest_uploads, state.data, contents, state.max_bytes, extract)


@router.post("/judgements", summary="Record an analyst judgement: merge, split, wrong_claim, choose")
def judgements(request: Request, body: JudgementBody) -> dict[str, Any]:
    from spyglass.serve.writes import judge

    check_write(request, request.app.state.token, request.app.state.loopback)
    return judge(_data(request), body.model_dump())


@router.post("/screen", summary="Screen names (a person's or organisation's name, country, birth year, context) "
             "against the graph: candidates with scores, explanations and evidence; bare name matches are weak")
def screen(request: Request, body: ScreenBody) -> dict[str, Any]:
    from spyglass.screen.match import row_from_dict, screen_rows

    rows = [row_from_dict(row.model_dump(exclude_none=True)) for row in body.rows]
    results = screen_rows(_data(request).store(), rows)
    return {"items": [r.as_dict() for r in results], "total": len(results)}


@router.post("/check-approach", summary="Which documented tradecraft methods a received message resembles, "
             "the features that triggered each, and where the method was documented; never a verdict")
def check_approach(request: Request, body: MessageBody) -> dict[str, Any]:
    from spyglass.check.approach import check_message
    from spyglass.check.evidence import store_lookup

    lookup, note = store_lookup(_data(request).store())
    return check_message(body.text, lookup, note).to_dict()
