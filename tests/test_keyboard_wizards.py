"""Both wizards driven with the keyboard alone, as a counsellor does while talking with the
employee: every key goes to the widget that has the keyboard at that moment (never to a
field picked by the test), fields are reached with Tab, Shift+Tab and the labels' Alt
letters, lists and combo boxes are chosen with the arrows, letters or F4, boxes ticked
and buttons pressed with Space, pages turned with Entrée or Alt+S and finished with
Alt+T. Then the saved dossier, read back from a real data folder, holds what was typed.

Also: Tab follows the reading order on every page (top to bottom, left to right, the
wizard's buttons last) and stops only where one types or chooses; Entrée in a list or a
table never turns a page."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from itertools import pairwise

import pytest
from conftest import BASE_DOSSIER, make_dossier, period
from keyboard import alt, focused, key, tab_to, typed
from PySide6.QtCore import QMetaMethod, QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QListWidget,
    QScrollArea,
    QTableWidget,
    QWidget,
    QWizard,
)
from store_helpers import save_data
from ui_walk import describe

from app.exchange.dossier import dossier_to_data
from app.store.candidates import candidate_dossier
from app.store.database import open_store
from app.store.drafts import load_draft
from ui.wizards import base as wizard_base
from ui.wizards.base import BUTTONS, PathWizard
from ui.wizards.cip.page_ids import (
    AGREEMENT,
    EXPERIENCE,
    FINANCING,
    GAPS,
    MEETINGS,
    POSITIONING,
    UPGRADING,
    VAE,
)
from ui.wizards.cip.page_ids import SUMMARY as CIP_SUMMARY
from ui.wizards.cip.wizard import CipWizard
from ui.wizards.cisp.courses import ATTESTATION, CODE, ENDED, TITLE
from ui.wizards.cisp.page_ids import COMMISSION, COURSES, PATH, REGISTRATION, SESSIONS
from ui.wizards.cisp.page_ids import SUMMARY as CISP_SUMMARY
from ui.wizards.cisp.wizard import CispWizard

# the offscreen platform cannot raise a combo box's list nor grab the keyboard for it
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (raise|grabbing the keyboard)", extend=True
)
K = Qt.Key
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
REGISTERED = date.today() - timedelta(days=400)


# --- the keyboard ----------------------------------------------------------------------


def editing(table: QTableWidget, row: int, column: int) -> bool:
    """The cursor is in the editor of that cell, ready to type."""
    widget = focused()
    return (
        table.isAncestorOf(widget)
        and isinstance(widget, QLineEdit)
        and (table.currentRow(), table.currentColumn()) == (row, column)
    )


def day(delta: int = 0) -> str:
    return (REGISTERED + timedelta(days=delta)).strftime("%d/%m/%Y")


def iso(delta: int = 0) -> str:
    return (REGISTERED + timedelta(days=delta)).isoformat()


# --- the data folder and the wizards ---------------------------------------------------


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "donnees", user="Claire Faucher")
    yield opened
    opened.close(automatic_backup=False)


@pytest.fixture
def candidate_id(store):
    """An employee with nothing of either path yet, and no employer agreement."""
    document = copy.deepcopy(BASE_DOSSIER)
    document["employer_agreement"] = None
    return save_data(store, document)


@pytest.fixture(autouse=True)
def closing_discards(monkeypatch):
    # pytest-qt closes a wizard left open: what it holds is then thrown away
    monkeypatch.setattr(wizard_base, "ask_cancel", lambda _parent: wizard_base.DISCARD)


@pytest.fixture
def open_wizard(qtbot, store, candidate_id, rules, catalogue):
    def make(wizard_class: type[PathWizard]) -> PathWizard:
        wizard = wizard_class(store, rules, catalogue, candidate_id)
        qtbot.addWidget(wizard)
        with qtbot.waitActive(wizard):  # shortcuts need the window active
            wizard.show()
            wizard.activateWindow()
        return wizard

    return make


def stored(store, candidate_id: int) -> dict:
    with store.transaction() as session:
        assert load_draft(session, candidate_id, "cip") is None
        assert load_draft(session, candidate_id, "cisp") is None
        return dossier_to_data(candidate_dossier(session, candidate_id))


def on_page(wizard: QWizard, page_id: int) -> None:
    """The wizard is on `page_id` (else the message of the page that refused)."""
    assert wizard.currentId() == page_id, wizard.currentPage().error.text()


# --- the CIP wizard, page by page ------------------------------------------------------


def cip_agreement(wizard: CipWizard) -> None:
    page = wizard.currentPage()
    assert focused() is page.given_on
    typed("15/09/2014")
    key(K.Key_Tab)
    typed("Bernard Aubry, directeur")
    key(K.Key_Return)  # Entrée in a field: « Suivant », the default button
    on_page(wizard, EXPERIENCE)


def cip_experience(wizard: CipWizard) -> None:
    rows = wizard.currentPage().periods.rows
    tab_to(rows.add_button)
    key(K.Key_Space)
    assert editing(rows.table, 0, 0)  # the cursor in the new row, ready to type
    typed("Association Tremplin")
    key(K.Key_Tab)
    typed("Accompagnatrice socioprofessionnelle")
    key(K.Key_Tab)  # « Poste d'accompagnement » stays ticked (it is by default)
    key(K.Key_Tab)
    typed("02/03/2009")
    key(K.Key_Tab)
    key(K.Key_Tab)  # no end: the job goes on
    typed("0,8")
    key(K.Key_Return)  # Entrée in a table: the cell is done, the page stays
    on_page(wizard, EXPERIENCE)
    assert "CIP-EXP : Respectée" in wizard.currentPage().periods.total.text()
    alt(K.Key_S)
    on_page(wizard, MEETINGS)


def cip_meetings(wizard: CipWizard) -> None:
    assert focused() is wizard.currentPage().collective
    typed("02/10/2014")
    key(K.Key_Tab)
    typed("16/10/2014")
    key(K.Key_Return)
    on_page(wizard, GAPS)


def cip_gaps(wizard: CipWizard) -> None:
    """« oui » typed as its first letter, « non » too, « en partie » with ↓ from « oui »
    or from the list F4 opens; a note typed after one of them."""
    answers = wizard.currentPage().answers
    for competence, (choice, note) in answers.items():
        assert focused() is choice, competence
        if competence == "CIP-1.2":
            key(K.Key_Down)
            key(K.Key_Down)
        elif competence == "CIP-2.3":
            key(K.Key_F4)
            assert focused() is choice.view()  # the list is open
            key(K.Key_Down)
            key(K.Key_Down)
            key(K.Key_Return)
            assert focused() is choice
        else:
            typed("n" if competence == "CIP-3.1" else "o")
        key(K.Key_Tab)
        assert focused() is note
        if competence == "CIP-3.1":
            typed("prospection à travailler")
        key(K.Key_Tab)
    assert focused() is wizard.button(QWizard.WizardButton.HelpButton)  # then the buttons
    key(K.Key_Tab, SHIFT)
    assert focused() is note
    key(K.Key_Return)
    on_page(wizard, POSITIONING)


def cip_positioning(wizard: CipWizard, score: str, then: int) -> None:
    page = wizard.currentPage()
    assert focused() is page.on
    typed("05/11/2014")
    key(K.Key_Tab)
    typed(score)
    assert ("la VAE" if then == VAE else "mise à niveau") in page.branch.text()
    key(K.Key_Return)
    on_page(wizard, then)


def cip_up_to_positioning(wizard: CipWizard) -> None:
    cip_agreement(wizard)
    cip_experience(wizard)
    cip_meetings(wizard)
    cip_gaps(wizard)


def cip_vae(wizard: CipWizard) -> None:
    page = wizard.currentPage()
    table = page.sessions.table
    assert focused() is page.filed
    typed("10/11/2014")
    key(K.Key_Tab)
    typed("01/12/2014")
    tab_to(page.sessions.add_button)
    key(K.Key_Space)
    assert editing(table, 0, 0)
    typed("15/12/2014")
    key(K.Key_Return)
    on_page(wizard, VAE)
    tab_to(page.sessions.add_button)
    key(K.Key_Space)
    assert editing(table, 1, 0)
    typed("15/01/2015")
    key(K.Key_Return)
    on_page(wizard, VAE)
    alt(K.Key_J)  # « Jury le »
    assert focused() is page.jury
    typed("20/02/2015")
    key(K.Key_Tab)
    typed("25/02/2015")
    key(K.Key_Tab)
    assert focused() is page.outcome
    typed("t")  # « titre obtenu »
    assert "01/03/2015" in page.deadline.text()  # decision + 3 months, from the rules
    key(K.Key_Return)
    on_page(wizard, FINANCING)


def cip_financing(wizard: CipWizard, source: str, amount: str, hours: str = "") -> None:
    page = wizard.currentPage()
    assert focused() is page.cost
    typed("1380")
    tab_to(page.lines.add_button)
    key(K.Key_Space)
    assert editing(page.lines.table, 0, 0)
    typed(source)  # its French name, as the hint under the table lists them
    key(K.Key_Tab)
    typed(amount)
    key(K.Key_Tab)
    typed(hours)
    key(K.Key_Return)
    on_page(wizard, FINANCING)
    assert "Saisie à compléter" not in page.checks.item(0).text()
    alt(K.Key_S)
    on_page(wizard, CIP_SUMMARY)


def finish(wizard: PathWizard) -> None:
    alt(K.Key_T)  # « Terminer et enregistrer »
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert not wizard.isVisible()


def test_cip_from_the_agreement_to_the_vae_with_the_keyboard_only(open_wizard, store, candidate_id):
    wizard = open_wizard(CipWizard)
    on_page(wizard, AGREEMENT)
    cip_up_to_positioning(wizard)
    cip_positioning(wizard, "84", then=VAE)
    cip_vae(wizard)
    cip_financing(wizard, "Plan de formation", "300")
    assert "Éligible" in wizard.currentPage().verdict.text()
    finish(wizard)

    saved = stored(store, candidate_id)
    assert saved["employer_agreement"] == {
        "given_on": "2014-09-15",
        "signatory": "Bernard Aubry, directeur",
    }
    (period,) = saved["experiences"]
    assert period == {
        "employer": "Association Tremplin",
        "job_title": "Accompagnatrice socioprofessionnelle",
        "accompaniment_function": True,
        "start": "2009-03-02",
        "end": None,
        "fte": 0.8,
    }
    cip = saved["cip"]
    assert (cip["collective_meeting_on"], cip["targeted_meeting_on"]) == (
        "2014-10-02",
        "2014-10-16",
    )
    statuses = {gap["competence"]: gap["status"] for gap in cip["gap_analysis"]}
    assert len(statuses) == 15
    assert {c for c, s in statuses.items() if s != "yes"} == {"CIP-1.2", "CIP-2.3", "CIP-3.1"}
    assert (statuses["CIP-1.2"], statuses["CIP-2.3"], statuses["CIP-3.1"]) == (
        "partial",
        "partial",
        "no",
    )
    notes = {gap["competence"]: gap["note"] for gap in cip["gap_analysis"] if gap["note"]}
    assert notes == {"CIP-3.1": "prospection à travailler"}
    assert (cip["positioning_on"], cip["positioning_score_pct"]) == ("2014-11-05", 84)
    assert (cip["admissibility_filed_on"], cip["admissibility_decision_on"]) == (
        "2014-11-10",
        "2014-12-01",
    )
    assert cip["accompaniment_sessions"] == ["2014-12-15", "2015-01-15"]
    assert (cip["jury_on"], cip["vae_result_on"], cip["vae_outcome"]) == (
        "2015-02-20",
        "2015-02-25",
        "validated",
    )
    assert cip["cost_eur"] == 1380
    assert cip["financing"] == [{"source": "training_plan", "amount_eur": 300, "hours": None}]
    assert not cip.get("upgrading_courses")


def test_cip_below_the_threshold_to_the_upgrading_plan_with_the_keyboard_only(
    open_wizard, store, candidate_id
):
    wizard = open_wizard(CipWizard)
    cip_up_to_positioning(wizard)
    cip_positioning(wizard, "72,5", then=UPGRADING)
    page = wizard.currentPage()
    tab_to(page.courses.add_button)
    key(K.Key_Space)
    assert editing(page.courses.table, 0, 0)
    typed("Techniques d'entretien")
    key(K.Key_Tab)
    typed("01/12/2014")
    key(K.Key_Tab)
    typed("15/12/2014")
    key(K.Key_Return)
    on_page(wizard, UPGRADING)
    alt(K.Key_N)  # « Nouveau test de positionnement le »
    assert focused() is page.retest
    typed("10/01/2015")
    key(K.Key_Return)
    on_page(wizard, FINANCING)
    cip_financing(wizard, "cpf", "300", "20")
    finish(wizard)

    cip = stored(store, candidate_id)["cip"]
    assert cip["positioning_score_pct"] == 72.5
    assert cip["upgrading_courses"] == [
        {"title": "Techniques d'entretien", "starts_on": "2014-12-01", "ends_on": "2014-12-15"}
    ]
    assert cip["retest_on"] == "2015-01-10"
    assert cip["financing"] == [{"source": "cpf", "amount_eur": 300, "hours": 20}]
    assert not cip.get("accompaniment_sessions") and cip.get("vae_outcome") is None


# --- the CISP wizard, page by page -----------------------------------------------------


def cisp_registration(wizard: CispWizard) -> None:
    page = wizard.currentPage()
    assert focused() is page.registered
    typed(day())
    key(K.Key_Tab)
    assert focused() is page.filed
    key(K.Key_Space)
    assert page.filed.isChecked()
    key(K.Key_Tab)
    typed(day(-20))
    key(K.Key_Tab)
    typed("Bernard Aubry, directeur")
    key(K.Key_Return)
    on_page(wizard, COMMISSION)


def cisp_commission(wizard: CispWizard) -> None:
    page = wizard.currentPage()
    assert focused() is page.on
    typed(day(30))
    key(K.Key_Tab)
    assert focused() is page.decision
    typed("a")  # « Acceptée »
    assert page.decision.currentData() == "accepted"
    key(K.Key_Return)
    on_page(wizard, COURSES)


def cisp_courses(wizard: CispWizard, check=lambda: None) -> None:
    """Two courses found in the catalogue (Tab, then ↓ from the search), chosen with
    Entrée, their end typed in the cell the cursor lands in; one typed by hand."""
    page = wizard.currentPage()
    table = page.table
    assert focused() is page.search
    typed("accueil et diag")
    key(K.Key_Tab)
    assert focused() is page.results
    key(K.Key_Return)  # adds the course chosen, and does not turn the page
    on_page(wizard, COURSES)
    assert editing(table, 0, ENDED)
    typed(day(-700))
    key(K.Key_Tab)
    assert editing(table, 0, ATTESTATION)
    typed("ATT-0456")
    key(K.Key_Tab)  # the last cell one types in: Tab leaves the table
    assert focused() is page.pick

    alt(K.Key_C)  # « Chercher dans le catalogue »: what it holds is selected, replaced
    assert focused() is page.search
    typed("conduite d'entretien")
    key(K.Key_Down)
    assert focused() is page.results
    key(K.Key_Return)
    on_page(wizard, COURSES)
    assert editing(table, 1, ENDED)
    typed(day(60))
    key(K.Key_Return)
    on_page(wizard, COURSES)

    tab_to(page.by_hand)
    key(K.Key_Space)
    assert editing(table, 2, CODE)
    typed("CF-XYZ-01")
    key(K.Key_Tab)
    assert editing(table, 2, TITLE)
    typed("Atelier hors catalogue")
    key(K.Key_Tab)
    typed(day(90))
    key(K.Key_Return)
    on_page(wizard, COURSES)
    assert page.shown(0)[:2] == ("catalogue", "oui (pôle 2)")
    assert page.shown(1)[:2] == ("catalogue", "oui (pôle 2)")
    assert page.shown(2)[:2] == ("saisie à la main", "non")
    check()
    alt(K.Key_S)
    on_page(wizard, PATH)


def cisp_path(wizard: CispWizard) -> None:
    page = wizard.currentPage()
    assert focused() is page.contracted
    typed(day(40))
    key(K.Key_Tab)
    first, second, *_others = page.planned.values()
    assert focused() is first  # no stop in between: the first planned date is typed there
    typed(day(500))
    key(K.Key_Tab)
    assert focused() is second
    typed(day(510))
    key(K.Key_Return)
    on_page(wizard, SESSIONS)


def cisp_sessions(wizard: CispWizard, check=lambda: None) -> None:
    pole = wizard.currentPage().poles[2]  # its required courses are done
    assert focused() is pole.add  # the only field one can use: the others are greyed
    key(K.Key_Space)
    day_field, result, _widgets = pole.rows[0]
    assert focused() is day_field
    typed(day(120))
    key(K.Key_Tab)
    assert focused() is result
    typed("v")  # « validée »
    assert result.currentData() == "validated"
    check()
    key(K.Key_Return)
    on_page(wizard, CISP_SUMMARY)


def test_cisp_from_the_registration_to_the_summary_with_the_keyboard_only(
    open_wizard, store, candidate_id
):
    wizard = open_wizard(CispWizard)
    on_page(wizard, REGISTRATION)
    cisp_registration(wizard)
    cisp_commission(wizard)
    cisp_courses(wizard)
    cisp_path(wizard)
    cisp_sessions(wizard)
    assert "prévue le " + day(500) in wizard.currentPage().poles.text()
    finish(wizard)

    saved = stored(store, candidate_id)
    assert saved["employer_agreement"] == {
        "given_on": iso(-20),
        "signatory": "Bernard Aubry, directeur",
    }
    assert [
        (c["code"], c["ended_on"], c.get("attestation"), c.get("added_by_hand", False))
        for c in saved["courses"]
    ] == [
        ("CF-ACC-01", iso(-700), "ATT-0456", False),
        ("CF-ACC-02", iso(60), None, False),
        ("CF-XYZ-01", iso(90), None, True),
    ]
    assert saved["courses"][2]["title"] == "Atelier hors catalogue"
    cisp = saved["cisp"]
    assert (cisp["registered_on"], cisp["filed_by_employer"]) == (iso(), True)
    assert cisp["commission"] == {"date": iso(30), "decision": "accepted"}
    assert cisp["contracted_on"] == iso(40)
    assert cisp["planned_courses"][:3] == [
        {"code": "CF-TER-01", "planned_on": iso(500)},
        {"code": "CF-TER-02", "planned_on": iso(510)},
        {"code": "CF-EMP-01", "planned_on": None},
    ]
    assert cisp["pole_sessions"] == [{"pole": 2, "date": iso(120), "result": "validated"}]


# --- Tab follows the reading order -----------------------------------------------------


def tab_walk(wizard: QWizard, limit: int = 150) -> list[QWidget]:
    """The widgets Tab reaches from the one that has the keyboard, once round; a table
    counts once however many of its cells Tab goes through (an editor is its table's)."""
    start = focused()
    chain = [start]
    for _ in range(limit):
        key(K.Key_Tab)
        widget = focused()
        view = widget.parentWidget().parentWidget() if widget.parentWidget() else None
        if isinstance(view, QTableWidget) and view.isAncestorOf(widget):
            widget = view
        if widget is chain[-1]:
            continue
        if widget is start:
            return chain
        assert widget not in chain, f"Tab goes round without {describe(start)}"
        chain.append(widget)
    raise AssertionError(f"Tab never leaves {describe(chain[-1])}")


def scroll_areas(widget: QWidget) -> list[QScrollArea]:
    """The scroll areas `widget` is scrolled in, the outermost first."""
    found = []
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea) and parent.widget().isAncestorOf(widget):
            found.insert(0, parent)
        parent = parent.parentWidget()
    return found


def places(first: QWidget, second: QWidget, wizard: QWizard) -> tuple[QRect, QRect]:
    """Where the two widgets are, as the eye reads them whatever is scrolled: in the
    content both are scrolled in, else the scroll area stands for what it holds."""
    areas = [scroll_areas(first), scroll_areas(second)]
    common = 0
    while common < min(map(len, areas)) and areas[0][common] is areas[1][common]:
        common += 1
    frame = areas[0][common - 1].widget() if common else wizard
    rects = []
    for widget, around in zip((first, second), areas, strict=True):
        shown = around[common] if len(around) > common else widget
        rects.append(QRect(shown.mapTo(frame, QPoint(0, 0)), shown.size()))
    return rects[0], rects[1]


def read_after(first: QRect, second: QRect) -> bool:
    """`second` is read after `first`: further right on the same line, or below."""
    same_line = (
        first.top() < second.center().y() < first.bottom()
        or second.top() < first.center().y() < second.bottom()
    )
    if same_line:
        return second.left() > first.left()
    return second.center().y() > first.center().y()


def usable(widget: QWidget) -> bool:
    """Something one types in or chooses (not a label, a frame, a list only to read)."""
    if isinstance(widget, QLineEdit):
        return not widget.isReadOnly()
    if isinstance(widget, (QComboBox, QAbstractButton)):
        return True
    if isinstance(widget, QTableWidget):
        return widget.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers
    if isinstance(widget, QListWidget):  # a list of choices: choosing one does something
        return widget.isSignalConnected(QMetaMethod.fromSignal(widget.itemActivated))
    return False


def reading_order_problems(wizard: PathWizard) -> list[str]:
    """What is wrong with the Tab order of the page shown, from the field that has the
    keyboard when the page opens: each problem named with the page."""
    page = wizard.currentPage()
    where = page.title()
    buttons = [wizard.button(which) for which in BUTTONS]
    chain = tab_walk(wizard)
    # once round from the page's first field, the one after the wizard's buttons (no
    # field: from the first button)
    starts = [i for i, w in enumerate(chain) if w not in buttons and chain[i - 1] in buttons]
    first = starts[0] if starts else next(chain.index(b) for b in buttons if b in chain)
    chain = chain[first:] + chain[:first]
    fields = [w for w in chain if w not in buttons]
    problems = [f"{where} : on s'arrête sur {describe(w)}" for w in chain if not usable(w)]
    problems += [
        f"{where} : {describe(w)} hors de la page" for w in fields if not page.isAncestorOf(w)
    ]
    if chain[: len(fields)] != fields:
        problems.append(f"{where} : les boutons de l'assistant avant les champs")
    for before, after in pairwise(fields):
        if not read_after(*places(before, after, wizard)):
            problems.append(f"{where} : {describe(after)} après {describe(before)}")
    shown = chain[len(fields) :]
    for before, after in pairwise(shown):
        if not read_after(*places(before, after, wizard)):
            problems.append(f"{where} : bouton {after.text()} après {before.text()}")
    return problems


@pytest.mark.parametrize(("score", "branch"), [("84", VAE), ("72,5", UPGRADING)])
def test_tab_follows_the_reading_order_on_every_page_of_the_cip_wizard(open_wizard, score, branch):
    """Each page as it opens, from the field the cursor is in (the tables under it are
    still empty: see the next test for Tab in a table with rows)."""
    wizard = open_wizard(CipWizard)
    problems = []
    for step in (cip_agreement, cip_experience, cip_meetings, cip_gaps):
        problems += reading_order_problems(wizard)
        step(wizard)
    problems += reading_order_problems(wizard)
    cip_positioning(wizard, score, then=branch)
    problems += reading_order_problems(wizard)
    if branch == VAE:
        cip_vae(wizard)
    else:
        alt(K.Key_S)
        on_page(wizard, FINANCING)
    problems += reading_order_problems(wizard)
    cip_financing(wizard, "OPCA", "1080")
    problems += reading_order_problems(wizard)
    assert not problems, "\n".join(problems)


def test_tab_follows_the_reading_order_on_every_page_of_the_cisp_wizard(open_wizard):
    """Each page as it opens, and the pages with rows typed: the courses (the cells one
    types in, then out of the table), the sessions (a new session's date and result
    before the pole's buttons)."""
    wizard = open_wizard(CispWizard)
    problems: list[str] = []

    def check() -> None:
        problems.extend(reading_order_problems(wizard))

    for step in (cisp_registration, cisp_commission):
        check()
        step(wizard)
    check()
    cisp_courses(wizard, check)
    check()  # the planned dates, made as the page opens
    cisp_path(wizard)
    check()
    cisp_sessions(wizard, check)
    check()
    assert not problems, "\n".join(problems)


# --- Entrée in a list or a table, Tab out of a table -----------------------------------


def with_rows() -> dict:
    """A candidate with rows in every table of both wizards."""
    periods = [period("2009-03-02", "2012-06-30"), period("2012-07-01", None, 0.8)]
    cip = {
        "positioning_on": "2014-11-05",
        "positioning_score_pct": 84,
        "admissibility_filed_on": "2014-11-10",
        "admissibility_decision_on": "2014-12-01",
        "accompaniment_sessions": ["2014-12-15", "2015-01-15"],
        "upgrading_courses": [
            {"title": "Techniques d'entretien", "starts_on": None, "ends_on": None},
            {"title": "Prospection", "starts_on": None, "ends_on": None},
        ],
        "cost_eur": 1380,
        "financing": [
            {"source": "opca", "amount_eur": 1080, "hours": None},
            {"source": "training_plan", "amount_eur": 300, "hours": None},
        ],
    }
    courses = [
        {"code": "CF-ACC-01", "title": "Accueil et diagnostic partagé", "ended_on": iso(-700)},
        {"code": "CF-ACC-02", "title": "Conduite d'entretien", "ended_on": iso(60)},
    ]
    cisp = {"registered_on": iso(), "filed_by_employer": True}
    return make_dossier(cip, cisp, experiences=periods, courses=courses)


@pytest.fixture
def shown_page(qtbot, store, rules, catalogue):
    """Shows one page of a wizard, as its first, on the candidate `with_rows`."""
    ident = save_data(store, with_rows())

    def show(wizard_class: type[PathWizard], page_id: int) -> PathWizard:
        wizard = wizard_class(store, rules, catalogue, ident)
        qtbot.addWidget(wizard)
        wizard.setStartId(page_id)
        with qtbot.waitActive(wizard):
            wizard.show()
            wizard.activateWindow()
        on_page(wizard, page_id)
        return wizard

    return show


def item_views(page: QWidget) -> list[QAbstractItemView]:
    """The lists and tables of the page one can put the cursor in."""
    return [
        view
        for view in page.findChildren(QAbstractItemView)
        if view.isVisible() and view.isEnabled() and view.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]


CIP_PAGES = (AGREEMENT, EXPERIENCE, MEETINGS, GAPS, POSITIONING, VAE, UPGRADING, FINANCING)
EVERY_PAGE = [(CipWizard, page) for page in (*CIP_PAGES, CIP_SUMMARY)] + [
    (CispWizard, page) for page in (REGISTRATION, COMMISSION, COURSES, PATH, SESSIONS)
]
WITH_VIEWS = {(CipWizard, p) for p in (EXPERIENCE, VAE, UPGRADING, FINANCING)} | {
    (CispWizard, COURSES)
}


@pytest.mark.parametrize(("wizard_class", "page_id"), EVERY_PAGE)
def test_enter_in_a_list_or_a_table_never_turns_the_page(shown_page, wizard_class, page_id):
    """Entrée in each list and table of the page, on a row, and in a cell being typed
    (F2): the page stays, though nothing keeps it from going on. Entrée in the
    catalogue's results adds the course chosen, the cursor in its end date."""
    wizard = shown_page(wizard_class, page_id)
    page = wizard.currentPage()
    views = item_views(page)
    assert bool(views) == ((wizard_class, page_id) in WITH_VIEWS)
    for view in views:
        view.setFocus(Qt.FocusReason.TabFocusReason)
        key(K.Key_Return)
        on_page(wizard, page_id)
        if view is getattr(page, "results", None):
            assert editing(page.table, page.table.rowCount() - 1, ENDED)  # course added
            typed(day(100))
            key(K.Key_Return)
            on_page(wizard, page_id)
        if isinstance(view, QTableWidget) and view.rowCount():
            view.setFocus(Qt.FocusReason.TabFocusReason)
            key(K.Key_F2)
            assert editing(view, view.currentRow(), view.currentColumn())
            key(K.Key_Return)
            on_page(wizard, page_id)
            assert focused() is view
    if views:
        _document, problems = page.trial()
        assert not problems  # so an Entrée let through would have turned the page


def test_enter_in_the_catalogue_search_and_its_results_adds_a_course_and_stays(shown_page):
    wizard = shown_page(CispWizard, COURSES)
    page = wizard.currentPage()
    assert focused() is page.search
    typed("animer")
    key(K.Key_Return)  # the search is done: the cursor on what it found
    on_page(wizard, COURSES)
    assert focused() is page.results
    assert page.results.currentItem().data(Qt.ItemDataRole.UserRole) == "CF-ACC-03"
    key(K.Key_Return)
    on_page(wizard, COURSES)
    assert page.table.rowCount() == 3 and page.table.item(2, CODE).text() == "CF-ACC-03"
    assert editing(page.table, 2, ENDED)
    alt(K.Key_C)
    typed("rien de tel")
    key(K.Key_Return)  # nothing found: the cursor stays in the search, the page too
    on_page(wizard, COURSES)
    assert focused() is page.search


@pytest.mark.parametrize(
    ("wizard_class", "page_id", "table_of"),
    [
        (CipWizard, EXPERIENCE, lambda p: p.periods.rows),
        (CipWizard, VAE, lambda p: p.sessions),
        (CipWizard, UPGRADING, lambda p: p.courses),
        (CipWizard, FINANCING, lambda p: p.lines),
        pytest.param(CispWizard, COURSES, None),
    ],
)
def test_tab_goes_through_a_table_and_out_of_it(shown_page, wizard_class, page_id, table_of):
    """Tab from the field before a table with rows: through the cells one types in, then
    to the button under it; Shift+Tab back through them to the field before it."""
    wizard = shown_page(wizard_class, page_id)
    page = wizard.currentPage()
    rows = table_of(page) if table_of else None
    table = rows.table if rows else page.table
    cells = [
        (row, column)
        for row in range(table.rowCount())
        for column in range(table.columnCount())
        if table.item(row, column).flags() & Qt.ItemFlag.ItemIsEditable
        or table.item(row, column).data(Qt.ItemDataRole.CheckStateRole) is not None
    ]
    tab_to(table)
    after = rows.add_button if rows else page.pick  # a course is chosen in the results
    visited = [(table.currentRow(), table.currentColumn())]
    for _ in cells:
        key(K.Key_Tab)
        if focused() is not table:
            break
        visited.append((table.currentRow(), table.currentColumn()))
    assert visited == cells
    assert focused() is after
    key(K.Key_Tab, SHIFT)
    assert focused() is table and (table.currentRow(), table.currentColumn()) == cells[-1]
    for _ in cells:
        key(K.Key_Tab, SHIFT)
    assert focused() not in (table, after)  # the field before the table


def test_a_page_that_starts_with_a_filled_table_starts_on_next(open_wizard, store, candidate_id):
    """Seen on a real display: the periods' page gave the cursor to its table, Entrée
    stayed there (it never turns the page from a table), and the next dates typed went
    over the first period's cells. The page now starts on « Suivant »."""
    wizard = open_wizard(CipWizard)
    cip_agreement(wizard)
    cip_experience(wizard)
    alt(K.Key_P)  # « < Précédent »: back to the periods, which hold a row now
    on_page(wizard, EXPERIENCE)
    assert focused() is wizard.button(QWizard.WizardButton.NextButton)
    before = wizard.currentPage().periods.rows.dump("Expériences")
    key(K.Key_Return)  # « Suivant », as the counsellor expects
    on_page(wizard, MEETINGS)
    typed("02/10/2014")
    alt(K.Key_P)
    assert wizard.currentPage().periods.rows.dump("Expériences") == before
