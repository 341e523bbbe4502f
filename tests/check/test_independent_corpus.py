"""Floors on the frozen independent corpora (tests/check/independent_messages*.json, never edited).

The first: 105 messages by a writer who never saw the code, 52 resembling documented approaches, 53
ordinary, in ten walks of life. Before this check was rebuilt (commit 173afc7) it flagged 2 of 52
resembling messages and 0 of 53 ordinary ones. The signs were built looking at five walks (TUNE_WALKS);
their first score on the other five was 10 of 27 resembling flagged and 1 of 26 ordinary, after which the
word classes were widened where those misses showed a class too narrow, so that half is no longer unseen.

The second: 96 messages by another writer, frozen before the check was run on them. First and only
untuned score (commit 5cc3cb7): 33/48 resembling flagged, 2/48 ordinary, 26/48 named right.

Second round (branch issue-18-check), history in full: mechanisms were added looking at all of the first
corpus and at six walks of the second (TUNE_WALKS_2: recruiter, conference, think tank, student,
business, romance); the other six walks of the second were not read. Their figures were run three
times: after the first round of mechanisms (15/24 resembling flagged, 1/24 ordinary, as untuned), after a
widening of word classes for the walks that half holds, chosen from documented patterns and the first
corpus (15/24, 2/24: one new false flag), and after dropping the generic words of that widening (15/24,
1/24). That third run was prompted by the second, so the held-out half is seen three times by its
figures, never by its texts. Scores after: first corpus 52/52, 0/53, 52/52 named right; second, tune
half 21/24, 0/24, 21/24; held-out half 15/24, 1/24, 11/24. A third corpus, never seen, is the real test.

Floors sit a little under the scores they pin (`benchmarks/approach_eval.py` prints the full report);
raising one is a commit, lowering one needs a reason.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from spyglass.check.approach import check_message
from spyglass.check.scoring import (CORPUS, SECOND, TUNE_WALKS_2, expected_methods, figures, held_back_ids, load_corpus,
                                    outcomes)

_FROZEN = "0dcd188928ee67ced9e495a783b39a3ceea4308959db1df39c2d51d19cd086bf"  # the file as committed in 173afc7
FLOORS = {  # part -> (resembling flagged at least, ordinary flagged at most, named right at least)
    "all": (0.96, 0.03, 0.96),
    "tune": (0.96, 0.04, 0.96),
    "held out": (0.96, 0.04, 0.96),
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


_SECOND_FROZEN = "b577187fdbfe9702bab0ff013db7a043570773875acd5abe868fe95216fbb223"  # 96 messages by a second writer, frozen before the check was run on them
# part -> (resembling flagged at least, ordinary flagged at most, named right at least). Untuned first score:
# 33/48, 2/48, 26/48 (floors were 0.65, 0.06, 0.50); now 36/48, 1/48, 32/48 (tune 21/24, 0/24, 21/24;
# held out 15/24, 1/24, 11/24).
# Third round (branch issue-18-s3, request frames in spyglass/check/frames.py, all of this corpus read): 43/48,
# 1/48, 35/48 (tune 23/24, 0/24, 21/24; the other walks 20/24, 1/24, 14/24).
SECOND_FLOORS = {
    "all": (0.87, 0.05, 0.70),
    "tune": (0.92, 0.05, 0.85),
    "held out": (0.80, 0.05, 0.55),
}


@pytest.fixture(scope="module")
def second_parts() -> dict[str, dict]:
    assert hashlib.sha256(SECOND.read_bytes()).hexdigest() == _SECOND_FROZEN
    messages = load_corpus(SECOND)
    assert len(messages) == 96
    results = outcomes(messages, lambda text: [m.method for m in check_message(text).matches])
    return {f.part.split(" (")[0]: f.to_dict() for f in figures(results, TUNE_WALKS_2)}


@pytest.mark.parametrize("part", sorted(SECOND_FLOORS))
def test_second_corpus_keeps_its_floors(second_parts: dict[str, dict], part: str) -> None:
    flagged, ordinary, named = SECOND_FLOORS[part]
    got = second_parts[part]
    assert got["resembling_flagged"] >= flagged, got["counts"]
    assert got["ordinary_flagged"] <= ordinary, got["counts"]
    assert got["named_right_of_resembling"] >= named, got["counts"]


THIRD = CORPUS.with_name("independent_messages_3.json")
_THIRD_FROZEN = "a989fa00d5a0f8c178add8521879a59fe8d4cb2ce945108492b68ff4db87cf9f"
# 102 messages by a third writer, never seen by anyone working on the check, scored once when frozen: the
# check before the second round of work on it gave 27/51 resembling flagged, 1/51 ordinary, 22/51 named
# right; the check after it 31/51, 1/51, 24/51. Below the 80%: the honest measure of how far the
# signs generalised then.
# Third round (branch issue-18-s3): the request frames of spyglass/check/frames.py were built reading half of
# this corpus message by message (the ids `held_back_ids` does not hold back) and on sentences of the tests'
# own; the other half (25 resembling, 25 ordinary, chosen by a hash of the id before any text was read) was
# only ever run for its figures, about a dozen times during the work, never read. Before -> after: whole
# 31/51, 1/51, 24/51 -> 41/51, 0/51, 33/51; read half 16/26, 1/26, 12/26 -> 25/26, 0/26, 19/26; held-back
# half 15/25, 0/25, 12/25 -> 16/25, 0/25, 14/25. The held-back half is the measure of generalisation: it
# barely moved, so most of the gain on the read half is fitted to it. Floors just under the scores.
# Fourth round (branch issue-18-s4, all four corpora read): whole 43/51, 0/51, 36/51; read half 25/26, 0/26,
# 20/26; held-back half 18/25, 0/25, 16/25 (still never read message by message).
# Round 3 (branch issue-18-s6, signs of different families combine): whole 44/51, 0/51, 36/51; held-back half
# 19/25, 0/25, 16/25, a gain from mechanisms built on the sixth corpus, never on this half.
THIRD_FLOORS = {  # part -> (resembling flagged at least, ordinary flagged at most, named right at least)
    "all": (0.84, 0.04, 0.68),
    "tune": (0.92, 0.04, 0.74),
    "held out": (0.74, 0.04, 0.62),
}


@pytest.fixture(scope="module")
def third_parts() -> dict[str, dict]:
    assert hashlib.sha256(THIRD.read_bytes()).hexdigest() == _THIRD_FROZEN
    messages = load_corpus(THIRD)
    assert len(messages) == 102
    results = outcomes(messages, lambda text: [m.method for m in check_message(text).matches])
    return {f.part.split(" (")[0]: f.to_dict() for f in figures(results, held_back=held_back_ids(messages))}


@pytest.mark.parametrize("part", sorted(THIRD_FLOORS))
def test_third_corpus_keeps_its_floors(third_parts: dict[str, dict], part: str) -> None:
    flagged, ordinary, named = THIRD_FLOORS[part]
    got = third_parts[part]
    assert got["resembling_flagged"] >= flagged, got["counts"]
    assert got["ordinary_flagged"] <= ordinary, got["counts"]
    assert got["named_right_of_resembling"] >= named, got["counts"]


def test_held_back_half_is_balanced_and_fixed() -> None:
    messages = load_corpus(THIRD)
    back = held_back_ids(messages)
    assert len(back) == 50
    assert sum(m["label"] == "resembles" for m in messages if m["id"] in back) == 25
    assert held_back_ids(messages) == back


FOURTH = CORPUS.with_name("independent_messages_4.json")
_FOURTH_FROZEN = "196892f9625cf68b1f5f24e1ba613524291cc03d4d2f026e3156e3fe50807dc2"
# 100 messages by a fourth writer who saw neither the code nor any feature list, written while the third
# round of work went on and opened only after it was merged, once, to score it: the check of 5c87ddd gave
# 29/50 resembling flagged, 3/50 ordinary, 22/50 named right; the check after the third round 31/50, 4/50,
# 22/50. Untuned: below the 80%, the measure of how far the request frames generalise.
# Fourth round (branch issue-18-s4): this corpus read with the others, its misses grouped by mechanism (not
# before publication, not out yet, circulating internally; the recipient's access; what-questions about work;
# warnings and the sender's offers no longer read as requests): 42/50, 0/50, 30/50. Tuned now, so no longer
# a measure of generalisation; the next frozen corpus is.
FOURTH_FLOORS = (0.82, 0.04, 0.58)  # resembling flagged at least, ordinary flagged at most, named right at least


def test_fourth_corpus_keeps_its_floors() -> None:
    _keeps_floors(FOURTH, _FOURTH_FROZEN, FOURTH_FLOORS, half_resembling=False)


FIFTH = CORPUS.with_name("independent_messages_5.json")
_FIFTH_FROZEN = "9db5a1828d0e25637d8dddfbd33b17e39f0ac8fc4da61536860993e77d825b31"
# 100 messages by a fifth writer who saw neither the code nor any feature list. Untuned figures, recorded before
# its texts were read: the check of d48d33d gave 39/50 resembling flagged, 7/50 ordinary, 32/50 named right;
# main at 8653042 40/50, 6/50, 32/50. Read in round 2 of the fifth round (branch issue-18-s5): its false flags
# and misses grouped by mechanism (who asks whom for what: the sender's own client, own paperwork, own next
# step; keeping compliance out; credentials made for the sender's side) and the pattern-notes table taught
# general words of each method: 44/50, 0/50, 40/50. Tuned now; the sixth corpus is the unseen measure.
FIFTH_FLOORS = (0.86, 0.02, 0.78)  # resembling flagged at least, ordinary flagged at most, named right at least


def test_fifth_corpus_keeps_its_floors() -> None:
    _keeps_floors(FIFTH, _FIFTH_FROZEN, FIFTH_FLOORS, half_resembling=False)


SIXTH = CORPUS.with_name("independent_messages_6.json")
_SIXTH_FROZEN = "124431ae5eadafbf26e74cc8aadef42afdc6eff1fb9b11c7bd7184fd2f18839c"
# 100 messages by a sixth writer who saw neither the code nor any feature list, 50 resembling, 50 ordinary.
# Untuned figures, recorded before its texts were read: the check of d48d33d gave 33/50 resembling flagged,
# 5/50 ordinary, 24/50 named right; main at this branch's base (43961f6) 35/50, 5/50, 25/50. Read in round 3
# (branch issue-18-s6) after those figures were recorded: its misses were grouped by mechanism (two moderate
# signs from different families, an inducement or a concealment beside a request for inside material; a
# control got round; a handover to a personal channel; negation by a negative subject or a verb of leaving
# out): 42/50, 5/50, 28/50. Tuned now; the seventh corpus is the unseen measure.
SIXTH_FLOORS = (0.84, 0.10, 0.56)  # resembling flagged at least, ordinary flagged at most, named right at least


def test_sixth_corpus_keeps_its_floors() -> None:
    _keeps_floors(SIXTH, _SIXTH_FROZEN, SIXTH_FLOORS, half_resembling=True)


SEVENTH = CORPUS.with_name("independent_messages_7.json")
_SEVENTH_FROZEN = "b45574925b46618c458f61cdfd6bf4051ad4321ae61edd5dd2d94a77197b68c0"
# 100 messages by a seventh writer who saw neither the code nor any feature list, 50 resembling, 50 ordinary,
# frozen before the third round of work ended and never read: only its figures were ever looked at. The
# check of d48d33d flagged 36/50 resembling, 12/50 ordinary, 30/50 named right; the check after three
# rounds of tuning on corpora 4-6 the same 36/50 and 12/50 (29/50 named right). The rounds did not carry
# over to this writer: the bar (80% and at most 10%) is not met on unseen text. These floors guard against
# getting worse; they are not the bar.
# Round 4 (learned weights, spyglass/check/learned.py): corpora 1-7 are now the training data of the
# weights, fitted by benchmarks/fit_check_weights.py. Held out in turn (fitted on the other six writers),
# this one gave 45/50 resembling flagged and 4/50 ordinary; in the trained check (all seven) 50/50, 3/50,
# 31/50 named right.
SEVENTH_FLOORS = (0.96, 0.08, 0.58)  # resembling flagged at least, ordinary flagged at most, named right at least


def test_seventh_corpus_keeps_its_floors() -> None:
    _keeps_floors(SEVENTH, _SEVENTH_FROZEN, SEVENTH_FLOORS, half_resembling=True)


EIGHTH = CORPUS.with_name("independent_messages_8.json")
_EIGHTH_FROZEN = "1791217795c6e31a4e6abe8d109b2107b52ec41d66f580dff6542f43158b0ceb"
# 100 messages by an eighth writer who saw neither the code nor any feature list, 50 resembling, 50 ordinary,
# frozen before the learned weights were fitted and never read (only its figures were looked at), and not
# among the corpora the weights were fitted on. The hand-weighted check before round 4 (88ad865) flagged
# 48/50 resembling, 5/50 ordinary, 41/50 named right (d48d33d: 47/50, 6/50, 39/50); the learned check
# 48/50, 0/50, 40/50.
EIGHTH_FLOORS = (0.94, 0.04, 0.76)


def test_eighth_corpus_unseen_keeps_its_floors() -> None:
    _keeps_floors(EIGHTH, _EIGHTH_FROZEN, EIGHTH_FLOORS, half_resembling=True)


def test_the_packaged_weights_are_the_fit_of_the_frozen_corpora() -> None:
    """learned_weights.json names the corpora it was fitted on by hash, and refitting them gives it back
    (a change to the signs that is not refitted fails here: run benchmarks/fit_check_weights.py --write)."""
    import hashlib as _hashlib
    import importlib.util
    import json

    from spyglass.check.learned import learned_weights

    spec = importlib.util.spec_from_file_location("fit_check_weights", Path(__file__).resolve().parents[2]
                                                  / "benchmarks" / "fit_check_weights.py")
    assert spec is not None and spec.loader is not None
    fitter = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fitter)
    packaged = learned_weights()
    assert list(packaged.trained_on) == [f"{p.name} sha256:{_hashlib.sha256(p.read_bytes()).hexdigest()}"
                                         for p in fitter.CORPORA]
    assert EIGHTH.name not in " ".join(packaged.trained_on)  # the unseen corpus stays unseen
    bias, signs, words = fitter.fit(fitter.rows_of(fitter.CORPORA))
    stored = json.loads((Path(__file__).resolve().parents[2] / "spyglass" / "check" / "learned_weights.json").read_text())
    assert abs(bias - stored["bias"]) < 1e-3
    assert signs.keys() == stored["signs"].keys() and words.keys() == stored["words"].keys()
    assert max(abs(signs[k] - stored["signs"][k]) for k in signs) < 1e-3
    assert max(abs(words[k] - stored["words"][k]) for k in words) < 1e-3


def _keeps_floors(path: Path, frozen: str, floors: tuple[float, float, float], half_resembling: bool) -> None:
    """A frozen corpus (checked by hash) of 100 messages keeps its floors: resembling flagged at least,
    ordinary flagged at most, named right at least."""
    assert hashlib.sha256(path.read_bytes()).hexdigest() == frozen
    messages = load_corpus(path)
    assert len(messages) == 100
    if half_resembling:
        assert sum(m["label"] == "resembles" for m in messages) == 50
    results = outcomes(messages, lambda text: [m.method for m in check_message(text).matches])
    got = next(f.to_dict() for f in figures(results) if f.part.startswith("all"))
    flagged, ordinary, named = floors
    assert got["resembling_flagged"] >= flagged, got["counts"]
    assert got["ordinary_flagged"] <= ordinary, got["counts"]
    assert got["named_right_of_resembling"] >= named, got["counts"]
