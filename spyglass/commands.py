"""The CLI's subcommands: each registers its options and a handler that calls the library."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tqdm import tqdm

from spyglass.case_commands import register as register_cases
from spyglass.cli_helpers import emit_json, open_store
from spyglass.settings import Settings


def register_all(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    _ingest(commands)
    _extract(commands)
    _claims(commands)
    register_cases(commands)
    _docs(commands)
    _show(commands)
    _search(commands)
    _eval(commands)
    from spyglass.batch.cli import register as register_batch
    from spyglass.check.cli import register as register_check
    from spyglass.kb.cli import register as register_kb

    from spyglass.export.cli import register as register_export
    from spyglass.screen.cli import register as register_screen
    from spyglass.serve.cli import register as register_serve

    register_kb(commands)
    register_check(commands)
    register_export(commands)
    register_screen(commands)
    register_serve(commands)
    register_batch(commands)


def _ingest(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    cmd = commands.add_parser(
        "ingest", help="read files, folders or stdin into the store",
        description="Read .txt, .html/.htm and .jsonl files (folders recursively; - for stdin), clean them "
        "and store each document once. Bad inputs are rejected with a reason; the batch goes on.",
    )
    cmd.add_argument("paths", nargs="+", metavar="PATH", help="file, folder, or - for stdin")
    cmd.add_argument("--max-bytes", type=int, help="largest file accepted (default: $SPYGLASS_MAX_BYTES or 5 MB)")
    cmd.add_argument("--format", choices=["text", "json"], default="text", help="summary format")
    cmd.add_argument("--no-extract", action="store_true", help="store the documents without extracting claims")
    cmd.set_defaults(handler=run_ingest)


def run_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from spyglass.ingest.run import ingest
    from spyglass.ingest.sources import count_files

    with open_store(settings) as store:
        bar = tqdm(total=count_files(args.paths), unit="file", desc="ingest", file=sys.stderr,
                   disable=None, leave=False)
        seen: set[str] = set()

        def tick(source: str) -> None:
            file = source.rsplit(":", 1)[0] if source.endswith(tuple("0123456789")) and ":" in source else source
            if file not in seen:
                seen.add(file)
                bar.update(1)

        summary = ingest(args.paths, store, settings.max_bytes, on_item=tick)
        bar.close()
    # Extraction finishes every pending document, whatever this run added: an earlier run may
    # have been killed between storing documents and extracting them.
    report = None if args.no_extract else _extract_with_progress(settings)
    if args.format == "json":
        emit_json({**summary.as_dict(), **({"extraction": report} if report else {})})
    else:
        print(f"ingested {len(summary.ingested)}, already present {len(summary.present)}, "
              f"rejected {len(summary.rejected)} (store: {settings.db_path})")
        for reason, count in sorted(summary.by_reason().items()):
            print(f"  rejected as {reason}: {count}")
        for r in summary.rejected:
            print(f"  - {_printable(r.source)}: {r.reason}: {r.detail}")
        if report:
            _print_extraction(report)
    nothing_stored = not summary.ingested and not summary.present
    return 1 if nothing_stored and summary.rejected else 0


def _extract(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    cmd = commands.add_parser(
        "extract", help="extract mentions and claims from every pending document",
        description="Run the extraction pipeline over every stored document not yet extracted by the current "
        "extractor version (English through spaCy, other languages through their word forms). A document the "
        "extractors fail on is marked failed with the reason and the others go on; `spyglass docs` lists them.",
    )
    cmd.add_argument("--retry-failed", action="store_true",
                     help="extract again the documents an earlier run marked failed")
    cmd.add_argument("--format", choices=["text", "json"], default="text", help="summary format")
    cmd.set_defaults(handler=run_extract)


def run_extract(args: argparse.Namespace, settings: Settings) -> int:
    from spyglass.store import extracted

    if args.retry_failed:
        with open_store(settings, must_exist=True) as store:
            extracted.retry_failed(store)
    report = _extract_with_progress(settings)
    if args.format == "json":
        emit_json(report)
    else:
        _print_extraction(report)
    return 0


def _extract_with_progress(settings: Settings) -> dict[str, object]:
    """Extract every pending document; the report counts them and lists this run's and earlier failures."""
    from spyglass.extract.run import EXTRACTION_VERSION
    from spyglass.run.local import extract_pending
    from spyglass.run.resolution import refresh
    from spyglass.store import extracted

    with open_store(settings, must_exist=True) as store:
        failed_before = extracted.failed(store)
        total = len(extracted.pending_ids(store, EXTRACTION_VERSION))
        bar = tqdm(total=total, unit="doc", desc="extract", file=sys.stderr, disable=None, leave=False)
        errors: list[tuple[str, str]] = []
        done, claims = extract_pending(store, on_doc=lambda: bar.update(1), errors=errors)
        bar.close()
        refresh(store)  # the new documents' blocks, and only those, are resolved again
    return {"documents": done, "claims": claims, "failed": [{"source": s, "reason": e} for s, e in errors],
            "failed_earlier": len(failed_before)}


def _print_extraction(report: dict[str, object]) -> None:
    failed = report["failed"]
    assert isinstance(failed, list)
    print(f"extracted {report['documents']} documents, {report['claims']} claims"
          + (f", {len(failed)} failed" if failed else ""))
    for item in failed:
        print(f"  - {_printable(item['source'])}: extraction failed: {item['reason']}")
    if failed or report["failed_earlier"]:
        print("  failed documents are stored without claims: `spyglass docs` shows why; fix the cause (or report "
              "it) and run `spyglass extract --retry-failed`")


def _printable(text: str) -> str:
    """A source name a terminal can print (a file name may hold bytes that are not UTF-8)."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _claims(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    cmd = commands.add_parser("claims", help="list extracted claims with their evidence",
                              description="Each claim: subject, predicate, object or value, date, hedge, and "
                              "the sentence it was read from (document id and character span).")
    cmd.add_argument("--doc", help="only this document (id, id prefix or path)")
    cmd.add_argument("--entity", help="only claims about this name")
    cmd.add_argument("--format", choices=["text", "json"], default="text")
    cmd.set_defaults(handler=run_claims)


def run_claims(args: argparse.Namespace, settings: Settings) -> int:
    from spyglass.store import extracted

    with open_store(settings, must_exist=True) as store:
        doc_id = store.resolve_id(args.doc) if args.doc else None
        rows = extracted.claims(store, doc_id, args.entity)
    if args.format == "json":
        emit_json(rows)
        return 0
    for r in rows:
        what = r["object"] or r["value"] or ""
        extra = " ".join(x for x in (r["value"] if r["object"] else None, r["date"] and f"date={r['date']}",
                                     r["hedge"] != "none" and f"hedge={r['hedge']}({r['hedge_cue']})") if x)
        print(f"{r['doc_id'][:12]} [{r['start']}:{r['end']}] {r['subject']} --{r['predicate']}--> {what} {extra}".rstrip())
        print(f"    “{' '.join(r['evidence'].split())[:200]}”")
    print(f"{len(rows)} claims", file=sys.stderr)
    return 0


def _docs(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    cmd = commands.add_parser("docs", help="list the stored documents",
                              description="One line a document: id, publication date, publisher, title.")
    cmd.add_argument("--format", choices=["text", "json"], default="text")
    cmd.set_defaults(handler=run_docs)


def run_docs(args: argparse.Namespace, settings: Settings) -> int:
    from spyglass.extract.run import EXTRACTION_VERSION
    from spyglass.store import extracted

    with open_store(settings, must_exist=True) as store:
        docs = list(store.documents())
        states = extracted.states(store, EXTRACTION_VERSION)
    if args.format == "json":
        emit_json([
            {"id": d.doc_id, "path": d.source_path, "url": d.url, "title": d.title, "author": d.author,
             "publisher": d.publisher, "published": d.published, "language": d.language, "format": d.format,
             "segments": [{"kind": s.kind, "start": s.start, "end": s.end} for s in d.segments],
             "extraction": states.get(d.doc_id), **d.extra}
            for d in docs
        ])
        return 0
    for d in docs:
        state = states.get(d.doc_id) or {}
        mark = {"failed": "FAILED ", "pending": "pending "}.get(str(state.get("status")), "")
        print(f"{d.doc_id[:12]}  {d.published or '----------'}  {d.language or '??'}  "
              f"{(d.publisher or '-')[:28]:28}  {mark}{_printable(d.title or Path(d.source_path or '').name)}")
        if state.get("status") == "failed":
            print(f"    extraction failed: {state.get('reason')} (`spyglass extract --retry-failed` tries again)")
    failed = sum(1 for s in states.values() if s["status"] == "failed")
    pending = sum(1 for s in states.values() if s["status"] == "pending")
    print(f"{len(docs)} documents" + (f", {failed} failed extraction" if failed else "")
          + (f", {pending} not yet extracted (`spyglass extract`)" if pending else ""), file=sys.stderr)
    return 0


def _show(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    cmd = commands.add_parser("show", help="print a document's clean text with its segments marked",
                              description="DOC is a document id (or its first characters) or a source path.")
    cmd.add_argument("doc", metavar="DOC")
    cmd.add_argument("--body-only", action="store_true", help="print only the body segments")
    cmd.add_argument("--format", choices=["text", "json"], default="text")
    cmd.set_defaults(handler=run_show)


def run_show(args: argparse.Namespace, settings: Settings) -> int:
    with open_store(settings, must_exist=True) as store:
        doc = store.get_document(args.doc)
    if args.format == "json":
        emit_json({"id": doc.doc_id, "path": doc.source_path, **doc.metadata(), "url": doc.url, "text": doc.text,
                   "segments": [{"kind": s.kind, "start": s.start, "end": s.end} for s in doc.segments]})
        return 0
    for key, value in [("id", doc.doc_id), ("source", doc.source_path), ("url", doc.url), *doc.metadata().items()]:
        if value:
            print(f"{key:>10}: {value}")
    print()
    for segment in doc.segments:
        if args.body_only and segment.kind != "body":
            continue
        print(f"--- {segment.kind} [{segment.start}:{segment.end}]")
        print(doc.text[segment.start : segment.end])
    return 0


def _search(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    cmd = commands.add_parser("search", help="full-text search over stored documents",
                              description="SQLite FTS5 query syntax: words, \"phrases\", AND/OR/NOT, prefix*.")
    cmd.add_argument("query", metavar="QUERY")
    cmd.add_argument("--limit", type=int, default=20)
    cmd.add_argument("--format", choices=["text", "json"], default="text")
    cmd.set_defaults(handler=run_search)


def run_search(args: argparse.Namespace, settings: Settings) -> int:
    with open_store(settings, must_exist=True) as store:
        hits = store.search(args.query, args.limit)
    if args.format == "json":
        emit_json([{"id": h.doc_id, "title": h.title, "snippet": h.snippet, "score": round(h.score, 3)} for h in hits])
        return 0
    for h in hits:
        print(f"{h.doc_id[:12]}  {h.title or ''}\n    {h.snippet}")
    print(f"{len(hits)} hits", file=sys.stderr)
    return 0


def _eval(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    cmd = commands.add_parser(
        "eval", help="score the pipeline against a gold file",
        description="Ingest PATHs into a scratch store and score metadata and segments against GOLD "
        "(the format of shared/gold-schema.md). Exit 1 when a score falls below --floors.",
    )
    cmd.add_argument("paths", nargs="+", metavar="PATH")
    cmd.add_argument("--gold", required=True, help="gold.json to score against")
    cmd.add_argument("--floors", help="floors.json: fail when a score is below its floor")
    cmd.add_argument("--format", choices=["text", "json"], default="text")
    cmd.set_defaults(handler=run_eval)


def run_eval(args: argparse.Namespace, settings: Settings) -> int:
    from spyglass.evaluate.report import evaluate, print_report
    from spyglass.evaluate.floors import check_floors

    result = evaluate(args.gold, args.paths, settings.max_bytes)
    if args.format == "json":
        emit_json(result)
    else:
        print_report(result)
    if args.floors:
        failures = check_floors(result, args.floors)
        for failure in failures:
            print(f"FLOOR: {failure}", file=sys.stderr)
        return 1 if failures else 0
    return 0
