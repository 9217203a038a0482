"""The candidate list: a table model that asks SQL for its rows (filter, order and
paging are in the query), a page at a time as the view scrolls.

A keystroke in the search box costs one page query: when the page is not full, its length
is the count; when it is, the count is made on a side thread (its own connection, the
previous count interrupted) and `total_changed` tells when it is known."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QStandardItem, QStandardItemModel

from app import labels
from app.french import day_text
from app.store import cipher
from app.store.listing import SORT_COLUMNS, CandidateLine, Listing, ListQuery

COLUMNS: tuple[tuple[str, str], ...] = (
    ("name", "Nom"),
    ("job_title", "Poste"),
    ("paths", "Parcours"),
    ("cip_verdict", "Verdict CIP"),
    ("cisp_verdict", "Verdict CISP"),
    ("next_step", "Prochaine étape"),
    ("next_deadline", "Échéance"),
    ("stage", "Étape"),  # last: the columns before it keep their place
    ("documents", "Pièces"),
)
PAGE = 50

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


def _cells(line: CandidateLine) -> tuple[str, ...]:
    return tuple(cell_text(line, column) for column, _title in COLUMNS)


class BackgroundCount(QObject):
    """Counts the candidates matching a query on a side thread; only the newest query
    matters, an older count still running is interrupted."""

    # the request's number, its count (plain ints: Python objects sent across threads
    # in a signal crash PySide6 6.12 at exit)
    counted = Signal(int, int)

    def __init__(self, path: Path, parent=None) -> None:
        super().__init__(parent)
        self._path = path
        self._wanted: tuple[int, ListQuery] | None = None
        self._requests = 0
        self._closing = False
        self._ready = threading.Condition()
        self._listing: Listing | None = None
        self._thread: threading.Thread | None = None

    def request(self, query: ListQuery) -> int:
        """Asks for a count; returns the request's number, given back with the count."""
        with self._ready:
            self._requests += 1
            number = self._requests
            self._wanted = (number, query)
            self._ready.notify()
            if self._listing is not None:
                self._listing.interrupt()
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="compte-liste", daemon=True)
            self._thread.start()
        return number

    def close(self) -> None:
        with self._ready:
            self._closing = True
            self._ready.notify()
            if self._listing is not None:
                self._listing.interrupt()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _run(self) -> None:
        listing = Listing.open(self._path)
        with self._ready:
            self._listing = listing
        try:
            while True:
                with self._ready:
                    while self._wanted is None and not self._closing:
                        self._ready.wait()
                    if self._closing:
                        return
                    wanted, self._wanted = self._wanted, None
                try:
                    total = listing.total(wanted[1])
                except cipher.OPERATIONAL_ERRORS:  # interrupted by a newer query
                    with self._ready:
                        if self._wanted is None:
                            self._wanted = wanted
                    continue
                self.counted.emit(wanted[0], total)
        finally:
            with self._ready:
                self._listing = None
            listing.close()


class CandidateListModel(QStandardItemModel):
    """The lines are asked of SQL a page at a time; their cells are kept by Qt (a
    QStandardItemModel), so that painting the view calls no Python: Qt asks seven roles
    of every visible cell at each repaint, and a Python `data()` made a keystroke cost
    several milliseconds more. Sorting and paging stay in the query (`sort`, `fetchMore`)."""

    total_changed = Signal()

    def __init__(self, listing: Listing, parent=None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels([title for _key, title in COLUMNS])
        self._listing = listing
        self._query = ListQuery()
        self._lines: list[CandidateLine] = []
        self._total: int | None = 0
        self._more = False
        self._counting = 0  # the number of the count awaited
        self._counter = BackgroundCount(listing.path, self)
        self._counter.counted.connect(self._counted)
        self.reload()

    @property
    def query(self) -> ListQuery:
        return self._query

    @property
    def total(self) -> int | None:
        """How many candidates match, loaded or not (None while being counted)."""
        return self._total

    def set_query(self, query: ListQuery) -> None:
        if query != self._query:
            self._query = query
            self.reload()

    def _append(self, lines: list[CandidateLine]) -> None:
        root = self.invisibleRootItem()
        for line in lines:
            root.appendRow([QStandardItem(text) for text in _cells(line)])
        self._lines.extend(lines)

    def reload(self) -> None:
        lines = self._listing.page(self._query, limit=PAGE)
        self.beginResetModel()
        self.blockSignals(True)  # one reset for the view, not a signal per line
        self.setRowCount(0)
        self._lines = []
        self._append(lines)
        self.blockSignals(False)
        self._more = len(lines) == PAGE
        self._total = None if self._more else len(lines)
        self.endResetModel()
        self._counting = self._counter.request(self._query) if self._more else 0
        self.total_changed.emit()

    def _counted(self, number: int, total: int) -> None:
        if number == self._counting and self._total is None:
            self._total = total
            self._more = len(self._lines) < total
            self.total_changed.emit()

    def close(self) -> None:
        """Stops the side thread (the window is closing)."""
        self._counter.close()

    def line(self, row: int) -> CandidateLine:
        return self._lines[row]

    def full_text(self, row: int, column: int) -> str:
        """A cell's whole text (the view may show it cut), for its tooltip."""
        return cell_text(self._lines[row], COLUMNS[column][0])

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        more = self._listing.page(self._query, limit=PAGE, offset=len(self._lines))
        self._more = len(more) == PAGE
        self._append(more)
        if not self._more and self._total is None:
            self._total = len(self._lines)
            self.total_changed.emit()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        name = COLUMNS[column][0]
        if name in SORT_COLUMNS:
            descending = order == Qt.SortOrder.DescendingOrder
            self.set_query(replace(self._query, order=name, descending=descending))
