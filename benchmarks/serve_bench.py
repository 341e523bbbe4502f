"""Time the web app on a large store: case table and entity page p50/p95 over N synthetic documents.

    .venv/bin/python benchmarks/serve_bench.py [--docs 10000] [--requests 200] [--db PATH]

Documents are fictional reports written from templates (random people, bureaus, cities, dates and
sectors) and stored through Store.add_document; their claims are written with extracted.save, so
no spaCy run is needed (100,000 documents take about 5 minutes on 2 cores). Writing the store and
resolving its cases the first time (what `spyglass ingest` does) run in a child process, so the
peak memory reported is the server's alone. Requests go through httpx to the ASGI app in this
process. The one-time cost (snapshot and case rows, which a server does in a thread at start) is
reported apart.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

UNITS = (("Zhejiang State Security Department", "Ministry of State Security"),
         ("Jiangsu State Security Department", "Ministry of State Security"),
         ("Shanghai State Security Bureau", "Ministry of State Security"),
         ("Tianjin State Security Bureau", "Ministry of State Security"),
         ("Guangdong State Security Department", "Ministry of State Security"),
         ("Unit 29155", "Main Directorate of the General Staff"),
         ("Unit 26165", "Main Directorate of the General Staff"),
         ("Directorate S", "Foreign Intelligence Service"),
         ("Quds Force", "Islamic Revolutionary Guard Corps"),
         ("Reconnaissance General Bureau", "State Affairs Commission"))
PLACES = (("Munich", "Germany"), ("Lyon", "France"), ("Leeds", "United Kingdom"), ("Houston", "United States"),
          ("Utrecht", "Netherlands"), ("Gothenburg", "Sweden"), ("Turin", "Italy"), ("Brno", "Czech Republic"),
          ("Tartu", "Estonia"), ("Osaka", "Japan"), ("Busan", "South Korea"), ("Perth", "Australia"))
REGIONS = ("Western Europe", "Scandinavia", "North America", "East Asia", "the Baltic states", "South-east Asia")
SECTORS = ("aerospace", "semiconductors", "shipbuilding", "biotechnology", "satellite", "diaspora media",
           "energy grid", "defence logistics", "quantum computing", "telecoms")
JOBS = ("engineer", "researcher", "translator", "consultant", "former soldier", "shipping clerk", "academic",
        "civil servant", "software developer", "lab technician")
METHODS = (("fake_recruiter", "posed as a recruiter from a consulting firm on a professional networking site"),
           ("paid_invitation", "invited the target to speak at a conference abroad with all expenses paid"),
           ("honey_trap", "used a romantic relationship to gain access"),
           ("cover", "operated under diplomatic cover at a consulate"))
PUBLISHERS = ("Meridian Wire", "Baltic Courier", "North Sea Herald", "Rhine Ledger", "Harbour Post", "Alpine Daily",
              "Coastal Times", "Eastern Observer")
FILLER = ("Officials declined to comment on the wider investigation.",
          "The case is one of several brought this year under laws on foreign interference.",
          "Lawyers for the defendant said the evidence was circumstantial.",
          "Analysts say such recruitment often begins with harmless requests for reports.",
          "The embassy rejected the accusations as groundless and politically motivated.",
          "A spokesperson for the ministry of justice confirmed the hearing date.",
          "Colleagues described the suspect as quiet and meticulous.",
          "The court heard that payments were made in cash and cryptocurrency.")


def people(n: int, rng: random.Random) -> list[str]:
    """`n` fictional people whose given names and surnames are all distinct: the case assembler links
    reports that share a name, so a shared surname would chain unrelated people into one case."""
    onsets, vowels, codas = "bdfgklmnprstvz", "aeiou", ("", "n", "r", "s", "l", "k")

    def word(syllables: int) -> str:
        return "".join(rng.choice(onsets) + rng.choice(vowels) for _ in range(syllables)).capitalize() + rng.choice(codas)

    given: set[str] = set()
    family: set[str] = set()
    while len(given) < n:
        given.add(word(2))
    while len(family) < n:
        family.add(word(3))
    return [f"{g} {f}" for g, f in zip(sorted(given), rng.sample(sorted(family), n))]


def generate(store: Any, count: int, seed: int = 7, cast: list[str] | None = None) -> int:
    """Write `count` synthetic reports and their claims into `store` (about the people of `cast`, by
    default a generated one); return the number of claims."""
    from spyglass.model import Claim, Document, FuzzyDate, Segment
    from spyglass.model.records import content_hash
    from spyglass.store import extracted

    rng = random.Random(seed)
    cast = cast or people(max(20, count // 8), rng)
    profile = {p: (rng.choice(UNITS), rng.choice(PLACES), rng.choice(SECTORS), rng.choice(JOBS),
                   date(2015, 1, 1) + timedelta(days=rng.randrange(3500))) for p in cast}
    total = 0
    for i in range(count):
        person = rng.choice(cast)
        (unit, parent), (city, country), sector, job, arrested = profile[person]
        charged = arrested + timedelta(days=rng.randrange(20, 200))
        method, method_text = rng.choice(METHODS)
        region = rng.choice(REGIONS)
        pieces: list[tuple[str, tuple[str, ...] | None]] = [
            (f"{person}, a {rng.randrange(24, 70)}-year-old {job}, was arrested in {city} on "
             f"{arrested:%d %B %Y} on suspicion of spying for the {unit}.", ("arrested",)),
            (f"Prosecutors charged {person} on {charged:%d %B %Y} with passing {sector} secrets.", ("charged",)),
            (f"The {unit} is part of the {parent}.", ("part_of",)),
            (f"Investigators said the {unit} focuses on {region}.", ("focuses_on",)),
            (f"The {unit} has targeted the {sector} sector for years, officials said.", ("targets",)),
            (f"According to the indictment, the {unit} {method_text}.", ("used_method",)),
        ]
        if rng.random() < 0.4:
            months = rng.choice((18, 30, 48, 72, 96))
            pieces.append((f"{person} was sentenced to {months} months in prison.", ("sentenced", str(months))))
        pieces += [(s, None) for s in rng.sample(FILLER, 3)]
        rng.shuffle(pieces[2:])
        text, spans = "", []
        for sentence, claim in pieces:
            spans.append((len(text), len(text) + len(sentence), claim))
            text += sentence + (" " if rng.random() < 0.6 else "\n\n")
        text = text.rstrip() + "\n"
        published = charged + timedelta(days=rng.randrange(1, 400))
        doc = Document(doc_id=content_hash(text, i), text=text, segments=[Segment("body", 0, len(text))],
                       title=f"{person.split()[-1]} {rng.choice(('held', 'charged', 'accused', 'named'))} over "
                             f"{sector} spying for {unit}", publisher=rng.choice(PUBLISHERS),
                       published=published.isoformat(), language="en", format="txt")
        store.add_document(doc, f"synthetic:{i}")
        claims = []
        for start, end, claim in spans:
            if claim is None:
                continue
            # the confidence of a named subject of an event: what makes a case (a lower one only adds to one)
            common = {"doc_id": doc.doc_id, "start": start, "end": end, "extractor": "synthetic",
                      "extractor_version": "1", "confidence": 0.9}
            kind = claim[0]
            if kind == "arrested":
                claims.append(Claim(person, "arrested", subject_type="person", value=f"in {city}",
                                    date=FuzzyDate(arrested.isoformat(), "day"), **common))
                claims.append(Claim(person, "agent_of", subject_type="person", object=unit,
                                    object_type="agency_unit", **common))
            elif kind == "charged":
                claims.append(Claim(person, "charged", subject_type="person",
                                    date=FuzzyDate(charged.isoformat(), "day"), **common))
            elif kind == "sentenced":
                claims.append(Claim(person, "sentenced", subject_type="person", value=claim[1], **common))
            elif kind == "part_of":
                claims.append(Claim(unit, "part_of", subject_type="agency_unit", object=parent,
                                    object_type="state_agency", **common))
            elif kind == "focuses_on":
                claims.append(Claim(unit, "focuses_on", subject_type="agency_unit", object=region,
                                    object_type="region", **common))
            elif kind == "targets":
                claims.append(Claim(unit, "targets", subject_type="agency_unit", object=sector,
                                    object_type="sector", **common))
            elif kind == "used_method":
                claims.append(Claim(unit, "used_method", subject_type="agency_unit", object=method, **common))
        extracted.save(store, doc.doc_id, [], claims, "synthetic")
        total += len(claims)
    return total


async def timed(client: Any, path: str, n: int) -> list[float]:
    out = []
    for _ in range(n):
        start = time.perf_counter()
        response = await client.get(path)
        out.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code, response.text[:200])
    return out


def p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


async def bench(db: Path, requests: int) -> None:
    import httpx

    from spyglass.serve import create_app

    app = create_app(db)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
        start = time.perf_counter()
        # the one-time work a server starts in a thread: snapshot, cases, syndication groups
        await asyncio.get_running_loop().run_in_executor(None, app.state.data.warm)
        print(f"warm-up (snapshot + case rows, once per store state): {time.perf_counter() - start:.1f} s")
        cases = (await client.get("/api/cases", params={"limit": 1})).json()
        print(f"cases: {cases['total']}")
        entity = (cases["items"][0]["sponsor"] or {}).get("name") or cases["items"][0]["name"]
        person = cases["items"][len(cases["items"]) // 2]["name"]
        targets = {
            "case table (/cases, 200 rows)": "/cases",
            "case table filtered (/cases?sponsor=&year=)": "/cases?sponsor=Ministry&year=2019&sort=name",
            f"entity page, a bureau ({entity})": f"/entity?name={entity}",
            f"entity page, a person ({person})": f"/entity?name={person}",
            "API /api/cases?limit=50": "/api/cases?limit=50",
        }
        print(f"{'request':55} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
        for label, path in targets.items():
            await timed(client, path, 5)
            times = await timed(client, path, requests)
            print(f"{label[:55]:55} {p(times, 50):8.1f} {p(times, 95):8.1f} {max(times):8.1f}")
        await one_more_document(db, client)
    print(f"peak memory of the server (this process: app, cases, snapshot): {peak_mb():.0f} MB")


async def one_more_document(db: Path, client: Any) -> None:
    """Store one report about a new person (as an ingest beside the server would) and time how long
    until the case table lists the new case."""
    from spyglass.store import Store

    with Store(db) as store:
        start = time.perf_counter()
        # a name no earlier run left in a reused store, that sorts first
        name = "Aquorvin Zeltrabex" + "".join(chr(ord("a") + int(d)) for d in str(store.count()))
        generate(store, 1, seed=store.count() + 100_003, cast=[name])
    while True:
        found = (await client.get("/api/cases", params={"sort": "name", "limit": 20})).json()  # it sorts first
        if any(item["name"] == name for item in found["items"]):
            break
        if time.perf_counter() - start > 600:
            raise SystemExit("the new case did not appear within 600 s")
        await asyncio.sleep(0.05)
    print(f"one document added to {store_size(db)} documents: its case is in the case table after "
          f"{time.perf_counter() - start:.2f} s")


def store_size(db: Path) -> int:
    from spyglass.store import Store

    with Store(db) as store:
        return store.count()


def peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--db", help="reuse (or create) the store here instead of a temporary one")
    parser.add_argument("--build-only", action="store_true", help="write and resolve the store, then stop")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "bench.db"
        if args.build_only:
            build(db, args.docs)
            return
        subprocess.run([sys.executable, __file__, "--docs", str(args.docs), "--db", str(db), "--build-only"], check=True)
        asyncio.run(bench(db, args.requests))


def build(db: Path, docs: int) -> None:
    """Write the store up to `docs` documents and resolve its cases, as an ingest would."""
    from spyglass.run.resolution import refresh
    from spyglass.store import Store

    with Store(db) as store:
        have = store.count()
        if have < docs:
            start = time.perf_counter()
            claims = generate(store, docs - have, seed=have + 7)
            print(f"generated {docs - have} documents, {claims} claims in {time.perf_counter() - start:.1f} s")
        start = time.perf_counter()
        refresh(store)
        print(f"store: {db} ({store.count()} documents); cases resolved in {time.perf_counter() - start:.1f} s "
              f"(peak memory of the writer: {peak_mb():.0f} MB)", flush=True)


if __name__ == "__main__":
    main()
