"""Writes (upload, judgements) and hostile text, through the API without a browser."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from serve_stores import HOSTILE_NAME, LOCAL, add_hostile_claims, build_store, hostile_inputs

REPORT = ("Engineer held over drone designs\n\n"
          "Prosecutors in Munich said on Tuesday that a 41-year-old engineer was arrested on suspicion of passing "
          "drone designs to the Ministry of State Security. The man, a German citizen, worked for a supplier to "
          "the armed forces and met his handlers in Shanghai and Vienna, according to the federal prosecutor.\n\n"
          "He is accused of receiving several thousand euros for the documents over two years. His lawyer did not "
          "respond to a request for comment. China's embassy in Berlin rejected the accusation as a smear.\n").encode()
JUDGEMENT = {"kind": "split", "target": "A Person", "value": "B Person", "by": "tester", "note": "test"}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    from spyglass.store import Store

    Store(tmp_path / "w.db").close()
    return tmp_path / "w.db"


def client(db: Path, token: str | None, loopback: bool) -> TestClient:
    from spyglass.serve import create_app

    return TestClient(create_app(db, token=token, loopback=loopback), raise_server_exceptions=False,
                      base_url=LOCAL)


@pytest.mark.parametrize("token, loopback, sent, status", [
    (None, True, None, 200),          # loopback, no token set: open
    (None, False, None, 403),         # beyond loopback without a token: writes are off
    (None, False, "anything", 403),
    ("s3cret", False, None, 403),     # beyond loopback with a token: it is required
    ("s3cret", False, "wrong", 403),
    ("s3cret", False, "s3cret", 200),
    ("s3cret", True, None, 403),      # a token set is required on loopback too
])
def test_judgement_writes_need_the_token_beyond_loopback(db: Path, token: str | None, loopback: bool,
                                                         sent: str | None, status: int) -> None:
    headers = {"authorization": f"Bearer {sent}"} if sent else {}
    response = client(db, token, loopback).post("/api/judgements", json=JUDGEMENT, headers=headers)
    assert response.status_code == status
    if status == 403:
        assert response.json()["error"]["code"] == "forbidden"
    else:
        assert response.json()["made_by"] == "tester"


def test_upload_needs_the_token_beyond_loopback(db: Path) -> None:
    app = client(db, "s3cret", False)
    files = {"files": ("report.txt", REPORT, "text/plain")}
    refused = app.post("/api/ingest", files=files, params={"extract": "false"})
    assert refused.status_code == 403
    page = app.post("/upload", files=files, data={"token": "wrong"}, headers={"accept": "text/html"})
    assert page.status_code == 403 and "token" in page.text
    ok = app.post("/api/ingest", files=files, params={"extract": "false"}, headers={"authorization": "Bearer s3cret"})
    assert ok.status_code == 200 and ok.json()["ingested"] == 1
    form = app.post("/upload", files=files, data={"token": "s3cret"}, headers={"accept": "text/html"})
    assert form.status_code == 200 and "already present 1" in form.text


def test_cross_site_writes_are_refused(db: Path) -> None:
    response = client(db, None, True).post("/api/judgements", json=JUDGEMENT,
                                           headers={"origin": "https://evil.example"})
    assert response.status_code == 403


def test_upload_extracts_and_rejects_with_reasons(db: Path) -> None:
    app = client(db, None, True)
    response = app.post("/api/ingest", files=[("files", ("report.txt", REPORT, "text/plain")),
                                              ("files", ("empty.txt", b"", "text/plain"))])
    body = response.json()
    assert response.status_code == 200 and body["ingested"] == 1 and body["extracted"]["documents"] == 1
    assert [r["source"] for r in body["rejections"]] == ["empty.txt"]
    assert "spyglass-upload" not in response.text
    assert app.get("/api/documents").json()["total"] == 1


def test_hostile_text_is_escaped_everywhere(tmp_path: Path) -> None:
    from spyglass.serve import create_app

    db = build_store(tmp_path / "h.db", hostile_inputs(tmp_path / "in"))
    add_hostile_claims(db)
    app = TestClient(create_app(db), base_url=LOCAL)
    docs = app.get("/api/documents").json()["items"]
    pages = [f"/documents/{d['doc_id']}" for d in docs] + [
        "/documents", "/matrix", "/search?q=bureau", "/graph?entity=Germany", "/entity?name=Germany",
        "/entity?name=" + HOSTILE_NAME.replace("&", "%26")]
    for path in pages:
        html = app.get(path).text
        assert "<script>window" not in html and "<img src=x" not in html and "<svg onload" not in html, path
        assert 'href="javascript:' not in html, path
    doc = app.get(f"/documents/{docs[0]['doc_id']}").text + app.get(f"/documents/{docs[1]['doc_id']}").text
    assert "&lt;script&gt;window.__pwned" in doc  # shown as text, not dropped
    csv = app.get("/cases.csv").text
    assert "\n=" not in csv and ",=" not in csv
