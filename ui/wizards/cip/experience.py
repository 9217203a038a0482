"""The CIP wizard's experience step: the periods, their merged total live, CIP-EXP and
the overlapping periods named."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtWidgets import (
    QLabel,
)

from app import labels
from app.evaluation.experience import overlaps
from app.french import day_text, duration
from ui.candidate.tabs import ExperiencesTab
from ui.wizards.step import StepPage


class ExperiencePage(StepPage):
    """Periods, with the merged total and CIP-EXP live; overlaps shown as such."""

    def __init__(self) -> None:
        super().__init__(
            "Expériences dans la fonction d'accompagnement",
            "Toutes les périodes, chez tous les employeurs. Les jours communs à deux "
            "périodes ne comptent qu'une fois.",
        )
        self.periods = ExperiencesTab()
        self.periods.changed.connect(self._refresh)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.body.addWidget(self.periods, 1)
        self.body.addWidget(self.status)

    def load(self, document: dict) -> None:
        self.periods.load(document)
        self._refresh()

    def dump(self, document: dict, problems: list[str]) -> None:
        self.periods.dump(document, problems)

    def _refresh(self) -> None:
        trial, problems = self.trial()
        if problems:
            self.periods.total.setText(
                f"Saisie à compléter : {html.escape(problems[0], quote=False)}"
            )
            self.status.clear()
            return
        evaluation = self.path_wizard.evaluation(trial)
        cip = evaluation.cip
        years, months, days = cip.experience_split
        check = cip.check("CIP-EXP")
        self.periods.total.setText(
            f"<b>Total fusionné : {duration(years, months, days)}</b> "
            f"({int(cip.experience.total_days)} jours) — CIP-EXP : "
            f"{labels.status_text(check)}"
        )
        dossier = self.path_wizard.dossier(trial)
        lines = [check.reason]
        for overlap in overlaps(dossier.experiences, date.today()):
            lines.append(
                f"Les périodes {overlap.first} et {overlap.second} se chevauchent du "
                f"{day_text(overlap.start)} au {day_text(overlap.end)} : ces jours ne "
                "comptent qu'une fois."
            )
        self.status.setText("\n".join(lines))
