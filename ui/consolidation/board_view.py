"""« Tableau de bord » of the chosen group: a member per row — their VAE steps from their
latest dossier, the CIP-VAE deadline (a warning said in words, not by colour alone), the
collective days against CIP-MOB, the financing against CIP-COST and CIP-FIN —, the
group counted above it, and the funder's summary (.xlsx, PDF) written from here."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.consolidation.board import LATE, SOON, BoardLine, group_board, summary_of
from app.consolidation.funding import write_funding
from app.consolidation.groups import find_group
from app.evaluation.checks import NOT_MET
from app.french import number, plural
from app.rules import Rules
from app.store.database import Store
from ui.consolidation import dialogs
from ui.consolidation.tables import fill, read_only_table
from ui.support.colours import ERROR, WARNING, status_colour
from ui.support.failures import failure, failure_types

COLUMNS = (
    "Membre",
    "Structure",
    "Recevabilité",
    "Accompagnement",
    "Jury",
    "Résultat",
    "Échéance VAE (CIP-VAE)",
    "Présence (CIP-MOB)",
    "Financement",
)
WARNING_WORDS = {LATE: "⚠ ", SOON: "⚠ "}  # the words that follow say which
STRUCTURE, DEADLINE, ATTENDANCE, FINANCING = 1, 6, 7, 8


class BoardView(QWidget):
    """The board of the group `show_group` was given, on the workspace's date `on`."""

    def __init__(self, store: Store, rules: Rules, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._rules = store, rules
        self.on = date.today()
        self.group_id: int | None = None
        self.group_name = ""
        self.lines: list[BoardLine] = []
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Le groupe en bref")
        self.table = read_only_table("Tableau de bord du groupe, un membre par ligne", COLUMNS)
        # a cell at a time: the arrows go along a member's line, the table scrolls with them
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(STRUCTURE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(STRUCTURE, header.fontMetrics().horizontalAdvance("M" * 14))
        self.xlsx_button = QPushButton("Synthèse financeur (&xlsx)…")
        self.xlsx_button.clicked.connect(lambda: self.write_funding("xlsx"))
        self.pdf_button = QPushButton("S&ynthèse financeur (PDF)…")
        self.pdf_button.clicked.connect(lambda: self.write_funding("pdf"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.xlsx_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.show_group(None)

    def show_group(self, group_id: int | None, name: str = "") -> None:
        """Reads the board of this group again (None: no group chosen)."""
        self.group_id, self.group_name = group_id, name
        self.lines = []
        if group_id is not None:
            with self._store.transaction() as session:
                self.lines = group_board(session, group_id, self.on, self._rules)
        on = self.on
        fill(
            self.table,
            [
                [
                    line.name
                    if line.present
                    else f"{line.name} (sorti le {line.left_on:%d/%m/%Y})",
                    line.structure,
                    line.admissibility_text(),
                    line.accompaniment_text(),
                    line.jury_text(),
                    line.result_text(),
                    WARNING_WORDS.get(line.warning or "", "") + line.deadline_text(on),
                    line.attendance_text(),
                    line.financing_text(),
                ]
                for line in self.lines
            ],
        )
        for row, line in enumerate(self.lines):
            for column in range(len(COLUMNS)):  # the whole text, when a column is narrow
                item = self.table.item(row, column)
                item.setToolTip(item.text())
            self._tone(row, line)
        if group_id is None:
            self.summary.setText("Choisissez un groupe.")
        else:
            self.summary.setText(f"Au {on:%d/%m/%Y} : {summary_of(self.lines).text()}")
        for button in (self.xlsx_button, self.pdf_button):
            button.setEnabled(any(line.present for line in self.lines))

    def _tone(self, row: int, line: BoardLine) -> None:
        """The reasons in tooltips; a problem also in colour (the words already say it)."""
        deadline = self.table.item(row, DEADLINE)
        deadline.setToolTip(f"{line.vae.rule} : {line.vae.reason}")
        if line.warning:
            deadline.setForeground(status_colour(ERROR if line.warning == LATE else WARNING))
        attendance = self.table.item(row, ATTENDANCE)
        attendance.setToolTip(f"{line.attendance.mobilisation.rule} : {line.attendance.text()}")
        if line.attendance.mobilisation.status == NOT_MET:
            attendance.setForeground(status_colour(ERROR))
        financing = self.table.item(row, FINANCING)
        financing.setToolTip(line.financing_reason())
        if NOT_MET in (line.cost.status, line.financing.status):
            financing.setForeground(status_colour(ERROR))

    def write_funding(self, kind: str) -> None:
        """Writes the funder's summary of the group, as .xlsx or PDF."""
        if self.group_id is None:
            return
        suggested = f"{self.group_name} - financeur.{kind}"
        title = "Synthèse pour le financeur"
        out = (
            dialogs.xlsx_file(self, title, suggested)
            if kind == "xlsx"
            else dialogs.pdf_file(self, title, suggested)
        )
        if out is None:
            return
        files = {"xlsx": out} if kind == "xlsx" else {"pdf": out}
        try:
            with self._store.transaction() as session:
                group = find_group(session, str(self.group_id))
                lines = write_funding(session, group, self._rules, self.on, **files)
        except failure_types() as error:
            dialogs.tell(self, "Synthèse non écrite", failure(error, self._store.path), True)
            return
        entered = sum(1 for line in lines if line.entered_vae)
        members = f"{number(len(lines))} {plural(len(lines), 'membre', 'membres')}"
        said = f"Synthèse écrite ({members}, {entered} en VAE) : {out}"
        dialogs.tell(self, title, said, pdf=out if kind == "pdf" else None)
