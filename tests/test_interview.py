"""The interview as a counsellor lives it, with the keyboard only: a new candidate typed,
a period added, saved with Ctrl+S, found again with Ctrl+F, opened with Entrée; and what
the window says after each action — never someone else's checks, never a save that did
not happen."""

from __future__ import annotations

from datetime import date

import pytest
from keyboard import key, tab_to, typed
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from store_helpers import EXAMPLES_DIR, filled_store
from tests_setup import OWN_STRUCTURE

from app.store.candidates import candidate_dossier, find_candidate
from app.store.database import open_store
from app.store.structure import Setup, save_setup
from app.store.summaries import refresh_summaries
from ui.candidate import page as candidate_page
from ui.candidate.page import DISCARD
from ui.window import main_window
from ui.window.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def shown(qtbot, window: MainWindow) -> MainWindow:
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window


@pytest.fixture
def empty_store(tmp_path):
    store = open_store(tmp_path / "donnees", user="Claire")
    save_setup(store, Setup(OWN_STRUCTURE, "formationcertifiante@coorace.org", "Claire"))
    yield store
    store.close(automatic_backup=False)


@pytest.fixture
def store(tmp_path, rules, catalogue):
    opened = filled_store(tmp_path / "donnees")
    save_setup(opened, Setup(OWN_STRUCTURE, "formationcertifiante@coorace.org", "Claire"))
    refresh_summaries(opened, rules, catalogue, date.today())
    yield opened
    opened.close(automatic_backup=False)


@pytest.fixture(autouse=True)
def no_questions(monkeypatch):
    # pytest-qt closes the window after each test: what was not saved is then dropped
    monkeypatch.setattr(candidate_page, "ask_unsaved", lambda parent: DISCARD)


def names(window) -> list[str]:
    model = window.candidate_list.model
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def test_a_new_candidate_typed_saved_found_and_opened_with_the_keyboard_only(qtbot, empty_store):
    window = shown(qtbot, MainWindow(empty_store))
    page = window.page
    key(Qt.Key.Key_N, CTRL)
    assert QApplication.focusWidget() is page.identity.ref  # ready to type
    for text in ("c-2026-001", "Dupont", "Lucie", "12/04/1978"):
        typed(text)
        key(Qt.Key.Key_Tab)
    tab_to(page.identity.job_title)
    typed("Accompagnatrice")
    tab_to(page.identity.agreement_on)
    typed("15/09/2014")
    key(Qt.Key.Key_Tab)
    typed("Marie Durand, directrice")
    key(Qt.Key.Key_Tab, CTRL)  # the next tab: Expériences
    assert page.tabs.currentWidget() is page.experiences
    tab_to(page.experiences.rows.add_button)
    key(Qt.Key.Key_Space)
    for text in ("Association Tremplin", "Accompagnatrice", None, "01/09/2010", None, "0,8"):
        if text is not None:
            typed(text)
        key(Qt.Key.Key_Tab)
    assert "CIP-EXP : Respectée" in page.experiences.total.text()
    assert names(window) == []
    key(Qt.Key.Key_S, CTRL)
    assert not page.dirty
    assert names(window) == ["Dupont Lucie"]
    assert window.statusBar().currentMessage() == "Fiche de Lucie Dupont enregistrée."
    with empty_store.transaction() as session:
        dossier = candidate_dossier(session, find_candidate(session, "c-2026-001").id)
    assert (dossier.candidate.last_name, dossier.candidate.birth_date) == (
        "Dupont",
        date(1978, 4, 12),
    )
    assert dossier.employer_agreement.signatory == "Marie Durand, directrice"
    (period,) = dossier.experiences
    assert (period.employer, period.start, period.end, period.fte) == (
        "Association Tremplin",
        date(2010, 9, 1),
        None,
        0.8,
    )
    key(Qt.Key.Key_W, CTRL)  # closes the page: the dashboard, the cursor in the list
    assert page.is_empty() and window.views.currentWidget() is window.dashboard
    key(Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is window.candidate_list.search
    typed("dupont")
    key(Qt.Key.Key_Down)
    assert QApplication.focusWidget() is window.candidate_list.table
    key(Qt.Key.Key_Return)
    assert page.candidate_id is not None and QApplication.focusWidget() is page.identity.ref
    assert page.identity.first_name.text() == "Lucie"


def test_ctrl_s_saves_the_page_and_says_when_there_is_nothing_to_save(qtbot, store):
    window = shown(qtbot, MainWindow(store))
    assert window.named_actions["save"].shortcut() == QKeySequence("Ctrl+S")
    backup = window.named_actions["backup"]
    assert backup.text() == "&Copie de sécurité des données" and backup.shortcut().isEmpty()
    key(Qt.Key.Key_S, CTRL)
    assert window.statusBar().currentMessage() == "Aucune fiche ouverte : rien à enregistrer."
    with store.transaction() as session:
        window.open_candidate(find_candidate(session, "c-2014-017").id)
    key(Qt.Key.Key_S, CTRL)
    assert "Rien à enregistrer" in window.statusBar().currentMessage()
    window.page.identity.phone.setFocus()
    typed("0600000000")
    key(Qt.Key.Key_S, CTRL)
    assert not window.page.dirty and "enregistrée" in window.statusBar().currentMessage()
    assert not list(store.backups_dir.glob("*.sqlite3")), "Ctrl+S is no backup"


def checks(tab) -> list[str]:
    return [tab.checks.item(row).text() for row in range(tab.checks.count())]


def test_a_new_candidate_shows_no_one_s_checks(qtbot, store):
    window = shown(qtbot, MainWindow(store))
    with store.transaction() as session:
        window.show_candidate(find_candidate(session, "c-2014-017").id)
    assert any("CIP-EXP · Respectée" in line for line in checks(window.page.cip))
    assert window.evaluation_view.dossier is not None
    key(Qt.Key.Key_N, CTRL)
    shown_now = checks(window.page.cip) + checks(window.page.cisp)
    assert all("Vérifications impossibles pour l'instant" in line for line in shown_now)
    assert "référence" in shown_now[0]
    assert not window.candidate_list.table.selectionModel().hasSelection()
    assert window.evaluation_view.dossier is None


def test_a_value_that_cannot_be_read_replaces_the_checks_by_why(qtbot, store):
    window = shown(qtbot, MainWindow(store))
    with store.transaction() as session:
        window.open_candidate(find_candidate(session, "c-2014-017").id)
    page = window.page
    page.tabs.setCurrentWidget(page.cip)
    page.cip.decision.setFocus()
    typed("31/02/2015")
    (line,) = checks(page.cip)
    assert line.startswith("Vérifications impossibles pour l'instant")
    assert "31/02/2015" in line


def test_a_wrong_date_is_said_under_its_field_when_left_and_goes_once_corrected(qtbot, store):
    window = shown(qtbot, MainWindow(store))
    key(Qt.Key.Key_N, CTRL)
    identity = window.page.identity
    message = identity.checked[identity.birth_date].label
    identity.birth_date.setFocus()
    typed("31/02/2022")
    assert message.isHidden()  # not while typing: when the field is left
    key(Qt.Key.Key_Tab)
    assert not message.isHidden()
    assert message.text() == "« 31/02/2022 » n'existe pas dans le calendrier"
    identity.birth_date.setFocus()
    key(Qt.Key.Key_End)
    key(Qt.Key.Key_Backspace)
    typed("1")  # 31/02/2021: still wrong, the message follows what is typed
    assert message.text() == "« 31/02/2021 » n'existe pas dans le calendrier"
    for _ in range(10):
        key(Qt.Key.Key_Backspace)
    typed("28/02/2021")
    assert message.isHidden()  # corrected: gone at once, without leaving the field


def test_examples_are_listed_in_french_and_evaluated_at_their_own_date(qtbot):
    from app.examples import examples

    listed = examples()
    assert {e.path.name for e in listed} == {p.name for p in EXAMPLES_DIR.glob("*.json")}
    window = shown(qtbot, MainWindow())
    menu_titles = [a.text() for a in window.findChildren(type(window.named_actions["open"]))]
    by_title = {e.title: e for e in listed}
    assert "Parcours CISP en cours" in menu_titles and "cisp en cours" not in menu_titles
    window.load_example(by_title["Parcours CISP en cours"])
    assert window.evaluation.cisp.verdict == "in_progress"
    window.load_example(by_title["Expérience insuffisante pour le CIP"])
    assert window.evaluation.cip.check("CIP-EXP").status == "not_met"
    assert window.evaluation_date() == by_title["Expérience insuffisante pour le CIP"].evaluated_on


def test_dossier_files_dropped_on_the_window_are_imported(qtbot, empty_store, monkeypatch):
    monkeypatch.setattr(main_window, "confirm", lambda parent, title, text: True)
    window = shown(qtbot, MainWindow(empty_store))
    mime = QMimeData()
    mime.setUrls(
        [QUrl.fromLocalFile(str(EXAMPLES_DIR / "cip-eligible.json")), QUrl("https://x.org/a")]
    )
    drop = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(drop)
    assert drop.isAccepted()
    assert len(names(window)) == 1
    assert "1 créé" in window.statusBar().currentMessage()


def test_file_dialogs_open_in_documents_then_where_the_user_last_was(tmp_path, qapp):
    from ui.support import file_dialogs

    assert file_dialogs.start_folder() == file_dialogs.documents_folder()
    chosen = tmp_path / "dossiers" / "a.json"
    chosen.parent.mkdir()
    chosen.write_text("{}", encoding="utf-8")
    file_dialogs.remember(chosen)
    assert file_dialogs.start_folder() == chosen.parent
    chosen.unlink()
    chosen.parent.rmdir()  # gone: back to Documents
    assert file_dialogs.start_folder() == file_dialogs.documents_folder()


def test_the_dashboard_hidden_during_a_save_shows_it_when_opened(qtbot, store):
    from datetime import timedelta

    window = shown(qtbot, MainWindow(store))
    with store.transaction() as session:
        window.open_candidate(find_candidate(session, "c-2014-017").id)
    decided = date.today() - timedelta(days=80)  # the 3 months of VAE end within 30 days
    window.page.cip.decision.setText(decided.strftime("%d/%m/%Y"))
    key(Qt.Key.Key_S, CTRL)
    window.views.setCurrentWidget(window.dashboard)
    lines = [
        window.dashboard.deadlines.item(i).text() for i in range(window.dashboard.deadlines.count())
    ]
    assert any("Éloïse" in line or "Martinez" in line for line in lines), lines


def test_a_save_the_database_refuses_says_so_and_keeps_what_is_typed(
    qtbot, empty_store, monkeypatch
):
    """A real refusal by SQLite (the connection set read-only), never a fake exception:
    the page says nothing was saved, in French, and keeps what was typed."""
    from sqlalchemy import event

    told = []
    monkeypatch.setattr(candidate_page, "tell_problems", lambda parent, lines: told.extend(lines))
    window = shown(qtbot, MainWindow(empty_store))
    key(Qt.Key.Key_N, CTRL)
    for text in ("c-2026-002", "Ngoma", "Anais"):
        typed(text)
        key(Qt.Key.Key_Tab)
    empty_store.engine.dispose()
    event.listen(
        empty_store.engine,
        "connect",
        lambda connection, _record: connection.execute("PRAGMA query_only = ON"),
    )
    key(Qt.Key.Key_S, CTRL)
    (said,) = told
    assert said.startswith("Rien n'a été enregistré : Le dossier de données")
    assert "readonly" not in said and "attempt" not in said  # no SQLite English
    assert window.page.dirty and window.page.candidate_id is None
    assert window.page.identity.last_name.text() == "Ngoma"
    assert names(window) == []


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_f1_opens_the_guide_and_in_a_wizard_at_its_page(qtbot, store, monkeypatch):
    from ui.dialogs.guide import GuideDialog
    from ui.wizards import base as wizard_base

    monkeypatch.setattr(wizard_base, "ask_cancel", lambda parent: wizard_base.DISCARD)
    window = shown(qtbot, MainWindow(store))
    key(Qt.Key.Key_F1)
    (guide,) = window.findChildren(GuideDialog)
    assert guide.isVisible()
    guide.close()
    with store.transaction() as session:
        window.open_candidate(find_candidate(session, "c-2014-017").id)
    window.open_wizard("cip")
    wizard = window.path_wizard
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    key(Qt.Key.Key_F1)
    (at_page,) = wizard.findChildren(GuideDialog)
    assert at_page.isVisible()
    anchor_top = at_page.browser.verticalScrollBar().value()
    assert anchor_top > 0  # scrolled down to the part on the agreement page


def test_ctrl_s_in_a_wizard_keeps_the_draft_and_says_so(qtbot, store, monkeypatch):
    from app.store.drafts import load_draft
    from ui.wizards import base as wizard_base

    monkeypatch.setattr(wizard_base, "ask_cancel", lambda parent: wizard_base.DISCARD)
    window = shown(qtbot, MainWindow(store))
    with store.transaction() as session:
        candidate_id = find_candidate(session, "c-2014-017").id
    window.open_candidate(candidate_id)
    window.open_wizard("cip")
    wizard = window.path_wizard
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    page = wizard.currentPage()
    page.agreement.signatory.setFocus()
    key(Qt.Key.Key_End)
    typed(" (par délégation)")
    key(Qt.Key.Key_S, CTRL)
    assert not page.note.isHidden() and page.note.text().startswith("Brouillon gardé à ")
    with store.transaction() as session:
        draft = load_draft(session, candidate_id, "cip")
    assert draft.document["employer_agreement"]["signatory"].endswith("(par délégation)")
    with store.transaction() as session:  # the candidate's record itself is unchanged
        saved = candidate_dossier(session, candidate_id)
    assert not saved.employer_agreement.signatory.endswith("(par délégation)")


def test_ctrl_p_writes_the_dossier_from_the_keyboard(qtbot, store, tmp_path, monkeypatch):
    """Ctrl+P, Entrée in the dialog that asks the path (a real one, answered with the
    keyboard), the file given where the file dialog would; the preview and the message
    after it are answered by their own functions."""
    from PySide6.QtCore import QTimer

    from ui.candidate import dossier_actions

    out = tmp_path / "dossier.pdf"
    seen = []
    monkeypatch.setattr(dossier_actions, "choose_pdf_file", lambda parent, suggested: out)
    monkeypatch.setattr(dossier_actions, "show_preview", lambda dialog: seen.append("aperçu"))
    monkeypatch.setattr(
        dossier_actions, "show_result", lambda dialog: seen.append(dialog.text.text())
    )
    monkeypatch.setattr(dossier_actions, "open_externally", lambda path: False)
    window = shown(qtbot, MainWindow(store))
    with store.transaction() as session:
        window.open_candidate(find_candidate(session, "c-2014-017").id)

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.windowTitle() == "Écrire le dossier PDF"
        QTest.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)

    QTimer.singleShot(200, answer)
    key(Qt.Key.Key_P, CTRL)
    assert out.read_bytes().startswith(b"%PDF-")
    assert seen[0] == "aperçu" and str(out) in seen[1]


def test_the_identity_tab_is_read_in_order_with_tab(qtbot, store):
    from ui_walk import tab_chain

    window = shown(qtbot, MainWindow(store))
    key(Qt.Key.Key_N, CTRL)
    identity = window.page.identity
    fields = [
        identity.ref,
        identity.last_name,
        identity.first_name,
        identity.birth_date,
        identity.email,
        identity.phone,
        identity.job_title,
        identity.hired_on,
        identity.contract,
        identity.agreement_on,
        identity.signatory,
    ]
    chain = tab_chain(window, identity.ref)
    assert chain[: len(fields)] == fields


def test_widths_stay_as_one_types_and_switches_tabs(qtbot, store):
    window = shown(qtbot, MainWindow(store))
    with store.transaction() as session:
        window.open_candidate(find_candidate(session, "c-2014-017").id)
    page = window.page
    sides = window.centralWidget().sizes()
    table = page.experiences.rows.table
    page.tabs.setCurrentWidget(page.experiences)
    QApplication.processEvents()
    widths = [table.columnWidth(c) for c in range(table.columnCount())]
    date_width = table.fontMetrics().horizontalAdvance("31/12/2026")
    assert widths[3] > date_width and widths[4] > date_width  # « Début », « Fin »
    table.setFocus()
    table.setCurrentCell(0, 4)
    typed("31/12/2026")
    key(Qt.Key.Key_Tab)  # the cell typed, on to the next one
    for tab in range(page.tabs.count()):
        page.tabs.setCurrentIndex(tab)
        QApplication.processEvents()
        assert window.centralWidget().sizes() == sides
    assert [table.columnWidth(c) for c in range(table.columnCount())] == widths
