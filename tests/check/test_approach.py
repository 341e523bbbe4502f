"""The approach check on messages written for it: resembling ones flagged with the right method, ordinary ones not.

Two tables of messages, written for the first, phrase-based check (WRITTEN_FIRST tuned it; HELD_OUT was
scored before changes to it). The lemma-and-structure signs of spyglass/check/signs.json were built on half
of the independent corpus (tests/check/test_independent_corpus.py) without looking at these tables; scored
afterwards they named the expected method first for 15 of 24 resembling messages and flagged 1 of 26
ordinary ones.
The floors below pin that. Every expected method is the one a reader of the vocabulary's definitions would
name; None marks an ordinary message.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from spyglass.check.approach import DISCLAIMER, check_message, find_features
from spyglass.check.cli import register
from spyglass.check.evidence import store_lookup
from spyglass.errors import InputError
from spyglass.model import Claim, Document, Segment, content_hash
from spyglass.settings import Settings
from spyglass.store import extracted

WRITTEN_FIRST = [
    ('Hello Dr Patel, I came across your profile and was really impressed by your background in defence '
     "procurement. I'm a talent consultant for a Singapore-based strategic advisory firm that prefers not "
     'to be named at this stage. They are looking for senior people for a flexible, well-paid advisory '
     'role. Would you be open to continuing this conversation on WhatsApp? It is a bit more private than '
     'here.',
     'fake_recruiter'),
    ("Hi James, hope you don't mind me reaching out out of the blue. I represent an international "
     'consultancy that is building a network of people with government experience. The engagement is '
     'remote and very flexible, and your insider perspective on how your former department works would be '
     'extremely valuable. Please keep this discreet for now - could we talk on Telegram?',
     'fake_recruiter'),
    ('Dear Colonel Hughes, I lead talent acquisition for a fast-growing geopolitical risk consultancy with '
     'clients across Asia. Given your years in defence intelligence we would welcome you to our expert '
     'network. Members receive USD 1,500 per briefing note. Because of client sensitivities, please keep '
     'this approach to yourself and reply to my personal email rather than through LinkedIn.',
     'fake_recruiter'),
    ('Dear Professor Lindqvist, on behalf of our research institute I would like to invite you to give a '
     'lecture to a small group of our scholars next month. Business-class flights and a five-star hotel '
     'will be arranged for you, and we will offer a generous honorarium. Our scholars are particularly '
     "interested in your country's thinking on Arctic policy. Please reply at your earliest convenience.",
     'paid_invitation'),
    ('Greetings! Our foundation is organising a closed-door roundtable on maritime security and would be '
     'honoured to host someone of your standing. We will arrange and pay for your flights and '
     'accommodation, plus a per diem. There is no need to inform your ministry; it is an informal academic '
     'exchange.',
     'paid_invitation'),
    ('Hi Sarah, I run a small research consultancy and we are commissioning short white papers on European '
     'energy policy. Nothing sensitive at all, just your analysis based on public sources, around 2,000 '
     'words. We pay USD 800 per paper, paid promptly via PayPal. If this works well we would like to build '
     'a long-term cooperation on more specific topics.',
     'paid_escalating_requests'),
    ('Dear Mr Okafor, a client of ours would value your perspective on the trade negotiations. We would '
     'pay a consultancy fee for a brief report summarising open-source material. Later we may ask for more '
     'detailed notes on the internal discussions, all handled discreetly.',
     'paid_escalating_requests'),
    ('Dear Anna, congratulations on your scholarship year here. Our cultural exchange association supports '
     'promising foreign students like you with a monthly stipend. We only ask that you stay in touch after '
     "you graduate and tell us about your career - we hear you hope to join your country's foreign "
     'service. Best not to mention the stipend to your university.',
     'student_cultivation'),
    ("Hi, I saw you at the trade delegation dinner last night and I couldn't stop thinking about you. I "
     "felt a real connection. I'm staying at the hotel by the river, maybe a drink together, just the two "
     "of us? Add me on WeChat so we can talk privately. I'd love to hear more about your work at the "
     'ministry.',
     'honey_trap'),
    ('Thank you for the first delivery. For your safety, from now on use only the secure phone we gave '
     'you; the app deletes messages automatically. Your next payment will be sent once you upload the '
     "files on your former colleagues' projects.",
     'secure_comms_device'),
    ('Mr Chen, we have spoken with your parents back home. They are worried about you. Your posts '
     "attacking the government are causing them trouble, and your father's pension could be affected. "
     'Delete the videos and stop attending the protests, and everything will be fine. Do not discuss this '
     'with anyone.',
     'diaspora_coercion'),
    ('Brother Liu, people from the relevant department came to see your family again. If you come back '
     'home voluntarily and turn yourself in, you will get lenient treatment. Think of your wife and son. '
     'The longer you wait, the worse it will be.',
     'fugitive_repatriation'),
    ("Hi Maria, I'm Tom, a technical recruiter at Northwind Software. We're hiring a Senior Backend "
     'Engineer (Python) for our Berlin office, hybrid, salary range EUR 85-100k plus equity. I came across '
     'your profile and think your experience with distributed systems would be a great fit. The full job '
     'description is on our careers page: https://northwind.example/careers/1234. Would you be open to a '
     '20-minute call this week?',
     None),
    ("Dear Mr Okonkwo, I'm a recruitment consultant at Hays specialising in finance roles. A client of "
     'ours, a mid-sized logistics company in Manchester, is looking for a Financial Controller. Full-time, '
     "permanent, GBP 70,000 plus benefits. If you're interested, please send me your updated CV and I'll "
     'share the job description.',
     None),
    ("Hi Lena, I'm a recruiter at Contoso. We have an opening for a data analyst in our Dublin team - "
     'would you be interested in hearing more? Happy to chat by phone whenever suits you.',
     None),
    ('Dear colleague, we invite you to submit a paper to the 14th International Conference on '
     'Computational Linguistics, held in Lisbon on 3-5 October. Submission deadline: 15 May. Accepted '
     'papers will appear in the proceedings. Registration opens in June and early-bird fees apply. Details '
     'at https://iccl.example.org.',
     None),
    ('Dear Professor Nakamura, on behalf of the programme committee of the European Water Resources '
     'Symposium I am delighted to invite you to give a keynote address in Vienna on 12 June. As a keynote '
     'speaker your registration, travel and accommodation will be covered by the organisers, and we can '
     'offer an honorarium of EUR 500. The full programme is published at https://ewrs.example.org. Please '
     'let us know by 1 March whether you can accept.',
     None),
    ("You're invited: Cloud Security Summit 2025, London, 4 November. Hear from CISOs at leading banks and "
     'insurers. Register now at https://cloudsec.example.com - seats are limited.',
     None),
    ('Hi Priya, thanks for the quote. Please find attached purchase order PO-4471 for 200 units of the '
     'sensor module. Could you confirm the delivery date as soon as possible? Invoice our accounts address '
     'as usual.',
     None),
    ("Hello Mark, following our call I'd like to set up a meeting next Tuesday to go over the Q3 marketing "
     'plan. Can you share the latest figures beforehand? Thanks, Julia',
     None),
    ("Hi Dan, I'm an editor at Harbour Review magazine. We'd love to commission a 1,500-word feature on "
     'urban cycling infrastructure for our spring issue. Our rate is GBP 400, payable on publication; '
     'contract attached. Deadline 20 April.',
     None),
    ("Hello, I'm with an expert network. A client is looking to speak with experts on the European "
     'cold-chain logistics market for a one-hour paid phone consultation (USD 300). You must not share any '
     'confidential information from your current employer. Please complete our compliance questionnaire '
     'before the call.',
     None),
    ('Dear student, the International Office is pleased to announce the summer exchange programme with our '
     'partner universities. Scholarships of EUR 1,200 a month cover tuition and travel. Apply through the '
     'student portal by 30 March.',
     None),
    ('Hi all, IT here. Please install the new authenticator app on your work phone before Friday; from '
     'Monday the VPN will require it. Instructions are on the intranet.',
     None),
    ("Hi Wei, your mum called - she's worried because she couldn't reach you. Give her a ring when you're "
     'back home tonight.',
     None),
    ('Hi Ahmed, great to connect after the panel yesterday. I enjoyed your point about supply chain '
     "resilience. Let me know if you're ever in Rotterdam, happy to grab a coffee.",
     None),
]
HELD_OUT = [
    ('Good afternoon Ms Byrne. Your CV stood out to one of my clients, an investment advisory house in the '
     'region which for now wishes to remain anonymous. They seek occasional consultants with a '
     'public-sector background and pay very well. Could you add me on Signal so we can discuss details '
     'away from this site?',
     'fake_recruiter'),
    ('Dear Dr Weber, the Institute for Strategic Exchange warmly invites you to a three-day academic '
     "forum. All costs including airfare and hotel are covered by us, with an additional speaker's fee. "
     "Participants value frank views on your government's defence priorities. Kindly confirm urgently.",
     'paid_invitation'),
    ('Hello Tom, we are an analytics start-up and pay EUR 500 for short analysis pieces on European '
     'politics, based only on publicly available information. Over time we hope to grow this into a '
     'long-term partnership with more in-depth reports.',
     'paid_escalating_requests'),
    ('Dear visiting scholar, our friendship society offers a generous stipend to outstanding international '
     'students. In return we simply hope you will keep us informed about your progress once you return '
     'home and begin work in the civil service.',
     'student_cultivation'),
    ('You look so beautiful in your photos. I feel such a connection with you already. I will be in your '
     "city next week - dinner together? Let's move this chat to WhatsApp, and tell me more about your job "
     'at the embassy.',
     'honey_trap'),
    ('Your cousin was questioned by the police last week. Your family at home is worried. If you stop your '
     'campaign and remove the articles, the relevant authorities will leave them alone.',
     'diaspora_coercion'),
    ("Hi Jonas, I'm a talent partner at Globex. We're building our platform team in Munich and I think "
     'your Kubernetes experience would be a strong match. The role is full-time with a salary of EUR 90k; '
     'the job description is attached. Interested in a quick chat?',
     None),
    ('Dear Dr Weber, thank you for agreeing to review for the Journal of Applied Ecology. The manuscript '
     'is available in our submission system; please return your peer review within four weeks.',
     None),
    ('Hi Sam, our annual user conference is in Austin this October. As one of our customer speakers, your '
     'flights and hotel will be covered. The call for proposals closes on 1 June - see '
     'https://conf.example.com for the programme.',
     None),
    ('Hello Ms Ito, please find our quotation for the office furniture attached. Delivery date is two '
     'weeks from the purchase order. Let me know if you have questions.',
     None),
    ('Hey! It was great meeting you at the climbing gym. A few of us are going for pizza on Thursday - '
     'want to come?',
     None),
    ('Dear parent, the school trip to the science museum is on 14 May. The trip is free; please return the '
     'consent form by Friday.',
     None),
    ('Hi Mr Novak, a headhunter here. I noticed your profile and your remarkable career in the foreign '
     'ministry. A client whose name I cannot share yet needs senior advisers on European affairs - remote '
     'and generously paid. Shall we continue the conversation on Telegram?',
     'fake_recruiter'),
    ('Dear Ambassador (ret.), we would be privileged to welcome you as guest speaker at our policy '
     'symposium. We will cover your flights, hotel and a handsome honorarium. Our members are keen to hear '
     'your insider view on internal deliberations in Brussels. This invitation is best kept between us.',
     'paid_invitation'),
    ('Hello, we commission policy briefs from people with your experience: simple questions, nothing '
     'classified, USD 600 each. If we work well together we will move on to more specific topics next '
     'quarter.',
     'paid_escalating_requests'),
    ("My darling, I miss you since the conference. Come to my hotel tonight, just the two of us. And don't "
     'tell your colleagues about us.',
     'honey_trap'),
    ('We have provided you with a dedicated phone. Use only the encrypted app on it for our contact and '
     'delete the chat history after each message. Payment as usual.',
     'secure_comms_device'),
    ('Your sister lost her job because of your posts. The competent authorities ask you to stop your '
     'protests abroad. Think about your parents.',
     'diaspora_coercion'),
    ('Dear Ms Varga, I lead an executive search for a listed energy company seeking a Chief Financial '
     'Officer. This is a confidential search, so please keep it discreet for now. The package includes a '
     'competitive salary and benefits; may I send you the position description?',
     None),
    ('Hi Leo, reminder that the quarterly all-hands is tomorrow at 10:00 in the main auditorium. Remote '
     'staff can join via the usual link.',
     None),
    ('Dear author, your manuscript has been accepted for publication. Please sign the copyright form and '
     'return the proofs within 48 hours.',
     None),
    ("Hello Mr Singh, we are pleased to invite you to speak at our community library's lecture series on "
     'local history. Unfortunately we cannot offer a fee, but tea and biscuits will be provided!',
     None),
    ("Hi, I'm a freelance journalist writing about the housing market. Would you be willing to answer a "
     'few questions for a piece in the Weekend Post? Happy to quote you by name or not, as you prefer.',
     None),
    ('Dear customer, your order #55812 has shipped and will arrive within 3-5 business days. Track it at '
     'https://shop.example.com/track.',
     None),
]
MESSAGES = WRITTEN_FIRST + HELD_OUT


def top_method(text: str) -> str | None:
    report = check_message(text)
    return report.matches[0].method if report.matches else None


def test_tables_name_the_expected_method_first() -> None:
    resembling = [(t, m) for t, m in MESSAGES if m]
    ordinary = [t for t, m in MESSAGES if m is None]
    right = sum(top_method(t) == m for t, m in resembling)
    flagged = sum(top_method(t) is not None for t in ordinary)
    assert len(resembling) == 24 and len(ordinary) == 26
    assert right >= 15  # 15 of 24 when the floor was set
    assert flagged <= 1


@pytest.mark.parametrize("text, expected", [
    (WRITTEN_FIRST[0][0], "fake_recruiter"),  # talent consultant, unnamed firm, WhatsApp
    (WRITTEN_FIRST[9][0], "secure_comms_device"),  # "use only the secure phone we gave you"
    (WRITTEN_FIRST[10][0], "diaspora_coercion"),  # parents, pension, delete the videos
    (next(t for t, m in MESSAGES if t.startswith("My darling")), "honey_trap"),
    (WRITTEN_FIRST[12][0], None),  # a named employer's vacancy with salary and careers page
])
def test_some_messages_name_their_method(text: str, expected: str | None) -> None:
    assert top_method(text) == expected


@pytest.mark.parametrize("text, expected", [(t, m) for t, m in MESSAGES if m])
def test_features_are_quoted_back_with_offsets(text: str, expected: str) -> None:
    report = check_message(text)
    for hit in report.features:
        assert hit.quote and text[hit.start : hit.end] == hit.quote
    for match in report.matches:
        assert 0 < match.score <= 1 and match.threshold == 0.5 and match.features
        assert set(match.named_by) <= {h.feature for h in match.features}
        # the red flags shown beside the signs that name the method all weigh for it
        assert all(match.weights[h.feature] > 0 for h in match.features if h.feature not in match.named_by)


def test_quotes_of_a_known_message() -> None:
    text = WRITTEN_FIRST[0][0]
    report = check_message(text)
    assert report.matches
    hits = {(h.feature, h.quote) for h in report.features}
    assert ("off_channel", "WhatsApp") in hits
    assert ("concealed_principal", "not to be named at this stage") in hits
    assert ("flattery", "impressed") in hits


@pytest.mark.parametrize("text, sign, quote", [
    # one sign, many wordings: the lemma classes and the structure carry it, not a phrase list
    ("Could you bring the unpublished results?", "nonpublic_material", "unpublished results"),
    ("Please send the data that has not yet been released.", "nonpublic_material", "data that has not yet been released"),
    ("We would value the figures that were never made public.", "nonpublic_material", "figures that were never made public"),
    ("Could you share the internal roadmap?", "nonpublic_material", "internal roadmap"),
    ("Maybe don't tell your manager about it.", "bypass_institution", "tell your manager"),
    ("There is no need to inform your department.", "bypass_institution", "inform your department"),
    ("It should not be disclosed to your university.", "bypass_institution", "disclosed to your university"),
    ("Who runs the crypto team these days?", "people_probe", "Who"),
    ("Nobody would ever know.", "secrecy", "Nobody"),
    ("Payment can be made in digital currency.", "unusual_payment", "digital currency"),
    # mechanisms of the second round (issue 18): sentences written for the test, not taken from a corpus
    ("We would pay for a short note on the budget fight inside your directorate.", "inside_view", "note on the budget"),
    ("Could you take a photo of the test stand in your lab?", "inside_view", "photo of the test stand in your lab"),
    ("My grant from the provincial government comes with a requirement to work on your radar project.",
     "sponsor_obligation", "grant"),
    ("We act for a client in Asia.", "unnamed_client", "client in Asia"),
    ("Kindly route the order through a freight forwarder in a third country.", "export_evasion", "freight forwarder"),
    ("We could break the order into several smaller batches so it stays below the licence threshold.",
     "export_evasion", "smaller"),
    ("Please write the end use as academic research.", "export_evasion", "end use as"),
    ("Please don't bring any confidential documents from your employer.", "warns_off_material", "bring"),
    ("We route all work through your university's contracts office.", "institution_in_loop", "through"),
    ("There is no need to invoice us.", "deniability", "invoice"),
    ("A trial memo first, then we will see.", "escalation", "trial memo"),
    ("Which of your colleagues hold the higher clearance?", "people_probe", "Which of"),
    ("pls dont mention it to your advisor", "bypass_institution", "mention it to your advisor"),
    ("babe you are so cute, send me a pic of your desk at the base", "covert_personal_probe", "babe"),
])
def test_signs_generalise_over_wording(text: str, sign: str, quote: str) -> None:
    found = find_features(text)
    assert sign in found, found
    assert any(quote in h.quote or h.quote in quote for h in found[sign])


@pytest.mark.parametrize("text, sign", [
    ("Please don't share the draft with your manager yet.", "warns_off_material"),  # keeps the manager out
    ("We'll return it before you fly home.", "return_home"),  # a thing returned, not a person
    ("Our client, Northvane Cells in Sheffield, is hiring.", "unnamed_client"),  # named
    ("Could you send a photo of yourself for the programme?", "inside_view"),  # not a workplace
    ("Nothing fancy, just dinner.", "deniability"),
    ("You will not share confidential information from current or former employers.", "nonpublic_material"),
    ("You will not share confidential information from current or former employers.", "bypass_institution"),
    ("The slides will be posted on our public website.", "nonpublic_material"),
    ("We'd love to see you at the reunion.", "romance"),
])
def test_signs_do_not_fire_on_their_opposite(text: str, sign: str) -> None:
    assert sign not in find_features(text)


def test_ordinary_signs_count_against() -> None:
    text = ("Dear Dr Mensah, we reimburse economy fare against receipts. Your university's finance office may "
            "need to countersign the speaker agreement, so I have copied in your international office.")
    found = find_features(text)
    assert {"modest_terms", "institution_in_loop"} <= set(found)
    assert top_method(text) is None


def test_report_says_it_is_not_a_verdict() -> None:
    for text, _ in (WRITTEN_FIRST[0], WRITTEN_FIRST[-1]):
        report = check_message(text).to_dict()
        assert report["disclaimer"] == DISCLAIMER and "not a verdict" in DISCLAIMER
        assert "says nothing about who sent the message" in DISCLAIMER
        assert report["evidence_consulted"] is False and "No store" in report["evidence_note"]


def test_evidence_from_a_lookup_is_attached_and_limited() -> None:
    uses = [{"quote": f"use {i}"} for i in range(7)]
    report = check_message(WRITTEN_FIRST[0][0], lambda method: uses if method == "fake_recruiter" else [],
                           "from a test", evidence_limit=3)
    match = report.matches[0]
    assert [u["quote"] for u in match.evidence] == ["use 0", "use 1", "use 2"] and match.evidence_total == 7
    assert report.evidence_consulted and report.evidence_note == "from a test"


ARTICLE = ("Prosecutors said Anna Kowalczyk answered a message on LinkedIn from someone posing as a headhunter. "
           "Anna Kowalczyk was charged on 3 March 2024.")


def _store_with_use(store) -> Document:
    doc = Document(content_hash(ARTICLE), ARTICLE, [Segment("body", 0, len(ARTICLE))], publisher="Example Post",
                   published="2024-03-04", title="Analyst charged")
    store.add_document(doc, "test")
    first = ARTICLE.index(".") + 1
    claims = [
        Claim("Russia", "used_method", doc.doc_id, 0, first, "test", "1", object="fake_recruiter",
              value="Anna Kowalczyk", subject_type="country", hedge="attributed", hedge_cue="Prosecutors said"),
        Claim("Anna Kowalczyk", "charged", doc.doc_id, first + 1, len(ARTICLE), "test", "1", subject_type="person",
              confidence=0.7),
    ]
    extracted.save(store, doc.doc_id, [], claims, "test")
    return doc


def test_store_lookup_gives_sources(store) -> None:
    doc = _store_with_use(store)
    lookup, note = store_lookup(store)
    assert "1 method claims" in note
    [use] = lookup("fake_recruiter")
    assert use["actor"] == "Russia" and use["against"] == "Anna Kowalczyk" and use["hedge"] == "attributed"
    assert use["quote"] == ARTICLE[: ARTICLE.index(".") + 1]
    assert use["document"] == {"id": doc.doc_id, "title": "Analyst charged", "publisher": "Example Post",
                               "published": "2024-03-04", "url": None}
    assert [c["name"] for c in use["cases"]] == ["Anna Kowalczyk"]
    assert lookup("honey_trap") == []


def test_empty_store_says_so(store) -> None:
    lookup, note = store_lookup(store)
    assert lookup("fake_recruiter") == [] and "holds no method claims" in note


def run_cli(argv: list[str], db: Path) -> int:
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    args = parser.parse_args(argv)
    return int(args.handler(args, Settings.from_env(db=str(db))))


def test_cli_json_without_a_store(tmp_path: Path, capsys) -> None:
    from spyglass.check.learned import learned_weights

    message = tmp_path / "message.txt"
    message.write_text(WRITTEN_FIRST[0][0], encoding="utf-8")
    assert run_cli(["check-approach", str(message), "--format", "json"], tmp_path / "absent.db") == 0
    out = json.loads(capsys.readouterr().out)
    assert out["resembles"][0]["method"] == "fake_recruiter"
    assert out["resembles"][0]["weights"]["off_channel"] == learned_weights().signs["off_channel"]
    assert out["resembles"][0]["words"] and 0.5 <= out["resembles"][0]["score"] <= 1
    assert "No store at" in out["evidence_note"] and not (tmp_path / "absent.db").exists()


def test_cli_text_with_a_store(tmp_path: Path, capsys) -> None:
    from spyglass.store import Store

    with Store(tmp_path / "s.db") as opened:
        _store_with_use(opened)
    message = tmp_path / "message.txt"
    message.write_text(WRITTEN_FIRST[1][0], encoding="utf-8")
    assert run_cli(["check-approach", str(message)], tmp_path / "s.db") == 0
    out = capsys.readouterr().out
    assert out.startswith("This report shows resemblance and evidence, not a verdict.")
    assert "[fake_recruiter]" in out and '"Telegram"' in out
    assert "Russia against Anna Kowalczyk (attributed: Prosecutors said); case: Anna Kowalczyk" in out


def test_cli_rejects_unreadable_input(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        run_cli(["check-approach", str(tmp_path / "missing.txt")], tmp_path / "absent.db")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        run_cli(["check-approach", str(empty)], tmp_path / "absent.db")
