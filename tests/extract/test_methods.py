"""Method claims read from reporting (seed and hand-written text), and the method vocabulary's checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import shared_path

from spyglass.errors import ModelError
from spyglass.extract.claims import SentenceContext, _date_mentions
from spyglass.extract.entities import mentions_in, parse_bodies
from spyglass.extract.methods import UNATTRIBUTED, method_claims
from spyglass.extract.references import name_mentions
from spyglass.ingest.build import build_document
from spyglass.ingest.sources import RawInput
from spyglass.model import Claim, Document, Segment, content_hash
from spyglass.model.methods import KINDS, METHODS, load_vocabulary


def claims_of(doc: Document) -> list[Claim]:
    """Method claims of a document, sentence by sentence, as `claims_for` builds its contexts."""
    out: list[Claim] = []
    for parsed_doc, segments in parse_bodies([doc]):
        raw = [m for offset, parsed in segments for m in mentions_in(parsed_doc.doc_id, offset, parsed)]
        mentions = name_mentions(raw, parsed_doc.text)
        dates = _date_mentions(parsed_doc, segments)
        for offset, parsed in segments:
            for sentence in parsed.sents:
                lo, hi = offset + sentence.start_char, offset + sentence.end_char
                context = SentenceContext(parsed_doc, offset, sentence,
                                          [m for m in mentions if lo <= m.start and m.end <= hi], mentions)
                context.dates = [d for d in dates if lo <= d.start and d.end <= hi]
                out += method_claims(context)
    return out


def body_doc(text: str) -> Document:
    return Document(content_hash(text), text, [Segment("body", 0, len(text))], published="2024-05-02")


# Each gold method of the seed: the method ids that express it, and words its claim's span must hold.
SEED_GOLD = {
    "cyber intrusion by state-contracted private companies": ({"contractor_intrusion"}, "Xiaoruizhi"),
    "recruitment approach on professional social media by a fake headhunter": (
        {"fake_recruiter"}, "posing as a Beijing-based headhunter"),
    "expenses-paid invitation to an academic conference": ({"paid_invitation"}, "expenses-paid visit"),
    "small paid request for uncontroversial information escalating to sensitive requests": (
        {"paid_escalating_requests"}, "offer of money in exchange for something quite uncontroversial"),
    "approaching foreign students in China for long-term placement": (
        {"student_cultivation"}, "foreign students are being approached"),
    "honey-traps": ({"honey_trap"}, "honey-traps"),
    "coercion of diaspora critics through pressure on relatives at home": (
        {"diaspora_coercion"}, "putting pressure on relatives back home"),
    "use of proxies: criminal groups and private investigators": (
        {"proxies"}, "criminal groups or local private detectives"),
    "covert overseas police stations": ({"overseas_police_stations"}, "police stations"),
    "undeclared intelligence stations in embassies; officers under journalistic and commercial cover": (
        {"embassy_station", "cover"}, "MSS station"),
}


@pytest.fixture(scope="module")
def seed_claims() -> tuple[Document, list[Claim]]:
    path = shared_path("seed", "000_1093f815807a083d.txt")
    doc = build_document(RawInput(str(path), path.read_text(encoding="utf-8"), "txt"))
    assert isinstance(doc, Document)
    return doc, claims_of(doc)


def test_seed_gold_methods_found_with_spans(seed_claims: tuple[Document, list[Claim]]) -> None:
    doc, claims = seed_claims
    gold = json.loads(shared_path("seed", "gold.json").read_text(encoding="utf-8"))["tradecraft"]
    assert {g["method"] for g in gold} == set(SEED_GOLD)
    found = []
    for method, (ids, evidence) in SEED_GOLD.items():
        spans = [doc.text[c.start : c.end] for c in claims if c.object in ids]
        if any(evidence in span for span in spans):
            found.append(method)
    assert len(found) >= 8, sorted(set(SEED_GOLD) - set(found))
    assert len(found) == 10  # all ten today; the floor above is the issue's


def test_seed_actors_and_targets(seed_claims: tuple[Document, list[Claim]]) -> None:
    doc, claims = seed_claims
    by_words = {(c.object, doc.text[c.start : c.end][:40]): c for c in claims}

    def claim(method: str, start: str) -> Claim:
        return next(c for (m, words), c in by_words.items() if m == method and words.startswith(start))

    assert claim("fake_recruiter", "Heavily indebted").subject == "China"
    assert claim("fake_recruiter", "Heavily indebted").value == "Kevin Mallory"  # "he" is the man named before
    assert claim("secure_comms_device", "He was given").value == "Kevin Mallory"
    assert claim("student_cultivation", "There’s growing").value == "foreign students"
    assert claim("embassy_station", "Most Chinese embassies").subject == "Ministry of State Security"
    assert claim("cover", "These will be supplemented").subject == "Ministry of State Security"
    assert claim("contractor_intrusion", "The UK Electoral Commission").subject.endswith("Xiaoruizhi Science and "
                                                                                       "Technology Company")
    assert claim("paid_escalating_requests", "In most cases").subject == "China"  # generic: the document's sponsor
    proxies = claim("proxies", "Michael McMahon")
    assert proxies.subject == "China" and proxies.date_phrase == "last year" and proxies.date is not None
    for c in claims:
        assert c.predicate == "used_method" and c.object in METHODS and c.extractor == "spyglass.methods"
        assert doc.text[c.start : c.end].strip()


TEXT = (
    "Prosecutors said Anna Kowalczyk was contacted on LinkedIn by a fake recruiter working for Russia's GRU. "
    "She was later given an encrypted phone by her handler. "
    "The service did not use honey-traps in this case, investigators added. "
    "Theft of trade secrets carries up to 10 years in prison."
)


def test_case_specific_and_hedged() -> None:
    doc = body_doc(TEXT)
    claims = {c.object: c for c in claims_of(doc)}
    recruiter = claims["fake_recruiter"]
    assert (recruiter.subject, recruiter.value) == ("GRU", "Anna Kowalczyk")
    assert recruiter.hedge == "attributed" and recruiter.hedge_cue == "Prosecutors said"
    device = claims["secure_comms_device"]
    assert device.value == "Anna Kowalczyk" and device.subject in {"GRU", "Russia"}
    assert "honey_trap" not in claims  # denied in the sentence
    assert "insider_trade_secrets" not in claims  # a penalty explained, not a use reported


def test_no_actor_no_generic_claim_but_a_named_target_is_kept() -> None:
    text = ("Warning signs include an unsolicited offer of paid work and an invitation to an expenses-paid "
            "conference abroad. Daniel Okoro was contacted on LinkedIn by a fake recruiter, police say.")
    claims = claims_of(body_doc(text))
    assert [(c.object, c.subject, c.value) for c in claims] == [("fake_recruiter", UNATTRIBUTED, "Daniel Okoro")]


def test_vocabulary_is_complete() -> None:
    assert len(METHODS) >= 16 and {m.kind for m in METHODS.values()} == set(KINDS)
    for method in METHODS.values():
        assert method.definition and len(method.examples) >= 2 and method.cues
        for example in method.examples:
            assert example.strip() == example and example[-1] in ".!?"


def write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "extra.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_extra_file_adds_and_replaces(tmp_path: Path, monkeypatch) -> None:
    base = load_vocabulary(extra="")
    added = {"id": "drone_surveillance", "kind": "repression", "name": "Drone surveillance of protests",
             "definition": "Protests abroad are filmed from drones.", "examples": ["Drones filmed the rally."],
             "extraction": {"cues": [{"pattern": r"\bdrones?\b", "confidence": 0.5}]}}
    replaced = {**added, "id": "honey_trap", "name": "Honey-trap (local wording)"}
    path = write(tmp_path, {"methods": [added, replaced]})
    monkeypatch.setenv("SPYGLASS_METHODS", str(path))
    vocabulary = load_vocabulary()
    assert set(vocabulary.methods) == set(base.methods) | {"drone_surveillance"}
    assert vocabulary.methods["honey_trap"].name == "Honey-trap (local wording)"
    assert vocabulary.version.startswith(base.version + "+") and vocabulary.version != base.version


@pytest.mark.parametrize("bad, message", [
    ({"methods": [{"id": "x", "kind": "spying", "name": "n", "definition": "d", "examples": ["e."]}]}, "unknown kind"),
    ({"methods": [{"id": "x", "kind": "tradecraft", "name": "n", "definition": "d", "examples": ["e."],
                   "extraction": {"cues": [{"pattern": "(", "confidence": 0.5}]}}]}, "bad regular expression"),
    ({"methods": [{"id": "x", "kind": "tradecraft", "name": "n", "definition": "d", "examples": ["e."],
                   "message": {"requires": [["nope"]], "weights": {"nope": 1}, "threshold": 1}}]}, "unknown message features"),
    ({"methods": [{"id": "x", "kind": "tradecraft", "name": "n", "definition": "d", "examples": []}]}, "examples"),
    ({"method": []}, "unknown keys"),
])
def test_bad_extra_file_fails_loudly(tmp_path: Path, bad: dict, message: str) -> None:
    with pytest.raises(ModelError, match=message):
        load_vocabulary(extra=write(tmp_path, bad))


def test_he_far_below_the_one_person_a_report_names_is_that_person() -> None:
    text = ("A court in Ghent on Friday sentenced Karel Dobbels, a former lithography engineer, to four years in prison "
            "for passing wafer designs to Russia in breach of sanctions. "
            + "The court heard evidence over three days from colleagues, auditors and company managers. " * 8
            + "\"He also abused the trust his employer placed in him by stealing trade secrets and handing them to "
              "third parties,\" added the prosecution.")
    claims = [c for c in claims_of(body_doc(text)) if c.object == "insider_trade_secrets"]
    assert [(c.subject, c.value, c.hedge) for c in claims] == [("Russia", "Karel Dobbels", "attributed")]


def test_an_insider_copying_classified_documents_and_a_false_identity() -> None:
    text = ("Prosecutors said Erik Holm, an analyst at the defence ministry, spied for Russia's GRU. On two occasions "
            "he printed out secret planning documents at his office and photographed them on his screen. "
            "Investigators suspect that his contact had a false identity and was a so-called illegal.")
    found = {c.object: c for c in claims_of(body_doc(text))}
    assert found["insider_document_theft"].value == "Erik Holm"
    assert "cover" in found


def test_printing_a_public_report_is_no_theft() -> None:
    text = "Prosecutors said Erik Holm spied for Russia's GRU. He printed out the published annual report at a library."
    assert "insider_document_theft" not in {c.object for c in claims_of(body_doc(text))}
