"""HTML building blocks: every value goes through `e()`; pages are plain f-strings around these helpers.

Scraped text is hostile: nothing from the store reaches a page unescaped, attributes are quoted and
escaped too, links are built only from our own paths (never from a document's URL scheme), and the
pages carry no inline script or style, so the Content-Security-Policy can forbid both.
"""

from __future__ import annotations

import html
from functools import lru_cache
from typing import Any, Iterable
from urllib.parse import quote, urlencode

NAV = (("/", "Home"), ("/search", "Search"), ("/cases", "Cases"), ("/timeline", "Timeline"),
       ("/matrix", "Who targets whom"), ("/graph", "Agency graph"), ("/methods", "Methods"),
       ("/documents", "Documents"), ("/check-approach", "Check a message"), ("/upload", "Upload"), ("/api", "API"))


def e(value: Any) -> str:
    """Text safe inside an element or a quoted attribute."""
    return "" if value is None else html.escape(str(value), quote=True)


def href(path: str, **params: Any) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return e(path + ("?" + query if query else ""))


@lru_cache(maxsize=100_000)
def entity_link(name: str | None) -> str:
    # kept: a bureau's page links the same thousand names on every request
    return "" if not name else f'<a href="{href("/entity", name=name)}">{e(name)}</a>'


def case_link(case_id: str, name: str) -> str:
    return f'<a href="/cases/{quote(case_id, safe="")}">{e(name)}</a>'


def doc_link(doc_id: str, label: str | None = None) -> str:
    return f'<a href="/documents/{quote(doc_id, safe="")}">{e(label or doc_id[:12])}</a>'


def external(url: str | None) -> str:
    """A source's URL as text, linked only when it is plainly http(s) (never javascript: or data:)."""
    if not url:
        return ""
    if url.lower().startswith(("http://", "https://")):
        return f'<a href="{e(url)}" rel="noopener noreferrer nofollow">{e(url)}</a>'
    return e(url)


def table(headers: Iterable[str], rows: Iterable[Iterable[str]], cls: str = "") -> str:
    """A table whose cells are already HTML (escape them when building the rows)."""
    head = "".join(f"<th>{h}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="{e(cls)}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def listing(items: Iterable[str], empty: str = "none") -> str:
    items = list(items)
    return "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>" if items else f'<p class="empty">{e(empty)}</p>'


def select(name: str, options: list[str], chosen: str | None, blank: str = "any") -> str:
    opts = [f'<option value="">{e(blank)}</option>'] + [
        f'<option value="{e(o)}"{" selected" if o == chosen else ""}>{e(o)}</option>' for o in options]
    return f'<label>{e(name)} <select name="{e(name)}">{"".join(opts)}</select></label>'


def bars(counts: list[tuple[str, int]], width: int = 320) -> str:
    """A horizontal bar chart in SVG (sizes are attributes, which the CSP allows; inline styles are not)."""
    if not counts:
        return '<p class="empty">no data</p>'
    top = max(n for _, n in counts) or 1
    rows = []
    for i, (label, n) in enumerate(counts):
        w = max(2, round(width * n / top))
        rows.append(f'<text x="0" y="{i * 22 + 15}">{e(label)}</text>'
                    f'<rect x="90" y="{i * 22 + 3}" width="{w}" height="16" class="bar"/>'
                    f'<text x="{96 + w}" y="{i * 22 + 15}">{n}</text>')
    return (f'<svg class="bars" width="{width + 140}" height="{len(counts) * 22 + 4}" role="img" '
            f'viewBox="0 0 {width + 140} {len(counts) * 22 + 4}">'
            + "".join(rows) + "</svg>")


def pager(path: str, params: dict[str, Any], total: int, limit: int, offset: int) -> str:
    if total <= limit:
        return ""
    links = []
    if offset > 0:
        links.append(f'<a href="{href(path, **params, offset=max(0, offset - limit), limit=limit)}">previous</a>')
    links.append(f"{offset + 1}-{min(total, offset + limit)} of {total}")
    if offset + limit < total:
        links.append(f'<a href="{href(path, **params, offset=offset + limit, limit=limit)}">next</a>')
    return '<p class="pager">' + " · ".join(links) + "</p>"


def layout(title: str, body: str, scripts: Iterable[str] = ()) -> str:
    nav = "".join(f'<a href="{p}">{label}</a>' for p, label in NAV)
    js = "".join(f'<script src="/static/{e(s)}" defer></script>' for s in scripts)
    return (
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>{e(title)} · spyglass</title><link rel=\"stylesheet\" href=\"/static/spyglass.css\">"
        f"<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">{js}</head>"
        f"<body><header><strong>spyglass</strong><nav>{nav}</nav>"
        "<form action=\"/search\" method=\"get\" class=\"quick\"><input name=\"q\" type=\"search\" "
        "placeholder=\"search\" aria-label=\"search\"></form></header>"
        f"<main><h1>{e(title)}</h1>{body}</main></body></html>"
    )
