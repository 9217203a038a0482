"""The candidate list in the window, offscreen: SQL-backed model, search, filters."""

from datetime import date, datetime

import pytest
from sqlalchemy import insert, select
from store_helpers import EXAMPLES_DIR, filled_store

from app.store.candidates import find_candidate
from app.store.listing import Listing, ListQuery
from app.store.models import CandidateRow, StructureRow
from app.store.summaries import refresh_summaries
from app.text import folded
from ui.window import main_window
from ui.window.candidate_list_model import COLUMNS, PAGE, CandidateListModel
from ui.window.import_dialog import ImportDialog
from ui.window.main_window import MainWindow


@pytest.fixture
def store(tmp_path, rules, catalogue):
    store = filled_store(tmp_path / "donnees")
    refresh_summaries(store, rules, catalogue, date(2015, 1, 15))
    yield store
    if store._lock.is_locked:
        store.close(automatic_backup=False)


@pytest.fixture
def listing(store):
    listing = Listing.open(store.path)
    yield listing
    listing.close()


def test_model_passes_qt_checks(qtmodeltester, listing):
    qtmodeltester.check(CandidateListModel(listing))


def test_window_lists_searches_and_shows_a_candidate(qtbot, store):
    window = MainWindow(store)
    qtbot.addWidget(window)
    panel = window.candidate_list
    model = panel.model
    assert [model.data(model.index(r, 0)) for r in range(model.rowCount())] == [
        "Benali Karim",
        "Lefèvre Sophie",
        "Martinez Éloïse",
    ]
    assert [model.headerData(c, qtbot_horizontal()) for c in range(len(COLUMNS))][3] == (
        "Verdict CIP"
    )
    qtbot.keyClicks(panel.search, "eloise")
    assert model.rowCount() == 1 and model.data(model.index(0, 3)) == "Éligible"
    panel.search.clear()
    panel.verdict.setCurrentIndex(panel.verdict.findData("in_progress"))
    assert model.rowCount() == 1 and model.data(model.index(0, 0)) == "Lefèvre Sophie"
    assert model.data(model.index(0, 6)) == "01/10/2019"
    from PySide6.QtCore import QDate

    window.evaluation_view.date_edit.setDate(QDate(2015, 1, 15))
    panel.table.selectRow(0)
    assert window.evaluation.cisp.verdict == "in_progress"
    assert "Sophie Lefèvre" in window.evaluation_view.file_label.text()
    assert panel.count.text() == "1 candidat"
    window.close()


def qtbot_horizontal():
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal


def test_sorting_is_done_by_sql(listing):
    from PySide6.QtCore import Qt

    model = CandidateListModel(listing)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(0, 0)) == "Martinez Éloïse"
    model.sort(6, Qt.SortOrder.AscendingOrder)
    assert model.data(model.index(0, 6)) == "01/10/2019"  # empty deadlines come last


def test_import_from_the_window_asks_before_changing_a_candidate(
    qtbot, store, monkeypatch, tmp_path
):
    import json

    changed = json.loads((EXAMPLES_DIR / "cip-eligible.json").read_text(encoding="utf-8"))
    changed["candidate"]["job_title"] = "Conseillère"
    path = tmp_path / "modifie.json"
    path.write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")
    asked = []
    monkeypatch.setattr(main_window, "choose_import_files", lambda parent: [path])
    monkeypatch.setattr(
        main_window, "confirm", lambda parent, title, text: asked.append((title, text)) or False
    )
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.import_dossiers()
    ((title, text),) = asked
    assert title == "Modifier un candidat connu ?"
    assert text.startswith("Éloïse Martinez (réf. c-2014-017, SIRET 438 172 065 00015)")
    assert "« Accompagnatrice socioprofessionnelle » → « Conseillère »" in text
    assert text.endswith("Appliquer ces modifications ?")
    assert "1 non appliqué" in window.statusBar().currentMessage()
    with store.transaction() as session:
        assert find_candidate(session, "c-2014-017").job_title != "Conseillère"
    monkeypatch.setattr(main_window, "confirm", lambda parent, title, text: True)
    window.import_dossiers()
    assert "1 mis à jour" in window.statusBar().currentMessage()
    with store.transaction() as session:
        assert find_candidate(session, "c-2014-017").job_title == "Conseillère"
    window.close()


def test_ten_thousand_candidates_first_page_for_a_filter(qtbot, store, listing):
    now = datetime(2015, 1, 15)
    with store.transaction() as session:
        structure = session.scalars(select(StructureRow)).first().id
        rows = []
        for index in range(10_000):
            last, first = f"Nom{index:05d}", ("Éloïse" if index % 7 == 0 else "Karim")
            rows.append(
                {
                    "structure_id": structure,
                    "ref": f"r{index:05d}",
                    "last_name": last,
                    "first_name": first,
                    "job_title": "Accompagnatrice",
                    "sort_key": folded(f"{last} {first}"),
                    "search_text": folded(f"{last} {first} Accompagnatrice r{index:05d}"),
                    "created_at": now,
                    "updated_at": now,
                    "paths": "CIP",
                    "cip_verdict": "eligible" if index % 2 else "incomplete",
                    "next_step": "",
                    "summary_on": date(2015, 1, 15),
                }
            )
        session.execute(insert(CandidateRow), rows)
    model = CandidateListModel(listing)
    model.set_query(ListQuery(text="eloise", verdict="eligible"))
    generated = [f"Nom{i:05d} Éloïse" for i in range(10_000) if i % 7 == 0 and i % 2]
    expected = ["Martinez Éloïse", *generated][:PAGE]  # the sample sorts before « Nom… »
    assert [model.data(model.index(r, 0)) for r in range(model.rowCount())] == expected
    assert model.total is None  # a full page: counted on the side thread
    qtbot.waitUntil(lambda: model.total == 1 + len(generated), timeout=5000)
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == min(2 * PAGE, model.total)
    assert len(listing.page(ListQuery(text="ELOÏSE"), limit=5)) == 5
    model.set_query(ListQuery(text="nom0000"))  # Nom00000 to Nom00009: not a full page
    assert model.total == 10 and not model.canFetchMore()
    model.close()


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen tooltip window
def test_a_cut_cell_shows_its_whole_text_as_tooltip(qtbot, store):
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    table = window.candidate_list.table
    rect = table.visualRect(window.candidate_list.model.index(0, 5))  # next step of the first line
    event = QHelpEvent(
        QEvent.Type.ToolTip, rect.center(), table.viewport().mapToGlobal(rect.center())
    )
    assert window.candidate_list.eventFilter(table.viewport(), event)
    assert QToolTip.text() == window.candidate_list.model.line(0).next_step
    outside = QHelpEvent(QEvent.Type.ToolTip, QPoint(5, 5000), QPoint(5, 5000))
    assert window.candidate_list.eventFilter(table.viewport(), outside)
    window.close()


def test_import_from_the_window_refuses_a_200_mb_file_unread_and_imports_nothing(
    qtbot, store, monkeypatch, tmp_path
):
    from limit_documents import huge_file

    path = huge_file(tmp_path / "enorme.json", 200_000_000, b'{"format": "passerelle.dossier"')
    told = []
    monkeypatch.setattr(main_window, "choose_import_files", lambda parent: [path])
    monkeypatch.setattr(
        main_window, "show_problems", lambda parent, title, lines: told.append((title, lines))
    )
    before = store.path.read_bytes()
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.import_dossiers()
    (dialog,) = window.findChildren(ImportDialog)
    assert told == [] and dialog.rows() == [
        [
            "enorme.json",
            "refusé",
            "",
            "",
            "",
            "fichier de 200 Mo, au plus 2 Mo : ce n'est pas un dossier Passerelle",
        ]
    ]
    assert "1 refusé" in window.statusBar().currentMessage()
    assert store.path.read_bytes() == before
    window.close()
