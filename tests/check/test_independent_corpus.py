"""Floors on the frozen independent corpus (tests/check/independent_messages.json, never edited).

105 messages by a writer who never saw the code: 52 resembling documented approaches, 53 ordinary, in ten
walks of life. Before this check was rebuilt (commit 173afc7) it flagged 2 of 52 resembling messages and 0
of 53 ordinary ones. The signs were built looking at five walks (TUNE_WALKS); their first score on the
other five was 10 of 27 resembling flagged and 1 of 26 ordinary, after which the word classes were widened
where those misses showed a class too narrow, so the held-out half is no longer unseen. Floors sit a little
under the scores they pin (`benchmarks/approach_eval.py` prints the full report); raising one is a commit,
lowering one needs a reason.
"""

from __future__ import annotations

import hashlib

import pytest

from spyglass.check.approach import check_message
from spyglass.check.scoring import CORPUS, expected_methods, figures, load_corpus, outcomes

_FROZEN = "0dcd188928ee67ced9e495a783b39a3ceea4308959db1df39c2d51d19cd086bf"  # the file as committed in 173afc7
FLOORS = {  # part -> (resembling flagged at least, ordinary flagged at most, named right at least)
    "all": (0.90, 0.05, 0.85),
    "tune": (0.90, 0.05, 0.85),
    "held out": (0.85, 0.05, 0.80),
}


@pytest.fixture(scope="module")
def parts() -> dict[str, dict]:
    results = outcomes(load_corpus(), lambda text: [m.method for m in check_message(text).matches])
    return {f.part.split(" (")[0]: f.to_dict() for f in figures(results)}


def test_corpus_is_frozen() -> None:
    messages = load_corpus()
    assert len(messages) == 105
    assert sum(m["label"] == "resembles" for m in messages) == 52
    assert hashlib.sha256(CORPUS.read_bytes()).hexdigest() == _FROZEN


@pytest.mark.parametrize("part", sorted(FLOORS))
def test_floors(parts: dict[str, dict], part: str) -> None:
    flagged, ordinary, named = FLOORS[part]
    got = parts[part]
    assert got["resembling_flagged"] >= flagged, got["counts"]
    assert got["ordinary_flagged"] <= ordinary, got["counts"]
    assert got["named_right_of_resembling"] >= named, got["counts"]


@pytest.mark.parametrize("patterns, method", [
    (["romance escalating to request for photos"], "honey_trap"),
    (["all expenses paid including business class"], "paid_invitation"),
    (["paid short written reports"], "paid_escalating_requests"),
    (["asks how to avoid end-user certification"], "export_control_evasion"),
    (["officials use a parent's residence permit as leverage"], "diaspora_coercion"),
])
def test_expected_methods_read_from_the_writers_words(patterns: list[str], method: str) -> None:
    assert method in expected_methods(patterns)


SECOND = CORPUS.with_name("independent_messages_2.json")
_SECOND_FROZEN = "b577187fdbfe9702bab0ff013db7a043570773875acd5abe868fe95216fbb223"  # 96 messages by a second writer, frozen before the check was run on them
# First and only score of this check on the second set, never tuned on: 33/48 resembling flagged, 2/48
# ordinary flagged, 26/48 named right. Floors just under it keep any change from losing ground on unseen text.
SECOND_FLOORS = (0.65, 0.06, 0.50)


def test_unseen_second_corpus_keeps_its_floors() -> None:
    assert hashlib.sha256(SECOND.read_bytes()).hexdigest() == _SECOND_FROZEN
    messages = load_corpus(SECOND)
    assert len(messages) == 96
    whole = figures(outcomes(messages, lambda text: [m.method for m in check_message(text).matches]))[0].to_dict()
    flagged, ordinary, named = SECOND_FLOORS
    assert whole["resembling_flagged"] >= flagged, whole["counts"]
    assert whole["ordinary_flagged"] <= ordinary, whole["counts"]
    assert whole["named_right_of_resembling"] >= named, whole["counts"]
