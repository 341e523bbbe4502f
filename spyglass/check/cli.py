"""The `spyglass check-approach` command: read a message, run the approach check, print the report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from spyglass.cli_helpers import emit_json
from spyglass.errors import InputError
from spyglass.settings import Settings

_ABOUT = (
    "Given the text of a message someone received (an unsolicited recruiter message, an invitation to speak "
    "abroad with expenses paid, a request for a paid 'white paper'), report which documented approach methods "
    "it resembles, the words of the message that triggered each (quoted with their character offsets), and the "
    "documented uses of each method with their sources, from the store (--db or SPYGLASS_DB) when one exists. "
    "The report shows resemblance and evidence, never a verdict about the sender, and says so. "
    "Signs, their weights and the approaches they point to are data: spyglass/check/signs.json (lemmas and "
    "sentence structure, not fixed phrases); method names and definitions come from spyglass/model/methods.json."
)


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `check-approach` to the CLI's command list."""
    cmd = commands.add_parser("check-approach", help="does a message resemble a documented approach method?",
                              description=_ABOUT)
    cmd.add_argument("file", metavar="FILE", help="a text file holding the message, or - to read it from stdin")
    cmd.add_argument("--format", choices=["text", "json"], default="text", help="output format")
    cmd.add_argument("--evidence", type=int, default=5, metavar="N",
                     help="most documented uses shown for each method (default 5)")
    cmd.set_defaults(handler=run_check_approach)


def run_check_approach(args: argparse.Namespace, settings: Settings) -> int:
    from spyglass.check.approach import check_message

    text = read_message(args.file, settings.max_bytes)
    if args.evidence < 0:
        raise InputError("--evidence must be 0 or more")
    if Path(settings.db_path).exists():
        from spyglass.check.evidence import store_lookup
        from spyglass.store import Store

        with Store(settings.db_path) as store:
            lookup, note = store_lookup(store)
            report = check_message(text, lookup, note, evidence_limit=args.evidence)
    else:
        # Never create a store just to look in it: say where one would be instead.
        note = (f"No store at {settings.db_path}, so no documented uses are shown; ingest reporting with "
                "`spyglass ingest PATH` or point --db / SPYGLASS_DB at a store.")
        report = check_message(text, None, note)
    if args.format == "json":
        emit_json(report.to_dict())
    else:
        print_report(report.to_dict())
    return 0


def read_message(path: str, max_bytes: int) -> str:
    """The message's text from a file or stdin, decoded the way ingest decodes articles."""
    from spyglass.ingest.decode import decode
    from spyglass.model import Rejection

    try:
        data = sys.stdin.buffer.read(max_bytes + 1) if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}; give a text file or - for stdin") from exc
    if len(data) > max_bytes:
        raise InputError(f"{path} is larger than {max_bytes} bytes; a message is far smaller (see SPYGLASS_MAX_BYTES)")
    text = decode(data, path)
    if isinstance(text, Rejection):
        raise InputError(f"cannot read the message in {path}: {text.detail}")
    return text


def print_report(report: dict[str, Any]) -> None:
    print(_wrap(report["disclaimer"]))
    print()
    if not report["resembles"]:
        print("The message does not resemble any documented approach method closely enough to list.")
    for match in report["resembles"]:
        print(f"Resembles: {match['name']} [{match['method']}]  resemblance {match['score']:g} "
              f"(listed from {match['threshold']:g})")
        print(_wrap(match["definition"], "  "))
        named = ", ".join(match["named_by"]) or "red flags without one method's setting"
        print(f"  named because of: {named}")
        print("  words that make it so (weight of the sign):")
        for hit in match["features"]:
            print(f"    [{hit['start']}:{hit['end']}] {hit['label']} ({match['weights'][hit['feature']]:+g}): "
                  f"\"{_flat(hit['quote'])}\"")
        for hit in match["ordinary_signs"]:
            print(f"    [{hit['start']}:{hit['end']}] (ordinary sign, counts against) {hit['label']} "
                  f"({match['weights'][hit['feature']]:+g}): \"{_flat(hit['quote'])}\"")
        if match.get("words"):
            print("  words of the message that weighed most (learned weight): "
                  + ", ".join(f"{word} ({weight:+.2f})" for word, weight in match["words"].items()))
        if report["evidence_consulted"]:
            _print_uses(match)
        print()
    if report["evidence_note"]:
        print(_wrap(report["evidence_note"]))


def _print_uses(match: dict[str, Any]) -> None:
    uses, total = match["evidence"], match["evidence_total"]
    if not uses:
        print("  documented uses: none in the store")
        return
    print(f"  documented uses ({len(uses)} of {total}):")
    for use in uses:
        doc = use["document"]
        source = ", ".join(x for x in (doc["publisher"], doc["published"], doc["title"]) if x) or "untitled"
        against = f" against {use['against']}" if use["against"] else ""
        hedge = f" ({use['hedge']}: {use['hedge_cue']})" if use["hedge"] != "none" else ""
        cases = "; case: " + ", ".join(c["name"] for c in use["cases"]) if use["cases"] else ""
        print(f"    - {use['actor']}{against}{hedge}{cases}")
        print(f"      \"{_flat(use['quote'], 220)}\"")
        print(f"      {source} [doc {doc['id'][:12]} {use['start']}:{use['end']}]" + (f" {doc['url']}" if doc["url"] else ""))


def _flat(text: str, limit: int = 0) -> str:
    flat = " ".join(text.split())
    return flat if not limit or len(flat) <= limit else flat[: limit - 1] + "…"


def _wrap(text: str, indent: str = "") -> str:
    import textwrap

    return textwrap.fill(text, width=100, initial_indent=indent, subsequent_indent=indent)
