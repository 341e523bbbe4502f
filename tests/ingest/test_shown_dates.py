"""Publication dates as pages print them."""

import datetime as dt

import pytest

from spyglass.ingest.shown_dates import parse_shown_date


@pytest.mark.parametrize(
    "text, expected",
    [
        ("25.04.2024", "2024-04-25"),
        ("03.11.2025, 09:12 Uhr", "2025-11-03"),
        ("12/01/2024", "2024-01-12"),  # day first unless the caller says otherwise
        ("2025-02-03T23:30:00-05:00", "2025-02-04"),  # a stamp with a zone gives its UTC day
        ("2025-02-03T10:00:00Z", "2025-02-03"),
        ("2025-02-03", "2025-02-03"),
        ("Posted Feb. 3, 2025 at 8:10 AM", "2025-02-03"),
        ("Monday, 3 February 2025", "2025-02-03"),
        ("03 Feb 2025", "2025-02-03"),
        ("February 3rd, 2025", "2025-02-03"),
        ("Mon 3 Feb 2025 10.30 GMT", "2025-02-03"),
        ("2025年2月3日 10:30", "2025-02-03"),
        ("3. Februar 2025", "2025-02-03"),
        ("© 2025 Example Media", None),
        ("13 41", None),
        ("31.02.2025", None),
    ],
)
def test_shown_dates(text: str, expected: str | None) -> None:
    got = parse_shown_date(text)
    assert (got.isoformat() if got else None) == expected


def test_month_first_when_asked() -> None:
    assert parse_shown_date("12/01/2024", month_first=True) == dt.date(2024, 12, 1)
