"""Starting the window: French translations, a clear message on a machine with no screen."""

from __future__ import annotations

import os
import sys

NO_DISPLAY_MESSAGE = (
    "Passerelle ne trouve pas d'écran sur cette machine (ni WAYLAND_DISPLAY, ni un serveur X "
    "qui réponde à DISPLAY).\n"
    "Pour l'utiliser sans écran, lancez-la hors écran :\n"
    "    QT_QPA_PLATFORM=offscreen passerelle\n"
    "ou utilisez les commandes, par exemple :\n"
    "    passerelle evaluate DOSSIER.json"
)


def x_server_answers(display: str) -> bool:
    """Whether the X server named by `display` accepts a connection (Qt aborts the
    process when it does not). True when libxcb cannot be found to ask."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("xcb")
    if name is None:
        return True
    try:
        xcb = ctypes.CDLL(name)
    except OSError:
        return True
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        return connection is not None and xcb.xcb_connection_has_error(connection) == 0
    finally:
        if connection is not None:
            xcb.xcb_disconnect(connection)


def display_available(environ: dict[str, str] | None = None, platform: str = sys.platform) -> bool:
    """Whether Qt can open a window: always on Windows and macOS; on Linux, when a platform
    plugin is chosen (offscreen, for instance), a Wayland display is named, or the X
    display named answers."""
    env = os.environ if environ is None else environ
    if not platform.startswith("linux"):
        return True
    if env.get("QT_QPA_PLATFORM") or env.get("WAYLAND_DISPLAY"):
        return True
    display = env.get("DISPLAY")
    return bool(display) and x_server_answers(display)


def set_icon(application) -> None:
    from PySide6.QtGui import QIcon

    from app.resources import resource

    application.setWindowIcon(QIcon(str(resource("icons", "passerelle.png"))))


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
    # the few strings qtbase_fr leaves in English (« Look in », « Files of type »)
    from app.resources import resource

    ours = QTranslator(application)
    if ours.load(str(resource("translations", "passerelle_qt_fr.qm"))):
        application.installTranslator(ours)
        translators.append(ours)
    return translators


def warn(title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(None, title, text)


def lock_data(folder: str | None):
    """The data folder locked and checked (no SQLAlchemy yet), or None after telling the
    user why it cannot be opened (the window then works on dossier files only). What is
    said is the window's wording of the error: never a command-line option."""
    from app.store import cipher
    from app.store.errors import StoreError
    from app.store.opening import lock_and_check
    from app.store.paths import DATABASE_NAME, data_dir
    from app.store.sqlite import database_failure

    folder_path = data_dir(folder)
    try:
        return lock_and_check(folder_path)
    except StoreError as error:
        warn("Données indisponibles", str(error))
    except cipher.SQLITE_ERRORS as error:
        warn("Données indisponibles", str(database_failure(error, folder_path / DATABASE_NAME)))
    return None


def finish(opening, rules=None, catalogue=None):
    """(the store, migrated and with every list line evaluated for today; how many lines
    were re-evaluated), or None after telling the user why not (SQLite's failures in
    French, never its English words). `rules` and `catalogue`: the window's, when it has
    loaded them already."""
    from sqlalchemy.exc import DBAPIError

    from app.store import cipher
    from app.store.database import finish_opening
    from app.store.errors import StoreError
    from app.store.sqlite import database_failure
    from app.store.summaries import refresh_for_today

    try:
        store = finish_opening(opening)
    except StoreError as error:
        warn("Données indisponibles", str(error))
        return None
    except (DBAPIError, *cipher.SQLITE_ERRORS) as error:  # the lock is let go already
        warn("Données indisponibles", str(database_failure(error, opening.path)))
        return None
    try:
        return store, refresh_for_today(store, rules, catalogue)
    except (DBAPIError, *cipher.SQLITE_ERRORS) as error:
        store.close(automatic_backup=False)
        warn("Données indisponibles", str(database_failure(error, opening.path)))
        return None


def open_data(folder: str | None = None, opening=None):
    """The data folder's store, ready, or None after telling the user why it cannot be
    opened (the window then works on dossier files only)."""
    opening = opening or lock_data(folder)
    finished = finish(opening) if opening is not None else None
    return finished[0] if finished else None


def _load_store_modules() -> None:
    """What `finish` needs, imported on a side thread while the list is on screen."""
    import app.evaluation
    import app.store.database
    import app.store.summaries  # noqa: F401


class StoreLoader:
    """Opens the store behind a window that already lists the candidates: SQLAlchemy is
    imported on a side thread (the window stays responsive), then the store is finished
    on Qt's thread and handed to the window."""

    POLL_MS = 20

    def __init__(self, window, opening, probe) -> None:
        import threading

        from PySide6.QtCore import QTimer

        self.window, self.opening, self.probe = window, opening, probe
        self.thread = threading.Thread(target=_load_store_modules, daemon=True)
        self.timer = QTimer(window)
        self.timer.setInterval(self.POLL_MS)
        self.timer.timeout.connect(self._poll)

    def start(self) -> None:
        self.thread.start()
        self.timer.start()

    def _poll(self) -> None:
        if self.thread.is_alive():
            return
        self.timer.stop()
        if self.window.listing is None:  # closed before the store was ready
            self.opening.release()
            return
        finished = finish(self.opening, self.window.rules, self.window.catalogue)
        if finished is None:
            self.window.statusBar().showMessage(
                "Données en lecture seule : la liste reste consultable, rien ne peut être "
                "modifié. Fermez et relancez Passerelle."
            )
            return
        store, refreshed = finished
        self.window.attach_store(store)
        if refreshed:  # lines re-evaluated for today
            self.window.candidate_list.reload()
        self.probe.mark("ready")


def run(data_folder: str | None = None) -> int:
    """Shows the window at once, empty, then fills it (`open_window`) from the event loop."""
    if not display_available():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return 1
    from app.offline import without_openssl
    from ui.support.pyside_check import keep_no_source

    # before anything else is imported: ≈ 4 MB and ≈ 20 MB less (see the two modules)
    without_openssl()
    keep_no_source()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.support.startup_probe import StartupProbe
    from ui.window.main_window import MainWindow

    application = QApplication.instance() or QApplication(sys.argv[:1])
    application.setApplicationName("Passerelle")
    application.setOrganizationName("COORACE")
    application.setDesktopFileName("passerelle")
    set_icon(application)
    install_french(application)
    probe = StartupProbe.from_environment(application)
    window = MainWindow(later=True)
    window.reopen = reopen_locked  # « Verrouiller » opens a new window like this one
    window.statusBar().showMessage("Ouverture de Passerelle…")
    window.show()
    probe.mark_soon("shown")
    QTimer.singleShot(0, lambda: open_window(window, data_folder, probe))
    return application.exec()


def open_window(window, data_folder: str | None, probe, locked: bool = False) -> None:
    """Fills the window: the candidate list first, read with SQLite alone, then the rest
    once SQLAlchemy is loaded (StoreLoader). On a first start, or with a schema to
    migrate, the store is opened before anything is listed."""
    from PySide6.QtCore import QTimer

    from app.store.listing import Listing

    window.statusBar().clearMessage()
    if not unlocked_or_asked(window, data_folder, locked):
        window.build()  # dossier files only: nothing of the protected data is read
        window.statusBar().showMessage(
            "Données protégées non ouvertes : relancez Passerelle pour taper le mot de passe."
        )
        probe.mark_soon("ready")
        return
    opening = lock_data(data_folder)
    if opening is None:  # dossier files only
        window.build()
        probe.mark_soon("ready")
        return
    listing = Listing.open(opening.path) if opening.up_to_date else None
    if listing is not None and listing.is_set_up():
        window.build(listing=listing)
        probe.mark_soon("listed")
        window.loader = StoreLoader(window, opening, probe)
        QTimer.singleShot(0, window.loader.start)  # once the list is on screen
        return
    if listing is not None:
        listing.close()
    store = open_data(opening=opening)
    if store is not None and needs_setup(store):
        from ui.dialogs.setup import SetupWizard

        wizard = SetupWizard(store)
        # the wizard's store: a new one when it protected the folder
        wizard.accepted.connect(lambda: window.build(wizard.store))
        wizard.rejected.connect(lambda: setup_abandoned(window, wizard.store))
        window.wizard = wizard
        wizard.show()
        return
    window.build(store)
    probe.mark_soon("listed")
    probe.mark_soon("ready")


class _NoProbe:
    """The start-up probe's place when reopening after a lock (nothing is measured)."""

    def mark_soon(self, _name: str) -> None:
        pass

    def mark(self, _name: str) -> None:
        pass


def reopen_locked(folder):
    """After « Verrouiller »: a new window, empty, that asks the passphrase as at start
    (ui/window/locking.py calls it through `window.reopen`)."""
    from PySide6.QtCore import QTimer

    from ui.window.main_window import MainWindow

    fresh = MainWindow(later=True)
    fresh.reopen = reopen_locked
    fresh.statusBar().showMessage("Passerelle est verrouillé.")
    fresh.show()
    QTimer.singleShot(0, lambda: open_window(fresh, str(folder), _NoProbe(), locked=True))
    return fresh


def unlocked_or_asked(window, data_folder: str | None, locked: bool = False) -> bool:
    """A protected data folder is unlocked first (its passphrase asked); True when the
    folder is not protected, or now unlocked."""
    from app.store.cipher import is_protected, unlocked
    from app.store.paths import data_dir
    from ui.dialogs import unlock

    folder = data_dir(data_folder)
    if not is_protected(folder) or unlocked(folder):
        return True
    if not locked and unlocked_from_file(folder):
        return True  # $PASSERELLE_DATA_PASSWORD_FILE, as for the commands
    return unlock.ask_unlock(folder, window, locked)


def unlocked_from_file(folder) -> bool:
    """Unlocks with the file $PASSERELLE_DATA_PASSWORD_FILE names, when it is set and
    opens the folder (else the passphrase is asked)."""
    from app.cli.passwords import DATA_PASSWORD_VARIABLE, PasswordFileError, read_data_password
    from app.store.cipher import unlock
    from app.store.keyfile import KeyFileError

    name = os.environ.get(DATA_PASSWORD_VARIABLE)
    if not name:
        return False
    try:
        passphrase = read_data_password(name)
        unlock(folder, passphrase or "")
    except (PasswordFileError, KeyFileError):
        return False
    return True


def needs_setup(store) -> bool:
    """Neither a structure nor COORACE's service has been set up in this data folder."""
    from app.store.structure import current_setup
    from app.store.workspace import current_coorace_setup

    return current_setup(store) is None and current_coorace_setup(store) is None


def setup_abandoned(window, store) -> None:
    """Nothing was saved; the wizard comes back at the next start."""
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.information(
        None,
        "Configuration interrompue",
        "Rien n'a été enregistré. Passerelle vous proposera de configurer votre structure "
        "au prochain démarrage.",
    )
    store.close(automatic_backup=False)
    window.close()
