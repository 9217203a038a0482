"""Rule CIP-MOB, « Mobilisation du salarié (hors travail personnel) : 5 jours / 6 mois »:
the collective days planned for a member are at most `mobilisation_days` and lie within
`mobilisation_months` of the first (calendar-exact, the day of month clamped as
everywhere: 2014-08-31 + 6 months = 2015-02-28). A day is two half-days (matin,
après-midi): a morning alone counts half a day. When the plan is over, the reason says
by how much, in French."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from app.dates import add_months
from app.evaluation.checks import MET, NOT_MET, PENDING, Check
from app.french import day_text, number, plural
from app.rules import Rules

HALF_DAYS = ("matin", "apres-midi")
HALF_DAY_WORDS = {"matin": "matin", "apres-midi": "après-midi"}


def _days_text(days: Decimal) -> str:
    return f"{number(days)} {plural(days, 'jour', 'jours')}"


def _span(first: date, last: date) -> str:
    """« le 31/08/2014 » for one day, « du 31/08/2014 au 15/09/2014 » for more."""
    if first == last:
        return f"le {day_text(first)}"
    return f"du {day_text(first)} au {day_text(last)}"


def check_mobilisation(half_days: Iterable[tuple[date, str]], rules: Rules) -> Check:
    """CIP-MOB for the half-days planned for one member (each (day, "matin" or
    "apres-midi"), counted once)."""
    most = Decimal(str(rules.value("mobilisation_days")))
    months = int(rules.value("mobilisation_months"))
    planned = sorted(set(half_days))
    for _day, half in planned:
        if half not in HALF_DAYS:
            raise ValueError(f"demi-journée inconnue : {half!r} ({', '.join(HALF_DAYS)})")
    values: dict = {"max_days": most, "within_months": months}
    if not planned:
        return Check(
            "CIP-MOB",
            PENDING,
            f"Aucune journée collective prévue : au plus {_days_text(most)} sur {months} mois.",
            values,
        )
    days = Decimal(len(planned)) / 2
    first, last = planned[0][0], planned[-1][0]
    limit = add_months(first, months)
    values.update(planned_days=days, first_day=first, last_day=last, latest_day=limit)
    problems = []
    if days > most:
        problems.append(
            f"{_days_text(days)} {plural(days, 'prévu', 'prévus')}, "
            f"{_days_text(days - most)} de trop "
            f"(au plus {_days_text(most)})"
        )
    if last > limit:
        late = [day for day, _half in planned if day > limit]
        problems.append(
            f"{len(set(late))} {plural(len(set(late)), 'journée', 'journées')} après le "
            f"{day_text(limit)} ({months} mois après la première, le {day_text(first)}) : "
            f"{', '.join(day_text(day) for day in sorted(set(late)))}"
        )
    if problems:
        return Check(
            "CIP-MOB", NOT_MET, "Mobilisation hors règle : " + " ; ".join(problems) + ".", values
        )
    return Check(
        "CIP-MOB",
        MET,
        f"{_days_text(days)} {plural(days, 'prévu', 'prévus')} {_span(first, last)} : au plus "
        f"{_days_text(most)} sur {months} mois (jusqu'au {day_text(limit)}).",
        values,
    )
