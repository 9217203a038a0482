"""Outils › Catalogue des formations on real data, offscreen: import a catalogue (the file
chooser replaced), a refused file listing every problem, the previous catalogue put back,
a damaged catalogue at start; the window evaluating with the catalogue in use."""

import pytest
from catalogue_files import (
    BAD_CSV_PROBLEMS,
    cisp_candidate,
    snapshot,
    write_bad_csv,
    write_csv_catalogue,
    write_json_catalogue,
)
from store_helpers import filled_store, save_data

from app.resources import resource
from app.store.paths import CATALOGUE_NAME
from app.store.summaries import refresh_for_today
from ui.dialogs import catalogue as catalogue_dialog
from ui.window import main_window
from ui.window.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    store = filled_store(tmp_path / "donnees")
    save_data(store, cisp_candidate())
    refresh_for_today(store)
    problems = []
    monkeypatch.setattr(
        catalogue_dialog,
        "show_problems",
        lambda parent, title, lines: problems.append((title, lines)),
    )
    shown = MainWindow(store)
    shown.problems = problems
    qtbot.addWidget(shown)
    yield shown
    shown.close()


def choose(monkeypatch, path):
    monkeypatch.setattr(catalogue_dialog, "choose_catalogue_file", lambda parent: path)


def line_of(window, last_name):
    model = window.candidate_list.model
    lines = [model.line(row) for row in range(model.rowCount())]
    return next(line for line in lines if line.last_name == last_name)


def test_import_shows_the_new_catalogue_and_refreshes_the_window(window, tmp_path, monkeypatch):
    dialog = window.open_catalogue()
    assert "EXEMPLE" in dialog.heading.text()
    assert line_of(window, "Catalogue").next_step == "7 formations à suivre"
    assert dialog.previous_button.isHidden()
    choose(monkeypatch, write_json_catalogue(tmp_path))
    assert dialog.import_catalogue()
    heading = dialog.heading.text()
    assert "Catalogue 2015" in heading and "2015-01" in heading and "05/01/2015" in heading
    assert "EXEMPLE" not in heading and "exemple : non" in heading
    assert dialog.table.rowCount() == 11
    assert "installé (11 formations)" in dialog.status.text()
    dialog.search.setText("veille sur les")
    assert dialog.visible_codes() == ["CF-TER-02"]
    assert dialog.table.item(1, 4).text() == "non"  # CF-TER-02, capitalisable
    # the window: what it shows, the candidate page and the list use the new catalogue
    assert window.catalogue.name == "Catalogue 2015"
    assert "Catalogue 2015" in window.evaluation_view.sources.text()
    assert window.page.catalogue is window.catalogue
    assert line_of(window, "Catalogue").next_step == "Session du pôle 1"
    assert not dialog.previous_button.isHidden()
    assert window.problems == []


def test_import_a_csv_catalogue_from_the_dialog(window, tmp_path, monkeypatch):
    dialog = window.open_catalogue()
    choose(monkeypatch, write_csv_catalogue(tmp_path))
    assert dialog.import_catalogue()
    assert "catalogue-tableur" in dialog.heading.text()
    assert "Version : non précisée" in dialog.heading.text()
    assert dialog.table.rowCount() == 3
    assert dialog.table.item(1, 3).text() == "10,5"


def test_a_refused_file_lists_every_problem_and_changes_nothing(window, tmp_path, monkeypatch):
    folder = window.store.data_dir
    dialog = window.open_catalogue()
    before, heading = snapshot(folder), dialog.heading.text()
    choose(monkeypatch, write_bad_csv(tmp_path))
    assert not dialog.import_catalogue()
    ((title, lines),) = window.problems
    assert lines == BAD_CSV_PROBLEMS
    assert "catalogue-faux.csv est refusé : 6 problèmes" in title and "Rien n'a changé" in title
    assert dialog.heading.text() == heading
    assert window.catalogue.example
    assert "refusé" in dialog.status.text()
    assert snapshot(folder) == before


def test_choosing_no_file_changes_nothing(window, monkeypatch):
    dialog = window.open_catalogue()
    choose(monkeypatch, None)
    assert not dialog.import_catalogue()
    assert window.problems == [] and dialog.status.text() == ""


def test_the_previous_catalogue_comes_back_once_confirmed(window, tmp_path, monkeypatch):
    dialog = window.open_catalogue()
    choose(monkeypatch, write_json_catalogue(tmp_path))
    dialog.import_catalogue()
    asked = []

    def answer(value):
        def confirm(parent, title, text):
            asked.append(text)
            return value

        return confirm

    monkeypatch.setattr(catalogue_dialog, "confirm", answer(False))
    assert not dialog.restore_previous()
    assert window.catalogue.name == "Catalogue 2015"
    assert "« Catalogue 2015 »" in asked[0]
    monkeypatch.setattr(catalogue_dialog, "confirm", answer(True))
    assert dialog.restore_previous()
    assert "EXEMPLE" in dialog.heading.text() and window.catalogue.example
    assert line_of(window, "Catalogue").next_step == "7 formations à suivre"
    assert "Catalogue précédent remis en usage" in dialog.status.text()


def test_a_damaged_catalogue_at_start_is_told_and_the_example_used(qtbot, tmp_path, monkeypatch):
    store = filled_store(tmp_path / "donnees")
    (store.data_dir / CATALOGUE_NAME).write_text("pas du JSON", encoding="utf-8")
    told = []
    monkeypatch.setattr(
        main_window, "show_problems", lambda parent, title, lines: told.append(lines)
    )
    window = MainWindow(store)
    qtbot.addWidget(window)
    ((message,),) = told
    assert str(store.data_dir / CATALOGUE_NAME) in message
    assert "catalogue d'exemple" in message
    assert window.catalogue.example
    dialog = window.open_catalogue()
    assert not dialog.problem.isHidden() and dialog.problem.text() == message
    window.close()


def test_without_a_data_folder_the_catalogue_is_only_shown(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.load(resource("examples", "cisp-en-cours.json"))
    dialog = window.open_catalogue()
    assert not dialog.import_button.isEnabled()
    assert "dossier de données" in dialog.status.text()
    assert dialog.previous_button.isHidden()


def test_a_title_too_long_is_refused_by_the_dialog_with_its_line(window, tmp_path, monkeypatch):
    from app.french import NARROW_NBSP

    folder = window.store.data_dir
    dialog = window.open_catalogue()
    before = snapshot(folder)
    path = tmp_path / "long.csv"
    path.write_text(
        "code;title;pole;hours;capitalisable;required\n"
        + "A-1;Atelier;2;7;oui;oui\n"
        + "A-2;"
        + "T" * 10_000
        + ";2;7;oui;oui\n",
        encoding="utf-8",
    )
    choose(monkeypatch, path)
    assert not dialog.import_catalogue()
    ((title, lines),) = window.problems
    assert lines == [f"ligne 3, title : 10{NARROW_NBSP}000 caractères, au plus 200"]
    assert "long.csv est refusé : 1 problème" in title
    assert window.catalogue.example
    assert snapshot(folder) == before
