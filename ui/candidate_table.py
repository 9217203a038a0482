"""The candidate list: a table model that asks SQL for its rows (filter, order and
paging are in the query), a page at a time as the view scrolls."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app import labels
from app.french import day_text
from app.store.candidates import (
    SORT_COLUMNS,
    CandidateLine,
    ListQuery,
    candidate_page,
    candidate_total,
)
from app.store.database import Store

COLUMNS: tuple[tuple[str, str], ...] = (
    ("name", "Nom"),
    ("job_title", "Poste"),
    ("paths", "Parcours"),
    ("cip_verdict", "Verdict CIP"),
    ("cisp_verdict", "Verdict CISP"),
    ("next_step", "Prochaine étape"),
    ("next_deadline", "Prochaine échéance"),
)
PAGE = 200
ID_ROLE = Qt.ItemDataRole.UserRole

Index = QModelIndex | QPersistentModelIndex


def cell_text(line: CandidateLine, column: str) -> str:
    if column == "name":
        return f"{line.last_name} {line.first_name}"
    if column == "cip_verdict":
        return labels.CIP_VERDICT.get(line.cip_verdict or "", "")
    if column == "cisp_verdict":
        return labels.CISP_VERDICT.get(line.cisp_verdict or "", "")
    if column == "next_deadline":
        return day_text(line.next_deadline) if line.next_deadline else ""
    return getattr(line, column) or ""


class CandidateTableModel(QAbstractTableModel):
    def __init__(self, store: Store, parent=None) -> None:
        super().__init__(parent)
        self._store = store
        self._query = ListQuery()
        self._lines: list[CandidateLine] = []
        self._total = 0
        self.reload()

    @property
    def query(self) -> ListQuery:
        return self._query

    @property
    def total(self) -> int:
        """How many candidates match, loaded or not."""
        return self._total

    def set_query(self, query: ListQuery) -> None:
        if query != self._query:
            self._query = query
            self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        with self._store.transaction() as session:
            self._total = candidate_total(session, self._query)
            self._lines = candidate_page(session, self._query, limit=PAGE)
        self.endResetModel()

    def line(self, row: int) -> CandidateLine:
        return self._lines[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        column = COLUMNS[index.column()][0]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return cell_text(line, column)
        if role == ID_ROLE:
            return line.id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return COLUMNS[section][1]
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._lines) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        with self._store.transaction() as session:
            more = candidate_page(session, self._query, limit=PAGE, offset=len(self._lines))
        if more:
            first = len(self._lines)
            self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
            self._lines.extend(more)
            self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        name = COLUMNS[column][0]
        if name in SORT_COLUMNS:
            descending = order == Qt.SortOrder.DescendingOrder
            self.set_query(replace(self._query, order=name, descending=descending))
