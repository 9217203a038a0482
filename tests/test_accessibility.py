"""Everything a counsellor can reach with Tab is named for a screen reader (its label as
buddy, or an accessible name), every field label has its keyboard letter, used once per
screen and never one of the menu bar's, and Tab stops only where something can be typed
or chosen. Walked on the real widgets: the main window, each tab of the candidate page,
every page of both wizards, and the dialogs."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QScrollArea, QWidget
from store_helpers import filled_store
from tests_setup import OWN_STRUCTURE
from ui_walk import cut_placeholders, menu_letters, mnemonic_problems, tab_stops, unnamed

from app.store.candidates import find_candidate
from app.store.structure import Setup, save_setup
from app.store.summaries import refresh_summaries
from ui.candidate import page as candidate_page
from ui.candidate.page import DISCARD
from ui.window.main_window import MainWindow
from ui.wizards import base as wizard_base
from ui.wizards.cip.wizard import CipWizard
from ui.wizards.cisp.wizard import CispWizard


@pytest.fixture
def store(tmp_path, rules, catalogue):
    opened = filled_store(tmp_path / "donnees")
    save_setup(opened, Setup(OWN_STRUCTURE, "formationcertifiante@coorace.org", "Claire"))
    refresh_summaries(opened, rules, catalogue, date.today())
    yield opened
    opened.close(automatic_backup=False)


@pytest.fixture
def window(qtbot, store, monkeypatch):
    monkeypatch.setattr(candidate_page, "ask_unsaved", lambda parent: DISCARD)
    shown = MainWindow(store)
    qtbot.addWidget(shown)
    shown.show()
    with store.transaction() as session:
        shown.show_candidate(find_candidate(session, "c-2014-017").id)
    yield shown
    shown.store = None  # the store fixture closes it


def walk_problems(top: QWidget, reserved: set[str] = frozenset()) -> list[str]:
    """What keeps `top`, as shown now, from being used with a screen reader and the
    keyboard, each line saying where."""
    where = top.windowTitle()
    if hasattr(top, "currentPage") and top.currentPage() is not None:
        where += " › " + top.currentPage().title()
    found = [f"sans nom : {name}" for name in unnamed(top)]
    found += mnemonic_problems(top, reserved)
    found += cut_placeholders(top)
    found += [
        f"arrêt de Tab caché : {type(w).__name__}"
        for w in tab_stops(top)
        if isinstance(w, QScrollArea)
    ]
    return [f"{where} — {problem}" for problem in found]


def test_the_main_window_and_each_tab_of_the_candidate_page(window):
    reserved = menu_letters(window)
    assert reserved == {"f", "p", "o", "a"}
    problems = []
    for index in range(window.views.count()):
        window.views.setCurrentIndex(index)
        page = window.views.widget(index)
        if page is window.page:
            for tab in range(page.tabs.count()):
                page.tabs.setCurrentIndex(tab)
                problems += walk_problems(window, reserved)
        else:
            problems += walk_problems(window, reserved)
    assert not problems, "\n".join(problems)


def wizard_pages(qtbot, wizard_class, store, rules, catalogue, ref: str):
    """Each page of the wizard, shown as the first one (every page reads the document)."""
    with store.transaction() as session:
        candidate_id = find_candidate(session, ref).id
    wizard = wizard_class(store, rules, catalogue, candidate_id)
    qtbot.addWidget(wizard)
    for page_id in wizard.pageIds():
        wizard.setStartId(page_id)
        wizard.restart()
        wizard.show()
        yield wizard


@pytest.mark.parametrize(
    ("wizard_class", "ref"), [(CipWizard, "c-2014-017"), (CispWizard, "c-2014-031")]
)
def test_every_page_of_both_wizards(qtbot, store, rules, catalogue, monkeypatch, wizard_class, ref):
    monkeypatch.setattr(wizard_base, "ask_cancel", lambda parent: wizard_base.DISCARD)
    seen, problems = 0, []
    for wizard in wizard_pages(qtbot, wizard_class, store, rules, catalogue, ref):
        problems += walk_problems(wizard)
        seen += 1
    assert seen == len(wizard.pageIds())
    assert not problems, "\n".join(problems)


def test_the_window_without_a_data_folder(qtbot):
    shown = MainWindow()
    qtbot.addWidget(shown)
    shown.show()
    assert not (problems := walk_problems(shown, menu_letters(shown))), "\n".join(problems)


def test_the_dialogs(qtbot, store, rules, catalogue, tmp_path):
    from ui.candidate.export_dialog import ExportDialog
    from ui.dialogs.catalogue import CatalogueDialog
    from ui.dialogs.guide import GuideDialog
    from ui.dialogs.pdf_password import PdfPasswordDialog
    from ui.dialogs.rules import RulesDialog
    from ui.dialogs.setup import SettingsDialog, SetupWizard
    from ui.window.import_dialog import ImportDialog

    setup = SetupWizard(store)
    dialogs = [
        SettingsDialog(store),
        CatalogueDialog(catalogue, None, folder=tmp_path, changed=lambda _c: None),
        RulesDialog(rules),
        ExportDialog("Éloïse Martinez", ["cip", "cisp"], sending=True),
        GuideDialog(),
        PdfPasswordDialog(tmp_path / "dossier.pdf", wrong=True),
        ImportDialog(store, rules, catalogue, confirm=lambda *_a: False),
    ]
    problems = []
    for page_id in setup.pageIds():
        setup.setStartId(page_id)
        setup.restart()
        setup.show()
        problems += walk_problems(setup)
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        problems += walk_problems(dialog)
    qtbot.addWidget(setup)
    assert not problems, "\n".join(problems)


def test_coorace_window_and_each_tab_of_its_home_view(qtbot, tmp_path, rules, catalogue):
    from test_coorace_window import coorace_store

    store = coorace_store(tmp_path, rules, catalogue)
    shown = MainWindow(store)
    qtbot.addWidget(shown)
    shown.show()
    reserved = menu_letters(shown)
    home = shown.dashboard
    problems = []
    for tab in range(home.tabs.count()):
        home.tabs.setCurrentIndex(tab)
        problems += walk_problems(shown, reserved)
    groups = home.groups  # and each room of the chosen group
    home.tabs.setCurrentWidget(groups)
    for tab in range(groups.detail.count()):
        groups.detail.setCurrentIndex(tab)
        problems += walk_problems(shown, reserved)
    store.close(automatic_backup=False)
    assert not problems, "\n".join(problems)
