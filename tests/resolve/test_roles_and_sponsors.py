"""Nobody who faces no action is a case, and the sponsor is the service a person acted for.

Each report is written for this test (invented people, places and outlets) in the shape real
reporting takes: a quoted official, a defence lawyer, a byline, an image credit, a subscription
blurb, a targeted politician, a politician whose aide is charged, a group beside the named
defendants; a former employer, an investigating agency and a nationality as sponsor traps.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spyglass.ingest.run import ingest
from spyglass.run.cases import case_records
from spyglass.store import Store

# (report, people who must be cases, people and groups who must not, {case: sponsor or None})
REPORTS: list[tuple[str, set[str], set[str], dict[str, str | None]]] = [
    (  # a quoted official of the investigating agency, and his agency is no sponsor
        "Federal agents arrested Tomas Hrubek, a 52-year-old logistics manager from Ohio, on Monday on charges of "
        "spying for China's Ministry of State Security. \"Foreign services target our companies every day,\" said "
        "FBI Assistant Director Marion Keel, whose office led the investigation. Hrubek was held without bail.",
        {"Tomas Hrubek"}, {"Marion Keel"}, {"Tomas Hrubek": "Ministry of State Security"},
    ),
    (  # a defence lawyer in apposition, and a judge by title
        "Anneli Forsmark, a former navy analyst, was convicted on Thursday of passing classified maps to Russia's GRU "
        "and sentenced to nine years in prison. Judge Oskar Lindqvist said the damage was grave. Her lawyer, "
        "Petra Vahl, said she would appeal the verdict.",
        {"Anneli Forsmark"}, {"Oskar Lindqvist", "Petra Vahl"}, {"Anneli Forsmark": "GRU"},
    ),
    (  # a byline of two reporters and an image credit
        "By Clara Menon and Joel Ashby\n\nA former defence contractor, Rupert Galloway, was charged on Friday with "
        "acting as an agent of Iran after meeting intelligence officers in Istanbul, prosecutors said.\n\n"
        "Photo: Dana Whitlock/Reuters\n\nGalloway denies the charges and will appear in court next month.\n\n"
        "Clara Menon and Joel Ashby reported from London.",
        {"Rupert Galloway"}, {"Clara Menon", "Joel Ashby", "Dana Whitlock"}, {"Rupert Galloway": "Iran"},
    ),
    (  # a former employer is not the sponsor, nor is a nationality
        "Leonard Vasko, a former CIA officer who spied for China, was sentenced on Tuesday to 20 years in prison. "
        "Vasko, a Canadian citizen, sold secrets to the Chinese government for cash, the court heard.",
        {"Leonard Vasko"}, set(), {"Leonard Vasko": "China"},
    ),
    (  # a politician whose aide was charged, and a targeted member of parliament
        "An aide to the senator Harriet Olde was charged on Wednesday with spying for China. Prosecutors say the "
        "aide, Daniel Pruett, passed notes on defence committee meetings to an intelligence officer. Member of "
        "parliament Gordon Leys, who was targeted by the same network, said he was shocked.",
        {"Daniel Pruett"}, {"Harriet Olde", "Gordon Leys"}, {"Daniel Pruett": "China"},
    ),
    (  # a group beside named defendants, and a businessman named in the site's subscription blurb
        "Two men were arrested on Monday on suspicion of spying for Russia. The suspects, Karel Novy and Ivo Brandt, "
        "were detained in Prague after photographing military trains, police said.\n\n"
        "Subscribe to our newsletter: investor Wendell Price calls it the best briefing in Europe.",
        {"Karel Novy", "Ivo Brandt"}, {"Two men", "Wendell Price"}, {"Karel Novy": "Russia"},
    ),
    (  # a witness who testified and the defendant's employer are not cases
        "Victor Amsel, a satellite engineer at Orbital Nexus, was convicted on Monday of selling design files to "
        "Iran's Ministry of Intelligence. A former colleague, witness Clara Dunmore, told the court she had seen him "
        "copy the files. Orbital Nexus said it had cooperated fully with investigators.",
        {"Victor Amsel"}, {"Clara Dunmore", "Orbital Nexus"}, {"Victor Amsel": "Ministry of Intelligence (Iran)"},
    ),
    (  # a front company that paid the agent faces no case; a firm that broke into networks itself does
        "Noel Farrant, a former police detective, was convicted on Friday of spying for Iran. He was "
        "paid through Cedarline Advisory Partners, a company registered in Doha which prosecutors said acted on "
        "behalf of Iranian intelligence. Separately, Meridian Broadcasting was hacked by Blue Lantern Data Systems, "
        "a contractor for Iran's Ministry of Intelligence, officials said.",
        {"Noel Farrant", "Blue Lantern Data Systems"}, {"Cedarline Advisory Partners"}, {"Noel Farrant": "Iran"},
    ),
    (  # a prisoner freed in a swap, jailed on charges of another kind, faces no espionage case
        "Russia freed the convicted spy Oleg Marchenko on Thursday in an exchange for five prisoners held in Belarus, "
        "including aid worker Tomasz Wierzbicki, who was detained in Minsk last year and sentenced to five years on "
        "charges of \"assisting extremist activities\" that Warsaw called fabricated. Marchenko had been convicted of "
        "spying for Russia's GRU in 2022.",
        {"Oleg Marchenko"}, {"Tomasz Wierzbicki"}, {"Oleg Marchenko": "GRU"},
    ),
    (  # someone released without charge is not a case through a pronoun alone
        "Police questioned the spokesperson Irma Delacroix about the leak on Friday. She was released without "
        "charge the same evening, and the ministry said it would cooperate with the inquiry into the leaked files.",
        set(), {"Irma Delacroix"}, {},
    ),
]


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    folder = tmp_path_factory.mktemp("roles")
    feed = folder / "feed.jsonl"
    lines = [json.dumps({"url": f"https://news.example/{i}", "title": f"Report {i}", "publisher": "Example News",
                         "published": "2025-03-14", "text": text}) for i, (text, *_rest) in enumerate(REPORTS)]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Store(Path(folder) / "s.db") as store:
        ingest([str(feed)], store, max_bytes=1_000_000)
        from spyglass.run.local import extract_pending

        extract_pending(store)
        return case_records(store)


def _names(record: dict) -> set[str]:
    return {record["name"], *record["aliases"]}


@pytest.mark.parametrize("number", range(len(REPORTS)))
def test_only_people_facing_an_action_are_cases(records: list[dict], number: int) -> None:
    _text, cases, bystanders, _sponsors = REPORTS[number]
    names = set().union(*(_names(r) for r in records))
    assert cases <= names, f"missing cases: {cases - names}"
    assert not (bystanders & names), f"bystanders built as cases: {bystanders & names}"


@pytest.mark.parametrize("number", range(len(REPORTS)))
def test_the_sponsor_is_the_service_acted_for(records: list[dict], number: int) -> None:
    for person, sponsor in REPORTS[number][3].items():
        record = next(r for r in records if person in _names(r))
        got = record["sponsor"]["name"] if record["sponsor"] else None
        assert got == sponsor or (sponsor is not None and got is not None and sponsor in record["sponsor"]["aliases"]), \
            f"{person}: sponsor {got!r}, expected {sponsor!r}"


def test_roles_are_kept_as_claims(records: list[dict]) -> None:
    from spyglass.store.extracted import claim_records

    del records
    # the module fixture's store is closed; roles are read from a fresh one
    text, *_ = REPORTS[1]
    import tempfile

    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "s.db") as store:
        feed = Path(folder) / "one.jsonl"
        feed.write_text(json.dumps({"url": "https://news.example/x", "title": "T", "text": text}) + "\n", encoding="utf-8")
        ingest([str(feed)], store, max_bytes=1_000_000)
        from spyglass.run.local import extract_pending

        extract_pending(store)
        roles = {(c.subject, c.value) for c in claim_records(store) if c.predicate == "named_as"}
    assert ("Oskar Lindqvist", "judge") in roles
    assert ("Petra Vahl", "lawyer") in roles


def test_a_shared_surname_with_another_given_name_never_merges(tmp_path: Path) -> None:
    """Two people of one family name, years apart, both said to work for the same service: two cases."""
    reports = [
        ("2019-05-02", "Martin Halloran, a retired signals technician, was sentenced on Tuesday to eight years in "
                       "prison for spying for Russia's GRU, a court in Leeds heard. He had photographed radar sites for three years "
                       "and was paid in cash by his contact."),
        ("2024-10-09", "Deirdre Halloran, a port logistics planner, was charged on Monday with spying for Russia's GRU "
                       "after meeting a handler in Riga, prosecutors said. She is due to appear in court next month and has not "
                       "yet entered a plea."),
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps({"url": f"https://news.example/h{i}", "title": "Spy case", "published": day,
                                          "text": text}) for i, (day, text) in enumerate(reports)) + "\n",
                    encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        ingest([str(feed)], store, max_bytes=1_000_000)
        from spyglass.run.local import extract_pending

        extract_pending(store)
        names = sorted(r["name"] for r in case_records(store))
    assert names == ["Deirdre Halloran", "Martin Halloran"]


def test_case_file_and_page_say_why_others_are_no_case(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from spyglass.run.cases import case_file, cases_in, find_case
    from spyglass.serve.app import create_app

    text, *_ = REPORTS[1]
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"url": "https://news.example/t", "title": "Analyst jailed", "text": text}) + "\n",
                    encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        ingest([str(feed)], store, max_bytes=1_000_000)
        from spyglass.run.local import extract_pending

        extract_pending(store)
        data = case_file(store, find_case(cases_in(store), "Anneli Forsmark"))
    named = {(p["name"], p["named_as"]) for p in data["people_named"]}
    assert ("Petra Vahl", "lawyer") in named and ("Oskar Lindqvist", "judge or court") in named
    page = TestClient(create_app(tmp_path / "s.db"), base_url="http://127.0.0.1").get(f"/cases/{data['case_id']}").text
    assert "Petra Vahl: <em>named as lawyer</em>" in page


@pytest.mark.parametrize("text, name, status", [
    ("Marta Ilves, a ferry engineer, was arrested in May on suspicion of spying for Russia's GRU. On Friday a jury "
     "found Marta Ilves not guilty of espionage, and she walked free from the court after eleven months in custody.",
     "Marta Ilves", "acquitted"),
    ("Oskar Brenner was detained in March on suspicion of passing drone designs to China's Ministry of State "
     "Security. He died in custody on Sunday, two days after his arrest, his family said.", "Oskar Brenner", "deceased"),
    ("Rolf Ekberg was charged last year with passing radar data to Russia's GRU. On Monday a jury in Malmo found "
     "Rolf Ekberg guilty on all counts; he will be sentenced in the autumn, the court said.", "Rolf Ekberg", "convicted"),
    ("Lena Vogt was charged in June with spying for Iran's Ministry of Intelligence. At a hearing on Monday "
     "she pleaded not guilty, and her trial was set for next spring in the city court.", "Lena Vogt", "charged"),
])
def test_outcomes_as_the_law_has_them(tmp_path: Path, text: str, name: str, status: str) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"url": "https://news.example/o", "title": "Case", "published": "2025-06-20",
                                "text": text}) + "\n", encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        ingest([str(feed)], store, max_bytes=1_000_000)
        from spyglass.run.local import extract_pending

        extract_pending(store)
        record = next(r for r in case_records(store) if name in _names(r))
    assert record["status"] == status


def test_an_investigating_service_named_in_another_language_is_no_sponsor() -> None:
    """A report in another language that names the FBI (which arrested the person) and Russia's GRU:
    only the GRU is a foreign service the case could have acted for."""
    from spyglass.model import Document, Mention, Segment, content_hash
    from spyglass.resolve.cases import _foreign_services

    text = "联邦调查局逮捕了该男子。检方称他为俄罗斯军事情报总局工作。"
    doc = Document(content_hash("zh-fbi"), text, [Segment("body", 0, len(text))], published="2025-03-05", language="zh")
    mentions = [Mention(doc.doc_id, 0, 5, "联邦调查局", "state_agency", "us-fbi", "kb", "Federal Bureau of Investigation"),
                Mention(doc.doc_id, 18, 26, "俄罗斯军事情报总局", "state_agency", "ru-gru", "kb", "GRU")]
    assert _foreign_services({doc.doc_id: doc}, mentions) == {doc.doc_id: ["GRU"]}


def test_a_post_told_to_someone_is_the_tellers(tmp_path: Path) -> None:
    """"X revealed to Y that he was a member of the CIA's station": he is X, not Y."""
    from spyglass.run.local import extract_pending
    from spyglass.store import extracted

    report = tmp_path / "report.txt"
    report.write_text(
        "Prosecutors say a chemical engineer, Li Wen, was recruited while studying in Milan. As their meetings "
        "went on, an American named Marco Bell revealed to Li Wen that he was a member of the CIA's station in "
        "Milan, the ministry said. Li Wen was arrested in March and charged with espionage.\n", encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        ingest([str(report)], store, max_bytes=1_000_000)
        extract_pending(store)
        officers = {c.subject for c in extracted.claim_records(store) if c.predicate == "officer_of"}
    assert officers == {"Marco Bell"}


def test_a_firm_that_hacked_in_the_active_voice_is_a_case(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"url": "https://news.example/h", "title": "Contractor", "published": "2025-03-14", "text": (
        "Officials said on Friday that Blue Lantern Data Systems, a contractor for Iran's Ministry of Intelligence, "
        "hacked the email servers of Meridian Broadcasting in 2023. The firm did not respond to requests for comment.")})
        + "\n", encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        ingest([str(feed)], store, max_bytes=1_000_000)
        from spyglass.run.local import extract_pending

        extract_pending(store)
        record = next(r for r in case_records(store) if r["name"] == "Blue Lantern Data Systems")
    assert record["status"] == "alleged" and "Meridian Broadcasting" in record["targets"]
