"""The `spyglass kb` commands: list, show, search and import reference knowledge, list shared aliases, measure linking."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from spyglass.cli_helpers import emit_json, open_store
from spyglass.kb.importers import FAMILIES, ensure_builtin, import_files
from spyglass.kb.link import ambiguous_aliases, describe
from spyglass.kb.measure import agency_linking
from spyglass.kb.store import ORIGINS, entries, search
from spyglass.settings import Settings

_ABOUT = (
    "Reference knowledge: the built-in agencies, bureaus, companies and groups, plus what you import from "
    "MITRE ATT&CK (STIX 2.1 bundles) and MISP galaxy clusters. The built-in entries are copied into the store "
    "the first time any kb command (or the linker) opens it, so they show before any import."
)


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `kb` and its subcommands to the CLI's command list."""
    kb = commands.add_parser("kb", help="reference knowledge: list, show, search, import, measure", description=_ABOUT)
    kb.set_defaults(handler=lambda args, settings: _usage(kb))
    sub = kb.add_subparsers(title="kb commands", metavar="KB_COMMAND")

    cmd = sub.add_parser("list", help="list knowledge entries", description="One line an entry: id, origin, "
                         "type, status, name and ATT&CK id. Built-in entries first, then ATT&CK, then MISP.")
    cmd.add_argument("--type", choices=sorted(FAMILIES), help="only entries of this type")
    cmd.add_argument("--origin", choices=ORIGINS, help="only entries from this source")
    _format(cmd).set_defaults(handler=run_list)

    cmd = sub.add_parser("show", help="show an entry with its aliases, parents and relationships",
                         description="NAME is a name or alias (English or Chinese), a kb id, a STIX id, a MISP uuid "
                         "or an ATT&CK id (G0065). Shows the entry, the entries it is the same as, every name and "
                         "which source gives it, the parent chain, relationships with their sources, and the "
                         "other entries sharing one of its names. An ambiguous name shows every candidate.")
    cmd.add_argument("name", metavar="NAME")
    _format(cmd).set_defaults(handler=run_show)

    cmd = sub.add_parser("search", help="find entries by part of a name or a close spelling",
                         description="Matches TEXT inside names and aliases (case, accents and punctuation "
                         "ignored), then close spellings; best first.")
    cmd.add_argument("text", metavar="TEXT")
    cmd.add_argument("--limit", type=int, default=20, help="most hits to print (default 20)")
    _format(cmd).set_defaults(handler=run_search)

    cmd = sub.add_parser("import", help="import STIX 2.1 bundles or MISP galaxy clusters",
                         description="Import ATT&CK STIX 2.1 bundles (intrusion sets, campaigns, malware, tools, "
                         "attributed-to/uses/revoked-by relationships; other object types are skipped and counted) "
                         "and MISP galaxy clusters (threat-actor, intelligence-agency, country). Importing again "
                         "updates entries in place (keyed on the STIX id or MISP uuid). Every file is checked "
                         "before anything is written; a malformed file changes nothing. Revoked ATT&CK objects are "
                         "kept and marked revoked; deprecated ones are kept and marked deprecated.")
    cmd.add_argument("files", nargs="+", metavar="FILE", help="a .json bundle or cluster")
    _format(cmd).set_defaults(handler=run_import)

    cmd = sub.add_parser("ambiguous", help="list names that several entries share",
                         description="Names carried by two or more entries that no same_as link joins, with the "
                         "sources involved; the linker leaves these ambiguous unless context or a type decides.")
    cmd.add_argument("--kind", help="only this kind, e.g. 'within ATT&CK' or 'ATT&CK vs MISP'")
    _format(cmd).set_defaults(handler=run_ambiguous)

    cmd = sub.add_parser("measure", help="measure agency linking against the seed and devset gold",
                         description="Finds every gold form of an agency name (seed: state_agency and agency_unit "
                         "entities with their aliases; devset: each case's sponsor, parent, arresting and "
                         "arresting-parent agency with every alias, garbles included) in the corpus documents, "
                         "links each mention with the text around it as context, and prints the share linked "
                         "to the entry the canonical gold name links to: for the seed, the devset and both, "
                         "then every failure. Gold agencies with no knowledge entry are listed, not counted.")
    cmd.add_argument("--shared", type=Path, default=Path("../shared"), metavar="PATH",
                     help="folder holding seed/ and devset/ (default ../shared)")
    cmd.add_argument("--store", action="store_true",
                     help="link against the store (built-in entries plus imports) instead of the built-in entries")
    cmd.add_argument("--floor", type=float, metavar="SHARE",
                     help="exit 1 when the overall share is below SHARE, e.g. 0.95")
    _format(cmd).set_defaults(handler=run_measure)


def _format(cmd: argparse.ArgumentParser) -> argparse.ArgumentParser:
    cmd.add_argument("--format", choices=["text", "json"], default="text", help="output format")
    return cmd


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def run_list(args: argparse.Namespace, settings: Settings) -> int:
    with open_store(settings) as store:
        ensure_builtin(store)
        found = entries(store, type=args.type, origin=args.origin)
    if args.format == "json":
        emit_json([e.as_dict() for e in found])
        return 0
    for e in found:
        flag = "" if e.status == "active" else f" ({e.status})"
        ext = f"  {e.external_id}" if e.external_id else ""
        print(f"{e.kb_id:46}  {e.origin:7}  {e.type:15}  {e.name}{ext}{flag}")
    print(f"{len(found)} entries", file=sys.stderr)
    return 0


def run_show(args: argparse.Namespace, settings: Settings) -> int:
    with open_store(settings) as store:
        shown = describe(store, args.name)
    if args.format == "json":
        emit_json(shown)
        return 0
    if shown["status"] != "linked":
        print(f"{shown['status']}: {shown['reason']}\n")
    for view in shown["entries"]:
        _print_view(view)
    return 0


def _print_view(view: dict[str, Any]) -> None:
    print(f"{view['name']}  [{view['kb_id']}]")
    for key in ("type", "origin", "status", "external_id", "country"):
        if view.get(key):
            print(f"  {key:12} {view[key]}")
    if view["parents"]:
        print(f"  {'parents':12} {' > '.join(p['name'] for p in view['parents'])}")
    for same in view["same_as"]:
        print(f"  {'same as':12} {same['label']}" + ("" if same["status"] == "active" else f" ({same['status']})"))
    for link in view["same_as_links"]:
        print(f"  {'':12}   {link['subject']} = {link['object']}: {link['why']}")
    print(f"  {'names':12} " + "; ".join(f"{n['alias']} ({'/'.join(dict.fromkeys(n['from']))})"
                                         for n in view["names"]))
    uses = [r["object_name"] for r in view["relationships"] if r["predicate"] == "uses" and r["subject"] in
            {view["kb_id"], *(s["kb_id"] for s in view["same_as"])}]
    if uses:
        print(f"  {'uses':12} {', '.join(sorted(set(uses), key=str.casefold))}")
    for rel in view["relationships"]:
        if rel["predicate"] == "uses" and rel["object_name"] in uses:
            continue
        when = f" [{rel['date']}]" if rel.get("date") else ""
        where = rel.get("source_url") or rel.get("source_ref") or ""
        print(f"  {rel['predicate']:12} {rel['subject_name']} -> {rel['object_name']}{when} ({rel['origin']}"
              f"{': ' + where if where else ''})")
    for shared in view["shared_aliases"]:
        print(f"  {'shares':12} {shared['alias']!r} with {'; '.join(shared['others'])}")
    print()


def run_search(args: argparse.Namespace, settings: Settings) -> int:
    with open_store(settings) as store:
        ensure_builtin(store)
        hits = search(store, args.text, args.limit)
    if args.format == "json":
        emit_json(hits)
        return 0
    for h in hits:
        ext = f" {h['external_id']}" if h["external_id"] else ""
        also = "" if h["matched"] == h["name"] else f"  (as {h['matched']!r})"
        print(f"{h['score']:5.1f}  {h['name']} [{h['origin']}{ext}] {h['type']}{also}  {h['kb_id']}")
    print(f"{len(hits)} hits", file=sys.stderr)
    return 0


def run_import(args: argparse.Namespace, settings: Settings) -> int:
    with open_store(settings) as store:
        summaries = import_files(store, args.files)
    if args.format == "json":
        emit_json([s.as_dict() for s in summaries])
        return 0
    for s in summaries:
        e, r = s.entries, s.relationships
        types = ", ".join(f"{n} {t}" for t, n in s.by_type.items())
        marked = ", ".join(f"{n} {k}" for k, n in s.statuses.items() if k != "active")
        print(f"{s.path} ({s.origin}, {s.source}): {types}; {s.aliases} names" + (f"; {marked}" if marked else ""))
        print(f"  entries: {e['added']} added, {e['updated']} updated, {e['unchanged']} unchanged; relationships: "
              f"{r['added']} added, {r['updated']} updated, {r['unchanged']} unchanged")
        for reason, n in s.skipped.items():
            print(f"  skipped {n}: {reason}")
        if s.unresolved:
            print(f"  {s.unresolved} relationship ends name entries not in the store (yet); kept, shown by id")
    if summaries:
        same = summaries[-1].same_as
        print(f"same_as links: {same.get('links', 0)}; refused (would join two entries of one source): "
              f"{same.get('refused', 0)}")
    return 0


def run_ambiguous(args: argparse.Namespace, settings: Settings) -> int:
    with open_store(settings) as store:
        found = [a for a in ambiguous_aliases(store) if args.kind in (None, a.kind)]
    if args.format == "json":
        emit_json([a.as_dict() for a in found])
        return 0
    kinds = Counter((a.kind, a.types_differ) for a in found)
    for (kind, differ), n in sorted(kinds.items()):
        print(f"{n:5}  {kind}{' (types differ)' if differ else ''}")
    for a in found:
        print(f"  {a.spellings[0]!r} [{a.kind}]: {'; '.join(a.labels)}")
    print(f"{len(found)} shared names", file=sys.stderr)
    return 0


def run_measure(args: argparse.Namespace, settings: Settings) -> int:
    if args.store:
        with open_store(settings) as store:
            report = agency_linking(args.shared, store)
    else:
        report = agency_linking(args.shared)
    below = args.floor is not None and (report["overall"]["share"] or 0.0) < args.floor
    if args.format == "json":
        emit_json(report)
    else:
        _print_measure(report)
    if below:
        print(f"FLOOR: overall share {report['overall']['share']} is below {args.floor}", file=sys.stderr)
    return 1 if below else 0


def _print_measure(report: dict[str, Any]) -> None:
    for name, row in [*report["corpora"].items(), ("overall", report["overall"])]:
        share = "-" if row["share"] is None else f"{100 * row['share']:.1f}%"
        print(f"{name:8} {row['linked']:4}/{row['total']:<4} {share:>7}  ({row['forms']} forms in "
              f"{row['documents']} documents)")
    for skip in report["skipped"]:
        print(f"skipped  {skip['canonical']!r} ({skip['corpus']}): {skip['reason']}")
    if report["failures"]:
        print(f"{len(report['failures'])} failures:")
    for f in report["failures"]:
        got = f["status"] + (f" {', '.join(f['kb_ids'][:3])}" if f["kb_ids"] else "")
        print(f"  {f['corpus']} {f['doc']} @{f['offset']} {f['text']!r}: expected {f['expected']}, got {got}; "
              f"{f['reason']}")
