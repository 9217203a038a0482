"""The CISP wizard's first step: the registration filed by the employer, with its
agreement (CISP-AGR), and the live checks that depend on it (CISP-MAX, CISP-RETRO)."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QCheckBox, QLabel

from ui.support.rows_table import french_date
from ui.wizards.cisp.live import live_label, to_complete, trial_evaluation
from ui.wizards.fields import (
    AgreementFields,
    candidate_line,
    check_line,
    date_line,
    in_order,
    not_after_today,
    read_date,
)
from ui.wizards.step import StepPage


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
        self.filed = QCheckBox("Déposé par l'&employeur")
        form.addRow("Dossier d'&inscription déposé le :", self.registered)
        form.addRow("", self.filed)
        self.agreement = AgreementFields(form, "Accord de l'employeur &donné le :", "Si&gné par :")
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
