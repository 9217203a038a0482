"""The window's menus and toolbar: Fichier, Parcours, Outils, Aide."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from app.resources import resource
from ui.dialogs.rules import RulesDialog


def build_menus(window) -> None:
    """The actions on the data folder wait, greyed, until the store is open
    (`window.store_actions`, enabled by `attach_store`)."""
    file_menu = window.menuBar().addMenu("&Fichier")
    open_action = QAction("&Ouvrir un dossier…", window)
    open_action.setShortcut(QKeySequence.StandardKey.Open)
    open_action.triggered.connect(window.open_dossier)
    file_menu.addAction(open_action)
    toolbar = window.addToolBar("Actions")
    toolbar.setObjectName("actions")
    toolbar.addAction(open_action)
    has_data = window.listing is not None
    if has_data:
        new_action = QAction("&Nouveau candidat", window)
        new_action.setShortcut(QKeySequence.StandardKey.New)
        new_action.triggered.connect(window.new_candidate)
        file_menu.insertAction(open_action, new_action)
        toolbar.insertAction(open_action, new_action)
        import_action = QAction("&Importer des dossiers…", window)
        import_action.triggered.connect(window.import_dossiers)
        file_menu.addAction(import_action)
        export_action = QAction("E&xporter le dossier du candidat…", window)
        export_action.triggered.connect(window.export_candidate)
        file_menu.addAction(export_action)
        file_menu.addSeparator()
        backup_action = QAction("&Sauvegarder maintenant", window)
        backup_action.setShortcut(QKeySequence.StandardKey.Save)
        backup_action.triggered.connect(window.back_up)
        file_menu.addAction(backup_action)
        restore_action = QAction("&Restaurer une sauvegarde…", window)
        restore_action.triggered.connect(window.restore)
        file_menu.addAction(restore_action)
        for action in (import_action, backup_action):
            toolbar.addAction(action)
        window.store_actions += [
            new_action,
            import_action,
            export_action,
            backup_action,
            restore_action,
        ]
    examples = file_menu.addMenu("Ouvrir un &exemple")
    for path in sorted(resource("examples").glob("*.json")):
        action = QAction(path.stem.replace("-", " "), window)
        action.triggered.connect(lambda _=False, p=path: window.load(p))
        examples.addAction(action)
    file_menu.addSeparator()
    quit_action = QAction("&Quitter", window)
    quit_action.setShortcut(QKeySequence.StandardKey.Quit)
    quit_action.triggered.connect(window.close)
    file_menu.addAction(quit_action)
    if has_data:
        paths = window.menuBar().addMenu("&Parcours")
        cip = QAction("Éligibilité &CIP…", window)
        cip.triggered.connect(lambda: window.open_wizard("cip"))
        cisp = QAction("Capitalisation C&ISP…", window)
        cisp.triggered.connect(lambda: window.open_wizard("cisp"))
        paths.addAction(cip)
        paths.addAction(cisp)
        window.store_actions += [cip, cisp]
    tools = window.menuBar().addMenu("&Outils")
    rules = QAction("&Règles en vigueur…", window)
    rules.triggered.connect(lambda: RulesDialog(window.rules, window).open())
    tools.addAction(rules)
    catalogue = QAction("&Catalogue des formations…", window)
    catalogue.triggered.connect(window.open_catalogue)
    tools.insertAction(rules, catalogue)
    if has_data:
        settings = QAction("&Paramètres…", window)
        settings.triggered.connect(window.open_settings)
        tools.addAction(settings)
        window.store_actions.append(settings)
    for action in window.store_actions:
        action.setEnabled(window.store is not None)
    help_menu = window.menuBar().addMenu("&Aide")
    about = QAction("À &propos de Passerelle", window)
    about.triggered.connect(window.show_about)
    help_menu.addAction(about)
