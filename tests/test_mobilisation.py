"""Rule CIP-MOB at its boundaries: exactly 5 days, a sixth, the last day one day past the
6 months (with month-end clamping), half-days counted as half a day."""

from datetime import date, timedelta

import pytest

from app.consolidation.mobilisation import check_mobilisation


def full_days(*days: date) -> list[tuple[date, str]]:
    return [(day, half) for day in days for half in ("matin", "apres-midi")]


def test_exactly_five_days_within_six_months_is_met(rules):
    first = date(2015, 1, 12)
    days = [first + timedelta(weeks=4 * k) for k in range(5)]
    check = check_mobilisation(full_days(*days), rules)
    assert check.status == "met", check.reason
    assert check.values["planned_days"] == 5
    assert "5 jours prévus du 12/01/2015" in check.reason


def test_a_sixth_day_is_one_too_many(rules):
    days = [date(2015, 1, 12) + timedelta(days=7 * k) for k in range(6)]
    check = check_mobilisation(full_days(*days), rules)
    assert check.status == "not_met"
    assert "6 jours prévus, 1 jour de trop (au plus 5 jours)" in check.reason


def test_half_days_count_half_a_day(rules):
    days = [date(2015, 1, 12) + timedelta(days=7 * k) for k in range(5)]
    plan = [*full_days(*days[:4]), (days[4], "matin"), (date(2015, 3, 2), "matin")]
    check = check_mobilisation(plan, rules)
    assert check.status == "met" and check.values["planned_days"] == 5


def test_the_last_day_one_day_past_six_months_with_month_end_clamping(rules):
    first = date(2014, 8, 31)  # + 6 months = 28/02/2015 (clamped)
    on_time = check_mobilisation(full_days(first, date(2015, 2, 28)), rules)
    assert on_time.status == "met", on_time.reason
    late = check_mobilisation(full_days(first, date(2015, 3, 1)), rules)
    assert late.status == "not_met"
    assert "1 journée après le 28/02/2015 (6 mois après la première, le 31/08/2014)" in (
        late.reason
    )
    assert "01/03/2015" in late.reason


def test_nothing_planned_is_pending_and_a_wrong_half_day_is_refused(rules):
    assert check_mobilisation([], rules).status == "pending"
    with pytest.raises(ValueError, match="demi-journée inconnue"):
        check_mobilisation([(date(2015, 1, 12), "soir")], rules)
