"""The CISP wizard's individual path, per competence pole: the required courses acquired
and those remaining with their planned date, and the date the path was contracted. It
comes from the evaluation of the document as typed so far."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.french import day_text, number
from app.referentials import cisp_referential
from ui.support.rows_table import french_date
from ui.support.scrolling import scrolled
from ui.wizards.cisp.live import iso_day, live_label, years
from ui.wizards.fields import date_line, in_order, not_after_today, read_date
from ui.wizards.step import StepPage


class IndividualPathPage(StepPage):
    """Per pole: the required courses acquired, those remaining with their planned date;
    the date the individual path was contracted."""

    def __init__(self) -> None:
        super().__init__(
            "Parcours individuel par pôle",
            "Pour chaque pôle de compétences, les formations requises déjà acquises et "
            "celles qui restent à suivre, avec leur date prévue ; puis la date à laquelle le "
            "parcours individuel a été contractualisé.",
        )
        form = self.form()
        self.contracted = date_line()
        form.addRow("Parcours &contractualisé le :", self.contracted)
        self.deadline = live_label()
        self.body.addWidget(self.deadline)
        inner = QWidget()
        column = QVBoxLayout(inner)
        self.boxes: dict[int, QGroupBox] = {}
        self.contents: dict[int, QWidget] = {}
        for pole in cisp_referential().poles:
            box = QGroupBox(f"Pôle {pole.number} — {pole.title}")
            QVBoxLayout(box)
            self.boxes[pole.number] = box
            column.addWidget(box)
        column.addStretch(1)
        self.body.addWidget(scrolled(inner), 1)
        self.planned: dict[str, QLineEdit] = {}  # a remaining course's code: its date
        self.typed: dict[str, str] = {}  # what was typed, kept when the list is rebuilt
        self.remaining: dict[int, tuple[str, ...]] = {}
        self.deadline_on: date | None = None

    def load(self, document: dict) -> None:
        cisp = document["cisp"]
        self.contracted.setText(french_date(cisp.get("contracted_on")))
        self.typed = {
            planned["code"]: french_date(planned.get("planned_on"))
            for planned in cisp.get("planned_courses", [])
        }

    def entered(self, document: dict) -> None:
        """Rebuilt at each visit: the courses of the earlier steps decide what remains."""
        self.typed.update({code: field.text() for code, field in self.planned.items()})
        self.planned = {}
        cisp = self.path_wizard.evaluation(document).cisp
        self.remaining = {state.pole: state.remaining for state in cisp.poles}
        self.deadline_on = cisp.deadline
        max_years = self.path_wizard.rules.value("max_path_years")
        if cisp.deadline is None:
            self.deadline.setText(
                "Date d'inscription pas encore connue : aucune formation ne compte encore, et "
                f"l'échéance sera fixée à l'inscription ({years(max_years)})."
            )
        else:
            self.deadline.setText(
                f"Échéance du parcours : le {day_text(cisp.deadline)} ({years(max_years)} après "
                "l'inscription, règle CISP-MAX) ; une formation terminée après cette date ne "
                "compte pas."
            )
        for state in cisp.poles:
            self._show_pole(state.pole, state.remaining)

    def _show_pole(self, pole: int, remaining: tuple[str, ...]) -> None:
        catalogue = self.path_wizard.catalogue
        old = self.contents.pop(pole, None)
        if old is not None:
            self.boxes[pole].layout().removeWidget(old)
            old.deleteLater()
        content = QWidget()
        grid = QGridLayout(content)
        grid.setContentsMargins(0, 0, 0, 0)
        required = catalogue.required_for_pole(pole)
        acquired = [c for c in required if c.code not in remaining]
        names = ", ".join(f"{c.code} « {c.title} »" for c in acquired) or "aucune"
        done = QLabel(f"Formations requises acquises : {names}.")
        done.setWordWrap(True)
        grid.addWidget(done, 0, 0, 1, 3)
        if not remaining:
            ready = QLabel(
                "<i>Toutes les formations requises sont acquises : le pôle peut passer en "
                "session de synthèse et de certification.</i>"
            )
            ready.setWordWrap(True)
            grid.addWidget(ready, 1, 0, 1, 3)
        for row, code in enumerate(remaining, start=1):
            course = catalogue.course(code)
            text = QLabel(f"Reste à suivre : {code} « {course.title} » ({number(course.hours)} h)")
            text.setWordWrap(True)
            field = date_line()
            field.setText(self.typed.get(code, ""))
            field.setAccessibleName(f"Pôle {pole}, {code}, date prévue")
            grid.addWidget(text, row, 0)
            grid.addWidget(QLabel("prévue le :"), row, 1)
            grid.addWidget(field, row, 2)
            self.planned[code] = field
        grid.setColumnStretch(0, 1)
        self.boxes[pole].layout().addWidget(content)
        self.contents[pole] = content

    def dump(self, document: dict, problems: list[str]) -> None:
        cisp = document["cisp"]
        commission = cisp.get("commission") or {}
        registered = cisp.get("registered_on")
        contracted = read_date(self.contracted, "Parcours contractualisé le", problems)
        not_after_today(contracted, "Parcours contractualisé le", problems)
        if contracted and commission.get("decision") != "accepted":
            problems.append(
                "Parcours contractualisé le : le parcours individuel se contractualise après "
                "l'accord de la commission paritaire, qui n'a pas accepté l'inscription "
                "(étape « Commission paritaire »)."
            )
        in_order(
            [
                ("L'inscription", registered),
                ("La commission paritaire", commission.get("date")),
                ("Le parcours contractualisé", contracted),
            ],
            problems,
        )
        max_years = self.path_wizard.rules.value("max_path_years")
        planned = []
        for pole, codes in self.remaining.items():
            for code in codes:
                label = f"Pôle {pole}, {code}, date prévue"
                on = read_date(self.planned[code], label, problems)
                if on and registered and on < registered:
                    problems.append(
                        f"{label} : le {iso_day(on)} est avant l'inscription du "
                        f"{iso_day(registered)}."
                    )
                if on and self.deadline_on and date.fromisoformat(on) > self.deadline_on:
                    problems.append(
                        f"{label} : le {iso_day(on)} est après l'échéance du parcours "
                        f"({day_text(self.deadline_on)}, {years(max_years)} après l'inscription) : "
                        "la formation ne compterait pas."
                    )
                if on or contracted:
                    planned.append({"code": code, "planned_on": on})
        cisp["contracted_on"] = contracted
        cisp["planned_courses"] = planned
