"""Tests for spyglass.extract.dates: hand-written phrase tables, then the devset and seed gold."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from conftest import shared_path

from spyglass.extract.dates import DateMention, find_date_phrases, resolve
from spyglass.model.dates import FuzzyDate

# Publication days used below: a Tuesday, a Saturday and a Monday.
TUE = dt.date(2026, 3, 17)
SAT = dt.date(2022, 1, 8)
MON = dt.date(2021, 6, 14)

CASES = [
    # phrase, published, expected value, expected precision
    ("on Tuesday", TUE, "2026-03-17", "day"),  # the publication day itself
    ("on Sunday", TUE, "2026-03-15", "day"),
    ("Thursday", TUE, "2026-03-12", "day"),  # the week before publication
    ("last Tuesday", TUE, "2026-03-10", "day"),
    ("next Friday", TUE, "2026-03-20", "day"),
    ("Monday's", SAT, "2022-01-03", "day"),
    ("yesterday", SAT, "2022-01-07", "day"),
    ("today", MON, "2021-06-14", "day"),
    ("this week", TUE, "2026-03-16", "week"),
    ("last week", MON, "2021-06-07", "week"),
    ("next week", SAT, "2022-01-10", "week"),
    ("earlier this month", TUE, "2026-03", "month"),
    ("last month", SAT, "2021-12", "month"),
    ("next month", TUE, "2026-04", "month"),
    ("last year", TUE, "2025", "year"),
    ("next year", SAT, "2023", "year"),
    ("earlier this year", MON, "2021", "year"),
    ("six years ago", TUE, "2020", "year"),
    ("three months ago", SAT, "2021-10", "month"),
    ("two weeks ago", TUE, "2026-03-02", "week"),
    ("a few weeks ago", MON, "2021-05", "month"),
    ("in December", TUE, "2025-12", "month"),  # after the publication month: last year's
    ("in February", TUE, "2026-02", "month"),
    ("in March", TUE, "2026-03", "month"),
    ("last March", TUE, "2025-03", "month"),
    ("mid-January", SAT, "2022-01", "month"),
    ("in July last year", TUE, "2025-07", "month"),
    ("in September of last year", MON, "2020-09", "month"),
    ("April 2019", TUE, "2019-04", "month"),
    ("set for May", TUE, "2026-05", "month"),  # "for" points forward
    ("in the autumn", TUE, "2025-09", "month"),  # seasons: first month
    ("for the summer", SAT, "2022-06", "month"),
    ("2017", TUE, "2017", "year"),
    ("late 2020", TUE, "2020", "year"),
    ("on 2 February", TUE, "2026-02-02", "day"),
    ("until 30 April", TUE, "2026-04-30", "day"),  # "until" points forward
    ("on 20 December", TUE, "2025-12-20", "day"),
    ("12 November 2019", TUE, "2019-11-12", "day"),
    ("Sept. 3, 2018", TUE, "2018-09-03", "day"),
    ("On June 1 this year", MON, "2021-06-01", "day"),
    ("05.11.2020", TUE, "2020-11-05", "day"),
    ("2020-11-05", TUE, "2020-11-05", "day"),
    ("within two weeks", TUE, "2026-03-31", "day"),
    ("2024年12月3日", TUE, "2024-12-03", "day"),
    ("3月2日", TUE, "2026-03-02", "day"),
    ("去年8月", TUE, "2025-08", "month"),
    ("前年", TUE, "2024", "year"),
    ("上周", TUE, "2026-03-09", "week"),
    ("昨天", TUE, "2026-03-16", "day"),
    ("当地时间15日", TUE, "2026-03-15", "day"),
    ("上周五", TUE, "2026-03-13", "day"),
    ("五年前", TUE, "2021", "year"),
    ("am Montag", TUE, "2026-03-16", "day"),
    ("im Oktober", TUE, "2025-10", "month"),
    ("Ende 2019", TUE, "2019", "year"),
    ("seit Mai vergangenen Jahres", TUE, "2025-05", "month"),
    ("14.02.2026", TUE, "2026-02-14", "day"),
    ("vor drei Jahren", TUE, "2023", "year"),
    ("im vergangenen Jahr", TUE, "2025", "year"),
    ("7 października 2023", TUE, "2023-10-07", "day"),  # dateparser fallback
]


@pytest.mark.parametrize(("phrase", "published", "value", "precision"), CASES)
def test_resolve_relative_to_publication(phrase: str, published: dt.date, value: str, precision: str) -> None:
    assert resolve(phrase, published) == FuzzyDate(value, precision)


ANCHOR = FuzzyDate("2019-08-06", "day")
ANAPHORA = [
    ("the same day", ANCHOR, "2019-08-06", "day"),
    ("the following day", ANCHOR, "2019-08-07", "day"),
    ("the following month", ANCHOR, "2019-09", "month"),
    ("that year", ANCHOR, "2019", "year"),
    ("that November", ANCHOR, "2019-11", "month"),
    ("three years earlier", ANCHOR, "2016", "year"),
    ("同年5月", ANCHOR, "2019-05", "month"),
    ("the same day", FuzzyDate("2019-08", "month"), "2019-08", "month"),  # no finer than the anchor
]


@pytest.mark.parametrize(("phrase", "previous", "value", "precision"), ANAPHORA)
def test_resolve_relative_to_previous_date(phrase: str, previous: FuzzyDate, value: str, precision: str) -> None:
    assert resolve(phrase, TUE, previous=previous) == FuzzyDate(value, precision)


@pytest.mark.parametrize("phrase", ["the same day", "that October", "two years later"])
def test_anaphora_without_anchor_are_unresolved(phrase: str) -> None:
    assert resolve(phrase, TUE) is None


NOT_DATES = ["We", "Now", "years", "24 years", "20-year", "a 20-year sentence", "two years",
             "four years and nine months", "aged 44", "a 44-year-old", "for six months", "1,200",
             "$2019", "the 1990s", "USA Today", "Theresa May", "the fall of the regime", "over the last year", "sieben Jahre", "三年"]


@pytest.mark.parametrize("phrase", NOT_DATES)
def test_durations_ages_and_words_are_not_dates(phrase: str) -> None:
    assert resolve(phrase, TUE) is None


@pytest.mark.parametrize(("before", "value"), [
    ("The case returns to court ", "2026-05"),  # upcoming, from the present-tense cue
    ("He is due to be sentenced ", "2026-05"),
    ("He was arrested ", "2025-05"),
    ("", "2025-05"),  # no cue: the past
])
def test_tense_before_phrase_decides_direction(before: str, value: str) -> None:
    assert resolve("in May", TUE, before=before) == FuzzyDate(value, "month")


def test_date_order_reads_numeric_dates() -> None:
    assert resolve("05/11/2020", TUE, date_order="MDY") == FuzzyDate("2020-05-11", "day")
    assert resolve("11/25/2020", TUE) == FuzzyDate("2020-11-25", "day")  # DMY impossible: swapped


def test_resolve_without_publication_date_keeps_explicit_dates() -> None:
    assert resolve("12 November 2019", None) == FuzzyDate("2019-11-12", "day")
    assert resolve("last week", None) is None


def test_find_date_phrases_offsets_and_anaphora() -> None:
    text = ("The analyst was arrested in March 2022 and charged that June. On Monday a judge "
            "refused bail; he was aged 51 and faces 20 years. The trial will open in May.")
    mentions = find_date_phrases(text, dt.date(2023, 3, 23))
    assert [(m.phrase, m.date) for m in mentions] == [
        ("in March 2022", FuzzyDate("2022-03", "month")),
        ("that June", FuzzyDate("2022-06", "month")),
        ("On Monday", FuzzyDate("2023-03-20", "day")),
        ("in May", FuzzyDate("2023-05", "month")),
    ]
    assert all(text[m.start:m.end] == m.phrase for m in mentions)
    assert isinstance(mentions[0], DateMention)


def test_find_date_phrases_skips_bare_may_and_weak_cues() -> None:
    text = "May said the minister has just resigned. Talks resume in May."
    assert [m.phrase for m in find_date_phrases(text, TUE)] == ["in May"]


# ---------------------------------------------------------------- gold measurements


def _correct(found: FuzzyDate | None, resolved: str, precision: str) -> bool:
    """Right when `found` equals gold at gold precision, or falls inside a gold "A/B" span."""
    if found is None:
        return False
    if "/" in resolved:
        low, high = (FuzzyDate.parse(part) for part in resolved.split("/"))
        return low.first_day() <= found.first_day() and found.last_day() <= high.last_day()
    if precision == "week":
        return found.at_precision("week") == resolved if found.precision in ("day", "week") else False
    gold = FuzzyDate.parse(resolved)
    if PRECISION_ORDER.index(found.precision) < PRECISION_ORDER.index(gold.precision):
        return False  # coarser than gold cannot count as the gold day
    return found.at_precision(gold.precision) == gold.value


PRECISION_ORDER = ("year", "month", "week", "day")


def _load(corpus: str) -> dict:
    return json.loads(shared_path(corpus, "gold.json").read_text(encoding="utf-8"))


def _score_events(events: list[dict], published: dt.date) -> list[tuple[str, bool]]:
    """Resolve each gold phrase alone; the previous gold event stands in for `previous`."""
    results, previous = [], None
    for event in events:
        found = resolve(event["phrase"], published, previous=previous)
        results.append((event["phrase"], _correct(found, event["resolved"], event["precision"])))
        first = event["resolved"].split("/")[0]
        precision = event["precision"] if event["precision"] in PRECISION_ORDER else None
        previous = FuzzyDate.parse(first, precision)
    return results


def test_devset_phrases_resolve_like_gold() -> None:
    gold = _load("devset")
    results = []
    for doc in gold["documents"]:
        results += _score_events(doc.get("events", []), dt.date.fromisoformat(doc["published"]))
    share = sum(ok for _, ok in results) / len(results)
    assert len(results) == 104
    assert share >= 0.93, [phrase for phrase, ok in results if not ok]  # measured 98/104 = 0.942


def test_devset_phrases_found_in_documents() -> None:
    """The finder over each whole document, with sentence context and its own anaphora chain."""
    gold = _load("devset")
    right = total = 0
    for doc in gold["documents"]:
        text = shared_path("devset", doc["file"]).read_text(encoding="utf-8")
        mentions = find_date_phrases(text, dt.date.fromisoformat(doc["published"]))
        for event in doc.get("events", []):
            total += 1
            start = text.find(event["phrase"])
            end = start + len(event["phrase"])
            hits = [m for m in mentions if m.start < end and start < m.end]
            right += any(_correct(m.date, event["resolved"], event["precision"]) for m in hits)
    assert right / total >= 0.96  # measured 102/104 = 0.981


def test_seed_phrases_resolve_like_gold() -> None:
    gold = _load("seed")
    results = _score_events(gold["events"], dt.date(2024, 4, 25))
    assert sum(ok for _, ok in results) >= 7, results  # measured 8/8; the floor asked for is 6


@pytest.mark.parametrize("text", [
    "He was arrested last week and charged the following day.", "EARLY LAST YEAR, in mid-last month",
    "amid last week's raids", "Am nächsten Tag wurde er angeklagt, vergangene Woche", "去年11月被捕，次日",
    "ſo the day before yesterday", "On the same day; later that month. Yesterday!", "",
    "on ３ May 2020 and in ٣ March", "the 3rd of May, since JANUARY", "in Jänner 2021, vom 3. März", "this past March",
])
def test_a_rule_opening_lookahead_changes_no_match(text: str) -> None:
    from spyglass.extract.dates import RULES

    opened = [rule.pattern for rule in RULES if rule.pattern.pattern.startswith("(?=(?i:[")]
    assert len(opened) == 4  # a day before its month, a month, the deictic and the anaphoric rules
    for pattern in opened:
        bare = re.compile(pattern.pattern[pattern.pattern.index("]))") + 3 :], pattern.flags)
        assert [(m.span(), m.groupdict()) for m in pattern.finditer(text)] == \
            [(m.span(), m.groupdict()) for m in bare.finditer(text)]
