"""The window's menus and toolbar: Fichier, Parcours, Outils, Aide. Every action a
counsellor uses during an interview has its shortcut, shown in the menu: Ctrl+N new
candidate, Ctrl+S save the page, Ctrl+W close it, Ctrl+F search, Ctrl+P dossier PDF,
F1 the guide. Each action is kept by name in `window.named_actions` (tests trigger them)."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from app.examples import examples
from ui.dialogs.rules import RulesDialog


def _action(window, name: str, text: str, slot, shortcut: str | None = None) -> QAction:
    """`shortcut` as written in the menus (Ctrl is Cmd on a Mac): the platform's standard
    keys are not used, as some give Ctrl+F4 for « Fermer », others nothing for « Quitter »."""
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda _checked=False: slot())
    window.named_actions[name] = action
    return action


def build_menus(window) -> None:
    """The actions on the data folder wait, greyed, until the store is open
    (`window.store_actions`, enabled by `attach_store`)."""
    window.named_actions = {}
    file_menu = window.menuBar().addMenu("&Fichier")
    toolbar = window.addToolBar("Actions")
    toolbar.setObjectName("actions")
    has_data = window.listing is not None
    if has_data:
        new = _action(window, "new", "&Nouveau candidat", window.new_candidate, "Ctrl+N")
        save = _action(window, "save", "&Enregistrer la fiche", window.save_candidate, "Ctrl+S")
        close = _action(window, "close", "&Fermer la fiche", window.close_candidate, "Ctrl+W")
        find = _action(window, "find", "&Rechercher un candidat", window.find_candidate, "Ctrl+F")
        for action in (new, save, close, find):
            file_menu.addAction(action)
        file_menu.addSeparator()
        window.store_actions += [new, save, close]
    open_action = _action(window, "open", "&Ouvrir un dossier…", window.open_dossier, "Ctrl+O")
    file_menu.addAction(open_action)
    menu = file_menu.addMenu("Ouvrir un e&xemple")
    for example in examples():
        action = QAction(example.title, window)
        action.triggered.connect(lambda _=False, e=example: window.load_example(e))
        menu.addAction(action)
    if has_data:
        imported = _action(
            window, "import", "&Importer des dossiers reçus…", window.import_dossiers
        )
        file_menu.addAction(imported)
        folder = _action(
            window, "import_folder", "Importer to&ut un dossier de dossiers reçus…",
            window.import_folder,
        )  # fmt: skip
        file_menu.addAction(folder)
        file_menu.addSeparator()
        pdf = _action(window, "pdf", "Dossier &PDF…", window.export_pdf, "Ctrl+P")
        send = _action(window, "send", "En&voyer à COORACE…", window.send_dossier)
        exchange = _action(
            window, "export", "Exporter au format d'échan&ge…", window.export_candidate
        )
        for action in (pdf, send, exchange):
            file_menu.addAction(action)
        file_menu.addSeparator()
        backup = _action(window, "backup", "&Copie de sécurité des données", window.back_up)
        backup.setToolTip(
            "Copie tout le dossier de données dans le dossier des sauvegardes (ce n'est pas "
            "l'enregistrement de la fiche : pour cela, Ctrl+S)"
        )
        restore = _action(window, "restore", "Res&taurer une sauvegarde…", window.restore)
        file_menu.addAction(backup)
        file_menu.addAction(restore)
        window.store_actions += [imported, folder, pdf, send, exchange, backup, restore]
        for action in (new, save, imported, pdf):
            toolbar.addAction(action)
    toolbar.addAction(open_action)
    file_menu.addSeparator()
    file_menu.addAction(_action(window, "quit", "&Quitter", window.close, "Ctrl+Q"))
    if has_data:
        paths = window.menuBar().addMenu("&Parcours")
        cip = _action(window, "cip", "Éligibilité &CIP…", lambda: window.open_wizard("cip"))
        cisp = _action(window, "cisp", "Capitalisation C&ISP…", lambda: window.open_wizard("cisp"))
        paths.addAction(cip)
        paths.addAction(cisp)
        window.store_actions += [cip, cisp]
    tools = window.menuBar().addMenu("&Outils")
    tools.addAction(
        _action(window, "catalogue", "&Catalogue des formations…", window.open_catalogue)
    )
    tools.addAction(
        _action(
            window,
            "rules",
            "&Règles en vigueur…",
            lambda: RulesDialog(window.rules, window).open(),
        )
    )
    if has_data:
        settings = _action(window, "settings", "&Paramètres…", window.open_settings)
        tools.addAction(settings)
        locked = _action(window, "lock", "&Verrouiller Passerelle", window.lock_now, "Ctrl+L")
        locked.setToolTip(
            "Ferme les données protégées et les cache jusqu'à ce que le mot de passe soit tapé"
        )
        tools.addAction(locked)
        protection = _action(
            window, "protection", "Protection des &données…", window.open_protection
        )
        tools.addAction(protection)
        window.store_actions += [settings, locked, protection]
    for action in window.store_actions:
        action.setEnabled(window.store is not None)
    help_menu = window.menuBar().addMenu("&Aide")
    help_menu.addAction(_action(window, "guide", "&Guide d'utilisation", window.open_guide, "F1"))
    help_menu.addAction(_action(window, "about", "À &propos de Passerelle", window.show_about))
