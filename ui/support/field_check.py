"""A French message under a field, where the mistake is: shown when the counsellor leaves
a field whose value cannot be read (« 31/02/2022 »), gone as soon as what is typed can be.
The same message is given again, with the others, if the page is saved as it is."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel, QLineEdit

from app.typed import TypedValueError, iso_from_french
from ui.support.colours import ERROR, status_css


def day_problem(
    text: str, empty: str | None = None, prefix: str = "", not_future: bool = False
) -> str | None:
    """Why a day typed JJ/MM/AAAA cannot be used, in French, or None. An empty field is
    fine unless `empty` says what to type; `prefix` names the field; `not_future`
    refuses a day after today."""
    if not text.strip():
        return empty
    try:
        iso = iso_from_french(text)
    except TypedValueError as error:
        return f"{prefix}{error}"
    if not_future and date.fromisoformat(iso) > date.today():
        return f"{prefix}le {text.strip()} est dans le futur."
    return None


def typed_day(text: str) -> date | None:
    """The day typed JJ/MM/AAAA, or None while the field is empty or cannot be read."""
    if day_problem(text) or not text.strip():
        return None
    return date.fromisoformat(iso_from_french(text))


def error_label() -> QLabel:
    """A hidden line of text in the error colour, quoting what was typed as plain text."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet(status_css(ERROR))
    label.hide()
    return label


class FieldCheck(QObject):
    """Checks `field` with `problem` (the French problem with its text, or None) when the
    field is left; once a problem is shown, checks again at each keystroke."""

    def __init__(self, field: QLineEdit, problem: Callable[[str], str | None]) -> None:
        super().__init__(field)
        self.field = field
        self.problem = problem
        self.label = error_label()
        self.label.setAccessibleName("Erreur de saisie")
        field.editingFinished.connect(self.check)
        field.textChanged.connect(self._again)

    def check(self) -> bool:
        """Shows or hides the message; True when the field can be read."""
        problem = self.problem(self.field.text())
        self.label.setText(problem or "")
        self.label.setVisible(problem is not None)
        self.field.setAccessibleDescription(problem or "")
        return problem is None

    def _again(self, _text: str) -> None:
        if not self.label.isHidden():
            self.check()
