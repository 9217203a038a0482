"""« Groupes proposés »: the groups rule CIP-GRP proposes on a date, each with its French
reason; « Constituer ce groupe » records the chosen one; the regions whose candidates
wait are listed below."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.consolidation.groups import KIND_WORDS, default_name, record_group
from app.consolidation.proposal import Proposal, ProposedGroup, waiting_reason
from app.french import number, plural
from app.store.database import Store
from ui.consolidation import dialogs
from ui.consolidation.dialogs import GroupDialog
from ui.support.failures import failure, failure_types


def _title(text: str) -> QLabel:
    label = QLabel(f"<b>{text}</b>")
    label.setWordWrap(True)
    return label


def group_text(group: ProposedGroup) -> str:
    """« Groupe régional — Centre-Val de Loire : 8 candidats prêts (…) : groupe régional »."""
    return f"Groupe {KIND_WORDS[group.kind]} — {group.reason}"


class ProposalsView(QWidget):
    """The proposal of `show_proposal`; `date_changed` asks the workspace to read it again
    for the new date, `changed` says a group was recorded."""

    changed = Signal()
    date_changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._groups: tuple[ProposedGroup, ...] = ()
        self.dialog: GroupDialog | None = None
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.dateChanged.connect(self.date_changed)
        date_label = QLabel("A&u :")
        date_label.setBuddy(self.date_edit)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(date_label)
        top.addWidget(self.date_edit)
        top.addWidget(self.summary, 1)
        self.groups = QListWidget()
        self.groups.setAccessibleName("Groupes proposés, avec leur motif")
        self.groups.setWordWrap(True)
        self.groups.itemActivated.connect(lambda _item: self.constitute())
        self.groups.currentRowChanged.connect(self._enable)
        self.constitute_button = QPushButton("&Constituer ce groupe")
        self.constitute_button.clicked.connect(self.constitute)
        buttons = QHBoxLayout()
        buttons.addWidget(self.constitute_button)
        buttons.addStretch(1)
        self.waiting = QListWidget()
        self.waiting.setAccessibleName("Régions en attente")
        self.waiting.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(_title("Groupes proposés (règle CIP-GRP)"))
        layout.addWidget(self.groups, 2)
        layout.addLayout(buttons)
        layout.addWidget(_title("Régions en attente"))
        layout.addWidget(self.waiting, 1)
        self._enable()

    def on(self) -> date:
        """The date of the proposal."""
        return self.date_edit.date().toPython()

    def show_proposal(self, proposal: Proposal) -> None:
        """Shows the groups proposed and the regions waiting; the first group chosen."""
        self._groups = proposal.groups
        self.groups.clear()
        for group in proposal.groups:
            self.groups.addItem(QListWidgetItem(group_text(group)))
        if not proposal.groups:
            empty = QListWidgetItem("Aucun groupe possible à cette date.")
            empty.setFlags(empty.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            self.groups.addItem(empty)
        else:
            self.groups.setCurrentRow(0)
        self.waiting.clear()
        for count in proposal.waiting:
            self.waiting.addItem(waiting_reason(proposal, count))
        if not proposal.waiting:
            self.waiting.addItem("Aucune région en attente.")
        ready, placed = proposal.ready_total, proposal.placed
        self.summary.setText(
            f"{number(ready)} {plural(ready, 'candidat prêt', 'candidats prêts')}, "
            f"{number(placed)} dans les groupes proposés, {number(ready - placed)} en attente."
        )
        self._enable()

    def current_group(self) -> ProposedGroup | None:
        row = self.groups.currentRow()
        return self._groups[row] if 0 <= row < len(self._groups) else None

    def _enable(self, *_args) -> None:
        self.constitute_button.setEnabled(self.current_group() is not None)

    def constitute(self) -> None:
        """Asks the name and AFPA centre of the chosen group (the dialog is `dialog`)."""
        group = self.current_group()
        if group is None:
            return
        self.dialog = GroupDialog(group_text(group), default_name(group, self.on()), self)
        self.dialog.accepted.connect(lambda: self._record(group, self.dialog))
        self.dialog.open()

    def _record(self, group: ProposedGroup, dialog: GroupDialog) -> None:
        name, centre = dialog.chosen()
        on = self.on()
        try:
            with self._store.transaction() as session:
                row = record_group(session, group, self._store.user, on, name or None, centre)
                recorded = row.name
        except failure_types() as error:
            dialogs.tell(self, "Groupe non constitué", failure(error, self._store.path), True)
            return
        self.changed.emit()  # the workspace reads everything again, this summary too
        done = f"Groupe « {recorded} » constitué (statut « proposé »)."
        self.summary.setText(f"{done} {self.summary.text()}")
