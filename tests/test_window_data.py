"""The window's Fichier and Outils actions on real data, offscreen."""

import json
from datetime import date

import pytest
from store_helpers import filled_store

from app.store.summaries import refresh_summaries
from ui.dialogs.rules import RulesDialog
from ui.window import data_actions, main_window
from ui.window.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path, rules, catalogue, monkeypatch):
    store = filled_store(tmp_path / "donnees")
    refresh_summaries(store, rules, catalogue, date(2015, 1, 15))
    told = []
    monkeypatch.setattr(
        data_actions, "tell", lambda parent, title, text, problem=False: told.append((title, text))
    )
    shown = MainWindow(store)
    shown.told = told
    qtbot.addWidget(shown)
    yield shown
    shown.close()


def test_export_the_candidate_shown(window, tmp_path, monkeypatch):
    out = tmp_path / "export.json"
    monkeypatch.setattr(data_actions, "choose_export_file", lambda parent, name: out)
    window.export_candidate()
    assert window.told[-1][1] == "Choisissez d'abord un candidat dans la liste."
    window.candidate_list.table.selectRow(0)
    window.export_candidate()
    assert json.loads(out.read_text(encoding="utf-8"))["candidate"]["last_name"] == "Benali"
    window.export_candidate()  # the same file again: refused, never overwritten
    assert window.told[-1][0] == "Export impossible" and "existe déjà" in window.told[-1][1]


def test_back_up_now_and_restore(window, monkeypatch):
    assert window.backup_label.text() == "Aucune sauvegarde pour l'instant"
    window.back_up()
    assert window.backup_label.text().startswith("Dernière sauvegarde le ")
    (backup,) = window.store.backups_dir.glob("passerelle-manuelle-*.sqlite3")
    monkeypatch.setattr(data_actions, "choose_backup_file", lambda parent, folder: backup)
    monkeypatch.setattr(main_window, "confirm", lambda parent, title, text: False)
    window.restore()
    assert not list(window.store.backups_dir.glob("passerelle-avant-restauration-*"))
    monkeypatch.setattr(main_window, "confirm", lambda parent, title, text: True)
    window.restore()
    assert window.told[-1][0] == "Sauvegarde restaurée"
    assert window.candidate_list.model.total == 3


def test_rules_in_force_are_listed_with_their_source(qtbot, rules):
    dialog = RulesDialog(rules)
    qtbot.addWidget(dialog)
    cells = {
        dialog.table.item(row, 1).text(): (
            dialog.table.item(row, 0).text(),
            dialog.table.item(row, 2).text(),
            dialog.table.item(row, 3).text(),
        )
        for row in range(dialog.table.rowCount())
    }
    assert dialog.table.rowCount() == len(rules.parameters)
    assert cells[rules.parameter("max_cost_eur").label] == ("CIP-COST", "1380", "€")
    assert cells[rules.parameter("positioning_threshold_inclusive").label][1] == "oui"
    assert "2014-2015" in dialog.table.item(0, 4).text()


def test_catalogue_in_use_says_it_is_an_example_and_is_searchable(qtbot, catalogue):
    from ui.dialogs.catalogue import CatalogueDialog

    dialog = CatalogueDialog(catalogue)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == len(catalogue.courses)
    assert "EXEMPLE" in dialog.heading.text() and "pas le catalogue de COORACE" in (
        dialog.heading.text()
    )
    dialog.search.setText("diagnostic partage")
    assert dialog.visible_codes() == ["CF-ACC-01"]
