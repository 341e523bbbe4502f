"""Dates and prison terms in reports not written in English, read with the language's word forms.

A sentence may hold several dates and several terms ("arrested in March 2021, he was sentenced
on 5 July to four years; his co-defendant got two"): each event takes the one nearest to its own
word. A date without a year takes the publication's year (the previous year when it would fall
after the publication); without a publication date it gets no value rather than a wrong one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from spyglass.model import FuzzyDate

_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DOTTED = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
# "1年2月" after a penalty is a term of one year and two months, not February
_CJK_FULL = re.compile(r"(一昨年|去年|昨年|前年|今年|本年|同年|当年|當年)?(?:(\d{4})\s*年\s*|(?<!\d年)(?<![\d零]年零))(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")
_CJK_DAY = re.compile(r"(?<![\d月年])[（(]?(\d{1,2})[）)]?\s*日")  # "15日", "今（15）日"
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_CLAUSE_BREAK = re.compile(r"[,;，；、]")
_HAN_YEARS_MONTHS = re.compile(r"(?<!\d)(\d{1,2})\s*年\s*零?\s*(\d{1,2})\s*[个個]?月(?!\s*\d{1,2}\s*日)")
_HAN_TERM_WORDS = re.compile(r"[判刑囚役錮锢]")
_SAME_YEAR = {"同年", "当年", "當年"}
_WINDOW = 120  # a date further than this from the event word belongs to another clause


@dataclass(frozen=True)
class _Found:
    at: int
    date: FuzzyDate | None
    yearless: str | None = None  # "--12-21" or "--12": a day or month written without its year


def dated_near(lex: Any, text: str, at: int, published: str | None,
               events: tuple[int, ...] = (), before: str = "") -> tuple[FuzzyDate | None, str | None]:
    """The date of the event word at position `at` of the sentence: a date no other event word
    (at `events`) stands nearer to, in the word's own clause if one is ("arrested on 9 March, and
    charged on 6 July"); "sent to the detention centre, where he died on 2 July" dates the death.
    With it, the day or month as written when the text gives no year ("--12-21"): the case file
    can take that year from a report that writes it. `before` is the report's text before the
    sentence, where "同年" and "當年" find the year they stand for."""
    found = _found_near(lex, text, at, published, events, before)
    return (found.date, found.yearless) if found else (None, None)


_SCENE_REACH = 1200  # a scene a date sets is told in the next few paragraphs
_DATE_SENTENCE_END = re.compile(r"[\w. ,]{0,30}?\b\d{4}\s*\.(?=\s|$)")  # "25. oktober 2022." ends the sentence
_SENTENCE_BEFORE = re.compile(r"[.!?][\"»”’)]?[ \t]+((?:[^\W\d]+,?[ \t]+)?)$")  # ends on the same line


SCENE = "scene: "  # the date phrase of an event dated by the scene it is told in ("scene: Onsdag 8. marts 2023.")


def scene_date(lex: Any, text: str, at: int, published: str | None) -> tuple[FuzzyDate | None, str | None]:
    """The date a narrative sets for the scene it tells, for an event told without a date of its
    own at position `at`: "Det er i Aalborg. Onsdag 8. marts 2023. Hun er på vej til sit kontor.
    [...] Videoen viser anholdelsen af kvinden" dates the arrest. The date is a sentence of its own
    (a weekday may open it) inside a paragraph, with its year; no date is written between it and the
    event. A date alone on its line is a dateline or a caption, and sets no scene. With the date, its
    phrase marked as a scene's (`SCENE`): a date written in an event's own clause outranks it."""
    pub = dt.date.fromisoformat(published) if published else None
    begin = max(0, at - _SCENE_REACH)
    window = text[begin:at].translate(_FULLWIDTH)
    found = _all_dates(lex, window, pub)
    if not found:
        return None, None
    last = max(found, key=lambda f: f.at)
    before = _SENTENCE_BEFORE.search(window[: last.at])
    ends = _DATE_SENTENCE_END.match(window, last.at)
    if last.date is None or last.date.precision != "day" or before is None or ends is None or len(ends.group().split()) > 4:
        return None, None
    opener = before.group(1).strip(" ,\t")
    if opener and not any(p.fullmatch(opener) for patterns in lex.weekdays for p in patterns):
        return None, None
    return last.date, SCENE + " ".join((before.group(1) + ends.group()).split())


def _found_near(lex: Any, text: str, at: int, published: str | None, events: tuple[int, ...],
                before: str = "") -> _Found | None:
    text = text.translate(_FULLWIDTH)
    pub = dt.date.fromisoformat(published) if published else None

    def clause_of(a: int, b: int, date: bool = True) -> bool:
        if a < b and date:  # "2023年3月，X被捕", "Am 3. Mai, …": the comma that closes a date opening the clause
            return not _CLAUSE_BREAK.search(re.sub(r"^[^,;，；、]{0,16}?[,，]", "", text[a:b], count=1))
        return not _CLAUSE_BREAK.search(text[min(a, b) : max(a, b)])

    # near the word, or anywhere before it in its own clause: a verb-final clause opens with its
    # date and closes with its verb ("Am 26. Juni wurde ... [a long subject] ... festgenommen")
    dates = [f for f in _all_dates(lex, text, pub, before)
             if abs(f.at - at) <= _WINDOW or (f.at < at and clause_of(f.at, at))]

    # in the word's own clause, the date no other event word of that clause is nearer to; else any
    # date no other event word is nearer to
    # (nor one another event word stands nearer to in the date's own clause: "Mis en examen le 22
    # décembre 2017, deux agents viennent d'être condamnés" dates the charge, not the conviction)
    same = [f for f in dates if clause_of(f.at, at)
            and all(abs(f.at - at) <= abs(f.at - other) for other in events
                    if clause_of(other, at, date=False) or clause_of(other, f.at, date=False))]
    anywhere = [f for f in dates if all(abs(f.at - at) <= abs(f.at - other) for other in events)]
    chosen = same or anywhere
    return min(chosen, key=lambda f: (abs(f.at - at), f.at)) if chosen else None


def _all_dates(lex: Any, text: str, pub: dt.date | None, before: str = "") -> list[_Found]:
    out: list[_Found] = []
    taken: list[tuple[int, int]] = []  # the words that gave a month its year
    for m in _ISO.finditer(text):
        out += _make(m.start(), int(m.group(1)), int(m.group(2)), int(m.group(3)))
    for m in _DOTTED.finditer(text):
        out += _make(m.start(), int(m.group(3)), int(m.group(2)), int(m.group(1)))
    for m in _CJK_FULL.finditer(text):
        if m.group(1) in _SAME_YEAR:  # "2023年3月…，同年10月…": the year written before it
            earlier = [int(y) for y in re.findall(r"(\d{4})\s*年", before[-600:] + text[: m.start()])]
            if earlier:
                out += _make(m.start(), earlier[-1], int(m.group(3)), int(m.group(4)) if m.group(4) else None)
            continue
        year = int(m.group(2)) if m.group(2) else _relative_year(m.group(1), pub)
        day = int(m.group(4)) if m.group(4) else None
        # "今年7月6日" in a dated report writes its year relative to the report
        yearless = None if m.group(2) else _yearless(int(m.group(3)), day)
        if yearless and m.group(1):  # "去年3月": the year counted from the report's own
            yearless = f"{yearless} y{_YEAR_WORDS[m.group(1)]:+d}"
        if year is None and pub is not None:
            year = _year_for(pub, int(m.group(3)), day)
        out += _make(m.start(), year, int(m.group(3)), day, yearless)
    for m in _CJK_DAY.finditer(text):
        if pub is not None and not any(f.at <= m.start() <= f.at + 12 for f in out):
            day = int(m.group(1))
            month, year = (pub.month, pub.year) if day <= pub.day else _previous_month(pub)
            out += _make(m.start(), year, month, day)
    for month, patterns in lex.months.items():
        for pattern in patterns:
            for m in pattern.finditer(text):
                if len(m.group(0)) >= 2 and m.group(0).isupper():
                    continue  # an acronym ("GRU"), not a month's short form ("gru.")
                year_match = re.match(r"\s*(?:de\s+|of\s+)?(\d{4})\b", text[m.end() : m.end() + 12])
                day_match = re.search(r"(\d{1,2})\.?\s*(?:de\s+)?$", text[max(0, m.start() - 8) : m.start()])
                day = int(day_match.group(1)) if day_match else None
                start = m.start() - (len(day_match.group(0)) if day_match else 0)
                year = int(year_match.group(1)) if year_match else (_year_for(pub, month, day) if pub and day else None)
                yearless = None if year_match else _yearless(month, day)
                said = None if year_match else _year_word(lex, text, start, m.end())
                if said is not None:  # "im November vergangenen Jahres", "en novembre dernier"
                    taken.append(said[1])
                    if pub is not None:
                        year = pub.year + said[0] if said[0] is not None else _year_for(pub, month, day)
                    # the year counted from the report's own: no year another report writes replaces it
                    yearless = f"{yearless} y{said[0]:+d}" if said[0] is not None and yearless else None
                named = _weekday_before(lex, text, start) if yearless and day else None
                if named is not None:  # "W środę, 14 sierpnia": the weekday can place the year
                    yearless = f"{yearless} {_WEEKDAY_NAMES[named]}"
                out += _make(start, year, month, day, yearless)
    for key, patterns in lex.relative.items():  # "gestern", "la semaine dernière", "先週", "l'an dernier"
        for pattern in patterns:
            for m in pattern.finditer(text):
                if pub is not None and not any(a < m.end() and m.start() < b for a, b in taken) \
                        and not any(m.start() - 1 <= f.at <= m.end() for f in out):
                    out.append(_Found(m.start(), _counted_from(pub, key)))
    for weekday, patterns in enumerate(lex.weekdays):
        for pattern in patterns:
            for m in pattern.finditer(text):
                if pub is not None and not any(m.start() - 4 <= f.at <= m.end() + 16 for f in out):
                    # "vendredi", "am Freitag": the latest such day up to the report (a past event)
                    that_day = pub - dt.timedelta(days=(pub.weekday() - weekday) % 7)
                    out.append(_Found(m.start(), FuzzyDate(that_day.isoformat(), "day")))
    return _without_periods(text, out)


# "od března 2015 do května 2019", "von März 2019 bis Mai 2020", "2016–2022": a period of activity
_RANGE = re.compile(r"[^\d,;.]{0,16}?\d{4}\s*(?:[-–—]|\s(?:do|bis|au|al|till|til|tot|to|until|até|hasta|по|до)\s)\s*")


def _without_periods(text: str, found: list[_Found]) -> list[_Found]:
    """Dates that open and close a period are no event's date; nor is a date inside quotation marks,
    which names something (the case "13 January 1991", a programme, a book)."""
    ordered = sorted(found, key=lambda f: f.at)
    period: set[int] = set()
    for first, second in zip(ordered, ordered[1:]):
        if _RANGE.fullmatch(text[first.at : second.at]):
            period |= {first.at, second.at}
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    return [f for f in found if f.at not in period and not any(a < f.at < b for a, b in quoted)]


# a short quotation: "…", «…», „…“, “…”, 「…」 (a name, a title), within one sentence
_QUOTED = re.compile(r"\"[^\"\n]{1,60}\"|«[^»\n]{1,60}»|„[^“”\n]{1,60}[“”]|“[^”\n]{1,60}”|「[^」\n]{1,60}」|『[^』\n]{1,60}』")


def _make(at: int, year: int | None, month: int, day: int | None, yearless: str | None = None) -> list[_Found]:
    """A found date; with no year (none written, no publication to place it) only its yearless form."""
    try:
        if year is None:
            return [_Found(at, None, yearless)] if yearless else []
        if day:
            return [_Found(at, FuzzyDate(dt.date(year, month, day).isoformat(), "day"), yearless)]
        return [_Found(at, FuzzyDate(f"{year:04d}-{month:02d}", "month"), yearless)]
    except (ValueError, Exception):
        return []


_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _weekday_before(lex: Any, text: str, at: int) -> int | None:
    """The weekday (0 = Monday) written just before a day and month ("mercredi 14 août")."""
    before = text[max(0, at - 16) : at]
    found = [weekday for weekday, patterns in enumerate(lex.weekdays) for pattern in patterns
             if (m := list(pattern.finditer(before))) and re.fullmatch(r"[\s,.]*", before[m[-1].end() :])]
    return found[0] if len(found) == 1 else None


def _year_word(lex: Any, text: str, start: int, end: int) -> tuple[int | None, tuple[int, int]] | None:
    """The words beside a month that give its year: "of last year" (-1), "of this year" (0) or
    "latest" (None: the latest such month up to the report), with their span."""
    for key, offset in (("of last year", -1), ("of this year", 0), ("latest", None)):
        pattern = lex.year_words.get(key)
        if pattern is None:
            continue
        after = re.match(rf"[\s,]*(?:{pattern.pattern})(?!\w)", text[end : end + 40], pattern.flags)
        if after is not None:
            return offset, (end, end + after.end())
        before = re.search(rf"(?<!\w)(?:{pattern.pattern})[\s,]*$", text[max(0, start - 40) : start], pattern.flags)
        if before is not None:
            return offset, (max(0, start - 40) + before.start(), start)
    return None


def _counted_from(pub: dt.date, key: str) -> FuzzyDate:
    """"day -1" from the publication date: yesterday; "week -1" the week before; "year 0" its year."""
    unit, offset = key.split()[0], int(key.split()[1])
    if unit == "day":
        return FuzzyDate.day(pub + dt.timedelta(days=offset))
    if unit == "week":
        return FuzzyDate.week(pub + dt.timedelta(weeks=offset))
    if unit == "month":
        months = pub.year * 12 + pub.month - 1 + offset
        return FuzzyDate.month(months // 12, months % 12 + 1)
    return FuzzyDate.year(pub.year + offset)


def _yearless(month: int, day: int | None) -> str | None:
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    return f"--{month:02d}-{day:02d}" if day else f"--{month:02d}"


def _relative_year(word: str | None, pub: dt.date | None) -> int | None:
    if word is None or pub is None:
        return None
    return pub.year + _YEAR_WORDS[word]


# last year, the year before, this year (Japanese writes last year 昨年 and this year 本年)
_YEAR_WORDS = {"去年": -1, "昨年": -1, "前年": -2, "一昨年": -2, "今年": 0, "本年": 0}


def _year_for(pub: dt.date | None, month: int, day: int | None) -> int | None:
    """A date written without its year: the publication's year, or the year before when that would
    put it after the publication."""
    if pub is None:
        return None
    try:
        candidate = dt.date(pub.year, month, day or 1)
    except ValueError:
        return None
    return pub.year if candidate <= pub else pub.year - 1


def _previous_month(pub: dt.date) -> tuple[int, int]:
    return (12, pub.year - 1) if pub.month == 1 else (pub.month - 1, pub.year)


def term_near(lex: Any, text: str, at: int) -> str | None:
    """The prison term nearest after the event word, in months ("zu drei Jahren und sechs Monaten",
    "à 12 ans", "на 12 лет", "懲役2年", "一年两个月"), or "life"."""
    if any(p.search(text) for p in lex.life):
        return "life"
    number = rf"(\d+(?:[.,]\d)?|{'|'.join(p.pattern for ps in lex.numbers.values() for p in ps) or '(?!x)x'})"
    years = [(m.start(), _number(lex, m.group(1)) * 12, m.end()) for m in
             re.finditer(rf"{number}\s*(?:-\s*)?(?:{lex.years_unit})(?!\s*\d{{1,2}}\s*月)", text, re.I)]
    months = [(m.start(), _number(lex, m.group(1)), m.end()) for m in
              re.finditer(rf"{number}\s*(?:-\s*)?(?:{lex.months_unit})", text, re.I)]
    terms = [t for t in years if 0 < t[1] <= 600] + [t for t in months if 0 < t[1] < 600]
    # "判刑1年2月": a Han term of years and months written without a measure word
    terms += [(m.start(), int(m.group(1)) * 12 + int(m.group(2)), m.end()) for m in _HAN_YEARS_MONTHS.finditer(text)]
    if re.search(r"[\u3400-\u9fff]", text):
        # Chinese and Japanese name the penalty right before its length ("有期徒刑1年", "判囚14個月", "懲役2年"):
        # "four years as a student" is no term
        terms = [t for t in terms if _HAN_TERM_WORDS.search(text[max(0, t[0] - 6) : t[0]])]
    # "condamnés à une privation de droits civiques pendant dix ans": the length of a penalty that is
    # no prison term (named in the clause before the number) is not the sentence
    terms = [t for t in terms if not any(p.search(_CLAUSE_BREAK.split(text[max(0, t[0] - 80) : t[0]])[-1])
                                         for p in lex.other_penalties)]
    if not terms:
        return None
    after = [t for t in terms if t[2] > at] or terms  # the event word may be the term's own unit ("ans de prison")
    first = min(after, key=lambda t: abs(t[0] - at))
    years_before = [t for t in terms if t[1] >= 12 and 0 <= first[0] - t[2] <= 12]
    if first[1] < 12 and years_before:
        first = years_before[-1]  # "14 years and three months": the term starts at its years
    if re.search(rf"(?<!\w){number}\s*(?:,|\w{{1,3}})\s*$", text[: first[0]], re.I):
        return None  # "à 8 et 12 ans", "to eight and twelve years": the terms of several people, whose is not said
    total = first[1]
    for other in terms:  # "three years and six months": the parts of one term stand together
        if other is not first and 0 <= other[0] - first[2] <= 12 and other[1] < 12:
            total += other[1]
    return str(round(total))


def _number(lex: Any, word: str) -> float:
    if re.fullmatch(r"\d+(?:[.,]\d)?", word):
        return float(word.replace(",", "."))
    for value, patterns in lex.numbers.items():
        if any(p.fullmatch(word) for p in patterns):
            return float(value)
    return 0.0
