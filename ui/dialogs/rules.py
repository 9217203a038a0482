"""« Règles en vigueur »: every parameter with its rule, label, value, unit and source."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from app import labels
from app.rules import Rules
from ui.support.sizes import fit_to_screen

HEADERS = ("Règle", "Paramètre", "Valeur", "Unité", "Source")


# a parameter whose value is a code: the words a counsellor reads for it
WORDS = {"experience_counting": labels.EXPERIENCE_COUNTING}


def shown_value(value, name: str = "") -> str:
    if isinstance(value, bool):
        return "oui" if value else "non"
    return WORDS.get(name, {}).get(value, str(value))


class RulesDialog(QDialog):
    def __init__(self, rules: Rules, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Règles en vigueur")
        title = QLabel(f"<b>{rules.title}</b> — identifiant {rules.id}, version {rules.version}")
        title.setWordWrap(True)
        source = QLabel(f"Source : {rules.source}")
        source.setWordWrap(True)
        self.table = QTableWidget(len(rules.parameters), len(HEADERS))
        self.table.setAccessibleName("Paramètres des règles en vigueur")
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        for row, (name, parameter) in enumerate(rules.parameters.items()):
            cells = (
                parameter.rule,
                parameter.label,
                shown_value(parameter.value, name),
                parameter.unit,
                parameter.source,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(source)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 1100, 640)
