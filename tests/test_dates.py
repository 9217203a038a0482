from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.dates import DateFormatError, add_months, add_years, days_in_month, parse_iso_date


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2014, 11, 30), 3, date(2015, 2, 28)),  # EXCHANGE.md's own example
        (date(2015, 11, 30), 3, date(2016, 2, 29)),  # leap year: 29 February exists
        (date(2014, 12, 1), 3, date(2015, 3, 1)),
        (date(2014, 1, 31), 1, date(2014, 2, 28)),
        (date(2014, 3, 31), 1, date(2014, 4, 30)),
        (date(2014, 10, 15), 3, date(2015, 1, 15)),  # crosses the year
        (date(2015, 3, 31), -1, date(2015, 2, 28)),
        (date(2015, 1, 15), -13, date(2013, 12, 15)),
    ],
)
def test_add_months_keeps_the_day_and_clamps(start, months, expected):
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    ("start", "years", "expected"),
    [
        (date(2016, 2, 29), 1, date(2017, 2, 28)),
        (date(2016, 2, 29), 4, date(2020, 2, 29)),
        (date(2016, 2, 29), 5, date(2021, 2, 28)),
        (date(2016, 2, 29), -5, date(2011, 2, 28)),
        (date(2014, 10, 1), 5, date(2019, 10, 1)),
    ],
)
def test_add_years_on_29_february(start, years, expected):
    assert add_years(start, years) == expected


dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31))


@given(dates, st.integers(min_value=-1200, max_value=1200))
def test_adding_months_never_raises_and_lands_in_the_target_month(day, months):
    total = day.year * 12 + day.month - 1 + months
    target_year, target_month_index = divmod(total, 12)
    if not 1 <= target_year <= 9999:
        return
    result = add_months(day, months)
    assert (result.year, result.month) == (target_year, target_month_index + 1)
    assert result.day == min(day.day, days_in_month(target_year, target_month_index + 1))


@given(dates, st.integers(min_value=0, max_value=100))
def test_adding_years_is_adding_twelve_months(day, years):
    assert add_years(day, years) == add_months(day, 12 * years)


@given(dates)
def test_iso_round_trip(day):
    assert parse_iso_date(day.isoformat()) == day


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2014-02-30", "date impossible"),
        ("2015-02-29", "date impossible"),
        ("2014-13-01", "date impossible"),
        ("2014-00-10", "date impossible"),
        ("15/01/2015", "AAAA-MM-JJ"),
        ("2014-1-5", "AAAA-MM-JJ"),
        ("2014-01-05T00:00:00", "AAAA-MM-JJ"),
        ("1850-01-01", "invraisemblable"),
    ],
)
def test_bad_dates_are_refused_in_french(text, fragment):
    with pytest.raises(DateFormatError, match=fragment):
        parse_iso_date(text)


def test_29_february_of_a_leap_year_is_a_date():
    assert parse_iso_date("2016-02-29") == date(2016, 2, 29)
    assert parse_iso_date("2000-02-29") == date(2000, 2, 29)
    with pytest.raises(DateFormatError):
        parse_iso_date("1900-02-29")
    assert date(2016, 2, 29) - timedelta(days=1) == date(2016, 2, 28)
