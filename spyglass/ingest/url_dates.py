"""The day a page's address gives it: news sites file stories under /2024/11/28/ or /2023-06-20/.

Used only when the page shows no publication date: an address date is the day the story was
filed, which is what relative dates in its text ("on Thursday", "last year") are read against.
A bare year or month in the path is too coarse to anchor a weekday and gives nothing.
"""

from __future__ import annotations

import datetime as dt
import re

_PATH_DATE = re.compile(r"/(?P<year>(?:19|20)\d\d)(?P<sep>[/-])(?P<month>\d\d)(?P=sep)(?P<day>\d\d)(?=[/._-]|$)")
_COMPACT = re.compile(r"/(?P<year>(?:19|20)\d\d)(?P<month>\d\d)(?P<day>\d\d)(?=/)")


def date_in_url(url: str | None, *, not_after: dt.date | None = None) -> dt.date | None:
    """The calendar day written in the path of `url`, or None (never a day after `not_after`)."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url.split("?", 1)[0].split("#", 1)[0])
    for match in (*_PATH_DATE.finditer(path), *_COMPACT.finditer(path)):
        year, month, day = (int(match.group(part)) for part in ("year", "month", "day"))
        try:
            when = dt.date(year, month, day)
        except ValueError:
            continue
        if not_after is None or when <= not_after:
            return when
    return None
