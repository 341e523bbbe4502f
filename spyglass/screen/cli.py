"""The `spyglass screen` command: check a CSV list of people and organisations against the graph."""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from spyglass.cli_helpers import emit_json, open_store
from spyglass.errors import InputError
from spyglass.screen.match import ScreenResult, ScreenRow, row_from_dict, screen_rows
from spyglass.settings import Settings

_ABOUT = (
    "Screen a list (a research-security office's partner list, a visitor list) against the graph. FILE is a "
    "CSV with a header: name (required), and optionally type (person or organization), country, birth_year, "
    "context (words about the person or organisation: employer, field, city). Other columns are echoed back. "
    "For each row: candidate matches, best first, with a score, what matched (name parts, word order, "
    "transliteration, alias, knowledge-base link), what else agrees or disagrees, and the evidence (cases and "
    "claims with their sources). A match is strong only when the name agrees closely and the country, birth "
    "year or a context word agrees too; a bare name match is weak."
)


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `screen` to the CLI's command list."""
    cmd = commands.add_parser("screen", help="screen a CSV list of names against the graph", description=_ABOUT)
    cmd.add_argument("file", metavar="FILE.csv", help="CSV with a header row; - for stdin")
    cmd.add_argument("--format", choices=["text", "json"], default="text", help="output format")
    cmd.set_defaults(handler=run_screen)


def read_csv(path: str) -> tuple[list[ScreenRow], list[str]]:
    """The rows to screen and, for rows that cannot be screened, a reason each ("line 4: no name")."""
    try:
        handle = sys.stdin if path == "-" else open(Path(path), encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    rows, rejected = [], []
    with handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames:
            raise InputError(f"{path} is empty; expected a CSV with a header row such as: name,type,country")
        for line, record in enumerate(reader, start=2):
            try:
                rows.append(row_from_dict(record))
            except ValueError as exc:
                rejected.append(f"line {line}: {exc}")
    return rows, rejected


def run_screen(args: argparse.Namespace, settings: Settings) -> int:
    rows, rejected = read_csv(args.file)
    with open_store(settings, must_exist=True) as store:
        results = screen_rows(store, rows)
    if args.format == "json":
        emit_json({"results": [r.as_dict() for r in results], "rejected": rejected})
    else:
        for result in results:
            _print(result)
        for reason in rejected:
            print(f"not screened: {reason}")
    strong = sum(r.label == "strong" for r in results)
    weak = sum(r.label == "weak" for r in results)
    print(f"{len(results)} screened: {strong} strong, {weak} weak, {len(results) - strong - weak} without a "
          f"candidate; {len(rejected)} rows not screened", file=sys.stderr)
    return 0


def _print(result: ScreenResult) -> None:
    row = result.row
    given = ", ".join(x for x in (row.kind, row.country, str(row.birth_year) if row.birth_year else None,
                                  row.context) if x)
    print(f"{row.name}" + (f"  ({given})" if given else ""))
    if not result.candidates:
        print("  no candidate in the graph\n")
        return
    for candidate in result.candidates:
        case = candidate.evidence["cases"][0] if candidate.evidence["cases"] else None
        status = f", case {case['status']}" if case else ""
        print(f"  {candidate.label.upper():6} {candidate.score:.2f}  {candidate.name} [{candidate.type}{status}]")
        for line in [*candidate.explanation, *candidate.support, *(f"AGAINST {a}" for a in candidate.against)]:
            print(f"           {line}")
        ev = candidate.evidence
        print(f"           evidence: {ev['claims_total']} claims in {ev['documents']} documents "
              f"({ev['independent_sources']} independent)")
        for claim in ev["claims"][:2]:
            print(f"             {claim['publisher'] or claim['document'][:12]} {claim['published'] or ''}: "
                  f"“{(claim['evidence'] or '')[:140]}”")
        for entry in ev["knowledge_base"][:1]:
            print(f"             knowledge base: {entry['name']} ({entry['origin']}) "
                  f"{'; '.join(entry['sources'][:2])}")
    print()
