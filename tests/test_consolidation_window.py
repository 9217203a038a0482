"""COORACE's workspace in the window, on a real store filled by importing dossiers: the
regions and their ready candidates against the group size, the groups proposed and one
constituted from the dialog, its status, a member removed, the list for AFPA and the
answers to the structures written; each view walked as a screen reader does."""

from __future__ import annotations

import json
from datetime import date

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from store_helpers import sample_data
from test_accessibility import walk_problems

from app.consolidation.groups import group_lines
from app.rules import load_rules
from app.store.catalogue_in_use import load_catalogue_in_use
from app.store.database import open_store
from app.store.intake import import_paths
from app.store.workspace import CooraceSetup, save_coorace_setup
from ui.consolidation import dialogs
from ui.consolidation.workspace import ConsolidationView

REGIONS = {"Centre-Val de Loire": 8, "Bretagne": 4, "Pays de la Loire": 3}


def received(folder):
    """15 dossiers: 8 in Centre-Val de Loire (two structures), 4 in Bretagne, 3 in Pays de
    la Loire; the sample's candidate is eligible today."""
    folder.mkdir()
    index = 0
    for number, (region, count) in enumerate(REGIONS.items()):
        for k in range(count):
            data = sample_data("cip-eligible")
            siret = f"100000000000{2 * number + k % 2:02d}"
            data["structure"].update(siret=siret, region=region, name=f"Structure {siret[-2:]}")
            data["candidate"].update(ref=f"c-{index:04d}", last_name=f"Nom{index:02d}")
            path = folder / f"{index}.json"
            path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            index += 1
    return folder


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "coorace", user="Anne Roux")
    save_coorace_setup(
        opened, CooraceSetup("Service certification", "Anne Roux", "certif@coorace.invalid")
    )
    catalogue = load_catalogue_in_use(opened.data_dir)
    import_paths(opened, [received(tmp_path / "recus")], load_rules(), catalogue)
    yield opened
    opened.close(automatic_backup=False)


@pytest.fixture
def told(monkeypatch):
    said: list[tuple[str, str, bool]] = []
    monkeypatch.setattr(
        dialogs, "tell", lambda _p, title, text, problem=False: said.append((title, text, problem))
    )
    return said


@pytest.fixture
def view(qtbot, store, told):
    shown = ConsolidationView(store, load_rules(), load_catalogue_in_use(store.data_dir))
    qtbot.addWidget(shown)
    shown.resize(1400, 900)
    shown.show()
    shown.reload()
    return shown


def tree_rows(view) -> dict[str, list[list[str]]]:
    tree = view.regions.tree
    found = {}
    for index in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(index)
        children = [top.child(k) for k in range(top.childCount())]
        found[top.text(0)] = [[child.text(c) for c in range(4)] for child in children]
    return found


def constitute_first(qtbot, view, name: str) -> None:
    """« Constituer ce groupe » on the first proposal, its name typed in the dialog."""
    view.tabs.setCurrentWidget(view.proposals)
    qtbot.mouseClick(view.proposals.constitute_button, Qt.MouseButton.LeftButton)
    dialog = view.proposals.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.name.text().startswith("Groupe régional Centre-Val de Loire (")
    dialog.name.setFocus()
    dialog.name.selectAll()
    qtbot.keyClicks(dialog.name, name)
    qtbot.keyClicks(dialog.afpa_centre, "AFPA Tours")
    qtbot.keyClick(dialog.afpa_centre, Qt.Key.Key_Return)
    assert not dialog.isVisible()


def test_the_regions_show_dossiers_and_ready_candidates_against_the_group_size(view):
    rows = tree_rows(view)
    assert list(rows) == [
        "Bretagne — 4 dossiers, 4 prêts",
        "Centre-Val de Loire — 8 dossiers, 8 prêts",
        "Pays de la Loire — 3 dossiers, 3 prêts",
    ]
    assert rows["Centre-Val de Loire — 8 dossiers, 8 prêts"] == [
        ["Structure 00", "100 000 000 00000", "4", "4"],
        ["Structure 01", "100 000 000 00001", "4", "4"],
    ]
    ready = view.regions.ready
    shown = {}
    for row in range(ready.rowCount()):
        bar = view.regions.bar(row)
        shown[ready.item(row, 0).text()] = (
            bar.value(),
            bar.maximum(),
            bar.text(),
            ready.item(row, 2).text(),
            ready.item(row, 3).text(),
        )
    assert shown["Centre-Val de Loire"][:4] == (7, 7, "8 / 7", "groupe possible")
    assert shown["Bretagne"][:4] == (4, 7, "4 / 7", "en attente")
    assert shown["Pays de la Loire"][:4] == (3, 7, "3 / 7", "en attente")
    assert shown["Bretagne"][4].startswith("attente : ")  # ready since the agreement


def test_the_proposals_show_the_regional_group_with_its_reason(view):
    proposals = view.proposals
    assert proposals.date_edit.displayFormat() == "dd/MM/yyyy"
    assert proposals.on() == date.today()
    texts = [proposals.groups.item(k).text() for k in range(proposals.groups.count())]
    assert texts[0] == (
        "Groupe régional — Centre-Val de Loire : 8 candidats prêts (au moins 7) : groupe régional"
    )
    assert "Bretagne (4) + Pays de la Loire (3) = 7 : groupe inter-régional" in texts[1]
    assert proposals.constitute_button.isEnabled()


def test_a_group_is_constituted_then_moved_on_and_a_member_removed(qtbot, view, store, told):
    changes = []
    view.changed.connect(lambda: changes.append(1))
    constitute_first(qtbot, view, "Groupe Indre 2015")
    with store.transaction() as session:
        lines = group_lines(session)
    assert [(g.name, g.members, g.status, g.afpa_centre) for g in lines] == [
        ("Groupe Indre 2015", 8, "proposed", "AFPA Tours")
    ]
    assert changes == [1] and not told
    remaining = [view.proposals.groups.item(k).text() for k in range(view.proposals.groups.count())]
    assert not any("Centre-Val de Loire" in text for text in remaining)
    assert view.regions.bar(1).text() == "0 / 7"  # Centre-Val de Loire's are in the group

    groups = view.groups
    view.tabs.setCurrentWidget(groups)
    assert groups.groups.rowCount() == 1
    assert groups.groups.item(0, 4).text() == "proposé"
    assert groups.member_table.rowCount() == 8
    assert not groups.back_button.isEnabled()
    qtbot.mouseClick(groups.next_button, Qt.MouseButton.LeftButton)
    assert groups.groups.item(0, 4).text() == "constitué"
    assert groups.back_button.isEnabled()

    groups.member_table.selectRow(0)
    leaving = groups.current_member()
    qtbot.mouseClick(groups.remove_button, Qt.MouseButton.LeftButton)
    dialog = groups.dialog
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible() and dialog.problem.isVisibleTo(dialog)  # the reason is required
    qtbot.keyClicks(dialog.reason, "Demenagement")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert not dialog.isVisible()
    assert groups.groups.item(0, 3).text() == "7"
    gone = [m for m in groups.members if m.left_on is not None]
    assert [(m.candidate_id, m.left_reason) for m in gone] == [
        (leaving.candidate_id, "Demenagement")
    ]
    assert groups.member_table.item(7, 6).text() == "Demenagement"  # gone ones last
    assert not told


def test_a_refused_change_is_told_in_french(qtbot, view, store, told):
    constitute_first(qtbot, view, "Groupe Indre 2015")
    groups = view.groups
    groups.member_table.selectRow(0)
    member = groups.current_member()
    with store.transaction() as session:
        from app.consolidation.groups import find_group, remove_member

        remove_member(session, find_group(session, "Groupe Indre 2015"), member.candidate_id,
                      "Ailleurs", store.user, date.today())  # fmt: skip
    groups.ask_remove()  # the window still shows them as a member
    qtbot.keyClicks(groups.dialog.reason, "Encore")
    groups.dialog.accept()
    assert told == [
        ("Membre non retiré", "Ce candidat n'est pas membre du groupe « Groupe Indre 2015 ».", True)
    ]


def test_the_afpa_list_and_the_answers_are_written(qtbot, view, tmp_path, told, monkeypatch):
    constitute_first(qtbot, view, "Groupe Indre 2015")
    groups = view.groups
    out = tmp_path / "afpa.xlsx"
    monkeypatch.setattr(dialogs, "afpa_file", lambda _parent, suggested: out)
    qtbot.mouseClick(groups.afpa_button, Qt.MouseButton.LeftButton)
    assert told[-1] == ("Liste pour l'AFPA", f"Liste écrite (8 membres) : {out}", False)
    book = openpyxl.load_workbook(out)
    assert book.properties.title.startswith("Groupe Indre 2015")
    values = list(book.active.iter_rows(values_only=True))
    assert values[0][:3] == ("Structure", "SIRET", "Région")
    assert len(values) == 9
    assert {row[2] for row in values[1:]} == {"Centre-Val de Loire"}
    assert sorted(row[5] for row in values[1:]) == [f"c-{k:04d}" for k in range(8)]

    folder = tmp_path / "reponses"
    monkeypatch.setattr(dialogs, "answers_folder", lambda _parent: folder)
    qtbot.mouseClick(groups.answers_button, Qt.MouseButton.LeftButton)
    title, text, problem = told[-1]
    assert (title, problem) == ("Réponses aux structures", False)
    assert text == f"2 réponses et 2 brouillons de courriel écrits dans {folder}."
    assert len(list(folder.glob("*.json"))) == 2 and len(list(folder.glob("*.eml"))) == 2
    qtbot.mouseClick(groups.answers_button, Qt.MouseButton.LeftButton)  # never over them
    assert told[-1][2] is True and "existent déjà" in told[-1][1]


def test_every_view_and_dialog_is_named_for_a_screen_reader(qtbot, view):
    problems = []
    for index in range(view.tabs.count()):
        view.tabs.setCurrentIndex(index)
        problems += walk_problems(view, {"f", "p", "o", "a"})  # the menu bar's letters
    constitute_first(qtbot, view, "Groupe Indre 2015")
    view.tabs.setCurrentWidget(view.groups)
    problems += walk_problems(view, {"f", "p", "o", "a"})
    view.groups.member_table.selectRow(0)
    view.groups.ask_remove()
    problems += walk_problems(view.groups.dialog)
    view.groups.dialog.reject()
    qtbot.mouseClick(view.proposals.constitute_button, Qt.MouseButton.LeftButton)
    problems += walk_problems(view.proposals.dialog)
    assert not problems, "\n".join(problems)


def test_a_member_changes_group_with_a_reason(qtbot, view, store):
    constitute_first(qtbot, view, "Groupe Indre 2015")
    second = view.proposals.groups.item(0).text()
    assert "Bretagne (4) + Pays de la Loire (3)" in second
    qtbot.mouseClick(view.proposals.constitute_button, Qt.MouseButton.LeftButton)
    view.proposals.dialog.accept()
    groups = view.groups
    groups.groups.selectRow(0)
    groups.member_table.selectRow(0)
    moving = groups.current_member()
    qtbot.mouseClick(groups.move_button, Qt.MouseButton.LeftButton)
    dialog = groups.dialog
    assert dialog.target.count() == 1 and "Bretagne + Pays de la Loire" in dialog.target.itemText(0)
    qtbot.keyClicks(dialog.reason, "Plus proche de Rennes")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    with store.transaction() as session:
        assert [g.members for g in group_lines(session)] == [7, 8]
    assert groups.current_group().name == "Groupe Indre 2015"  # still the one chosen
    groups.groups.selectRow(1)
    assert moving.candidate_id in {m.candidate_id for m in groups.members if m.left_on is None}


def test_another_date_reads_the_proposal_again(view):
    view.proposals.date_edit.setDate(date(2014, 1, 1))  # before the employers' agreement
    assert view.proposals.groups.count() == 1
    assert view.proposals.groups.item(0).text() == "Aucun groupe possible à cette date."
    assert not view.proposals.constitute_button.isEnabled()
    assert view.regions.bar(0).text() == "0 / 7"
