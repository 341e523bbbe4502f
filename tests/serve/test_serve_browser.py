"""Every page in a real browser (Debian chromium via playwright) over the seed, the devset and a hostile store.

Saves a screenshot of each page under out/screenshots/, fails on any console error (a Content-Security-Policy
violation is one), and proves hostile text runs nothing: payloads set window.__pwned if they ever execute.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import quote

import httpx
import pytest
from conftest import shared_path
from serve_stores import HOSTILE_NAME, add_hostile_claims, build_store, hostile_inputs, live_server

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "out" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="browser tests need /usr/bin/chromium: "
                                "apt-get install -y chromium (never `playwright install`)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        opened = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield opened
        opened.close()


def visit(browser: Any, url: str, shot: str, wait_for: str | None = None) -> Any:
    """Open `url` in a fresh page, save a screenshot, and return the page with the console errors seen."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    dialogs: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status == 200, (url, response and response.status)
    if wait_for:
        page.wait_for_selector(wait_for, timeout=5000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{shot}.png"), full_page=True)
    page.errors, page.dialogs = errors, dialogs  # type: ignore[attr-defined]
    return page


def pages_of(base: str) -> dict[str, str]:
    """Every page of the site, with a case, entity, document and method the store actually holds."""
    api = httpx.Client(base_url=base, timeout=60)
    cases = api.get("/api/cases").json()["items"]
    case = cases[0]
    entity = (case["sponsor"] or {}).get("name") or case["name"]
    doc = case["sources"][0]["document"]
    method = max(api.get("/api/methods").json(), key=lambda m: m["uses"])["id"]
    year = (case["first_date"] or "")[:4]
    return {
        "home": "/", "search": "/search?q=" + quote(case["name"].split()[-1]),
        "cases": "/cases?sort=last_date", "cases-filtered": f"/cases?status={quote(case['status'])}&year={year}",
        "case": f"/cases/{case['case_id']}", "entity": "/entity?name=" + quote(entity),
        "document": f"/documents/{doc}", "documents": "/documents", "graph": "/graph",
        "graph-entity": "/graph?entity=" + quote(entity), "timeline": "/timeline", "matrix": "/matrix",
        "methods": "/methods", "method": f"/methods/{method}", "upload": "/upload", "api": "/api",
        "check-approach": "/check-approach",
    }


def check_site(browser: Any, db: Path, label: str) -> dict[str, str]:
    from spyglass.serve import create_app

    with live_server(create_app(db)) as base:
        paths = pages_of(base)
        for name, path in paths.items():
            page = visit(browser, base + path, f"{label}-{name}",
                         wait_for='#graph[data-ready="1"]' if name.startswith("graph") else None)
            assert page.errors == [], (name, page.errors)
            assert page.locator("h1").inner_text().strip(), name
            page.close()
    return paths


def test_every_page_over_the_seed(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    seed = shared_path("seed", "000_1093f815807a083d.txt")
    db = build_store(tmp_path_factory.mktemp("seed") / "seed.db", [str(seed)])
    check_site(browser, db, "seed")
    # the bureau-to-region map read from focuses_on claims is readable in the matrix
    from spyglass.serve import create_app

    with live_server(create_app(db)) as base:
        page = visit(browser, base + "/matrix?columns=place", "seed-matrix-places")
        text = page.locator("table.matrix").inner_text()
        for name in ("Zhejiang State Security Department", "Western Europe", "Tianjin State Security Bureau", "Japan"):
            assert name in text
        page.close()


def test_every_page_over_the_devset(browser: Any, devset_db: Path) -> None:
    check_site(browser, devset_db, "devset")


def test_phone_width_and_drawn_timeline(browser: Any, devset_db: Path) -> None:
    """At 390 px the case table, a case page and a document page never scroll sideways (wide tables
    scroll inside their own box), and the case page draws its timeline as SVG with links."""
    from spyglass.serve import create_app

    with live_server(create_app(devset_db)) as base:
        case = httpx.get(base + "/api/cases").json()["items"][0]
        doc = case["sources"][0]["document"]
        for name, path in (("cases", "/cases"), ("case", f"/cases/{case['case_id']}"),
                           ("document", f"/documents/{doc}"), ("timeline", "/timeline"), ("home", "/")):
            page = browser.new_page(viewport={"width": 390, "height": 844})
            assert page.goto(base + path, wait_until="load").status == 200
            page.screenshot(path=str(SHOTS / f"phone-{name}.png"), full_page=True)
            widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            assert widths[0] <= widths[1], (name, widths)
            if name in ("case", "timeline"):
                chart = page.locator("svg.chart")
                assert chart.count() == 1 and chart.locator("a").count() >= 1
                box = chart.bounding_box()
                assert box is not None and box["width"] <= 390
            page.close()
        page = visit(browser, base + f"/cases/{case['case_id']}", "case-wide")
        assert page.locator("svg.chart circle, svg.chart rect").count() >= 1
        page.close()


def test_hostile_document_runs_nothing(browser: Any, tmp_path: Path) -> None:
    from spyglass.serve import create_app

    db = build_store(tmp_path / "hostile.db", hostile_inputs(tmp_path / "in"))
    add_hostile_claims(db)
    with live_server(create_app(db)) as base:
        docs = httpx.get(base + "/api/documents").json()["items"]
        paths = [f"/documents/{d['doc_id']}" for d in docs] + [
            "/documents", "/matrix", "/search?q=bureau", "/entity?name=" + quote(HOSTILE_NAME),
            "/graph?entity=" + quote(HOSTILE_NAME), "/entity?name=Germany"]
        for i, path in enumerate(paths):
            page = visit(browser, base + path, f"hostile-{i}",
                         wait_for='#graph[data-ready="1"]' if path.startswith("/graph") else None)
            page.mouse.move(300, 300)
            for link in page.locator("main a").all()[:40]:
                assert not (link.get_attribute("href") or "").lower().startswith("javascript:")
            for spot in page.locator(".doctext span, .doctext b").all()[:30]:
                spot.hover(timeout=2000)
            assert page.evaluate("window.__pwned") is None, path
            assert page.dialogs == [], path
            assert page.locator("script:not([src])").count() == 0
            if path.startswith("/documents/"):
                assert "window.__pwned" in page.locator("main").inner_text()  # shown as text
            page.close()


def test_upload_page_ingests_a_file(browser: Any, tmp_path: Path) -> None:
    from spyglass.serve import create_app
    from spyglass.store import Store

    Store(tmp_path / "up.db").close()
    report = tmp_path / "report.txt"
    shutil.copy(ROOT / "examples" / "corpus" / "rhine-ledger-scholar-front.txt", report)
    with live_server(create_app(tmp_path / "up.db")) as base:
        page = visit(browser, base + "/upload", "upload-form")
        page.set_input_files('input[name="files"]', str(report))
        page.click("form[enctype] button")
        page.wait_for_selector("p.ok", timeout=30000)
        assert "ingested 1" in page.locator("p.ok").inner_text()
        page.screenshot(path=str(SHOTS / "upload-done.png"), full_page=True)
        page.close()
