"""What the CISP wizard's pages share to show their live checks: the evaluation of the
document with a page's entries, the labels that show it, a few French words."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.evaluation.cisp import CispEvaluation
from app.french import day_text, plural
from ui.support.colours import ERROR, status_colour
from ui.wizards.step import StepPage


def live_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


def trial_evaluation(page: StepPage) -> tuple[CispEvaluation | None, list[str]]:
    """The CISP evaluation of the document with what the page shows now, or the problems
    that keep it from being read (the first one is shown in place of the evaluation)."""
    trial, problems = page.trial()
    if problems:
        return None, problems
    return page.path_wizard.evaluation(trial).cisp, []


def years(count: int) -> str:
    """« 1 an », « 5 ans » (a figure read from the rules)."""
    return f"{count} {plural(count, 'an', 'ans')}"


def iso_day(iso: str) -> str:
    return day_text(date.fromisoformat(iso))


def to_complete(problem: str) -> str:
    return f"<span style='color: {error_colour()};'>Saisie à compléter : {escape(problem)}</span>"


def error_colour() -> str:
    """The colour of a problem in rich text, for the palette in use."""
    return status_colour(ERROR).name()
