"""Name comparison: every variant kind reporting produces, and the near-misses that must stay apart."""

import pytest

from spyglass.resolve.names import STRONG, WEAK, compare


@pytest.mark.parametrize(
    "a, b, at_least",
    [
        ("Wen Haoyu", "Haoyu Wen", 1.0),  # order
        ("Юрий Белов", "Yuri Belov", 0.85),  # Cyrillic read in Latin letters
        ("Σταύρος Καλλής", "Stavros Kallis", 0.85),  # Greek
        ("Sergeja Palinova", "Sergej Palinov", 0.85),  # a case ending (genitive)
        ("Olega Vorobjova", "Oleg Vorobyov", 0.85),  # case ending and a transliteration
        ("Pavel Dorotsjkin", "Pavel Dorochkin", 0.85),  # a Norwegian transliteration
        ("Wen Hao-yu", "Wen Haoyu", 0.95),  # hyphenated given name
        ("Wen Hao Yu", "Wen Haoyu", 0.95),  # split given name
        ("温浩宇", "Wen Haoyu", 0.9),  # Han characters and their pinyin
        ("Anatoly Sukhorukov", "Anatolij Suchorukow", 0.85),  # transliteration
        ("Grigory Belinsky", "Grigorij Bieliński", 0.85),
        ("Marta Kowalczyk-Nowak", "Marta Kowalczyknowak", 0.95),
        ("Dieter Schröder", "Dieter Schroeder", 0.85),
        ("Nicholas Petrov", "Nikolai Petrov", 0.85),  # the same given name in another language
        ("Samuel Ortega Ruiz", "Samuel Ruiz", 0.85),  # a second surname or middle name dropped
        ("Mike Halloran", "Michael Halloran", 0.85),  # the short form English writes for a given name
        ("Bill Trent", "William Trent", 0.85),
    ],
)
def test_same_person(a: str, b: str, at_least: float) -> None:
    assert compare(a, b).score >= at_least, compare(a, b)
    assert compare(a, b).reason


@pytest.mark.parametrize(
    "a, b, low, high",
    [
        ("Holger F.", "Holger Fuchs", 0.8, 0.8),  # initials: needs support from the case to merge
        ("Wen", "Wen Haoyu", WEAK, STRONG - 0.01),  # surname alone: weak
        ("Peter Wen", "Wen Haoyu", WEAK, STRONG - 0.01),  # an English given name, or a relative: weak
        ("Wen Haoyu", "Wen Jiali", WEAK, STRONG - 0.01),  # two people sharing a surname: weak, never strong
        ("Wen Haoyu", "Lin Qiaosheng", 0.0, 0.0),
        ("Ivan Petrov", "Ivan Petrenko", 0.0, STRONG - 0.01),  # another surname, not another case of it
        ("Holger F.", "Holger G.", 0.0, 0.0),
    ],
)
def test_weak_or_no_match(a: str, b: str, low: float, high: float) -> None:
    assert low <= compare(a, b).score <= high, compare(a, b)
