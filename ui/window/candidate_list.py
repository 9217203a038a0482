"""The candidates of the data folder: a search box, filters and the SQL-backed table."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app import french, labels
from app.step_names import stage_choices
from app.store.listing import Listing
from ui.window.candidate_list_model import COLUMNS, CandidateListModel

ALL = ""
WIDEST_CHARACTERS = 17  # a long column (job title, next step) is held to this
LONG_COLUMNS = ("job_title", "next_step", "stage")
STAGE = "étape:"  # the Parcours filter's entries for one step of a path


def _path(chosen: str | None) -> str | None:
    return None if not chosen or chosen.startswith(STAGE) else chosen


def _stage(chosen: str | None) -> str | None:
    return chosen[len(STAGE) :] if chosen and chosen.startswith(STAGE) else None


class CandidateList(QWidget):
    candidate_chosen = Signal(int)  # the current line changed: the page shows that candidate
    candidate_opened = Signal(int)  # Entrée or a double click: the cursor goes into the page

    def __init__(self, listing: Listing, parent=None) -> None:
        super().__init__(parent)
        self._listing = listing
        self.model = CandidateListModel(listing, self)
        self.count = QLabel()
        self.model.total_changed.connect(self._show_count)
        self.search = QLineEdit()
        self.search.setPlaceholderText("nom, poste ou référence (Ctrl+F)")
        self.search.setToolTip(
            "Tapez une partie du nom, du poste ou de la référence, les mots dans n'importe "
            "quel ordre, avec ou sans accents"
        )
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        # Entrée or ↓ in the search box: into the list, on its first line (which opens it)
        self.search.returnPressed.connect(self.go_to_list)
        self.search.installEventFilter(self)
        self.path = QComboBox()
        self.path.addItem("Tous les parcours", ALL)
        self.path.addItem("CIP", "cip")
        self.path.addItem("CISP", "cisp")
        self.path.insertSeparator(self.path.count())
        for stage in stage_choices():  # a path at one step: « CIP, étape Recevabilité »
            path, _, step = stage.partition(" : ")
            self.path.addItem(f"{path}, étape {step[0].upper()}{step[1:]}", STAGE + stage)
        self.verdict = QComboBox()
        self.verdict.addItem("Tous les verdicts", ALL)
        for key, text in {**labels.CIP_VERDICT, **labels.CISP_VERDICT}.items():
            self.verdict.addItem(text, key)
        self.region = QComboBox()
        for combo in (self.path, self.verdict, self.region):
            combo.currentIndexChanged.connect(self._filter)
        self.reload_regions()

        self.table = QTableView()
        self.table.setAccessibleName("Liste des candidats")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)  # read only
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)  # alternate rows read well, and paint faster at each key
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        # a scroll bar that comes and goes with the number of lines found would resize
        # the view, and repaint it a second time, at a keystroke
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._chosen)
        self.table.activated.connect(self._opened)
        self.table.viewport().installEventFilter(self)

        filters = QFormLayout()
        filters.addRow("Rec&hercher :", self.search)
        filters.addRow("Parcour&s :", self.path)
        filters.addRow("&Verdict :", self.verdict)
        filters.addRow("Ré&gion :", self.region)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.count.setAccessibleName("Nombre de candidats trouvés")
        self._show_count()
        self.fit_columns()

    def fit_columns(self) -> None:
        """Columns as wide as the loaded lines and their titles need, the long texts (job
        title, next step) held to WIDEST_CHARACTERS so that every column shows in the panel; a cut
        text shows whole as the cell's tooltip, and in the candidate page."""
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        widest = WIDEST_CHARACTERS * self.table.fontMetrics().horizontalAdvance("n")
        for column, (key, title) in enumerate(COLUMNS):
            whole_title = header.fontMetrics().horizontalAdvance(f" {title} ▼ ")
            if key in LONG_COLUMNS and header.sectionSize(column) > widest:
                header.resizeSection(column, max(widest, whole_title))

    def reload_regions(self) -> None:
        current = self.region.currentData()
        self.region.blockSignals(True)
        self.region.clear()
        self.region.addItem("Toutes les régions", ALL)
        for region in self._listing.regions():
            self.region.addItem(region, region)
        index = self.region.findData(current)
        self.region.setCurrentIndex(max(index, 0))
        self.region.blockSignals(False)

    def reload(self) -> None:
        self.reload_regions()
        self.model.reload()
        self.fit_columns()

    def _filter(self) -> None:
        query = replace(
            self.model.query,
            text=self.search.text(),
            path=_path(self.path.currentData()),
            stage=_stage(self.path.currentData()),
            verdict=self.verdict.currentData() or None,
            region=self.region.currentData() or None,
        )
        self.model.set_query(query)

    def _show_count(self) -> None:
        total = self.model.total
        if total is None:
            loaded = french.number(self.model.rowCount(), 0)
            self.count.setText(f"Plus de {loaded} candidats (décompte en cours…)")
        else:
            word = french.plural(total, "candidat", "candidats")
            self.count.setText(f"{french.number(total, 0)} {word}")

    def go_to_list(self) -> None:
        self.table.setFocus()
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))

    def eventFilter(self, watched, event) -> bool:
        """↓ in the search box goes into the list; a cell's whole text as its tooltip, made
        only when asked (not at each search)."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Down:
                self.go_to_list()
                return True
            return False
        if watched is self.table.viewport() and event.type() == QEvent.Type.ToolTip:
            index = self.table.indexAt(event.pos())
            if index.isValid():
                text = self.model.full_text(index.row(), index.column())
                QToolTip.showText(event.globalPos(), text, self.table)
            else:
                QToolTip.hideText()
            return True
        return super().eventFilter(watched, event)

    def select_candidate(self, candidate_id: int | None) -> None:
        """Makes `candidate_id` the current line again (if loaded), without telling."""
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        try:
            for row in range(self.model.rowCount()):
                if self.model.line(row).id == candidate_id:
                    self.table.selectRow(row)
                    return
            self.table.clearSelection()
            self.table.setCurrentIndex(self.model.index(-1, -1))
        finally:
            selection.blockSignals(False)

    def _opened(self, index) -> None:
        if index.isValid():
            self.candidate_opened.emit(self.model.line(index.row()).id)

    def _chosen(self, current, _previous) -> None:
        if current.isValid():
            self.candidate_chosen.emit(self.model.line(current.row()).id)
