"""How numbers, amounts, dates and durations read in French.

Numbers of up to four digits are written without a separator (« 1095 jours », « 1380 € »,
as in the COORACE source); larger ones take a narrow no-break space (« 10 950 »).
Decimals take a comma (« 79,5 % »). Units follow an ordinary space, so that a reason reads
and searches as plainly as it is said; a layout that must not break there (the PDF) binds
them itself.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

NARROW_NBSP = "\u202f"


def _grouped(integer: int) -> str:
    if -10000 < integer < 10000:
        return str(integer)
    digits = str(abs(integer))
    groups = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return ("-" if integer < 0 else "") + NARROW_NBSP.join(groups)


def number(value: float | int | Decimal, decimals: int = 2) -> str:
    """A number the French way: « 1095 », « 12 345 », « 79,5 », « 0,25 »."""
    if isinstance(value, int):
        return _grouped(value)
    if isinstance(value, float) and value.is_integer():
        return _grouped(int(value))
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return _grouped(int(value))
    exact = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals))
    integral = exact.to_integral_value()
    if exact == integral:
        return _grouped(int(integral))
    integer_part, _, fraction = f"{abs(exact):f}".partition(".")
    sign = "-" if exact < 0 else ""
    return sign + _grouped(int(integer_part)) + "," + fraction.rstrip("0")


def euros(value: float | int | Decimal) -> str:
    """« 1380 € », « 300,50 € »."""
    exact = Decimal(str(value))
    text = number(exact, 2)
    if "," in text and len(text.partition(",")[2]) == 1:
        text += "0"
    return f"{text} €"


def percent(value: float | int | Decimal) -> str:
    """« 84 % », « 79,5 % »."""
    return f"{number(value)} %"


def day_text(day: date) -> str:
    """« 15/01/2015 »."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def day_time_text(moment: datetime) -> str:
    """« 15/01/2015 à 10:42 », at the moment's own offset (as it was written)."""
    return f"{day_text(moment.date())} à {moment:%H:%M}"


def plural(count: float | int | Decimal, singular: str, plural_form: str) -> str:
    """French plural: 0 and 1 take the singular (« 0 jour », « 1 an », « 2 ans »)."""
    return singular if abs(count) < 2 else plural_form


def days(count: float | int | Decimal) -> str:
    """« 1 jour », « 1095 jours », « 12,5 jours »."""
    return f"{number(count)} {plural(count, 'jour', 'jours')}"


def duration(years: int, months: int, days_count: int) -> str:
    """« 3 ans 0 mois 1 jour »."""
    return f"{years} {plural(years, 'an', 'ans')} {months} mois {days_count} " + plural(
        days_count, "jour", "jours"
    )


def of(name: str) -> str:
    """« de Lucie Dupont », « d'Élodie Martin », « d'Hélène Roux » (the elision before a
    vowel or a mute h, as first names have it)."""
    first = name.strip()[:1].lower()
    return f"d'{name}" if first and first in "aeiouyhàâäéèêëîïôöùûü" else f"de {name}"
