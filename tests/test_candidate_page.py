"""The candidate page: create, edit, search, delete; live total; the unsaved-changes guard."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from store_helpers import filled_store, rows
from tests_setup import OWN_STRUCTURE

from app.store.structure import Setup, save_setup
from app.store.summaries import refresh_summaries
from ui.candidate import page as candidate_page
from ui.candidate.page import DISCARD, STAY
from ui.window.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path, rules, catalogue, monkeypatch):
    store = filled_store(tmp_path / "donnees")
    save_setup(store, Setup(OWN_STRUCTURE, "formationcertifiante@coorace.org", "Claire"))
    refresh_summaries(store, rules, catalogue, date.today())
    problems = []
    monkeypatch.setattr(
        candidate_page, "tell_problems", lambda parent, lines: problems.extend(lines)
    )
    # pytest-qt closes the window right after each test: unsaved changes are then dropped
    monkeypatch.setattr(candidate_page, "ask_unsaved", lambda parent: DISCARD)
    shown = MainWindow(store)
    shown.problems = problems
    qtbot.addWidget(shown)
    yield shown


def names(window):
    model = window.candidate_list.model
    return [model.data(model.index(r, 0)) for r in range(model.rowCount())]


def test_create_a_candidate_with_experience_and_find_it(window, qtbot):
    window.new_candidate()
    page = window.page
    assert window.views.currentWidget() is page and not page.dirty
    qtbot.keyClicks(page.identity.ref, "c-2015-001")
    qtbot.keyClicks(page.identity.last_name, "Ngoma")
    page.identity.first_name.setText("Anaïs")  # QTest types ASCII only
    qtbot.keyClicks(page.identity.job_title, "Accompagnatrice")
    assert page.dirty
    page.experiences.rows.add_row()
    table = page.experiences.rows.table
    table.item(0, 3).setText("01/01/2010")
    assert page.experiences.total.text().startswith("<b>Total fusionné : ")
    assert "CIP-EXP : Respectée" in page.experiences.total.text()
    assert page.save()
    assert not page.dirty
    assert "Ngoma Anaïs" in names(window)
    qtbot.keyClicks(window.candidate_list.search, "anais")
    assert names(window) == ["Ngoma Anaïs"]


def test_a_bad_date_is_refused_with_its_place_named(window):
    window.new_candidate()
    page = window.page
    page.identity.ref.setText("c-x")
    page.identity.last_name.setText("X")
    page.identity.first_name.setText("Y")
    page.experiences.rows.add_row()
    page.experiences.rows.table.item(0, 3).setText("31/02/2014")
    assert not page.save()
    assert window.problems == [
        "Expériences, ligne 1, début : « 31/02/2014 » n'existe pas dans le calendrier"
    ]
    assert "Ngoma" not in " ".join(names(window))


def test_edit_is_saved_and_audited(window):
    window.candidate_list.table.selectRow(2)  # Martinez Éloïse
    page = window.page
    assert page.identity.last_name.text() == "Martinez"
    page.identity.job_title.setText("Conseillère en insertion")
    assert page.dirty
    assert page.save()
    changes = rows(window.store.path, "SELECT changes FROM audit_log WHERE action = 'update'")
    assert "Conseillère en insertion" in changes[-1][0]
    assert any(
        "modification (Identité, poste)" in line
        for line in [
            page.history.entries.item(i).text() for i in range(page.history.entries.count())
        ]
    )


def test_leaving_with_unsaved_changes_asks_first(window, monkeypatch):
    window.candidate_list.table.selectRow(0)  # Benali
    page = window.page
    page.identity.phone.setText("06 00 00 00 00")
    asked = []
    monkeypatch.setattr(candidate_page, "ask_unsaved", lambda parent: asked.append(1) or STAY)
    window.candidate_list.table.selectRow(1)
    assert asked and page.identity.last_name.text() == "Benali" and page.dirty
    # the list shows again the candidate the page still holds
    current = window.candidate_list.table.currentIndex().row()
    assert window.candidate_list.model.line(current).id == page.candidate_id
    monkeypatch.setattr(candidate_page, "ask_unsaved", lambda parent: DISCARD)
    window.show_candidate(window.candidate_list.model.line(1).id)
    assert page.identity.last_name.text() == "Lefèvre" and not page.dirty


def test_delete_asks_and_is_final(window, monkeypatch):
    window.candidate_list.table.selectRow(1)  # Lefèvre
    monkeypatch.setattr(candidate_page, "ask_delete", lambda parent, who: False)
    window.page.delete()
    assert "Lefèvre Sophie" in names(window)
    monkeypatch.setattr(candidate_page, "ask_delete", lambda parent, who: "Sophie" in who)
    window.page.delete()
    assert "Lefèvre Sophie" not in names(window)
    assert not window.page.isEnabled()
    assert window.page.identity.last_name.text() == ""  # nothing of her left on screen
    assert window.dossier is None and window.evaluation is None


def test_a_reference_in_use_or_a_future_birth_date_is_refused(window):
    window.new_candidate()
    page = window.page
    page.identity.ref.setText("c-2014-017")  # Éloïse Martinez's
    page.identity.last_name.setText("Dupont")
    page.identity.first_name.setText("Jean")
    assert not page.save()
    assert "déjà celle d'Éloïse Martinez" in window.problems[-1]
    assert "Martinez Éloïse" in names(window) and "Dupont Jean" not in names(window)
    page.identity.ref.setText("c-2026-001")
    page.identity.birth_date.setText("01/01/2090")
    assert not page.save()
    assert "naissance : « 01/01/2090 » est dans le futur" in window.problems[-1]


def test_taking_a_candidate_off_a_path_asks_first(window, monkeypatch):
    cip_candidate = next(
        r
        for r in range(window.candidate_list.model.rowCount())
        if "CIP" in window.candidate_list.model.data(window.candidate_list.model.index(r, 2))
    )
    window.candidate_list.table.selectRow(cip_candidate)
    page = window.page
    assert page.cip.enabled.isChecked()
    page.cip.enabled.setChecked(False)
    monkeypatch.setattr(candidate_page, "ask_drop_path", lambda parent, path: False)
    assert not page.save()
    assert page.dirty  # nothing saved, the page still shows the change
    monkeypatch.setattr(candidate_page, "ask_drop_path", lambda parent, path: path == "cip")
    assert page.save()
    assert not page.cip.enabled.isChecked()


def test_a_course_added_by_hand_stays_so_when_its_date_is_corrected(window, qtbot):
    from store_helpers import sample_data, save_data

    document = sample_data("cisp-en-cours")
    document["courses"].append(
        {
            "code": "CF-XYZ-99",
            "title": "Formation absente du catalogue",
            "ended_on": "2015-02-01",
            "attestation": None,
            "added_by_hand": True,
        }
    )
    ident = save_data(window.store, document)
    window.show_candidate(ident)
    rows = window.page.courses.rows.table
    last = rows.rowCount() - 1
    assert rows.item(last, 4).checkState() == Qt.CheckState.Checked
    rows.item(last, 2).setText("02/02/2015")
    assert window.page.save()
    with window.store.transaction() as session:
        from app.store.candidates import candidate_dossier

        course = candidate_dossier(session, ident).courses[-1]
    assert (course.ended_on, course.added_by_hand) == (date(2015, 2, 2), True)


def test_an_employer_too_long_is_refused_in_words_and_nothing_is_saved(window):
    window.new_candidate()
    page = window.page
    page.identity.ref.setText("c-long")
    page.identity.last_name.setText("Long")
    page.identity.first_name.setText("Employeur")
    page.experiences.rows.add_row()
    page.experiences.rows.table.item(0, 3).setText("01/01/2010")
    page.experiences.rows.table.item(0, 0).setText("E" * 250)
    said = "Expériences, ligne 1, employeur : 250 caractères, au plus 200"
    assert page.experiences.total.text() == f"Saisie à compléter : {said}"
    assert not page.save()
    assert window.problems == [said]
    assert "Long Employeur" not in names(window)
    page.experiences.rows.table.item(0, 0).setText("E" * 200)  # at the limit: kept whole
    assert page.save()
    assert rows(window.store.path, "SELECT employer FROM experience_periods ORDER BY id")[-1:] == [
        ("E" * 200,)
    ]
