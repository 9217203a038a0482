"""The CIP wizard driven as a counsellor does (real widgets offscreen, a real SQLite file):
both branches of the positioning test, Back/Next, refusals, drafts, and what is stored
evaluating — through `passerelle evaluate` — to what the summary showed."""

from __future__ import annotations

import json
from datetime import date

import pytest
from store_helpers import filled_store, rows
from test_cli import passerelle

from app.evaluation import evaluation_to_data
from app.store.candidates import candidate_dossier, find_candidate
from app.store.drafts import load_draft
from app.store.history import history_lines
from ui.wizards import base as wizard_base
from ui.wizards.cip.wizard import (
    AGREEMENT,
    EXPERIENCE,
    FINANCING,
    GAPS,
    MEETINGS,
    POSITIONING,
    SUMMARY,
    UPGRADING,
    VAE,
    CipWizard,
)

REF = "c-2014-023"  # a sample on the CIP path with no score yet


@pytest.fixture(autouse=True)
def closing_drops_what_was_typed(monkeypatch):
    """pytest-qt closes a wizard left open: it is then thrown away, without the question
    (a test that answers it replaces this)."""
    monkeypatch.setattr(wizard_base, "ask_cancel", lambda _parent: wizard_base.DISCARD)


@pytest.fixture
def store(tmp_path):
    opened = filled_store(tmp_path / "donnees")
    yield opened
    opened.close(automatic_backup=False)


def candidate_id(store, ref: str = REF) -> int:
    with store.transaction() as session:
        return find_candidate(session, ref).id


def open_wizard(qtbot, store, rules, catalogue, ref: str = REF) -> CipWizard:
    wizard = CipWizard(store, rules, catalogue, candidate_id(store, ref))
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def go_next(wizard: CipWizard) -> str:
    """Next; the page's refusal when it stays."""
    before = wizard.currentId()
    wizard.next()
    return wizard.currentPage().error.text() if wizard.currentId() == before else ""


def answer_every_gap(wizard: CipWizard, status: str = "yes") -> None:
    page = wizard.page(GAPS)
    for choice, _note in page.answers.values():
        choice.setCurrentIndex(choice.findData(status))


def walk_to_positioning(wizard: CipWizard) -> None:
    page = wizard.page(AGREEMENT)
    page.given_on.setText("15/09/2014")
    page.signatory.setText("Bernard Aubry, directeur")
    assert go_next(wizard) == ""
    assert go_next(wizard) == ""  # experience: the periods as stored
    meetings = wizard.page(MEETINGS)
    meetings.collective.setText("02/10/2014")
    meetings.targeted.setText("16/10/2014")
    assert go_next(wizard) == ""
    answer_every_gap(wizard)
    wizard.page(GAPS).answers["CIP-3.1"][0].setCurrentIndex(
        wizard.page(GAPS).answers["CIP-3.1"][0].findData("no")
    )
    assert go_next(wizard) == ""
    assert wizard.currentId() == POSITIONING


def test_above_the_threshold_leads_to_the_vae_and_what_is_stored_evaluates_as_shown(
    qtbot, store, rules, catalogue, tmp_path
):
    wizard = open_wizard(qtbot, store, rules, catalogue)
    walk_to_positioning(wizard)
    test = wizard.page(POSITIONING)
    test.on.setText("05/11/2014")
    test.score.setText("84")
    assert "la VAE" in test.branch.text()
    assert go_next(wizard) == ""
    assert wizard.currentId() == VAE
    vae = wizard.page(VAE)
    vae.filed.setText("10/11/2014")
    vae.decided.setText("01/12/2014")
    vae.sessions.add_row()
    vae.sessions.table.item(0, 0).setText("15/12/2014")
    vae.jury.setText("20/02/2015")
    assert "01/03/2015" in vae.deadline.text()  # decision + 3 months, from the rules
    assert go_next(wizard) == ""
    assert wizard.currentId() == FINANCING
    financing = wizard.page(FINANCING)
    financing.cost.setText("1500")
    assert any("CIP-COST · Non respectée" in financing.checks.item(i).text() for i in range(2))
    financing.cost.setText("1380")
    financing.lines.add_row()
    financing.lines.table.item(0, 0).setText("OPCA")
    financing.lines.table.item(0, 1).setText("1080")
    financing.lines.add_row()
    financing.lines.table.item(1, 0).setText("CPF")
    financing.lines.table.item(1, 1).setText("300")
    financing.lines.table.item(1, 2).setText("20")
    assert go_next(wizard) == ""
    assert wizard.currentId() == SUMMARY
    shown = evaluation_to_data(wizard.page(SUMMARY).shown)
    assert "Éligible" in wizard.page(SUMMARY).verdict.text()
    wizard.accept()
    ident = candidate_id(store)
    with store.transaction() as session:
        stored = candidate_dossier(session, ident)
        history = history_lines(session, ident)
        assert load_draft(session, ident, "cip") is None  # finished: no draft left
    assert stored.cip.positioning_score_pct == 84
    assert stored.cip.accompaniment_sessions == (date(2014, 12, 15),)
    assert stored.cip.gap_analysis[0].status == "yes"
    assert any("Réunion d'information ciblée" in line for line in history)
    assert any("Jury" in line for line in history)
    store.close(automatic_backup=False)
    exported = tmp_path / "exporte.json"
    done = passerelle(
        "--data-dir", str(store.data_dir), "export", "--candidate", REF, "--json", str(exported)
    )
    assert done.returncode == 0, done.stderr
    evaluated = passerelle("evaluate", str(exported), "--on", shown["evaluated_on"])
    assert evaluated.returncode == 0, evaluated.stderr
    assert json.loads(evaluated.stdout) == shown


def test_below_the_threshold_leads_to_the_upgrading_plan(qtbot, store, rules, catalogue):
    wizard = open_wizard(qtbot, store, rules, catalogue)
    walk_to_positioning(wizard)
    test = wizard.page(POSITIONING)
    test.on.setText("05/11/2014")
    test.score.setText("72,5")
    assert "mise à niveau" in test.branch.text()
    assert go_next(wizard) == ""
    assert wizard.currentId() == UPGRADING
    plan = wizard.page(UPGRADING)
    plan.courses.add_row()
    plan.courses.table.item(0, 0).setText("Techniques d'entretien")
    plan.courses.table.item(0, 1).setText("01/12/2014")
    plan.courses.table.item(0, 2).setText("15/12/2014")
    plan.retest.setText("01/11/2014")
    assert "avant le premier test" in go_next(wizard)
    plan.retest.setText("10/01/2015")
    assert go_next(wizard) == ""
    assert wizard.currentId() == FINANCING
    assert go_next(wizard) == ""
    wizard.accept()
    with store.transaction() as session:
        stored = candidate_dossier(session, candidate_id(store))
    assert stored.cip.upgrading_courses[0].title == "Techniques d'entretien"
    assert stored.cip.retest_on == date(2015, 1, 10)
    assert stored.cip.positioning_score_pct == 72.5


def test_without_a_score_the_wizard_goes_to_financing(qtbot, store, rules, catalogue):
    wizard = open_wizard(qtbot, store, rules, catalogue)
    walk_to_positioning(wizard)
    assert "Sans score" in wizard.page(POSITIONING).branch.text()
    assert go_next(wizard) == ""
    assert wizard.currentId() == FINANCING


def test_back_and_next_keep_what_was_typed(qtbot, store, rules, catalogue):
    wizard = open_wizard(qtbot, store, rules, catalogue)
    walk_to_positioning(wizard)
    wizard.page(POSITIONING).score.setText("91")
    wizard.back()
    wizard.back()
    assert wizard.currentId() == MEETINGS
    assert wizard.page(MEETINGS).targeted.text() == "16/10/2014"
    go_next(wizard)
    go_next(wizard)
    assert wizard.page(POSITIONING).score.text() == "91"


@pytest.mark.parametrize(
    ("page_id", "typed", "refusal"),
    [
        (AGREEMENT, {"given_on": "15/09/2014", "signatory": ""}, "indiquez qui a signé"),
        (AGREEMENT, {"given_on": "31/02/2014", "signatory": "X"}, "Date de l'accord"),
        (AGREEMENT, {"given_on": "01/01/2099", "signatory": "X"}, "dans le futur"),
        (
            AGREEMENT,
            {"given_on": "15/09/2014", "signatory": "S" * 250},
            "Accord de l'employeur, signataire : 250 caractères, au plus 200",
        ),
    ],
)
def test_the_agreement_page_refuses_with_a_french_message(
    qtbot, store, rules, catalogue, page_id, typed, refusal
):
    wizard = open_wizard(qtbot, store, rules, catalogue)
    page = wizard.page(page_id)
    page.given_on.setText(typed["given_on"])
    page.signatory.setText(typed["signatory"])
    assert refusal in go_next(wizard)
    assert wizard.currentId() == AGREEMENT
    assert page.error.isVisible()


def test_later_pages_refuse_what_does_not_hold(qtbot, store, rules, catalogue):
    wizard = open_wizard(qtbot, store, rules, catalogue)
    assert go_next(wizard) == ""  # agreement as stored
    assert go_next(wizard) == ""
    meetings = wizard.page(MEETINGS)
    meetings.collective.setText("20/10/2014")
    meetings.targeted.setText("16/10/2014")
    assert "est avant la réunion collective" in go_next(wizard)
    meetings.targeted.setText("22/10/2014")
    assert go_next(wizard) == ""
    refusal = go_next(wizard)
    assert "compétences à évaluer" in refusal and "activité 1" in refusal
    answer_every_gap(wizard, "partial")
    assert go_next(wizard) == ""
    test = wizard.page(POSITIONING)
    test.score.setText("84")
    assert "indiquez quand le test a été passé" in go_next(wizard)
    test.on.setText("05/11/2014")
    test.score.setText("140")
    assert "n'est pas entre 0 et 100" in go_next(wizard)


def test_a_draft_is_kept_on_close_and_resumed_where_it_stopped(
    qtbot, store, rules, catalogue, monkeypatch
):
    monkeypatch.setattr(wizard_base, "ask_cancel", lambda _parent: wizard_base.KEEP)
    wizard = open_wizard(qtbot, store, rules, catalogue)
    walk_to_positioning(wizard)
    wizard.page(POSITIONING).on.setText("05/11/2014")
    wizard.page(POSITIONING).score.setText("84")
    wizard.reject()
    with store.transaction() as session:
        draft = load_draft(session, candidate_id(store), "cip")
    assert draft.page == POSITIONING
    assert draft.document["cip"]["positioning_score_pct"] == 84
    with store.transaction() as session:  # the dossier itself is unchanged
        assert candidate_dossier(session, candidate_id(store)).cip.positioning_score_pct is None
    again = open_wizard(qtbot, store, rules, catalogue)
    again.resume()
    assert again.currentId() == POSITIONING
    assert again.page(POSITIONING).score.text() == "84"
    assert again.page(MEETINGS).collective.text() == "02/10/2014"
    again.back()
    assert again.currentId() == GAPS  # the way back is there too


def test_discarding_throws_the_draft_away_and_staying_keeps_the_wizard_open(
    qtbot, store, rules, catalogue, monkeypatch
):
    wizard = open_wizard(qtbot, store, rules, catalogue)
    walk_to_positioning(wizard)  # drafts kept at each Next
    ident = candidate_id(store)
    with store.transaction() as session:
        assert load_draft(session, ident, "cip") is not None
    monkeypatch.setattr(wizard_base, "ask_cancel", lambda _parent: wizard_base.STAY)
    wizard.reject()
    assert wizard.isVisible()
    monkeypatch.setattr(wizard_base, "ask_cancel", lambda _parent: wizard_base.DISCARD)
    wizard.reject()
    assert not wizard.isVisible()
    with store.transaction() as session:
        assert load_draft(session, ident, "cip") is None
    assert rows(store.path, "SELECT count(*) FROM wizard_drafts") == [(0,)]


def test_the_experience_page_shows_overlaps_and_the_missing_days(qtbot, store, rules, catalogue):
    wizard = open_wizard(qtbot, store, rules, catalogue)
    go_next(wizard)
    assert wizard.currentId() == EXPERIENCE
    page = wizard.page(EXPERIENCE)
    table = page.periods.rows.table
    assert "CIP-EXP : Respectée" in page.periods.total.text()  # still in the job today
    table.item(1, 4).setText("31/12/2013")  # the job in the function ended
    assert "CIP-EXP : Non respectée" in page.periods.total.text()
    assert "il manque" in page.status.text()
    assert "se chevauchent" not in page.status.text()
    page.periods.rows.add_row()
    row = table.rowCount() - 1
    table.item(row, 0).setText("Autre employeur")
    table.item(row, 3).setText("01/10/2012")
    table.item(row, 4).setText("30/06/2013")
    assert "Les périodes 2 et 3 se chevauchent du 01/10/2012 au 30/06/2013" in page.status.text()


def test_the_menu_opens_the_wizard_for_the_candidate_shown_and_the_page_shows_the_result(
    qtbot, tmp_path, rules, catalogue, monkeypatch
):
    from tests_setup import OWN_STRUCTURE

    from app.store.structure import Setup, save_setup
    from ui.window import data_actions
    from ui.window.main_window import MainWindow

    told = []
    monkeypatch.setattr(data_actions, "tell", lambda _parent, _title, text: told.append(text))
    monkeypatch.setattr(wizard_base, "ask_cancel", lambda _parent: wizard_base.DISCARD)
    store = filled_store(tmp_path / "donnees")
    save_setup(store, Setup(OWN_STRUCTURE, "formationcertifiante@coorace.org", "Claire"))
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.open_wizard("cip")
    assert window.path_wizard is None and "Choisissez d'abord un candidat" in told[0]
    window.show_candidate(candidate_id(store))
    window.open_wizard("cip")
    wizard = window.path_wizard
    assert wizard.isVisible() and wizard.candidate_id == candidate_id(store)
    walk_to_positioning(wizard)
    wizard.page(POSITIONING).on.setText("05/11/2014")
    wizard.page(POSITIONING).score.setText("84")
    while wizard.currentId() != SUMMARY:
        assert go_next(wizard) == ""
    wizard.accept()
    assert window.page.cip.score.text() == "84"  # the page shows what the wizard saved
    assert window.statusBar().currentMessage().startswith("Parcours CIP de ")
    assert any(
        "Test de positionnement" in window.page.history.entries.item(i).text()
        for i in range(window.page.history.entries.count())
    )
    window.page.identity.job_title.setText("Conseiller en insertion")
    window.page.cip.cost.setText("1200")
    assert window.page.save()
    with store.transaction() as session:
        kept = candidate_dossier(session, candidate_id(store)).cip
    assert kept.cost_eur == 1200  # the page's own field
    assert kept.positioning_on == date(2014, 11, 5)  # the wizard's, not on the page
    assert kept.targeted_meeting_on == date(2014, 10, 16)
    assert len(kept.gap_analysis) == len(wizard.page(GAPS).answers)
    store.close(automatic_backup=False)


def test_a_draft_brings_back_only_what_the_wizard_edits(
    qtbot, store, rules, catalogue, monkeypatch
):
    """The page changed after the draft was kept: the change is not undone by resuming."""
    from dataclasses import replace

    from app.store.candidates import save_dossier

    monkeypatch.setattr(wizard_base, "ask_cancel", lambda _parent: wizard_base.KEEP)
    asked = []
    monkeypatch.setattr(
        wizard_base, "ask_resume", lambda _parent, draft_at, changed_at: asked.append(1) or True
    )
    wizard = open_wizard(qtbot, store, rules, catalogue)
    walk_to_positioning(wizard)
    wizard.reject()
    with store.transaction() as session:
        dossier = candidate_dossier(session, candidate_id(store))
        changed = replace(dossier.candidate, phone="06 00 00 00 00")
        save_dossier(session, replace(dossier, candidate=changed), store.user)
    again = open_wizard(qtbot, store, rules, catalogue)
    assert asked == [1]  # the dossier was saved after the draft: the counsellor chose
    again.resume()
    assert "brouillon du" in again.windowTitle()
    assert again.document["candidate"]["phone"] == "06 00 00 00 00"
    assert again.document["cip"]["targeted_meeting_on"] == "2014-10-16"
    again.reject()  # kept again, then the dossier is saved once more
    with store.transaction() as session:
        dossier = candidate_dossier(session, candidate_id(store))
        changed = replace(dossier.candidate, phone="07 00 00 00 00")
        save_dossier(session, replace(dossier, candidate=changed), store.user)
    monkeypatch.setattr(wizard_base, "ask_resume", lambda _parent, draft_at, changed_at: False)
    fresh = open_wizard(qtbot, store, rules, catalogue)
    assert "brouillon" not in fresh.windowTitle()
    assert fresh.document["cip"].get("targeted_meeting_on") is None
    with store.transaction() as session:
        assert load_draft(session, candidate_id(store), "cip") is None


def test_the_vae_page_warns_before_the_deadline_and_flags_it_when_passed(
    qtbot, store, rules, catalogue
):
    from datetime import timedelta

    wizard = open_wizard(qtbot, store, rules, catalogue)
    walk_to_positioning(wizard)
    wizard.page(POSITIONING).on.setText("05/11/2014")
    wizard.page(POSITIONING).score.setText("84")
    go_next(wizard)
    vae = wizard.page(VAE)
    # decided 3 months minus 10 days ago: the deadline falls in 10 days (warning: 30)
    decided = date.today() - timedelta(days=82)
    vae.decided.setText(decided.strftime("%d/%m/%Y"))
    assert vae.deadline.text().startswith("Attention : l'échéance de la VAE tombe dans")
    vae.decided.setText((date.today() - timedelta(days=200)).strftime("%d/%m/%Y"))
    assert "CIP-VAE · Non respectée" in vae.deadline.text()
    assert "b00020" in vae.deadline.styleSheet()


def test_a_draft_keeps_an_incomplete_page(qtbot, store, rules, catalogue, monkeypatch):
    """A meeting date not readable, 14 competences of 15 answered: « Garder le
    brouillon » keeps the readable date and the answers."""
    monkeypatch.setattr(wizard_base, "ask_cancel", lambda _parent: wizard_base.KEEP)
    wizard = open_wizard(qtbot, store, rules, catalogue)
    go_next(wizard)
    go_next(wizard)
    meetings = wizard.page(MEETINGS)
    meetings.collective.setText("02/10/2014")
    meetings.targeted.setText("31/02/2014")
    wizard.reject()
    with store.transaction() as session:
        draft = load_draft(session, candidate_id(store), "cip")
    assert draft.document["cip"]["collective_meeting_on"] == "2014-10-02"
    again = open_wizard(qtbot, store, rules, catalogue)
    again.resume()
    assert again.currentId() == MEETINGS
    again.page(MEETINGS).targeted.setText("16/10/2014")
    go_next(again)
    answers = list(again.page(GAPS).answers.values())
    for choice, _note in answers[:-1]:
        choice.setCurrentIndex(choice.findData("yes"))
    again.reject()
    with store.transaction() as session:
        draft = load_draft(session, candidate_id(store), "cip")
    assert draft.page == GAPS
    assert len(draft.document["cip"]["gap_analysis"]) == len(answers) - 1


def test_a_score_under_the_threshold_asks_before_clearing_the_vae_steps(
    qtbot, store, rules, catalogue, monkeypatch
):
    from ui.wizards.cip import positioning

    wizard = open_wizard(qtbot, store, rules, catalogue)
    walk_to_positioning(wizard)
    wizard.page(POSITIONING).on.setText("05/11/2014")
    wizard.page(POSITIONING).score.setText("84")
    go_next(wizard)
    vae = wizard.page(VAE)
    vae.decided.setText("01/12/2014")
    vae.result_on.setText("20/02/2015")
    vae.outcome.setCurrentIndex(vae.outcome.findData("validated"))
    go_next(wizard)
    wizard.back()
    wizard.back()
    assert wizard.currentId() == POSITIONING
    wizard.page(POSITIONING).score.setText("60")
    monkeypatch.setattr(positioning, "ask_clear_vae", lambda _parent: False)
    go_next(wizard)
    assert wizard.currentId() == POSITIONING  # the counsellor went back to the score
    assert wizard.document["cip"]["vae_outcome"] == "validated"
    monkeypatch.setattr(positioning, "ask_clear_vae", lambda _parent: True)
    assert go_next(wizard) == ""
    assert wizard.currentId() == UPGRADING
    cip = wizard.document["cip"]
    assert (cip["admissibility_decision_on"], cip["vae_outcome"]) == (None, None)
    assert vae.decided.text() == ""  # the page shows it too


def test_the_branch_shown_follows_the_score_alone(qtbot, store, rules, catalogue):
    wizard = open_wizard(qtbot, store, rules, catalogue)
    walk_to_positioning(wizard)
    test = wizard.page(POSITIONING)
    test.score.setText("84")
    test.on.setText("01/01/2099")  # still to correct: the branch does not change
    assert "la VAE" in test.branch.text()
    test.score.setText("8a")
    assert "Score à corriger" in test.branch.text()


def test_closing_with_nothing_changed_keeps_no_draft(qtbot, store, rules, catalogue, monkeypatch):
    monkeypatch.setattr(wizard_base, "ask_cancel", lambda _parent: wizard_base.KEEP)
    wizard = open_wizard(qtbot, store, rules, catalogue)
    wizard.reject()
    with store.transaction() as session:
        assert load_draft(session, candidate_id(store), "cip") is None


def test_a_gap_note_too_long_is_refused_in_words_and_kept_whole_at_the_limit(
    qtbot, store, rules, catalogue
):
    wizard = open_wizard(qtbot, store, rules, catalogue)
    assert go_next(wizard) == ""  # agreement as stored
    assert go_next(wizard) == ""  # experience as stored
    meetings = wizard.page(MEETINGS)
    meetings.collective.setText("02/10/2014")
    meetings.targeted.setText("16/10/2014")
    assert go_next(wizard) == ""
    answer_every_gap(wizard)
    note = wizard.page(GAPS).answers["CIP-1.1"][1]
    note.setText("n" * 2001)
    assert go_next(wizard) == "CIP, décalages, ligne 1, note : 2001 caractères, au plus 2000"
    assert wizard.currentId() == GAPS
    note.setText("n" * 2000)
    assert go_next(wizard) == ""
    gaps = wizard.document["cip"]["gap_analysis"]
    assert [g["note"] for g in gaps if g["competence"] == "CIP-1.1"] == ["n" * 2000]


def test_finishing_when_the_data_folder_refuses_says_so_and_stays_open(
    qtbot, store, rules, catalogue
):
    """A real refusal by SQLite (a read-only connection): nothing is saved, the summary
    page says why in French, the wizard stays open with what was typed."""
    from sqlalchemy import event

    wizard = open_wizard(qtbot, store, rules, catalogue)
    walk_to_positioning(wizard)
    while wizard.currentId() != SUMMARY:
        before = wizard.currentId()
        wizard.next()
        assert wizard.currentId() != before, wizard.currentPage().error.text()
    store.engine.dispose()
    event.listen(
        store.engine,
        "connect",
        lambda connection, _record: connection.execute("PRAGMA query_only = ON"),
    )
    wizard.accept()
    assert wizard.isVisible() and wizard.finished_dossier is None
    error = wizard.currentPage().error.text()
    assert error.startswith("Rien n'a été enregistré : Le dossier de données")


def test_a_partial_outcome_asks_which_activities_the_jury_validated(qtbot, store, rules, catalogue):
    wizard = open_wizard(qtbot, store, rules, catalogue)
    walk_to_positioning(wizard)
    wizard.page(POSITIONING).on.setText("05/11/2014")
    wizard.page(POSITIONING).score.setText("84")
    go_next(wizard)
    vae = wizard.page(VAE)
    assert not vae.activities_box.isVisibleTo(vae)  # only for a partial outcome
    vae.decided.setText("01/12/2014")
    vae.jury.setText("15/02/2015")
    vae.result_on.setText("20/02/2015")
    vae.outcome.setCurrentIndex(vae.outcome.findData("partial"))
    assert vae.activities_box.isVisibleTo(vae) and len(vae.activities) == 4
    said = go_next(wizard)
    assert "Activités (CCP) validées : cochez celles" in said
    vae.activities[1].setChecked(True)
    vae.activities[3].setChecked(True)
    assert go_next(wizard) == ""
    assert wizard.document["cip"]["validated_activities"] == [1, 3]
