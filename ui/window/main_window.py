"""The main window: the candidates of the data folder beside the dashboard, the candidate
page and the evaluation of the one chosen (or of a dossier file opened).

This module loads only QMainWindow: at start the window is shown empty at once, then
`build` loads the rest of Qt and the list (see ui/window/start.py)."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow, QWidget

from app import __version__
from ui.support.questions import confirm  # tests replace it here
from ui.support.sizes import fit_to_screen
from ui.window.candidate_actions import CandidateActions

if TYPE_CHECKING:
    from app.domain import Catalogue
    from app.rules import Rules
    from app.store.database import Store
    from app.store.listing import Listing


def choose_dossier_file(parent: QWidget) -> Path | None:
    """Asks for a dossier file to read (tests replace this function)."""
    from ui.support import file_dialogs

    return file_dialogs.open_file(parent, "Ouvrir un dossier", file_dialogs.EXCHANGE)


def choose_import_files(parent: QWidget) -> list[Path]:
    """Asks for dossier files to import, JSON or PDF (tests replace this function)."""
    from ui.support import file_dialogs

    return file_dialogs.open_files(parent, "Importer des dossiers reçus", file_dialogs.DOSSIERS)


def choose_import_folder(parent: QWidget) -> Path | None:
    """Asks for a folder whose dossiers (.json, .pdf, at any depth) are all imported."""
    from ui.support import file_dialogs

    return file_dialogs.open_folder(parent, "Importer tout un dossier de dossiers reçus")


def show_problems(parent: QWidget, title: str, lines: list[str]) -> None:
    """Tells the user what is wrong with a file (tests replace this function)."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, title, title, QMessageBox.StandardButton.Ok, parent)
    box.setInformativeText("\n".join(lines))
    box.open()


class MainWindow(CandidateActions, QMainWindow):
    """Given a `store`, everything is built at once. Given a `listing` (see ui/window/start.py),
    the list is built at once and the rest (dashboard, candidate page, the actions that
    write) comes with `attach_store`, once SQLAlchemy is loaded. With `later=True`, only
    the empty window is made, for `build` to fill once it is on screen."""

    def __init__(
        self, store: Store | None = None, listing: Listing | None = None, later: bool = False
    ) -> None:
        super().__init__()
        self.setWindowTitle("Passerelle")
        fit_to_screen(self, 1400, 760)
        self.store: Store | None = None
        self.listing: Listing | None = None
        self.store_actions: list = []
        self.dossier = None
        self.dossier_path: Path | None = None
        self.evaluation_view = None
        self.candidate_list = None
        self.page = None
        self.dashboard = None
        self.coorace = False  # the data folder is COORACE's service's (attach_store)
        self.idle_lock = None  # a protected folder's automatic lock (ui/window/locking.py)
        self.reopen = None  # after a lock, how a new window opens (ui/window/start.py)
        self.backup_label = None
        self.views = None
        self.loader = None  # ui/window/start.py's StoreLoader, while the store opens
        self.path_wizard = None  # the CIP or CISP wizard open
        self.catalogue_problem: str | None = None  # the data folder's catalogue is damaged
        self.named_actions: dict = {}  # the menus' actions by name (ui/window/menus.py)
        self.setAcceptDrops(True)  # dossier files dropped on the window are imported
        if not later:
            self.build(store, listing)

    def build(self, store: Store | None = None, listing: Listing | None = None) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QLabel, QSplitter, QTabWidget

        from app.store.listing import Listing
        from ui.window.candidate_list import CandidateList
        from ui.window.evaluation_view import EvaluationView
        from ui.window.menus import build_menus

        if store is not None and listing is None:
            listing = Listing.open(store.path)
        self.listing = listing
        self.evaluation_view = EvaluationView(self.open_dossier)
        if listing is not None:
            self.candidate_list = CandidateList(listing)
            self.candidate_list.candidate_chosen.connect(self.show_candidate)
            self.candidate_list.candidate_opened.connect(self.open_candidate)
            self.views = QTabWidget()
            waiting = QLabel("Ouverture des données…")
            waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.views.addTab(waiting, "Tableau de bord")
            self.views.addTab(self.evaluation_view, "Détail de l'évaluation")
            sides = QSplitter(Qt.Orientation.Horizontal)
            sides.addWidget(self.candidate_list)
            sides.addWidget(self.views)
            sides.setSizes([780, 620])
            self.setCentralWidget(sides)
            self.backup_label = QLabel()
            self.statusBar().addPermanentWidget(self.backup_label)
            self.statusBar().addWidget(QLabel(f"Données : {listing.path.parent}"))
        else:
            self.setCentralWidget(self.evaluation_view)
            fit_to_screen(self, 1100, 760)
            self.evaluation_view.use(self.rules, self.catalogue)
        build_menus(self)
        if store is not None:
            self.attach_store(store)

    @property
    def evaluation(self):
        return self.evaluation_view.evaluation

    def evaluation_date(self):
        return self.evaluation_view.evaluation_date()

    @cached_property
    def rules(self) -> Rules:
        from app.rules import load_rules

        return load_rules()

    @property
    def data_folder(self) -> Path | None:
        """The data folder this window lists, if any."""
        if self.store is not None:
            return self.store.data_dir
        if self.listing is not None:
            return self.listing.path.parent
        return None

    @cached_property
    def catalogue(self) -> Catalogue:
        """The data folder's catalogue in use (the example with no data folder, or when
        the folder's is damaged: `catalogue_problem` then says why)."""
        from app.exchange.catalogue import example_catalogue_file, read_catalogue
        from app.store.catalogue_in_use import read_catalogue_in_use

        folder = self.data_folder
        if folder is None:
            return read_catalogue(example_catalogue_file())
        in_use = read_catalogue_in_use(folder)
        self.catalogue_problem = in_use.problem
        return in_use.catalogue

    def open_catalogue(self):
        """Outils › Catalogue des formations: shows it; with the data folder open, imports
        one or puts the previous one back."""
        from ui.dialogs.catalogue import CatalogueDialog

        dialog = CatalogueDialog(
            self.catalogue,
            self,
            folder=self.store.data_dir if self.store is not None else None,
            changed=self.use_catalogue,
            problem=self.catalogue_problem,
        )
        dialog.open()
        return dialog

    def use_catalogue(self, catalogue: Catalogue) -> None:
        """A catalogue was installed: the evaluation shown, the candidate page and every
        line of the list are evaluated with it from now on."""
        from app.store.catalogue_in_use import catalogue_title
        from app.store.summaries import refresh_for_today

        self.catalogue = catalogue
        self.catalogue_problem = None
        self.evaluation_view.use(self.rules, catalogue)
        if self.page is not None:
            self.page.use_catalogue(catalogue)
        if self.store is not None:
            refresh_for_today(self.store, self.rules, catalogue)
            self.candidate_list.reload()
            if self.coorace:
                self.dashboard.set_catalogue(catalogue)
            else:
                self.dashboard.reload()
        self.statusBar().showMessage(f"Catalogue en usage : {catalogue_title(catalogue)}.")

    def attach_store(self, store: Store) -> None:
        """The data folder is open: the dashboard, the candidate page and the actions
        that write come in."""
        from app.store.workspace import is_coorace
        from ui.candidate.page import CandidatePage

        self.store = store
        self.coorace = is_coorace(store)
        if self.coorace:  # COORACE's service: the dossiers of every structure, the groups
            from ui.consolidation.workspace import ConsolidationView

            self.dashboard = ConsolidationView(store, self.rules, self.catalogue)
            self.dashboard.changed.connect(self.candidate_list.reload)
            home = "Régions et groupes"
            self.setWindowTitle("Passerelle — service de certification de COORACE")
        else:
            from ui.window.dashboard import Dashboard

            self.dashboard = Dashboard(store, self.rules)
            self.dashboard.candidate_chosen.connect(self.show_candidate)
            home = "Tableau de bord"
        self.dashboard.reload()
        self.page = CandidatePage(store, self.rules, self.catalogue)
        self.page.saved.connect(self._page_saved)
        self.page.deleted.connect(self._candidate_deleted)
        waiting = self.views.widget(0)
        self.views.removeTab(0)
        waiting.deleteLater()
        self.views.insertTab(0, self.dashboard, home)
        self.views.insertTab(1, self.page, "Fiche candidat")
        self.views.setCurrentIndex(0)
        self.evaluation_view.use(self.rules, self.catalogue)
        for action in self.store_actions:
            action.setEnabled(True)
        from app.store.cipher import is_protected

        if is_protected(store.data_dir):  # locks itself after the idle minutes
            from ui.window.locking import IdleLock

            self.idle_lock = IdleLock(self)
        self.show_last_backup()
        if self.catalogue_problem:
            show_problems(
                self, "Le catalogue des formations ne peut pas être lu.", [self.catalogue_problem]
            )

    def open_protection(self) -> None:
        """Outils › Protection des données…: turn it on (the window then reopens the data
        encrypted), change the passphrase, the minutes before it locks itself."""
        from ui.dialogs.protection_dialog import ProtectionDialog
        from ui.window.locking import protect_window

        dialog = ProtectionDialog(self.store, self)
        if dialog.exec() and dialog.passphrase:
            protect_window(self, dialog.passphrase)
        elif self.idle_lock is not None:  # the minutes may have changed
            self.idle_lock.stop()
            from ui.window.locking import IdleLock

            self.idle_lock = IdleLock(self)

    def lock_now(self) -> None:
        """Outils › Verrouiller Passerelle (Ctrl+L)."""
        from ui.window.locking import lock_window

        lock_window(self)

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        folder = f"\nDonnées : {self.store.data_dir}" if self.store is not None else ""
        QMessageBox.about(
            self,
            "À propos de Passerelle",
            f"Passerelle {__version__}\nRègles en vigueur : {self.rules.id}, "
            f"version {self.rules.version}{folder}",
        )

    def open_settings(self) -> None:
        from ui.dialogs.setup import SettingsDialog

        dialog = SettingsDialog(self.store, self, on_protection=self.open_protection)
        dialog.accepted.connect(self._data_changed)
        dialog.open()

    def show_last_backup(self) -> None:
        from ui.window.data_actions import last_backup_text

        self.backup_label.setText(last_backup_text(self.store).capitalize())

    def export_candidate(self) -> None:
        from ui.window import data_actions

        chosen = self.current_candidate()
        if chosen is None:
            data_actions.tell(self, "Export", "Choisissez d'abord un candidat dans la liste.")
            return
        data_actions.export_candidate(self, self.store, *chosen)

    def back_up(self) -> None:
        from ui.window import data_actions

        data_actions.back_up_now(self, self.store)
        self.show_last_backup()

    def restore(self) -> None:
        from app.store.summaries import refresh_for_today
        from ui.window import data_actions

        if self.page is not None and not self.page.may_leave():
            return  # a page being typed is saved, or kept, before anything is replaced
        if data_actions.restore_backup(self, self.store):
            refresh_for_today(self.store, self.rules, self.catalogue)
            self.dossier = None
            self.evaluation_view.show_dossier(None)
            if self.page is not None:  # what it showed may be what was just undone
                self.page.clear()
                self.views.setCurrentWidget(self.dashboard)
            self.candidate_list.reload()
            self.dashboard.reload()
        self.show_last_backup()

    def open_guide(self) -> None:
        """Aide › Guide d'utilisation (F1)."""
        from ui.dialogs.guide import open_guide

        open_guide(self)

    def import_dossiers(self) -> None:
        """Fichier › Importer des dossiers reçus…: JSON or PDF files."""
        self.import_paths(choose_import_files(self))

    def import_folder(self) -> None:
        """Fichier › Importer tout un dossier de dossiers reçus…: everything it holds."""
        folder = choose_import_folder(self)
        if folder is not None:
            self.import_paths([folder])

    def import_paths(self, paths: list[Path]) -> None:
        """Imports dossier files and folders, chosen or dropped on the window, in « Importer
        des dossiers reçus » (ui/window/import_dialog.py): in a structure's workspace,
        every change to a known candidate is asked first; the list, the dashboard and the
        status bar follow."""
        from app.store.summaries import refresh_for_today
        from ui.window import data_actions

        if self.store is None or not paths:
            return
        report = data_actions.import_files(self, self.store, paths, confirm, show_problems)
        if report is None:
            return
        refresh_for_today(self.store, self.rules, self.catalogue)
        self.candidate_list.reload()
        self.dashboard.reload()
        self.statusBar().showMessage(f"Import terminé — {report.summary()}.")

    def closeEvent(self, event) -> None:
        if self.page is not None and not self.page.may_leave():
            event.ignore()
            return
        if self.idle_lock is not None:
            self.idle_lock.stop()
        if self.store is not None:
            self.store.close()
            self.store = None
        if self.listing is not None:
            self.candidate_list.model.close()
            self.listing.close()
            self.listing = None
        super().closeEvent(event)

    def dragEnterEvent(self, event) -> None:
        from ui.window.data_actions import dropped_dossiers

        if self.store is not None and dropped_dossiers(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        from ui.window.data_actions import dropped_dossiers

        paths = dropped_dossiers(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    def load_example(self, example) -> None:
        """Fichier › Ouvrir un exemple: the example, evaluated at its own date."""
        if self.load(example.path):
            self.evaluation_view.set_date(example.evaluated_on)

    def open_dossier(self) -> None:
        path = choose_dossier_file(self)
        if path is not None:
            self.load(path)

    def load(self, path: Path) -> bool:
        """Reads a dossier; a faulty file is refused with every problem listed."""
        from app.exchange.dossier import read_dossier
        from app.exchange.problems import ExchangeError

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
        self.evaluation_view.show_dossier(dossier)
        if self.views is not None:
            self.views.setCurrentWidget(self.evaluation_view)
        return True
