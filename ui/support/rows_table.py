"""An editable table of rows (experience periods, courses, financing lines, sessions):
dates typed dd/mm/yyyy, numbers with a comma, yes/no as a box to tick."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.typed import TypedValueError, iso_from_french, number_from_french
from ui.support.form_table import FormTable


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = "text"  # text, date, number, money, bool
    default: object = None


def french_date(iso: str | None) -> str:
    if not iso:
        return ""
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


def french_number(value, money: bool = False) -> str:
    """« 0,5 », « 1380 »; with `money`, cents in full: « 1380,50 »."""
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    text = f"{float(value):.2f}" if money else str(value)
    return text.replace(".", ",")


class RowsTable(QWidget):
    changed = Signal()

    def __init__(
        self, columns: list[Column], add_text: str, hint: str = "", parent=None, name: str = ""
    ) -> None:
        super().__init__(parent)
        self.columns = columns
        # Tab through the cells one types in, then out to the buttons below (ui/support)
        self.table = FormTable(0, len(columns))
        self.table.setHorizontalHeaderLabels([c.header for c in columns])
        self.table.setAccessibleName(name or add_text.removeprefix("Ajouter ").capitalize())
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._fit_columns()
        self.table.itemChanged.connect(lambda _item: self.changed.emit())
        self.add_button = QPushButton(add_text)
        self.add_button.clicked.connect(self.add_row)
        remove = QPushButton("Retirer la ligne choisie")
        remove.clicked.connect(self.remove_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        if hint:
            note = QLabel(hint)
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addLayout(buttons)

    def _fit_columns(self) -> None:
        """Widths that do not move as the counsellor types: each date, number and box
        column as wide as its title and « 31/12/2026 » need; the text columns share the
        rest (their whole text is each cell's tooltip)."""
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        sample = {"date": "31/12/2026", "number": "100,5", "money": "1 380,50", "bool": ""}
        for index, column in enumerate(self.columns):
            if column.kind == "text":
                header.setSectionResizeMode(index, QHeaderView.ResizeMode.Stretch)
                continue
            title = max(
                header.fontMetrics().horizontalAdvance(line) for line in column.header.split("\n")
            )
            content = metrics.horizontalAdvance(sample[column.kind])
            header.resizeSection(index, max(title, content) + 3 * metrics.averageCharWidth())

    def _item(self, column: Column, value) -> QTableWidgetItem:
        if column.kind == "bool":
            item = QTableWidgetItem()
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            item.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
            return item
        if column.kind == "date":
            return QTableWidgetItem(french_date(value))
        if column.kind in ("number", "money"):
            return QTableWidgetItem(french_number(value, money=column.kind == "money"))
        item = QTableWidgetItem("" if value is None else str(value))
        item.setToolTip(item.text())  # a long employer or job title is cut in its column
        return item

    def load(self, rows: list[dict]) -> None:
        """The rows shown; a table being typed in (reloaded after Ctrl+S) keeps the
        cursor on the same cell."""
        table = self.table
        typing = table.hasFocus() or table.isAncestorOf(QApplication.focusWidget())
        where = table.currentRow(), table.currentColumn()
        table.blockSignals(True)
        table.setRowCount(0)
        for row in rows:
            self._append(row)
        table.blockSignals(False)
        if typing:
            table.setFocus()
            if 0 <= where[0] < table.rowCount():
                table.setCurrentCell(*where)

    def _append(self, row: dict) -> None:
        index = self.table.rowCount()
        self.table.insertRow(index)
        for position, column in enumerate(self.columns):
            self.table.setItem(index, position, self._item(column, row.get(column.key)))

    def add_row(self) -> None:
        """A new row, the cursor in its first cell, ready to type."""
        self.table.blockSignals(True)
        self._append({c.key: c.default for c in self.columns})
        self.table.blockSignals(False)
        row = self.table.rowCount() - 1
        self.table.setCurrentCell(row, 0)
        self.table.setFocus()
        self.table.editItem(self.table.item(row, 0))
        self.changed.emit()

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.changed.emit()

    def dump(self, section: str) -> tuple[list[dict], list[str]]:
        """The rows as exchange-format objects, and the French problems found."""
        rows, problems = [], []
        for index in range(self.table.rowCount()):
            row = {}
            for position, column in enumerate(self.columns):
                item = self.table.item(index, position)
                text = item.text() if item else ""
                try:
                    if column.kind == "bool":
                        checked = item is not None and item.checkState() == Qt.CheckState.Checked
                        row[column.key] = checked
                    elif column.kind == "date":
                        row[column.key] = iso_from_french(text)
                    elif column.kind in ("number", "money"):
                        row[column.key] = number_from_french(text)
                    else:
                        row[column.key] = text.strip() or None
                except TypedValueError as error:
                    name = " ".join(column.header.split()).lower()
                    problems.append(f"{section}, ligne {index + 1}, {name} : {error}")
            rows.append(row)
        return rows, problems
