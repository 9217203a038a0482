"""Where the candidate is, above their page: for each path, its steps in a row — ✔ done
(with its date), ▶ current (and how far), ○ to come — from app/evaluation/steps.py, as
the list's « Étape » and the dossier PDF say it. The row wraps to the page's width. The
marks and the words tell the state; colour only adds to them."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.evaluation.steps import PathSteps, Step
from ui.support.colours import SUCCESS, status_colour

MARKS = {"done": "✔", "current": "▶", "todo": "○"}


def _step_html(step: Step) -> str:
    text = escape(f"{MARKS[step.state]}\u00a0{step.label}")  # the mark stays with its step
    if step.state == "done":
        when = f" ({step.on:%d/%m/%Y})" if step.on else ""
        return f'<span style="color:{status_colour(SUCCESS).name()}">{text}{when}</span>'
    if step.state == "current":
        note = f" ({escape(step.note)})" if step.note else " (en cours)"
        return f"<b>{text}{note}</b>"
    return text + (f" ({escape(step.note)})" if step.note else "")


def path_html(path: PathSteps) -> str:
    """« <b>CIP</b> : ✔ Information collective (15/09/2014) › ▶ Recevabilité (…) › ○ Jury »."""
    steps = " › ".join(_step_html(step) for step in path.steps)
    closed = f" — <b>{escape(path.closure_text())}</b>" if path.closure is not None else ""
    return f"<b>{path.path.upper()}</b> : {steps}{closed}"


class StepBar(QWidget):
    """The step rows of `show_steps`; nothing while the page holds no candidate."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Où en est le candidat")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.rows: list[QLabel] = []
        for _path in range(2):
            row = QLabel()
            row.setTextFormat(Qt.TextFormat.RichText)
            row.setWordWrap(True)
            layout.addWidget(row)
            self.rows.append(row)
        self.show_steps(())

    def show_steps(self, paths: tuple[PathSteps, ...]) -> None:
        for index, row in enumerate(self.rows):
            if index < len(paths):
                path = paths[index]
                row.setText(path_html(path))
                said = " ; ".join(step.text() for step in path.steps)
                row.setAccessibleName(f"Étapes du parcours {path.path.upper()} : {said}")
                row.show()
            else:
                row.clear()
                row.hide()

    def show_unavailable(self, reason: str) -> None:
        """The record cannot be evaluated: no steps shown, and why."""
        self.show_steps(())
        row = self.rows[0]
        row.setText(escape(f"Étapes non calculées : {reason}"))
        row.setAccessibleName(row.text())
        row.show()
