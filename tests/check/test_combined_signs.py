"""Round 3 of issue 18: signs of different families combine, and requests read by their structure.

Each mechanism has sentences written for this test (none comes from a corpus) where it fires, and an
ordinary counterpart where it must not: a plain fee beside a work question, a private channel with no
request for material, a visitor asking how to get an escort rather than how to skip one.
"""

from __future__ import annotations

import pytest

from spyglass.check.approach import check_message, find_features

FIRES = [
    # an unusual or large inducement beside a request for the recipient's non-public material
    ("We pay in cash, well above our normal rate. Could you tell us what your agency has not yet announced "
     "about next year's budget?", "inducement_for_inside"),
    # a concealment beside a request for the recipient's material
    ("Can we move to a private chat? I'd like to hear what your unit has not yet published on the trials.",
     "hidden_inside_ask"),
    # a request to get round a control that guards a site or a system
    ("Could reception bypass the visitor check for our two extra engineers tomorrow?", "control_bypass"),
    ("Can I just log in with your account for an hour? Mine is still blocked.", "control_bypass"),
    # a request to send something to a personal address of the sender's
    ("Could you forward the drawings to my personal email tonight?", "handover_off_channel"),
    # a negative subject negates the verb; a verb of leaving out negates what it governs
    ("Nothing would be attributed to you.", "deniability"),
    ("Maybe skip mentioning it to your manager for now.", "bypass_institution"),
    ("Better not to mention it at work.", "bypass_institution"),
    # a payment put down as something else
    ("The fee will be invoiced as translation services.", "unusual_payment"),
    # a sum said in words
    ("We can offer a five-figure sum for the work.", "large_sum"),
    # who among the recipient's colleagues is rising or unhappy
    ("Could you tell me who is unhappy in your department these days?", "people_probe"),
]

DOES_NOT_FIRE = [
    # a plain fee is no inducement: a paid interview about published work
    ("We pay a standard fee of EUR 200. Could you tell us about your published paper on the trials?",
     "inducement_for_inside"),
    # a private channel with nothing asked of the recipient's work
    ("Can we move to WhatsApp? It's easier for sharing the holiday photos.", "hidden_inside_ask"),
    # asking how to follow a control, not how to skip it
    ("Could you tell me how to book the escort for our visit on Tuesday?", "control_bypass"),
    # a personal address given for the sender's own paperwork, sent by no one
    ("My personal email has changed; the new one is in my signature.", "handover_off_channel"),
    # a modest invoice is modest terms, not a disguised payment
    ("Please send your invoice to our accounts team after the talk.", "unusual_payment"),
    # telling is asked, not kept from anyone: what the recipient should not tell the sender is a warning
    ("Please don't tell me anything about the projects your team works on.", "bypass_institution"),
    # the recipient's employer ruled out of a survey's questions
    ("The survey asks about salary and hours, nothing about your employer's projects.", "employer_material"),
]


@pytest.mark.parametrize("text, sign", FIRES)
def test_mechanism_fires(text: str, sign: str) -> None:
    found = find_features(text)
    assert sign in found, found


@pytest.mark.parametrize("text, sign", DOES_NOT_FIRE)
def test_mechanism_stays_quiet_on_its_ordinary_counterpart(text: str, sign: str) -> None:
    assert sign not in find_features(text)


@pytest.mark.parametrize("text", [
    "Happy to talk about the published report. We pay a standard fee of EUR 150 and all questions are on the "
    "public record.",
    "Our visitors always sign in at reception and are escorted; could you tell me where to park?",
    "Could you send the signed form to my work address? Thanks, Priya",
])
def test_ordinary_messages_are_not_flagged(text: str) -> None:
    assert check_message(text).matches == []


@pytest.mark.parametrize("text", [
    # two moderate signs from different families: a large inducement and a request for unreleased figures
    "Our fund pays very generously for early insight. Could you share the figures your ministry has not "
    "released yet?",
    # a control got round and a pact of secrecy: two families, neither enough alone
    "Three more of our people will come with the engineer. Could your security desk skip the escort this "
    "time? Please keep this between us.",
])
def test_combined_signs_flag_the_message(text: str) -> None:
    assert check_message(text).matches != []
