"""Calendar-exact date arithmetic and ISO dates as the exchange format writes them."""

from __future__ import annotations

import re
from datetime import date

# Dates the software accepts: wide enough for any career, narrow enough that adding a
# path's years never leaves the calendar.
EARLIEST = date(1900, 1, 1)
LATEST = date(2199, 12, 31)

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def is_leap_year(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    if month == 2 and is_leap_year(year):
        return 29
    return _DAYS_IN_MONTH[month - 1]


def add_months(day: date, months: int) -> date:
    """`day` + `months`, keeping the day of month, clamped to the target month's last day.

    2014-11-30 + 3 months = 2015-02-28; 2016-02-29 + 12 months = 2017-02-28.
    """
    years, month_index = divmod(day.month - 1 + months, 12)
    year = day.year + years
    month = month_index + 1
    return date(year, month, min(day.day, days_in_month(year, month)))


def add_years(day: date, years: int) -> date:
    """`day` + `years`; 29 February lands on 28 February of a common year."""
    return add_months(day, 12 * years)


class DateFormatError(ValueError):
    """A text that is not an ISO date, or a date that does not exist; the message is French."""


def parse_iso_date(text: str) -> date:
    """Reads `YYYY-MM-DD`; refuses other shapes, impossible dates and implausible years."""
    match = _ISO_DATE.match(text)
    if match is None:
        raise DateFormatError(f"« {text} » n'est pas une date au format AAAA-MM-JJ")
    year, month, day_of_month = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        raise DateFormatError(f"date impossible : {text} (il n'y a pas de mois {month})")
    if not 1 <= day_of_month <= days_in_month(year, month):
        raise DateFormatError(
            f"date impossible : {text} (ce mois n'a que {days_in_month(year, month)} jours)"
        )
    parsed = date(year, month, day_of_month)
    if not EARLIEST <= parsed <= LATEST:
        raise DateFormatError(
            f"date invraisemblable : {text} (attendue entre {EARLIEST.year} et {LATEST.year})"
        )
    return parsed
