"""The `spyglass export` commands: STIX 2.1 bundles, FollowTheMoney entities and case tables."""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Iterator

from spyglass.cli_helpers import open_store
from spyglass.errors import InputError
from spyglass.settings import Settings

_ABOUT = ("Write the store's knowledge graph for other tools: a STIX 2.1 bundle (OpenCTI, MISP, any TAXII "
          "consumer), FollowTheMoney entities (Aleph, OpenSanctions tooling) or a table of cases. Output goes to "
          "stdout unless -o FILE is given; a summary of what was written goes to stderr.")


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `export` and its subcommands to the CLI's command list."""
    export = commands.add_parser("export", help="write the graph as STIX 2.1, FollowTheMoney or case tables",
                                 description=_ABOUT)
    export.set_defaults(handler=lambda args, settings: _usage(export))
    sub = export.add_subparsers(title="export formats", metavar="FORMAT")

    cmd = sub.add_parser(
        "stix", help="a STIX 2.1 bundle of actors, agencies, groups, methods, relationships and reports",
        description="Threat actors only for the defendants of cases (an acquitted person stays an identity); "
        "identities for everyone else (officials, lawyers, judges, journalists, people named without a case, "
        "with the roles reports give them) and for agencies and organisations; intrusion sets for threat "
        "groups, campaigns for operations, locations for countries; an attack-pattern per tradecraft method "
        "the store documents, with `uses` from each actor documented using it; targets / attributed-to / "
        "located-at relationships (related-to with a description otherwise), each naming its source "
        "documents; a report for every stored document, dated by its publication or, for a page that shows "
        "no publication day, by the day it was first stored (x_spyglass_published_from: first_stored); a "
        "note per disagreement between sources. Ids are uuid5 over content: exporting twice gives the same "
        "ids. Intrusion sets and campaigns import back with `spyglass kb import`.")
    _output(cmd)
    cmd.add_argument("--check", action="store_true",
                     help="run stix2-validator on the bundle; exit 1 when it reports errors")
    cmd.set_defaults(handler=run_stix)

    cmd = sub.add_parser(
        "ftm", help="FollowTheMoney entities as JSON lines",
        description="Person, PublicBody, Company and Organization entities; Project for operations, with "
        "ProjectParticipant; Employment (an officer's service), Membership (a unit's parent body) and "
        "UnknownLink for other relations; CourtCase with its defendant as CourtCaseParty; Sanction; an Article "
        "per source document, named in every entity's `proof`, and a Documentation from each case's subject "
        "to each of its sources' Articles; a Note per documented use of a tradecraft method (FtM has no "
        "schema for a method).")
    _output(cmd)
    cmd.add_argument("--check", action="store_true",
                     help="check every entity with the followthemoney library; exit 1 on any problem")
    cmd.set_defaults(handler=run_ftm)

    cmd = sub.add_parser(
        "cases", help="the case files as a table: CSV, Parquet or JSON lines",
        description="One row a case: status, sponsor, nationality, prosecuting country, sentence, a date "
        "column per legal step, aliases, charges, sources and conflicts. jsonl keeps each record nested.")
    _output(cmd)
    cmd.add_argument("--format", choices=["csv", "parquet", "jsonl"], default="csv", help="table format")
    cmd.set_defaults(handler=run_cases)


def _output(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


@contextmanager
def _open(path: str | None, binary: bool = False) -> Iterator[IO[Any]]:
    if path is None:
        if binary and sys.stdout.isatty():
            raise InputError("Parquet is binary: give -o FILE, or pipe the output into a file")
        yield sys.stdout.buffer if binary else sys.stdout
        return
    try:
        handle: IO[Any] = open(Path(path), "wb") if binary else open(Path(path), "w", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}; choose another -o path") from exc
    with handle:
        yield handle


def run_stix(args: argparse.Namespace, settings: Settings) -> int:
    from spyglass.export.stix import export_bundle
    from spyglass.export.stix_check import validate

    with open_store(settings, must_exist=True) as store:
        bundle, summary = export_bundle(store)
    with _open(args.output) as out:
        json.dump(bundle, out, ensure_ascii=False, indent=2)
        out.write("\n")
    for line in summary.lines():
        print(line, file=sys.stderr)
    if args.check:
        result = validate(bundle)
        print(result.line(), file=sys.stderr)
        for error in result.errors:
            print(f"  {error}", file=sys.stderr)
        return 1 if result.errors else 0
    return 0


def run_ftm(args: argparse.Namespace, settings: Settings) -> int:
    from spyglass.export.ftm import check_entities, export_entities, write_entities

    with open_store(settings, must_exist=True) as store:
        entities, summary = export_entities(store)
    with _open(args.output) as out:
        write_entities(entities, out)
    for line in summary.lines():
        print(line, file=sys.stderr)
    if args.check:
        problems = check_entities(entities)
        print(f"followthemoney check: {len(entities)} entities, {len(problems)} problems", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1 if problems else 0
    return 0


def run_cases(args: argparse.Namespace, settings: Settings) -> int:
    from spyglass.export.tables import write_cases

    with open_store(settings, must_exist=True) as store:
        with _open(args.output, binary=args.format == "parquet") as out:
            count = write_cases(store, args.format, out)
    print(f"wrote {count} cases as {args.format}", file=sys.stderr)
    return 0
