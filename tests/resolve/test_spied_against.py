"""The state someone spied against is a target, never the sponsor; a report that has the person spying
against the sponsor's own state is listed against the chosen sponsor. Texts written for this test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spyglass.ingest.run import ingest
from spyglass.run.cases import case_records
from spyglass.run.local import extract_pending
from spyglass.store import Store
from spyglass.store.extracted import claim_records


def _store(tmp_path: Path, items: list[dict]) -> Store:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"title": "Spy case", **item}, ensure_ascii=False) + "\n" for item in items),
                    encoding="utf-8")
    store = Store(tmp_path / "s.db")
    ingest([str(feed)], store, max_bytes=1_000_000)
    extract_pending(store)
    return store


@pytest.mark.parametrize("text", [
    "Am Dienstag wurde Markus Feldmann wegen Spionage gegen Russland zu vier Jahren Haft verurteilt. Die Anklage "
    "hatte sechs Jahre gefordert, teilte ein Sprecher des Gerichts in München mit.",
    "A court in Kaunas found Jonas Petraitis guilty of espionage against Russia on Tuesday and sentenced him to four "
    "years in prison. Prosecutors had asked for six years.",
])
def test_the_state_spied_against_is_a_target_not_a_sponsor(tmp_path: Path, text: str) -> None:
    with _store(tmp_path, [{"url": "https://a.example/1", "published": "2024-05-08", "text": text}]) as store:
        claims = claim_records(store)
    assert [c.object for c in claims if c.predicate == "targets" and c.value == "spied against"] == ["Russia"]
    assert not [c for c in claims if c.predicate in ("agent_of", "officer_of") and c.object == "Russia"]


def test_a_report_reversing_the_direction_is_listed_against_the_sponsor(tmp_path: Path) -> None:
    with _store(tmp_path, [
        {"url": "https://a.example/2", "published": "2024-05-07", "text": (
            "Markus Feldmann, a logistics manager, was convicted on Tuesday of spying for Russia's GRU and sentenced "
            "to four years in prison, a court in Munich said. He had passed data on arms shipments to Ukraine.")},
        {"url": "https://b.example/3", "published": "2024-05-08", "language": "de", "text": (
            "Am Dienstag wurde Markus Feldmann wegen Spionage gegen Russland zu vier Jahren Haft verurteilt. Die "
            "Anklage hatte sechs Jahre gefordert, teilte ein Sprecher des Gerichts in München mit.")},
    ]) as store:
        record = next(r for r in case_records(store) if "Markus Feldmann" in {r["name"], *r["aliases"]})
    assert record["sponsor"]["name"] == "GRU"
    conflict = next(c for c in record["conflicts"] if c["field"] == "sponsor")
    by_value = {v["value"]: {s["url"] for s in v["sources"]} for v in conflict["values"]}
    assert by_value["against Russia"] == {"https://b.example/3"}
