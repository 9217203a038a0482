"""The read-only tables of COORACE's workspace: a row chosen whole, one at a time, the
columns fitted to their contents."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from ui.support.form_table import PageTable


def read_only_table(name: str, columns: tuple[str, ...]) -> QTableWidget:
    table = PageTable(0, len(columns))
    table.setTabKeyNavigation(False)  # Tab leaves the table, the arrows move in it
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(list(columns))
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for row, values in enumerate(rows):
        for column, value in enumerate(values):
            table.setItem(row, column, QTableWidgetItem(value))


def who(name: str, left_on) -> str:
    """A member's name, with the day they left the group if they did."""
    return name if left_on is None else f"{name} (sorti le {left_on:%d/%m/%Y})"
