"""« Importer des dossiers reçus »: the import of files and folders of dossiers, file by
file (app/store/received.py, app/store/intake.py). A progress bar while the files are
read — « Annuler » stops it and nothing is written —, a question before changing a known
candidate (a structure's workspace only), then one line per file: what it did, in words
(never by colour alone), and the report to save as a CSV file.

The work runs in steps driven from the event loop (the progress callbacks let Qt draw and
hear « Annuler »): no thread."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import Catalogue
from app.french import number, plural
from app.rules import Rules
from app.siret import grouped_siret
from app.store.database import Store
from app.store.intake import FileOutcome, IntakeReport
from app.store.received import Received
from ui.support import file_dialogs

TITLE = "Importer des dossiers reçus"
HEADERS = ("Fichier", "Résultat", "Candidat", "Référence", "SIRET", "Détail")
CANCELLED = "Import annulé : rien n'a été écrit."
NOTHING_FOUND = "Aucun dossier (.json ou .pdf) dans ce qui a été donné : rien n'a été importé."
NO_PASSWORD = "PDF protégé par un mot de passe, qui n'a pas été donné : il n'a pas été lu"
REPORTS = "Rapports d'import (*.csv)"
EVERY = 50  # files read between two redraws


def choose_report_file(parent: QWidget, suggested: str) -> Path | None:
    """Where to save the report (tests replace this function)."""
    return file_dialogs.save_file(
        parent, "Enregistrer le rapport de l'import", suggested, REPORTS, ".csv"
    )


def consent_text(outcome: FileOutcome) -> str:
    return (
        f"{outcome.name} (réf. {outcome.ref}, SIRET {grouped_siret(outcome.siret)})\n\n"
        f"{outcome.detail}\n\nAppliquer ces modifications ?"
    )


class ImportDialog(QDialog):
    """Runs the import of `run(paths)` in `store`; `confirm(parent, title, text)` asks
    before changing a known candidate; `ask_password(path, wrong)` gives a protected PDF's
    password (None: not given, the file is refused)."""

    def __init__(
        self,
        store: Store,
        rules: Rules,
        catalogue: Catalogue,
        confirm: Callable[[QWidget, str, str], bool],
        parent: QWidget | None = None,
        ask_password: Callable[[Path, bool], str | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self.rules, self.catalogue = store, rules, catalogue
        self.confirm, self.ask_password = confirm, ask_password
        self.running = self.cancelled = False
        self.report: IntakeReport | None = None
        self.finished_at: datetime | None = None
        self.setWindowTitle(TITLE)
        self.setModal(True)
        self.status = QLabel("Lecture des fichiers…")
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Avancement de l'import")
        self.progress.setRange(0, 0)
        self.rate = QLabel("")
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setAccessibleName("Résultat de chaque fichier importé")
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for column in range(len(HEADERS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(HEADERS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.hide()
        self.saved = QLabel("")
        self.saved.setWordWrap(True)
        self.saved.hide()
        self.save_button = QPushButton("&Enregistrer le rapport…")
        self.save_button.setAccessibleName("Enregistrer le rapport de l'import")
        self.save_button.clicked.connect(self.save_report)
        self.save_button.hide()
        self.cancel_button = QPushButton("Annuler")
        self.cancel_button.setAccessibleName("Annuler l'import")
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button = QPushButton("Fermer")
        self.close_button.setAccessibleName("Fermer")
        self.close_button.clicked.connect(self.accept)
        self.close_button.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.rate)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.saved)
        layout.addLayout(buttons)
        self.resize(960, 300)

    # the import

    def run(self, paths: list[Path]) -> IntakeReport | None:
        """Finds, reads, asks, writes; the report, or None when cancelled or when there is
        nothing to import. ExchangeError (too many files) and the store's failures are
        raised, nothing written."""
        from app.store.intake import apply_intake, plan_intake
        from app.store.received import ImportCancelled, find_files, known_texts, read_received
        from app.store.workspace import is_coorace

        self.running, self.cancelled = True, False
        try:
            files, missing = find_files(paths)
            if not files and not missing:
                self._finish(NOTHING_FOUND)
                return None
            self.progress.setRange(0, max(len(files), 1))
            self.started = time.monotonic()
            known = known_texts(self.store.path)  # a file received before is not read again
            received = missing + list(read_received(files, progress=self._read, known=known))
            received = self._with_passwords(received)
            self._step("Comparaison avec les données…")
            plan = plan_intake(self.store, received, coorace := is_coorace(self.store))
            agreed = set() if coorace else self._ask(plan.needing_consent())
            if self.cancelled:
                raise ImportCancelled
            if any(item.problem is None for item in received):
                self._step("Enregistrement dans les données…")
                report = apply_intake(
                    self.store,
                    plan,
                    lambda outcome: id(outcome) in agreed,
                    self.rules,
                    self.catalogue,
                    progress=lambda _done, _total: self._redraw(),
                )
            else:  # nothing readable: nothing to write
                report = IntakeReport(plan.outcomes)
        except ImportCancelled:
            self._finish(CANCELLED)
            return None
        finally:
            self.running = False
        self.show_report(report)
        return report

    def _redraw(self) -> bool:
        QCoreApplication.processEvents()
        return not self.cancelled

    def _step(self, text: str) -> None:
        self.status.setText(text)
        QCoreApplication.processEvents()

    def _read(self, done: int, total: int) -> bool:
        if done == 1 or done % EVERY == 0 or done == total:
            self.progress.setValue(done)
            text = f"{number(done)} / {number(total)} {plural(total, 'fichier lu', 'fichiers lus')}"
            elapsed = time.monotonic() - self.started
            if elapsed > 0:
                text += f" — {number(round(done / elapsed))} par seconde"
            self.rate.setText(text)
            return self._redraw()
        return not self.cancelled

    def _with_passwords(self, received: list[Received]) -> list[Received]:
        """A protected PDF read again with its password (asked again when wrong); one
        whose password is not given stays refused, in the window's words."""
        from app.export.attachment import PasswordNeeded
        from app.store.received import read_received

        done = []
        for item in received:
            while isinstance(item.error, PasswordNeeded) and not self.cancelled:
                password = None
                if self.ask_password is not None:
                    password = self.ask_password(item.file, item.error.wrong)
                if password is None:
                    item = replace(item, problem=NO_PASSWORD)
                    break
                (item,) = read_received([item.file], password)
            done.append(item)
        return done

    def _ask(self, outcomes: list[FileOutcome]) -> set[int]:
        agreed = set()
        for outcome in outcomes:
            if self.cancelled:
                break
            if self.confirm(self, "Modifier un candidat connu ?", consent_text(outcome)):
                agreed.add(id(outcome))
        return agreed

    def cancel(self) -> None:
        """« Annuler »: the import stops at its next step, nothing written."""
        self.cancelled = True
        self.cancel_button.setEnabled(False)
        self.status.setText("Annulation…")

    def reject(self) -> None:
        if self.running:  # Échap or the window's close button during the import
            self.cancel()
        else:
            super().reject()

    # the result

    def _finish(self, text: str) -> None:
        self.status.setText(text)
        self.progress.hide()
        self.cancel_button.hide()
        self.close_button.show()
        self.close_button.setDefault(True)
        self.close_button.setFocus()

    def show_report(self, report: IntakeReport) -> None:
        self.report = report
        self.finished_at = datetime.now()
        self._finish(f"{report.summary()}.")
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(report.outcomes))
        for row, outcome in enumerate(report.outcomes):
            cells = (
                (outcome.file.name, str(outcome.file)),
                (outcome.words, outcome.words),
                (outcome.name, outcome.name),
                (outcome.ref, outcome.ref),
                (grouped_siret(outcome.siret) if outcome.siret else "", outcome.siret),
                (outcome.detail, outcome.detail),
            )
            for column, (text, tip) in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(tip)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, column, item)
        # sortable by a click on a column's header; shown at first in the files' order
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.resizeRowsToContents()
        self.table.show()
        self.save_button.show()
        self.resize(max(self.width(), 1100), max(self.height(), 520))

    def rows(self) -> list[list[str]]:
        """The table's cells as shown (the tests read them)."""
        return [
            [self.table.item(row, column).text() for column in range(self.table.columnCount())]
            for row in range(self.table.rowCount())
        ]

    def suggested_name(self) -> str:
        moment = self.finished_at or datetime.now()
        return f"rapport-import-{moment:%Y%m%d-%H%M}.csv"

    def save_report(self) -> Path | None:
        """« Enregistrer le rapport… »: the CSV of the lines shown (`;`, opens in Excel)."""
        from app.store.import_report import write_report
        from app.store.oserrors import sentence

        if self.report is None:
            return None
        out = choose_report_file(self, self.suggested_name())
        if out is None:
            return None
        try:
            write_report(self.report.outcomes, out)
        except OSError as error:
            self.saved.setText(f"Le rapport n'a pas été enregistré : {sentence(error, out)}.")
            self.saved.show()
            return None
        self.saved.setText(f"Rapport enregistré dans {out} (lisible par vous seul).")
        self.saved.show()
        return out
