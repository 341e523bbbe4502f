"""The gate before every handler: Host header (DNS rebinding), the request size cap, early write refusal."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

JUDGEMENT = {"kind": "split", "target": "A Person", "value": "B Person", "by": "tester"}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    from spyglass.store import Store

    Store(tmp_path / "g.db").close()
    return tmp_path / "g.db"


def client(db: Path, host: str, **options: Any) -> TestClient:
    from spyglass.serve import create_app

    return TestClient(create_app(db, **options), base_url=f"http://{host}", raise_server_exceptions=False)


@pytest.mark.parametrize("host, status", [
    ("127.0.0.1:8000", 200), ("localhost:8000", 200), ("[::1]:8000", 200), ("localhost", 200),
    ("rebind.attacker.example:8000", 421), ("127.0.0.1.attacker.example", 421), ("testserver", 421),
])
def test_a_loopback_server_answers_only_loopback_names(db: Path, host: str, status: int) -> None:
    app = client(db, host)
    reads = [app.get("/api/cases"), app.get("/cases", headers={"accept": "text/html"}), app.get("/")]
    writes = [app.post("/api/judgements", json=JUDGEMENT),
              app.post("/api/ingest", files={"files": ("a.txt", b"x" * 100, "text/plain")})]
    for response in reads + writes[:1]:
        assert response.status_code == status, (host, response.request.url, response.text[:200])
    if status == 421:
        assert writes[1].status_code == 421
        assert reads[0].json()["error"]["code"] == "wrong_host"
        assert "content-security-policy" in reads[0].headers


@pytest.mark.parametrize("host, status", [("spy.example:443", 200), ("127.0.0.1", 200), ("evil.example", 421)])
def test_beyond_loopback_the_allowed_hosts_answer(db: Path, host: str, status: int) -> None:
    from spyglass.serve.cli import allowed_hosts

    names = allowed_hosts("0.0.0.0", ["spy.example"], loopback=False)
    assert "0.0.0.0" not in names and "spy.example" in names
    assert client(db, host, loopback=False, allowed_hosts=names).get("/api/cases").status_code == status


def run_asgi(app: Any, path: str, headers: dict[str, str], chunks: list[bytes]) -> tuple[int, int]:
    """POST `chunks` to the app as a server would; return the status and how many body bytes it read."""
    read = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal read
        if not chunks:
            return {"type": "http.disconnect"}
        chunk = chunks.pop(0)
        read += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": bool(chunks)}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    path, _, query = path.partition("?")
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": query.encode(), "root_path": "",
             "server": ("127.0.0.1", 8000), "client": ("127.0.0.1", 5000),
             "headers": [(k.encode(), v.encode()) for k, v in {"host": "127.0.0.1:8000", **headers}.items()]}
    asyncio.run(app(scope, receive, send))
    return next(m["status"] for m in sent if m["type"] == "http.response.start"), read


def multipart(size: int, chunk: int = 65536) -> tuple[dict[str, str], list[bytes]]:
    head = (b"--XyZ\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.txt\"\r\n"
            b"Content-Type: text/plain\r\n\r\n")
    body = head + b"a" * size + b"\r\n--XyZ--\r\n"
    return {"content-type": "multipart/form-data; boundary=XyZ"}, [body[i:i + chunk] for i in range(0, len(body), chunk)]


def test_an_oversized_upload_is_refused_before_its_body_is_read_whole(db: Path) -> None:
    from spyglass.serve import create_app

    cap = 1_000_000
    app = create_app(db, max_request_bytes=cap)
    headers, chunks = multipart(60_000_000)
    total = sum(len(c) for c in chunks)
    # streamed without a length: reading stops at the cap
    status, read = run_asgi(app, "/api/ingest", headers, list(chunks))
    assert status == 413 and read <= cap + 65536 < total
    # with a declared length over the cap: not one byte is read
    status, read = run_asgi(app, "/upload", {**headers, "content-length": str(total), "accept": "text/html"},
                            list(chunks))
    assert (status, read) == (413, 0)


def test_an_unauthenticated_upload_is_refused_unread(db: Path) -> None:
    from spyglass.serve import create_app

    headers, chunks = multipart(3_000_000)
    for app in (create_app(db, token="s3cret", loopback=False, allowed_hosts=["127.0.0.1"]),
                create_app(db, token=None, loopback=False, allowed_hosts=["127.0.0.1"])):
        assert run_asgi(app, "/api/ingest", headers, list(chunks)) == (403, 0)
    cross_site = create_app(db)
    assert run_asgi(cross_site, "/api/ingest", {**headers, "origin": "https://evil.example"}, list(chunks)) == (403, 0)
    # an upload within the cap, on loopback, is read and stored
    small_headers, small = multipart(2_000)
    assert run_asgi(create_app(db), "/api/ingest?extract=false", small_headers, small)[0] == 200
