"""« Régions »: the dossiers received by region and structure, and each region's ready
candidates against the group size, said in words beside the bar (never by colour alone)
with how long they have waited."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.consolidation.overview import RegionOverview
from app.french import number, plural
from app.siret import grouped_siret

POSSIBLE, WAITING = "groupe possible", "en attente"


def _title(text: str) -> QLabel:
    label = QLabel(f"<b>{text}</b>")
    label.setWordWrap(True)
    return label


def region_text(region: RegionOverview) -> str:
    """« Bretagne — 12 dossiers, 4 prêts »."""
    dossiers = f"{number(region.dossiers)} {plural(region.dossiers, 'dossier', 'dossiers')}"
    ready = f"{number(region.ready)} {plural(region.ready, 'prêt', 'prêts')}"
    return f"{region.region} — {dossiers}, {ready}"


def _cell(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


class RegionsView(QWidget):
    """The regions of the dossiers received; `show_regions` fills it."""

    TREE_COLUMNS = ("Région, structure", "SIRET", "Dossiers", "Prêts")
    READY_COLUMNS = ("Région", "Candidats prêts", "Groupe", "Attente")

    def __init__(self, min_group_size: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.min_group_size = min_group_size
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Dossiers reçus par région et structure")
        self.tree.setColumnCount(len(self.TREE_COLUMNS))
        self.tree.setHeaderLabels(list(self.TREE_COLUMNS))
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        self.ready = QTableWidget(0, len(self.READY_COLUMNS))
        self.ready.setAccessibleName("Candidats prêts par région")
        self.ready.setHorizontalHeaderLabels(list(self.READY_COLUMNS))
        self.ready.verticalHeader().hide()
        self.ready.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.ready.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.ready.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(
            "Aucun dossier reçu pour l'instant : importez les dossiers des structures."
        )
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(_title("Dossiers reçus par région et structure"))
        layout.addWidget(self.empty)
        layout.addWidget(self.tree, 2)
        layout.addWidget(
            _title(f"Candidats prêts par région (un groupe démarre à {number(min_group_size)})")
        )
        layout.addWidget(self.ready, 1)

    def show_regions(self, regions: list[RegionOverview]) -> None:
        """Shows these regions (in the order given) in the tree and the ready table."""
        self.empty.setVisible(not regions)
        self.tree.clear()
        for region in regions:
            top = QTreeWidgetItem(
                [region_text(region), "", number(region.dossiers), number(region.ready)]
            )
            for structure in region.structures:
                top.addChild(
                    QTreeWidgetItem(
                        [
                            structure.name,
                            grouped_siret(structure.siret),
                            number(structure.dossiers),
                            number(structure.ready),
                        ]
                    )
                )
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)
        for column in range(1, len(self.TREE_COLUMNS)):
            self.tree.resizeColumnToContents(column)
        self.ready.setRowCount(len(regions))
        for row, region in enumerate(regions):
            self.ready.setItem(row, 0, _cell(region.region))
            self.ready.setCellWidget(row, 1, self._bar(region))
            words = POSSIBLE if region.ready >= self.min_group_size else WAITING
            self.ready.setItem(row, 2, _cell(words))
            self.ready.setItem(row, 3, _cell(region.wait_text()))

    def _bar(self, region: RegionOverview) -> QProgressBar:
        size = self.min_group_size
        bar = QProgressBar()
        bar.setRange(0, size)
        bar.setValue(min(region.ready, size))
        bar.setFormat(f"{number(region.ready)} / {number(size)}")
        bar.setTextVisible(True)
        ready = plural(region.ready, "prêt", "prêts")
        bar.setAccessibleName(
            f"{region.region} : {number(region.ready)} {ready} sur {number(size)}"
        )
        return bar

    def bar(self, row: int) -> QProgressBar:
        """The progress bar of the ready table's `row`."""
        return self.ready.cellWidget(row, 1)
