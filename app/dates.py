"""Calendar-exact date arithmetic and ISO dates as the exchange format writes them."""

from __future__ import annotations

import re
from datetime import date, datetime

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


_ISO_DATE_TIME = re.compile(
    r"^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$"
)


def parse_iso_datetime(text: str) -> datetime:
    """Reads an ISO date-time with its offset (`2015-01-15T10:42:00+01:00`, `…Z`), as the
    exchange format's `exported_at`; refuses a missing offset, impossible dates and
    times. The result is aware (it keeps the offset)."""
    match = _ISO_DATE_TIME.match(text)
    if match is None:
        raise DateFormatError(
            f"« {text} » n'est pas une date et heure au format AAAA-MM-JJTHH:MM:SS+HH:MM"
            " (avec le décalage horaire)"
        )
    parse_iso_date(match.group(1))  # the day itself: exists, plausible year
    hour, minute = int(match.group(2)), int(match.group(3))
    second = int(match.group(4) or 0)
    offset = match.group(6)
    if hour > 23 or minute > 59 or second > 59:
        raise DateFormatError(f"heure impossible : {text}")
    if offset != "Z" and (int(offset[1:3]) > 23 or int(offset[4:6]) > 59):
        raise DateFormatError(f"décalage horaire impossible : {text}")
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def iso_datetime(moment: datetime) -> str:
    """An aware date-time as the exchange format writes it (to the second)."""
    return moment.isoformat(timespec="seconds")


def now_aware() -> datetime:
    """This computer's local time, with its offset, to the second."""
    return datetime.now().astimezone().replace(microsecond=0)
