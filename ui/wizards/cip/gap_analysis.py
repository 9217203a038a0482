"""The CIP wizard's gap analysis between the candidate's job (emploi-repère) and the
title's (emploi-métier): each competence of the four activities, with a synthesis."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app import labels
from app.french import plural
from app.referentials import cip_referential
from ui.support.scrolling import scrolled
from ui.wizards.step import StepPage

GAP_CHOICES = (("", "— à évaluer —"), *labels.GAP_STATUS.items())


class GapPage(StepPage):
    """Each competence of the title's four activities: does the current job cover it?"""

    def __init__(self) -> None:
        super().__init__(
            "Analyse des décalages emploi-repère / emploi-métier",
            "Pour chaque compétence du titre : le poste actuel du candidat la met-il en "
            "œuvre ? Oui, en partie ou non, avec une note si utile.",
        )
        self.answers: dict[str, tuple[QComboBox, QLineEdit]] = {}
        self.summaries: dict[int, QLabel] = {}
        inner = QWidget()
        column = QVBoxLayout(inner)
        for activity in cip_referential().activities:
            box = QGroupBox(f"Activité {activity.number} — {activity.title}")
            grid = QGridLayout(box)
            grid.setColumnStretch(0, 3)
            grid.setColumnStretch(2, 2)
            for row, competence in enumerate(activity.competences):
                text = QLabel(competence.title)
                text.setWordWrap(True)
                choice = QComboBox()
                for code, name in GAP_CHOICES:
                    choice.addItem(name, code)
                choice.currentIndexChanged.connect(self._summarise)
                note = QLineEdit()
                note.setPlaceholderText("Note (facultative)")
                choice.setAccessibleName(f"{competence.title} : mise en œuvre dans le poste")
                note.setAccessibleName(f"{competence.title} : note")
                grid.addWidget(text, row, 0)
                grid.addWidget(choice, row, 1)
                grid.addWidget(note, row, 2)
                self.answers[competence.id] = (choice, note)
            summary = QLabel()
            grid.addWidget(summary, len(activity.competences), 0, 1, 3)
            self.summaries[activity.number] = summary
            column.addWidget(box)
        self.body.addWidget(scrolled(inner), 1)

    def load(self, document: dict) -> None:
        given = {g["competence"]: g for g in document["cip"].get("gap_analysis", [])}
        for competence, (choice, note) in self.answers.items():
            answer = given.get(competence, {})
            choice.setCurrentIndex(max(choice.findData(answer.get("status", "")), 0))
            note.setText(answer.get("note") or "")
        self._summarise()

    def dump(self, document: dict, problems: list[str]) -> None:
        missing = [c for c, (choice, _note) in self.answers.items() if not choice.currentData()]
        if missing:
            problems.append(
                f"Il reste {len(missing)} "
                f"{plural(len(missing), 'compétence', 'compétences')} à évaluer, dont la "
                f"{_competence_words(missing[0])} : choisissez oui, en partie ou non."
            )
        document["cip"]["gap_analysis"] = [
            {"competence": c, "status": choice.currentData(), "note": note.text().strip()}
            for c, (choice, note) in self.answers.items()
            if choice.currentData()
        ]

    def _summarise(self) -> None:
        for activity in cip_referential().activities:
            counts = {code: 0 for code, _name in GAP_CHOICES}
            for competence in activity.competences:
                counts[self.answers[competence.id][0].currentData()] += 1
            gaps = counts["partial"] + counts["no"]
            verdict = (
                "aucun décalage"
                if gaps == 0 and counts[""] == 0
                else f"{gaps} {plural(gaps, 'décalage', 'décalages')} à combler"
            )
            self.summaries[activity.number].setText(
                f"<i>Synthèse : {counts['yes']} oui, {counts['partial']} en partie, "
                f"{counts['no']} non, {counts['']} à évaluer — {verdict}.</i>"
            )

    def gap_summary(self) -> list[str]:
        return [self.summaries[n].text() for n in sorted(self.summaries)]


def _competence_words(competence_id: str) -> str:
    activity, number = competence_id.removeprefix("CIP-").split(".")
    found = cip_referential().competence(competence_id)
    title = f" « {found.title} »" if found else ""
    return f"compétence {number} de l'activité {activity}{title}"
