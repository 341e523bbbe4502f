"""Names across scripts that write vowels differently: Arabic, Georgian, katakana and Latin
spellings of one invented name share a consonant key; other names do not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spyglass.ingest.run import ingest
from spyglass.resolve.name_skeletons import skeleton_keys
from spyglass.run.cases import case_records
from spyglass.run.local import extract_pending
from spyglass.store import Store


@pytest.mark.parametrize("latin, other", [
    ("Samuel Porter", "صامويل بورتر"),
    ("Samuel Porter", "სამუელ პორტერი"),
    ("Samuel Porter", "サミュエル・ポーター"),
    ("Victor Hallberg", "فيكتور هالبرغ"),
    ("Daniel Morrison", "დენიელ მორისონს"),     # a Georgian case ending
])
def test_one_name_in_another_script_shares_a_key(latin: str, other: str) -> None:
    assert skeleton_keys(latin) & skeleton_keys(other)


@pytest.mark.parametrize("latin, other", [
    ("Samuel Porter", "صامويل بيكر"),           # another surname
    ("Daniel Morrison", "დავით მორისონი"),      # another given name
    ("Samuel Porter", "ポーター"),               # a surname alone is too little
])
def test_other_names_do_not_share_a_key(latin: str, other: str) -> None:
    assert not skeleton_keys(latin) & skeleton_keys(other)


def _records(tmp_path: Path, items: list[dict]) -> list[dict]:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"title": "Case", "published": "2025-05-02", **item}, ensure_ascii=False) + "\n"
                            for item in items), encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        ingest([str(feed)], store, max_bytes=1_000_000)
        extract_pending(store)
        return case_records(store)


def test_a_page_in_arabic_reports_on_the_case_and_gives_its_spelling(tmp_path: Path) -> None:
    records = _records(tmp_path, [
        {"url": "https://en.example/a", "text": (
            "Former engineer Samuel Porter was sentenced on Tuesday to twelve years in prison for passing "
            "radar designs to Iran's intelligence ministry. Porter had denied the charges throughout the trial.")},
        {"url": "https://ar.example/b", "language": "ar", "text": (
            "قضت محكمة بريطانية بسجن المهندس السابق صامويل بورتر اثني عشر عاما بتهمة تسليم تصاميم رادار "
            "إلى وزارة الاستخبارات الإيرانية، وقال الادعاء إن بورتر التقى بضباط إيرانيين عدة مرات.")},
    ])
    record = next(r for r in records if r["name"] == "Samuel Porter")
    assert {s["url"] for s in record["sources"]} == {"https://en.example/a", "https://ar.example/b"}
    assert "صامويل بورتر" in record["aliases"]
    assert "Porter" in record["aliases"]  # the surname the reports write alone


def test_a_name_word_two_cases_share_is_no_alias_of_either(tmp_path: Path) -> None:
    records = _records(tmp_path, [{"url": "https://en.example/k", "text": (
        "Erik Sandberg was convicted on Friday of spying for Russia's GRU and sentenced to life in prison. "
        "In a separate trial, Jonas Sandberg was convicted on Monday of passing port plans to Russia's SVR. "
        "Sandberg denied the charges, the court in Uppsala said.")}])
    assert {r["name"] for r in records} == {"Erik Sandberg", "Jonas Sandberg"}
    for record in records:
        assert "Sandberg" not in record["aliases"]


def test_every_name_of_an_alias_list_and_a_pinyin_spelling_are_aliases(tmp_path: Path) -> None:
    records = _records(tmp_path, [
        {"url": "https://en.example/g", "text": (
            "Prosecutors said APT31 hacked the email accounts of dozens of lawmakers on behalf of China's Ministry of "
            "State Security. This group, known by various aliases including APT31, Violet Lark, TA999, and Dancing "
            "Fox, has targeted parliaments for a decade, officials said.")},
        {"url": "https://cn.example/z", "language": "zh", "text": (
            "林志远于今年3月9日被警方抓获,并于今年7月6日遭检方起诉,被控为境外情报机构刺探国家秘密。"
            "检方表示,林志远已承认部分指控,案件将于下月在市中级人民法院开庭审理。"
            "据悉,林志远曾在一家造船企业担任工程师,多次向境外人员提供船舶设计图纸,并收取报酬。")},
    ])
    group = next(r for r in records if r["name"] == "APT31")
    assert {"Violet Lark", "TA999", "Dancing Fox"} <= set(group["aliases"])
    person = next(r for r in records if r["name"] == "林志远")
    assert "Lin Zhiyuan" in person["aliases"]


def test_sentenced_to_a_term_is_no_maximum_the_person_faces(tmp_path: Path) -> None:
    records = _records(tmp_path, [{"url": "https://ua.example/s", "language": "uk", "text": (
        "Колишнього інженера Олега Петренка засудили до 12 років і 6 місяців ув’язнення за шпигунство на "
        "користь Росії. Його визнали винним у передачі секретних креслень російським агентам, повідомив суд.")}])
    assert next(iter(records))["sentence_months"] == 150


def test_a_surname_written_alone_in_arabic_katakana_or_before_a_japanese_title_is_an_alias(tmp_path: Path) -> None:
    records = _records(tmp_path, [
        {"url": "https://en.example/c", "text": (
            "Former engineer Samuel Porter was sentenced on Tuesday to twelve years in prison for passing "
            "radar designs to Iran's intelligence ministry. Porter had denied the charges throughout the trial.")},
        {"url": "https://ar.example/c", "language": "ar", "text": (
            "قضت محكمة بريطانية بسجن المهندس السابق صامويل بورتر اثني عشر عاما بتهمة التجسس لصالح إيران. "
            "وقال الادعاء إن بورتر سلم تصاميم رادار إلى ضباط إيرانيين عدة مرات مقابل المال.")},
        {"url": "https://jp.example/d", "language": "ja", "text": (
            "東京地裁は9日、防衛関連企業の元技術者、川村健司被告(52)に懲役3年の判決を言い渡した。"
            "川村被告はロシアの外交官に機密資料を渡した罪に問われていた。判決によると、川村被告は報酬を受け取っていた。")},
    ])
    porter = next(r for r in records if "صامويل بورتر" in r["aliases"])
    assert "بورتر" in porter["aliases"]
    assert "صامويل" not in porter["aliases"]  # a given name alone is no name of the case
    kawamura = next(r for r in records if "川村健司" in r["aliases"])
    assert "川村" in kawamura["aliases"]


def test_other_names_given_after_a_surname_or_before_it_go_to_that_person_only(tmp_path: Path) -> None:
    records = _records(tmp_path, [{"url": "https://en.example/h", "text": (
        "Federal agents arrested Tan Bohai and Wei Lanfang on Monday on charges of acting as agents of China. "
        "Wei was the treasurer of the association, while Tan Bohai was its former chairman. "
        "Tan, most commonly known as “Benny Tan,” has pleaded not guilty. Known online as \"bluefin77,\" Wei ran "
        "a chat group. Both were part of a drive by the police known as \"Operation Quiet Harbour,\" prosecutors said.")}])
    tan = next(r for r in records if r["name"] == "Tan Bohai")
    wei = next(r for r in records if r["name"] == "Wei Lanfang")
    assert "Benny Tan" in tan["aliases"] and "Benny Tan" not in wei["aliases"]
    assert "bluefin77" in wei["aliases"] and "bluefin77" not in tan["aliases"]
    assert not any("Quiet Harbour" in a for r in records for a in r["aliases"])
