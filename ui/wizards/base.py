"""What the CIP and CISP wizards share: one page per step, each reading its part of the
candidate's exchange document when first shown and writing it back when the counsellor
goes on; a draft kept at every step and when the wizard is closed half-way; finishing
saves the dossier through `app/` and records the milestones.

Pages are independent (`QWizard.IndependentPages`): going Back and Next keeps what was
typed on every page. A page that shows what earlier pages decided (live checks, the
summary) refreshes itself each time it is entered (`entered`)."""

from __future__ import annotations

import contextlib
import copy
from datetime import date, datetime
from itertools import pairwise

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QScrollArea,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.domain import Catalogue, Dossier
from app.evaluation import evaluate
from app.exchange.dossier import dossier_from_data, dossier_to_data
from app.exchange.problems import ExchangeError
from app.rules import Rules
from app.store.candidates import candidate_dossier
from app.store.database import Store
from app.store.drafts import discard_draft, finish_wizard, load_draft, save_draft
from app.store.models import CandidateRow
from app.store.summaries import refresh_for_today
from app.typed import told
from ui.support.failures import failure, failure_types
from ui.support.questions import choose, choose_of_three
from ui.support.sizes import fit_to_screen
from ui.wizards.step import StepPage

KEEP, DISCARD, STAY = "keep", "discard", "stay"
# the wizard's buttons, left to right on screen
BUTTONS = (
    QWizard.WizardButton.HelpButton,
    QWizard.WizardButton.BackButton,
    QWizard.WizardButton.NextButton,
    QWizard.WizardButton.FinishButton,
    QWizard.WizardButton.CancelButton,
)


def ask_cancel(parent: QWidget) -> str:
    """Keep the draft, throw it away, or stay in the wizard? (tests replace this)."""
    answer = choose_of_three(
        parent,
        "Fermer l'assistant",
        "L'assistant n'est pas terminé. Garder ce qui a été saisi pour reprendre plus tard ?",
        ("Garder le brouillon", "Abandonner la saisie", "Continuer la saisie"),
        "« Garder le brouillon » : l'assistant reprendra à cette étape. "
        "« Abandonner la saisie » : ce qui a été saisi depuis la dernière fin d'assistant "
        "est effacé, la fiche du candidat reste telle qu'enregistrée.",
    )
    return (KEEP, DISCARD, STAY)[answer]


def ask_resume(parent: QWidget | None, draft_at: datetime, changed_at: datetime) -> bool:
    """The dossier was saved after the draft: resume the draft (True) or start from the
    dossier as saved, throwing the draft away (False)? (tests replace this)"""
    return choose(
        parent,
        "Brouillon plus ancien que la fiche",
        f"Un brouillon de cet assistant date du {draft_at:%d/%m/%Y à %H:%M}, mais la fiche du "
        f"candidat a été enregistrée depuis, le {changed_at:%d/%m/%Y à %H:%M}.",
        "Reprendre le brouillon",
        "Partir de la fiche",
        "« Reprendre le brouillon » : les pages de l'assistant reprennent ce qui y avait été "
        "saisi, à la place de ce qui a été enregistré depuis pour ce parcours. « Partir de la "
        "fiche » : le brouillon est effacé, l'assistant montre la fiche telle qu'enregistrée.",
    )


def _filled(value):
    """`value` without its empty entries: a field left empty (None) is a field absent."""
    if isinstance(value, dict):
        return {key: _filled(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_filled(item) for item in value]
    return value


class PathWizard(QWizard):
    """The wizard of one path for one candidate (`path` is "cip" or "cisp")."""

    path = ""
    title = ""
    # the parts of the document the wizard's pages edit, besides its own path: a draft
    # brings back only these, the rest (identity…) is the candidate's as saved now
    owned: tuple[str, ...] = ()
    saved = Signal(int)

    def __init__(
        self, store: Store, rules: Rules, catalogue: Catalogue, candidate_id: int, parent=None
    ) -> None:
        super().__init__(parent)
        self.store, self.rules, self.catalogue = store, rules, catalogue
        self.candidate_id = candidate_id
        self.setOption(QWizard.WizardOption.IndependentPages, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        # our own words, with their keyboard letters: < &Précédent, &Suivant >, &Terminer
        self.setButtonText(QWizard.WizardButton.BackButton, "< &Précédent")
        self.setButtonText(QWizard.WizardButton.NextButton, "&Suivant >")
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Terminer et enregistrer")
        self.setButtonText(QWizard.WizardButton.CancelButton, "Fermer")
        with store.transaction() as session:
            saved = dossier_to_data(candidate_dossier(session, candidate_id))
            draft = load_draft(session, candidate_id, self.path)
            changed_at = session.get(CandidateRow, candidate_id).updated_at
        # the dossier saved after the draft: resuming would bring older values back, so
        # the counsellor chooses
        newer = draft is not None and changed_at > draft.saved_at
        if newer and not ask_resume(parent, draft.saved_at, changed_at):
            with store.transaction() as session:
                discard_draft(session, candidate_id, self.path)
            draft = None
        self.draft_from = draft.saved_at if draft else None
        self.document = saved
        if draft is not None:
            for key in (*self.owned, self.path):
                self.document[key] = draft.document.get(key)
        if self.document.get(self.path) is None:
            self.document[self.path] = {}
        # as opened with no draft: closing with nothing changed keeps no draft
        self.untouched = None if draft is not None else copy.deepcopy(self.document)
        name = f"{saved['candidate']['first_name']} {saved['candidate']['last_name']}"
        self.candidate_name = name
        resumed = f" — brouillon du {self.draft_from:%d/%m/%Y à %H:%M} repris" if draft else ""
        self.setWindowTitle(f"{self.title} — {name}{resumed}")
        self.resume_page = draft.page if draft else None
        self.finished_dossier: Dossier | None = None
        self.currentIdChanged.connect(self._entered)
        self.setOption(QWizard.WizardOption.HaveHelpButton, True)
        self.setButtonText(QWizard.WizardButton.HelpButton, "Aide")
        # Tab takes the buttons left to right, as shown. Qt made « Aide » after the others,
        # so it came last though it is on the left; and Qt does not move « Précédent »
        # after « Aide » while they already follow each other round the Tab chain: hence
        # « Aide » after « Précédent » first, then each button after the one on its left
        buttons = [self.button(which) for which in BUTTONS]
        QWidget.setTabOrder(buttons[1], buttons[0])
        for first, second in pairwise(buttons):
            QWidget.setTabOrder(first, second)
        self.helpRequested.connect(self.open_help)
        QShortcut(QKeySequence("F1"), self, self.open_help)
        QShortcut(QKeySequence("Ctrl+S"), self, self.keep_draft_now)
        QShortcut(QKeySequence("Ctrl+W"), self, self.reject)
        fit_to_screen(self, 900, 680)

    def open_help(self) -> None:
        """F1 or « Aide »: the guide, at the part about the page shown."""
        from ui.dialogs.guide import anchor_for, open_guide

        open_guide(self, anchor_for(self.currentPage()))

    def keep_draft_now(self) -> None:
        """Ctrl+S: keeps what is typed so far as the draft, and says so on the page."""
        if self._keep_typed():
            self._say(
                f"Brouillon gardé à {datetime.now():%H:%M} : si vous fermez l'assistant, il "
                "reprendra à cette étape. La fiche, elle, est enregistrée à « Terminer »."
            )

    def resume(self) -> None:
        """Goes to the page the draft stopped at, through the pages before it (their
        checks pass: they passed when the draft was kept), so that Back works."""
        target = self.resume_page
        if target is None:
            return
        for _ in range(len(self.pageIds())):
            if self.currentId() == target:
                return
            before = self.currentId()
            self.next()
            if self.currentId() == before:  # a page refused: the counsellor sees why
                return

    def _entered(self, page_id: int) -> None:
        page = self.page(page_id)
        if isinstance(page, StepPage):
            page.entered(self.document)
        self._keyboard_on(page)
        QTimer.singleShot(0, self._show_cursor)

    def _show_cursor(self) -> None:
        """Where the cursor is on the page just shown: scrolled into view, and a field's
        text selected (what is typed replaces it, never lands after a date already there,
        as on a page reached again with Précédent)."""
        focus = self.focusWidget()
        if focus is None or not self.currentPage() or not self.currentPage().isAncestorOf(focus):
            return
        if isinstance(focus, QLineEdit):
            focus.selectAll()
        area = focus.parentWidget()
        while area is not None and area is not self:
            if isinstance(area, QScrollArea):
                area.ensureWidgetVisible(focus)
            area = area.parentWidget()

    def _keyboard_on(self, page: QWizardPage | None) -> None:
        """The cursor on the page shown. Qt gives it to the page's first field, but a page
        whose fields are all greyed (no pole ready for its session) left it in a field of
        the page before, hidden, where what is typed would go: the first field one can
        use then, else « Suivant » or « Terminer ». A page whose first field is a table
        (the periods) starts on « Suivant »: what is typed would go over its cells."""
        focus = self.focusWidget()
        if isinstance(focus, QAbstractItemView) and page is not None and page.isAncestorOf(focus):
            # a table first (the periods): what is typed next would write over its cells,
            # and Entrée there never turns the page; the counsellor goes into it with Tab
            self._focus_next_button()
            return
        if page is None or (focus is not None and focus.isVisible()):
            return
        # the page's own widgets only: a Python wrapper made for one of Qt's inside the
        # wizard would keep the wizard alive after it is closed
        for widget in page.findChildren(QWidget):
            usable = widget.isVisible() and widget.isEnabled()
            if usable and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return
        self._focus_next_button()

    def _focus_next_button(self) -> None:
        for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.FinishButton):
            button = self.button(which)
            if button.isVisible() and button.isEnabled():
                button.setFocus(Qt.FocusReason.TabFocusReason)
                return

    def dossier(self, document: dict | None = None) -> Dossier:
        return dossier_from_data(document or self.document)

    def format_problems(self, document: dict) -> list[str]:
        """What the exchange format refuses in the document, in French (empty: none)."""
        try:
            dossier_from_data(document)
        except ExchangeError as error:
            return [told(p.path, p.message) for p in error.problems]
        return []

    def evaluation(self, document: dict | None = None):
        return evaluate(self.dossier(document), date.today(), self.rules, self.catalogue)

    def keep_draft(self, page_id: int | None = None) -> bool:
        """Keeps what is typed so far: a crash or a closed laptop loses nothing. When the
        data folder refuses it, the page shown says so (the wizard goes on: what is typed
        stays on screen, to be saved at « Terminer » or kept again)."""
        page = self.currentId() if page_id is None or page_id < 0 else page_id
        try:
            with self.store.transaction() as session:
                save_draft(session, self.candidate_id, self.path, page, self.document)
        except failure_types() as error:
            self._say(f"Le brouillon n'a pas pu être gardé : {failure(error, self.store.path)}")
            return False
        return True

    def _discard(self) -> None:
        """Throws the draft away; if the data folder refuses, it stays (harmless: the next
        opening offers it again)."""
        with contextlib.suppress(*failure_types()), self.store.transaction() as session:
            discard_draft(session, self.candidate_id, self.path)

    def _say(self, text: str) -> None:
        shown = self.currentPage()
        if isinstance(shown, StepPage):
            shown.note.setText(text)
            shown.note.show()

    def accept(self) -> None:
        page = self.currentPage()
        if isinstance(page, StepPage) and not page.validatePage():
            return
        dossier = self.dossier()
        try:
            with self.store.transaction() as session:
                finish_wizard(session, self.candidate_id, self.path, dossier, self.store.user)
        except failure_types() as error:  # nothing saved: the wizard stays open, as typed
            if isinstance(page, StepPage):
                page.show_problems([f"Rien n'a été enregistré : {failure(error, self.store.path)}"])
            return
        with contextlib.suppress(
            *failure_types()
        ):  # saved; the list's lines wait for the next start
            refresh_for_today(self.store, self.rules, self.catalogue)
        self.finished_dossier = dossier
        self.saved.emit(self.candidate_id)
        super().accept()

    def reject(self) -> None:
        """« Fermer », Échap or the window's cross (Qt's closeEvent comes here too).
        Nothing typed since it was opened (and no draft resumed): closed at once."""
        if self._unchanged():
            self._discard()
            super().reject()
            return
        answer = ask_cancel(self)
        if answer == STAY:
            return
        if answer == KEEP:
            self._keep_typed()
        else:
            self._discard()
        super().reject()

    def close_keeping_draft(self) -> bool:
        """The window locks: what is typed is kept as a draft, and the wizard closes
        without a question (the draft is offered when it is opened again)."""
        kept = self._keep_typed()
        QWizard.reject(self)
        return kept

    def _unchanged(self) -> bool:
        if self.untouched is None:
            return False
        page = self.currentPage()
        trial = copy.deepcopy(self.document)
        if isinstance(page, StepPage):
            problems: list[str] = []
            page.dump(trial, problems)
            if problems != page.loaded_problems:
                return False
        return _filled(trial) == _filled(self.untouched)

    def _keep_typed(self) -> bool:
        """The draft with everything the current page could read, even when the page is
        not complete (14 competences of 15, a course without its end date yet): only what
        cannot be read at all (a date « 31/02/2014 ») is left out. A draft need not be a
        valid dossier: resuming stops at the page to complete, with its message."""
        page = self.currentPage()
        if isinstance(page, StepPage):
            trial = copy.deepcopy(self.document)
            page.dump(trial, [])
            self.document = trial
        if self.document == self.untouched:
            self._discard()
            return True
        return self.keep_draft(self.currentId())
