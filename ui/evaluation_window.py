"""The first window: open a dossier, pick the evaluation date, read each rule's verdict."""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import __version__, labels
from app.evaluation import Evaluation, evaluate
from app.exchange.catalogue import example_catalogue_file, read_catalogue
from app.exchange.dossier import read_dossier
from app.exchange.problems import ExchangeError
from app.rules import load_rules
from app.store.candidates import candidate_dossier
from app.store.database import Store
from app.store.structure import current_setup
from app.store.summaries import refresh_summaries
from ui import data_actions
from ui.candidate_page import CandidatePage
from ui.candidate_panel import CandidatePanel
from ui.dashboard_panel import DashboardPanel
from ui.data_actions import last_backup_text
from ui.window_menus import build_menus


def choose_dossier_file(parent: QWidget) -> Path | None:
    """Asks for a dossier file (tests replace this function)."""
    name, _ = QFileDialog.getOpenFileName(
        parent, "Ouvrir un dossier", str(Path.home()), "Dossiers Passerelle (*.json)"
    )
    return Path(name) if name else None


def choose_import_files(parent: QWidget) -> list[Path]:
    """Asks for dossier files to import (tests replace this function)."""
    names, _ = QFileDialog.getOpenFileNames(
        parent, "Importer des dossiers", str(Path.home()), "Dossiers Passerelle (*.json)"
    )
    return [Path(name) for name in names]


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Asks a yes/no question, « Non » by default (tests replace this function)."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def show_problems(parent: QWidget, title: str, lines: list[str]) -> None:
    """Tells the user what is wrong with a file (tests replace this function)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, title, QMessageBox.StandardButton.Ok, parent)
    box.setInformativeText("\n".join(lines))
    box.open()


_STATUS_MARK = {"met": "✔", "not_met": "✘", "pending": "…"}


class EvaluationWindow(QMainWindow):
    """The candidates of the data folder (when it could be opened) beside the evaluation
    of the one chosen, or of a dossier file opened."""

    def __init__(self, store: Store | None = None) -> None:
        super().__init__()
        self.store = store
        self.setWindowTitle("Passerelle")
        self.rules = load_rules()
        self.catalogue = read_catalogue(example_catalogue_file())
        self.dossier = None
        self.dossier_path: Path | None = None
        self.evaluation: Evaluation | None = None

        self.file_label = QLabel()
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        open_button = QPushButton("Ouvrir un dossier…")
        open_button.clicked.connect(self.open_dossier)
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.dateChanged.connect(self.refresh)
        date_label = QLabel("Date d'évaluation :")
        date_label.setBuddy(self.date_edit)

        top = QHBoxLayout()
        top.addWidget(open_button)
        top.addWidget(self.file_label, 1)
        top.addWidget(date_label)
        top.addWidget(self.date_edit)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail = QTextBrowser()
        self.detail.setPlaceholderText("Choisissez une règle pour lire son motif en entier.")
        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Règle", "Statut", "Motif"])
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(True)
        self.tree.currentItemChanged.connect(self._show_detail)

        self.sources = QLabel(self._sources_text())
        self.sources.setWordWrap(True)

        evaluation = QWidget()
        layout = QVBoxLayout(evaluation)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.detail)
        splitter.setSizes([420, 160])
        layout.addWidget(splitter, 1)
        layout.addWidget(self.sources)
        self.panel = None
        self.page = None
        self.dashboard = None
        self.backup_label = None
        self.views = None
        if store is not None:
            self.panel = CandidatePanel(store)
            self.panel.candidate_chosen.connect(self.show_candidate)
            self.dashboard = DashboardPanel(store, self.rules)
            self.dashboard.candidate_chosen.connect(self.show_candidate)
            self.dashboard.reload()
            self.page = CandidatePage(store, self.rules, self.catalogue)
            self.page.saved.connect(self._data_changed)
            self.page.deleted.connect(self._data_changed)
            self.views = QTabWidget()
            self.views.addTab(self.dashboard, "Tableau de bord")
            self.views.addTab(self.page, "Fiche candidat")
            self.views.addTab(evaluation, "Détail de l'évaluation")
            sides = QSplitter(Qt.Orientation.Horizontal)
            sides.addWidget(self.panel)
            sides.addWidget(self.views)
            sides.setSizes([760, 640])
            self.setCentralWidget(sides)
            self.backup_label = QLabel()
            self.statusBar().addPermanentWidget(self.backup_label)
            self.statusBar().addWidget(QLabel(f"Données : {store.data_dir}"))
            self.show_last_backup()
        else:
            self.setCentralWidget(evaluation)
        build_menus(self)
        self.resize(1400 if store is not None else 1100, 760)
        self.refresh()

    def _sources_text(self) -> str:
        catalogue = self.catalogue
        kind = " — catalogue d'EXEMPLE, fictif" if catalogue.example else ""
        return (
            f"Règles : {self.rules.title} (version {self.rules.version}). "
            f"Catalogue : {catalogue.name}, version {catalogue.version or 'non précisée'}{kind}."
        )

    def show_about(self) -> None:
        folder = f"\nDonnées : {self.store.data_dir}" if self.store is not None else ""
        QMessageBox.about(
            self,
            "À propos de Passerelle",
            f"Passerelle {__version__}\nRègles en vigueur : {self.rules.id}, "
            f"version {self.rules.version}{folder}",
        )

    def open_settings(self) -> None:
        from ui.setup_wizard import SettingsDialog

        dialog = SettingsDialog(self.store, self)
        dialog.accepted.connect(self.panel.reload)
        dialog.open()

    def show_last_backup(self) -> None:
        self.backup_label.setText(last_backup_text(self.store).capitalize())

    def current_candidate(self) -> tuple[str, str] | None:
        """(reference, SIRET) of the candidate shown, when it comes from the data folder."""
        if self.dossier is None or self.dossier_path is not None or self.store is None:
            return None
        return self.dossier.candidate.ref, self.dossier.structure.siret

    def export_candidate(self) -> None:
        chosen = self.current_candidate()
        if chosen is None:
            data_actions.tell(self, "Export", "Choisissez d'abord un candidat dans la liste.")
            return
        data_actions.export_candidate(self, self.store, *chosen)

    def back_up(self) -> None:
        data_actions.back_up_now(self, self.store)
        self.show_last_backup()

    def restore(self) -> None:
        if data_actions.restore_backup(self, self.store, confirm):
            refresh_summaries(self.store, self.rules, self.catalogue, date.today())
            self.dossier = None
            self.refresh()
            self.panel.reload()
            self.dashboard.reload()
        self.show_last_backup()

    def show_candidate(self, candidate_id: int) -> None:
        """Shows the evaluation of a candidate of the data folder."""
        if self.page.candidate_id != candidate_id and not self.page.may_leave():
            return
        with self.store.transaction() as session:
            self.dossier = candidate_dossier(session, candidate_id)
        self.dossier_path = None
        self.refresh()
        if self.page.candidate_id != candidate_id or not self.page.dirty:
            self.page.load_candidate(candidate_id)
        self.views.setCurrentWidget(self.page)

    def _data_changed(self, _candidate_id: int | None = None) -> None:
        self.panel.reload()
        self.dashboard.reload()

    def new_candidate(self) -> None:
        setup = current_setup(self.store)
        if setup is None:
            data_actions.tell(
                self,
                "Nouveau candidat",
                "Configurez d'abord votre structure (Outils › Paramètres).",
            )
            return
        if self.page.may_leave():
            self.page.new_candidate(setup.structure)
            self.views.setCurrentWidget(self.page)

    def open_path_tab(self, tab) -> None:
        if not self.page.isEnabled():
            data_actions.tell(
                self, "Parcours", "Choisissez d'abord un candidat dans la liste, ou créez-en un."
            )
            return
        self.views.setCurrentWidget(self.page)
        self.page.tabs.setCurrentWidget(tab)

    def import_dossiers(self) -> None:
        """Imports dossier files (Fichier › Importer des dossiers…)."""
        report = data_actions.import_files(
            self, self.store, choose_import_files(self), confirm, show_problems
        )
        if report is None:
            return
        refresh_summaries(self.store, self.rules, self.catalogue, date.today())
        self.panel.reload()
        self.dashboard.reload()
        self.statusBar().showMessage(
            f"Import : {len(report.created)} créé(s), {len(report.changed)} modifié(s), "
            f"{len(report.unchanged)} sans changement, {len(report.declined)} non appliqué(s)."
        )

    def closeEvent(self, event) -> None:
        if self.page is not None and not self.page.may_leave():
            event.ignore()
            return
        if self.store is not None:
            self.store.close()
            self.store = None
        super().closeEvent(event)

    def open_dossier(self) -> None:
        path = choose_dossier_file(self)
        if path is not None:
            self.load(path)

    def load(self, path: Path) -> bool:
        """Reads a dossier; a faulty file is refused with every problem listed."""
        try:
            dossier = read_dossier(path)
        except ExchangeError as error:
            show_problems(
                self,
                f"Le dossier {path.name} ne peut pas être lu.",
                [str(problem) for problem in error.problems],
            )
            return False
        self.dossier, self.dossier_path = dossier, path
        self.refresh()
        if self.views is not None:
            self.views.setCurrentIndex(2)
        return True

    def evaluation_date(self) -> date:
        return self.date_edit.date().toPython()

    def refresh(self) -> None:
        self.tree.clear()
        self.detail.clear()
        if self.dossier is None:
            self.file_label.setText("Aucun dossier ouvert.")
            self.summary.setText(
                "Ouvrez un dossier (format d'échange JSON) pour voir, règle par règle, "
                "l'éligibilité au titre CIP et l'avancement du parcours CISP."
            )
            self.evaluation = None
            return
        candidate = self.dossier.candidate
        self.file_label.setText(
            f"{candidate.first_name} {candidate.last_name} — {self.dossier.structure.name}"
        )
        self.evaluation = evaluate(self.dossier, self.evaluation_date(), self.rules, self.catalogue)
        parts = []
        if self.evaluation.cip is not None:
            cip = self.evaluation.cip
            verdict = labels.CIP_VERDICT[cip.verdict]
            self._add_path("CIP — VAE collective", verdict, cip.next_step, cip.checks)
            parts.append(f"<b>CIP : {verdict}.</b> Prochaine étape : {escape(cip.next_step)}")
        if self.evaluation.cisp is not None:
            cisp = self.evaluation.cisp
            verdict = labels.CISP_VERDICT[cisp.verdict]
            self._add_path("CISP — capitalisation", verdict, cisp.next_step, cisp.checks)
            parts.append(f"<b>CISP : {verdict}.</b> Prochaine étape : {escape(cisp.next_step)}")
        self.summary.setText("<br>".join(parts) or "Le candidat n'est engagé dans aucun parcours.")
        self.tree.expandAll()
        if self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))

    def _show_detail(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        if item is None:
            self.detail.clear()
            return
        self.detail.setHtml(
            f"<p><b>{escape(item.text(0))} — {escape(item.text(1))}</b></p>"
            f"<p>{escape(item.data(2, Qt.ItemDataRole.UserRole) or '')}</p>"
        )

    def _add_path(self, title: str, verdict: str, next_step: str, checks) -> None:
        root = QTreeWidgetItem([title, verdict, f"Prochaine étape : {next_step}"])
        root.setData(2, Qt.ItemDataRole.UserRole, f"Prochaine étape : {next_step}")
        font = root.font(0)
        font.setBold(True)
        for column in range(3):
            root.setFont(column, font)
        for check in checks:
            status = labels.STATUS[check.status]
            item = QTreeWidgetItem(
                [
                    f"{check.rule} · {labels.RULE.get(check.rule, '')}",
                    f"{_STATUS_MARK[check.status]} {status}",
                    check.reason,
                ]
            )
            item.setToolTip(2, check.reason)
            item.setData(2, Qt.ItemDataRole.UserRole, check.reason)
            root.addChild(item)
        self.tree.addTopLevelItem(root)
