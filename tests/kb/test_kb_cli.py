"""The `spyglass kb` commands, driven through `register` with a parser built here."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pytest

from conftest import shared_path
from spyglass.errors import InputError, NotFound
from spyglass.kb.builtin import load_entries
from spyglass.kb.cli import register
from spyglass.settings import Settings

SUBCOMMANDS = ["list", "show", "search", "import", "ambiguous"]
FILES = ["attack-enterprise-groups.stix.json", "attack-enterprise-group-software.stix.json",
         "misp-galaxy-threat-actor.json", "misp-galaxy-country.json", "misp-galaxy-intelligence-agencies.json"]


def parser() -> argparse.ArgumentParser:
    built = argparse.ArgumentParser(prog="spyglass")
    built.add_argument("--db")
    register(built.add_subparsers())
    return built


def kb(db: Path, *argv: str) -> int:
    args = parser().parse_args(["--db", str(db), "kb", *argv])
    return int(args.handler(args, Settings.from_env(db=str(db))))


def kb_json(db: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    capsys.readouterr()
    assert kb(db, *argv, "--format", "json") == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_kb_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        parser().parse_args(["kb", command, "--help"])
    assert exit_.value.code == 0
    assert "--format" in capsys.readouterr().out


def test_builtin_entries_show_before_any_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "kb.db"
    listed = kb_json(db, capsys, "list")
    assert {e["kb_id"] for e in listed} == {e.id for e in load_entries()}
    groups = kb_json(db, capsys, "list", "--type", "threat_group", "--origin", "builtin")
    assert {e["name"] for e in groups} >= {"APT31", "APT40", "Salt Typhoon"}
    assert kb_json(db, capsys, "list", "--origin", "stix") == []
    hits = kb_json(db, capsys, "search", "hubei")
    assert hits[0]["kb_id"] == "cn-mss-hubei"
    shown = kb_json(db, capsys, "show", "HSSD")
    assert shown["status"] == "ambiguous"
    assert [e["kb_id"] for e in shown["entries"]] == ["cn-mss-hainan", "cn-mss-hubei"]
    assert shown["entries"][1]["parents"] == [{"kb_id": "cn-mss", "name": "Ministry of State Security"}]
    assert shown["entries"][1]["shared_aliases"][0]["alias"] == "HSSD"


def test_show_text_and_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "kb.db"
    assert kb(db, "show", "湖北省国家安全厅") == 0
    out = capsys.readouterr().out
    assert out.startswith("Hubei State Security Department  [cn-mss-hubei]")
    assert "contractor_for" in out and "https://home.treasury.gov/news/press-releases/jy2205" in out
    with pytest.raises(NotFound, match="no knowledge entry is called 'Nobody Panda'; try `spyglass kb search"):
        kb(db, "show", "Nobody Panda")
    with pytest.raises(InputError, match="search text is empty"):
        kb(db, "search", "?!")


def test_bare_kb_prints_usage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert kb(tmp_path / "kb.db") == 2
    assert "kb commands" in capsys.readouterr().out


@pytest.fixture(scope="module")
def full_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = Path(tmp_path_factory.mktemp("cli")) / "kb.db"
    assert kb(db, "import", *(str(shared_path("reference", f)) for f in FILES)) == 0
    return db


@pytest.mark.parametrize("name, shown, also", [
    ("ZIRCONIUM", "APT31", "ZIRCONIUM [stix G0128]"),
    ("Leviathan", "APT40", "Leviathan [stix G0065]"),
    ("G0065", "APT40", "Leviathan [stix G0065]"),
])
def test_show_gives_the_identity(full_db: Path, capsys: pytest.CaptureFixture[str], name: str, shown: str,
                                 also: str) -> None:
    result = kb_json(full_db, capsys, "show", name)
    assert result["status"] == "linked"
    [view] = result["entries"]
    assert view["name"] == shown
    assert also in [s["label"] for s in view["same_as"]]
    assert kb(full_db, "show", name) == 0
    assert capsys.readouterr().out.startswith(f"{shown}  [")


def test_import_again_via_cli_adds_nothing(full_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    summaries = kb_json(full_db, capsys, "import", *(str(shared_path("reference", f)) for f in FILES))
    assert [s["entries"]["added"] + s["entries"]["updated"] for s in summaries] == [0] * len(FILES)
    assert summaries[0]["by_type"] == {"operation": 52, "threat_group": 187}
    # 172 active groups + 52 campaigns; 9 groups deprecated, 6 revoked (README of shared/reference)
    assert summaries[0]["statuses"] == {"active": 224, "deprecated": 9, "revoked": 6}


def test_import_of_a_bad_file_names_it(full_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = len(kb_json(full_db, capsys, "list"))
    bad = tmp_path / "bad.json"
    bad.write_text('{"type": "bundle", "objects": [{"id": "x"}]}', "utf-8")
    with pytest.raises(InputError, match=r"bad\.json: object #0 \(x\): missing 'type'"):
        kb(full_db, "import", str(bad))
    assert len(kb_json(full_db, capsys, "list")) == before


def test_ambiguous_lists_shared_names(full_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    found = {a["norm"]: a for a in kb_json(full_db, capsys, "ambiguous")}
    assert found["hssd"]["labels"] == ["Hainan State Security Department [builtin]",
                                       "Hubei State Security Department [builtin]"]
    assert "zirconium" not in found
    within = kb_json(full_db, capsys, "ambiguous", "--kind", "within ATT&CK")
    assert within and {a["kind"] for a in within} == {"within ATT&CK"}
