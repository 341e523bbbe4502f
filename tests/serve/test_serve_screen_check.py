"""POST /api/screen and POST /api/check-approach over a store built from the example corpus."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from conftest import EXAMPLES

from spyglass.ingest.run import ingest
from spyglass.run.local import extract_pending
from spyglass.serve.app import create_app
from spyglass.store import Store


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    db = Path(tmp_path_factory.mktemp("api")) / "api.db"
    with Store(db) as store:
        ingest([str(EXAMPLES)], store, max_bytes=5_000_000)
        extract_pending(store)
    return TestClient(create_app(db), base_url="http://127.0.0.1")


def test_screen_finds_a_variant_spelling_and_labels_a_bare_name_weak(client: TestClient) -> None:
    answer = client.post("/api/screen", json={"rows": [
        {"name": "Pieter D.", "country": "Netherlands", "context": "shipyard frigate"},
        {"name": "Pieter Dekker"},
    ]})
    assert answer.status_code == 200, answer.text
    first, second = answer.json()["items"]
    assert first["candidates"] and first["candidates"][0]["name"] == "Pieter D."
    assert all(c["label"] != "strong" for c in second["candidates"])  # a bare or near name is never strong


def test_screen_rejects_a_malformed_body_with_the_error_shape(client: TestClient) -> None:
    answer = client.post("/api/screen", json={"names": ["x"]})
    assert answer.status_code == 422
    assert set(answer.json()) == {"error"} and "rows" in answer.json()["error"]["message"]


def test_check_approach_reports_resemblance_and_never_a_verdict(client: TestClient) -> None:
    message = ("Hello! I am a headhunter for a consulting firm serving clients in Asia. Your profile is impressive. "
               "We pay well for short reports on policy trends, 1,500 USD each. Can we continue on WhatsApp?")
    answer = client.post("/api/check-approach", json={"text": message})
    assert answer.status_code == 200, answer.text
    report = answer.json()
    assert report["resembles"] and "not a verdict" in report["disclaimer"].lower()
    assert client.post("/api/check-approach", json={}).status_code == 422
