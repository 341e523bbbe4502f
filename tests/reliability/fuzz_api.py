"""Property-based requests to every route of the app's OpenAPI spec (schemathesis), counting
responses by status and keeping each 500 with the request that caused it."""

from __future__ import annotations

from collections import Counter
from typing import Any

import schemathesis
from schemathesis.generation.modes import GenerationMode
from hypothesis import HealthCheck, given, settings


BASE_URL = "http://127.0.0.1"


def fuzz(app: Any, examples_per_route: int) -> tuple[Counter[int], list[str]]:
    """(responses by status code, the requests answered with 5xx) over every operation of the spec."""
    # addressed to loopback, as the server's Host check wants
    schema = schemathesis.openapi.from_asgi("/openapi.json", app, headers={"Host": "127.0.0.1"})
    statuses: Counter[int] = Counter()
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        # requests the spec allows, then requests it forbids (wrong types, missing fields, bad JSON)
        strategy = operation.as_strategy(GenerationMode.POSITIVE) | operation.as_strategy(GenerationMode.NEGATIVE)

        @given(case=strategy)
        @settings(max_examples=examples_per_route, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        def one(case: Any) -> None:
            response = case.call(base_url=BASE_URL)
            statuses[response.status_code] += 1
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} query={case.query!r} body={case.body!r}: "
                                f"{response.status_code} {response.text[:200]}")

        one()
    return statuses, failures
