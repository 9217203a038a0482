"""Aide › Guide d'utilisation, on real widgets offscreen: the rules' figures filled in (and
never typed in the HTML), an anchor for every page of both wizards, opening at an anchor,
the search, no command line, accessible names."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QAccessible, QTextDocument
from PySide6.QtWidgets import QLabel, QWidget
from store_helpers import filled_store
from test_rules import rules_text, write

from app.rules import load_rules
from app.store.candidates import find_candidate
from ui.dialogs.guide import (
    GUIDE_FILE,
    TITLE,
    GuideDialog,
    anchor_for,
    guide_anchors,
    guide_html,
    open_guide,
)
from ui.wizards.cip.wizard import CipWizard
from ui.wizards.cisp.wizard import CispWizard

NBSP = "\u00a0"
CIP_PAGES = [
    "cip-agreement",
    "cip-experience",
    "cip-meetings",
    "cip-gap-analysis",
    "cip-positioning",
    "cip-vae",
    "cip-upgrading",
    "cip-financing",
    "cip-summary",
]
CISP_PAGES = [
    "cisp-registration",
    "cisp-commission",
    "cisp-courses",
    "cisp-individual-path",
    "cisp-sessions",
    "cisp-summary",
]
PARTS = ["about", "paths", "interview", "candidate-page", "cip", "cisp", "drafts"]
PARTS += ["send-dossier", "data", "shortcuts"]


def document_anchors(document: QTextDocument) -> set[str]:
    """The anchors as Qt read them (not as the HTML file spells them)."""
    names: set[str] = set()
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            names.update(iterator.fragment().charFormat().anchorNames())
            iterator += 1
        block = block.next()
    return names


def rendered_text(rules) -> str:
    document = QTextDocument()
    document.setHtml(guide_html(rules))
    return document.toRawText()


@pytest.fixture
def dialog(qtbot, rules):
    shown = GuideDialog(rules=rules)
    qtbot.addWidget(shown)
    shown.show()
    activate(qtbot, shown)
    return shown


def activate(qtbot, window: QWidget) -> None:
    """Its shortcuts (Ctrl+F, F3, Ctrl+W) answer in the active window only."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


@pytest.fixture
def store(tmp_path):
    opened = filled_store(tmp_path / "donnees")
    yield opened
    opened.close(automatic_backup=False)


def candidate_id(store, ref: str) -> int:
    with store.transaction() as session:
        return find_candidate(session, ref).id


def test_the_rules_figures_are_filled_in_the_french_way(dialog):
    text = dialog.browser.document().toRawText()  # toPlainText turns NBSP into spaces
    assert not re.search(r"\{[^}]*\}", text)
    for figure in (
        f"au moins 3{NBSP}ans",
        f"de 7{NBSP}personnes au moins",
        f"score d'au moins 80{NBSP}%",
        f"au plus 1380{NBSP}€",
        f"1080{NBSP}€",
        f"24{NBSP}h",
        f"en 3{NBSP}mois au plus",
        f"5{NBSP}jours sur 6{NBSP}mois",
        f"dans les 5{NBSP}ans avant l'inscription",
        "AGEFOS PME",
        "Conseiller(ère) en insertion professionnelle",
        f"4{NBSP}pôles de compétences",
    ):
        assert figure in text, figure
    assert dialog.windowTitle() == TITLE


def test_the_figures_come_from_the_rules_in_use(tmp_path):
    campaign = load_rules(
        write(
            tmp_path,
            rules_text(
                min_group_size="9",
                positioning_threshold_pct="75.5",
                positioning_threshold_inclusive="false",
                max_cost_eur="1500",
                opca_amount_eur="1100",
                cpf_max_hours="30",
                vae_max_months="4",
                min_experience_years="2",
                retroactivity_years="6",
                mobilisation_days="1",
            ),
        )
    )
    text = rendered_text(campaign)
    for figure in (
        f"9{NBSP}personnes",
        f"score de plus de 75,5{NBSP}%",
        f"1500{NBSP}€",
        f"1100{NBSP}€",
        f"30{NBSP}h",
        f"en 4{NBSP}mois au plus",
        f"au moins 2{NBSP}ans",
        f"6{NBSP}ans avant",
        f"1{NBSP}jour sur",
    ):
        assert figure in text, figure
    for old in ("7\u00a0personnes", "80\u00a0%", "1380", "1080", "24\u00a0h", "3\u00a0ans"):
        assert old not in text, old


def test_no_figure_is_typed_in_the_html():
    source = GUIDE_FILE.read_text(encoding="utf-8")
    words = re.sub(r"<!--.*?-->|<[^>]+>|&[a-z]+;", " ", source, flags=re.S)
    words = re.sub(r"\bF\d\b", " ", words)  # the keys F1, F3
    assert re.findall(r"\S*\d\S*", words) == []


def test_plain_html_for_a_dark_palette_too():
    source = GUIDE_FILE.read_text(encoding="utf-8").lower()
    for forbidden in ("color", "<style", "style=", "<script", "<link", "javascript", "#fff"):
        assert forbidden not in source, forbidden
    names = re.findall(r"<a\s+name=\"([^\"]+)\"", source)
    assert len(names) == len(set(names)), "an anchor appears twice"


def test_every_page_of_both_wizards_has_its_part(qtbot, store, rules, catalogue, dialog):
    wizards = [
        (CipWizard(store, rules, catalogue, candidate_id(store, "c-2014-023")), CIP_PAGES),
        (CispWizard(store, rules, catalogue, candidate_id(store, "c-2014-031")), CISP_PAGES),
    ]
    in_document = document_anchors(dialog.browser.document())
    for wizard, expected in wizards:
        qtbot.addWidget(wizard)
        anchors = [anchor_for(wizard.page(page_id)) for page_id in wizard.pageIds()]
        assert anchors == expected
        for anchor in anchors:
            assert anchor in in_document, anchor
            assert anchor in guide_anchors(), anchor
    for part in PARTS:
        assert part in in_document, part


def test_a_page_without_a_part_of_its_own_falls_back_to_its_wizard():
    class NewStepPage(QWidget):
        pass

    NewStepPage.__module__ = "ui.wizards.cisp.new_step"
    assert anchor_for(NewStepPage()) == "cisp"
    NewStepPage.__module__ = "ui.wizards.cip.new_step"
    assert anchor_for(NewStepPage()) == "cip"
    assert anchor_for(None) == "interview"
    assert anchor_for(QLabel()) == "interview"


def top_line(dialog: GuideDialog) -> str:
    """The text at the top of the guide's view."""
    return dialog.browser.cursorForPosition(QPoint(40, 12)).block().text()


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen only
def test_opening_at_an_anchor_scrolls_there_and_reuses_the_dialog(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    first = open_guide(parent)
    qtbot.waitExposed(first)
    bar = first.browser.verticalScrollBar()
    assert bar.value() == 0
    assert top_line(first).startswith("Guide d'utilisation")

    shown = open_guide(parent, "cip-positioning")
    assert shown is first
    assert bar.value() > 0
    assert top_line(shown).startswith("Test de positionnement individuel")
    at_positioning = bar.value()

    open_guide(parent, "shortcuts")
    assert bar.value() > at_positioning
    open_guide(parent)  # no anchor: where the reader left it
    assert bar.value() > at_positioning
    assert len(parent.findChildren(GuideDialog)) == 1

    shown.top_button.click()
    assert bar.value() == 0
    shown.browser.setSource(QUrl("#cisp"))  # a link of the table of contents
    assert top_line(shown).startswith("L'assistant CISP")


def test_the_search_finds_goes_on_and_says_when_nothing_is_found(qtbot, dialog):
    qtbot.keyClick(dialog.browser, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert dialog.search.hasFocus()
    qtbot.keyClicks(dialog.search, "brouillon")
    first = dialog.result.text()
    assert re.fullmatch(r"Résultat 1 sur \d+", first)
    total = int(first.rsplit(" ", 1)[1])
    assert total >= 2
    assert dialog.browser.verticalScrollBar().value() > 0
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.result.text() == f"Résultat 2 sur {total}"
    assert dialog.isVisible()  # Enter finds, it does not close the dialog
    qtbot.keyClick(dialog.search, Qt.Key.Key_F3)
    assert dialog.result.text() == f"Résultat {3 if total > 2 else 1} sur {total}"

    dialog.search.setText("copie de securite")  # no accents, an ordinary space
    assert dialog.result.text().startswith("Résultat 1 sur")
    dialog.search.setText("xylophone")
    assert dialog.result.text() == "Aucun résultat"
    dialog.search.clear()
    assert dialog.result.text() == ""


def test_escape_and_ctrl_w_close_it(qtbot, dialog):
    qtbot.keyClick(dialog.search, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    dialog.show()
    activate(qtbot, dialog)
    qtbot.keyClick(dialog.browser, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    dialog.show()
    dialog.close_button.click()
    assert not dialog.isVisible()


def test_written_for_a_counsellor_no_command_line(dialog):
    text = dialog.browser.toPlainText()
    lowered = text.lower()
    assert "passerelle --" not in lowered
    assert not re.search(r"(^|\s)--?[a-z]", lowered), "a command-line option"
    for word in ("json", "sqlite", "toml", ".eml", "terminal", "commande", "make "):
        assert word not in lowered, word


def test_every_focusable_widget_has_an_accessible_name(dialog):
    focusable = [
        widget
        for widget in dialog.findChildren(QWidget)
        if widget.focusPolicy() != Qt.FocusPolicy.NoFocus and widget.isVisibleTo(dialog)
    ]
    assert dialog.search in focusable and dialog.browser in focusable
    for widget in focusable:
        interface = QAccessible.queryAccessibleInterface(widget)
        name = interface.text(QAccessible.Text.Name)
        assert name.strip(), f"{type(widget).__name__} has no accessible name"
    for label in dialog.findChildren(QLabel):
        if label.buddy() is not None:
            assert "&" in label.text()
