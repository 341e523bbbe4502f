"""The CLI's case and entity commands: cases, case, entity, conflicts and judge."""

from __future__ import annotations

import argparse
import sys

from spyglass.cli_helpers import emit_json, open_store
from spyglass.settings import Settings


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    _cases(commands)
    _case(commands)
    _entity(commands)
    _conflicts(commands)
    _judge(commands)


def _cases(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    cmd = commands.add_parser(
        "cases", help="list case files: one per person, company or group facing an espionage-related action",
        description="Cases assembled across all stored documents: spellings merged, copies counted once, "
        "disagreeing sources kept and flagged (!).",
    )
    cmd.add_argument("--status", help="only cases with this status (alleged, arrested, charged, convicted, ...)")
    cmd.add_argument("--sponsor", help="only cases whose sponsor (or its parent agency) contains this text")
    cmd.add_argument("--country", help="only cases prosecuted by this country")
    cmd.add_argument("--format", choices=["table", "text", "json", "csv"], default="table")
    cmd.set_defaults(handler=run_cases)


def run_cases(args: argparse.Namespace, settings: Settings) -> int:
    from spyglass.run.cases import cases_in

    with open_store(settings, must_exist=True) as store:
        cases = cases_in(store)
    if args.status:
        cases = [c for c in cases if c.status == args.status]
    if args.sponsor:
        want = args.sponsor.casefold()
        cases = [c for c in cases if want in (c.sponsor or "").casefold() or want in (c.parent_agency or "").casefold()]
    if args.country:
        cases = [c for c in cases if (c.prosecuting_country or "").casefold() == args.country.casefold()]
    if args.format in ("json", "csv"):
        from spyglass.run.cases import case_records

        with open_store(settings, must_exist=True) as store:
            records = case_records(store, cases)
        if args.format == "json":
            emit_json(records)
        else:
            _write_case_csv(records)
        return 0
    for c in cases:
        flag = "!" if c.conflicts else " "
        sentence = f"{c.sentence_months} mo" if c.sentence_months else ""
        print(f"{flag} {c.name[:34]:34} {c.kind[:7]:7} {c.status or '-':10} {sentence:7} "
              f"{(c.sponsor or '-')[:38]:38} {c.prosecuting_country or '-':15} {len(c.documents)} docs")
    print(f"{len(cases)} cases (! = sources disagree; `spyglass case NAME` shows why)", file=sys.stderr)
    return 0


def _write_case_csv(records: list[dict]) -> None:  # type: ignore[type-arg]
    import csv

    columns = ["case_id", "name", "kind", "status", "sponsor", "parent_agency", "role", "nationality",
               "prosecuting_country", "sentence_months", "sentence", "arrested", "charged", "convicted", "sentenced",
               "aliases", "charges", "targets", "documents", "conflicts"]
    writer = csv.DictWriter(sys.stdout, fieldnames=columns)
    writer.writeheader()
    for r in records:
        writer.writerow({
            **{k: r.get(k) for k in ("case_id", "name", "kind", "status", "parent_agency", "role", "prosecuting_country",
                                    "sentence_months", "sentence")},
            "sponsor": (r["sponsor"] or {}).get("name"), "nationality": r["nationality"],
            **{k: r["dates"].get(k) for k in ("arrested", "charged", "convicted", "sentenced")},
            "aliases": "; ".join(r["aliases"]), "charges": "; ".join(r["charges"]), "targets": "; ".join(r["targets"]),
            "documents": len(r["sources"]), "conflicts": "; ".join(c["field"] for c in r["conflicts"]),
        })


def _conflicts(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    cmd = commands.add_parser("conflicts", help="list every field where sources disagree, with all values",
                              description="For each case and field: every value with its documents and independent "
                              "sources, the value chosen and why.")
    cmd.add_argument("--format", choices=["text", "json"], default="text")
    cmd.set_defaults(handler=run_conflicts)


def run_conflicts(args: argparse.Namespace, settings: Settings) -> int:
    from spyglass.run.cases import case_records

    with open_store(settings, must_exist=True) as store:
        records = case_records(store)
    rows = [{"case": r["name"], **c} for r in records for c in r["conflicts"]]
    if args.format == "json":
        emit_json(rows)
        return 0
    for row in rows:
        print(f"{row['case']}: {row['field']} -> {row['chosen']} ({row['why']})")
        for value in row["values"]:
            pubs = ", ".join(f"{s['publisher']} {s['published']}" for s in value["sources"])
            print(f"    {value['value']}: {pubs}")
    print(f"{len(rows)} conflicts", file=sys.stderr)
    return 0


def _case(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    cmd = commands.add_parser("case", help="show one case file with its timeline, sources and conflicts",
                              description="NAME is the case's name, any alias, or a close spelling.")
    cmd.add_argument("name", metavar="NAME")
    cmd.add_argument("--format", choices=["text", "json"], default="text")
    cmd.set_defaults(handler=run_case)


def run_case(args: argparse.Namespace, settings: Settings) -> int:
    from spyglass.run.cases import case_file, cases_in, find_case

    with open_store(settings, must_exist=True) as store:
        data = case_file(store, find_case(cases_in(store), args.name))
    if args.format == "json":
        emit_json(data)
        return 0
    print(f"{data['name']}  ({data['kind']}, {data['status']})  [{data['case_id']}]")
    for key in ("aliases", "role", "sponsor", "parent_agency", "prosecuting_country", "sentence_months", "targets",
                "charges", "convicted_of"):
        value = data[key]
        if value:
            print(f"  {key:20} {', '.join(map(str, value)) if isinstance(value, list) else value}")
    print("  timeline")
    for event in data["timeline"]:
        print(f"    {event['date'] or 'undated':12} {event['event']}")
        for source in event["sources"][:4]:
            hedge = f" [{source['hedge']}]" if source["hedge"] != "none" else ""
            print(f"      {source['publisher'] or source['document'][:12]} {source['published'] or ''}{hedge}: "
                  f"“{source['evidence'][:150]}”")
    for conflict in data["conflicts"]:
        print(f"  CONFLICT {conflict['field']}: chose {conflict['chosen']} ({conflict['reason']})")
        for value in conflict["values"]:
            print(f"      {value['value']}: {len(value['documents'])} documents, "
                  f"{value['independent_sources']} independent")
    for method in data["methods"]:
        print(f"  METHOD {method['method']} ({method['actor']}): “{(method['evidence'] or '')[:150]}”")
    for person in data["people_named"]:
        print(f"  NOT A CASE {person['name']}: named as {person['named_as']} in {len(person['documents'])} documents")
    print(f"  documents ({len(data['documents'])})")
    for doc in data["documents"]:
        print(f"    {doc['id'][:12]} {doc['published'] or '----------'} {doc['publisher'] or '-'}: {doc['title']}")
    return 0


def _entity(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    cmd = commands.add_parser(
        "entity", help="show one entity of the store: its id, every name with where it was seen, and why they are one",
        description="NAME is an entity id (or an id it had before a merge), any of its names, or a close spelling. "
        "Shows the entity's stable id, type, knowledge-base ids and case, each name with its mentions, claims "
        "and the documents it was seen in, the roles reports give it, and every join that made the names one "
        "entity: the rule (judgement, kb, name, person_order, alias_claim, case), the two names and what "
        "supports it.",
    )
    cmd.add_argument("name", metavar="NAME")
    cmd.add_argument("--format", choices=["text", "json"], default="text")
    cmd.set_defaults(handler=run_entity)


_WHY = {"judgement": "an analyst merged them", "kb": "one knowledge-base entry", "name": "one name (legal form aside)",
        "person_order": "one name in another order", "alias_claim": "a report gives one as the other's alias",
        "case": "names of one case"}


def run_entity(args: argparse.Namespace, settings: Settings) -> int:
    from spyglass.run.entities import find_entity

    with open_store(settings, must_exist=True) as store:
        data = find_entity(store, args.name)
    if args.format == "json":
        emit_json(data)
        return 0
    print(f"{data['name']}  ({data['type'] or 'untyped'})  [{data['entity_id']}]")
    if data["kb_ids"]:
        print(f"  kb ids      {', '.join(data['kb_ids'])}")
    if data["case_id"]:
        print(f"  case        {data['case_id']} (`spyglass case {data['name']}`)")
    if data["redirected_from"]:
        print(f"  formerly    {', '.join(data['redirected_from'])}")
    print(f"  names ({len(data['names'])})")
    for n in data["names"]:
        docs = ", ".join(d[:12] for d in n["documents"][:5]) + (" ..." if len(n["documents"]) > 5 else "")
        print(f"    {n['name']}  ({n['type'] or '-'}) {n['mentions']} mentions, {n['claims']} claims, "
              f"in {len(n['documents'])} documents: {docs}")
    for role in data["roles"]:
        print(f"  named as    {role['role']} in {len(role['documents'])} documents")
    if data["joins"]:
        print("  why one entity")
    for j in data["joins"]:
        print(f"    {j['rule']}: {j['a']} = {j['b']} ({_WHY.get(j['rule'], j['rule'])}; {j['support']})")
    return 0


def _judge(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    cmd = commands.add_parser(
        "judge", help="record an analyst judgement (append-only): merge, split, wrong_claim, choose",
        description="merge NAME OTHER: one case (or one entity, for names of organisations and others the "
        "server lists); split NAME OTHER: never one; wrong_claim CLAIM_KEY: "
        "ignore a claim (its key is DOC_ID|SUBJECT|PREDICATE|OBJECT, shown by `spyglass claims --format json`); "
        "choose NAME FIELD=VALUE: override a chosen value (sponsor, sentence_months, status, name). "
        "Judgements are kept with who and when, and survive re-extraction.",
    )
    cmd.add_argument("kind", choices=["merge", "split", "wrong_claim", "choose"])
    cmd.add_argument("target")
    cmd.add_argument("value", nargs="?")
    cmd.add_argument("--by", required=True, help="who makes the judgement")
    cmd.add_argument("--note", help="why")
    cmd.set_defaults(handler=run_judge)


def run_judge(args: argparse.Namespace, settings: Settings) -> int:
    from spyglass.resolve.judgements import record

    with open_store(settings, must_exist=True) as store:
        j = record(store, args.kind, args.target, args.value, args.by, args.note)
    print(f"recorded {j.kind} {j.target} {j.value or ''} by {j.made_by} at {j.made_at}")
    return 0
