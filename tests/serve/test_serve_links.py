"""Every internal link of the site answers: a crawl of every page reachable from / over the devset store."""

from __future__ import annotations

import re
from collections import deque
from html import unescape
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

from fastapi.testclient import TestClient
from serve_stores import LOCAL

_HREF = re.compile(r'(?:href|src)="([^"]*)"')


def crawl(client: TestClient, start: str = "/", most: int = 3000) -> tuple[dict[str, int], dict[str, str]]:
    """Status of every internal URL reachable from `start`, and the page that first linked each."""
    seen: dict[str, int] = {}
    linked_from: dict[str, str] = {start: "(start)"}
    queue = deque([start])
    while queue and len(seen) < most:
        url = queue.popleft()
        response = client.get(url, headers={"accept": "text/html"})
        seen[url] = response.status_code
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        for raw in _HREF.findall(response.text):
            target, _ = urldefrag(urljoin(url, unescape(raw)))
            parts = urlsplit(target)
            if (parts.scheme and parts.netloc != urlsplit(LOCAL).netloc) or not target:
                continue  # a source's own web address is not ours to check
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            if local not in linked_from:
                linked_from[local] = url
                queue.append(local)
    return seen, linked_from


def test_no_internal_link_is_broken(devset_db: Path) -> None:
    from spyglass.serve import create_app

    client = TestClient(create_app(devset_db), base_url=LOCAL, raise_server_exceptions=False)
    seen, linked_from = crawl(client)
    broken = {url: (status, linked_from[url]) for url, status in seen.items() if status >= 400}
    assert len(seen) > 150, len(seen)  # the crawl reached cases, entities, documents, methods
    assert {"/cases", "/timeline", "/matrix", "/check-approach"} <= set(seen)
    assert broken == {}, f"{len(broken)} broken of {len(seen)}: {list(broken.items())[:20]}"
    print(f"crawled {len(seen)} pages, {len(broken)} broken")
