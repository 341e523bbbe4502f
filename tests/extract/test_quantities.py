"""Tests for spyglass.extract.quantities: hand-written phrase tables, then the seed and devset gold."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from conftest import shared_path

from spyglass.extract.quantities import Quantity, find_quantities, parse_number, sentence_months

CASES = [
    # text, phrase found, kind, value, unit, qualifier, months
    ("The courier was sentenced to 24 years' imprisonment in 2011.", "24 years'", "sentence", 24, "years", None, 288),
    ("A judge in Ohio sentenced her to 9 years for smuggling chips.", "9 years", "sentence", 9, "years", None, 108),
    ("The analyst was handed a 20-year prison sentence on Friday.", "20-year", "sentence", 20, "years", None, 240),
    ("She accepted a 12-year sentence under the plea deal.", "12-year", "sentence", 12, "years", None, 144),
    ("The pilot was jailed for four years and nine months.", "four years and nine months", "sentence", 4.75, "years",
     None, 57),
    ("The chemist got six and a half years in a federal prison.", "six and a half years", "sentence", 6.5, "years",
     None, 78),
    ("The court imposed a 30-month sentence and a fine.", "30-month", "sentence", 30, "months", None, 30),
    ("The clerk will spend eleven years in prison.", "eleven years", "duration", 11, "years", None, 132),
    ("Both men were jailed for eleven years.", "eleven years", "sentence", 11, "years", None, 132),
    ("The engineer was sentenced to life imprisonment.", "life imprisonment", "sentence", 1, "life", None, None),
    ("He is serving a life sentence in Colorado.", "life sentence", "sentence", 1, "life", None, None),
    ("The court sentenced the official to death with a two-year reprieve.", "two-year", "sentence", 2, "years",
     "reprieve", 24),
    ("The court sentenced the official to death on Friday.", "death", "sentence", 1, "death", None, None),
    ("The aide received a suspended sentence of two years.", "two years", "sentence", 2, "years", "suspended", 24),
    ("The prosecution asked for 15 years in the closing speech.", "15 years", "sentence", 15, "years", "requested",
     180),
    ("He was sentenced to 8 years, short of the 12 years prosecutors had sought.", "12 years", "sentence", 12,
     "years", "requested", 144),
    ("If convicted, the student faces up to 10 years in prison.", "up to 10 years", "sentence", 10, "years", "maximum",
     120),
    ("The offence carries a maximum sentence of 14 years.", "14 years", "sentence", 14, "years", "maximum", 168),
    ("The contractor also faces three years of supervised release.", "three years", "sentence", 3, "years",
     "supervised release", 36),
    ("The sailor was sentenced in Gdansk to 6 years of deprivation of liberty.", "6 years", "sentence", 6, "years",
     None, 72),
    ("The officer gets 7½ years for leaking plans", "7½ years", "sentence", 7.5, "years", None, 90),
    ("The agency ran the network over six years.", "over six years", "duration", 6, "years", None, 72),
    ("She worked there for more than three years before resigning.", "more than three years", "duration", 3, "years",
     "more than", 36),
    ("The hearing lasted a whole day after a three-week trial.", "three-week", "duration", 3, "weeks", None, None),
    ("Hackers copied 40 gigabytes of passport scans.", "40 gigabytes", "data_volume", 40, "GB", None, None),
    ("A leak of 2.5TB exposed the ministry.", "2.5TB", "data_volume", 2.5, "TB", None, None),
    ("He carried a drive with 1,250 design files.", "1,250 design files", "count", 1250, "files", None, None),
    ("Agents tracked 8,500 people across 90 countries.", "8,500 people", "count", 8500, "people", None, None),
    ("Agents tracked 8,500 people across 90 countries.", "90 countries", "count", 90, "countries", None, None),
    ("Stations operate in more than 30 countries worldwide.", "more than 30 countries", "count", 30, "countries",
     "more than", None),
    ("The campaign reached a 45 million-strong community abroad.", "45 million-strong", "count", 45_000_000,
     "people", None, None),
    ("The group hit at least 9 organisations in two months.", "at least 9 organisations", "count", 9,
     "organisations", "at least", None),
    ("The group hit more than 25 organisations in 11 countries.", "11 countries", "count", 11, "countries", None,
     None),
    ("Seventeen diplomats were expelled.", "Seventeen diplomats", "count", 17, "diplomats", None, None),
    ("Officials named a dozen companies.", "a dozen companies", "count", 12, "companies", None, None),
    ("He was paid £85,000 by the firm.", "£85,000", "money", 85_000, "GBP", None, None),
    ("The court fined her $125,000.", "$125,000", "money", 125_000, "USD", None, None),
    ("The handler paid 30,000 euros in cash.", "30,000 euros", "money", 30_000, "EUR", None, None),
    ("The budget was $2.5m a year.", "$2.5m", "money", 2_500_000, "USD", None, None),
    ("The defendant, Mira Holt, 39, appeared by video.", "39", "age", 39, "years", None, None),
    ("A 52-year-old engineer was detained.", "52-year-old", "age", 52, "years", None, None),
    ("The man, aged 61, was detained at the airport.", "aged 61", "age", 61, "years", None, None),
    ("Jan K., 58 years old, denied the charges.", "58 years old", "age", 58, "years", None, None),
    ("法院判处被告人15年有期徒刑。", "15年有期徒刑", "sentence", 15, "years", None, 180),
]


@pytest.mark.parametrize("text, phrase, kind, value, unit, qualifier, months", CASES)
def test_finds_quantity(text: str, phrase: str, kind: str, value: float, unit: str, qualifier: str | None,
                        months: int | None) -> None:
    found = {q.phrase: q for q in find_quantities(text)}
    assert phrase in found, [q.phrase for q in found.values()]
    start = text.index(phrase)
    assert found[phrase] == Quantity(start, start + len(phrase), phrase, kind, value, unit, qualifier, months)


NOTHING = [
    "In 2019 he moved to Hangzhou.",
    "The president visited ten years ago.",
    "He was arrested on Nov. 21, 2024 in Lisbon.",
    "Employee-1 alerted the security office.",
    "He was charged under section 3 of the act.",
    "Two years later he was promoted.",
    "The scores were 7, 12, 19 and 4.",
]


@pytest.mark.parametrize("text", NOTHING)
def test_finds_nothing(text: str) -> None:
    assert find_quantities(text) == []


SENTENCE_MONTHS = [
    ("He was sentenced to 10 years; prosecutors had asked for 14 years.", 120),
    ("Prosecutors asked for 14 years and the defence argued that five years was enough.", None),
    ("The judge imposed a 40-month sentence followed by two years of supervised release.", 40),
    ("The judge gave him a suspended sentence of 18 months.", 18),
    ("He faces a maximum of 20 years in prison.", None),
    ("The trader was jailed for three years and four months.", 40),
    ("She was sentenced to life in prison.", None),
    ("The trial lasted two weeks.", None),
]


@pytest.mark.parametrize("text, months", SENTENCE_MONTHS)
def test_sentence_months(text: str, months: int | None) -> None:
    assert sentence_months(text) == months


@pytest.mark.parametrize("words, value", [("twenty-five", 25), ("two hundred and forty", 240), ("3,400", 3400),
                                          ("1.2", 1.2), ("5½", 5.5), ("a dozen", 12), ("sixty", 60)])
def test_parse_number(words: str, value: float) -> None:
    assert parse_number(words) == value


# ---------------------------------------------------------------- gold measurements

_SENTENCE_END = re.compile(r"[!?。！？\n]|(?<![A-Z.][A-Z])(?<!\b[A-Z])(?<!\b(?:Mr|Ms|Dr|St|No))"
                           r"(?<!\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mrs))\.(?=[\"”’]?\s)")


def doc_text(path: Path) -> str:
    """A document's text; HTML loses its tags (block ends become line ends, which end sentences)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        text = re.sub(r"(?s)<(script|style|head)\b.*?</\1>|<[^>]+>", "\n", text)
        text = html.unescape(text)
    return text


def sentence_at(text: str, start: int) -> tuple[str, int]:
    """The sentence holding text[start], and where it begins."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    begin = ends[-1] if ends else 0
    after = _SENTENCE_END.search(text, start)
    return text[begin:after.end() if after else len(text)], begin


SEED_UNITS = {"GB": "GB", "people": "people", "countries": "countries", "years": "years"}


def test_seed_quantities_found() -> None:
    """The issue asks for 8 of the 9 seed quantities, by value and unit."""
    gold = json.loads(shared_path("seed", "gold.json").read_text(encoding="utf-8"))
    lines = shared_path("seed", "000_1093f815807a083d.txt").read_text(encoding="utf-8").splitlines()[:43]
    remaining = find_quantities("\n".join(lines))
    missed = []
    for item in gold["quantities"]:
        hit = next((q for q in remaining if q.value == item["value"] and q.unit == SEED_UNITS[item["unit"]]), None)
        if hit is None:
            missed.append(item["what"])
        else:
            remaining.remove(hit)
    assert len(gold["quantities"]) - len(missed) >= 8, missed  # measured 9/9


SPELLED = "zero one two three four five six seven eight nine ten eleven twelve".split()


def _phrases(claim: dict) -> list[str]:
    """The wording to look for: as written, else the value as news would write it."""
    if claim.get("as_written"):
        return claim["as_written"].split("; ")
    months, candidates = claim["value"], [f"{claim['value']} months"]
    if months % 12 == 0:
        years = months // 12
        candidates += [f"{years} years"] + ([f"{SPELLED[years]} years"] if years < len(SPELLED) else [])
    return candidates


def test_devset_sentence_months() -> None:
    """sentence_months over the sentence holding each gold sentence phrase equals the claim's value
    (wrong-fact claims included: the value is what the document says)."""
    gold = json.loads(shared_path("devset", "gold.json").read_text(encoding="utf-8"))
    results: list[tuple[str, str, int, int | None]] = []
    for doc in gold["documents"]:
        text = doc_text(shared_path("devset", doc["file"]))
        for claim in doc["claims"]:
            if claim["field"] != "sentence_months":
                continue
            phrases = [p for p in _phrases(claim) if p.lower() in text.lower()]
            if not claim.get("as_written"):
                phrases = phrases[:1]
            for phrase in phrases:
                sentence, _ = sentence_at(text, text.lower().index(phrase.lower()))
                results.append((doc["doc_id"], phrase, claim["value"], sentence_months(sentence)))
    right = [r for r in results if r[2] == r[3]]
    print(f"\ndevset sentence_months: {len(right)}/{len(results)} = {len(right) / len(results):.3f}")
    assert len(results) >= 14
    assert len(right) / len(results) >= 0.85, [r for r in results if r[2] != r[3]]  # measured 17/17
