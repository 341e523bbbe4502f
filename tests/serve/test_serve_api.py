"""The JSON API over a store built from examples/corpus: shapes, paging, filters, the one error shape."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from serve_stores import LOCAL, build_store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    from spyglass.serve import create_app

    db = build_store(tmp_path_factory.mktemp("serve") / "examples.db", [str(ROOT / "examples" / "corpus")])
    return TestClient(create_app(db), raise_server_exceptions=False, base_url=LOCAL)


def test_documents_are_paged(client: TestClient) -> None:
    first = client.get("/api/documents", params={"limit": 2}).json()
    rest = client.get("/api/documents", params={"limit": 2, "offset": 2}).json()
    assert first["total"] == rest["total"] >= 4
    assert (first["limit"], first["offset"], len(first["items"]), rest["offset"]) == (2, 0, 2, 2)
    assert not {d["doc_id"] for d in first["items"]} & {d["doc_id"] for d in rest["items"]}


def test_document_has_text_segments_claims_and_group(client: TestClient) -> None:
    doc_id = client.get("/api/documents").json()["items"][0]["doc_id"]
    doc = client.get(f"/api/documents/{doc_id[:10]}").json()
    assert doc["doc_id"] == doc_id
    assert doc["segments"] and all(s["kind"] in ("body", "pull_quote", "boilerplate", "duplicate") for s in doc["segments"])
    assert doc_id in {m["doc_id"] for m in doc["syndication_group"]["members"]}
    for claim in doc["claims"]:
        assert claim["evidence"] == doc["text"][claim["start"]:claim["end"]]


def test_cases_have_sources_and_filter(client: TestClient) -> None:
    cases = client.get("/api/cases").json()
    assert cases["total"] >= 1
    case = cases["items"][0]
    assert case["sources"] and case["status"]
    assert client.get("/api/cases", params={"status": case["status"]}).json()["total"] >= 1
    assert client.get("/api/cases", params={"status": "no-such-status"}).json()["total"] == 0
    file = client.get(f"/api/cases/{case['case_id']}").json()
    assert file["name"] == case["name"] and isinstance(file["timeline"], list)


def test_entities_claims_graph_and_search(client: TestClient) -> None:
    entities = client.get("/api/entities", params={"limit": 5}).json()["items"]
    name = next(e["name"] for e in entities if e["claims"])
    entity = client.get(f"/api/entities/{name}").json()
    assert entity["name"] == name and entity["claims"]["items"]
    assert all(c["evidence"] for c in entity["claims"]["items"])
    graph = client.get(f"/api/entities/{name}/graph").json()
    assert graph["center"] == name and graph["nodes"][0]["depth"] == 0
    claims = client.get("/api/claims", params={"entity": name}).json()
    assert claims["total"] == entity["claims"]["total"]
    found = client.get("/api/search", params={"q": "intelligence"}).json()
    assert found["documents"] and "[" in found["documents"][0]["snippet"]


def test_kb_and_methods(client: TestClient) -> None:
    assert client.get("/api/kb/MSS").json()["entries"][0]["kb_id"] == "cn-mss"
    methods = client.get("/api/methods").json()
    assert {"id", "name", "definition", "uses"} <= set(methods[0])
    one = client.get(f"/api/methods/{methods[0]['id']}").json()
    assert one["definition"] == methods[0]["definition"]


@pytest.mark.parametrize("path, status, code", [
    ("/api/documents/ffffffffffff", 404, "not_found"),
    ("/api/entities/No Such Entity Anywhere", 404, "not_found"),
    ("/api/cases/000000000000", 404, "not_found"),
    ("/api/methods/no_such_method", 404, "not_found"),
    ("/api/search?q=", 422, "invalid_request"),
    ("/api/documents?limit=0", 422, "invalid_request"),
    ("/api/cases?sort=colour", 400, "bad_input"),
    ("/api/no/such/path", 404, "not_found"),
])
def test_one_error_shape(client: TestClient, path: str, status: int, code: str) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code and response.json()["error"]["message"]


def test_a_crash_shows_no_trace(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from spyglass.serve import views

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internals /etc/passwd")

    monkeypatch.setattr(views, "matrix", boom)
    api = client.get("/api/matrix")
    page = client.get("/matrix", headers={"accept": "text/html"})
    assert api.status_code == 500 and api.json() == {"error": {"code": "internal_error", "message": api.json()["error"]["message"]}}
    assert page.status_code == 500 and "<html" in page.text
    for text in (api.text, page.text):
        assert "secret internals" not in text and "Traceback" not in text


def test_security_headers_and_openapi(client: TestClient) -> None:
    response = client.get("/cases")
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "<script>" not in response.text  # scripts come from /static files only
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/documents", "/api/cases", "/api/entities/{name}", "/api/search", "/api/ingest"} <= set(paths)


def test_case_csv_follows_the_view(client: TestClient) -> None:
    raw = client.get("/cases.csv").content
    assert raw.startswith(b"\xef\xbb\xbf")  # a UTF-8 byte-order mark: spreadsheets read Chinese aliases right
    all_rows = raw.decode("utf-8-sig").strip().splitlines()
    status = client.get("/api/cases").json()["items"][0]["status"]
    some = client.get("/cases.csv", params={"status": status}).content.decode("utf-8-sig").strip().splitlines()
    assert all_rows[0].startswith("case_id,name,kind,status")
    assert 1 < len(some) <= len(all_rows)
