"""« Verrouiller » (Ctrl+L) and the automatic lock after the minutes without activity of
the settings: the database is closed, the data key forgotten, the window shows nothing of
the data until the passphrase is typed again (a new window, opened as at start). An open
wizard keeps its draft; a candidate page with unsaved changes is saved first (when it
cannot be, the lock waits and says why — nothing typed is lost)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from app.store.cipher import is_protected, lock
from app.store.protection import idle_minutes

# what counts as activity: a key, a click, the mouse moving over the window
ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
}


class IdleLock(QObject):
    """Locks `window` after its data folder's idle minutes without a key or a click."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._idle)
        minutes = idle_minutes(window.store)
        self.timer.setInterval(minutes * 60_000)
        if minutes > 0:
            QApplication.instance().installEventFilter(self)
            self.timer.start()

    def eventFilter(self, watched, event) -> bool:
        if event.type() in ACTIVITY and self.timer.isActive():
            self.timer.start()  # again from now
        return False

    def _idle(self) -> None:
        if not lock_window(self.window, asked=False):
            self.timer.start()  # the page could not be saved: try again later

    def stop(self) -> None:
        self.timer.stop()
        QApplication.instance().removeEventFilter(self)


def lock_window(window, asked: bool = True) -> bool:
    """Locks the window's protected data folder; True when it did. `asked`: the person
    chose to lock (a page with unsaved changes asks then, as when closing it)."""
    store = window.store
    if store is None or not is_protected(store.data_dir):
        if asked:
            window.statusBar().showMessage(
                "Verrouiller : ces données ne sont pas protégées par un mot de passe "
                "(Outils › Paramètres)."
            )
        return False
    page = window.page
    if page is not None and page.dirty:
        if asked and not page.may_leave():
            return False
        if not asked and not page.save():
            window.statusBar().showMessage(
                "Verrouillage automatique différé : la fiche a des modifications qui ne "
                "peuvent pas être enregistrées en l'état."
            )
            return False
    if window.path_wizard is not None and window.path_wizard.isVisible():
        window.path_wizard.close_keeping_draft()
    folder = store.data_dir
    if getattr(window, "idle_lock", None) is not None:
        window.idle_lock.stop()
    if page is not None:
        page.clear()  # nothing dirty left: the window closes without a question
    window.close()
    lock(folder)
    reopen = getattr(window, "reopen", None)  # set by ui/window/start.py
    window.replaced_by = reopen(folder) if reopen is not None else None
    return True


def protect_window(window, passphrase: str) -> bool:
    """Outils › Protection des données… accepted: the data closed (what is typed kept, as
    for a lock), the folder encrypted, the recovery code shown once with its sheet, then
    the data opened again in a new window (unlocked: no passphrase asked). On a failure
    the folder is as it was, and said so."""
    from app.store.protection import protect

    store = window.store
    page = window.page
    if page is not None and page.dirty and not page.may_leave():
        return False
    if window.path_wizard is not None and window.path_wizard.isVisible():
        window.path_wizard.close_keeping_draft()
    folder, owner = store.data_dir, _owner(window)
    if window.idle_lock is not None:
        window.idle_lock.stop()
    if page is not None:
        page.clear()
    window.close()
    try:
        report = protect(folder, passphrase)
    except Exception as error:
        from PySide6.QtWidgets import QMessageBox

        from ui.support.failures import failure

        QMessageBox.warning(
            None, "Protection impossible", failure(error, folder / "passerelle.sqlite3")
        )
        report = None
    if report is not None:
        show_recovery(owner, folder, report.recovery_code or "")
    reopen = getattr(window, "reopen", None)
    window.replaced_by = reopen(folder) if reopen is not None else None
    return report is not None


def _owner(window) -> str:
    from app.store.structure import current_setup
    from app.store.workspace import current_coorace_setup

    setup = current_setup(window.store)
    if setup is not None:
        return setup.structure.name
    coorace = current_coorace_setup(window.store)
    return coorace.service if coorace else "Passerelle"


def show_recovery(owner: str, folder, code: str) -> None:
    """The recovery code once, with its sheet (tests replace this function)."""
    from ui.dialogs.protection_dialog import RecoveryDialog

    RecoveryDialog(owner, folder, code).exec()
