"""The CISP wizard driven as a counsellor would, page by page through `next()`, on a real
data folder: values kept going Back and Next, refusals with their French message, drafts
kept and resumed or thrown away, courses from the catalogue or typed by hand, sessions
offered only to a ready pole, and a saved dossier that `passerelle evaluate` judges
exactly as the summary page showed it."""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta

import pytest
from conftest import BASE_DOSSIER
from store_helpers import save_data
from test_cli import passerelle
from test_rules import rules_text, write
from tests_setup import OWN_STRUCTURE

from app.dates import add_years
from app.evaluation import evaluation_to_data
from app.exchange.dossier import dossier_to_data
from app.rules import Rules, load_rules
from app.store.candidates import candidate_dossier
from app.store.database import open_store
from app.store.drafts import load_draft
from app.store.structure import Setup, save_setup
from ui.wizards import base as wizard_base
from ui.wizards.base import DISCARD, KEEP
from ui.wizards.cisp.wizard import (
    COMMISSION,
    COURSES,
    PATH,
    REGISTRATION,
    SESSIONS,
    SUMMARY,
    CispWizard,
)

REGISTERED = date.today() - timedelta(days=400)
CODE, TITLE, ENDED, ATTESTATION = range(4)


def day(delta: int = 0) -> str:
    """A date counted from the registration, typed the French way."""
    return (REGISTERED + timedelta(days=delta)).strftime("%d/%m/%Y")


def iso(delta: int = 0) -> str:
    return (REGISTERED + timedelta(days=delta)).isoformat()


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "donnees", user="Claire Faucher")
    yield opened
    opened.close(automatic_backup=False)


@pytest.fixture
def candidate_id(store):
    document = copy.deepcopy(BASE_DOSSIER)
    document["employer_agreement"] = None
    return save_data(store, document)


class Answers:
    """What the counsellor answers when closing the wizard half-way (nothing given:
    throw away, which is also what happens when pytest-qt closes a wizard left open)."""

    def __init__(self) -> None:
        self.given: list[str] = []
        self.asked: list[str] = []

    def __call__(self, parent) -> str:
        answer = self.given.pop(0) if self.given else DISCARD
        self.asked.append(answer)
        return answer


@pytest.fixture
def answers(monkeypatch) -> Answers:
    replies = Answers()
    monkeypatch.setattr(wizard_base, "ask_cancel", replies)
    return replies


@pytest.fixture
def open_wizard(qtbot, store, candidate_id, rules, catalogue, answers):
    def make(campaign: Rules | None = None) -> CispWizard:
        wizard = CispWizard(store, campaign or rules, catalogue, candidate_id)
        qtbot.addWidget(wizard)
        wizard.show()
        wizard.resume()
        return wizard

    return make


def go_on(wizard: CispWizard, page_id: int) -> None:
    """Next, which must be accepted and lead to `page_id`."""
    before = wizard.currentPage()
    wizard.next()
    assert wizard.currentId() == page_id, before.error.text()


def refused(wizard: CispWizard) -> str:
    """Next, which must be refused: the page stays, its message is returned."""
    page_id = wizard.currentId()
    wizard.next()
    assert wizard.currentId() == page_id
    assert wizard.currentPage().error.isVisibleTo(wizard)
    return wizard.currentPage().error.text()


def fill_registration(wizard: CispWizard) -> None:
    page = wizard.currentPage()
    page.registered.setText(day())
    page.filed.setChecked(True)
    page.agreement.given_on.setText(day(-20))
    page.agreement.signatory.setText("Bernard Aubry, directeur")


def fill_commission(wizard: CispWizard, decision: str = "accepted") -> None:
    page = wizard.currentPage()
    page.on.setText(day(30))
    page.decision.setCurrentIndex(page.decision.findData(decision))


def pick(page, search: str, ended: str, attestation: str = "") -> int:
    """A course found by typing in the catalogue search, then its dates typed."""
    page.search.setText(search)
    page.add_chosen()
    row = page.table.rowCount() - 1
    page.table.item(row, ENDED).setText(ended)
    page.table.item(row, ATTESTATION).setText(attestation)
    return row


def by_hand(page, code: str, title: str, ended: str) -> int:
    page.add_by_hand()
    row = page.table.rowCount() - 1
    for column, text in ((CODE, code), (TITLE, title), (ENDED, ended)):
        page.table.item(row, column).setText(text)
    return row


def to_courses(wizard: CispWizard) -> None:
    fill_registration(wizard)
    go_on(wizard, COMMISSION)
    fill_commission(wizard)
    go_on(wizard, COURSES)


def stored(store, candidate_id: int) -> dict:
    with store.transaction() as session:
        return dossier_to_data(candidate_dossier(session, candidate_id))


def draft(store, candidate_id: int):
    with store.transaction() as session:
        return load_draft(session, candidate_id, "cisp")


def test_every_page_then_the_saved_dossier_evaluates_as_the_summary_showed(
    open_wizard, store, candidate_id, tmp_path
):
    wizard = open_wizard()
    assert wizard.currentId() == REGISTRATION
    fill_registration(wizard)
    status = wizard.currentPage().status.text()
    assert "CISP-AGR · Respectée" in status and "CISP-MAX · Respectée" in status
    go_on(wizard, COMMISSION)
    fill_commission(wizard)
    assert "Parcours CISP : En cours" in wizard.currentPage().status.text()
    go_on(wizard, COURSES)

    courses = wizard.currentPage()
    courses.search.setText("accueil et diag")
    assert courses.visible_codes() == ["CF-ACC-01"]
    first = pick(courses, "accueil et diag", day(-700), "ATT-0456")
    second = pick(courses, "conduite d'entretien", day(60))
    old = pick(courses, "territoire et politiques", day(-2200))
    hand = by_hand(courses, "CF-XYZ-01", "Atelier hors catalogue", day(90))
    assert courses.shown(first)[:2] == ("catalogue", "oui (pôle 2)")
    assert courses.shown(second)[:2] == ("catalogue", "oui (pôle 2)")
    assert courses.shown(old)[1] == "non"
    assert "exclue par la règle de rétroactivité" in courses.shown(old)[2]
    origin, counts, why = courses.shown(hand)
    assert (origin, counts) == ("saisie à la main", "non")
    assert "n'est pas dans le catalogue" in why and "ne compte que si son code y figure" in why
    go_on(wizard, PATH)

    path = wizard.currentPage()
    remaining = ["CF-TER-01", "CF-TER-02", "CF-EMP-01", "CF-EMP-02", "CF-PRJ-01", "CF-PRJ-02"]
    assert list(path.planned) == remaining  # pole 2's courses are acquired
    path.contracted.setText(day(40))
    path.planned["CF-TER-01"].setText(day(500))
    go_on(wizard, SESSIONS)

    sessions = wizard.currentPage()
    assert sessions.poles[2].isEnabled() and sessions.poles[2].add.isEnabled()
    assert not sessions.poles[1].isEnabled()
    sessions.poles[2].add.click()
    field, result, _widgets = sessions.poles[2].rows[0]
    field.setText(day(120))
    result.setCurrentIndex(result.findData("validated"))
    go_on(wizard, SUMMARY)

    summary = wizard.currentPage()
    shown = evaluation_to_data(summary.shown)
    assert shown["cisp"]["verdict"] == "in_progress"
    assert "En cours" in summary.verdict.text()
    # an excluded course is said for what it is: informative, not a rule broken
    assert "CISP-RETRO · Pour information — Formation exclue" in summary.checks.text()
    assert "Non respectée" not in summary.checks.text()
    assert "prévue le " + day(500) in summary.poles.text()

    wizard.accept()
    assert not wizard.isVisible()
    assert draft(store, candidate_id) is None
    saved = stored(store, candidate_id)
    assert saved["employer_agreement"] == {
        "given_on": iso(-20),
        "signatory": "Bernard Aubry, directeur",
    }
    assert [c.get("added_by_hand", False) for c in saved["courses"]] == [
        False,
        False,
        False,
        True,
    ]
    assert saved["courses"][0]["attestation"] == "ATT-0456"
    cisp = saved["cisp"]
    assert cisp["registered_on"] == iso() and cisp["filed_by_employer"] is True
    assert cisp["commission"] == {"date": iso(30), "decision": "accepted"}
    assert cisp["contracted_on"] == iso(40)
    assert cisp["planned_courses"][0] == {"code": "CF-TER-01", "planned_on": iso(500)}
    assert [p["code"] for p in cisp["planned_courses"]] == remaining
    assert cisp["pole_sessions"] == [{"pole": 2, "date": iso(120), "result": "validated"}]

    exported = tmp_path / "exporte.json"
    exported.write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")
    done = passerelle("evaluate", str(exported), "--on", date.today().isoformat())
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == shown


def test_back_and_next_keep_what_was_typed(open_wizard):
    wizard = open_wizard()
    fill_registration(wizard)
    go_on(wizard, COMMISSION)
    fill_commission(wizard, "rejected")
    go_on(wizard, COURSES)
    courses = wizard.currentPage()
    pick(courses, "accueil", day(-100), "ATT-1")
    by_hand(courses, "CF-EMP-01", "Prospection", day(10))
    wizard.back()
    wizard.back()
    registration = wizard.currentPage()
    assert wizard.currentId() == REGISTRATION
    assert registration.registered.text() == day()
    assert registration.filed.isChecked()
    assert registration.agreement.given_on.text() == day(-20)
    assert registration.agreement.signatory.text() == "Bernard Aubry, directeur"
    go_on(wizard, COMMISSION)
    commission = wizard.currentPage()
    assert commission.on.text() == day(30)
    assert commission.decision.currentData() == "rejected"
    go_on(wizard, COURSES)
    assert courses.table.rowCount() == 2
    assert [courses.table.item(0, c).text() for c in range(4)] == [
        "CF-ACC-01",
        "Accueil et diagnostic partagé",
        day(-100),
        "ATT-1",
    ]
    assert courses.shown(1) == (
        "saisie à la main",
        "oui (pôle 3)",
        courses.shown(1)[2],
    )
    assert courses.shown(1)[2].startswith("Saisie à la main, code présent au catalogue")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31/02/2024", "Date d'inscription : « 31/02/2024 » n'existe pas dans le calendrier"),
        ("2024-10-01", "Date d'inscription : « 2024-10-01 » : une date s'écrit JJ/MM/AAAA"),
    ],
)
def test_a_date_that_cannot_be_read_is_refused(open_wizard, typed, message):
    wizard = open_wizard()
    wizard.currentPage().registered.setText(typed)
    wizard.currentPage().filed.setChecked(True)
    assert refused(wizard) == message


def test_the_agreement_needs_its_signatory_and_steps_are_not_in_the_future(open_wizard):
    wizard = open_wizard()
    page = wizard.currentPage()
    page.agreement.given_on.setText(day(-20))
    assert refused(wizard) == "Signé par : indiquez qui a signé l'accord de l'employeur."
    page.agreement.given_on.clear()
    page.agreement.signatory.setText("Bernard Aubry")
    assert refused(wizard) == "Date de l'accord : indiquez la date à laquelle il a été signé."
    page.agreement.signatory.clear()
    tomorrow = date.today() + timedelta(days=1)
    page.registered.setText(tomorrow.strftime("%d/%m/%Y"))
    page.filed.setChecked(True)
    assert "est dans le futur" in refused(wizard)
    page.registered.setText(day())
    page.filed.setChecked(False)
    assert "c'est l'employeur qui dépose le dossier d'inscription" in refused(wizard)
    page.filed.setChecked(True)
    go_on(wizard, COMMISSION)
    assert not wizard.page(REGISTRATION).error.isVisibleTo(wizard)


def test_the_commission_cannot_sit_before_the_registration(open_wizard):
    wizard = open_wizard()
    fill_registration(wizard)
    go_on(wizard, COMMISSION)
    page = wizard.currentPage()
    page.on.setText(day(-5))
    page.decision.setCurrentIndex(page.decision.findData("accepted"))
    assert refused(wizard) == (
        f"La commission paritaire ({day(-5)}) est avant l'inscription ({day()})."
    )
    page.on.clear()
    assert refused(wizard) == "Date de la commission : indiquez la date de sa décision."
    page.on.setText(day(30))
    go_on(wizard, COURSES)


def test_a_course_needs_its_end_date_and_a_hand_one_its_title(open_wizard):
    wizard = open_wizard()
    to_courses(wizard)
    page = wizard.currentPage()
    pick(page, "accueil", "")
    assert page.shown(0)[1] == "—"
    assert refused(wizard).startswith(
        "Formation, ligne 1 (CF-ACC-01) : indiquez la date de fin (JJ/MM/AAAA)"
    )
    page.table.item(0, ENDED).setText(day(-10))
    by_hand(page, "CF-ABC-02", "", day(-5))
    assert refused(wizard) == (
        "Formation, ligne 2 (CF-ABC-02) : indiquez l'intitulé de la formation."
    )
    page.table.item(1, TITLE).setText("Atelier")
    go_on(wizard, PATH)


def test_the_figures_come_from_the_rules(open_wizard, tmp_path):
    """Another campaign, with a path of 2 years and a look-back of 1 year: the pages say
    so and judge by them."""
    campaign = load_rules(write(tmp_path, rules_text(max_path_years="2", retroactivity_years="1")))
    wizard = open_wizard(campaign)
    to_courses(wizard)
    courses = wizard.currentPage()
    assert "terminée au plus 1 an avant l'inscription" in courses.subTitle()
    assert "avant son échéance (2 ans, CISP-MAX)" in courses.subTitle()
    pick(courses, "accueil et diag", day(-500))  # counts with 5 years, not with 1
    assert courses.shown(0)[1] == "non"
    assert "exclue par la règle de rétroactivité" in courses.shown(0)[2]
    go_on(wizard, PATH)
    path = wizard.currentPage()
    deadline = add_years(REGISTERED, 2).strftime("%d/%m/%Y")
    assert f"Échéance du parcours : le {deadline} (2 ans après l'inscription" in (
        path.deadline.text()
    )
    path.planned["CF-ACC-01"].setText(day(800))
    assert refused(wizard) == (
        f"Pôle 2, CF-ACC-01, date prévue : le {day(800)} est après l'échéance du parcours "
        f"({deadline}, 2 ans après l'inscription) : la formation ne compterait pas."
    )
    path.planned["CF-ACC-01"].setText(day(200))
    go_on(wizard, SESSIONS)
    go_on(wizard, SUMMARY)
    assert f"le {deadline} (2 ans après l'inscription)" in wizard.currentPage().deadline.text()


def test_a_draft_kept_on_close_resumes_at_the_same_page(open_wizard, answers, store, candidate_id):
    wizard = open_wizard()
    to_courses(wizard)
    courses = wizard.currentPage()
    pick(courses, "accueil", day(-100))
    answers.given.append(KEEP)
    wizard.close()
    assert answers.asked == [KEEP] and not wizard.isVisible()
    kept = draft(store, candidate_id)
    assert kept is not None and kept.page == COURSES
    assert kept.document["courses"][0]["code"] == "CF-ACC-01"  # typed, Next not pressed
    assert stored(store, candidate_id)["cisp"] is None  # the dossier itself is unchanged

    again = open_wizard()
    assert again.currentId() == COURSES
    table = again.currentPage().table
    assert table.rowCount() == 1
    assert (table.item(0, CODE).text(), table.item(0, ENDED).text()) == ("CF-ACC-01", day(-100))
    again.back()
    assert again.currentPage().on.text() == day(30)
    again.back()
    assert again.currentPage().registered.text() == day()
    assert again.currentPage().agreement.signatory.text() == "Bernard Aubry, directeur"


def test_discarding_removes_the_draft(open_wizard, answers, store, candidate_id):
    wizard = open_wizard()
    fill_registration(wizard)
    go_on(wizard, COMMISSION)
    assert draft(store, candidate_id).page == COMMISSION  # kept at each Next
    answers.given.append(DISCARD)
    wizard.close()
    assert answers.asked == [DISCARD]
    assert draft(store, candidate_id) is None
    again = open_wizard()
    assert again.currentId() == REGISTRATION
    assert again.currentPage().registered.text() == ""
    assert stored(store, candidate_id)["cisp"] is None


def test_a_pole_is_offered_for_a_session_only_when_its_courses_are_done(open_wizard):
    wizard = open_wizard()
    to_courses(wizard)
    courses = wizard.currentPage()
    pick(courses, "accueil et diag", day(-100))
    go_on(wizard, PATH)
    go_on(wizard, SESSIONS)
    pole = wizard.currentPage().poles[2]
    assert not pole.isEnabled() and not pole.add.isEnabled()
    assert pole.state.text() == (
        "Pas encore de session : formations requises non terminées : CF-ACC-02."
    )

    wizard.back()
    wizard.back()
    pick(courses, "conduite d'entretien", day(50))
    go_on(wizard, PATH)
    go_on(wizard, SESSIONS)
    assert pole.isEnabled() and pole.add.isEnabled()
    assert "la dernière, CF-ACC-02, le " + day(50) in pole.state.text()
    pole.add.click()
    field, result, _widgets = pole.rows[0]
    field.setText(day(50))
    result.setCurrentIndex(result.findData("not_validated"))
    assert pole.add.isEnabled()  # a new session after one « non validée »
    assert refused(wizard) == (
        f"Pôle 2, session 1 ({day(50)}) : une session a lieu après la dernière formation "
        f"requise du pôle (CF-ACC-02, terminée le {day(50)})."
    )
    field.setText(day(60))
    pole.add.click()
    second, second_result, _widgets = pole.rows[1]
    second.setText(day(90))
    second_result.setCurrentIndex(second_result.findData("validated"))
    assert not pole.add.isEnabled()  # validated: no other session
    first_result = result
    first_result.setCurrentIndex(first_result.findData("validated"))
    assert refused(wizard) == (
        "Pôle 2, session 2 : le pôle est déjà validé par la session 1 ; une nouvelle "
        "session n'a lieu qu'après une session non validée."
    )
    first_result.setCurrentIndex(first_result.findData("not_validated"))
    go_on(wizard, SUMMARY)
    poles = evaluation_to_data(wizard.currentPage().shown)["cisp"]["poles"]
    assert [p["validated"] for p in poles] == [False, True, False, False]


def test_the_menu_opens_the_cisp_wizard(qtbot, tmp_path, rules, catalogue, answers, monkeypatch):
    from store_helpers import filled_store

    from app.store.summaries import refresh_summaries
    from ui.candidate import page as candidate_page
    from ui.candidate.page import DISCARD as PAGE_DISCARD
    from ui.window.main_window import MainWindow

    store = filled_store(tmp_path / "donnees")
    save_setup(store, Setup(OWN_STRUCTURE, "formationcertifiante@coorace.org", "Claire"))
    refresh_summaries(store, rules, catalogue, date.today())
    monkeypatch.setattr(candidate_page, "ask_unsaved", lambda parent: PAGE_DISCARD)
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.candidate_list.table.selectRow(0)
    action = next(
        a
        for menu in window.menuBar().actions()
        if menu.menu() is not None
        for a in menu.menu().actions()
        if a.text() == "Capitalisation C&ISP…"
    )
    action.trigger()
    wizard = window.path_wizard
    assert isinstance(wizard, CispWizard) and wizard.isVisible()
    identity = window.page.identity
    name = f"{identity.first_name.text()} {identity.last_name.text()}"
    assert wizard.windowTitle() == f"Capitalisation CISP (titre par capitalisation) — {name}"
    wizard.done(0)  # closed before the window (and its data folder) at the end of the test


def back_to(wizard: CispWizard, page_id: int) -> None:
    """Back, as many times as it takes to reach `page_id`."""
    while wizard.currentId() != page_id:
        before = wizard.currentId()
        wizard.back()
        assert wizard.currentId() < before


def test_the_courses_page_judges_again_after_the_registration_changed(open_wizard):
    """Step 3 visited, then the registration moved earlier on step 1: coming back to
    step 3, the row says what the next page counts (it said « exclue » before)."""
    wizard = open_wizard()
    to_courses(wizard)
    courses = wizard.currentPage()
    old = pick(courses, "territoire et politiques", day(-2200))
    counts, why = courses.shown(old)[1:]
    assert counts == "non"
    assert f"l'inscription du {day()}) : exclue par la règle de rétroactivité" in why
    go_on(wizard, PATH)
    assert "CF-TER-01" in wizard.currentPage().planned
    back_to(wizard, REGISTRATION)
    registration = wizard.currentPage()
    registration.registered.setText(day(-1000))
    registration.agreement.given_on.setText(day(-1010))
    go_on(wizard, COMMISSION)
    go_on(wizard, COURSES)
    since = add_years(REGISTERED - timedelta(days=1000), -5).strftime("%d/%m/%Y")
    assert courses.shown(old)[1:] == (
        "oui (pôle 1)",
        f"Compte pour le pôle 1 : formation capitalisable terminée le {day(-2200)}, dans "
        f"les 5 ans avant l'inscription (depuis le {since}).",
    )
    go_on(wizard, PATH)
    assert "CF-TER-01" not in wizard.currentPage().planned  # the next page agrees


def test_the_commission_page_judges_again_after_the_registration_changed(open_wizard):
    wizard = open_wizard()
    to_courses(wizard)
    back_to(wizard, COMMISSION)
    commission = wizard.currentPage()
    assert "Parcours CISP : En cours" in commission.status.text()
    back_to(wizard, REGISTRATION)
    registration = wizard.currentPage()
    registration.registered.setText(day(-2000))  # its 5 years are over
    registration.agreement.given_on.setText(day(-2010))
    go_on(wizard, COMMISSION)
    assert "Parcours CISP : Délai dépassé" in commission.status.text()


def test_a_course_removed_on_step_3_is_no_longer_named_on_step_1(open_wizard):
    """Back takes what the page left shows: step 1's CISP-RETRO follows step 3's rows,
    the complete ones when a row is still being typed."""
    wizard = open_wizard()
    to_courses(wizard)
    courses = wizard.currentPage()
    pick(courses, "accueil et diag", day(-100))
    pick(courses, "territoire et politiques", day(-2200))
    back_to(wizard, REGISTRATION)  # Next not pressed on step 3
    status = wizard.currentPage().status.text()
    assert "CISP-RETRO · Pour information — Formation exclue" in status and "CF-TER-01" in status
    go_on(wizard, COMMISSION)
    go_on(wizard, COURSES)
    go_on(wizard, PATH)  # the course is in the document, through Next this time
    back_to(wizard, COURSES)
    courses.table.setCurrentCell(1, CODE)
    courses.remove_chosen()
    pick(courses, "conduite d'entretien", "")  # not complete yet
    back_to(wizard, REGISTRATION)
    status = wizard.currentPage().status.text()
    assert "CF-TER-01" not in status
    assert "CISP-RETRO · Respectée" in status
    assert "aucune formation déclarée n'est trop ancienne" in status
    go_on(wizard, COMMISSION)
    go_on(wizard, COURSES)
    assert [courses.table.item(row, CODE).text() for row in range(2)] == [
        "CF-ACC-01",
        "CF-ACC-02",
    ]
    assert refused(wizard).startswith("Formation, ligne 2 (CF-ACC-02) : indiquez la date de fin")


def test_a_course_declared_twice_is_refused_naming_both_lines(open_wizard):
    wizard = open_wizard()
    to_courses(wizard)
    page = wizard.currentPage()
    pick(page, "accueil et diag", day(-100))
    pick(page, "conduite d'entretien", day(50))
    pick(page, "accueil et diag", day(-100), "ATT-2")
    assert page.shown(0)[1] == "oui (pôle 2)"
    assert page.shown(2)[1] == "—"
    assert page.shown(2)[2] == (
        f"Même code et même date de fin ({day(-100)}) que la ligne 1 : une formation ne se "
        "déclare qu'une fois ; retirez la ligne 3 ou la ligne 1."
    )
    assert refused(wizard) == (
        f"Formation, ligne 3 (CF-ACC-01) : même code et même date de fin ({day(-100)}) que "
        "la ligne 1 : une formation ne se déclare qu'une fois ; retirez la ligne 3 ou la "
        "ligne 1."
    )
    page.table.item(2, ENDED).setText(day(-90))  # taken again another day: two attestations
    go_on(wizard, PATH)


def test_a_row_that_the_format_refuses_is_named_by_its_own_line(open_wizard):
    wizard = open_wizard()
    to_courses(wizard)
    page = wizard.currentPage()
    pick(page, "accueil et diag", "")
    pick(page, "conduite d'entretien", day(50), "ATT\x01")
    assert page.shown(1)[1:] == (
        "—",
        "Attestation : contient un caractère de contrôle invisible.",
    )
    assert refused(wizard).split("\n")[1] == (
        "Formation, ligne 2 (CF-ACC-02) : attestation : contient un caractère de contrôle "
        "invisible."
    )
