"""The CISP wizard's summary: the deadline, the verdict, every check with its reason, the
poles, and the next step."""

from __future__ import annotations

import html
from datetime import date
from html import escape

from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from app import labels
from app.evaluation.cisp import CispEvaluation
from app.french import day_text, days
from app.referentials import cisp_referential
from ui.support.scrolling import scrolled
from ui.wizards.cisp.live import (
    error_colour,
    iso_day,
    live_label,
    years,
)
from ui.wizards.fields import check_line
from ui.wizards.step import StepPage


def _heading(text: str) -> QLabel:
    heading = QLabel(f"<b>{text}</b>")
    heading.setContentsMargins(0, 8, 0, 0)
    return heading


def _lines(lines: list[str]) -> str:
    """Lines of plain text for a rich-text label, a small gap between them."""
    gap = "<p style='margin-bottom: 4px;'>"
    return "".join(f"{gap}{escape(line, quote=False)}</p>" for line in lines)


class SummaryPage(StepPage):
    def __init__(self) -> None:
        super().__init__(
            "Synthèse",
            "L'échéance, le verdict, chaque règle avec son état et sa raison. « Terminer et "
            "enregistrer » enregistre le dossier et date les étapes dans l'historique.",
        )
        self.verdict = live_label()
        self.deadline = live_label()
        self.checks = live_label()
        self.poles = live_label()
        self.next_step = live_label()
        self.next_step.setContentsMargins(0, 8, 0, 0)
        inner = QWidget()
        column = QVBoxLayout(inner)
        for widget in (
            self.verdict,
            self.deadline,
            _heading("Vérifications :"),
            self.checks,
            _heading("Pôles de compétences :"),
            self.poles,
            self.next_step,
        ):
            column.addWidget(widget)
        column.addStretch(1)
        scroll = scrolled(inner)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.body.addWidget(scroll, 1)
        self.shown = None  # the evaluation on screen (tests compare it with `evaluate`)

    def load(self, document: dict) -> None:
        """Everything is shown by `entered`, each time the page is reached."""

    def dump(self, document: dict, problems: list[str]) -> None:
        """Nothing to type on this page."""

    def entered(self, document: dict) -> None:
        evaluation = self.path_wizard.evaluation()
        cisp = evaluation.cisp
        self.shown = evaluation
        self.verdict.setText(
            f"<b>Verdict CISP au {day_text(evaluation.evaluated_on)} : "
            f"{labels.CISP_VERDICT[cisp.verdict]}</b>"
        )
        self.deadline.setText(self._deadline_text(cisp, evaluation.evaluated_on))
        self.checks.setText(_lines([check_line(check) for check in cisp.checks]))
        planned = {
            p["code"]: p.get("planned_on") for p in document["cisp"].get("planned_courses", [])
        }
        lines = []
        for state in cisp.poles:
            title = cisp_referential().pole(state.pole).title
            if state.validated:
                where = f"validé (session du {day_text(state.validated_on)})"
            elif state.ready_for_session:
                where = "formations requises terminées : prêt pour sa session"
            else:
                where = "restent à suivre : " + ", ".join(
                    code + (f" (prévue le {iso_day(planned[code])})" if planned.get(code) else "")
                    for code in state.remaining
                )
            lines.append(f"Pôle {state.pole} — {title} : {where}")
        self.poles.setText(_lines(lines))
        self.next_step.setText(
            f"<b>Prochaine étape :</b> {html.escape(cisp.next_step, quote=False)}"
        )

    def _deadline_text(self, cisp: CispEvaluation, on: date) -> str:
        rules = self.path_wizard.rules
        max_years = rules.value("max_path_years")
        if cisp.deadline is None:
            return (
                f"Échéance du parcours : pas encore fixée ({years(max_years)} à compter de "
                "l'inscription)."
            )
        text = (
            f"Échéance du parcours : le {day_text(cisp.deadline)} ({years(max_years)} après "
            "l'inscription)"
        )
        left = (cisp.deadline - on).days
        if cisp.verdict == "title_obtained":
            return f"{text} ; titre obtenu."
        if left < 0:
            passed = f"{text} : dépassée de {days(-left)}."
            return f"<span style='color: {error_colour()};'>{passed}</span>"
        warning_days = rules.value("deadline_warning_days")
        if left <= warning_days:
            return (
                f"<span style='color: {error_colour()};'>{text} : il reste {days(left)}, moins de "
                f"{days(warning_days)} — attention, l'échéance approche.</span>"
            )
        return f"{text} : il reste {days(left)}."
