"""The pages over the devset store: search takes any text, cases read in words, sorting goes both ways,
internal names stay hidden, and no server path reaches a page."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from serve_stores import LOCAL


@pytest.fixture(scope="module")
def client(devset_db: Path) -> TestClient:
    from spyglass.serve import create_app

    return TestClient(create_app(devset_db), base_url=LOCAL, raise_server_exceptions=False)


@pytest.mark.parametrize("query, finds", [
    ("i-Soon", None), ("Jens-Uwe", "Jens-Uwe"), ("U.S.", None), ("Co., Ltd.", "Fuzhou Tianhong"),
    ("FSB?", None), ("Gao's", "Gao Zhenyu"), ('"unclosed', None), ("高振宇", None), ("?!", None),
])
def test_search_takes_any_text(client: TestClient, query: str, finds: str | None) -> None:
    page = client.get("/search", params={"q": query}, headers={"accept": "text/html"})
    api = client.get("/api/search", params={"q": query})
    assert (page.status_code, api.status_code) == (200, 200), (page.text[:300], api.text[:300])
    assert 'action="/search"' in page.text and f'value="{html.escape(query)}"' in page.text
    if finds:
        assert finds in page.text


def test_error_pages_keep_the_search_box(client: TestClient) -> None:
    page = client.get("/cases/000000000000", headers={"accept": "text/html"})
    assert page.status_code == 404 and '<form action="/search"' in page.text


def names_in_order(html: str) -> list[str]:
    return re.findall(r'<tr><td><a href="/cases/[0-9a-f]+">([^<]+)</a>', html)


def test_case_table_sorts_both_ways(client: TestClient) -> None:
    up = names_in_order(client.get("/cases", params={"sort": "name", "desc": "0"}).text)
    down = names_in_order(client.get("/cases", params={"sort": "name", "desc": "1"}).text)
    assert len(up) >= 8 and up == sorted(up, key=str.casefold) and down == up[::-1]
    # the sorted column's heading links to the other direction
    assert 'sort=name&amp;desc=1' in client.get("/cases", params={"sort": "name", "desc": "0"}).text
    assert 'sort=documents&amp;desc=0' in client.get("/cases").text


def case_page(client: TestClient, name: str) -> str:
    case = next(c for c in client.get("/api/cases").json()["items"] if c["name"].startswith(name))
    return client.get(f"/cases/{case['case_id']}").text


def test_a_case_reads_in_words_with_sources_and_markers(client: TestClient) -> None:
    acquitted = case_page(client, "Jens-Uwe")
    assert "was acquitted" in acquitted and 'class="alleged"' in acquitted
    assert "Germany" in re.search(r'<p class="lead">(.*?)</p>', acquitted).group(1)  # type: ignore[union-attr]
    convicted = case_page(client, "Gao Zhenyu")
    lead = re.search(r'<p class="lead">(.*?)</p>', convicted).group(1)  # type: ignore[union-attr]
    assert "was convicted of" in lead and "United States" in lead and "alleged" not in lead
    assert "Harrowgate Aerostructures" in convicted  # a target read from the case's own sentences
    assert "<svg" in convicted and 'href="#event-' in convicted  # the drawn timeline links to the events
    assert re.search(r"and \d cop(y|ies)", convicted)  # a syndicated sentence once, its copies counted
    # the courts the reports name decide where a case is prosecuted, not a prisoner exchange's border
    released = case_page(client, "Evgeny")
    assert "prosecuted by</dt><dd>Poland" in released


def test_internal_names_and_paths_stay_hidden(client: TestClient, devset_db: Path) -> None:
    pages = [client.get(p).text for p in ("/cases", "/timeline", "/matrix", "/")]
    cases = client.get("/api/cases").json()["items"]
    pages += [client.get(f"/cases/{c['case_id']}").text for c in cases]
    pages += [client.get(f"/documents/{c['sources'][0]['document']}").text for c in cases]
    shared = str(devset_db.parent)
    for page in pages:
        text = re.sub(r"<[^>]+>", " ", page)
        for internal in ("sentence_months", "person_group", "officer_of", "pleaded_guilty", "/work/", shared):
            assert internal not in text, internal
        assert not re.search(r"\b[0-9a-f]{12,}\b", text), re.search(r"\b[0-9a-f]{12,}\b", text)


def test_judgement_form_records_and_approach_page_answers(client: TestClient) -> None:
    case = client.get("/api/cases").json()["items"][0]
    page = client.get(f"/cases/{case['case_id']}").text
    assert f'action="/cases/{case["case_id"]}/judgements"' in page
    done = client.post(f"/cases/{case['case_id']}/judgements", data={"kind": "split", "value": "Nobody Else",
                                                                     "by": "analyst"})
    assert done.status_code == 200 and "Recorded" in done.text
    check = client.post("/check-approach", data={"text": "Hello, I am a recruiter at a consulting firm. We pay "
                                                          "well for short reports on your work; all expenses paid."})
    assert check.status_code == 200 and "Result" in check.text and "/work/" not in check.text
    longer = client.post("/check-approach", data={"text": (
        "Dear Dr Marsh, I lead a small advisory firm whose overseas client follows your field closely. Before your "
        "paper comes out, could you send me the test results your lab has not yet published? Please use my personal "
        "email rather than your work account and keep this between us for now. We pay 3,000 dollars for a short "
        "note, and more notes could follow if the client is pleased with the first one.")})
    assert "resemblance" in longer.text and "the words that weighed most" in longer.text
