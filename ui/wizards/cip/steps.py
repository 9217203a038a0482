"""The first steps of the CIP wizard: employer agreement, experience, information
meetings, gap analysis (emploi-repère / emploi-métier)."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app import labels
from app.evaluation.experience import overlaps
from app.french import day_text, duration
from app.referentials import cip_referential
from ui.candidate.tabs import ExperiencesTab
from ui.support.rows_table import french_date
from ui.wizards.base import (
    AgreementFields,
    StepPage,
    candidate_line,
    date_line,
    in_order,
    not_after_today,
    read_date,
)


class AgreementPage(StepPage):
    def __init__(self) -> None:
        super().__init__(
            "Candidat et accord de l'employeur",
            "L'accord de l'employeur est obligatoire (règle CIP-AGR) : sa date et qui l'a "
            "signé. Laissez vide s'il n'est pas encore donné.",
        )
        self.who = QLabel()
        self.body.addWidget(self.who)
        self.agreement = AgreementFields(self.form(), "Accord donné le :", "Signé par :")
        self.given_on, self.signatory = self.agreement.given_on, self.agreement.signatory
        self.body.addStretch(1)

    def load(self, document: dict) -> None:
        self.who.setText(candidate_line(document))
        self.agreement.load(document)

    def dump(self, document: dict, problems: list[str]) -> None:
        self.agreement.dump(document, problems)


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
            f"{labels.STATUS[check.status]}"
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


class MeetingsPage(StepPage):
    def __init__(self) -> None:
        super().__init__(
            "Réunions d'information",
            "La réunion collective (COORACE), puis la réunion ciblée (COORACE et AFPA) pour "
            "les personnes intéressées qui ont l'expérience requise.",
        )
        form = self.form()
        self.collective = date_line()
        self.targeted = date_line()
        form.addRow("Réunion collective (COORACE), le :", self.collective)
        form.addRow("Réunion ciblée (COORACE et AFPA), le :", self.targeted)
        self.body.addStretch(1)

    def load(self, document: dict) -> None:
        cip = document["cip"]
        self.collective.setText(french_date(cip.get("collective_meeting_on")))
        self.targeted.setText(french_date(cip.get("targeted_meeting_on")))

    def dump(self, document: dict, problems: list[str]) -> None:
        collective = read_date(self.collective, "Réunion collective", problems)
        targeted = read_date(self.targeted, "Réunion ciblée", problems)
        not_after_today(collective, "Réunion collective", problems)
        not_after_today(targeted, "Réunion ciblée", problems)
        in_order([("La réunion collective", collective), ("La réunion ciblée", targeted)], problems)
        document["cip"]["collective_meeting_on"] = collective
        document["cip"]["targeted_meeting_on"] = targeted


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
                grid.addWidget(text, row, 0)
                grid.addWidget(choice, row, 1)
                grid.addWidget(note, row, 2)
                self.answers[competence.id] = (choice, note)
            summary = QLabel()
            grid.addWidget(summary, len(activity.competences), 0, 1, 3)
            self.summaries[activity.number] = summary
            column.addWidget(box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.body.addWidget(scroll, 1)

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
                f"Il reste {len(missing)} compétence(s) à évaluer, dont la "
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
                else f"{gaps} décalage(s) à combler"
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
