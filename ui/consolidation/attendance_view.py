"""« Présences » of the chosen group: a member per row, a half-day of the calendar per
column, entered from the keyboard as a roll call — P présent, E absent excusé, A absent
(or Entrée for a list) —, the cursor then going down to the next member. Each entry is
recorded at once (one transaction: the audit log and the member's history); the last
second column says each member's days attended of days planned and rule CIP-MOB."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMenu,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.consolidation.attendance import (
    STATUSES,
    AttendanceGrid,
    attendance_grid,
    record_attendance,
)
from app.consolidation.calendar import KINDS
from app.consolidation.groups import find_group
from app.consolidation.mobilisation import HALF_DAY_WORDS
from app.evaluation.checks import NOT_MET
from app.rules import Rules
from app.store.database import Store
from ui.consolidation import dialogs
from ui.consolidation.tables import who
from ui.support.colours import ERROR, status_colour
from ui.support.failures import failure, failure_types
from ui.support.form_table import PageTable

KEYS = {Qt.Key.Key_P: "present", Qt.Key.Key_E: "excused", Qt.Key.Key_A: "absent"}
SHORT = {"present": "présent", "excused": "excusé", "absent": "absent"}
NOT_MEMBER = "—"
FIRST_SLOT = 0  # a half-day per column; the member, their structure and days: the row header
HELP = (
    "Dans une case : P présent, E absent excusé, A absent — ou Entrée pour choisir. "
    "Chaque présence est enregistrée aussitôt, et le curseur descend au membre suivant."
)


class AttendanceView(QWidget):
    """The attendance of the group `show_group` was given; `recorded` says one changed."""

    recorded = Signal()

    def __init__(self, store: Store, rules: Rules, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._rules = store, rules
        self.group_id: int | None = None
        self.grid: AttendanceGrid | None = None
        self.table = PageTable(0, 0)
        self.table.setAccessibleName(
            "Présences : un membre par ligne, une demi-journée par colonne"
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        rows = self.table.verticalHeader()  # three lines: who, their structure, their days
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.table.installEventFilter(self)
        self.table.cellDoubleClicked.connect(lambda row, column: self.choose(row, column))
        self.help = QLabel(HELP)
        self.help.setWordWrap(True)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.help)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)

    # what is shown

    def show_group(self, group_id: int | None) -> None:
        """Reads the group's attendance again; the cursor stays on its cell."""
        self.group_id = group_id
        at = (self.table.currentRow(), self.table.currentColumn())
        self.grid = None
        if group_id is not None:
            with self._store.transaction() as session:
                self.grid = attendance_grid(
                    session, find_group(session, str(group_id)), self._rules
                )
        grid = self.grid
        slots = grid.slots if grid else ()
        members = grid.members if grid else ()
        self.empty.setText(
            ""
            if slots or group_id is None
            else "Le calendrier du groupe est vide : ajoutez ses journées dans « Calendrier »."
        )
        self.empty.setVisible(bool(self.empty.text()))
        self.table.clear()
        self.table.setRowCount(len(members))
        self.table.setColumnCount(len(slots) + FIRST_SLOT)
        headers = [f"{s.day:%d/%m}\n{HALF_DAY_WORDS[s.half]}" for s in slots]
        self.table.setHorizontalHeaderLabels(headers)
        for column, slot in enumerate(slots, start=FIRST_SLOT):
            header = self.table.horizontalHeaderItem(column)
            header.setToolTip(
                f"{slot.day:%d/%m/%Y}, {HALF_DAY_WORDS[slot.half]} : {KINDS[slot.kind]}"
            )
        for row, member in enumerate(members):
            for column, slot in enumerate(slots, start=FIRST_SLOT):
                self.table.setItem(row, column, self._cell(member, slot))
            self._summary(row)
        if members and slots:
            row = min(max(at[0], 0), len(members) - 1)
            column = min(max(at[1], FIRST_SLOT), len(slots) + FIRST_SLOT - 1)
            self.table.setCurrentCell(row, column)

    def _item(self, text: str, selectable: bool = True) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        if not selectable:
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        return item

    def _cell(self, member, slot) -> QTableWidgetItem:
        grid = self.grid
        if not grid.was_member(member, slot):
            item = self._item(NOT_MEMBER, selectable=False)
            item.setToolTip("Pas membre du groupe ce jour-là")
            return item
        status = grid.recorded.get((member.candidate_id, slot.id))
        item = self._item(SHORT[status] if status else "")
        words = STATUSES[status] if status else "rien d'enregistré"
        item.setToolTip(f"{member.name}, {slot.day:%d/%m/%Y} {HALF_DAY_WORDS[slot.half]} : {words}")
        return item

    def _summary(self, row: int) -> None:
        """The row's header, in view however far the table scrolls: who, their structure,
        their days attended of days planned and CIP-MOB."""
        member = self.grid.members[row]
        days = self.grid.days[member.candidate_id]
        header = QTableWidgetItem(
            f"{who(member.name, member.left_on)}\n{member.structure}\n{days.short_text()}"
        )
        header.setToolTip(f"{member.name} (réf. {member.ref}), {member.structure}\n{days.text()}")
        if days.mobilisation.status == NOT_MET:
            header.setForeground(status_colour(ERROR))
        self.table.setVerticalHeaderItem(row, header)

    # entering

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            row, column = self.table.currentRow(), self.table.currentColumn()
            if key in KEYS and event.modifiers() in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.ShiftModifier,
            ):
                self.enter(row, column, KEYS[key])
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
                self.choose(row, column)
                return True
        return super().eventFilter(watched, event)

    def _slot_at(self, row: int, column: int):
        grid = self.grid
        if (
            grid is None
            or not (0 <= row < len(grid.members))
            or not (FIRST_SLOT <= column < len(grid.slots) + FIRST_SLOT)
        ):
            return None, None
        member, slot = grid.members[row], grid.slots[column - FIRST_SLOT]
        return (member, slot) if grid.was_member(member, slot) else (None, None)

    def choose(self, row: int, column: int) -> None:
        """A list of the three presences at the cell (Entrée, F2, double-click)."""
        if self._slot_at(row, column)[0] is None:
            return
        menu = QMenu(self.table)
        menu.setAccessibleName("Présence")
        member, slot = self._slot_at(row, column)
        now = self.grid.recorded.get((member.candidate_id, slot.id), "present")
        current = None
        for status, words in STATUSES.items():
            action = menu.addAction(words[0].upper() + words[1:])
            action.setData(status)
            if status == now:
                current = action
        rect = self.table.visualRect(self.table.model().index(row, column))
        # opened on what is recorded (présent at first), as a list box is: the arrows go on
        QTimer.singleShot(0, lambda: menu.setActiveAction(current))
        chosen = menu.exec(self.table.viewport().mapToGlobal(rect.topLeft()), current)
        if chosen is not None:
            self.enter(row, column, chosen.data())

    def enter(self, row: int, column: int, status: str) -> None:
        """Records `status` in the cell, then goes down to the next member."""
        member, slot = self._slot_at(row, column)
        if member is None:
            return
        user = self._store.user
        try:
            with self._store.transaction() as session:
                group = find_group(session, str(self.group_id))
                record_attendance(
                    session, group, member.candidate_id, slot.day, slot.half, status, user
                )
        except failure_types() as error:
            dialogs.tell(self, "Présence non enregistrée", failure(error, self._store.path), True)
            return
        self.show_group(self.group_id)
        below = next(
            (r for r in range(row + 1, len(self.grid.members))
             if self._slot_at(r, column)[0] is not None),
            row,
        )  # fmt: skip
        self.table.setCurrentCell(below, column)
        self.recorded.emit()
