"""The CISP wizard's joint commission COORACE-AROBASE: its date and decision."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from app import labels
from ui.support.rows_table import french_date
from ui.wizards.cisp.live import live_label, to_complete, trial_evaluation
from ui.wizards.fields import date_line, in_order, not_after_today, read_date
from ui.wizards.step import StepPage


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
        form.addRow("Commission &réunie le :", self.on)
        form.addRow("&Décision :", self.decision)
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
