"""« Pièces » of the candidate page: the supporting documents the paths ask for
(app/evaluation/documents.py), each provided (with its day, and its scan if given),
missing or not needed, and « Pièces : 4/6 ». Each change is recorded at once, in its own
transaction (the audit log keeps it); a scan is checked by its content and size first."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.evaluation.documents import MISSING, NOT_NEEDED, PROVIDED, STATES, Item, completeness
from app.store.documents import EXTENSIONS, document_states, scan_of, set_document
from ui.support import file_dialogs
from ui.support.failures import failure, failure_types
from ui.support.field_check import FieldCheck, day_problem, typed_day

COLUMNS = ("État", "Fournie le", "Scan", "Pièce")  # the long label last: the state in view
SCANS = "Pièces scannées (*.pdf *.jpg *.jpeg *.png)"
# the day a document was provided: required, never after today
PROVIDED_ON = partial(
    day_problem,
    empty="Fournie le : tapez le jour (JJ/MM/AAAA).",
    prefix="Fournie le : ",
    not_future=True,
)


_OPENED: list[Path] = []  # the private copies written to open scans


@atexit.register
def _remove_opened() -> None:
    for folder in _OPENED:
        shutil.rmtree(folder, ignore_errors=True)


def choose_scan(parent: QWidget) -> Path | None:
    """The scan to attach (tests replace this function)."""
    return file_dialogs.open_file(parent, "Pièce scannée (PDF, JPEG ou PNG)", SCANS)


def open_scan(path: Path) -> bool:
    """Opens a scan with the computer's program (tests replace this function)."""
    from ui.candidate.dossier_actions import open_externally

    return open_externally(path)


class DocumentsTab(QWidget):
    """The checklist of `show_items`; `recorded` says a document changed."""

    recorded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = None
        self.candidate_id: int | None = None
        self.items: list[Item] = []
        self.states: dict = {}
        self.count = QLabel()
        self.count.setAccessibleName("Pièces fournies")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName("Pièces justificatives")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._enable)
        self.provided_on = QLineEdit(f"{date.today():%d/%m/%Y}")
        self.provided_on.setPlaceholderText("JJ/MM/AAAA")
        self.provided_on.setMaxLength(10)
        self.provided_on.setMinimumWidth(
            self.provided_on.fontMetrics().horizontalAdvance("JJ/MM/AAAA") + 24
        )
        self.provided_on.setAccessibleName("Fournie le (JJ/MM/AAAA)")
        self.provided_check = FieldCheck(self.provided_on, PROVIDED_ON)
        self.scan_button = QPushButton("Fournie, avec son scan…")
        self.scan_button.clicked.connect(self.attach_scan)
        self.provided_button = QPushButton("Fournie")
        self.provided_button.clicked.connect(lambda: self.mark(PROVIDED))
        self.missing_button = QPushButton("Manquante")
        self.missing_button.clicked.connect(lambda: self.mark(MISSING))
        self.not_needed_button = QPushButton("Non nécessaire")
        self.not_needed_button.clicked.connect(lambda: self.mark(NOT_NEEDED))
        self.open_button = QPushButton("Ouvrir le scan")
        self.open_button.clicked.connect(self.open_current)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel("Fournie le :"))
        buttons.addWidget(self.provided_on)
        for button in (
            self.scan_button,
            self.provided_button,
            self.missing_button,
            self.not_needed_button,
            self.open_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.provided_check.label)
        layout.addWidget(self.problem)
        self._enable()

    def show_items(self, store, candidate_id: int | None, items: list[Item]) -> None:
        """The checklist of this (saved) candidate; none for a record not saved yet."""
        self.store, self.candidate_id, self.items = store, candidate_id, items
        self.states = {}
        if store is not None and candidate_id is not None:
            with store.transaction() as session:
                self.states = document_states(session, candidate_id)
        chosen = self.table.currentRow()
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            state = self.states.get(item.key)
            words = STATES[state.state] if state else STATES[MISSING]
            day = f"{state.provided_on:%d/%m/%Y}" if state and state.provided_on else ""
            scan = state.file_name if state and state.file_name else ""
            for column, text in enumerate((words, day, scan, item.label)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.table.setItem(row, column, cell)
        if items:
            self.table.selectRow(min(max(chosen, 0), len(items) - 1))
        plain = {key: s.state for key, s in self.states.items()}
        if candidate_id is None:
            self.count.setText("Pièces : enregistrez d'abord la fiche (Ctrl+S).")
        elif items:
            self.count.setText(f"Pièces : {completeness(items, plain)}")
        else:
            self.count.setText("Pièces : aucune demandée (aucun parcours).")
        self._enable()

    def current_item(self) -> Item | None:
        row = self.table.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _enable(self) -> None:
        ready = self.candidate_id is not None and self.current_item() is not None
        for button in (
            self.scan_button,
            self.provided_button,
            self.missing_button,
            self.not_needed_button,
        ):
            button.setEnabled(ready)
        item = self.current_item()
        state = self.states.get(item.key) if item else None
        self.open_button.setEnabled(bool(ready and state and state.file_name))

    def _record(self, state: str, scan: Path | None = None) -> bool:
        item = self.current_item()
        if item is None or self.candidate_id is None:
            return False
        day = None
        if state == PROVIDED:  # the day typed beside the buttons (today at first)
            if not self.provided_check.check():
                self.provided_on.setFocus()
                return False
            day = typed_day(self.provided_on.text())
        try:
            with self.store.transaction() as session:
                set_document(session, self.candidate_id, item.key, state, self.store.user,
                             day, scan)  # fmt: skip
        except failure_types() as error:
            self.problem.setText(failure(error, self.store.path))
            return False
        self.problem.setText("")
        self.show_items(self.store, self.candidate_id, self.items)
        self.recorded.emit()
        return True

    def mark(self, state: str) -> bool:
        return self._record(state)

    def attach_scan(self) -> bool:
        scan = choose_scan(self)
        return scan is not None and self._record(PROVIDED, scan)

    def open_current(self) -> Path | None:
        """Writes the scan in a private temporary file and opens it."""
        item = self.current_item()
        if item is None or self.candidate_id is None:
            return None
        with self.store.transaction() as session:
            found = scan_of(session, self.candidate_id, item.key)
        if found is None:
            return None
        data, kind, _name = found
        folder = Path(tempfile.mkdtemp(prefix="passerelle-piece-"))
        _OPENED.append(folder)  # removed when Passerelle closes: no copy outlives it
        path = folder / f"piece{EXTENSIONS.get(kind, '')}"
        path.write_bytes(data)
        path.chmod(0o600)
        if not open_scan(path):
            self.problem.setText(f"Aucun programme n'a pu ouvrir la pièce : elle est ici : {path}")
        return path
