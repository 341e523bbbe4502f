"""A date with its precision: an ISO prefix whose length says how much is known.

`2018` is a year, `2018-04` a month, `2018-04-01` a day; a week is written as its Monday
with precision "week". Two dates compare at the coarser of their precisions, so that
"April 2018" agrees with "1 April 2018" but "2018-04" does not agree with "2018-05-02".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spyglass.errors import ModelError

PRECISIONS: tuple[str, ...] = ("year", "month", "week", "day")
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_LENGTH = {"year": 4, "month": 7, "week": 10, "day": 10}


@dataclass(frozen=True, order=True)
class FuzzyDate:
    """An ISO-prefix date. Build with `FuzzyDate.parse` or the `year/month/day/week` helpers."""

    value: str
    precision: str

    def __post_init__(self) -> None:
        if self.precision not in PRECISIONS:
            raise ModelError(f"unknown date precision {self.precision!r}; expected one of {PRECISIONS}")
        match = _ISO.match(self.value)
        if not match or len(self.value) != _LENGTH[self.precision]:
            raise ModelError(f"date {self.value!r} does not fit precision {self.precision!r}")
        if self.precision in ("day", "week"):
            day = dt.date.fromisoformat(self.value)
            if self.precision == "week" and day.weekday() != 0:
                raise ModelError(f"a week is written as its Monday; {self.value} is not a Monday")

    @classmethod
    def parse(cls, text: str, precision: str | None = None) -> "FuzzyDate":
        """Read an ISO prefix; the precision follows from its length unless given."""
        text = text.strip()
        if precision is None:
            precision = {4: "year", 7: "month", 10: "day"}.get(len(text), "")
        return cls(text, precision)

    @classmethod
    def day(cls, when: dt.date) -> "FuzzyDate":
        return cls(when.isoformat(), "day")

    @classmethod
    def week(cls, when: dt.date) -> "FuzzyDate":
        monday = when - dt.timedelta(days=when.weekday())
        return cls(monday.isoformat(), "week")

    @classmethod
    def month(cls, year: int, month: int) -> "FuzzyDate":
        return cls(f"{year:04d}-{month:02d}", "month")

    @classmethod
    def year(cls, year: int) -> "FuzzyDate":
        return cls(f"{year:04d}", "year")

    def first_day(self) -> dt.date:
        """The earliest calendar day this date can mean."""
        parts = [int(p) for p in self.value.split("-")]
        return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)

    def last_day(self) -> dt.date:
        """The latest calendar day this date can mean."""
        start = self.first_day()
        if self.precision == "day":
            return start
        if self.precision == "week":
            return start + dt.timedelta(days=6)
        if self.precision == "month":
            following = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        return dt.date(start.year, 12, 31)

    def agrees(self, other: "FuzzyDate") -> bool:
        """True when the two dates can mean the same day (their spans overlap)."""
        return self.first_day() <= other.last_day() and other.first_day() <= self.last_day()

    def at_precision(self, precision: str) -> str:
        """This date's value cut to a coarser precision (for scoring against gold)."""
        if precision == "week":
            return FuzzyDate.week(self.first_day()).value if self.precision in ("day", "week") else self.value
        return self.value[: _LENGTH[precision]]

    def __str__(self) -> str:
        return self.value if self.precision != "week" else f"week of {self.value}"
