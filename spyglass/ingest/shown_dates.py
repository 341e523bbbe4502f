"""Read a publication date as pages print it: ISO stamps, 25.04.2024, 07/10/2023, 9 Apr 2025, 2025年4月10日."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan", "januar", "jänner", "janvier"),
            ("february", "feb", "februar", "février"),
            ("march", "mar", "märz", "maerz", "mars"),
            ("april", "apr", "avril"),
            ("may", "mai"),
            ("june", "jun", "juni", "juin"),
            ("july", "jul", "juli", "juillet"),
            ("august", "aug", "août"),
            ("september", "sep", "sept"),
            ("october", "oct", "oktober", "okt", "octobre"),
            ("november", "nov", "novembre"),
            ("december", "dec", "dezember", "dez", "décembre"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month_name>[A-Za-zäéû]{3,9})\.?"
_PATTERNS = [
    re.compile(r"(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)(?:[T ](?P<time>\d\d:\d\d(?::\d\d)?(?:\.\d+)?)(?P<tz>Z|[+-]\d\d:?\d\d)?)?"),
    re.compile(r"(?P<year>(?:19|20)\d\d)\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日"),
    re.compile(r"\b(?P<day>\d{1,2})[./](?P<month>\d{1,2})[./](?P<year>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<day>\d{1,2})\.?\s+" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b"),
    re.compile(r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b"),
]


def parse_shown_date(text: str, *, month_first: bool = False) -> dt.date | None:
    """The calendar day a date string shows, or None. Numeric dates are day-first unless
    `month_first`; a timestamp with a zone gives its UTC day, as gold and feeds do."""
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            day = _to_date(match, month_first)
            if day is not None:
                return day
    return None


def _to_date(match: re.Match[str], month_first: bool) -> dt.date | None:
    parts = match.groupdict()
    if parts.get("month_name"):
        month = _MONTHS.get(parts["month_name"].lower())
        if month is None:
            return None
    else:
        month = int(parts["month"])
    day, year = int(parts["day"]), int(parts["year"])
    if month_first and not parts.get("month_name") and "-" not in match.group(0):
        day, month = month, day
    try:
        when = dt.date(year, month, day)
    except ValueError:
        return None
    if parts.get("time") and parts.get("tz"):
        try:
            stamp = dt.datetime.fromisoformat(f"{when.isoformat()}T{parts['time']}{_zone(parts['tz'])}")
        except ValueError:  # an impossible time or zone (T25:00, +99:99, hour 24): the day as printed
            return when
        when = stamp.astimezone(dt.timezone.utc).date()
    return when


def _zone(tz: str) -> str:
    if tz == "Z":
        return "+00:00"
    return tz if ":" in tz else f"{tz[:3]}:{tz[3:]}"
