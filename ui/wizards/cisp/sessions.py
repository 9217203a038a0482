"""The CISP wizard's synthesis and certification sessions, per competence pole (CISP-POLE):
a pole is offered only once its required courses are done; a new session only after one
« non validée »."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import labels
from app.evaluation.cisp import CispEvaluation
from app.french import day_text
from app.referentials import Pole, cisp_referential
from ui.support.colours import ERROR, status_css
from ui.support.rows_table import french_date
from ui.support.scrolling import scrolled
from ui.wizards.cisp.live import iso_day
from ui.wizards.fields import date_line, in_order, not_after_today, read_date, tab_before
from ui.wizards.step import StepPage


class PoleSessions(QGroupBox):
    """One pole's sessions: a first one once its required courses are done, another one
    only after a session « non validée »."""

    def __init__(self, pole: Pole) -> None:
        super().__init__(f"Pôle {pole.number} — {pole.title}")
        self.number = pole.number
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.grid = QGridLayout()
        self.rows: list[tuple[QLineEdit, QComboBox, list[QWidget]]] = []
        self.add = QPushButton("Ajouter une session")
        self.add.clicked.connect(self._add_and_type)
        self.remove = QPushButton("Retirer la dernière session")
        self.remove.clicked.connect(self.remove_last)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addLayout(self.grid)
        layout.addLayout(buttons)
        self.ready = False
        self.remaining: tuple[str, ...] = ()
        self.last_course: tuple[str, date] | None = None  # the pole's last required course
        self._update()

    def add_row(self, session: dict | None = None) -> None:
        row = len(self.rows)
        day = date_line()
        day.setText(french_date(session["date"]) if session else "")
        result = QComboBox()
        result.addItem("— résultat à indiquer —", None)
        for code, name in labels.SESSION_RESULT.items():
            result.addItem(name, code)
        result.setCurrentIndex(max(result.findData(session["result"] if session else None), 0))
        result.currentIndexChanged.connect(self._update)
        when, outcome = QLabel(f"Session {row + 1} le :"), QLabel("résultat :")
        day.setAccessibleName(f"Pôle {self.number}, session {row + 1}, date")
        result.setAccessibleName(f"Pôle {self.number}, session {row + 1}, résultat")
        widgets: list[QWidget] = [when, day, outcome, result]
        for column, widget in enumerate(widgets):
            self.grid.addWidget(widget, row, column)
        tab_before(self.add, day, result)  # read before the buttons under the sessions
        self.grid.setColumnStretch(len(widgets), 1)
        self.rows.append((day, result, widgets))
        self._update()

    def _add_and_type(self) -> None:
        """« Ajouter une session »: the cursor in its date, ready to type."""
        self.add_row()
        self.rows[-1][0].setFocus()

    def remove_last(self) -> None:
        if self.rows:
            *_fields, widgets = self.rows.pop()
            for widget in widgets:
                self.grid.removeWidget(widget)
                widget.deleteLater()
            self._update()

    def set_state(
        self, ready: bool, remaining: tuple[str, ...], last_course: tuple[str, date] | None
    ) -> None:
        self.ready, self.remaining, self.last_course = ready, remaining, last_course
        if not ready:
            text = (
                "Pas encore de session : formations requises non terminées : "
                f"{', '.join(remaining)}."
            )
        elif last_course is None:
            text = "Aucune formation requise au catalogue pour ce pôle : il peut passer en session."
        else:
            code, ended = last_course
            text = (
                f"Formations requises terminées (la dernière, {code}, le {day_text(ended)}) : "
                "le pôle peut passer en session de synthèse et de certification après cette date."
            )
        self.state.setText(text)
        self.state.setStyleSheet("" if ready else status_css(ERROR))
        self._update()

    def _update(self) -> None:
        last_result = self.rows[-1][1].currentData() if self.rows else None
        self.add.setEnabled(self.ready and (not self.rows or last_result == "not_validated"))
        self.remove.setEnabled(bool(self.rows))
        self.setEnabled(self.ready or bool(self.rows))

    def dump(self, cisp: dict, problems: list[str]) -> list[dict]:
        sessions = []
        before: tuple[str | None, str | None] | None = None
        commission = cisp.get("commission") or {}
        if self.rows and not self.ready:
            problems.append(
                f"Pôle {self.number} : formations requises non terminées : "
                f"{', '.join(self.remaining)} ; pas de session possible avant (retirez la "
                "session, ou complétez l'étape « Formations déjà suivies »)."
            )
        for index, (field, result_box, _widgets) in enumerate(self.rows, start=1):
            label = f"Pôle {self.number}, session {index}"
            typed = len(problems)
            on = read_date(field, label, problems)
            result = result_box.currentData()
            if on is None and len(problems) == typed:
                problems.append(f"{label} : indiquez sa date (JJ/MM/AAAA), ou retirez la ligne.")
            if result is None:
                problems.append(
                    f"{label} : choisissez le résultat (validée ou non validée), ou retirez "
                    "la ligne."
                )
            not_after_today(on, label, problems)
            if on and self.last_course and date.fromisoformat(on) <= self.last_course[1]:
                code, ended = self.last_course
                problems.append(
                    f"{label} ({iso_day(on)}) : une session a lieu après la dernière formation "
                    f"requise du pôle ({code}, terminée le {day_text(ended)})."
                )
            in_order([("La commission paritaire", commission.get("date")), (label, on)], problems)
            if before is not None:
                before_on, before_result = before
                if before_result == "validated":
                    problems.append(
                        f"{label} : le pôle est déjà validé par la session {index - 1} ; une "
                        "nouvelle session n'a lieu qu'après une session non validée."
                    )
                if on and before_on and on <= before_on:
                    problems.append(
                        f"{label} ({iso_day(on)}) : elle doit avoir lieu après la session "
                        f"{index - 1} ({iso_day(before_on)})."
                    )
            if on and result:
                sessions.append({"pole": self.number, "date": on, "result": result})
            before = (on, result)
        return sessions


class SessionsPage(StepPage):
    def __init__(self) -> None:
        poles = cisp_referential().poles
        super().__init__(
            "Sessions de synthèse et de certification",
            "Une session par pôle (règle CISP-POLE), une fois toutes ses formations requises "
            "terminées ; une nouvelle session seulement après une session non validée. Le "
            f"titre est obtenu quand les {len(poles)} pôles sont validés (CISP-TITLE).",
        )
        inner = QWidget()
        column = QVBoxLayout(inner)
        self.poles = {pole.number: PoleSessions(pole) for pole in poles}
        for box in self.poles.values():
            column.addWidget(box)
        column.addStretch(1)
        self.body.addWidget(scrolled(inner), 1)

    def load(self, document: dict) -> None:
        for box in self.poles.values():
            while box.rows:
                box.remove_last()
        for session in document["cisp"].get("pole_sessions", []):
            self.poles[session["pole"]].add_row(session)

    def entered(self, document: dict) -> None:
        """Which pole may have its session, from the evaluation of the courses typed."""
        cisp = self.path_wizard.evaluation(document).cisp
        for state in cisp.poles:
            self.poles[state.pole].set_state(
                state.ready_for_session, state.remaining, self._last_course(cisp, state.pole)
            )

    def _last_course(self, cisp: CispEvaluation, pole: int) -> tuple[str, date] | None:
        """The pole's required course done last (each on the day it first counted)."""
        done: dict[str, date] = {}
        for verdict in cisp.courses:
            if verdict.counted:
                known = done.get(verdict.code)
                done[verdict.code] = min(known, verdict.ended_on) if known else verdict.ended_on
        ends = [
            (done[c.code], c.code)
            for c in self.path_wizard.catalogue.required_for_pole(pole)
            if c.code in done
        ]
        if not ends:
            return None
        ended, code = max(ends)
        return code, ended

    def dump(self, document: dict, problems: list[str]) -> None:
        cisp = document["cisp"]
        sessions = []
        for box in self.poles.values():
            sessions.extend(box.dump(cisp, problems))
        if sessions and (cisp.get("commission") or {}).get("decision") != "accepted":
            problems.append(
                "Sessions : la commission paritaire n'a pas accepté l'inscription ; pas de "
                "session avant son accord (étape « Commission paritaire »)."
            )
        cisp["pole_sessions"] = sessions
