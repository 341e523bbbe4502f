"""A page reports on a case when its body names the person: without a middle name or
patronymic, by surname alone for a case known only as surname + 某, with a nickname in quotes.

Reports are written for this test: invented people and outlets.
"""

from __future__ import annotations

import json
from pathlib import Path

from spyglass.ingest.run import ingest
from spyglass.run.cases import case_records
from spyglass.run.local import extract_pending
from spyglass.store import Store


def _records(tmp_path: Path, items: list[dict]) -> list[dict]:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"title": "Case", "published": "2025-05-02", **item}, ensure_ascii=False) + "\n"
                            for item in items), encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        ingest([str(feed)], store, max_bytes=1_000_000)
        extract_pending(store)
        return case_records(store)


def _urls(record: dict) -> set[str]:
    return {s["url"] for s in record["sources"]}


def test_a_page_naming_the_person_without_the_patronymic_reports_on_the_case(tmp_path: Path) -> None:
    records = _records(tmp_path, [
        {"url": "https://one.example/a", "text": (
            "The two men, identified as Oleg Viktorovich Sarnov and Pavel Igorevich Lutsk, were indicted in "
            "Virginia on Thursday for hacking campaigns run on behalf of Russia's FSB, prosecutors said.")},
        {"url": "https://two.example/b", "text": (
            "Britain also announced sanctions against Oleg Sarnov and Pavel Lutsk, naming them as members of "
            "a hacking team that targeted lawmakers, think tanks and journalists across Europe for years.")},
    ])
    record = next(r for r in records if r["name"] == "Oleg Viktorovich Sarnov")
    assert _urls(record) == {"https://one.example/a", "https://two.example/b"}
    assert "Oleg Sarnov" in record["aliases"]


def test_a_case_known_as_surname_and_mou_is_reported_by_pages_naming_the_surname(tmp_path: Path) -> None:
    records = _records(tmp_path, [
        {"url": "https://cn.example/a", "language": "zh", "text": (
            "国家安全机关近日破获一起间谍案。犯罪嫌疑人曾某某在海外留学期间被境外间谍情报机关策反,"
            "多次向其提供我国军工领域的涉密资料。目前,曾某某已被国家安全机关依法采取刑事强制措施。")},
        {"url": "https://en.example/b", "text": (
            "China said a state employee surnamed Zeng was recruited by a foreign spy agency while studying "
            "abroad. Zeng passed military secrets to his handler, the ministry said, and has been detained.")},
        {"url": "https://en.example/c", "text": (
            "Another official, Zeng Wei, spoke at the trade fair in Xiamen about port investment and shipping "
            "routes; he made no comment on security matters or on any of the recent espionage cases.")},
    ])
    record = next(r for r in records if r["name"] == "曾某某")
    assert _urls(record) == {"https://cn.example/a", "https://en.example/b"}
    assert "Zeng" in record["aliases"]


def test_a_nickname_in_quotes_is_an_alias_not_part_of_the_name(tmp_path: Path) -> None:
    records = _records(tmp_path, [{"url": "https://one.example/n", "text": (
        "Police said “Danny” Ma Zhiwei, 58, of Brooklyn, and Gao Lin, 55, of Queens, were arrested on Tuesday "
        "at their homes in New York on charges of acting as agents of China.")}])
    record = next(r for r in records if "Ma Zhiwei" in r["aliases"])
    assert record["name"] == "Ma Zhiwei" and "Danny Ma Zhiwei" in record["aliases"]


def test_a_real_name_joins_the_cover_name_and_the_arresting_states_service_is_no_sponsor(tmp_path: Path) -> None:
    records = _records(tmp_path, [
        {"url": "https://one.example/r", "text": (
            "Carlos Mendes Ribeiro from Chile was working as a guest lecturer in Bergen when he was arrested by "
            "Norway's Police Security Service in May 2023. In December, he confirmed that he is Russian, and his "
            "real name is Oleg Petrovich Sokolov.")},
        {"url": "https://two.example/s", "language": "no", "text": (
            "Oleg Petrovich Sokolov ble pågrepet av PST i Bergen i mai 2023, siktet for spionasje. "
            "Sokolov ble senere overlevert til Russland i en fangeutveksling, opplyser Utenriksdepartementet.")},
    ])
    record = next(r for r in records if "Oleg Petrovich Sokolov" in r["aliases"])
    assert "Carlos Mendes Ribeiro" in record["aliases"]
    assert len([r for r in records if {"Carlos Mendes Ribeiro", "Oleg Petrovich Sokolov"} & set(r["aliases"])]) == 1
    assert record["status"] == "released"  # the surname alone in the Norwegian report stands for him
    assert record["sponsor"] is None  # the service that arrested him is not whom he worked for


def test_an_initialled_name_links_its_pages_unless_two_cases_share_it(tmp_path: Path) -> None:
    arrest = ("Der 41-jährige Timo R. wurde am Dienstag in Rostock festgenommen. Er soll für einen russischen "
              "Geheimdienst Hafenanlagen und Schiffsbewegungen ausgespäht haben, teilte die Bundesanwaltschaft in "
              "Karlsruhe mit. Ein Ermittlungsrichter erließ am selben Tag einen Haftbefehl gegen ihn.")
    later = ("Die Ermittler werten inzwischen zahlreiche Datenträger aus. Timo R. habe die Hafenanlagen über Monate "
             "fotografiert und die Bilder über einen Messengerdienst verschickt, heißt es aus Sicherheitskreisen in "
             "Berlin. Sein Anwalt äußerte sich bislang nicht zu den Vorwürfen.")
    records = _records(tmp_path, [{"url": "https://one.example/a", "language": "de", "text": arrest},
                                          {"url": "https://two.example/b", "language": "de", "text": later}])
    assert _urls(next(r for r in records if r["name"] == "Timo R.")) == {"https://one.example/a", "https://two.example/b"}


def test_every_spelling_of_a_firms_name_in_its_reports_is_an_alias(tmp_path: Path) -> None:
    records = _records(tmp_path, [
        {"url": "https://one.example/f", "text": (
            "Prosecutors charged Harbin Polar Network Technology Company, a contractor for China's Ministry of "
            "State Security, with breaking into energy firms across Europe, the court in Oslo said on Monday.")},
        {"url": "https://two.example/g", "text": (
            "Security researchers said Harbin Polar Network Technology Co. Ltd. exploited a flaw in firewalls "
            "for months. A spokesman for Harbin Polar Networks Technology said its staff had done nothing "
            "wrong. Harbin University was not involved, the researchers added.")},
        {"url": "https://three.example/h", "text": (  # only a spelling with one word otherwise
            "Energy firms across Norway have patched their firewalls. A spokesman for Harbin Polar Networks "
            "Technology Company declined to comment on the researchers' report when reached by telephone.")},
    ])
    firm = next(r for r in records if r["kind"] == "company")
    assert "https://three.example/h" in _urls(firm)
    assert {"Harbin Polar Network Technology Co. Ltd.", "Harbin Polar Networks Technology"} <= set(firm["aliases"])
    assert "Harbin University" not in firm["aliases"]
