"""Experience for CIP-EXP, counted in days over merged periods.

Each calendar day covered by at least one qualifying period counts once (both ends
inclusive); in « fte » mode a day counts the sum of its covering periods' FTE, capped at 1.
Periods are clipped to the evaluation date: an open period runs to it, a period starting
after it does not count. Arithmetic is exact: FTE is counted in millionths (integers), so
the threshold is met to the day.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import pairwise

from app.dates import LATEST
from app.domain import ExperiencePeriod

FULL_TIME = 1_000_000  # FTE is counted in millionths of a full-time day
_NO_END = LATEST.toordinal()


@dataclass(slots=True)
class Segment:
    """Days `first`..`last` (ordinals, inclusive) during which the coverage is constant."""

    first: int
    last: int
    fte: int  # sum of the covering periods' FTE in millionths, capped at FULL_TIME

    @property
    def length(self) -> int:
        return self.last - self.first + 1


@dataclass(slots=True)
class ExperienceCount:
    counting: str  # "calendar" or "fte"
    calendar_days: int
    fte_millionths: int  # full-time-equivalent days × FULL_TIME
    required_days: int
    reached_on: date | None  # the day the required total was reached, when it was
    projected_on: date | None  # when short: the day it will be, if the current jobs go on

    @property
    def fte_days(self) -> Decimal:
        return Decimal(self.fte_millionths).scaleb(-6).normalize()

    @property
    def total_days(self) -> int | Decimal:
        return self.calendar_days if self.counting == "calendar" else self.fte_days

    @property
    def met(self) -> bool:
        return self._total_millionths() >= self.required_days * FULL_TIME

    @property
    def missing_days(self) -> int | Decimal:
        missing = max(self.required_days * FULL_TIME - self._total_millionths(), 0)
        if self.counting == "calendar":
            return missing // FULL_TIME
        return Decimal(missing).scaleb(-6).normalize()

    def _total_millionths(self) -> int:
        if self.counting == "calendar":
            return self.calendar_days * FULL_TIME
        return self.fte_millionths


def millionths(fte: float) -> int:
    """0.8 → 800 000: the FTE as given, to the millionth (at least one: a period with a
    tiny FTE still covers its days)."""
    return max(1, round(Decimal(str(fte)) * FULL_TIME))


def segments(spans: Iterable[tuple[int, int, int]]) -> list[Segment]:
    """The covered days of overlapping spans `(first, last, fte)`, as constant segments."""
    changes: dict[int, int] = {}
    for first, last, fte in spans:
        changes[first] = changes.get(first, 0) + fte
        changes[last + 1] = changes.get(last + 1, 0) - fte
    result: list[Segment] = []
    level = 0
    points = sorted(changes)
    for here, following in pairwise(points):
        level += changes[here]
        if level > 0:
            result.append(Segment(here, following - 1, min(level, FULL_TIME)))
    return result


def day_reaching(parts: Sequence[Segment], needed: int, counting: str) -> date | None:
    """The first day on which the days counted over `parts` add up to `needed` millionths."""
    if needed <= 0:
        return None
    total = 0
    for segment in parts:
        rate = FULL_TIME if counting == "calendar" else segment.fte
        gained = rate * segment.length
        if total + gained >= needed:
            days = -(-(needed - total) // rate)  # ceiling division
            return date.fromordinal(segment.first + days - 1)
        total += gained
    return None


def qualifying(periods: Iterable[ExperiencePeriod]) -> list[ExperiencePeriod]:
    """The periods in the accompanying function; a period entered twice (same employer,
    job, dates and FTE) counts once."""
    return list(dict.fromkeys(p for p in periods if p.accompaniment_function))


def count_experience(
    periods: Iterable[ExperiencePeriod],
    on: date,
    required_days: int,
    counting: str,
) -> ExperienceCount:
    """Counts the qualifying experience up to `on` (inclusive), and when short, projects
    the day the requirement will be met if the jobs held on `on` go on."""
    held = [(p, millionths(p.fte)) for p in qualifying(periods) if p.start <= on]
    last_day = on.toordinal()
    past = segments(
        (p.start.toordinal(), min(p.end.toordinal(), last_day) if p.end else last_day, fte)
        for p, fte in held
    )
    calendar_days = sum(s.length for s in past)
    fte_total = sum(s.fte * s.length for s in past)
    required = required_days * FULL_TIME
    total = calendar_days * FULL_TIME if counting == "calendar" else fte_total
    reached_on = day_reaching(past, required, counting) if total >= required else None
    projected_on = None
    if total < required:
        ahead = segments(
            (last_day + 1, p.end.toordinal() if p.end else _NO_END, fte)
            for p, fte in held
            if p.end is None or p.end > on
        )
        projected_on = day_reaching(ahead, required - total, counting)
    return ExperienceCount(
        counting=counting,
        calendar_days=calendar_days,
        fte_millionths=fte_total,
        required_days=required_days,
        reached_on=reached_on,
        projected_on=projected_on,
    )


def split_days(total_days: int, days_per_year: int, days_per_month: int) -> tuple[int, int, int]:
    """Days as years, months, days of `days_per_year` and `days_per_month` days:
    1096 → (3, 0, 1) with 365 and 30."""
    years, rest = divmod(total_days, days_per_year)
    months, days = divmod(rest, days_per_month)
    return years, months, days


@dataclass(frozen=True, slots=True)
class Overlap:
    """Two periods (numbered from 1, in the order given) covering the same days."""

    first: int
    second: int
    start: date
    end: date


def overlaps(periods: Sequence[ExperiencePeriod], on: date) -> list[Overlap]:
    """Every pair of periods that count (accompaniment function) covering common days up
    to `on` (an open period runs to it): those days count once, and the counsellor sees
    which periods they are (numbered as given, the others included)."""
    spans = [
        (number, p.start, min(p.end, on) if p.end else on)
        for number, p in enumerate(periods, start=1)
        if p.start <= on and p.accompaniment_function
    ]
    found = []
    for index, (first, start_a, end_a) in enumerate(spans):
        for second, start_b, end_b in spans[index + 1 :]:
            start, end = max(start_a, start_b), min(end_a, end_b)
            if start <= end:
                found.append(Overlap(first, second, start, end))
    return found
