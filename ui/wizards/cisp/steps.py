"""The first steps of the CISP wizard: the registration filed by the employer with its
agreement, and the joint commission COORACE-AROBASE; and what the CISP pages share (the
evaluation of the document with a page's entries, labels that show it)."""

from __future__ import annotations

import html
from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QScrollArea, QWidget

from app import labels
from app.evaluation.cisp import CispEvaluation
from app.french import day_text, plural
from ui.support.rows_table import french_date
from ui.wizards.base import (
    AgreementFields,
    StepPage,
    candidate_line,
    check_line,
    date_line,
    in_order,
    not_after_today,
    read_date,
)

ERROR_COLOUR = "#b00020"


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


def scrolled(inner: QWidget) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(inner)
    return scroll


def to_complete(problem: str) -> str:
    return f"<span style='color: {ERROR_COLOUR};'>Saisie à compléter : {escape(problem)}</span>"


class RegistrationPage(StepPage):
    def __init__(self) -> None:
        super().__init__(
            "Inscription au parcours CISP",
            "Le dossier d'inscription est déposé par l'employeur, avec son accord (règle "
            "CISP-AGR). Tout salarié en poste peut s'inscrire, sans expérience minimale "
            "(CISP-PUB). Laissez vide ce qui n'est pas encore fait.",
        )
        self.who = QLabel()
        self.body.addWidget(self.who)
        form = self.form()
        self.registered = date_line()
        self.filed = QCheckBox("Déposé par l'employeur")
        form.addRow("Dossier d'inscription déposé le :", self.registered)
        form.addRow("", self.filed)
        self.agreement = AgreementFields(form, "Accord de l'employeur donné le :", "Signé par :")
        self.status = live_label()
        self.body.addWidget(self.status)
        self.body.addStretch(1)
        for field in (self.registered, self.agreement.given_on, self.agreement.signatory):
            field.textChanged.connect(self._show)
        self.filed.toggled.connect(self._show)

    def load(self, document: dict) -> None:
        self.who.setText(candidate_line(document))
        cisp = document["cisp"]
        self.registered.setText(french_date(cisp.get("registered_on")))
        self.filed.setChecked(cisp.get("filed_by_employer") is True)
        self.agreement.load(document)

    def entered(self, document: dict) -> None:
        """Each time the page is shown: the checks with what later steps hold now."""
        self._show()

    def dump(self, document: dict, problems: list[str]) -> None:
        cisp = document["cisp"]
        registered = read_date(self.registered, "Date d'inscription", problems)
        not_after_today(registered, "Date d'inscription", problems)
        filed = self.filed.isChecked()
        if registered and not filed:
            problems.append(
                "Déposé par l'employeur : selon la règle CISP-AGR, c'est l'employeur qui dépose "
                "le dossier d'inscription ; cochez la case quand il l'a déposé."
            )
        if filed and not self.registered.text().strip():
            problems.append(
                "Date d'inscription : indiquez la date à laquelle l'employeur a déposé le dossier."
            )
        commission_on = (cisp.get("commission") or {}).get("date")
        in_order(
            [("L'inscription", registered), ("La commission paritaire", commission_on)], problems
        )
        self.agreement.dump(document, problems)
        cisp["registered_on"] = registered
        cisp["filed_by_employer"] = True if filed else None

    def _show(self) -> None:
        if self.wizard() is None:
            return
        cisp, problems = trial_evaluation(self)
        if cisp is None:
            self.status.setText(to_complete(problems[0]))
            return
        lines = [check_line(cisp.check(rule)) for rule in ("CISP-AGR", "CISP-MAX", "CISP-RETRO")]
        self.status.setText("<br><br>".join(html.escape(line, quote=False) for line in lines))


class CommissionPage(StepPage):
    def __init__(self) -> None:
        super().__init__(
            "Commission paritaire COORACE-AROBASE",
            "La commission examine le dossier d'inscription : sa date et sa décision. Le "
            "parcours commence quand elle accepte l'inscription.",
        )
        form = self.form()
        self.on = date_line()
        self.decision = QComboBox()
        for code, name in labels.COMMISSION_DECISION.items():
            self.decision.addItem(name, code)
        self.decision.setMaximumWidth(260)
        form.addRow("Commission réunie le :", self.on)
        form.addRow("Décision :", self.decision)
        self.status = live_label()
        self.body.addWidget(self.status)
        self.body.addStretch(1)
        self.on.textChanged.connect(self._show)
        self.decision.currentIndexChanged.connect(self._show)

    def load(self, document: dict) -> None:
        commission = document["cisp"].get("commission") or {}
        self.on.setText(french_date(commission.get("date")))
        self.decision.setCurrentIndex(max(self.decision.findData(commission.get("decision")), 0))

    def entered(self, document: dict) -> None:
        """Each time the page is shown: the verdict with what the other steps hold now."""
        self._show()

    def dump(self, document: dict, problems: list[str]) -> None:
        cisp = document["cisp"]
        on = read_date(self.on, "Date de la commission", problems)
        decision = self.decision.currentData() or None
        not_after_today(on, "Date de la commission", problems)
        registered = cisp.get("registered_on")
        if decision and not registered:
            problems.append(
                "Décision : la commission examine le dossier d'inscription ; indiquez d'abord "
                "la date d'inscription (étape « Inscription au parcours CISP »)."
            )
        if on and not decision:
            problems.append("Décision : choisissez la décision de la commission.")
        if decision in ("accepted", "rejected") and not self.on.text().strip():
            problems.append("Date de la commission : indiquez la date de sa décision.")
        in_order([("L'inscription", registered), ("La commission paritaire", on)], problems)
        cisp["commission"] = {"date": on, "decision": decision} if decision else None

    def _show(self) -> None:
        if self.wizard() is None:
            return
        cisp, problems = trial_evaluation(self)
        if cisp is None:
            self.status.setText(to_complete(problems[0]))
            return
        self.status.setText(
            f"<b>Parcours CISP : {labels.CISP_VERDICT[cisp.verdict]}</b><br>"
            f"Prochaine étape : {cisp.next_step}"
        )
