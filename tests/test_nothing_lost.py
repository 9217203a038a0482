"""What is typed is never lost, nor shown when it is no longer true: a value still being
typed in a cell when Ctrl+S or Ctrl+W is pressed, a page being typed when a backup is
restored; a wrong date in a wizard said when its field is left; Échap closing a wizard
at once when nothing was typed in it, asking when something was; windows that fit the
screen they open on."""

from __future__ import annotations

from datetime import date

import pytest
from keyboard import alt, focused, key, typed
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from store_helpers import filled_store
from tests_setup import OWN_STRUCTURE

from app.store.candidates import candidate_dossier, find_candidate
from app.store.structure import Setup, save_setup
from app.store.summaries import refresh_summaries
from ui.candidate import page as candidate_page
from ui.candidate.page import DISCARD, STAY
from ui.support.sizes import MARGIN, fit_to_screen
from ui.window import data_actions
from ui.window.main_window import MainWindow
from ui.wizards import base as wizard_base

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support", extend=True)
K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def store(tmp_path, rules, catalogue):
    opened = filled_store(tmp_path / "donnees")
    save_setup(opened, Setup(OWN_STRUCTURE, "formationcertifiante@coorace.org", "Claire"))
    refresh_summaries(opened, rules, catalogue, date.today())
    yield opened
    opened.close(automatic_backup=False)


@pytest.fixture
def asked(monkeypatch):
    """The page's question « Enregistrer les modifications ? »: each time it is asked, and
    the answer given (DISCARD unless a test sets another)."""
    questions = {"answer": DISCARD, "count": 0}

    def ask(_parent):
        questions["count"] += 1
        return questions["answer"]

    monkeypatch.setattr(candidate_page, "ask_unsaved", ask)
    return questions


@pytest.fixture
def window(qtbot, store, asked):
    shown = MainWindow(store)
    qtbot.addWidget(shown)
    with qtbot.waitActive(shown):
        shown.show()
        shown.activateWindow()
    return shown


def reference_id(store, ref: str = "c-2014-017") -> int:
    with store.transaction() as session:
        return find_candidate(session, ref).id


def typing_in_first_employer(window: MainWindow) -> QLineEdit:
    """The experiences tab, the cursor in the first period's employer cell, its editor
    open and « (Indre) » typed at the end, the cell not left."""
    page = window.page
    page.tabs.setCurrentWidget(page.experiences)
    table = page.experiences.rows.table
    table.setFocus()
    table.setCurrentCell(0, 0)
    key(K.Key_F2)
    key(K.Key_End)
    typed(" (Indre)")
    editor = focused()
    assert isinstance(editor, QLineEdit) and table.isAncestorOf(editor), "not in the cell"
    return editor


# --- a value still being typed in a cell ------------------------------------------------


def test_ctrl_s_saves_the_value_still_being_typed_in_a_cell(window, store):
    candidate_id = reference_id(store)
    window.open_candidate(candidate_id)
    typing_in_first_employer(window)
    assert window.page.dirty  # the page knows at the first key, not when the cell is left
    key(K.Key_S, CTRL)
    assert not window.page.dirty and "enregistrée" in window.statusBar().currentMessage()
    table = window.page.experiences.rows.table
    assert focused() is table and (table.currentRow(), table.currentColumn()) == (0, 0)
    with store.transaction() as session:
        employers = [
            period.employer for period in candidate_dossier(session, candidate_id).experiences
        ]
    assert any(employer.endswith(" (Indre)") for employer in employers)


def test_ctrl_w_with_a_cell_being_typed_asks_before_closing(window, store, asked):
    window.open_candidate(reference_id(store))
    typing_in_first_employer(window)
    asked["answer"] = STAY
    key(K.Key_W, CTRL)
    assert asked["count"] == 1
    assert window.views.currentWidget() is window.page  # stayed, with what was typed
    asked["answer"] = DISCARD
    key(K.Key_W, CTRL)
    assert window.views.currentWidget() is window.dashboard
    assert focused() is window.candidate_list.search  # where the next candidate is found


def test_ctrl_tab_in_a_table_goes_to_the_next_tab(window, store):
    window.open_candidate(reference_id(store))
    page = window.page
    page.tabs.setCurrentWidget(page.experiences)
    table = page.experiences.rows.table
    table.setFocus()
    table.setCurrentCell(0, 0)
    key(K.Key_Tab, CTRL)
    assert page.tabs.currentWidget() is page.courses
    assert table.currentColumn() == 0  # not moved to the next cell


# --- restoring a backup while a page is being typed ---------------------------------------


def test_restore_asks_about_the_page_first_then_shows_nothing_stale(
    window, store, asked, monkeypatch
):
    told = []
    monkeypatch.setattr(
        data_actions, "tell", lambda parent, title, text, problem=False: told.append(title)
    )
    window.back_up()
    (backup,) = store.backups_dir.glob("passerelle-manuelle-*.sqlite3")
    chosen = []
    monkeypatch.setattr(
        data_actions, "choose_backup_file", lambda parent, folder: chosen.append(folder) or backup
    )
    monkeypatch.setattr(data_actions, "confirm_restore", lambda parent, *texts: True)
    window.open_candidate(reference_id(store))
    window.page.identity.phone.setFocus()
    typed("0600000000")
    asked["answer"] = STAY
    window.restore()
    assert asked["count"] == 1 and not chosen  # nothing restored over a page being typed
    assert window.page.dirty and window.views.currentWidget() is window.page
    asked["answer"] = DISCARD
    window.restore()
    assert chosen and told[-1] == "Sauvegarde restaurée"
    assert window.page.is_empty()  # what it showed may be what was just undone
    assert window.views.currentWidget() is window.dashboard


# --- the wizards ------------------------------------------------------------------------


@pytest.fixture
def wizard(qtbot, window, store, monkeypatch):
    window.open_candidate(reference_id(store))

    def opened(path: str):
        window.open_wizard(path)
        shown = window.path_wizard
        qtbot.waitUntil(lambda: QApplication.activeWindow() is shown)
        return shown

    return opened


@pytest.mark.parametrize("path", ["cip", "cisp"])
def test_escape_closes_a_wizard_at_once_when_nothing_was_typed(wizard, monkeypatch, path):
    questions = []
    monkeypatch.setattr(
        wizard_base, "ask_cancel", lambda parent: questions.append(1) or wizard_base.DISCARD
    )
    shown = wizard(path)
    key(K.Key_Escape)
    assert not shown.isVisible() and not questions
    shown = wizard(path)
    field = focused()
    assert isinstance(field, QLineEdit) and shown.isAncestorOf(field)
    typed("1")
    key(K.Key_Escape)
    assert questions == [1] and not shown.isVisible()


def test_a_wrong_date_in_a_wizard_is_said_under_its_field_when_left(wizard, monkeypatch):
    monkeypatch.setattr(wizard_base, "ask_cancel", lambda parent: wizard_base.DISCARD)
    shown = wizard("cip")
    page = shown.currentPage()
    page.given_on.setFocus()
    page.given_on.selectAll()
    typed("31/02/2015")
    said = [
        label
        for label in page.findChildren(QWidget)
        if "31/02/2015" in (label.property("text") or "")
        and label is not page.given_on
        and not label.isHidden()
    ]
    assert not said  # not while typing
    key(K.Key_Tab)
    (message,) = [
        label
        for label in page.findChildren(QWidget)
        if "31/02/2015" in (label.property("text") or "")
        and label is not page.given_on
        and not label.isHidden()
    ]
    assert message.property("text") == "« 31/02/2015 » n'existe pas dans le calendrier"
    page.given_on.setFocus()
    page.given_on.selectAll()
    typed("28/02/2015")
    assert message.isHidden()


def test_next_refused_puts_the_cursor_on_the_value_to_correct(wizard, monkeypatch):
    monkeypatch.setattr(wizard_base, "ask_cancel", lambda parent: wizard_base.DISCARD)
    shown = wizard("cip")
    page = shown.currentPage()
    page.given_on.setFocus()
    page.given_on.selectAll()
    typed("31/02/2015")
    page.signatory.setFocus()
    alt(K.Key_S)  # « Suivant »
    assert shown.currentPage() is page and not page.error.isHidden()
    assert focused() is page.given_on and page.given_on.selectedText() == "31/02/2015"


def test_a_page_shown_again_has_its_text_selected(wizard, monkeypatch):
    """What is typed on a field reached again replaces its text, never lands after it."""
    monkeypatch.setattr(wizard_base, "ask_cancel", lambda parent: wizard_base.DISCARD)
    shown = wizard("cip")
    first = shown.currentPage()
    shown.next()
    assert shown.currentPage() is not first
    shown.back()
    QApplication.processEvents()
    field = focused()
    assert isinstance(field, QLineEdit) and first.isAncestorOf(field) and field.text()
    assert field.selectedText() == field.text()


# --- sizes -------------------------------------------------------------------------------


def test_a_window_asked_larger_than_the_screen_fits_it(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    free = (widget.screen() or QGuiApplication.primaryScreen()).availableGeometry()
    fit_to_screen(widget, 9000, 9000)
    assert widget.width() <= free.width() * MARGIN and widget.height() <= free.height() * MARGIN
    fit_to_screen(widget, 640, 480)
    assert (widget.width(), widget.height()) == (640, 480)
