"""The CIP wizard's VAE step (CIP-VAE): admissibility filed and decided, accompaniment
sessions, jury, result, and the 3-month deadline live."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QVBoxLayout, QWidget

from app import labels
from app.evaluation.checks import NOT_MET, PENDING
from app.french import day_text
from app.french import days as french_days
from app.referentials import cip_referential
from ui.support.colours import ERROR, WARNING, status_css
from ui.support.rows_table import Column, RowsTable, french_date
from ui.wizards.cip.page_ids import FINANCING
from ui.wizards.fields import check_line, date_line, in_order, not_after_today, read_date
from ui.wizards.step import StepPage

# what the VAE pages record (cleared when the score no longer leads to the VAE)
VAE_KEYS = (
    "admissibility_filed_on",
    "admissibility_decision_on",
    "accompaniment_sessions",
    "jury_on",
    "vae_result_on",
    "vae_outcome",
    "validated_activities",
)


class VaePage(StepPage):
    def __init__(self) -> None:
        super().__init__(
            "La VAE",
            "Recevabilité, accompagnement, jury et résultat (règle CIP-VAE : au plus 3 mois "
            "après la décision de recevabilité).",
        )
        form = self.form()
        self.filed = date_line()
        self.decided = date_line()
        self.jury = date_line()
        self.result_on = date_line()
        self.outcome = QComboBox()
        self.outcome.setMaximumWidth(320)
        self.outcome.addItem("— pas encore connu —", None)
        for code, name in labels.VAE_OUTCOME.items():
            self.outcome.addItem(name, code)
        form.addRow("&Demande de recevabilité déposée le :", self.filed)
        form.addRow("Dé&cision de recevabilité le :", self.decided)
        self.sessions = RowsTable(
            [Column("date", "Séance d'accompagnement le", "date")],
            "Ajouter une séance",
            "Une ligne par séance d'accompagnement (dates JJ/MM/AAAA).",
            name="Séances d'accompagnement",
        )
        self.sessions.setMaximumHeight(190)
        form.addRow("Séances d'&accompagnement :", self.sessions)
        form.addRow("&Jury le :", self.jury)
        form.addRow("Résultat &le :", self.result_on)
        form.addRow("&Résultat :", self.outcome)
        self.activities: dict[int, QCheckBox] = {}  # a partial outcome's CCP validated
        boxes = QVBoxLayout()
        for activity in cip_referential().activities:
            box = QCheckBox(f"CCP {activity.number} — {activity.title}")
            box.setToolTip(activity.title)
            box.toggled.connect(self._show_deadline)
            self.activities[activity.number] = box
            boxes.addWidget(box)
        self.activities_box = QWidget()
        self.activities_box.setLayout(boxes)
        self.activities_box.setAccessibleName("Activités (CCP) validées par le jury")
        self.activities_label = QLabel("Activités (CCP) validées :")
        form.addRow(self.activities_label, self.activities_box)
        self.outcome.currentIndexChanged.connect(self._show_activities)
        self._show_activities()
        self.deadline = QLabel()
        self.deadline.setWordWrap(True)
        self.body.addStretch(1)
        self.body.addWidget(self.deadline)
        for field in (self.filed, self.decided, self.jury, self.result_on):
            field.textChanged.connect(self._show_deadline)
        self.outcome.currentIndexChanged.connect(self._show_deadline)
        self.sessions.changed.connect(self._show_deadline)

    def load(self, document: dict) -> None:
        cip = document["cip"]
        self.filed.setText(french_date(cip.get("admissibility_filed_on")))
        self.decided.setText(french_date(cip.get("admissibility_decision_on")))
        self.sessions.load([{"date": day} for day in cip.get("accompaniment_sessions", [])])
        self.jury.setText(french_date(cip.get("jury_on")))
        self.result_on.setText(french_date(cip.get("vae_result_on")))
        self.outcome.setCurrentIndex(max(self.outcome.findData(cip.get("vae_outcome")), 0))
        validated = set(cip.get("validated_activities") or [])
        for number, box in self.activities.items():
            box.setChecked(number in validated)
        self._show_activities()
        self._show_deadline()

    def dump(self, document: dict, problems: list[str]) -> None:
        filed = read_date(self.filed, "Demande de recevabilité", problems)
        decided = read_date(self.decided, "Décision de recevabilité", problems)
        sessions, found = self.sessions.dump("Séances d'accompagnement")
        problems.extend(found)
        jury = read_date(self.jury, "Jury", problems)
        result_on = read_date(self.result_on, "Date du résultat", problems)
        outcome = self.outcome.currentData()
        days = sorted(s["date"] for s in sessions if s.get("date"))
        for number, session in enumerate(sessions, start=1):
            if not session.get("date"):
                problems.append(f"Séances d'accompagnement, ligne {number} : indiquez la date.")
        for label, day in (
            ("Demande de recevabilité", filed),
            ("Décision de recevabilité", decided),
        ):
            not_after_today(day, label, problems)
        not_after_today(result_on, "Date du résultat", problems)
        in_order(
            [
                ("La demande de recevabilité", filed),
                ("La décision de recevabilité", decided),
                ("La première séance", days[0] if days else None),
                ("La dernière séance", days[-1] if days else None),
                ("Le jury", jury),
                ("Le résultat", result_on),
            ],
            problems,
        )
        if outcome and not result_on:
            problems.append("Date du résultat : indiquez quand le résultat a été donné.")
        if result_on and not outcome:
            problems.append("Résultat : choisissez le résultat de la VAE.")
        cip = document["cip"]
        cip["admissibility_filed_on"] = filed
        cip["admissibility_decision_on"] = decided
        cip["accompaniment_sessions"] = days
        cip["jury_on"] = jury
        cip["vae_result_on"] = result_on
        cip["vae_outcome"] = outcome
        validated = [n for n, box in self.activities.items() if box.isChecked()]
        if outcome == "partial" and not validated:
            problems.append(
                "Activités (CCP) validées : cochez celles que le jury a validées "
                "(validation partielle)."
            )
        cip["validated_activities"] = validated if outcome == "partial" else []

    def _show_activities(self) -> None:
        """The activities (CCP) to tick, for a partial outcome only."""
        partial = self.outcome.currentData() == "partial"
        self.activities_label.setVisible(partial)
        self.activities_box.setVisible(partial)

    def nextId(self) -> int:
        return FINANCING  # the upgrading page is the other branch

    def _show_deadline(self) -> None:
        if self.wizard() is None:
            return
        trial, problems = self.trial()
        if problems:
            self.deadline.setStyleSheet("")
            self.deadline.setText(f"Saisie à compléter : {html.escape(problems[0], quote=False)}")
            return
        evaluation = self.path_wizard.evaluation(trial)
        check = evaluation.cip.check("CIP-VAE")
        deadline = check.values["deadline"]
        warning_days = self.path_wizard.rules.value("deadline_warning_days")
        soon = (
            check.status == PENDING
            and deadline is not None
            and 0 <= (deadline - evaluation.evaluated_on).days <= warning_days
        )
        style = status_css(ERROR) if check.status == NOT_MET else ""
        self.deadline.setStyleSheet(status_css(WARNING, bold=True) if soon else style)
        if soon:
            left = (deadline - evaluation.evaluated_on).days
            self.deadline.setText(
                f"Attention : l'échéance de la VAE tombe dans {french_days(left)}, le "
                f"{day_text(deadline)}.\n{check_line(check)}"
            )
            return
        self.deadline.setText(check_line(check))
