"""Stores and a live server for the serve tests: real ingest + extraction, and a hostile document."""

from __future__ import annotations

import json
import socket
import threading
import time
from pathlib import Path
from typing import Any, Iterator
from contextlib import contextmanager

# Each payload sets a window flag if it ever runs; the browser test asserts the flag stays unset.
PAYLOADS = (
    '<script>window.__pwned = "script"</script>',
    '<img src=x onerror="window.__pwned = \'onerror\'">',
    '<a href="javascript:window.__pwned=\'href\'">click me</a>',
    '"><svg onload="window.__pwned=\'svg\'">',
    "=HYPERLINK(\"javascript:alert(1)\")",
)
HOSTILE_NAME = '<img src=x onerror="window.__pwned=\'entity\'">Bureau'


def build_store(db: Path, inputs: list[str]) -> Path:
    """Ingest `inputs` and extract them, as `spyglass ingest` does."""
    from spyglass.ingest.run import ingest
    from spyglass.run.local import extract_pending
    from spyglass.store import Store

    with Store(db) as store:
        ingest(inputs, store, 5_000_000)
        extract_pending(store)
    return db


def hostile_inputs(folder: Path) -> list[str]:
    """A text report and a feed item whose text, title, publisher and url carry script payloads."""
    folder.mkdir(parents=True, exist_ok=True)
    text = folder / "hostile-report.txt"
    body = "\n\n".join(f"Officials said the bureau left this note: {p} in the files." for p in PAYLOADS)
    text.write_text("Hostile bureau report <script>window.__pwned='title'</script>\n\n"
                    "The Ministry of State Security ran the operation, prosecutors in Germany said.\n\n" + body + "\n",
                    encoding="utf-8")
    feed = folder / "hostile-feed.jsonl"
    feed.write_text(json.dumps({
        "url": "javascript:window.__pwned='url'", "title": "<img src=x onerror=\"window.__pwned='feed'\">",
        "publisher": "<script>window.__pwned='publisher'</script>", "published": "2025-01-02",
        "text": "A man was arrested in Berlin on suspicion of spying for the Ministry of State Security. "
                "<b onmouseover=\"window.__pwned='b'\">He denied it.</b> " + " ".join(PAYLOADS),
    }) + "\n", encoding="utf-8")
    return [str(text), str(feed)]


def add_hostile_claims(db: Path) -> str:
    """A claim whose subject is markup, as a careless extractor might store from hostile text: its entity page,
    the matrix and the graph must show it as text."""
    from spyglass.model import Claim
    from spyglass.store import Store
    from spyglass.store import extracted

    with Store(db) as store:
        doc = next(d for d in store.documents() if d.text.startswith("Hostile bureau"))
        old = extracted.claims(store, doc_id=doc.doc_id)
        start = doc.text.index("Officials")
        claim = Claim(subject=HOSTILE_NAME, predicate="targets", doc_id=doc.doc_id, start=start,
                      end=start + 40, extractor="test", extractor_version="1", object="Germany",
                      subject_type="agency_unit", object_type="country")
        kept = [Claim(subject=c["subject"], predicate=c["predicate"], doc_id=c["doc_id"], start=c["start"],
                      end=c["end"], extractor=c["extractor"], extractor_version=c["extractor_version"],
                      object=c["object"], value=c["value"], subject_type=c["subject_type"],
                      object_type=c["object_type"]) for c in old]
        from spyglass.store.extracted import mention_records

        mentions = [m for m in mention_records(store) if m.doc_id == doc.doc_id]
        version = store.conn.execute("SELECT version FROM extraction_runs WHERE doc_id = ?", (doc.doc_id,)).fetchone()[0]
        extracted.save(store, doc.doc_id, mentions, kept + [claim], version)
        return doc.doc_id


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def live_server(app: Any) -> Iterator[str]:
    """Run `app` with uvicorn in a thread on a free loopback port; yield its base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 15
    while not server.started:
        if time.time() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


# TestClient's default host, "testserver", is no loopback name: the app would refuse it as DNS rebinding
LOCAL = "http://127.0.0.1"
