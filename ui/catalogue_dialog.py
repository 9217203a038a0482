"""« Catalogue des formations »: the catalogue in use, its name, version and date, whether
it is an example, and its courses, searchable."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.domain import Catalogue
from app.french import day_text, number
from app.text import folded

HEADERS = ("Code", "Intitulé", "Pôle", "Heures", "Capitalisable", "Requise")


class CatalogueDialog(QDialog):
    def __init__(self, catalogue: Catalogue, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Catalogue des formations")
        published = day_text(catalogue.published_on) if catalogue.published_on else "non précisée"
        example = (
            "<br><b>Catalogue d'EXEMPLE, inventé : ce n'est pas le catalogue de COORACE "
            "Formation.</b>"
            if catalogue.example
            else ""
        )
        self.heading = heading = QLabel(
            f"<b>{catalogue.name}</b><br>Version : {catalogue.version or 'non précisée'} — "
            f"publiée le : {published}{example}"
        )
        heading.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Rechercher un code ou un intitulé (sans accents)")
        self.search.textChanged.connect(self._filter)
        self.table = QTableWidget(len(catalogue.courses), len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, course in enumerate(catalogue.courses):
            cells = (
                course.code,
                course.title,
                str(course.pole),
                number(course.hours),
                "oui" if course.capitalisable else "non",
                "oui" if course.required else "non",
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(900, 520)

    def visible_codes(self) -> list[str]:
        return [
            self.table.item(r, 0).text()
            for r in range(self.table.rowCount())
            if not self.table.isRowHidden(r)
        ]

    def _filter(self, text: str) -> None:
        needle = folded(text)
        for row in range(self.table.rowCount()):
            haystack = folded(f"{self.table.item(row, 0).text()} {self.table.item(row, 1).text()}")
            self.table.setRowHidden(row, bool(needle) and needle not in haystack)
