"""What the wizards' pages share to read and check what is typed: dates JJ/MM/AAAA and
numbers with a comma, steps in order and not in the future, the employer's agreement,
the candidate's line and a check's line."""

from __future__ import annotations

import html
from datetime import date
from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QLineEdit,
    QWidget,
)

from app import labels
from app.evaluation.checks import Check
from app.french import day_text
from app.typed import TypedValueError, iso_from_french, number_from_french
from ui.support.field_check import day_problem
from ui.support.rows_table import french_date

DATE_FIELD = "passerelle_date"  # a property: the page's form checks it when it is left


def date_line(placeholder: str = "JJ/MM/AAAA") -> QLineEdit:
    field = QLineEdit()
    field.setPlaceholderText(placeholder)
    field.setMaximumWidth(160)
    field.setProperty(DATE_FIELD, True)
    return field


def date_problem(text: str) -> str | None:
    """Why a date typed cannot be read, in French; None when it can (or is empty)."""
    return day_problem(text)


def tab_before(widget: QWidget, *fields: QWidget) -> None:
    """Puts `fields`, in this order, just before `widget` in the Tab order: a field made
    once the wizard is built comes otherwise after every other field of the wizard."""
    before = widget.previousInFocusChain()
    while before is not widget and before.focusPolicy() == Qt.FocusPolicy.NoFocus:
        before = before.previousInFocusChain()
    for field in fields:
        QWidget.setTabOrder(before, field)
        before = field


def read_date(field: QLineEdit, label: str, problems: list[str]) -> str | None:
    """The ISO date typed as JJ/MM/AAAA, or None when empty; a French problem otherwise."""
    try:
        return iso_from_french(field.text())
    except TypedValueError as error:
        problems.append(f"{label} : {error}")
        return None


def read_number(field: QLineEdit, label: str, problems: list[str]):
    try:
        return number_from_french(field.text())
    except TypedValueError as error:
        problems.append(f"{label} : {error}")
        return None


def not_after_today(iso: str | None, label: str, problems: list[str]) -> None:
    if iso and date.fromisoformat(iso) > date.today():
        problems.append(
            f"{label} : le {day_text(date.fromisoformat(iso))} est dans le futur ; "
            "saisissez la date à laquelle c'est fait."
        )


def in_order(steps: list[tuple[str, str | None]], problems: list[str]) -> None:
    """Each dated step on or after the one before it (empty steps are skipped)."""
    known = [(label, iso) for label, iso in steps if iso]
    for (before, first), (after, second) in pairwise(known):
        if second < first:
            problems.append(
                f"{after} ({day_text(date.fromisoformat(second))}) est avant "
                f"{before.lower()} ({day_text(date.fromisoformat(first))})."
            )


def check_line(check: Check) -> str:
    """« CISP-MAX · Respectée — reason », as the evaluation window shows a check."""
    return f"{check.rule} · {labels.status_text(check)} — {check.reason}"


def candidate_line(document: dict) -> str:
    """« <b>Prénom Nom</b> — poste (réf. …) », at the top of a wizard's first page."""
    c = {
        key: html.escape(str(value or ""), quote=False)
        for key, value in document["candidate"].items()
    }
    job = f" — {c['job_title']}" if c.get("job_title") else ""
    return f"<b>{c['first_name']} {c['last_name']}</b>{job} (réf. {c['ref']})"


class AgreementFields:
    """The employer's agreement (the document's top-level `employer_agreement`), shared by
    the two paths: its date and who signed it, both or neither."""

    def __init__(self, form: QFormLayout, date_label: str, signatory_label: str) -> None:
        self.given_on = date_line()
        self.signatory = QLineEdit()
        self.signatory.setPlaceholderText("Nom Prénom, fonction")
        form.addRow(date_label, self.given_on)
        form.addRow(signatory_label, self.signatory)

    def load(self, document: dict) -> None:
        agreement = document.get("employer_agreement") or {}
        self.given_on.setText(french_date(agreement.get("given_on")))
        self.signatory.setText(agreement.get("signatory") or "")

    def dump(self, document: dict, problems: list[str]) -> None:
        given_on = read_date(self.given_on, "Date de l'accord", problems)
        signatory = self.signatory.text().strip()
        not_after_today(given_on, "Date de l'accord", problems)
        if given_on and not signatory:
            problems.append("Signé par : indiquez qui a signé l'accord de l'employeur.")
        if signatory and not self.given_on.text().strip():
            problems.append("Date de l'accord : indiquez la date à laquelle il a été signé.")
        document["employer_agreement"] = (
            {"given_on": given_on, "signatory": signatory} if given_on and signatory else None
        )
