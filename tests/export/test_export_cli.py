"""`spyglass export stix|ftm|cases` over a hand-built store: files written, checks run, tables readable."""

import argparse
import csv
import io
import json
from pathlib import Path

import pytest

from export_corpus import hand_store

from spyglass.export.cli import register
from spyglass.export.tables import COLUMNS, case_rows, write_cases
from spyglass.run.cases import case_records
from spyglass.settings import Settings


@pytest.fixture
def db(tmp_path: Path) -> Path:
    hand_store(tmp_path / "hand.db").close()
    return tmp_path / "hand.db"


def run(db: Path, *argv: str) -> int:
    """The export commands as `spyglass` runs them (built here so the test needs no register_all line)."""
    parser = argparse.ArgumentParser(prog="spyglass")
    register(parser.add_subparsers())
    args = parser.parse_args(list(argv))
    return int(args.handler(args, Settings.from_env(db=str(db))))


def test_stix_to_a_file_with_the_validator(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("stix2validator")
    out = tmp_path / "bundle.json"
    assert run(db, "export", "stix", "-o", str(out), "--check") == 0
    bundle = json.loads(out.read_text("utf-8"))
    assert bundle["type"] == "bundle" and len(bundle["objects"]) > 10
    err = capsys.readouterr().err
    assert "stix2-validator: 0 errors" in err and "4 report," in err  # one a document, dated or not
    assert "skipped 1: method use with no named actor (the method is still exported)" in err


def test_ftm_to_stdout_with_the_check(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("followthemoney")
    assert run(db, "export", "ftm", "--check") == 0
    captured = capsys.readouterr()
    lines = [json.loads(line) for line in captured.out.splitlines()]
    assert {"Person", "CourtCase", "Sanction"} <= {e["schema"] for e in lines}
    assert f"followthemoney check: {len(lines)} entities, 0 problems" in captured.err


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_case_tables(db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"cases.{fmt}"
    assert run(db, "export", "cases", "--format", fmt, "-o", str(out)) == 0
    if fmt == "csv":
        rows = list(csv.DictReader(out.open(encoding="utf-8")))
        assert list(rows[0]) == list(COLUMNS)
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    else:
        pq = pytest.importorskip("pyarrow.parquet")
        rows = pq.read_table(out).to_pylist()
    wen = next(r for r in rows if r["name"] == "Wen Haolin")
    assert wen["status"] == "sentenced"
    if fmt == "jsonl":
        assert wen["dates"]["sentenced"] == "2024-03-04" and wen["conflicts"][0]["field"] == "sentence_months"
    else:
        assert wen["date_sentenced"] == "2024-03-04" and str(wen["documents"]) == "2"
        assert "sentence_months" in wen["conflict_fields"]


def test_rows_keep_lists_as_lists(db: Path) -> None:
    from spyglass.store import Store

    with Store(db) as store:
        rows = case_rows(case_records(store))
        text = io.StringIO()
        assert write_cases(store, "csv", text) == len(rows)
    wen = next(r for r in rows if r["name"] == "Wen Haolin")
    assert wen["source_urls"] == ["https://harbour.example/wen-sentenced"] and wen["independent_sources"] == 2
    assert json.loads(wen["conflicts_json"])[0]["field"] == "sentence_months"


def test_unknown_table_format_is_refused(db: Path) -> None:
    from spyglass.errors import InputError
    from spyglass.store import Store

    with Store(db) as store, pytest.raises(InputError, match="expected one of: csv, parquet, jsonl"):
        write_cases(store, "xlsx", io.StringIO())
