"""The FastAPI app: the API and the pages over one store, one error shape, security headers, static files."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Iterable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from spyglass import __version__
from spyglass.errors import InputError, ModelError, NotFound, QueryError, SpyglassError
from spyglass.serve.data import Data
from spyglass.serve.guard import LOOPBACK_NAMES, Gate
from spyglass.serve.security import Forbidden, SecurityHeaders
from spyglass.serve.templates import e, layout
from spyglass.settings import DEFAULT_MAX_BYTES

STATIC = Path(__file__).parent / "static"
log = logging.getLogger("spyglass.serve")

STATUS = ((NotFound, 404, "not_found"), (Forbidden, 403, "forbidden"), (QueryError, 400, "bad_query"),
          (InputError, 400, "bad_input"), (ModelError, 400, "bad_input"), (SpyglassError, 500, "store_error"))


def create_app(store_path: Path | str, token: str | None = None, loopback: bool = True,
               max_bytes: int = DEFAULT_MAX_BYTES, allowed_hosts: Iterable[str] | None = None,
               max_request_bytes: int | None = None) -> FastAPI:
    """The app over the store at `store_path`. Writes need `token` when one is given; without one they
    are allowed only when the server listens on loopback (`loopback=True`). Requests must be addressed
    to one of `allowed_hosts` (default: the loopback names) and carry at most `max_request_bytes`
    (default: four files of `max_bytes`, plus room for the form)."""
    from spyglass.serve import api, case_pages, overview_pages, pages

    app = FastAPI(title="spyglass", version=__version__, docs_url=None, redoc_url=None,
                  description="A sourced knowledge graph of state espionage, built from news reporting. "
                  "Errors answer {\"error\": {\"code\", \"message\"}}; lists are paged with limit and offset.")
    app.state.data = Data(store_path)
    app.state.token = token or None
    app.state.loopback = loopback
    app.state.max_bytes = max_bytes
    app.include_router(api.router)
    app.include_router(overview_pages.router)
    app.include_router(case_pages.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(Gate, allowed_hosts=tuple(allowed_hosts or LOOPBACK_NAMES),
                       max_request_bytes=max_request_bytes or request_cap(max_bytes), token=app.state.token,
                       loopback=loopback)
    app.add_middleware(SecurityHeaders)

    @app.exception_handler(SpyglassError)
    async def spyglass_error(request: Request, exc: SpyglassError) -> Response:
        status, code = next((s, c) for kind, s, c in STATUS if isinstance(exc, kind))
        return error(request, status, code, str(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        message = "no such page; the links at the top lead to every page" if exc.status_code == 404 else str(exc.detail)
        return error(request, exc.status_code, code, message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors())
        return error(request, 422, "invalid_request", problems)

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        # the trace goes to the server's log, never to the client
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error(request, 500, "internal_error", "something went wrong on the server; it is logged there")

    app.openapi = lambda: _openapi_with_error_shape(app)  # type: ignore[method-assign]
    return app


ERROR_SCHEMA = {"type": "object", "required": ["error"], "properties": {"error": {
    "type": "object", "required": ["code", "message"],
    "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}}}


def _openapi_with_error_shape(app: FastAPI) -> dict[str, Any]:
    """The spec FastAPI writes, with its validation-error schema replaced by the error shape the API
    really answers with, so a client (or schemathesis) reading the spec expects what it gets."""
    if app.openapi_schema:
        return app.openapi_schema
    from fastapi.openapi.utils import get_openapi

    spec = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    components = spec.setdefault("components", {}).setdefault("schemas", {})
    components.pop("HTTPValidationError", None)
    components.pop("ValidationError", None)
    components["Error"] = ERROR_SCHEMA
    for operations in spec.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.get("responses", {})
            if "422" not in responses:
                continue  # FastAPI lists 422 wherever a request can be invalid
            for status, what in (("422", "a request the spec does not allow"), ("400", "a value the API cannot use")):
                responses[status] = {"description": what,
                                     "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    app.openapi_schema = spec
    return spec


def request_cap(max_bytes: int) -> int:
    """The largest request body: four files of the largest size accepted, and a megabyte for the form."""
    return 4 * max_bytes + 1_000_000


def error(request: Request, status: int, code: str, message: str) -> Response:
    """The one error shape for the API, and an HTML page with the same words for the pages."""
    if request.url.path.startswith("/api") or "text/html" not in request.headers.get("accept", ""):
        return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)
    q = request.query_params.get("q", "")
    body = (f'<p class="error">{e(message)}</p><p class="muted">error code: {e(code)} ({status})</p>'
            f'<form action="/search" method="get" class="search"><input name="q" type="search" value="{e(q)}" '
            'aria-label="search"> <button>Search</button></form>')
    return HTMLResponse(layout("Something is wrong" if status >= 500 else "Cannot show that", body), status_code=status)
