"""« Groupes constitués »: the groups recorded and the members of the chosen one; their
status moved one step, a member removed or moved (always with a reason), the list for
AFPA and the answers to the structures written. Each action is one transaction, and a
refusal is said in French with nothing written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.consolidation.afpa_list import afpa_rows, write_csv, write_xlsx
from app.consolidation.answers import write_answers
from app.consolidation.groups import (
    KIND_WORDS,
    STATUS_WORDS,
    STATUSES,
    GroupLine,
    find_group,
    move_member,
    remove_member,
    set_status,
)
from app.consolidation.overview import MemberLine, group_members
from app.domain import Catalogue
from app.french import number, plural
from app.rules import Rules
from app.store.database import Store
from ui.consolidation import dialogs
from ui.consolidation.attendance_view import AttendanceView
from ui.consolidation.board_view import BoardView
from ui.consolidation.calendar_view import CalendarView
from ui.consolidation.dialogs import ReasonDialog
from ui.consolidation.tables import fill, read_only_table
from ui.support.failures import failure, failure_types

GROUP_COLUMNS = ("Nom", "Type", "Régions", "Membres", "Statut", "Début", "Fin")
MEMBER_COLUMNS = ("Nom", "Référence", "Structure", "Région", "Entré le", "Sorti le", "Motif")


def _day(day: date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


class GroupsView(QWidget):
    """The groups of `show_groups`; `changed` says one of them was changed. `on` is the
    date the actions are recorded on (the workspace's)."""

    changed = Signal()

    def __init__(
        self, store: Store, rules: Rules, catalogue: Catalogue, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._store, self._rules, self._catalogue = store, rules, catalogue
        self.on = date.today()
        self.lines: list[GroupLine] = []
        self.members: list[MemberLine] = []
        self.dialog: ReasonDialog | None = None
        self.groups = read_only_table("Liste des groupes constitués", GROUP_COLUMNS)
        self.groups.itemSelectionChanged.connect(self._group_chosen)
        self.groups.activated.connect(lambda _index: self.enter_room())  # Entrée, double-click
        self.member_table = read_only_table("Membres du groupe choisi", MEMBER_COLUMNS)
        self.member_table.itemSelectionChanged.connect(self._enable)
        self.next_button = self._button("Statut s&uivant", lambda: self.step_status(1))
        self.back_button = self._button("Statut précé&dent", lambda: self.step_status(-1))
        self.remove_button = self._button("Re&tirer du groupe…", self.ask_remove)
        self.move_button = self._button("&Changer de groupe…", self.ask_move)
        self.afpa_button = self._button("&Liste pour l'AFPA…", self.write_afpa_list)
        self.answers_button = self._button("Répo&nses aux structures…", self.write_answers)
        buttons = QHBoxLayout()
        for button in (self.next_button, self.back_button, self.afpa_button, self.answers_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        member_buttons = QHBoxLayout()
        member_buttons.addWidget(self.remove_button)
        member_buttons.addWidget(self.move_button)
        member_buttons.addStretch(1)
        members = QWidget()
        members_layout = QVBoxLayout(members)
        members_layout.addWidget(self.member_table, 1)
        members_layout.addLayout(member_buttons)
        self.board = BoardView(store, rules)
        self.calendar = CalendarView(store, rules)
        self.calendar.changed.connect(self._calendar_changed)
        self.attendance = AttendanceView(store, rules)
        self.attendance.recorded.connect(self._attendance_recorded)
        self.detail = QTabWidget()
        self.detail.setAccessibleName("Le groupe choisi")
        self.detail.addTab(members, "Membres")
        self.detail.addTab(self.board, "Tableau de bord")
        self.detail.addTab(self.calendar, "Calendrier")
        self.detail.addTab(self.attendance, "Présences")
        self.detail.currentChanged.connect(self._room_shown)
        self.empty = QLabel(
            "Aucun groupe constitué : choisissez un groupe proposé et « Constituer ce groupe »."
        )
        self.help = QLabel(
            "Entrée sur un groupe : ses membres, son tableau de bord, son calendrier et ses "
            "présences, en dessous (Ctrl+Tab de l'un à l'autre)."
        )
        self.help.setWordWrap(True)
        self.empty.setWordWrap(True)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.empty)
        top_layout.addWidget(self.groups, 1)
        top_layout.addWidget(self.help)
        top_layout.addLayout(buttons)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self._enable()

    def _button(self, text: str, action: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(action)
        return button

    # what is shown

    def show_groups(self, lines: list[GroupLine]) -> None:
        """Shows these groups, the one chosen before still chosen (else the first)."""
        chosen = self.current_group()
        self.lines = lines
        self.empty.setVisible(not lines)
        ids = [line.id for line in lines]
        with QSignalBlocker(self.groups):
            fill(
                self.groups,
                [
                    [
                        line.name,
                        KIND_WORDS.get(line.kind, line.kind),
                        " + ".join(line.regions),
                        number(line.members),
                        STATUS_WORDS.get(line.status, line.status),
                        _day(line.starts_on),
                        _day(line.ends_on),
                    ]
                    for line in lines
                ],
            )
            if lines:
                self.groups.selectRow(ids.index(chosen.id) if chosen and chosen.id in ids else 0)
        self._group_chosen()

    def current_group(self) -> GroupLine | None:
        rows = self.groups.selectionModel().selectedRows()
        row = rows[0].row() if rows else -1
        return self.lines[row] if 0 <= row < len(self.lines) else None

    def current_member(self) -> MemberLine | None:
        rows = self.member_table.selectionModel().selectedRows()
        row = rows[0].row() if rows else -1
        return self.members[row] if 0 <= row < len(self.members) else None

    def _group_chosen(self) -> None:
        group = self.current_group()
        self.members = []
        if group is not None:
            with self._store.transaction() as session:
                self.members = group_members(session, group.id)
        group_id, name = (group.id, group.name) if group else (None, "")
        self.board.on = self.calendar.on = self.on
        self.board.show_group(group_id, name)
        self.calendar.show_group(group_id, name)
        self.attendance.show_group(group_id)
        fill(
            self.member_table,
            [
                [
                    m.name,
                    m.ref,
                    m.structure,
                    m.region,
                    _day(m.joined_on),
                    _day(m.left_on),
                    m.left_reason or "",
                ]
                for m in self.members
            ],
        )
        self._enable()

    def enter_room(self) -> None:
        """Entrée on a group: the cursor goes into the room of the group shown below."""
        self._room_shown(self.detail.currentIndex(), force=True)

    def _room_shown(self, _index: int, force: bool = False) -> None:
        """Ctrl+Tab to a room of the group: the cursor goes where one types in it (the
        members' or board's table, the calendar's day, the attendance's table)."""
        focused = QApplication.focusWidget()
        elsewhere = focused is not None and focused.isVisible()
        if not force and elsewhere and not self.detail.isAncestorOf(focused):
            return  # the cursor is elsewhere (a click on the tab from the search box)
        first = {
            self.board: self.board.table,
            self.calendar: self.calendar.day,
            self.attendance: self.attendance.table,
        }.get(self.detail.currentWidget(), self.member_table)
        first.setFocus(Qt.FocusReason.TabFocusReason)

    def _calendar_changed(self) -> None:
        """A day added or taken off: the attendance and the board follow, the calendar
        keeps its cursor (the workspace is not read again)."""
        group = self.current_group()
        if group is not None:
            self.attendance.show_group(group.id)
            self.board.show_group(group.id, group.name)

    def _attendance_recorded(self) -> None:
        group = self.current_group()
        if group is not None:
            self.board.show_group(group.id, group.name)

    def _enable(self) -> None:
        group = self.current_group()
        member = self.current_member()
        at = STATUSES.index(group.status) if group and group.status in STATUSES else -1
        self.next_button.setEnabled(group is not None and 0 <= at < len(STATUSES) - 1)
        self.back_button.setEnabled(group is not None and at > 0)
        present = member is not None and member.left_on is None
        self.remove_button.setEnabled(present)
        self.move_button.setEnabled(present and len(self.lines) > 1)
        self.afpa_button.setEnabled(group is not None and group.members > 0)
        self.answers_button.setEnabled(group is not None and bool(self.members))

    # the actions

    def _act(self, title: str, action: Callable[[Session], None]) -> bool:
        """Runs `action` in one transaction; a refusal is told, nothing written."""
        try:
            with self._store.transaction() as session:
                action(session)
        except failure_types() as error:
            dialogs.tell(self, title, failure(error, self._store.path), problem=True)
            return False
        self.changed.emit()
        return True

    def step_status(self, step: int) -> None:
        """The chosen group's next status (`step` 1) or the one before (-1)."""
        group = self.current_group()
        if group is None:
            return
        status = STATUSES[STATUSES.index(group.status) + step]
        user, on = self._store.user, self.on
        self._act(
            "Statut inchangé",
            lambda s: set_status(s, find_group(s, str(group.id)), status, user, on),
        )

    def ask_remove(self) -> None:
        """Asks why the chosen member leaves (the dialog is `dialog`), then removes them."""
        group, member = self.current_group(), self.current_member()
        if group is None or member is None:
            return
        self.dialog = ReasonDialog(
            "Retirer du groupe", f"{member.name} quitte le groupe « {group.name} ».", None, self
        )
        self.dialog.accepted.connect(lambda: self._remove(group, member, self.dialog))
        self.dialog.open()

    def _remove(self, group: GroupLine, member: MemberLine, dialog: ReasonDialog) -> None:
        reason, _target = dialog.chosen()
        user, on = self._store.user, self.on
        self._act(
            "Membre non retiré",
            lambda s: remove_member(
                s, find_group(s, str(group.id)), member.candidate_id, reason, user, on
            ),
        )

    def ask_move(self) -> None:
        """Asks the group the chosen member goes to and why, then moves them."""
        group, member = self.current_group(), self.current_member()
        if group is None or member is None:
            return
        targets = [line for line in self.lines if line.id != group.id and line.status != "finished"]
        if not targets:
            dialogs.tell(self, "Changer de groupe", "Aucun autre groupe ouvert.", problem=True)
            return
        who = f"{member.name} quitte le groupe « {group.name} » pour un autre."
        self.dialog = ReasonDialog("Changer de groupe", who, targets, self)
        self.dialog.accepted.connect(lambda: self._move(group, member, self.dialog))
        self.dialog.open()

    def _move(self, group: GroupLine, member: MemberLine, dialog: ReasonDialog) -> None:
        reason, target = dialog.chosen()
        user, on = self._store.user, self.on

        def move(session: Session) -> None:
            source = find_group(session, str(group.id))
            arrival = find_group(session, str(target))
            move_member(session, source, arrival, member.candidate_id, reason, user, on)

        self._act("Membre non déplacé", move)

    def write_afpa_list(self) -> None:
        """Writes the chosen group's list for AFPA (.xlsx, or .csv when so named)."""
        group = self.current_group()
        if group is None:
            return
        out = dialogs.afpa_file(self, f"{group.name} - AFPA.xlsx")
        if out is None:
            return
        try:
            with self._store.transaction() as session:
                rows = afpa_rows(
                    session,
                    find_group(session, str(group.id)),
                    self.on,
                    self._rules,
                    self._catalogue,
                )
                if out.suffix.lower() == ".csv":
                    count = write_csv(rows, out)
                else:
                    count = write_xlsx(rows, out, group.name)
        except failure_types() as error:
            dialogs.tell(self, "Liste non écrite", failure(error, self._store.path), True)
            return
        members = f"{number(count)} {plural(count, 'membre', 'membres')}"
        dialogs.tell(self, "Liste pour l'AFPA", f"Liste écrite ({members}) : {out}")

    def write_answers(self) -> None:
        """Writes each structure's answer and its e-mail draft in a chosen folder."""
        group = self.current_group()
        if group is None:
            return
        folder = dialogs.answers_folder(self)
        if folder is None:
            return
        try:
            written = write_answers(self._store, str(group.id), folder)
        except failure_types() as error:
            dialogs.tell(self, "Réponses non écrites", failure(error, self._store.path), True)
            return
        count = len(written)
        answers = f"{number(count)} {plural(count, 'réponse', 'réponses')}"
        drafts = (
            f"{number(count)} {plural(count, 'brouillon de courriel', 'brouillons de courriel')}"
        )
        dialogs.tell(
            self, "Réponses aux structures", f"{answers} et {drafts} écrits dans {folder}."
        )
