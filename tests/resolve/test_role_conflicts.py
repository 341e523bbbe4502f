"""What reports call a defendant, and reports that disagree on whether the defendant is an officer.

Every report here is written for this test (invented people, services and outlets)."""

from __future__ import annotations

import json
from pathlib import Path

from spyglass.ingest.run import ingest
from spyglass.run.cases import case_records
from spyglass.run.local import extract_pending
from spyglass.store import Store
from spyglass.store.extracted import claim_records


def _store(tmp_path: Path, items: list[dict]) -> Store:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"title": "Hackers charged", **item}) + "\n" for item in items), encoding="utf-8")
    store = Store(tmp_path / "s.db")
    ingest([str(feed)], store, max_bytes=1_000_000)
    extract_pending(store)
    return store


CONTRAST = ("Prosecutors on Thursday charged two men with hacking the email of members of parliament. The two "
            "charged were Oleg Varnikov, an officer with Russia's Federal Security Service (FSB), and Pavel Drozd, "
            "a software developer. Both remain at large in Russia, officials said.")
BOTH_OFFICERS = ("Authorities accused two Russian intelligence officers of running a phishing campaign against "
                 "lawmakers. The men, identified as Pavel Drozd and Oleg Varnikov, were charged on Thursday with "
                 "conspiracy to commit computer intrusion, prosecutors said.")
GROUP = ("The European Union imposed sanctions on two hackers on Friday. The two officers, Oleg Varnikov and Pavel "
         "Drozd, were charged last year in the United States with hacking the email of lawmakers.")


def test_descriptions_in_apposition_and_of_a_counted_group(tmp_path: Path) -> None:
    with _store(tmp_path, [{"url": "https://a.example/1", "published": "2024-05-02", "text": CONTRAST},
                           {"url": "https://b.example/2", "published": "2024-05-03", "text": BOTH_OFFICERS},
                           {"url": "https://c.example/3", "published": "2024-05-04", "text": GROUP}]) as store:
        said = {(c.subject, c.value) for c in claim_records(store) if c.predicate == "described_as"}
    assert ("Pavel Drozd", "software developer") in said
    assert ("Oleg Varnikov", "officer") in said
    assert ("Pavel Drozd", "Russian intelligence officer") in said  # "the men, identified as ...": the two officers
    assert ("Pavel Drozd", "officer") in said  # "the two officers, Oleg Varnikov and Pavel Drozd"


def test_reports_that_call_a_defendant_an_officer_against_one_that_says_otherwise(tmp_path: Path) -> None:
    with _store(tmp_path, [{"url": "https://a.example/1", "published": "2024-05-02", "text": CONTRAST},
                           {"url": "https://b.example/2", "published": "2024-05-03", "text": BOTH_OFFICERS},
                           {"url": "https://c.example/3", "published": "2024-05-04", "text": GROUP}]) as store:
        records = {r["name"]: r for r in case_records(store)}
    drozd = next(r for name, r in records.items() if "Drozd" in name)
    conflict = next(c for c in drozd["conflicts"] if c["field"] == "role")
    by_value = {v["value"]: {s["url"] for s in v["sources"]} for v in conflict["values"]}
    assert by_value["software developer"] == {"https://a.example/1"}
    assert by_value["intelligence officer"] == {"https://b.example/2", "https://c.example/3"}
    varnikov = next(r for name, r in records.items() if "Varnikov" in name)
    assert not [c for c in varnikov["conflicts"] if c["field"] == "role"]  # every report calls him an officer


def test_a_cover_occupation_is_no_disagreement(tmp_path: Path) -> None:
    """An officer living under a cover job: a report describing the cover names no other officer."""
    with _store(tmp_path, [
        {"url": "https://a.example/4", "published": "2023-01-10", "text": (
            "Police arrested Marco Ferrante, a visiting researcher at the university, on Monday on suspicion of "
            "spying for Russia. He had studied Arctic security for two years, colleagues said.")},
        {"url": "https://b.example/5", "published": "2023-02-10", "text": (
            "Marco Ferrante, an officer of Russia's GRU, was charged on Friday with espionage, prosecutors said. "
            "He had lived under a false identity for a decade.")},
    ]) as store:
        record = next(r for r in case_records(store) if "Marco Ferrante" in {r["name"], *r["aliases"]})
    assert not [c for c in record["conflicts"] if c["field"] == "role"]
