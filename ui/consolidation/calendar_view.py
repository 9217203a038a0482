"""« Calendrier » of the chosen group: its half-days (date, matin / après-midi, nature,
place, who leads), a form to add a day — rule CIP-MOB checked live on the plan with the
day being typed —, a half-day typed by mistake taken off, and the day's attendance sheet
(blank before the day, filled after it) and the members' convocations written."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.consolidation.attendance import sheet_of
from app.consolidation.calendar import KINDS, add_half_days, half_days, remove_half_day
from app.consolidation.convocations import write_convocations
from app.consolidation.groups import find_group
from app.consolidation.mobilisation import HALF_DAY_WORDS, HALF_DAYS, check_mobilisation
from app.evaluation.checks import MET, NOT_MET
from app.export.attendance_sheet import attendance_sheet_pdf
from app.french import number, plural
from app.rules import Rules
from app.store.database import Store
from app.store.files import refuse_existing, write_private_bytes
from ui.consolidation import dialogs
from ui.consolidation.tables import fill, read_only_table
from ui.support.colours import ERROR, SUCCESS, status_css
from ui.support.failures import failure, failure_types
from ui.support.field_check import FieldCheck, day_problem, typed_day

COLUMNS = ("Date", "Demi-journée", "Nature", "Lieu", "Animé par")
LEADERS = ("COORACE", "AFPA", "COORACE et AFPA")


class CalendarView(QWidget):
    """The calendar of the group `show_group` was given; `changed` says it changed."""

    changed = Signal()

    def __init__(self, store: Store, rules: Rules, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._rules = store, rules
        self.group_id: int | None = None
        self.group_name = ""
        self.on = date.today()  # the workspace's date: convocations are for the days after
        self.slots: list[tuple[date, str, str]] = []  # (day, half, kind), in order
        self.table = read_only_table("Calendrier du groupe", COLUMNS)
        self.table.itemSelectionChanged.connect(self._enable)
        self.day = QLineEdit()
        self.day.setPlaceholderText("JJ/MM/AAAA")
        self.day.setMaxLength(10)
        self.day.setMaximumWidth(160)
        self.day.setAccessibleName("Jour à ajouter")
        self.day_check = FieldCheck(self.day, day_problem)
        self.day.returnPressed.connect(self.add)
        self.morning = QCheckBox("Matin")
        self.afternoon = QCheckBox("Après-midi")
        for box in (self.morning, self.afternoon):
            box.setChecked(True)
        halves = QHBoxLayout()
        halves.addWidget(self.morning)
        halves.addWidget(self.afternoon)
        halves.addStretch(1)
        self.kind = QComboBox()
        for key, words in KINDS.items():
            self.kind.addItem(words[0].upper() + words[1:], key)
        self.place = QLineEdit()
        self.place.setAccessibleName("Lieu")
        self.place.returnPressed.connect(self.add)
        self.led_by = QComboBox()
        self.led_by.setEditable(True)
        self.led_by.addItems(LEADERS)
        self.led_by.setAccessibleName("Qui anime (COORACE, AFPA…)")
        self.led_by.lineEdit().returnPressed.connect(self.add)
        self.add_button = QPushButton("A&jouter au calendrier")
        self.add_button.clicked.connect(self.add)
        self.mobilisation = QLabel()
        self.mobilisation.setWordWrap(True)
        self.mobilisation.setAccessibleName("Règle CIP-MOB pour ce calendrier")
        form = QFormLayout()
        form.addRow(self._buddy("Jou&r :", self.day), self.day)
        form.addRow("", self.day_check.label)
        form.addRow("Demi-journées :", halves)
        form.addRow(self._buddy("Na&ture :", self.kind), self.kind)
        form.addRow(self._buddy("Li&eu :", self.place), self.place)
        form.addRow(self._buddy("&Qui anime :", self.led_by), self.led_by)
        form.addRow("", self.add_button)
        adding = QGroupBox("Ajouter une journée")
        adding.setLayout(form)
        self.remove_button = QPushButton("Supprimer cette demi-journée")
        self.remove_button.clicked.connect(self.remove)
        self.blank_button = QPushButton("Feuille d'é&margement vierge…")
        self.blank_button.clicked.connect(lambda: self.write_sheet(False))
        self.filled_button = QPushButton("Feuille d'émargement rempl&ie…")
        self.filled_button.clicked.connect(lambda: self.write_sheet(True))
        self.convocations_button = QPushButton("&Convocations…")
        self.convocations_button.clicked.connect(self.write_convocations)
        buttons = QGridLayout()
        buttons.addWidget(self.blank_button, 0, 0)
        buttons.addWidget(self.filled_button, 0, 1)
        buttons.addWidget(self.convocations_button, 1, 0)
        buttons.addWidget(self.remove_button, 1, 1)
        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addLayout(buttons)
        right = QVBoxLayout()
        right.addWidget(adding)
        right.addWidget(self.mobilisation)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)
        for signal in (
            self.day.textChanged,
            self.morning.toggled,
            self.afternoon.toggled,
            self.kind.currentIndexChanged,
        ):
            signal.connect(self._check_plan)
        self._enable()

    def _buddy(self, text: str, field: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(field)
        return label

    # what is shown

    def show_group(self, group_id: int | None, name: str = "") -> None:
        """Reads the calendar of this group (None: no group chosen)."""
        self.group_id, self.group_name = group_id, name
        rows = []
        self.slots = []
        if group_id is not None:
            with self._store.transaction() as session:
                for slot in half_days(session, find_group(session, str(group_id))):
                    self.slots.append((slot.day, slot.half, slot.kind))
                    rows.append(
                        [
                            f"{slot.day:%d/%m/%Y}",
                            HALF_DAY_WORDS[slot.half],
                            KINDS[slot.kind],
                            slot.place or "",
                            slot.led_by or "",
                        ]
                    )
        fill(self.table, rows)
        self._check_plan()
        self._enable()

    def chosen_halves(self) -> tuple[str, ...]:
        return tuple(
            half
            for half, box in zip(HALF_DAYS, (self.morning, self.afternoon), strict=True)
            if box.isChecked()
        )

    def _typed_day(self) -> date | None:
        """The day typed, or None while it cannot be read."""
        return typed_day(self.day.text())

    def _check_plan(self) -> None:
        """CIP-MOB on the group's collective half-days with the day being typed."""
        planned = [(d, h) for d, h, kind in self.slots if kind == "collective"]
        day = self._typed_day()
        typed = self.kind.currentData() == "collective" and self.group_id is not None
        adding = [(day, h) for h in self.chosen_halves()] if typed and day else []
        new = [one for one in adding if one not in planned]
        check = check_mobilisation(planned + new, self._rules)
        if new:
            days = number(len(new) / 2)
            prefix = f"Avec ce jour ({days} {plural(len(new) / 2, 'jour', 'jours')} de plus) : "
        else:
            prefix = "Calendrier actuel : "
        tone = {MET: SUCCESS, NOT_MET: ERROR}.get(check.status)
        self.mobilisation.setStyleSheet(status_css(tone) if tone else "")
        self.mobilisation.setText(f"CIP-MOB — {prefix}{check.reason}")

    def current_slot(self) -> tuple[date, str, str] | None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else -1
        return self.slots[row] if 0 <= row < len(self.slots) else None

    def _enable(self) -> None:
        chosen = self.group_id is not None
        for widget in (self.add_button, self.convocations_button):
            widget.setEnabled(chosen)
        slot = self.current_slot()
        for widget in (self.remove_button, self.blank_button, self.filled_button):
            widget.setEnabled(slot is not None)

    # the actions

    def _act(self, title: str, action) -> bool:
        try:
            with self._store.transaction() as session:
                action(session, find_group(session, str(self.group_id)))
        except failure_types() as error:
            dialogs.tell(self, title, failure(error, self._store.path), problem=True)
            return False
        self.show_group(self.group_id, self.group_name)
        self.changed.emit()
        return True

    def add(self) -> None:
        """Adds the day typed; the cursor goes back to the day, for the next one."""
        if self.group_id is None:
            return
        halves = self.chosen_halves()
        if not halves:
            dialogs.tell(self, "Rien n'a été ajouté", "Cochez le matin, l'après-midi ou les deux.",
                         problem=True)  # fmt: skip
            self.morning.setFocus()
            return
        day, kind = self._typed_day(), self.kind.currentData()
        if day is None:
            if self.day_check.check():  # readable, so empty: say what to type, once the
                QTimer.singleShot(0, self._ask_day)  # field's own check (Entrée) is done
            self.day.setFocus()
            self.day.selectAll()
            return
        place, led_by = self.place.text(), self.led_by.currentText()
        user = self._store.user
        done = self._act(
            "Rien n'a été ajouté",
            lambda s, g: add_half_days(s, g, day, halves, user, kind, place, led_by),
        )
        if done:
            for row, (d, h, _k) in enumerate(self.slots):
                if d == day and h == halves[0]:
                    self.table.selectRow(row)
            self.day.setFocus()
            self.day.selectAll()  # the next day typed replaces this one

    def _ask_day(self) -> None:
        if not self.day.text().strip():
            self.day_check.label.setText("Tapez le jour à ajouter (JJ/MM/AAAA).")
            self.day_check.label.show()

    def remove(self) -> None:
        slot = self.current_slot()
        if slot is None:
            return
        day, half, _kind = slot
        user = self._store.user
        self._act("Rien n'a été supprimé", lambda s, g: remove_half_day(s, g, day, half, user))

    def write_sheet(self, filled: bool) -> None:
        """The attendance sheet of the chosen half-day's day, blank or filled."""
        slot = self.current_slot()
        if slot is None:
            return
        day = slot[0]
        kind = "remplie" if filled else "vierge"
        suggested = f"Emargement {day:%Y-%m-%d} {kind} - {self.group_name}.pdf"
        out = dialogs.pdf_file(self, "Feuille d'émargement", suggested)
        if out is None:
            return
        try:
            refuse_existing(out)
            with self._store.transaction() as session:
                sheet = sheet_of(session, find_group(session, str(self.group_id)), day, filled)
            write_private_bytes(out, attendance_sheet_pdf(sheet))
        except failure_types() as error:
            dialogs.tell(self, "Feuille non écrite", failure(error, self._store.path), True)
            return
        members = f"{number(len(sheet.members))} {plural(len(sheet.members), 'membre', 'membres')}"
        dialogs.tell(
            self,
            "Feuille d'émargement",
            f"Feuille du {day:%d/%m/%Y} ({kind}, {members}) écrite : {out}",
            pdf=out,
        )

    def write_convocations(self) -> None:
        if self.group_id is None:
            return
        folder = dialogs.folder(self, "Dossier des convocations")
        if folder is None:
            return
        try:
            written = write_convocations(self._store, str(self.group_id), folder, self.on)
        except failure_types() as error:
            dialogs.tell(self, "Convocations non écrites", failure(error, self._store.path), True)
            return
        count = len(written)
        without = sum(1 for one in written if not one.addressed)
        own = sum(1 for one in written if one.to_candidate)
        said = (
            f"{number(count)} {plural(count, 'convocation', 'convocations')} (PDF) et "
            f"{plural(count, 'son brouillon de courriel', 'leurs brouillons de courriel')} "
            f"écrits dans {folder}."
        )
        if own:
            said += (
                f" {number(own)} {plural(own, 'est adressée', 'sont adressées')} au candidat "
                "lui-même (sa structure n'a pas de courriel)."
            )
        if without:
            said += (
                f" {number(without)} sans adresse (ni la structure ni le candidat n'en ont) : "
                "la messagerie la demandera."
            )
        dialogs.tell(self, "Convocations", said)
