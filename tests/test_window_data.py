"""The window's Fichier and Outils actions on real data, offscreen."""

import json
import os
import sqlite3
from datetime import date

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from store_helpers import EXAMPLES_DIR, filled_store

from app.store.candidates import delete_candidate, existing_candidate, find_candidate
from app.store.sent import export_pdf
from app.store.summaries import refresh_summaries
from ui.dialogs.pdf_password import WRONG, PdfPasswordDialog
from ui.dialogs.rules import RulesDialog
from ui.window import data_actions, main_window, start
from ui.window.import_dialog import ImportDialog
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
    monkeypatch.setattr(data_actions, "confirm_restore", lambda parent, *texts: False)
    window.restore()
    assert not list(window.store.backups_dir.glob("passerelle-avant-restauration-*"))
    monkeypatch.setattr(data_actions, "confirm_restore", lambda parent, *texts: True)
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


# Restore: what it undoes, by name, before; where the data from before is, after


def test_the_issue_restore_says_what_it_undoes_and_how_to_go_back(window, monkeypatch):
    window.back_up()
    (backup,) = window.store.backups_dir.glob("passerelle-manuelle-*.sqlite3")
    with window.store.transaction() as session:
        delete_candidate(session, find_candidate(session, "c-2014-017"), window.store.user)
    window.import_paths([EXAMPLES_DIR / "cip-eligible.json"])  # imported again
    assert window.candidate_list.model.total == 3
    asked = []
    monkeypatch.setattr(data_actions, "choose_backup_file", lambda parent, folder: backup)
    monkeypatch.setattr(
        data_actions, "confirm_restore", lambda parent, *texts: asked.append(texts) or True
    )
    window.restore()
    ((title, text, informative, details),) = asked
    assert title == "Restaurer une sauvegarde ?"
    assert text.startswith(f"Remplacer les données actuelles par la sauvegarde {backup.name} ?")
    assert (
        "• 1 candidat créé depuis la sauvegarde, qui disparaîtra : "
        "Éloïse Martinez (réf. c-2014-017)"
    ) in text
    assert "• 1 candidat effacé depuis la sauvegarde, qui reste effacé" in text
    assert f"dossier des sauvegardes ({window.store.backups_dir})" in informative
    assert "Éloïse Martinez (réf. c-2014-017) : fiche effacée le " in details
    assert "2 candidats identiques dans la sauvegarde et les données actuelles." in details
    (safety,) = window.store.backups_dir.glob("passerelle-avant-restauration-*.sqlite3")
    title, said = window.told[-1]
    assert title == "Sauvegarde restaurée" and f"gardées dans {safety}." in said
    assert said.endswith(
        f"Pour y revenir : Fichier › Restaurer une sauvegarde…, puis choisissez {safety.name}."
    )
    assert window.candidate_list.model.total == 2  # as the plan said: she is gone
    # going back as told: the copy of the data from before brings her back
    monkeypatch.setattr(data_actions, "choose_backup_file", lambda parent, folder: safety)
    window.restore()
    assert "Éloïse Martinez (réf. c-2014-017)" in asked[-1][1]
    assert window.candidate_list.model.total == 3
    for text in [*asked[-1], *(text for _, text in window.told)]:
        assert "--" not in text and "passerelle restore" not in text


def test_the_restore_question_is_restaurer_or_annuler_annuler_by_default(qtbot):
    box = data_actions.restore_question(None, "Restaurer une sauvegarde ?", "t", "i", "d")
    qtbot.addWidget(box)
    roles = {button.text(): box.buttonRole(button) for button in box.buttons()}
    assert roles["Restaurer"] == QMessageBox.ButtonRole.AcceptRole
    assert roles["Annuler"] == QMessageBox.ButtonRole.RejectRole
    assert box.defaultButton().text() == box.escapeButton().text() == "Annuler"
    assert (box.text(), box.informativeText(), box.detailedText()) == ("t", "i", "d")

    def press(text: str) -> None:
        shown = QApplication.activeModalWidget()
        next(button for button in shown.buttons() if button.text() == text).click()

    QTimer.singleShot(0, lambda: press("Annuler"))
    assert data_actions.confirm_restore(None, "?", "t", "i", "d") is False
    QTimer.singleShot(0, lambda: press("Restaurer"))
    assert data_actions.confirm_restore(None, "?", "t", "i", "d") is True


# A protected PDF imported from the window: its password is asked, never an option


@pytest.fixture
def protected_pdf(window, tmp_path, rules, catalogue):
    pdf = tmp_path / "martinez.pdf"
    export_pdf(window.store, "c-2014-017", pdf, rules, catalogue, password="S3cret-2026")
    with window.store.transaction() as session:
        delete_candidate(session, find_candidate(session, "c-2014-017"), window.store.user)
    return pdf


def test_a_protected_pdf_asks_its_password_again_when_wrong(window, protected_pdf, monkeypatch):
    asked, problems = [], []
    answers = iter(["pas-le-bon", "S3cret-2026"])
    monkeypatch.setattr(
        data_actions,
        "ask_pdf_password",
        lambda parent, path, wrong: asked.append((path, wrong)) or next(answers),
    )
    monkeypatch.setattr(main_window, "show_problems", lambda *shown: problems.append(shown))
    window.import_paths([protected_pdf])
    assert asked == [(protected_pdf, False), (protected_pdf, True)]
    assert problems == [] and "1 créé," in window.statusBar().currentMessage()


def test_a_protected_pdf_whose_password_is_not_given_is_refused_the_others_imported(
    window, protected_pdf, monkeypatch, tmp_path
):
    asked, problems = [], []
    monkeypatch.setattr(
        data_actions, "ask_pdf_password", lambda parent, path, wrong: asked.append(path)
    )
    monkeypatch.setattr(main_window, "show_problems", lambda *shown: problems.append(shown))
    changed = json.loads((EXAMPLES_DIR / "cip-eligible.json").read_text(encoding="utf-8"))
    changed["candidate"]["ref"] = "c-autre"
    other = tmp_path / "autre.json"
    other.write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")
    window.import_paths([other, protected_pdf])  # Annuler: that file alone is refused
    assert asked == [protected_pdf] and problems == []
    (dialog,) = window.findChildren(ImportDialog)
    rows = {row[0]: row for row in dialog.rows()}
    assert rows["autre.json"][1] == "créé"
    assert rows["martinez.pdf"][1] == "refusé"
    assert "protégé par un mot de passe" in rows["martinez.pdf"][5]
    assert "--" not in rows["martinez.pdf"][5]
    assert "1 créé," in window.statusBar().currentMessage()
    with window.store.transaction() as session:
        assert existing_candidate(session, "43817206500015", "c-2014-017") is None
        assert existing_candidate(session, "43817206500015", "c-autre") is not None


def test_the_password_dialog_opens_only_with_a_password(qtbot, tmp_path):
    dialog = PdfPasswordDialog(tmp_path / "dossier.pdf", wrong=False)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Mot de passe du PDF" and dialog.problem.isHidden()
    assert not dialog.open_button.isEnabled()
    dialog.field.setText("S3cret-2026")
    assert dialog.open_button.isEnabled() and dialog.password() == "S3cret-2026"

    def type_and_open() -> None:
        shown = QApplication.activeModalWidget()
        assert shown.problem.text() == WRONG and not shown.problem.isHidden()
        shown.field.setText("S3cret-2026")
        shown.open_button.click()

    QTimer.singleShot(0, type_and_open)
    assert data_actions.ask_pdf_password(None, tmp_path / "dossier.pdf", True) == "S3cret-2026"
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())
    assert data_actions.ask_pdf_password(None, tmp_path / "dossier.pdf", False) is None


def test_a_database_busy_during_an_import_is_told_in_french(window, monkeypatch, tmp_path):
    changed = json.loads((EXAMPLES_DIR / "cip-eligible.json").read_text(encoding="utf-8"))
    changed["candidate"]["ref"] = "c-nouvelle"
    path = tmp_path / "nouvelle.json"
    path.write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")
    holder = sqlite3.connect(window.store.path, isolation_level=None, timeout=1)
    holder.execute("BEGIN IMMEDIATE")
    try:
        window.import_paths([path])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    title, said = window.told[-1]
    assert title == "Import impossible"
    assert said.startswith(f"Le fichier de données {window.store.path} est occupé")
    assert "locked" not in said and window.candidate_list.model.total == 3


def test_the_window_never_gives_a_command_when_the_data_cannot_be_opened(tmp_path, monkeypatch):
    said = []
    monkeypatch.setattr(start, "warn", lambda title, text: said.append(text))
    store = filled_store(tmp_path / "donnees")
    store.close()  # its automatic backup
    store.path.write_bytes(b"SQLite format 3\x00" + os.urandom(store.path.stat().st_size - 16))
    assert start.lock_data(str(tmp_path / "donnees")) is None
    a_file = tmp_path / "un-fichier"
    a_file.write_text("x", encoding="utf-8")
    assert start.lock_data(str(a_file)) is None
    damaged, unusable = said
    assert "puis choisissez Fichier › Restaurer une sauvegarde… et ce fichier." in damaged
    assert "Fermez Passerelle" in unusable
    assert all("--" not in text and "passerelle " not in text for text in said)
