"""The API never answers 500: hand-written bad bodies get 400/422 in the error shape, and schemathesis
explores every route of the OpenAPI spec (property-based, bounded so the suite stays short)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from conftest import EXAMPLES

from api_bodies import BODIES
from fuzz_api import fuzz

EXAMPLES_PER_ROUTE = 20


def example_store(db: Path) -> Path:
    from spyglass.ingest.run import ingest
    from spyglass.run.local import extract_pending
    from spyglass.store import Store

    with Store(db) as store:
        ingest([str(EXAMPLES)], store, 5_000_000)
        extract_pending(store)
    return db


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from spyglass.serve import create_app

    return create_app(example_store(tmp_path_factory.mktemp("api") / "api.db"))


@pytest.fixture(scope="module")
def client(app) -> TestClient:  # type: ignore[no-untyped-def]
    return TestClient(app, raise_server_exceptions=False, base_url="http://127.0.0.1")


@pytest.mark.parametrize(("path", "body"), BODIES, ids=[f"{p}-{i}" for i, (p, _) in enumerate(BODIES)])
def test_a_bad_body_gets_400_or_422_in_the_error_shape(client: TestClient, path: str, body: object) -> None:
    answer = client.post(path, content=json.dumps(body), headers={"content-type": "application/json"})
    assert answer.status_code in (400, 422), (answer.status_code, answer.text)
    error = answer.json()["error"]
    assert set(error) == {"code", "message"} and error["message"]


def test_a_good_screen_row_in_another_spelling_is_screened(client: TestClient) -> None:
    answer = client.post("/api/screen", json={"rows": [{"full_name": "Pieter Dekker", "dob": "1970-02-03"}]})
    assert answer.status_code == 200, answer.text
    assert answer.json()["items"][0]["row"]["name"] == "Pieter Dekker"


def test_no_route_answers_500(app) -> None:  # type: ignore[no-untyped-def]
    statuses, failures = fuzz(app, EXAMPLES_PER_ROUTE)
    assert not failures, failures[:10]
    assert statuses[200] > 100 and statuses[421] == 0, statuses  # the requests reached the routes
