"""CIP-EXP: days over merged periods, both ends inclusive, clipped to the evaluation date."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from app.domain import ExperiencePeriod
from app.evaluation.experience import count_experience, split_days

ON = date(2015, 1, 15)


def job(start, end=None, fte=1.0, accompaniment=True):
    return ExperiencePeriod(start=start, end=end, fte=fte, accompaniment_function=accompaniment)


def calendar(periods, on=ON):
    return count_experience(periods, on, 1095, "calendar")


def test_exactly_1095_days_is_met():
    start = date(2012, 1, 1)
    count = calendar([job(start, start + timedelta(days=1094))])
    assert count.calendar_days == 1095
    assert count.met
    assert count.reached_on == start + timedelta(days=1094)


def test_one_day_short_is_not_met_and_projects_the_next_day():
    start = date(2012, 1, 16)
    on = start + timedelta(days=1093)
    count = calendar([job(start)], on)
    assert count.calendar_days == 1094
    assert not count.met
    assert count.missing_days == 1
    assert count.projected_on == on + timedelta(days=1)


def test_both_ends_are_inclusive():
    assert calendar([job(date(2014, 1, 1), date(2014, 1, 1))]).calendar_days == 1
    assert calendar([job(date(2014, 1, 1), date(2014, 12, 31))]).calendar_days == 365


def test_overlapping_periods_are_never_counted_twice():
    periods = [job(date(2010, 1, 1), date(2011, 12, 31)), job(date(2011, 1, 1), date(2012, 12, 31))]
    count = calendar(periods)
    assert count.calendar_days == 365 + 365 + 366
    assert split_days(count.calendar_days, 365, 30) == (3, 0, 1)


def test_adjacent_periods_join_without_a_gap_or_a_double_day():
    periods = [job(date(2013, 1, 1), date(2013, 6, 30)), job(date(2013, 7, 1), date(2013, 12, 31))]
    assert calendar(periods).calendar_days == 365


def test_an_open_period_runs_to_the_evaluation_date_inclusive():
    assert calendar([job(date(2015, 1, 1))]).calendar_days == 15


def test_a_period_past_the_evaluation_date_does_not_count():
    periods = [job(date(2014, 1, 1), date(2014, 1, 10)), job(date(2015, 2, 1), date(2016, 1, 1))]
    assert calendar(periods).calendar_days == 10


def test_a_period_ending_after_the_evaluation_date_is_clipped():
    assert calendar([job(date(2015, 1, 1), date(2015, 12, 31))]).calendar_days == 15


def test_periods_outside_the_function_do_not_count():
    assert calendar([job(date(2010, 1, 1), accompaniment=False)]).calendar_days == 0


def test_part_time_counts_as_calendar_time_with_the_fte_figure_beside():
    count = calendar([job(date(2014, 1, 1), date(2014, 12, 31), fte=0.5)])
    assert count.calendar_days == 365
    assert count.fte_days == Decimal("182.5")
    assert count.total_days == 365


def test_fte_mode_sums_covering_periods_capped_at_one():
    periods = [
        job(date(2014, 1, 1), date(2014, 1, 10), fte=0.6),
        job(date(2014, 1, 6), date(2014, 1, 15), fte=0.6),
    ]
    count = count_experience(periods, ON, 1095, "fte")
    # 5 days at 0.6, 5 days at min(1.2, 1) = 1, 5 days at 0.6
    assert count.fte_days == Decimal("11.0")
    assert count.total_days == Decimal("11.0")
    assert count.calendar_days == 15


def test_fte_mode_projection_at_part_time():
    start = date(2013, 1, 1)
    count = count_experience([job(start, fte=0.5)], ON, 1095, "fte")
    days_so_far = (ON - start).days + 1
    assert count.fte_days == Decimal(days_so_far) / 2
    missing = 1095 - Decimal(days_so_far) / 2
    # at half time, each further day brings 0.5 day: ceil(missing / 0.5) days more
    assert count.projected_on == ON + timedelta(days=int(-(-missing // Decimal("0.5"))))


def test_no_projection_without_a_current_job():
    count = calendar([job(date(2012, 1, 1), date(2013, 1, 1))])
    assert not count.met
    assert count.projected_on is None


def test_projection_stops_at_the_declared_end_of_the_current_job():
    count = calendar([job(date(2014, 1, 1), date(2015, 6, 30))])
    assert not count.met
    assert count.projected_on is None


def test_split_days_uses_365_day_years_and_30_day_months():
    assert split_days(1096, 365, 30) == (3, 0, 1)
    assert split_days(1095, 365, 30) == (3, 0, 0)
    assert split_days(2139, 365, 30) == (5, 10, 14)  # EXCHANGE.md's example
    assert split_days(0, 365, 30) == (0, 0, 0)


days = st.dates(min_value=date(2000, 1, 1), max_value=date(2016, 12, 31))


@st.composite
def periods(draw):
    start = draw(days)
    end = draw(st.none() | st.integers(min_value=0, max_value=3000))
    fte = draw(st.sampled_from([0.25, 0.5, 0.8, 1.0]))
    accompaniment = draw(st.booleans())
    end_date = None if end is None else min(start + timedelta(days=end), date(2199, 1, 1))
    return job(start, end_date, fte, accompaniment)


period_lists = st.lists(periods(), max_size=8)


@given(period_lists, st.randoms(use_true_random=False), st.sampled_from(["calendar", "fte"]))
def test_count_does_not_depend_on_the_order_of_periods(items, rng, mode):
    shuffled = list(items)
    rng.shuffle(shuffled)
    first = count_experience(items, ON, 1095, mode)
    second = count_experience(shuffled, ON, 1095, mode)
    assert first == second


@given(period_lists, st.data(), st.sampled_from(["calendar", "fte"]))
def test_duplicating_a_period_changes_nothing(items, data, mode):
    if not items:
        return
    duplicated = [*items, data.draw(st.sampled_from(items))]
    assert count_experience(duplicated, ON, 1095, mode) == count_experience(items, ON, 1095, mode)


@given(period_lists, periods(), st.sampled_from(["calendar", "fte"]))
def test_adding_a_period_never_lowers_the_count(items, extra, mode):
    before = count_experience(items, ON, 1095, mode)
    after = count_experience([*items, extra], ON, 1095, mode)
    assert after.calendar_days >= before.calendar_days
    assert after.fte_days >= before.fte_days
    assert after.total_days >= before.total_days


@given(period_lists)
def test_calendar_count_equals_a_day_by_day_count(items):
    covered = set()
    for p in items:
        if p.accompaniment_function and p.start <= ON:
            last = min(p.end or ON, ON)
            covered.update(range(p.start.toordinal(), last.toordinal() + 1))
    assert calendar(items).calendar_days == len(covered)


@given(period_lists)
def test_projected_day_is_exactly_when_the_count_reaches_the_minimum(items):
    count = calendar(items)
    if count.projected_on is None or any(p.start > ON for p in items):
        return  # a job starting later is not « the current job going on »
    assert calendar(items, count.projected_on).met
    assert not calendar(items, count.projected_on - timedelta(days=1)).met


def test_overlaps_name_only_periods_that_count():
    from app.evaluation.experience import overlaps

    periods = [
        ExperiencePeriod(date(2010, 1, 1), False, date(2012, 12, 31)),  # not in the function
        ExperiencePeriod(date(2012, 1, 1), True, date(2013, 12, 31)),
        ExperiencePeriod(date(2013, 6, 1), True, None),
    ]
    found = overlaps(periods, date(2014, 1, 15))
    assert [(o.first, o.second, o.start, o.end) for o in found] == [
        (2, 3, date(2013, 6, 1), date(2013, 12, 31))
    ]
