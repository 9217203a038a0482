"""The window on a protected data folder: the passphrase asked (« Mot de passe
incorrect », try again; the recovery code and a new passphrase), « Verrouiller »
(Ctrl+L) and the automatic lock after the idle minutes: the database closed, the key
forgotten, nothing of the data shown until the passphrase is typed again."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from store_helpers import filled_store

from app.store import cipher
from app.store.database import open_store
from app.store.protection import protect
from ui.candidate import page as candidate_page
from ui.dialogs import unlock as unlock_dialog
from ui.dialogs.unlock import UnlockDialog
from ui.window.main_window import MainWindow
from ui.window.start import reopen_locked

PASSPHRASE = "un mot de passe solide"


@pytest.fixture
def protected(tmp_path) -> tuple[Path, str]:
    folder = tmp_path / "donnees"
    filled_store(folder).close(automatic_backup=False)
    report = protect(folder, PASSPHRASE)
    cipher.lock(folder)
    yield folder, report.recovery_code
    cipher._KEYS.clear()


def press_open(dialog: UnlockDialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def test_the_passphrase_is_asked_again_when_wrong(qtbot, protected):
    folder, _code = protected
    dialog = UnlockDialog(folder)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.password, "pas le bon mot de passe")
    press_open(dialog)
    assert dialog.isVisible() and dialog.error.text() == "Mot de passe incorrect."
    assert not cipher.unlocked(folder)
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, PASSPHRASE)
    press_open(dialog)
    assert not dialog.isVisible() and cipher.unlocked(folder)


def test_a_forgotten_passphrase_with_the_recovery_code(qtbot, protected):
    folder, code = protected
    dialog = UnlockDialog(folder)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.forgot.click()
    qtbot.keyClicks(dialog.code, "AAAA-BBBB")
    qtbot.keyClicks(dialog.new, "nouveau mot de passe")
    qtbot.keyClicks(dialog.again, "nouveau mot de passe")
    press_open(dialog)
    assert dialog.error.text() == "Code de secours incorrect." and not cipher.unlocked(folder)
    dialog.code.clear()
    qtbot.keyClicks(dialog.code, code.lower())
    press_open(dialog)
    assert cipher.unlocked(folder)
    cipher.lock(folder)
    cipher.unlock(folder, "nouveau mot de passe")  # the new passphrase opens it from now on


def test_lock_closes_the_data_and_hides_it(qtbot, protected, monkeypatch):
    folder, _code = protected
    cipher.unlock(folder, PASSPHRASE)
    store = open_store(folder)
    window = MainWindow(store)
    window.reopen = reopen_locked
    qtbot.addWidget(window)
    window.show()
    asked = []
    monkeypatch.setattr(
        unlock_dialog, "ask_unlock", lambda *args: asked.append(args) or False
    )  # the person walks away: the passphrase is not typed
    window.named_actions["lock"].trigger()
    fresh = window.replaced_by
    qtbot.addWidget(fresh)
    qtbot.waitUntil(lambda: bool(asked))
    assert not cipher.unlocked(folder)
    assert window.store is None and not window.isVisible()
    assert fresh.store is None and fresh.listing is None  # nothing of the data shown
    assert asked[0][2] is True  # said as a lock, not as a first opening


def test_an_idle_window_locks_itself_keeping_what_was_typed(qtbot, protected, monkeypatch):
    folder, _code = protected
    cipher.unlock(folder, PASSPHRASE)
    store = open_store(folder)
    window = MainWindow(store)
    window.reopen = reopen_locked
    qtbot.addWidget(window)
    window.show()
    assert window.idle_lock is not None and window.idle_lock.timer.interval() == 10 * 60_000
    window.open_candidate(window.candidate_list.model.line(0).id)
    window.page.identity.job_title.setText("Typé juste avant de partir")
    assert window.page.dirty
    monkeypatch.setattr(unlock_dialog, "ask_unlock", lambda *args: False)
    monkeypatch.setattr(candidate_page, "ask_unsaved", lambda parent: pytest.fail("asked"))
    window.idle_lock.timer.setInterval(50)
    window.idle_lock.timer.start()
    qtbot.waitUntil(lambda: getattr(window, "replaced_by", None) is not None, timeout=3000)
    qtbot.addWidget(window.replaced_by)
    cipher.unlock(folder, PASSPHRASE)
    reopened = open_store(folder)
    with reopened.transaction() as session:
        from app.store.models import CandidateRow

        titles = {row.job_title for row in session.query(CandidateRow)}
    reopened.close(automatic_backup=False)
    assert "Typé juste avant de partir" in titles  # saved before the lock, nothing lost


def test_a_folder_in_use_is_protected_from_the_window(qtbot, tmp_path, monkeypatch):
    from tests_setup import OWN_STRUCTURE

    from app.store.keyfile import KEY_FILE_NAME
    from app.store.structure import Setup, save_setup
    from ui.dialogs.protection_dialog import ProtectionDialog
    from ui.window import locking

    folder = tmp_path / "claires"
    store = filled_store(folder)
    save_setup(store, Setup(OWN_STRUCTURE, "formationcertifiante@coorace.org", "Claire"))
    window = MainWindow(store)
    window.reopen = reopen_locked
    qtbot.addWidget(window)
    window.show()
    dialog = ProtectionDialog(store, window)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.new, "court")
    dialog.accept()
    assert dialog.passphrase is None and "au moins" in dialog.error.text()
    dialog.new.clear()
    qtbot.keyClicks(dialog.new, PASSPHRASE)
    qtbot.keyClicks(dialog.again, PASSPHRASE)
    dialog.minutes.setValue(5)
    dialog.accept()
    assert dialog.passphrase == PASSPHRASE
    shown = []
    monkeypatch.setattr(locking, "show_recovery", lambda *args: shown.append(args))
    assert locking.protect_window(window, dialog.passphrase)
    owner, where, code = shown[0]
    assert where == folder and code.count("-") == 5 and owner
    assert (folder / KEY_FILE_NAME).is_file()
    fresh = window.replaced_by
    qtbot.addWidget(fresh)
    qtbot.waitUntil(lambda: fresh.store is not None, timeout=5000)  # no passphrase asked
    assert fresh.idle_lock is not None and fresh.idle_lock.timer.interval() == 5 * 60_000
    fresh.close()
    for path in folder.rglob("*"):
        if path.is_file() and path.suffix != ".csv":
            assert b"SQLite format 3" not in path.read_bytes(), path
