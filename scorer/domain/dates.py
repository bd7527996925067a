"""Dates as the documents print them: in UTC, with English month names.

Written without `strftime`, whose output depends on the process locale (Qt sets it from
the user's) and whose `%-d`-style directives exist only in glibc.
"""

from __future__ import annotations

from datetime import UTC, datetime

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def utc_day(moment: datetime, *, long_month: bool = False) -> str:
    """'2 Dec 2026', or '2 December 2026' with `long_month`."""
    at = moment.astimezone(UTC)
    month = MONTHS[at.month - 1]
    return f"{at.day} {month if long_month else month[:3]} {at.year}"


def utc_day_time(moment: datetime, *, separator: str = " ") -> str:
    """'2 Dec 2026 14:05 UTC'; `separator` goes between the day and the time."""
    at = moment.astimezone(UTC)
    return f"{utc_day(at)}{separator}{at.hour:02d}:{at.minute:02d} UTC"
