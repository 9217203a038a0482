"""« Catalogue des formations »: the catalogue in use, its name, version and date, whether
it is an example, and its courses, searchable. With the data folder open, a catalogue is
imported from here (JSON or `;`-CSV: refused with every problem listed, nothing changed),
and the previous one can be put back. The window is told through `changed`."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import Catalogue
from app.exchange.problems import ExchangeError
from app.french import day_text, number
from app.store.catalogue_in_use import (
    catalogue_title,
    install_catalogue,
    installed_sentence,
    previous_catalogue_path,
    restore_previous_catalogue,
)
from app.store.errors import StoreError
from app.store.oserrors import sentence
from app.text import folded
from ui.support import file_dialogs
from ui.support.colours import ERROR, status_css
from ui.support.questions import confirm  # tests replace it here
from ui.support.sizes import fit_to_screen

HEADERS = ("Code", "Intitulé", "Pôle", "Heures", "Capitalisable", "Requise")


def choose_catalogue_file(parent: QWidget) -> Path | None:
    """Asks for a catalogue file (tests replace this function)."""
    return file_dialogs.open_file(
        parent, "Importer un catalogue", "Catalogues des formations (*.json *.csv)"
    )


def show_problems(parent: QWidget, title: str, lines: list[str]) -> None:
    """Lists what is wrong with a file, one problem a line, scrollable however many there
    are (tests replace this function)."""
    box = QDialog(parent)
    box.setWindowTitle("Catalogue des formations")
    heading = QLabel(f"<b>{escape(title)}</b>")
    heading.setWordWrap(True)
    text = QPlainTextEdit("\n".join(lines))
    text.setReadOnly(True)
    text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
    buttons.accepted.connect(box.accept)
    layout = QVBoxLayout(box)
    layout.addWidget(heading)
    layout.addWidget(text, 1)
    layout.addWidget(buttons)
    box.resize(720, 320)
    box.open()


def heading_text(catalogue: Catalogue) -> str:
    """Name, version, date, number of courses, and whether it is an example (in bold)."""
    published = day_text(catalogue.published_on) if catalogue.published_on else "non précisée"
    count = len(catalogue.courses)
    example = (
        "<br><b>Catalogue d'EXEMPLE, inventé : ce n'est pas le catalogue de COORACE Formation.</b>"
        if catalogue.example
        else " — exemple : non"
    )
    return (
        f"<b>{escape(catalogue.name)}</b><br>Version : "
        f"{escape(catalogue.version or 'non précisée')} — publiée le : {published} — "
        f"{count} formation{'s' if count > 1 else ''}{example}"
    )


class CatalogueDialog(QDialog):
    """`folder`: the data folder, open in this window (None: the catalogue is only
    shown). `changed` is called with each catalogue installed or put back. `problem`:
    why the data folder's catalogue is not the one shown (damaged)."""

    def __init__(
        self,
        catalogue: Catalogue,
        parent=None,
        folder: Path | None = None,
        changed: Callable[[Catalogue], None] | None = None,
        problem: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Catalogue des formations")
        self.folder, self.changed = folder, changed
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.problem = QLabel(problem or "")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(status_css(ERROR))
        self.problem.setVisible(bool(problem))
        self.search = QLineEdit()
        self.search.setPlaceholderText("code ou intitulé, avec ou sans accents")
        self.search.textChanged.connect(self._filter)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setAccessibleName("Formations du catalogue")
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.import_button = QPushButton("&Importer un catalogue…")
        self.import_button.setToolTip(
            "Remplace le catalogue en usage par un fichier JSON ou CSV « ; » ; l'ancien est gardé"
        )
        self.import_button.clicked.connect(self.import_catalogue)
        self.previous_button = QPushButton("Revenir au catalogue &précédent…")
        self.previous_button.clicked.connect(self.restore_previous)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        actions = QHBoxLayout()
        actions.addWidget(self.import_button)
        actions.addWidget(self.previous_button)
        actions.addStretch(1)
        actions.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.problem)
        searching = QLabel("&Rechercher :")
        searching.setBuddy(self.search)
        find = QHBoxLayout()
        find.addWidget(searching)
        find.addWidget(self.search, 1)
        layout.addLayout(find)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(actions)
        if folder is None:
            self.import_button.setEnabled(False)
            self.status.setText(
                "Pour importer un catalogue, il faut que le dossier de données soit ouvert "
                "dans cette fenêtre."
            )
        self.show_catalogue(catalogue)
        fit_to_screen(self, 900, 560)

    def show_catalogue(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.heading.setText(heading_text(catalogue))
        self.table.setRowCount(len(catalogue.courses))
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
        self._filter(self.search.text())
        has_previous = self.folder is not None and previous_catalogue_path(self.folder) is not None
        self.previous_button.setVisible(has_previous)

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

    def import_catalogue(self) -> bool:
        """Installs a catalogue file chosen by the user; True when it is in use."""
        source = choose_catalogue_file(self)
        if source is None or self.folder is None:
            return False
        try:
            catalogue = install_catalogue(self.folder, source)
        except ExchangeError as error:
            count = len(error.problems)
            refused = (
                f"Le catalogue {source.name} est refusé : {count} "
                f"problème{'s' if count > 1 else ''}. Rien n'a changé, le catalogue en usage "
                f"reste «\u00a0{self.catalogue.name}\u00a0»."
            )
            self.status.setText(refused)
            show_problems(self, refused, [str(problem) for problem in error.problems])
            return False
        except (StoreError, OSError) as error:
            self._failed(f"Le catalogue {source.name} n'a pas pu être installé.", error)
            return False
        self._use(catalogue, f"{installed_sentence(catalogue)} L'ancien est gardé.")
        return True

    def restore_previous(self) -> bool:
        """Puts the previous catalogue back, once the user agrees; True when done."""
        if self.folder is None:
            return False
        question = (
            f"Remplacer le catalogue en usage « {self.catalogue.name} » par le catalogue "
            f"précédent ?\n\nLe catalogue actuel sera gardé : vous pourrez y revenir de la "
            f"même façon."
        )
        if not confirm(self, "Revenir au catalogue précédent ?", question):
            return False
        try:
            catalogue = restore_previous_catalogue(self.folder)
        except ExchangeError as error:
            show_problems(
                self,
                "Le catalogue précédent ne peut pas être lu : rien n'a changé.",
                [str(problem) for problem in error.problems],
            )
            return False
        except (StoreError, OSError) as error:
            self._failed("Le catalogue précédent n'a pas pu être remis.", error)
            return False
        self._use(catalogue, f"Catalogue précédent remis en usage : {catalogue_title(catalogue)}.")
        return True

    def _failed(self, title: str, error: Exception) -> None:
        why = sentence(error) if isinstance(error, OSError) else str(error)
        self.status.setText(f"{title} Le catalogue en usage n'a pas changé.")
        show_problems(self, self.status.text(), [why])

    def _use(self, catalogue: Catalogue, done: str) -> None:
        self.problem.setVisible(False)
        self.show_catalogue(catalogue)
        self.status.setText(done)
        if self.changed is not None:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                self.changed(catalogue)
            finally:
                QApplication.restoreOverrideCursor()
