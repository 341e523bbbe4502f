"""Case tables: the case files as CSV, Parquet or JSON lines, one row a case.

JSON lines keep each case record whole (sources, conflicts and dates nested), as
`spyglass cases --format json` prints it. CSV and Parquet are flat for spreadsheets and
dataframes: one column per legal step's date, lists joined by "; " in CSV and kept as
lists in Parquet, and the nested sources and conflicts as JSON text.
"""

from __future__ import annotations

import csv
import json
from typing import IO, Any

from spyglass.errors import InputError, SpyglassError
from spyglass.resolve.cases import LADDER
from spyglass.run.cases import case_records
from spyglass.store import Store

FORMATS = ("csv", "parquet", "jsonl")
TEXT = ("case_id", "name", "kind", "status", "sponsor", "parent_agency", "role", "nationality",
        "prosecuting_country", "sentence")
LISTS = ("aliases", "charges", "convicted_of", "targets", "sponsor_aliases", "source_documents", "source_urls",
         "conflict_fields")
DATES = tuple(f"date_{step}" for step in LADDER)
COLUMNS = (*TEXT, "sentence_months", *DATES, "documents", "independent_sources", *LISTS, "sources_json",
           "conflicts_json")


def case_rows(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Flat rows of case records: every column in COLUMNS, lists as lists, nesting as JSON text."""
    rows = []
    for r in records:
        nationality = r["nationality"]
        row: dict[str, Any] = {key: r.get(key) for key in TEXT}
        row.update({
            "sponsor": (r["sponsor"] or {}).get("name"),
            "sponsor_aliases": list((r["sponsor"] or {}).get("aliases", [])),
            "nationality": "; ".join(nationality) if isinstance(nationality, list) else nationality,
            "sentence_months": r["sentence_months"],
            **{f"date_{step}": r["dates"].get(step) for step in LADDER},
            "documents": len(r["sources"]),
            "independent_sources": len({s["independent_group"] for s in r["sources"]}),
            "aliases": list(r["aliases"]), "charges": list(r["charges"]), "convicted_of": list(r["convicted_of"]),
            "targets": list(r["targets"]),
            "source_documents": [s["document"] for s in r["sources"]],
            "source_urls": [s["url"] for s in r["sources"] if s["url"]],
            "conflict_fields": [c["field"] for c in r["conflicts"]],
            "sources_json": json.dumps(r["sources"], ensure_ascii=False, sort_keys=True),
            "conflicts_json": json.dumps(r["conflicts"], ensure_ascii=False, sort_keys=True),
        })
        rows.append(row)
    return rows


def write_cases(store: Store, fmt: str, out: IO[Any]) -> int:
    """Write every case of the store to `out` (text for csv/jsonl, bytes for parquet); returns the count."""
    if fmt not in FORMATS:
        raise InputError(f"unknown table format {fmt!r}; expected one of: {', '.join(FORMATS)}")
    records = case_records(store)
    if fmt == "jsonl":
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
        writer.writeheader()
        for row in case_rows(records):
            writer.writerow({k: "; ".join(map(str, v)) if isinstance(v, list) else v for k, v in row.items()})
    else:
        _write_parquet(case_rows(records), out)
    return len(records)


def _write_parquet(rows: list[dict[str, Any]], out: IO[bytes]) -> None:
    try:
        import pyarrow as pa  # type: ignore[import-untyped]
        import pyarrow.parquet as pq  # type: ignore[import-untyped]
    except ImportError as exc:  # an optional dependency: say how to get it
        raise SpyglassError("Parquet output needs pyarrow: pip install 'pyarrow>=26,<27'") from exc
    # An explicit schema: an empty store still writes a file with every column typed.
    fields = [pa.field(c, pa.string()) for c in TEXT] + [pa.field("sentence_months", pa.int64())]
    fields += [pa.field(c, pa.string()) for c in DATES]
    fields += [pa.field("documents", pa.int64()), pa.field("independent_sources", pa.int64())]
    fields += [pa.field(c, pa.list_(pa.string())) for c in LISTS]
    fields += [pa.field("sources_json", pa.string()), pa.field("conflicts_json", pa.string())]
    schema = pa.schema(fields)
    table = pa.Table.from_pylist(rows, schema=schema)
    pq.write_table(table, out)
