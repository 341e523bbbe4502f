"""Agency linking measured on the seed and devset, the garble-tolerant keys, and the `kb measure` command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import SHARED, shared_path
from spyglass.kb.garble import acronyms, garble_key, initials, occurrences, split_qualifier
from spyglass.kb.link import KnowledgeIndex, link
from spyglass.kb.measure import agency_linking
from spyglass.kb.store import Entry

FLOOR = 0.95  # issue 5: at least 95% of agency mentions with a knowledge entry are linked to it

# Chinese-language, machine-translated and spun forms the devset uses; each must be linked wherever it occurs
HARD_FORMS = [
    "国家安全部", "浙江省国家安全厅", "江苏省国家安全厅", "军情六处", "英国秘密情报局",
    "Ministry of National Security of Jiangsu Province", "State Security Hall of Jiangsu Province",
    "Zhejiang Province Department of Nation Safety", "Ministry of State Safety", "British Secret Intelligence Bureau",
    "Military Intelligence Six Office", "Federal Service of Security of the Russian Federation",
    "Agency of Internal Security", "russischen Militärgeheimdienst GRU", "Federalna Służba Bezpieczeństwa",
]


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    shared_path("seed", "gold.json")
    shared_path("devset", "gold.json")
    return agency_linking(SHARED)


def test_at_least_95_percent_of_agency_mentions_are_linked(report: dict[str, Any]) -> None:
    failures = [(f["doc"], f["text"], f["reason"]) for f in report["failures"]]
    assert report["overall"]["share"] >= FLOOR, failures
    for corpus in ("seed", "devset"):
        assert report["corpora"][corpus]["total"] > 0
        assert report["corpora"][corpus]["share"] >= FLOOR, (corpus, failures)
    assert report["overall"]["total"] == sum(c["total"] for c in report["corpora"].values())


@pytest.mark.parametrize("form", HARD_FORMS)
def test_chinese_and_machine_translated_forms_are_linked(report: dict[str, Any], form: str) -> None:
    found = [m for m in report["mentions"] if m["form"] == form]
    assert found, f"{form!r} is not measured"
    assert all(m["correct"] for m in found), [(m["doc"], m["reason"]) for m in found if not m["correct"]]


def test_full_width_brackets_in_a_chinese_report() -> None:
    gold = json.loads(shared_path("devset", "gold.json").read_text("utf-8"))
    texts = [(shared_path("devset") / d["file"]).read_text("utf-8") for d in gold["documents"] if d["language"] == "zh"]
    form = "英国秘密情报局（军情六处）"
    places = [(text, span) for text in texts for span in occurrences(form, text)]
    assert places
    for text, (start, end) in places:
        result = link(text[start:end], context=text[max(0, start - 400):end + 400])
        assert (result.status, result.kb_ids[0]) == ("linked", "uk-sis"), result.reason


def test_the_report_lists_skipped_and_absent_forms(report: dict[str, Any]) -> None:
    assert {s["status"] for s in report["skipped"]} <= {"country", "unknown", "ambiguous"}
    assert all(f["status"] != "linked" or f["kb_ids"][0] != f["expected"] for f in report["failures"])
    assert all({"corpus", "canonical", "form"} <= a.keys() for a in report["absent"])


# ------------------------------------------------------------------------ the garble normaliser (invented names)

KEYS = [
    ("Ministry of Nation Safety of Hunan Province", {"ministry", "state", "security", "hunan"}),
    ("Hunan Provincial State Security Hall", {"hunan", "state", "security", "unit"}),
    ("the National Safety Office of Hunan", {"state", "security", "unit", "hunan"}),
    ("Military Intelligence Section 5", {"mi5"}),
    ("Military Intelligence Eleven Bureau", {"mi11", "unit"}),
    ("MI 6", {"mi6"}),
    ("Poland's Agency of Internal Safety", {"@poland", "unit", "internal", "security"}),
    ("Ministry of State Security of the People's Republic of China", {"ministry", "state", "security", "@china"}),
    ("Security Service of the Russian Federation", {"security", "unit", "@russia"}),
    ("Russia’s Security Service", {"@russia", "security", "unit"}),
    ("Service d'Information Nationale", {"unit", "information", "nationale"}),
    ("湖南省国家安全厅", {"湖南国家安全局"}),
    ("广西壮族自治区国家安全厅", {"广西国家安全局"}),
    ("北京市国家安全局", {"北京国家安全局"}),
    ("中华人民共和国国家安全部", {"国家安全部"}),
]


@pytest.mark.parametrize("name, key", KEYS)
def test_garble_key(name: str, key: set[str]) -> None:
    assert garble_key(name) == frozenset(key)


@pytest.mark.parametrize("a, b", [
    ("Ministry of Nation Safety of Hunan Province", "Hunan Province Ministry of State Security"),
    ("Hunan Province Department of National Safety", "Hunan State Security Bureau"),
    ("State Safety Hall of Hunan", "Hunan Provincial State Security Department"),
    ("Security Bureau of Ruritania's State", "Ruritania State Security Department"),
    ("湖南国家安全局", "湖南省国家安全厅"),
])
def test_translation_variants_share_a_key(a: str, b: str) -> None:
    assert garble_key(a) == garble_key(b)


@pytest.mark.parametrize("a, b", [
    ("National Security Agency", "State Security Agency"),  # without a place, "national" and "state" differ
    ("National Intelligence Agency", "National Intelligence Service"),  # and so do unit words
])
def test_unanchored_names_keep_their_words(a: str, b: str) -> None:
    assert garble_key(a, units=False) != garble_key(b, units=False)


@pytest.mark.parametrize("name, parts", [
    ("英国秘密情报局（军情六处）", ("英国秘密情报局", "军情六处")),
    ("Ruritanian Security Bureau (RSB)", ("Ruritanian Security Bureau", "RSB")),
    ("Ruritanian Security Bureau", None),
])
def test_split_qualifier(name: str, parts: tuple[str, str] | None) -> None:
    assert split_qualifier(name) == parts


@pytest.mark.parametrize("name, letters", [
    ("Hunan State Security Department", "HSSD"), ("Ministry of State Security", "MSS"),
    ("the Office of Ruritanian Affairs", "ORA"), ("GRU", None), ("湖南省国家安全厅", None),
])
def test_initials(name: str, letters: str | None) -> None:
    assert initials(name) == letters


def test_acronyms_and_occurrences() -> None:
    assert acronyms("des ruritanischen Dienstes RSB-Zentrale") == ["RSB"]
    assert occurrences("RSB", "RSBX and RSB, not xRSB") == [(9, 12)]
    assert occurrences("Ruritania's Bureau", "in Ruritania’s Bureau") == [(3, 21)]
    assert occurrences("国家安全部", "中国国家安全部称") == [(2, 7)]


# ------------------------------------------------------------------------ linking garbled names (invented forms)

LINK_CASES = [
    ("Ministry of State Safety of Hunan Province", "", "linked", "cn-mss-hunan"),
    ("Hunan Province Department of Nation Safety", "", "linked", "cn-mss-hunan"),
    ("State Security Hall of Sichuan Province", "", "linked", "cn-mss-sichuan"),
    ("Sichuan State Security Departmnet", "", "linked", "cn-mss-sichuan"),  # fuzzy: a misspelt word
    ("四川省国家安全局（四川国家安全厅）", "", "linked", "cn-mss-sichuan"),
    ("Britain's Secret Intelligence Bureau", "", "linked", "uk-sis"),
    ("Military Intelligence Section Five Office", "", "linked", "uk-mi5"),
    ("Polish Agency of Internal Safety", "", "linked", "pl-abw"),
    ("des russischen Geheimdienstes FSB", "", "linked", "ru-fsb"),
    ("SSSD", "officers of the Sichuan department", "linked", "cn-mss-sichuan"),  # initials, confirmed
    ("SSSD", "", "unknown", set()),  # initials alone are not enough
    ("SSSD", "Shandong and Sichuan", "ambiguous", {"cn-mss-shandong", "cn-mss-sichuan"}),
    ("the country's civilian spy agency", "the country's civilian spy agency, the Ministry of State Security, said",
     "linked", "cn-mss"),
    ("the country's civilian spy agency", "", "unknown", set()),
    ("Chinese GRU", "", "unknown", set()),  # the country contradicts the acronym
    ("Foreign Intelligence Service (Ruritania)", "", "unknown", set()),  # so does the qualifier
    ("State Security Office", "", "unknown", set()),
    ("National Intelligence Agency", "", "unknown", set()),
    ("Nobody Panda", "", "unknown", set()),
]


@pytest.mark.parametrize("name, context, status, expected", LINK_CASES)
def test_garbled_names_link(name: str, context: str, status: str, expected: Any) -> None:
    result = link(name, context)
    assert result.status == status, result.reason
    if isinstance(expected, set):
        assert set(result.kb_ids) == expected
    else:
        assert result.kb_ids[0] == expected
    assert result.reason


def _entry(kb_id: str, name: str, country: str = "Ruritania") -> Entry:
    return Entry(kb_id=kb_id, origin="builtin", source_key=kb_id, name=name, type="agency_unit", country=country)


def test_a_fuzzy_tie_is_ambiguous_not_merged() -> None:
    index = KnowledgeIndex([_entry("xx-norland", "Norland Security Bureau"),
                            _entry("xx-morland", "Morland Security Bureau")], [])
    result = index.link("Forland Security Bureau")
    assert (result.status, set(result.kb_ids)) == ("ambiguous", {"xx-norland", "xx-morland"}), result.reason
    assert "tie" in result.reason
    assert index.link("Norland Security Bureua").kb_ids == ["xx-norland"]


# ------------------------------------------------------------------------ the command


from test_kb_cli import kb, parser  # noqa: E402 (one way to run the kb command in tests)


def test_measure_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        parser().parse_args(["kb", "measure", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "--shared" in out and "--format" in out and "--floor" in out


def test_measure_prints_shares_and_checks_a_floor(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shared = shared_path()
    shared_path("devset", "gold.json")
    assert kb(tmp_path / "kb.db", "measure", "--shared", str(shared), "--format", "json") == 0
    shown = json.loads(capsys.readouterr().out)
    assert set(shown["corpora"]) == {"seed", "devset"} and shown["overall"]["share"] >= FLOOR
    assert kb(tmp_path / "kb.db", "measure", "--shared", str(shared), "--floor", str(FLOOR)) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[0].startswith("seed") and "overall" in text
    assert kb(tmp_path / "kb.db", "measure", "--shared", str(shared), "--floor", "1.01") == 1


def test_measure_without_gold_says_where_to_look(tmp_path: Path) -> None:
    from spyglass.errors import InputError

    with pytest.raises(InputError, match="point --shared at the folder"):
        kb(tmp_path / "kb.db", "measure", "--shared", str(tmp_path / "nowhere"))
