"""« Importer des dossiers reçus »: a folder imported file by file in the window's dialog,
on a real data folder, offscreen — each file's result in words, the report saved as CSV,
a known candidate's change asked first, « Annuler » writing nothing."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil

import pytest
from PySide6.QtCore import Qt, QTimer
from sqlalchemy import func, select
from store_helpers import EXAMPLES_DIR, filled_store
from ui_walk import mnemonic_problems, unnamed

from app.store.candidates import find_candidate
from app.store.database import open_store
from app.store.import_report import HEADER
from app.store.models import CandidateRow
from app.store.sent import export_pdf
from app.store.workspace import CooraceSetup, save_coorace_setup
from ui.window import import_dialog
from ui.window.import_dialog import CANCELLED, HEADERS, ImportDialog


def candidates(store) -> int:
    with store.transaction() as session:
        return session.scalar(select(func.count(CandidateRow.id)))


@pytest.fixture
def received(tmp_path, rules, catalogue):
    """Two good JSON dossiers, a bad one, and a PDF dossier in a sub-folder."""
    folder = tmp_path / "recus"
    (folder / "sous").mkdir(parents=True)
    shutil.copy(EXAMPLES_DIR / "cip-eligible.json", folder / "a.json")
    shutil.copy(EXAMPLES_DIR / "cip-experience-insuffisante.json", folder / "b.json")
    (folder / "mauvais.json").write_text('{"format": "passerelle.dossier", ', encoding="utf-8")
    source = filled_store(tmp_path / "source")
    export_pdf(source, "c-2014-031", folder / "sous" / "c.pdf", rules, catalogue)
    source.close(automatic_backup=False)
    return folder


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "donnees", user="Claire Faucher")
    yield opened
    opened.close(automatic_backup=False)


@pytest.fixture
def dialog(qtbot, store, rules, catalogue):
    asked = []
    shown = ImportDialog(
        store, rules, catalogue, lambda parent, title, text: asked.append((title, text))
    )
    shown.asked = asked
    qtbot.addWidget(shown)
    shown.show()
    return shown


def test_a_folder_is_imported_file_by_file_each_result_in_words(dialog, store, received):
    report = dialog.run([received])
    assert [row[:5] for row in dialog.rows()] == [  # in the files' order
        ["a.json", "créé", "Éloïse Martinez", "c-2014-017", "438 172 065 00015"],
        ["b.json", "créé", "Karim Benali", "c-2014-023", "792 315 048 00019"],
        ["mauvais.json", "refusé", "", "", ""],
        ["c.pdf", "créé", "Sophie Lefèvre", "c-2014-031", "530 628 174 00027"],
    ]
    assert dialog.rows()[2][5].startswith("JSON invalide, ligne 1")  # why, in words
    assert dialog.table.item(2, 5).toolTip() == dialog.rows()[2][5]
    assert report.count("created") == 3 and report.count("refused") == 1
    assert (
        dialog.status.text() == "4 fichiers : 3 créés, 0 mis à jour, 0 sans changement, 1 refusé."
    )
    assert dialog.rate.text().startswith("4 / 4 fichiers lus — ")
    assert candidates(store) == 3 and dialog.asked == []  # new candidates: nothing asked
    assert [dialog.table.horizontalHeaderItem(c).text() for c in range(6)] == list(HEADERS)
    assert not dialog.table.item(0, 1).flags() & Qt.ItemFlag.ItemIsEditable
    assert dialog.table.isSortingEnabled()
    dialog.table.sortItems(1)
    assert dialog.table.item(dialog.table.rowCount() - 1, 1).text() == "refusé"
    assert dialog.cancel_button.isHidden() and dialog.close_button.isDefault()
    assert not unnamed(dialog) and not mnemonic_problems(dialog)


def test_the_report_is_saved_as_a_csv_that_opens_in_excel(dialog, received, tmp_path, monkeypatch):
    out = tmp_path / "rapport.csv"
    suggested = []
    monkeypatch.setattr(
        import_dialog, "choose_report_file", lambda parent, name: suggested.append(name) or out
    )
    dialog.run([received])
    dialog.save_button.click()
    assert re.fullmatch(r"rapport-import-\d{8}-\d{4}\.csv", suggested[0])
    data = out.read_bytes()
    assert data.startswith("\ufeff".encode())
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert lines[0] == HEADER
    by_file = {line[0].rsplit("/", 1)[-1]: line for line in lines[1:]}
    assert sorted(by_file) == ["a.json", "b.json", "c.pdf", "mauvais.json"]
    assert by_file["mauvais.json"][1] == "refusé"
    # the report keys the SIRET as 14 digits (the window shows it grouped)
    assert by_file["c.pdf"][1:5] == ["créé", "53062817400027", "c-2014-031", "Sophie Lefèvre"]
    assert str(out) in dialog.saved.text()


def test_annuler_at_the_first_step_writes_nothing(dialog, store, received):
    QTimer.singleShot(0, dialog.cancel_button.click)
    assert dialog.run([received]) is None
    assert dialog.status.text() == CANCELLED == "Import annulé : rien n'a été écrit."
    assert candidates(store) == 0 and dialog.table.isHidden() and dialog.isVisible()


def test_echap_during_the_import_cancels_it_and_closes_only_after(dialog, store, received):
    QTimer.singleShot(0, dialog.reject)
    assert dialog.run([received]) is None
    assert dialog.isVisible() and candidates(store) == 0
    dialog.reject()
    assert not dialog.isVisible()


@pytest.fixture
def changed(tmp_path):
    document = json.loads((EXAMPLES_DIR / "cip-eligible.json").read_text(encoding="utf-8"))
    document["candidate"]["job_title"] = "Conseillère"
    path = tmp_path / "modifie.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def job_title(store) -> str:
    with store.transaction() as session:
        return find_candidate(session, "c-2014-017").job_title


@pytest.mark.parametrize("agree, word", [(False, "non appliqué"), (True, "mis à jour")])
def test_a_known_candidate_changed_is_asked_first(
    qtbot, tmp_path, rules, catalogue, changed, agree, word
):
    store = filled_store(tmp_path / "connus")
    asked = []
    shown = ImportDialog(
        store, rules, catalogue, lambda parent, title, text: asked.append((title, text)) or agree
    )
    qtbot.addWidget(shown)
    shown.run([changed])
    ((title, text),) = asked
    assert title == "Modifier un candidat connu ?"
    assert text.startswith("Éloïse Martinez (réf. c-2014-017, SIRET 438 172 065 00015)")
    assert "« Conseillère »" in text and text.endswith("Appliquer ces modifications ?")
    assert shown.rows()[0][1] == word
    assert (job_title(store) == "Conseillère") is agree
    store.close(automatic_backup=False)


def test_in_cooraces_workspace_nothing_is_asked(qtbot, tmp_path, rules, catalogue, changed):
    store = filled_store(tmp_path / "coorace")
    save_coorace_setup(store, CooraceSetup("Service", "Anne Roux", "certif@coorace.invalid"))
    asked = []
    shown = ImportDialog(
        store, rules, catalogue, lambda parent, title, text: asked.append(text) or False
    )
    qtbot.addWidget(shown)
    shown.run([changed])
    assert asked == [] and shown.rows()[0][1] == "mis à jour"
    assert job_title(store) == "Conseillère"
    store.close(automatic_backup=False)


def test_a_folder_dropped_on_the_window_is_taken_with_the_dossier_files(tmp_path, received):
    from PySide6.QtCore import QMimeData, QUrl

    from ui.window.data_actions import dropped_dossiers

    note = tmp_path / "note.txt"
    note.write_text("x", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in (received, note, received / "a.json")])
    assert dropped_dossiers(mime) == [received, received / "a.json"]
