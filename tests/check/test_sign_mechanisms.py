"""Who asks whom for what: the fifth round's mechanisms (issue 18), each on sentences written for this test.

Every mechanism has a sentence where the sign fires and an ordinary counter-example where it must not:
the sender's own practice, own paperwork or own next step is not a request for the recipient's material.
None of these sentences comes from a corpus.
"""

from __future__ import annotations

import pytest

from spyglass.check.approach import check_message, find_features

FIRES = [
    # a noun that is the subject of a negated publishing verb, the parser's reading of a reduced clause
    ("Especially any new sensor designs not yet announced would help.", "nonpublic_material"),
    # credentials made for the sender's side
    ("Could you set up a guest account for our technician on the plant network?", "asks_for_access"),
    ("Would you create a temporary VPN login for me before Friday?", "asks_for_access"),
    # keeping the recipient's compliance out, however it is phrased
    ("There is no need to loop in your compliance office about this.", "bypass_institution"),
    # a veiled threat
    ("Your brother's permit is still with them, so better not to say no.", "pressure"),
    # a hyphenated word is a run of lemmas ('re-export' is 're', '-', 'export')
    ("Ship the units to our forwarder and we will re-export them from there.", "export_evasion"),
    # a pact of secrecy about the exchange itself
    ("Our talks should stay between the two of us.", "secrecy"),
    ("Let's keep this quiet for now.", "secrecy"),
]

DOES_NOT_FIRE = [
    # the sender's own practice about a third party is no pact with the recipient
    ("The name of the candidate stays confidential until the board has met.", "secrecy"),
    # a promise of collecting less is no withheld principal
    ("No company names or personal details are stored with the answers.", "concealed_principal"),
    ("No company names or personal details are stored with the answers.", "deniability"),
    # the way of talking is not a device handed over
    ("I can give you the results of the review by phone on Monday.", "supplied_device"),
    # leaving a thing behind keeps it back
    ("Please leave your work laptop at home for the holiday.", "asks_artefact_handover"),
    # the sender's own next step: whom to ask, where to go
    ("Could you tell me whom to ask for a visitor badge when I arrive?", "people_probe"),
    ("Could you tell me whom to ask for a visitor badge when I arrive?", "operations_probe"),
    # 'in return' is an exchange, not a journey home
    ("In return, we would credit your team in the report.", "return_home"),
    # compliance kept in the loop, and a negation elsewhere does not turn it round
    ("We always loop in the compliance team before any paid engagement.", "bypass_institution"),
    # a payment outside an invoice is not the modest terms an invoice signals
    ("Your share will be paid separate from the invoice, into any account you like.", "modest_terms"),
    # the credentials are for the recipient, made by the sender
    ("We will create an account for you on our portal.", "asks_for_access"),
    # 'Nan' in a signature is a name, not a grandmother
    ("Pay the organisers at the door. Organising committee (Li Wei, Zhou Nan)", "authority_contact"),
]


@pytest.mark.parametrize("text, sign", FIRES)
def test_mechanism_fires(text: str, sign: str) -> None:
    found = find_features(text)
    assert sign in found, found


@pytest.mark.parametrize("text, sign", DOES_NOT_FIRE)
def test_mechanism_stays_quiet_on_its_ordinary_counterpart(text: str, sign: str) -> None:
    assert sign not in find_features(text)


@pytest.mark.parametrize("text", [
    # a headhunter's ordinary confidentiality about its own client, with a real fee
    "Dear Ms Varga, we are retained by a listed rail operator to find a board member. The client's name stays "
    "confidential until the shortlist is agreed. The role pays EUR 60,000 a year for about 15 days. Would you "
    "be open to a call?",
    # a partner's weekend note
    "Train tickets are booked and paid. Leave the work phone at home this time! Love you, Jo",
    # a visitor's own onboarding questions
    "I start my visit on Monday. Could you tell me when the lab induction runs and whom to ask for a key card?",
])
def test_ordinary_messages_are_not_flagged(text: str) -> None:
    assert check_message(text).matches == []


def test_keeping_compliance_out_with_a_question_about_plans_is_flagged() -> None:
    text = ("We'd just like your personal view: when does your ministry plan to announce next year's procurement "
            "decision? The fee is EUR 2,000 for a short call. No need to loop in your compliance office.")
    methods = [m.method for m in check_message(text).matches]
    assert "elicitation" in methods
