"""The request frames of spyglass/check/frames.py, on sentences written for these tests (none from the corpora).

Each mechanism has cases that must fire and cases of the opposite that must not: a request for published
work, material the sender offers, a thing that stays inside the recipient's institution, an instruction
rather than a question.
"""

from __future__ import annotations

import pytest

from spyglass.check.approach import check_message
from spyglass.check.signs import find_signs

FIRES = [
    # a request to hand over material that is not public, in several wordings
    ("Would you mind forwarding the unreleased benchmark figures from your group before Friday?",
     "asks_nonpublic_handover"),
    ("Could you show me the internal wiring diagrams your plant uses?", "asks_nonpublic_handover"),
    ("Please send over the results that your lab has not published yet.", "asks_nonpublic_handover"),
    ("We'd love you to share the numbers your team left out of the annual report.", "asks_nonpublic_handover"),
    ("Our readers want the backstage story that has never been made public.", "asks_nonpublic_handover"),
    ("We are keen to learn how your regulator scores the bids internally.", "asks_nonpublic_handover"),
    # pictures of the recipient's workplace
    ("can you snap a picture of your desk at the shipyard for me?", "asks_nonpublic_handover"),
    ("Could you take a short video of your test rig for me?", "asks_nonpublic_handover"),
    # an employer's artefact leaving its workplace
    ("When you visit us in May, please bring the engineering sample along.", "asks_artefact_handover"),
    ("Could you put a copy of the firmware on a stick for me?", "asks_artefact_handover"),
    ("Can you lend me your office laptop for the weekend?", "asks_artefact_handover"),
    ("Any chance you could send me the source code your company ships with the controller?", "asks_artefact_handover"),
    # a question about how the recipient's workplace runs
    ("You said you work at the substation. Do they still run the old scada network there?", "operations_probe"),
    ("so at your job do you need a keycard to get into every room?", "operations_probe"),
    # naming the recipient's limits, then asking
    ("I know you can't say much about the lab. But what do you test in there?", "limits_acknowledged"),
    # an organisation's plans to come
    ("Could you tell us what your ministry's procurement plan looks like for next year?", "future_plans"),
    ("We'd value a sense of your firm's pricing for the coming quarter.", "future_plans"),
    # what the recipient's organisation does in-house, and what it uses
    ("Could you describe the calibration steps your plant uses for the sensors?", "asks_nonpublic_handover"),
    ("He says you're on the guidance side now. Which test range do they use for the trials?", "operations_probe"),
    # a favour for something in return; a relative helped by the sender
    ("We can speed up your niece's school place. In exchange, we would like you to meet our officer.",
     "quid_pro_quo"),
    ("Our office is able to help your uncle's shop with its licence.", "family_leverage"),
    # small paid pieces meant to grow; keeping the employer from seeing; a channel called unsafe
    ("We pay 300 euros for short write-ups on your market. Later we may want more detailed pieces.",
     "paid_pieces_growing"),
    ("Let's talk on Signal, I'd rather not have your boss see these messages.", "bypass_institution"),
    ("Can we move to another app? This one is monitored.", "off_channel"),
    # an imperative that opens the sentence; a trip that takes the artefact away; plans a doer will announce
    ("Send me the password for the build server and I'll fix it tonight, nobody will know.", "asks_artefact_handover"),
    ("Could you pack two of the prototype lenses when you fly to Busan?", "asks_artefact_handover"),
    ("Do you know when your regulator will publish its pricing decision?", "future_plans"),
    ("What's the top speed of the new boat your yard is building?", "operations_probe"),
    # goods or their destination described falsely
    ("Could you list the pumps as spare parts on the invoice, please?", "misdeclared_goods"),
    ("Ship to our agent in the free zone; the end user will be confirmed later.", "misdeclared_goods"),
    # material still to be published: asked for before release, 'not out yet', circulating inside
    ("Could you let me have a look at the survey results before they are published?", "asks_nonpublic_handover"),
    ("Talk me through the parts of the budget that haven't been announced yet?", "asks_nonpublic_handover"),
    ("Can you pull the vendor list from the internal wiki for me?", "asks_nonpublic_handover"),
    ("Any notes you've heard that aren't out yet would be brilliant.", "nonpublic_material"),
    ("I hear the revised forecast is circulating internally.", "nonpublic_material"),
    # the recipient's access: credentials, a way in, the sender's kit on a work system
    ("could I borrow your badge on Sunday to get into the cleanroom?", "asks_for_access"),
    ("Would you add me to the access list for the test hangar?", "asks_for_access"),
    ("Could you plug this dongle into the lab workstation for a minute?", "asks_for_access"),
    ("Could you sneak me in one evening after hours?", "asks_for_access"),
    # what the recipient or their team is doing at work, asked
    ("so what is your team building these days?", "asks_about_work"),
    ("so which sensors are you testing on the new drone?", "asks_about_work"),
    # secrecy and pay routed around the usual channel
    ("Let's keep this between the two of us, ok?", "secrecy"),
    ("The fee can go through a friend's company rather than payroll.", "unusual_payment"),
]

DOES_NOT_FIRE = [
    ("Could you send me the published version of your paper on heat pumps?", "asks_nonpublic_handover"),
    ("Would you share your slides from the public session? I'd like to cite them.", "asks_nonpublic_handover"),
    ("Please find attached our unpublished draft; could you review it?", "asks_nonpublic_handover"),
    ("Please don't bring any internal documents to the fair.", "asks_nonpublic_handover"),
    ("Could you share the internal dashboard with the new analyst on your team?", "asks_nonpublic_handover"),
    ("We'd love you to present at our closed workshop in June.", "asks_nonpublic_handover"),
    ("Could you send a photo of yourself for the speaker page?", "asks_nonpublic_handover"),
    ("Please bring the prototype to the design review in room 2.", "asks_artefact_handover"),
    ("We will bring our prototype to your lab next week.", "asks_artefact_handover"),
    ("Please bring your laptop for the hands-on session.", "asks_artefact_handover"),
    ("How was your first week at the new job? Is the canteen any good?", "operations_probe"),
    ("Please use the company VPN when you work from home.", "operations_probe"),
    ("I can't talk about my own work either, ha.", "limits_acknowledged"),
    ("Could you tell us about your plans for next year? We want to know your career goals.", "future_plans"),
    ("Could you confirm the delivery address on the invoice?", "misdeclared_goods"),
    ("Could you walk us through a project you led at your last company?", "asks_nonpublic_handover"),
    ("Which software does the conference use for registration?", "operations_probe"),
    ("He only needs a lift to the station on Sunday.", "quid_pro_quo"),
    ("Could you help your brother with the move on Saturday?", "family_leverage"),
    ("We pay 300 euros for a short write-up on your market.", "paid_pieces_growing"),
    ("Could you tell me when your team will have the invoice ready?", "future_plans"),
    ("What's the top speed of the boat you sold us last year?", "operations_probe"),
    ("Hey, lovely meeting you! Do you work on anything fun these days?", "asks_about_work"),
    ("Please never share your password or badge with anyone.", "asks_for_access"),
    ("Please never share your password or badge with anyone.", "security_probe"),
    ("Can you add me to the mailing list for the seminar?", "asks_for_access"),
    ("Could you install the printer driver on my laptop?", "asks_for_access"),
    ("The proceedings were published last year; could you send a copy?", "asks_nonpublic_handover"),
    ("Could you send me the datasheet and price list you show on your website?", "asks_artefact_handover"),
    ("Can send the spec over if you're interested.", "employer_material"),
    ("Please do not bring or share anything confidential from your employer.", "asks_about_work"),
    ("Please do not bring or share anything confidential from your employer.", "concealed_principal"),
    ("What are you up to this weekend?", "asks_about_work"),
    ("It's just the two of us for dinner tonight.", "secrecy"),
    ("Could you tell me whether you have funded PhD positions next year?", "employer_material"),
]


@pytest.mark.parametrize("text, sign", FIRES)
def test_frame_fires(text: str, sign: str) -> None:
    assert sign in find_signs(text), sorted(find_signs(text))


@pytest.mark.parametrize("text, sign", DOES_NOT_FIRE)
def test_frame_does_not_fire_on_its_opposite(text: str, sign: str) -> None:
    assert sign not in find_signs(text), find_signs(text).get(sign)


@pytest.mark.parametrize("text, method", [
    ("Hi Ada, when you come over for the workshop, could you bring the prototype board along? "
     "Our engineers would love an afternoon with it.", "insider_trade_secrets"),
    ("hey, could you send me a pic of your station at the lab? want to picture where you spend your days",
     "elicitation"),
    ("For the briefing, we'd most value the figures your agency kept out of the public report.", "elicitation"),
    ("I loved our evening together. Work sounds so intense, which part of the upgrade are you on now?", "honey_trap"),
    ("Hey, could you lend me your badge tonight? My access got revoked and nobody will know, promise.",
     "elicitation"),
    ("Nice chatting at the gym! We run a small advisory service, paid, and the client prefers to stay unnamed. "
     "So what are you building at the lab these days", "fake_recruiter"),
    ("Greetings from the consulate. Your father's pension can be sorted out quickly. Our attaché would only like "
     "a short talk with you about your work.", "diaspora_coercion"),
])
def test_one_strong_request_is_enough(text: str, method: str) -> None:
    report = check_message(text)
    assert report.matches and report.matches[0].method == method, [m.method for m in report.matches]


@pytest.mark.parametrize("text", [
    "Hi Lena, could you send me the published version of your 2021 paper on ion traps? Our library has no access.",
    "Dear Dr Moss, we would be delighted if you could present your recent results at our workshop in Lisbon. "
    "Travel and hotel are covered as usual for invited speakers.",
    "Thanks for the call today. Could you send your CV and a note on your availability? The role is in Leeds.",
    "Hi team, please bring the prototype to Thursday's design review so the test group can look at it.",
    "Could you walk us through a project you led at your current company? Nothing confidential, of course.",
    "Dear colleague, please find attached our unpublished draft for your review. Please keep it confidential "
    "until publication.",
    "Hey, how was your first week at the new lab? Do they have a decent coffee machine at least?",
    "Hi love, Dad's knee operation went well and the hospital says he can come home Friday. Could you help your "
    "brother with the drive? He only needs someone for the afternoon.",
    "Hey! Which team are you on now at the company? We should catch up soon, my treat.",
    "Hey, it was lovely meeting you last night! What do you do for work? Do you work on anything fun?",
    "Hi Priya, a battery maker in Gothenburg is hiring a head of cell engineering. Could you share an up-to-date "
    "CV and tell me which projects you'd discuss in an interview? Please leave out anything confidential to your "
    "current employer.",
    "Hi Dr Ruiz, I'm a PhD student working on similar catalysts. Could you share the raw data behind Figure 3 of "
    "your 2022 paper? The journal says data are available on request.",
])
def test_hard_negatives_stay_ordinary(text: str) -> None:
    assert check_message(text).matches == []


@pytest.mark.parametrize("text", [
    "Hi Sam, IT reminder: never share your login or badge with anyone, and report odd requests to the service desk.",
    "Thanks for the quote. Could you send the datasheet and the CAD model of the bracket shown on your website?",
    "Still open to contract work? 6 months, data engineering, £500/day, two days in the office. Can send the spec "
    "over if you like.",
    "Congratulations on the promotion! What are you working on these days? Let's get lunch when you're back.",
    "Dear Dr Obi, thank you for applying. Please bring examples of published work to the interview and do not "
    "share anything confidential from your current employer.",
    "Could you install the new build of our app on your phone and tell us if the crash is gone? Thanks!",
])
def test_warnings_offers_and_public_things_stay_ordinary(text: str) -> None:
    assert check_message(text).matches == []


def test_a_strong_sign_can_be_outweighed() -> None:
    """A request that stands alone still adds up with the signs against: the institution in the loop."""
    text = ("Could you bring the engineering sample when you visit? Our visitor protocol has been cleared with "
            "your security office, and your line manager has approved the loan under our research agreement.")
    assert check_message(text).matches == []
