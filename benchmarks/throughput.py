"""Words per second of spyglass extraction against bare `nlp.pipe` of the same spaCy model.

Both run over the same body texts in one process; the ratio (spyglass / bare) is reported as
the median of three runs. Run: .venv/bin/python benchmarks/throughput.py [--pipeline] [FOLDER...]
(default: ../shared/devset/docs and ../shared/seed, repeated to about 60,000 words).

Documents in other languages among the inputs (the devset's Chinese and German pages; any
folder or JSON-lines feed of foreign pages) are timed too, through their own extractor
(`spyglass.extract.foreign`), and reported beside English in words per second.

`--pipeline` times the whole single-process pipeline instead (ingest + extract + resolve into a
fresh store, as `spyglass ingest` then `spyglass cases` do) over the inputs' every document, against
bare `nlp.pipe` of the same documents' bodies, after one untimed run of each. The two alternate four
files at a time (ingest and extract a piece, then resolve once at the end), so that both meet the
machine at the same speed: median ratio of five runs, by the wall clock and by
this process's CPU time (the steadier figure on a machine other jobs share). Bare `nlp.pipe` is the
stock model as shipped (no spyglass entity ruler) over every body, the foreign-language ones too.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import spacy

from spyglass.extract.entities import MODEL
from spyglass.extract.run import extract
from spyglass.ingest.lines import count_words
from spyglass.ingest.run import ingest
from spyglass.ingest.sources import FORMATS
from spyglass.store import Store

ROOT = Path(__file__).resolve().parents[1]
TARGET_WORDS = 60_000
RUNS = 9  # the whole pipeline's runs
CHUNK = 4  # files timed side by side


def load(folders: list[str], english: bool = True) -> list:
    with tempfile.TemporaryDirectory() as scratch, Store(Path(scratch) / "bench.db") as store:
        ingest(folders, store, max_bytes=5_000_000)
        docs = [d for d in store.documents() if ((d.language or "en") == "en") == english]
    words = sum(count_words(d.body_text()) for d in docs)
    copies = max(1, TARGET_WORDS // max(1, words))
    return [d for _ in range(copies) for d in docs]


def foreign(folders: list[str]) -> None:
    """Words per second of extraction for the pages not in English, median of three runs."""
    docs = load(folders, english=False)
    if not docs:
        print("no pages in other languages among the inputs")
        return
    words = sum(count_words(d.body_text()) for d in docs)
    speeds = []
    for _ in range(3):
        start = time.perf_counter()
        claims = sum(len(result.claims) for result in extract(docs))
        speeds.append(words / (time.perf_counter() - start))
    languages = sorted({d.language for d in docs})
    print(f"other languages ({', '.join(languages)}): {words} words; spyglass extract "
          f"{statistics.median(speeds):,.0f} words/s ({claims} claims), median of three runs")


def pipeline(folders: list[str]) -> None:
    """The whole pipeline in one process against bare nlp.pipe over the same bodies, interleaved a
    few files at a time: this machine's speed drifts by a fifth within seconds, and two timings
    taken side by side over small pieces drift together."""
    from spyglass.run.local import extract_pending
    from spyglass.run.resolution import refresh

    files = sorted(str(f) for folder in folders for f in ([Path(folder)] if Path(folder).is_file()
                                                          else Path(folder).rglob("*"))
                   if f.is_file() and f.suffix.lower() in FORMATS)
    with tempfile.TemporaryDirectory() as scratch, Store(Path(scratch) / "words.db") as store:
        ingest(files, store, max_bytes=5_000_000)
        bodies: dict[str, list[str]] = {}
        for d in store.documents():
            bodies.setdefault(d.source_path or "", []).extend(d.text[s.start : s.end] for s in d.segments
                                                              if s.kind == "body")
    chunks = [files[i : i + CHUNK] for i in range(0, len(files), CHUNK)]
    texts = [[t for f in chunk for t in bodies.get(f, [])] for chunk in chunks]
    words = sum(count_words(t) for chunk in texts for t in chunk)
    bare_nlp = spacy.load(MODEL)
    # Both pipelines loaded and run once before timing: what a corpus pays once (the model, the
    # knowledge base, the other languages' word lists) is not its throughput.
    list(bare_nlp.pipe([t for chunk in texts for t in chunk], batch_size=8))
    with tempfile.TemporaryDirectory() as scratch, Store(Path(scratch) / "warm.db") as store:
        ingest(files, store, max_bytes=5_000_000)
        extract_pending(store)
        refresh(store)
    ratios, cpu_ratios = [], []
    for run in range(RUNS):
        bare = bare_cpu = ours = ours_cpu = 0.0
        with tempfile.TemporaryDirectory() as scratch, Store(Path(scratch) / "run.db") as store:
            for chunk, chunk_texts in zip(chunks, texts):
                start, cpu = time.perf_counter(), time.process_time()
                for _ in bare_nlp.pipe(chunk_texts, batch_size=8):
                    pass
                bare, bare_cpu = bare + time.perf_counter() - start, bare_cpu + time.process_time() - cpu
                start, cpu = time.perf_counter(), time.process_time()
                ingest(chunk, store, max_bytes=5_000_000)
                extract_pending(store)
                ours, ours_cpu = ours + time.perf_counter() - start, ours_cpu + time.process_time() - cpu
            start, cpu = time.perf_counter(), time.process_time()
            cases = refresh(store).cases
            ours, ours_cpu = ours + time.perf_counter() - start, ours_cpu + time.process_time() - cpu
        ratios.append(bare / ours)
        cpu_ratios.append(bare_cpu / ours_cpu)
        print(f"run {run + 1}: {words} words; bare nlp.pipe {words / bare:,.0f} words/s; ingest + extract + resolve "
              f"{words / ours:,.0f} words/s ({cases} cases); ratio {bare / ours:.2f} (CPU time: {bare_cpu / ours_cpu:.2f})")
    print(f"median ratio (whole pipeline / bare nlp.pipe, {len(chunks)} pieces of {CHUNK} files side by side): "
          f"{statistics.median(ratios):.2f} wall clock, {statistics.median(cpu_ratios):.2f} CPU time")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog="default inputs: ../shared/devset/docs and ../shared/seed")
    parser.add_argument("--pipeline", action="store_true", help="time ingest + extract + resolve, not extraction alone")
    parser.add_argument("folders", nargs="*", help="folders or JSON-lines feeds of articles")
    args = parser.parse_args()
    folders = args.folders or [str(ROOT.parent / "shared" / "devset" / "docs"), str(ROOT.parent / "shared" / "seed")]
    missing = [f for f in folders if not Path(f).exists()]
    if missing:
        parser.error(f"no such input: {', '.join(missing)} (give folders of articles, or put ../shared beside the repository)")
    if args.pipeline:
        pipeline(folders)
        return
    docs = load(folders)
    texts = [doc.text[s.start : s.end] for doc in docs for s in doc.segments if s.kind == "body"]
    words = sum(count_words(t) for t in texts)
    bare_nlp = spacy.load(MODEL)
    list(extract(docs[:2]))  # load spyglass's pipeline before timing, as bare_nlp is loaded
    ratios = []
    for run in range(3):
        start = time.perf_counter()
        for _ in bare_nlp.pipe(texts, batch_size=8):
            pass
        bare = words / (time.perf_counter() - start)
        start = time.perf_counter()
        claims = sum(len(result.claims) for result in extract(docs, batch_size=8))
        ours = words / (time.perf_counter() - start)
        ratios.append(ours / bare)
        print(f"run {run + 1}: {words} words; bare nlp.pipe {bare:,.0f} words/s; spyglass extract {ours:,.0f} "
              f"words/s ({claims} claims); ratio {ours / bare:.2f}")
    print(f"median ratio (spyglass extract / bare nlp.pipe): {statistics.median(ratios):.2f}")
    foreign(folders)


if __name__ == "__main__":
    main()
