"""The day a page's address gives it: news sites file stories under /2024/11/28/ or /2023-06-20/.

Used only when the page shows no publication date: an address date is the day the story was
filed, which is what relative dates in its text ("on Thursday", "last year") are read against.
A bare year or month in the path is too coarse to anchor a weekday and gives nothing.
"""

from __future__ import annotations

import datetime as dt
import re

_PATH_DATE = re.compile(r"/((?:19|20)\d\d)([/-])(\d\d)\2(\d\d)(?=[/._-]|$)")
_COMPACT = re.compile(r"/((?:19|20)\d\d)(\d\d)(\d\d)(?=/)")


def date_in_url(url: str | None, *, not_after: dt.date | None = None) -> dt.date | None:
    """The calendar day written in the path of `url`, or None (never a day after `not_after`)."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url.split("?", 1)[0].split("#", 1)[0])
    for match in (*_PATH_DATE.finditer(path), *_COMPACT.finditer(path)):
        last = match.lastindex or 3  # every pattern has three groups: year, month, day
        year, month, day = (int(g) for g in match.group(1, last - 1, last))
        try:
            when = dt.date(year, month, day)
        except ValueError:
            continue
        if not_after is None or when <= not_after:
            return when
    return None
