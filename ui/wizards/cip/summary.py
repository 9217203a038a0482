"""The CIP wizard's summary: the verdict, every check with its reason, the gaps left,
the VAE result and the next step."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget

from app import labels
from app.french import day_text
from app.referentials import cip_referential
from ui.support.colours import ERROR, SUCCESS, status_colour
from ui.support.rows_table import french_date
from ui.wizards.fields import check_line
from ui.wizards.step import StepPage


class SummaryPage(StepPage):
    def __init__(self) -> None:
        super().__init__(
            "Synthèse",
            "Chaque règle avec son état et sa raison. « Terminer et enregistrer » enregistre "
            "le dossier et date les étapes dans l'historique.",
        )
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.checks = QListWidget()
        self.checks.setAccessibleName("Règles du parcours CIP")
        # what the rules say, to read: no Tab stop (Tab goes only where one types)
        self.checks.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.checks.setWordWrap(True)
        self.checks.setSpacing(3)
        self.next_step = QLabel()
        self.next_step.setWordWrap(True)
        self.gaps = QLabel()
        self.gaps.setWordWrap(True)
        self.body.addWidget(self.verdict)
        self.body.addWidget(self.checks, 1)
        self.body.addWidget(self.gaps)
        self.body.addWidget(self.next_step)
        self.shown = None  # the evaluation on screen (tests compare it with `evaluate`)

    def load(self, document: dict) -> None:
        """Everything is shown by `entered`, each time the page is reached."""

    def dump(self, document: dict, problems: list[str]) -> None:
        """Nothing to type on this page."""

    def entered(self, document: dict) -> None:
        evaluation = self.path_wizard.evaluation()
        cip = evaluation.cip
        self.shown = evaluation
        self.verdict.setText(
            f"<b>Verdict CIP au {day_text(evaluation.evaluated_on)} : "
            f"{labels.CIP_VERDICT[cip.verdict]}</b>"
        )
        self.checks.clear()
        for check in cip.checks:
            self.checks.addItem(check_line(check))
        outcome = document["cip"].get("vae_outcome")
        result = ""
        if outcome:
            on = document["cip"].get("vae_result_on")
            when = f" le {french_date(on)}" if on else ""
            colour = status_colour(ERROR if outcome != "validated" else SUCCESS).name()
            result = (
                f"<br><b>Résultat de la VAE{when} : <span style='color: {colour};'>"
                f"{labels.VAE_OUTCOME[outcome]}</span></b>"
            )
        self.verdict.setText(self.verdict.text() + result)
        self.gaps.setText(f"<b>Décalages à combler :</b> {gap_synthesis(document)}")
        self.next_step.setText(
            f"<b>Prochaine étape :</b> {html.escape(cip.next_step, quote=False)}"
        )


def gap_synthesis(document: dict) -> str:
    """« activité 1 : 1 en partie, 1 non ; activité 3 : 2 non » (or that none remain)."""
    parts = []
    for activity in cip_referential().activities:
        ids = {c.id for c in activity.competences}
        found = [
            g["status"] for g in document["cip"].get("gap_analysis", []) if g["competence"] in ids
        ]
        counts = [
            f"{found.count(status)} {labels.GAP_STATUS[status]}"
            for status in ("partial", "no")
            if found.count(status)
        ]
        if counts:
            parts.append(f"activité {activity.number} : {', '.join(counts)}")
    return " ; ".join(parts) if parts else "aucun pour les compétences évaluées."
