"""A check of one rule: its status, the French reason, the values it used."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from app.domain import EmployerAgreement
from app.french import day_text

Status = Literal["met", "not_met", "pending"]
MET: Status = "met"
NOT_MET: Status = "not_met"
PENDING: Status = "pending"


@dataclass(slots=True)
class Check:
    rule: str
    status: Status
    reason: str
    values: dict[str, Any] = field(default_factory=dict)

    def to_data(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "status": self.status,
            "reason": self.reason,
            "values": {key: json_value(value) for key, value in self.values.items()},
        }


def json_value(value: Any) -> Any:
    """Dates as ISO text, decimals as plain numbers (integers when whole)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(round(value, 4))
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list | tuple):
        return [json_value(item) for item in value]
    return value


def money(value: float | int | None) -> Decimal:
    """Euros and hours as exact decimals, so that 1080 + 300,10 covers 1380,10."""
    if value is None:
        return Decimal(0)
    return Decimal(value) if isinstance(value, int) else Decimal(str(value))


def agreement_check(rule: str, agreement: EmployerAgreement | None, on: date) -> Check:
    """CIP-AGR and CISP-AGR: the employer's agreement, given on or before `on`."""
    if agreement is None:
        return Check(
            rule,
            PENDING,
            "L'accord de l'employeur n'est pas encore donné ; il est obligatoire pour entrer "
            "dans la démarche.",
            {"given_on": None},
        )
    values = {"given_on": agreement.given_on, "signatory": agreement.signatory}
    if agreement.given_on > on:
        return Check(
            rule,
            PENDING,
            f"L'accord de l'employeur est daté du {day_text(agreement.given_on)}, après la date "
            f"d'évaluation ({day_text(on)}) : il n'est pas encore acquis.",
            values,
        )
    return Check(
        rule,
        MET,
        f"Accord de l'employeur donné le {day_text(agreement.given_on)} par {agreement.signatory}.",
        values,
    )
