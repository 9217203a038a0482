"""Starting the window: French translations, a clear message on a machine with no screen."""

from __future__ import annotations

import os
import sys

NO_DISPLAY_MESSAGE = (
    "Passerelle ne trouve pas d'écran sur cette machine (ni DISPLAY ni WAYLAND_DISPLAY).\n"
    "Pour l'utiliser sans écran, lancez-la hors écran :\n"
    "    QT_QPA_PLATFORM=offscreen passerelle\n"
    "ou utilisez les commandes, par exemple :\n"
    "    passerelle evaluate DOSSIER.json"
)


def display_available(environ: dict[str, str] | None = None, platform: str = sys.platform) -> bool:
    """Whether Qt can open a window: always on Windows and macOS; on Linux, when a display
    server is named or a platform plugin is chosen (offscreen, for instance)."""
    env = os.environ if environ is None else environ
    if not platform.startswith("linux"):
        return True
    return any(env.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def install_french(application) -> list:
    """Loads Qt's own French translation (Suivant, Annuler, Oui, Non) and a French locale."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    translators = []
    directory = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_fr", "qt_fr"):
        translator = QTranslator(application)
        if translator.load(name, directory):
            application.installTranslator(translator)
            translators.append(translator)
    return translators


def open_data(folder: str | None):
    """The data folder's store, or None after telling the user why it cannot be opened
    (the window then works on dossier files only)."""
    from datetime import date

    from PySide6.QtWidgets import QMessageBox

    from app.exchange.catalogue import example_catalogue_file, read_catalogue
    from app.rules import load_rules
    from app.store.database import open_store
    from app.store.errors import StoreError
    from app.store.paths import data_dir
    from app.store.summaries import refresh_summaries

    try:
        store = open_store(data_dir(folder))
    except StoreError as error:
        QMessageBox.warning(None, "Données indisponibles", str(error))
        return None
    refresh_summaries(store, load_rules(), read_catalogue(example_catalogue_file()), date.today())
    return store


def run(data_folder: str | None = None) -> int:
    if not display_available():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return 1
    from PySide6.QtWidgets import QApplication

    from ui.evaluation_window import EvaluationWindow

    application = QApplication.instance() or QApplication(sys.argv[:1])
    application.setApplicationName("Passerelle")
    application.setOrganizationName("COORACE")
    install_french(application)
    store = open_data(data_folder)
    window = EvaluationWindow(store)
    if store is not None and needs_setup(store):
        from ui.setup_wizard import SetupWizard

        wizard = SetupWizard(store)
        wizard.accepted.connect(window.show)
        wizard.rejected.connect(lambda: setup_abandoned(window))
        wizard.show()
    else:
        window.show()
    return application.exec()


def needs_setup(store) -> bool:
    from app.store.structure import current_setup

    return current_setup(store) is None


def setup_abandoned(window) -> None:
    """Nothing was saved; the wizard comes back at the next start."""
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.information(
        None,
        "Configuration interrompue",
        "Rien n'a été enregistré. Passerelle vous proposera de configurer votre structure "
        "au prochain démarrage.",
    )
    window.close()
