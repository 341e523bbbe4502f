"""`spyglass eval`: ingest into a scratch store, score against gold, print or return the figures."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from spyglass.evaluate.claims import score_dates, score_hedges, score_quantities, score_relations
from spyglass.evaluate.compare import same
from spyglass.evaluate.entities import score_entities
from spyglass.extract.run import extract, extractable_languages
from spyglass.ingest.lines import is_chrome, split_lines
from spyglass.ingest.run import ingest
from spyglass.model import Document
from spyglass.store import Store

METADATA_FIELDS = ("title", "author", "publisher", "published")


def evaluate(gold_path: str, paths: list[str], max_bytes: int) -> dict[str, Any]:
    """All figures for one gold file, with a per-document list of misses."""
    gold = json.loads(Path(gold_path).read_text("utf-8"))
    with tempfile.TemporaryDirectory() as scratch, Store(Path(scratch) / "eval.db") as store:
        summary = ingest(paths, store, max_bytes)
        docs = list(store.documents())
    by_name = _documents_by_gold_key(gold, docs)
    per_doc: list[dict[str, Any]] = []
    hits = {field: 0 for field in METADATA_FIELDS}
    line_agree = line_total = chrome_in_body = 0
    flags = {"duplicated-body": [0, 0], "truncated": [0, 0]}
    matched = 0
    for entry in gold["documents"]:
        doc = by_name.get(entry["doc_id"])
        misses: list[str] = []
        if doc is None:
            per_doc.append({"doc": entry["doc_id"], "misses": ["document not ingested"]})
            continue
        matched += 1
        for field in METADATA_FIELDS:
            predicted = getattr(doc, field)
            if same(predicted, entry.get(field)):
                hits[field] += 1
            else:
                misses.append(f"{field}: got {predicted!r}, gold {entry.get(field)!r}")
        chrome_in_body += _chrome_lines_in_body(doc, misses)
        if isinstance(entry.get("segments"), dict):
            agree, total = _segment_agreement(doc, entry["segments"], misses)
            line_agree, line_total = line_agree + agree, line_total + total
        for flag, counts in flags.items():
            if flag in entry.get("quality", []):
                counts[1] += 1
                found = _has_flag(doc, flag)
                counts[0] += found
                if not found:
                    misses.append(f"{flag} copy not recognised")
        per_doc.append({"doc": entry["doc_id"], "misses": misses})
    n = max(1, len(gold["documents"]))
    counts_extra: dict[str, Any] = {}
    scores: dict[str, float] = {f"metadata.{field}": round(hits[field] / n, 4) for field in METADATA_FIELDS}
    scores["documents.ingested"] = round(matched / n, 4)
    if line_total:
        scores["segments.line_accuracy"] = round(line_agree / line_total, 4)
    for flag, (recognised, total) in flags.items():
        if total:
            scores[f"copies.{flag}"] = round(recognised / total, 4)
    by_id = {d.doc_id: d for d in docs}
    extractions = {r.doc_id: r for r in extract([d for d in docs if (d.language or "en") in extractable_languages()])}
    if gold.get("entities"):  # per-corpus entity gold (the seed): score the entity extractor
        mentions = [m for r in extractions.values() for m in r.mentions]
        entities = score_entities(mentions, gold["entities"])
        scores.update({f"entities.{k}": entities[k] for k in ("precision", "recall", "f1")})
        per_doc.append({"doc": "entities", "misses": [f"missed {n}" for n in entities["missed"]]
                        + [f"false hit {n}" for n in entities["false_hits"]]})
    if gold.get("relations"):
        relations = score_relations([c for r in extractions.values() for c in r.claims if c.extractor == "spyglass.relations"], gold)
        scores.update({f"relations.{k}": relations[k] for k in ("precision", "recall", "f1")})
        per_doc.append({"doc": "relations", "misses": [f"missed {n}" for n in relations["missed"]]
                        + [f"false hit {n}" for n in relations["false_hits"]]})
    if gold.get("cases") and any("aliases" in c for c in gold["cases"]):
        from spyglass.evaluate.cases import score_cases
        from spyglass.resolve.cases import build_cases

        cases = build_cases(docs, [c for r in extractions.values() for c in r.claims],
                            [m for r in extractions.values() for m in r.mentions])
        gold_doc_of = {doc.doc_id: doc_id for doc_id, doc in by_name.items()}
        case_scores = score_cases(cases, gold, {k: v for k, v in gold_doc_of.items() if v})
        scores.update(case_scores["scores"])
        counts_extra.update(case_scores["counts"])
        per_doc.append({"doc": "cases", "misses": case_scores["misses"]})
    hedges = {"total": 0, "detected": 0, "covered": 0, "carried": 0}
    for entry in gold["documents"]:
        doc = by_name.get(entry["doc_id"])
        if doc is not None and entry.get("claims"):
            misses = next(p["misses"] for p in per_doc if p["doc"] == entry["doc_id"])
            ours = extractions[doc.doc_id].claims if doc.doc_id in extractions else []
            for key, value in score_hedges(by_id[doc.doc_id], ours, entry["claims"], misses).items():
                hedges[key] += value
    if hedges["total"]:
        scores["hedges.detected"] = round(hedges["detected"] / hedges["total"], 4)
        counts_extra["hedges_detected"] = f"{hedges['detected']}/{hedges['total']}"
    if hedges["covered"]:
        scores["hedges.carried"] = round(hedges["carried"] / hedges["covered"], 4)
        counts_extra["hedges_carried"] = f"{hedges['carried']}/{hedges['covered']}"
    if gold.get("quantities") and len(gold["documents"]) == 1:
        doc = by_name.get(gold["documents"][0]["doc_id"])
        if doc is not None:
            misses = next(p["misses"] for p in per_doc if p["doc"] == gold["documents"][0]["doc_id"])
            right, total = score_quantities(by_id[doc.doc_id], gold["quantities"], misses)
            scores["quantities.found"] = round(right / total, 4)
            counts_extra["quantities_found"] = f"{right}/{total}"
    date_right = date_total = 0
    for entry in gold["documents"]:
        doc = by_name.get(entry["doc_id"])
        events = entry.get("events") or (gold.get("events") if len(gold["documents"]) == 1 else None) or []
        if doc is not None and events:
            misses = next(p["misses"] for p in per_doc if p["doc"] == entry["doc_id"])
            right, total = score_dates(by_id[doc.doc_id], events, misses)
            date_right, date_total = date_right + right, date_total + total
    if date_total:
        scores["dates.resolved"] = round(date_right / date_total, 4)
        counts_extra["dates_right"] = f"{date_right}/{date_total}"
    return {
        "corpus": gold.get("corpus", Path(gold_path).parent.name),
        "documents": len(gold["documents"]),
        "scores": scores,
        "counts": {"chrome_lines_in_body": chrome_in_body, "rejected": len(summary.rejected), **counts_extra},
        "per_document": per_doc,
    }


def _documents_by_gold_key(gold: dict[str, Any], docs: list[Document]) -> dict[str, Document]:
    """Gold doc_id -> the stored document: by the gold's file name, by URL (JSON-lines feeds, as
    realdev is fed), or by a file named `<doc_id>.txt`."""
    by_file = {Path(d.source_path or "").name: d for d in docs}
    by_url = {(d.url or "").rstrip("/"): d for d in docs if d.url}
    out = {}
    for entry in gold["documents"]:
        doc = (by_file.get(Path(entry["file"]).name) if entry.get("file") else None) or by_url.get(
            (entry.get("url") or "").rstrip("/")) or by_file.get(f"{entry['doc_id']}.txt")
        if doc is not None:
            out[entry["doc_id"]] = doc
    return out


def _chrome_lines_in_body(doc: Document, misses: list[str]) -> int:
    found = 0
    for segment in doc.segments:
        if segment.kind != "body":
            continue
        for line in split_lines(doc.text[segment.start : segment.end]):
            if is_chrome(line.text):
                found += 1
                misses.append(f"chrome in body: {line.text[:60]!r}")
    return found


def _segment_agreement(doc: Document, gold: dict[str, Any], misses: list[str]) -> tuple[int, int]:
    """Line-by-line agreement with gold's 1-based line ranges (seed format)."""
    expected: dict[int, str] = {}
    for first, last in gold.get("boilerplate", []):
        expected.update({n: "boilerplate" for n in range(first, last + 1)})
    first, last = gold["duplicate_copy"]
    expected.update({n: "duplicate" for n in range(first, last + 1)})
    first, last = gold["article_body"]
    expected.update({n: "body" for n in range(first, last + 1)})
    expected.update({n: "pull_quote" for n in gold.get("pull_quotes", [])})
    starts = [0]
    for raw in doc.text.split("\n"):
        starts.append(starts[-1] + len(raw) + 1)
    agree = total = 0
    for number, kind in sorted(expected.items()):
        if number > len(starts) - 1 or not doc.text[starts[number - 1] : starts[number]].strip():
            continue
        offset = starts[number - 1] + 1
        got = next((s.kind for s in doc.segments if s.start <= offset < s.end + 1), "none")
        total += 1
        agree += got == kind
        if got != kind:
            misses.append(f"line {number}: got {got}, gold {kind}")
    return agree, total


def _has_flag(doc: Document, flag: str) -> bool:
    if flag == "duplicated-body":
        return any(s.kind == "duplicate" for s in doc.segments)
    return bool(doc.extra.get("truncated"))


def print_report(result: dict[str, Any]) -> None:
    print(f"corpus {result['corpus']}: {result['documents']} gold documents")
    for name, value in result["scores"].items():
        print(f"  {name:32} {value:.3f}")
    for name, value in result["counts"].items():
        print(f"  {name:32} {value}")
    for entry in result["per_document"]:
        for miss in entry["misses"]:
            print(f"  {entry['doc']}: {miss}")
