"""Body, pull quotes, chrome and doubled copies in scrapes written for these tests, and in the seed."""

import json

from conftest import shared_path

from spyglass.ingest.chrome_meta import read_chrome, site_name
from spyglass.ingest.decode import decode
from spyglass.ingest.lines import split_lines
from spyglass.ingest.segments import label_lines, to_segments

SCRAPE = """Harbour Gazette | News for the coast
Home | Courts | Business | Weather
Skip to content

COURTS

Port clerk jailed for selling ship schedules to a foreign intelligence service

By Maren Solberg
14.02.2025

A former port clerk was jailed for four years on Thursday for selling container schedules and crew lists to a man he believed was a shipping consultant.

The court heard that the consultant, who used the name Arvid Holm, was an officer of a foreign intelligence service and paid the clerk in cash at a café near the harbour.

The consultant paid the clerk in cash at a café near the harbour

Prosecutors said the clerk passed on more than 300 documents over two years before a colleague reported him to the security office.

ADVERTISEMENT

His lawyer said he would not appeal. The intelligence service concerned was not named in open court.

Related
- Ferry timetable changes for spring
- New crane arrives at the container terminal

Harbour Gazette - Port clerk jailed for selling ship schedules to a foreign intelligence service - Maren Solberg
We use cookies to give you the best experience
Aa Aa Aa

A former port clerk was jailed for four years on Thursday for selling container schedules and crew lists to a man he believed was a shipping consultant.

The court heard that the consultant, who used the name Arvid Holm, was an officer of a foreign...

© Harbour Gazette Media
Get it on Google Play
"""


def kinds(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in label_lines(text, site_name(split_lines(text))):
        out.setdefault(line.text[:40], line.kind)  # the first copy of a repeated line
    return out


def test_scrape_lines_are_labelled() -> None:
    got = kinds(SCRAPE)
    assert got["Harbour Gazette | News for the coast"] == "boilerplate"
    assert got["Skip to content"] == "boilerplate"
    assert got["A former port clerk was jailed for four "] == "body"
    assert got["The consultant paid the clerk in cash at"] == "pull_quote"
    assert got["ADVERTISEMENT"] == "boilerplate"
    assert got["His lawyer said he would not appeal. The"] == "body"
    assert got["- Ferry timetable changes for spring"] == "boilerplate"
    assert got["We use cookies to give you the best expe"] == "boilerplate"
    assert got["The court heard that the consultant, who"] == "body"  # first copy wins
    lines = label_lines(SCRAPE, "Harbour Gazette")
    duplicates = [line.text for line in lines if line.kind == "duplicate"]
    assert len(duplicates) == 2 and duplicates[1].endswith("foreign...")


def test_segments_cover_lines_in_order() -> None:
    segments = to_segments(label_lines(SCRAPE))
    assert [s.kind for s in segments][:3] == ["boilerplate", "body", "pull_quote"]
    assert all(a.end < b.start for a, b in zip(segments, segments[1:]))


def test_metadata_from_chrome() -> None:
    lines = label_lines(SCRAPE, site_name(split_lines(SCRAPE)))
    meta = read_chrome(lines, SCRAPE)
    assert meta.title == "Port clerk jailed for selling ship schedules to a foreign intelligence service"
    assert meta.author == "Maren Solberg"
    assert meta.published == "2025-02-14"
    assert meta.publisher == "Harbour Gazette"
    assert meta.aggregator is None


AGGREGATED = """Wanda Fisk writes that the consulate ran a network of informants among students, who were paid small sums for reports on their classmates and teachers.

The students were told the reports were for a welfare survey, and several of them only learned the truth after the police visited them.

NEWSHEAP - The consulate's student informants - Wanda Fisk
menu
We use cookies to provide some features and experiences in NEWSHEAP
The consulate's student informants
7 12
03.06.2024

Wanda Fisk writes that the consulate ran a network of informants among students, who were paid small sums for...

© The Evening Lantern
"""


def test_aggregator_page_gives_owner_and_author() -> None:
    lines = label_lines(AGGREGATED, site_name(split_lines(AGGREGATED)))
    meta = read_chrome(lines, AGGREGATED)
    assert (meta.aggregator, meta.publisher, meta.author, meta.title, meta.published) == (
        "NEWSHEAP", "The Evening Lantern", "Wanda Fisk", "The consulate's student informants", "2024-06-03"
    )


def test_seed_segments_match_gold_lines() -> None:
    path = shared_path("seed", "000_1093f815807a083d.txt")
    gold = json.loads(shared_path("seed", "gold.json").read_text("utf-8"))["documents"][0]["segments"]
    text = decode(path.read_bytes(), str(path))
    labelled = label_lines(text, site_name(split_lines(text)))
    by_number = {text.count("\n", 0, line.start) + 1: line.kind for line in labelled}
    expected = {n: "body" for n in range(gold["article_body"][0], gold["article_body"][1] + 1)}
    expected.update({n: "pull_quote" for n in gold["pull_quotes"]})
    expected.update({n: "duplicate" for n in range(gold["duplicate_copy"][0], gold["duplicate_copy"][1] + 1)})
    for first, last in gold["boilerplate"]:
        expected.update({n: "boilerplate" for n in range(first, last + 1)})
    assert {n: by_number[n] for n in by_number} == {n: k for n, k in expected.items() if n in by_number}


def test_a_wire_photo_caption_is_never_body() -> None:
    """"FILE - ..." captions in wire copy are page furniture however long: no fact is read from them."""
    from spyglass.ingest.build import build_document
    from spyglass.ingest.sources import RawInput

    caption = ("FILE - Ann Lindqvist, left, leaves the district court in a grey coat, May 3, 2023, after a hearing "
               "in which prosecutors described years of meetings with a handler and payments in cash for documents.")
    body = ("Ann Lindqvist, a former port official, was sentenced on Tuesday to six years in prison for passing "
            "shipping schedules to a foreign intelligence service, the court said. Her lawyer said she would appeal.")
    doc = build_document(RawInput("x.txt", f"{body}\n\n{caption}\n\n{body.replace('Tuesday', 'Monday')}\n", "txt"))
    kinds = {doc.text[s.start : s.end][:8]: s.kind for s in doc.segments}  # type: ignore[union-attr]
    assert kinds.get("FILE - A") == "boilerplate"
