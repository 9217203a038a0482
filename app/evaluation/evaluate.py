"""`evaluate`: a dossier, a date, the rules and a catalogue give the verdict of each path
the candidate is on (EXCHANGE.md « Evaluation »)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from app.domain import Catalogue, Dossier
from app.evaluation.checks import json_value
from app.evaluation.cip import CipEvaluation, evaluate_cip
from app.evaluation.cisp import CispEvaluation, evaluate_cisp
from app.rules import Rules


@dataclass(slots=True)
class Evaluation:
    evaluated_on: date
    rules: Rules
    catalogue: Catalogue
    cip: CipEvaluation | None  # None: the candidate is not on that path
    cisp: CispEvaluation | None


def evaluate(dossier: Dossier, on: date, rules: Rules, catalogue: Catalogue) -> Evaluation:
    """Judges each path the dossier is on, as of `on` (inclusive)."""
    return Evaluation(
        evaluated_on=on,
        rules=rules,
        catalogue=catalogue,
        cip=None if dossier.cip is None else evaluate_cip(dossier, dossier.cip, on, rules),
        cisp=None
        if dossier.cisp is None
        else evaluate_cisp(dossier, dossier.cisp, on, rules, catalogue),
    )


def evaluation_to_data(evaluation: Evaluation) -> dict[str, Any]:
    """The evaluation document (EXCHANGE.md), with the catalogue used named beside the rules."""
    catalogue = evaluation.catalogue
    return {
        "evaluated_on": evaluation.evaluated_on.isoformat(),
        "rules": {"id": evaluation.rules.id, "version": evaluation.rules.version},
        "catalogue": {
            "name": catalogue.name,
            "version": catalogue.version,
            "published_on": json_value(catalogue.published_on),
            "example": catalogue.example,
        },
        "cip": None if evaluation.cip is None else evaluation.cip.to_data(),
        "cisp": None if evaluation.cisp is None else evaluation.cisp.to_data(),
    }
