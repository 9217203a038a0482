"""A table that is one field of a page among others (the candidate page's periods, a
wizard's sessions, courses, financing lines): Tab goes from cell to cell
where something can be typed or ticked, then out of the table to the field after it
(Shift+Tab: back to the field before it), as from any other field. Qt's own table keeps
Tab inside once it has rows (the last cell goes round to the first), so a counsellor
using the keyboard could never reach the buttons under it.

What is typed in a cell is the cell's at every key (not only when the cell is left): the
live checks follow the typing, the page knows it was changed, and Ctrl+S or closing the
page never loses a value still being typed. Ctrl+Tab is left to the tabs around."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QLineEdit,
    QStyledItemDelegate,
    QTableWidget,
    QWidget,
)

Hint = QAbstractItemDelegate.EndEditHint


class LiveDelegate(QStyledItemDelegate):
    """The cell's editor hands each key's text to the cell at once."""

    def createEditor(self, parent, option, index):
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            editor.textEdited.connect(lambda _text, e=editor: self.commitData.emit(e))
        return editor


class PageTable(QTableWidget):
    """A table on a tabbed page: Ctrl+Tab (Ctrl+Shift+Tab) goes to the next (previous)
    tab of the page, as everywhere else, instead of the next cell."""

    def keyPressEvent(self, event) -> None:
        control_tab = event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        if control_tab and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            event.ignore()  # the next tab of the page, not the next cell
            return
        super().keyPressEvent(event)


class FormTable(PageTable):
    """Tab and Shift+Tab visit the cells one can type in or tick, row by row, and leave
    the table after the last one (before the first one); the arrows still go anywhere."""

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self.setItemDelegate(LiveDelegate(self))

    def typable(self, row: int, column: int) -> bool:
        item = self.item(row, column)
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return False
        if item.flags() & Qt.ItemFlag.ItemIsEditable:
            return True
        # every item may be checkable: only one that shows a box is ticked
        ticked = item.data(Qt.ItemDataRole.CheckStateRole) is not None
        return ticked and bool(item.flags() & Qt.ItemFlag.ItemIsUserCheckable)

    def neighbour(self, forward: bool, row: int, column: int) -> tuple[int, int] | None:
        """The next (or previous) typable cell after (row, column), or None past the end;
        (-1, -1) starts before the first cell."""
        columns = self.columnCount()
        cells = self.rowCount() * columns
        at = row * columns + column if row >= 0 else (-1 if forward else cells)
        step = 1 if forward else -1
        at += step
        while 0 <= at < cells:
            if self.typable(*divmod(at, columns)):
                return divmod(at, columns)
            at += step
        return None

    def focusInEvent(self, event) -> None:
        """Reached by Tab: the first cell to type in; by Shift+Tab: the last one."""
        reason = event.reason()
        if reason in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            cell = self.neighbour(reason == Qt.FocusReason.TabFocusReason, -1, -1)
            if cell is not None:
                self.setCurrentCell(*cell)
        super().focusInEvent(event)

    def focusNextPrevChild(self, forward: bool) -> bool:
        cell = self.neighbour(forward, self.currentRow(), self.currentColumn())
        if cell is None:
            return QWidget.focusNextPrevChild(self, forward)  # out of the table
        self.setCurrentCell(*cell)
        return True

    def closeEditor(self, editor: QWidget, hint: Hint) -> None:
        """Tab in a cell being typed: the next cell to type in, opened; after the last
        one, out of the table."""
        if hint not in (Hint.EditNextItem, Hint.EditPreviousItem):
            super().closeEditor(editor, hint)
            return
        forward = hint == Hint.EditNextItem
        cell = self.neighbour(forward, self.currentRow(), self.currentColumn())
        super().closeEditor(editor, Hint.NoHint)
        if cell is None:
            QWidget.focusNextPrevChild(self, forward)
            return
        self.setCurrentCell(*cell)
        item = self.item(*cell)
        if item.flags() & Qt.ItemFlag.ItemIsEditable:
            self.editItem(item)
