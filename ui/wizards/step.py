"""A wizard's step: a page that reads its part of the candidate's exchange document
when first shown (`load`), writes it back with the French problems found (`dump`), and
refuses « Suivant » while there are any, the cursor on the value to correct; its form
checks each date field when it is left."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QVBoxLayout,
    QWizardPage,
)

from ui.support.colours import ERROR, status_css
from ui.support.field_check import FieldCheck
from ui.wizards.fields import DATE_FIELD, date_problem

if TYPE_CHECKING:
    from ui.wizards.base import PathWizard


class CheckedForm(QFormLayout):
    """A page's form: a date field added to it gets its French message under it, shown
    when the field is left with a date that cannot be read, gone once it can."""

    def addRow(self, *args) -> None:
        super().addRow(*args)
        field = args[-1] if len(args) == 2 else None
        if isinstance(field, QLineEdit) and field.property(DATE_FIELD):
            super().addRow("", FieldCheck(field, date_problem).label)


class StepPage(QWizardPage):
    """A step: `load` fills the widgets from the document (first visit), `dump` writes
    them back and lists problems in French; Next is refused while there are any."""

    def __init__(self, title: str, subtitle: str) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)  # it quotes what was typed
        self.error.setWordWrap(True)
        self.error.setStyleSheet(status_css(ERROR))
        self.error.setAccessibleName("Problèmes à corriger sur cette page")
        self.error.hide()
        self.note = QLabel()  # « Brouillon gardé à … » (Ctrl+S)
        self.note.setWordWrap(True)
        self.note.hide()
        self.loaded_problems: list[str] = []
        self.body = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.note)
        self._watching = False

    def form(self) -> QFormLayout:
        form = CheckedForm()
        self.body.addLayout(form)
        return form

    @property
    def path_wizard(self) -> PathWizard:
        return self.wizard()  # type: ignore[return-value]

    # Each step defines `load(document)` (its widgets from the document, on the first
    # visit) and `dump(document, problems)` (its widgets into the document, with the
    # French problems found); a page without them fails at its first visit.

    def initializePage(self) -> None:
        self.load(self.path_wizard.document)
        self._watch_fields()
        # what the page could not read as loaded: a value typed since that cannot be read
        # either (« 1 » in a date) is still something typed (PathWizard._unchanged)
        self.loaded_problems = self.problems_now()

    def problems_now(self) -> list[str]:
        problems: list[str] = []
        self.dump(copy.deepcopy(self.path_wizard.document), problems)
        return problems

    def _watch_fields(self) -> None:
        """Once the page has said what to correct, each change checks again: a message
        goes as soon as its field is corrected, not at the next « Suivant »."""
        if self._watching:
            return
        self._watching = True
        for field in self.findChildren(QLineEdit):
            field.textEdited.connect(self._check_again)
        for box in self.findChildren(QComboBox):
            box.activated.connect(self._check_again)
        for tick in self.findChildren(QCheckBox):
            tick.clicked.connect(self._check_again)
        for table in self.findChildren(QTableWidget):
            table.itemChanged.connect(self._check_again)
            table.model().rowsRemoved.connect(self._check_again)  # a line taken out

    def _check_again(self, *_args) -> None:
        if not self.error.isHidden():
            _trial, problems = self.trial()
            self.show_problems(problems)

    def keyPressEvent(self, event) -> None:
        """Enter in a list or a table chooses there; it never turns the page."""
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and isinstance(QApplication.focusWidget(), QAbstractItemView):
            event.accept()
            return
        super().keyPressEvent(event)

    def trial(self) -> tuple[dict, list[str]]:
        """The document with what the page shows now (a copy: the wizard's is unchanged),
        and what keeps it from being read — the page's problems, else the format's."""
        trial = copy.deepcopy(self.path_wizard.document)
        problems: list[str] = []
        self.dump(trial, problems)
        return trial, problems or self.path_wizard.format_problems(trial)

    def entered(self, document: dict) -> None:
        """Called each time the page becomes current (after `load` on the first visit)."""

    def show_problems(self, problems: list[str]) -> bool:
        self.error.setText("\n".join(problems))
        self.error.setVisible(bool(problems))
        return not problems

    def validatePage(self) -> bool:
        trial, problems = self.trial()
        if not self.show_problems(problems):
            self._cursor_to(problems)
            return False
        self.path_wizard.document = trial
        next_id = self.path_wizard.nextId()
        if next_id != -1:  # the last page is validated by Finish (twice: QWizard.done too)
            self.path_wizard.keep_draft(next_id)  # and a finished wizard leaves no draft
        return True

    def _cursor_to(self, problems: list[str]) -> None:
        """The cursor in the field the first problem quotes (« 31/02/2015 » n'existe
        pas…), its text selected: what is typed next corrects it."""
        fields = [
            field
            for field in self.findChildren(QLineEdit)
            if field.isVisibleTo(self) and field.isEnabled() and field.text().strip()
        ]
        for problem in problems:
            for field in fields:
                if f"« {field.text().strip()} »" in problem:
                    field.setFocus(Qt.FocusReason.OtherFocusReason)
                    field.selectAll()
                    return
