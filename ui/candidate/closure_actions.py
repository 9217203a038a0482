"""« Clore la candidature… » and « Reprendre le parcours » on a path's tab: the day, the
reason (resources/closure_reasons.toml) and a note, saved at once in their own transaction
(the audit log and the history keep them), then the page read again. A page with changes
not saved is saved first or left as it is — never closed half-typed."""

from __future__ import annotations

from datetime import date
from functools import partial

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.step_names import closure_reasons
from app.store.closures import PATH_WORDS, close_candidacy, resume_candidacy
from ui.support.failures import failure, failure_types
from ui.support.field_check import FieldCheck, day_problem, typed_day


class ClosureDialog(QDialog):
    """The day (today at first), the reason and a note of a closure."""

    def __init__(self, who: str, path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Clore la candidature {PATH_WORDS[path]}")
        about = QLabel(
            f"La candidature {PATH_WORDS[path]} de {who} quitte les échéances et les "
            "comptes de groupes ; elle reste dans l'historique et se reprend à tout moment."
        )
        about.setWordWrap(True)
        self.day = QLineEdit(f"{date.today():%d/%m/%Y}")
        self.day.setPlaceholderText("JJ/MM/AAAA")
        self.day.setMaxLength(10)
        self.day_check = FieldCheck(
            self.day, partial(day_problem, empty="Tapez le jour (JJ/MM/AAAA).")
        )
        self.reason = QComboBox()
        for key, label in closure_reasons().items():
            self.reason.addItem(label, key)
        self.note = QLineEdit()
        self.note.setPlaceholderText("facultatif")
        form = QFormLayout()
        form.addRow("&Le :", self.day)
        form.addRow("", self.day_check.label)
        form.addRow("&Motif :", self.reason)
        form.addRow("&Précisions :", self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Clore la candidature")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.reason.setFocus()

    def accept(self) -> None:
        if not self.day_check.check():
            self.day.setFocus()
            self.day.selectAll()
            return
        super().accept()

    def chosen(self) -> tuple[date, str, str]:
        return (
            typed_day(self.day.text()),
            self.reason.currentData(),
            self.note.text(),
        )


def ask_closure(parent: QWidget, who: str, path: str) -> tuple[date, str, str] | None:
    """Asks the closure (tests replace this function)."""
    dialog = ClosureDialog(who, path, parent)
    return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None


def tell(parent: QWidget, title: str, text: str) -> None:
    """Says why nothing was done (tests replace this function)."""
    QMessageBox.warning(parent, title, text)


def _ready(page) -> bool:
    if page.candidate_id is None:
        return False
    return not page.dirty or page.save()  # the changes typed first, or nothing


def close_path(page, path: str) -> None:
    """Closes the page's candidacy on `path`, after asking why."""
    if not _ready(page):
        return
    chosen = ask_closure(page, page.candidate_name(), path)
    if chosen is None:
        return
    day, reason, note = chosen
    _act(page, "Candidature non close",
         lambda s: close_candidacy(s, page.candidate_id, path, day, reason, note,
                                   page.store.user))  # fmt: skip


def resume_path(page, path: str) -> None:
    """Takes the page's closed candidacy on `path` up again, today."""
    if not _ready(page):
        return
    today, user = date.today(), page.store.user
    _act(page, "Parcours non repris",
         lambda s: resume_candidacy(s, page.candidate_id, path, today, user))  # fmt: skip


def _act(page, title: str, action) -> None:
    try:
        with page.store.transaction() as session:
            action(session)
    except failure_types() as error:
        tell(page, title, failure(error, page.store.path))
        return
    from app.store.summaries import refresh_for_today

    refresh_for_today(page.store, page.rules, page.catalogue)  # the list's line follows
    page.load_candidate(page.candidate_id)
    page.saved.emit(page.candidate_id)
