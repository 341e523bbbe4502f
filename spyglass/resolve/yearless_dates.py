"""A day written without its year takes the year another report of the same event writes.

"Arrested on 21 December" in a page with no publication date has no value on its own; beside a
report that says "arrested in December 2022" it is 2022-12-21. A year a report did not write but
placed by its publication date ("on 28 February" in a page of August 2024) yields the same way
to a year written for that event. Only one year may fit: two written years leave the day as it was.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from spyglass.extract.dates import resolve
from spyglass.model import Claim, FuzzyDate
from spyglass.resolve.weekdays import weekday_of

_WRITTEN_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# "--08-14", "--08-14 Wednesday", "--11 y-1" (November of the year before the report's, in a report without a date)
_ISO_YEARLESS = re.compile(r"--(\d\d)(?:-(\d\d))?(?: \w+day)?(?: y([+-]\d))?$")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# two far-apart publication days: a phrase naming a month (and day) reads the same against both;
# "on Monday" or "last week" does not
_ANCHORS = (dt.date(2001, 7, 4), dt.date(2003, 2, 17))


def month_day(claim: Claim) -> tuple[int, int | None] | None:
    """The month and day (day may be None) of a claim's date phrase when it writes no year."""
    return _month_day(claim.date_phrase or "")


@lru_cache(maxsize=4096)
def _month_day(phrase: str) -> tuple[int, int | None] | None:
    if (found := _ISO_YEARLESS.match(phrase)) is not None:
        return int(found.group(1)), int(found.group(2)) if found.group(2) else None
    if not phrase or _WRITTEN_YEAR.search(phrase):
        return None
    readings = [resolve(phrase, anchor) for anchor in _ANCHORS]
    if any(r is None or r.precision not in ("day", "month") for r in readings):
        return None
    parts = {r.value[5:] for r in readings if r is not None}
    if len(parts) != 1:
        return None
    month, _, day = next(iter(parts)).partition("-")
    return int(month), int(day) if day else None


def year_offset(claim: Claim) -> int | None:
    """The year of a claim's yearless date counted from its report's own year ("of last year": -1)."""
    found = _ISO_YEARLESS.match(claim.date_phrase or "")
    return int(found.group(3)) if found and found.group(3) else None


def with_report_years(dated: list[tuple[Claim, FuzzyDate | None]], report_years: dict[str, int],
                      after: dt.date | None) -> list[tuple[Claim, FuzzyDate | None]]:
    """"Convicted in November of last year ... the judge, passing sentence on 3 February": in a report
    without a date, once its own year is known (`report_years`: the November conviction is dated
    2024 by other reports, so the report was written in 2025), a day or month written without its
    year is in the report's year, unless that puts it before the events that must come first."""
    out = []
    for claim, date in dated:
        parts = month_day(claim)
        year = report_years.get(claim.doc_id)
        if date is None and parts is not None and year is not None:
            counted = _fuzzy(year + (year_offset(claim) or 0), *parts)
            if counted is not None and (after is None or counted.last_day() >= after):
                date = counted
        out.append((claim, date))
    return out


def report_years(claims: list[Claim], chosen: dict[str, FuzzyDate]) -> dict[str, int]:
    """The year each report without a date was written in, from a date it counts from its own year
    ("in November of last year") for an event that other reports date ("2024-11-28"): one year per
    report, or none."""
    years: dict[str, set[int]] = {}
    for claim in claims:
        offset, parts, known = year_offset(claim), month_day(claim), chosen.get(claim.predicate)
        if offset is None or parts is None or known is None or known.precision == "year":
            continue
        if int(known.value[5:7]) == parts[0]:
            years.setdefault(claim.doc_id, set()).add(int(known.value[:4]) - offset)
    return {doc: found.pop() for doc, found in years.items() if len(found) == 1}


def with_written_years(dated: list[tuple[Claim, FuzzyDate | None]]) -> list[tuple[Claim, FuzzyDate | None]]:
    """Each claim's date, where a day or month written without a year takes the one year that the
    claims writing a year for this event allow."""
    written = [date for claim, date in dated if date is not None and month_day(claim) is None]
    out = []
    for claim, date in dated:
        parts = month_day(claim) if year_offset(claim) is None else None  # counted from its report: not free
        if parts is not None and written:
            years = {y for y in {w.first_day().year for w in written} | {w.last_day().year for w in written}
                     if (fit := _fuzzy(y, *parts)) is not None and any(_within(fit, w) for w in written)}
            if len(years) == 1:
                date = _fuzzy(years.pop(), *parts) or date
        out.append((claim, date))
    return out


def _fuzzy(year: int, month: int, day: int | None) -> FuzzyDate | None:
    try:
        return FuzzyDate.day(dt.date(year, month, day)) if day else FuzzyDate.month(year, month)
    except ValueError:
        return None


def _within(inner: FuzzyDate, outer: FuzzyDate) -> bool:
    return outer.first_day() <= inner.first_day() and inner.last_day() <= outer.last_day()


def with_weekday_years(dated: list[tuple[Claim, FuzzyDate | None]], since: dt.date,
                       until: dt.date) -> list[tuple[Claim, FuzzyDate | None]]:
    """A day written with its weekday and no year ("Wednesday, 14 August") takes the one year from
    `since` to `until` (the case's time: a year before its first dated event to its latest
    report) in which that day was that weekday. Two such years, or none, leave it undated."""
    out = []
    for claim, date in dated:
        parts = month_day(claim)
        weekday = _weekday_in(claim.date_phrase or "")
        if date is None and parts is not None and parts[1] is not None and weekday is not None:
            date = _the_year_it_was(parts[0], parts[1], weekday, since, until) or date
        out.append((claim, date))
    return out


def with_weekdays_reported(dated: list[tuple[Claim, FuzzyDate | None]], since: dt.date,
                           until: dt.date) -> list[tuple[Claim, FuzzyDate | None]]:
    """"Am 26. Juni festgenommen" in one undated report, "arrested on Thursday" in another: a day
    written without its year takes the one year from `since` to `until` (the case's time) in which
    it fell on the weekday that the reports giving only a weekday for this event all give. Reports
    naming two weekdays, or two years that fit, leave it undated."""
    weekdays = {w for claim, date in dated if date is None and (w := weekday_of(claim.date_phrase)) is not None}
    if len(weekdays) != 1:
        return dated
    weekday = weekdays.pop()
    out = []
    for claim, date in dated:
        parts = month_day(claim)
        if date is None and parts is not None and parts[1] is not None:
            date = _the_year_it_was(parts[0], parts[1], weekday, since, until) or date
        out.append((claim, date))
    return out


def _the_year_it_was(month: int, day: int, weekday: int, since: dt.date, until: dt.date) -> FuzzyDate | None:
    """The day in the one year from `since` to `until` in which it fell on `weekday`; None for two or none."""
    fits = [d for y in range(since.year, until.year + 1) if (d := _day(y, month, day)) is not None
            and since <= d <= until and d.weekday() == weekday]
    return FuzzyDate.day(fits[0]) if len(fits) == 1 else None


def _weekday_in(phrase: str) -> int | None:
    found = [i for i, name in enumerate(_WEEKDAYS) if re.search(rf"\b{name}\b", phrase, re.I)]
    return found[0] if len(found) == 1 else None


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")


def with_years_written_beside(dated: list[tuple[Claim, FuzzyDate | None]],
                              texts: dict[str, str]) -> list[tuple[Claim, FuzzyDate | None]]:
    """"On December 10, 2024 the Treasury sanctioned the firm ... Also on December 10, prosecutors
    unsealed an indictment": a day written without its year takes the one year its own report
    writes for that same day elsewhere."""
    out = []
    for claim, date in dated:
        parts = month_day(claim)
        if date is None and parts is not None and parts[1] is not None:
            years = _years_written(texts.get(claim.doc_id, ""), *parts)  # type: ignore[arg-type]
            if len(years) == 1:
                date = _fuzzy(years.pop(), parts[0], parts[1])
        out.append((claim, date))
    return out


def _years_written(text: str, month: int, day: int) -> set[int]:
    name = _MONTHS[month - 1]
    short = name[:3]
    pattern = (rf"\b(?:{name}|{short}\.?)\s+{day}(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b"
               rf"|\b{day}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{name}|{short}\.?),?\s+((?:19|20)\d\d)\b"
               rf"|\b((?:19|20)\d\d)-{month:02d}-{day:02d}\b")
    return {int(next(g for g in m.groups() if g)) for m in re.finditer(pattern, text, re.I)}


# What must have happened before an event: a verdict follows the charge or the arrest, a release the arrest.
BEFORE = {"convicted": ("arrested", "charged", "indicted"), "acquitted": ("arrested", "charged", "indicted"),
          "pleaded_guilty": ("arrested", "charged", "indicted"),
          "sentenced": ("arrested", "charged", "indicted", "pleaded_guilty", "convicted"),
          "released": ("arrested",)}


def with_years_between(dated: list[tuple[Claim, FuzzyDate | None]], after: dt.date | None,
                       reported: dt.date | None) -> list[tuple[Claim, FuzzyDate | None]]:
    """"Sentenced on March 2" in an undated report, the arrest dated September 2020 and a report
    of 19 March 2021 saying the sentence was passed: a day or month written without its year takes
    the one year in which it falls after the events that must come first (`after`) and not after
    the first dated report of the event (`reported`). Without both bounds, or with two years that
    fit, it stays undated."""
    if after is None or reported is None or reported < after:
        return dated
    out = []
    for claim, date in dated:
        parts = month_day(claim) if year_offset(claim) is None else None
        if date is None and parts is not None:
            fits = [f for y in range(after.year, reported.year + 1) if (f := _fuzzy(y, *parts)) is not None
                    and f.last_day() >= after and f.first_day() <= reported]
            if len(fits) == 1:
                date = fits[0]
        out.append((claim, date))
    return out


# "The Regional Court handed down the verdict on Thursday": the day of a judgment the report names
_JUDGMENT = re.compile(r"\b(?:handed down|delivered|announced|pronounced|passed|issued)\s+(?:its\s+|the\s+|a\s+)?"
                       r"(?:verdict|judgment|judgement|ruling|sentence)s?\b", re.I)


def with_judgment_days(dated: list[tuple[Claim, FuzzyDate | None]], claims: list[Claim],
                       texts: dict[str, str]) -> list[tuple[Claim, FuzzyDate | None]]:
    """"X has been sentenced to eight years ... The court handed down the verdict on Thursday": a
    sentence a report gives no day of its own takes the day of the judgment the same report dates.
    In a report in another language, any dated verdict is that judgment ("Tingsrätten dömde den 19
    januari ... Den äldre brodern dömdes till livstids fängelse"): courts outside the common law
    convict and sentence in one judgment."""
    days: dict[str, FuzzyDate] = {}
    for claim in claims:
        if claim.predicate == "convicted" and claim.date is not None and claim.doc_id in texts and (
                claim.extractor.startswith("spyglass.foreign")
                or _JUDGMENT.search(texts[claim.doc_id][claim.start : claim.end])):
            days.setdefault(claim.doc_id, claim.date)
    return [(claim, date if date is not None or claim.date_phrase else days.get(claim.doc_id)) for claim, date in dated]
