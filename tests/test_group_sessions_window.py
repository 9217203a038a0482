"""The collective accompaniment in COORACE's window, on a real store filled by importing
dossiers and a group constituted: the calendar entered from the keyboard (CIP-MOB said
live as the day is typed, a half-day taken off, refused once attended), attendance as a
roll call (P, E, A; the cursor goes down), the board following it and a dossier received
later, the sheets, the convocations and the funder's summary written and read back."""

from __future__ import annotations

import json
from datetime import date

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select
from test_consolidation_window import received
from test_words import pdf_text

from app.consolidation.groups import group_lines, record_group
from app.consolidation.readiness import proposal_on
from app.rules import load_rules
from app.store.catalogue_in_use import load_catalogue_in_use
from app.store.database import open_store
from app.store.history import history_lines
from app.store.intake import import_paths
from app.store.models import AuditRow, CandidateRow
from app.store.workspace import CooraceSetup, save_coorace_setup
from ui.consolidation import dialogs
from ui.consolidation.workspace import ConsolidationView

FIRST = date(2027, 1, 11)
FORMED = date(2026, 12, 1)  # the group's day, before FIRST whatever the day the tests run


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "coorace", user="Anne Roux")
    save_coorace_setup(
        opened, CooraceSetup("Service certification", "Anne Roux", "certif@coorace.invalid")
    )
    rules, catalogue = load_rules(), load_catalogue_in_use(opened.data_dir)
    import_paths(opened, [received(tmp_path / "recus")], rules, catalogue)
    with opened.transaction() as session:
        proposal, _ready = proposal_on(session, FORMED, rules, catalogue)
        record_group(session, proposal.groups[0], opened.user, FORMED)
    yield opened
    opened.close(automatic_backup=False)


@pytest.fixture
def told(monkeypatch):
    said: list[tuple[str, str, bool]] = []

    def tell(_parent, title, text, problem=False, pdf=None):
        said.append((title, text, problem))

    monkeypatch.setattr(dialogs, "tell", tell)
    return said


@pytest.fixture
def view(qtbot, store, told):
    shown = ConsolidationView(store, load_rules(), load_catalogue_in_use(store.data_dir))
    qtbot.addWidget(shown)
    shown.resize(1500, 950)
    shown.show()
    shown.proposals.date_edit.setDate(FORMED)  # the workspace's date, as COORACE sets it
    shown.reload()
    shown.tabs.setCurrentWidget(shown.groups)
    return shown


@pytest.fixture
def groups(view):
    return view.groups


def type_day(qtbot, field, day: date) -> None:
    """Types the date as a counsellor does, over what the field held."""
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, f"{day:%d/%m/%Y}")


def add_day(qtbot, calendar, day: date) -> None:
    type_day(qtbot, calendar.day, day)
    qtbot.keyClick(calendar.day, Qt.Key.Key_Return)  # Entrée adds it


def test_the_calendar_from_the_keyboard_with_cip_mob_said_live(qtbot, groups, store, told):
    calendar = groups.calendar
    groups.detail.setCurrentWidget(calendar)
    calendar.place.setText("Châteauroux")
    for month in range(5):  # five whole days, a month apart: exactly 5 days
        add_day(qtbot, calendar, date(2027, 1 + month, 11))
    assert calendar.table.rowCount() == 10 and not told
    assert calendar.day.hasFocus()  # back on the day, for the next one
    assert "CIP-MOB — Calendrier actuel : 5 jours prévus" in calendar.mobilisation.text()
    qtbot.keyClicks(calendar.day, "12/06/2027")  # a sixth, over the day selected
    assert calendar.day.text() == "12/06/2027"
    said = calendar.mobilisation.text()
    assert said.startswith("CIP-MOB — Avec ce jour (1 jour de plus) : Mobilisation hors règle")
    assert "1 jour de trop (au plus 5 jours)" in said
    calendar.afternoon.setChecked(False)
    assert "0,5 jour de trop" in calendar.mobilisation.text()
    calendar.kind.setCurrentIndex(calendar.kind.findData("info_targeted"))
    assert "Calendrier actuel" in calendar.mobilisation.text()  # a meeting is no collective day

    type_day(qtbot, calendar.day, date(2027, 6, 12))
    calendar.day.setText("31/02/2027")  # no such day: said under the field, nothing added
    qtbot.keyClick(calendar.day, Qt.Key.Key_Return)
    assert calendar.day_check.label.text() == "« 31/02/2027 » n'existe pas dans le calendrier"
    calendar.day.clear()
    qtbot.keyClick(calendar.day, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: calendar.day_check.label.text() == "Tapez le jour à ajouter (JJ/MM/AAAA)."
    )
    assert calendar.table.rowCount() == 10 and not told

    calendar.table.selectRow(9)  # 11/05 après-midi, typed by mistake: taken off
    calendar.remove_button.click()
    assert calendar.table.rowCount() == 9 and not told
    calendar.table.selectRow(0)
    assert calendar.current_slot()[:2] == (FIRST, "matin")


def test_attendance_as_a_roll_call_and_the_board_following(qtbot, groups, store, told):
    calendar = groups.calendar
    add_day(qtbot, calendar, FIRST)
    attendance = groups.attendance
    groups.detail.setCurrentWidget(attendance)
    table = attendance.table
    assert table.columnCount() == 2  # two half-days; the members are the rows
    assert table.horizontalHeaderItem(0).text() == "11/01\nmatin"
    assert table.verticalHeaderItem(0).text().startswith(groups.members[0].name)
    table.setFocus()
    table.setCurrentCell(0, 0)
    for key in (Qt.Key.Key_P, Qt.Key.Key_P, Qt.Key.Key_E, Qt.Key.Key_A):
        qtbot.keyClick(table, key)
    assert (table.currentRow(), table.currentColumn()) == (4, 0)  # down after each entry
    assert [table.item(r, 0).text() for r in range(5)] == [
        "présent", "présent", "excusé", "absent", ""
    ]  # fmt: skip
    table.setCurrentCell(0, 1)
    qtbot.keyClick(table, Qt.Key.Key_P)
    header = table.verticalHeaderItem
    assert header(0).text().endswith("\n1 j sur 1 j prévus — CIP-MOB respectée")
    assert header(1).text().endswith("\n0,5 j sur 1 j prévus — CIP-MOB respectée")
    table.setCurrentCell(0, 0)
    qtbot.keyClick(table, Qt.Key.Key_A)  # corrected: the change is recorded too
    assert table.item(0, 0).text() == "absent" and not told
    first = groups.members[0]
    with store.transaction() as session:
        audit = session.scalars(
            select(AuditRow).where(AuditRow.candidate_id == first.candidate_id)
        ).all()
        lines = history_lines(session, first.candidate_id)
    assert any('"present", "absent"' in a.changes for a in audit)
    assert sum("Présence aux journées collectives" in line for line in lines) == 3

    groups.detail.setCurrentWidget(groups.board)
    board = groups.board.table
    row = next(r for r in range(board.rowCount()) if board.item(r, 0).text() == first.name)
    assert board.item(row, 7).text() == "0,5 j sur 1 j prévus — CIP-MOB respectée"

    calendar.table.selectRow(0)  # attended: it stays on the calendar
    calendar.remove_button.click()
    title, text, _problem = told[-1]
    assert title == "Rien n'a été supprimé" and "Des présences sont enregistrées" in text
    assert calendar.table.rowCount() == 2


def test_a_dossier_received_later_shows_on_the_board(qtbot, view, groups, store, tmp_path):
    groups.detail.setCurrentWidget(groups.board)
    board = groups.board
    assert "0 entré en VAE" in board.summary.text()
    member = groups.members[0]
    with store.transaction() as session:
        row = session.get(CandidateRow, member.candidate_id)
        siret, ref = row.structure.siret, row.ref
    from store_helpers import sample_data

    data = sample_data("cip-eligible")
    data["structure"].update(siret=siret, region="Centre-Val de Loire", name=row.structure.name)
    data["candidate"].update(ref=ref, last_name=member.name.split()[-1])
    data["cip"].update(admissibility_filed_on="2026-10-01", admissibility_decision_on="2026-10-15")
    data["exported_at"] = "2026-10-16T09:00:00+02:00"
    later = tmp_path / "ensuite"
    later.mkdir()
    (later / "a.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    report = import_paths(store, [later], load_rules(), load_catalogue_in_use(store.data_dir))
    assert [o.outcome for o in report.outcomes] == ["updated"]
    view.reload()  # as the window does after an import
    assert "1 entré en VAE" in board.summary.text()
    table = board.table
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == member.name)
    assert table.item(row, 2).text() == "déposée le 01/10/2026, décidée le 15/10/2026"
    assert table.item(row, 6).text().startswith("15/01/2027 — ")


def test_sheets_convocations_and_the_funders_summary_written(
    qtbot, groups, store, told, tmp_path, monkeypatch
):
    calendar = groups.calendar
    calendar.place.setText("Châteauroux, salle 2")
    add_day(qtbot, calendar, FIRST)
    groups.attendance.table.setCurrentCell(0, 0)
    groups.attendance.enter(0, 0, "present")
    out = tmp_path / "sorties"
    out.mkdir()
    files = iter([out / "vierge.pdf", out / "remplie.pdf", out / "vierge.pdf"])
    monkeypatch.setattr(dialogs, "pdf_file", lambda *_a: next(files))
    calendar.table.selectRow(0)
    calendar.blank_button.click()
    calendar.filled_button.click()
    calendar.blank_button.click()  # the same name again: refused, nothing written over
    assert told[-1][2] and "existe déjà" in told[-1][1]
    blank, filled = pdf_text(out / "vierge.pdf"), pdf_text(out / "remplie.pdf")
    assert "Feuille d'émargement" in blank and "11/01/2027" in blank and "Châteauroux" in blank
    assert "présent" not in blank and filled.count("présent") == 1
    first_name = groups.members[0].name.split()[-1]
    assert blank.count(first_name) == 1  # every member once

    monkeypatch.setattr(dialogs, "folder", lambda *_a: out / "convocations")
    calendar.convocations_button.click()
    assert told[-1][0] == "Convocations" and "8 convocations" in told[-1][1]
    assert len(list((out / "convocations").glob("*.pdf"))) == 8
    assert len(list((out / "convocations").glob("*.eml"))) == 8

    board = groups.board
    monkeypatch.setattr(dialogs, "xlsx_file", lambda *_a: out / "financeur.xlsx")
    monkeypatch.setattr(dialogs, "pdf_file", lambda *_a: out / "financeur.pdf")
    board.xlsx_button.click()
    board.pdf_button.click()
    assert not told[-1][2] and not told[-2][2]
    rows = list(openpyxl.load_workbook(out / "financeur.xlsx").active.iter_rows(values_only=True))
    total = next(r for r in rows if r[0] == "Total")
    assert total[6] == 8 * 1080
    summary = pdf_text(out / "financeur.pdf")
    assert "Synthèse pour le financeur" in summary and "8 membres" in summary
    assert group_lines_names(store)[0] in summary


def group_lines_names(store) -> list[str]:
    with store.transaction() as session:
        return [line.name for line in group_lines(session)]


def test_ctrl_tab_goes_from_room_to_room_of_the_group(qtbot, groups):
    groups.detail.setCurrentIndex(0)
    groups.member_table.setFocus()
    firsts = (groups.board.table, groups.calendar.day, groups.attendance.table)
    for room, first in zip((groups.board, groups.calendar, groups.attendance), firsts, strict=True):
        focused = QApplication.focusWidget() or groups.member_table
        qtbot.keyClick(focused, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
        assert groups.detail.currentWidget() is room
        assert QApplication.focusWidget() is first  # the cursor where one types next


def test_entree_on_a_group_goes_into_its_room(qtbot, groups):
    groups.detail.setCurrentWidget(groups.calendar)
    groups.groups.setFocus()
    groups.groups.setCurrentCell(0, 0)
    qtbot.keyClick(groups.groups, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is groups.calendar.day
