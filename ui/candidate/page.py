"""The candidate page: identity, experience, courses, CIP, CISP and history, with save,
cancel and delete; leaving with unsaved changes asks first."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from app.consolidation.overview import candidate_groups
from app.domain import Catalogue, Structure
from app.evaluation import evaluate
from app.evaluation.experience import count_experience, split_days
from app.exchange.dossier import dossier_from_data, dossier_to_data, structure_to_data
from app.exchange.problems import ExchangeError
from app.french import duration, of
from app.rules import Rules
from app.store.candidates import (
    candidate_dossier,
    change_reference,
    delete_candidate,
    find_candidate,
    save_dossier,
    with_current_structure,
)
from app.store.database import Store
from app.store.history import history_lines
from app.store.models import CandidateRow, StructureRow
from app.store.sent import changed_since_sent
from app.store.summaries import refresh_for_today
from app.typed import told
from ui.candidate import dossier_actions
from ui.candidate.tabs import CipTab, CispTab, CoursesTab, ExperiencesTab, HistoryTab, IdentityTab
from ui.support.failures import failure, failure_types
from ui.support.questions import choose, choose_of_three

SAVE, DISCARD, STAY = "save", "discard", "stay"


def ask_unsaved(parent: QWidget) -> str:
    """Save, discard or stay? (tests replace this function)."""
    answer = choose_of_three(
        parent,
        "Modifications non enregistrées",
        "La fiche du candidat a été modifiée. Enregistrer les modifications ?",
        ("Enregistrer", "Ne pas enregistrer", "Rester sur la fiche"),
    )
    return (SAVE, DISCARD, STAY)[answer]


def reference_taken(session, dossier, candidate_id: int | None) -> str | None:
    """Why the dossier's reference cannot be saved: it is another candidate's in the same
    structure (saving would overwrite that candidate). None when it is free."""
    ref = dossier.candidate.ref
    other = session.scalars(
        select(CandidateRow)
        .join(CandidateRow.structure)
        .where(CandidateRow.ref == ref, StructureRow.siret == dossier.structure.siret)
    ).first()
    if other is None or other.id == candidate_id:
        return None
    owner = of(f"{other.first_name} {other.last_name}")
    return (
        f"Identité, référence : « {ref} » est déjà celle {owner}. Choisissez une autre "
        "référence : rien n'a été enregistré."
    )


def ask_delete(parent: QWidget, who: str) -> bool:
    """Confirms an erasure, saying it is final (tests replace this function)."""
    answer = QMessageBox.warning(
        parent,
        "Supprimer le candidat",
        f"Supprimer {who} et tout ce qui le concerne (parcours, historique) ?\n\n"
        f"Cette suppression est définitive : elle ne peut pas être annulée.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def tell_problems(parent: QWidget, lines: list[str]) -> None:
    """Says why the page cannot be saved (tests replace this function)."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Enregistrement impossible",
        "La fiche n'est pas enregistrée : corrigez d'abord ces points.",
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setInformativeText("\n".join(lines))
    box.open()


def keep_wizard_steps(loaded: dict, data: dict) -> None:
    """What the wizards record and the tabs do not show (meetings, VAE steps, planned
    courses…) is kept as loaded when the page is saved."""
    for path in ("cip", "cisp"):
        if data.get(path) is not None and loaded.get(path):
            for key, value in loaded[path].items():
                data[path].setdefault(key, value)


def ask_drop_path(parent: QWidget, path: str) -> bool:
    """The page no longer has the candidate on a path that holds records: erase them?
    (tests replace this function)"""
    return choose(
        parent,
        f"Retirer le parcours {path.upper()}",
        f"Le candidat ne sera plus sur le parcours {path.upper()} : tout ce qui a été "
        "enregistré pour ce parcours (étapes datées, analyse des décalages, financement, "
        "sessions…) sera effacé de la fiche. L'historique garde les étapes déjà datées.",
        "Retirer le parcours",
        "Garder le parcours",
        warning=True,
    )


class CandidatePage(QWidget):
    saved = Signal(int)
    deleted = Signal()

    def __init__(self, store: Store, rules: Rules, catalogue: Catalogue, parent=None) -> None:
        super().__init__(parent)
        self.store, self.rules, self.catalogue = store, rules, catalogue
        self.candidate_id: int | None = None
        self.loaded_dossier = None
        self._loaded: dict = {}
        self.structure: Structure | None = None
        self.dirty = False
        self.identity, self.experiences = IdentityTab(), ExperiencesTab()
        self.courses, self.cip, self.cisp = CoursesTab(), CipTab(), CispTab()
        # the rooms added after eligibility, loaded with the page (not at the window's start)
        from ui.candidate import admissibility_actions, closure_actions
        from ui.candidate.documents_tab import DocumentsTab
        from ui.candidate.step_bar import StepBar

        self.history = HistoryTab()
        self.documents = DocumentsTab()
        self.documents.recorded.connect(self._documents_recorded)
        self.tabs = QTabWidget()
        for tab, title in (
            (self.identity, "Identité"),
            (self.experiences, "Expériences"),
            (self.courses, "Formations"),
            (self.cip, "CIP"),
            (self.cisp, "CISP"),
            (self.documents, "Pièces"),
            (self.history, "Historique"),
        ):
            self.tabs.addTab(tab, title)
        for tab in (self.identity, self.experiences, self.courses, self.cip, self.cisp):
            tab.changed.connect(self._edited)
        self.cip.request_asked.connect(lambda: admissibility_actions.write_request(self))
        for tab, path in ((self.cip, "cip"), (self.cisp, "cisp")):
            tab.close_asked.connect(lambda path=path: closure_actions.close_path(self, path))
            tab.resume_asked.connect(lambda path=path: closure_actions.resume_path(self, path))
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.steps = StepBar()
        self.save_button = QPushButton("Enregistrer")
        self.save_button.setToolTip("Enregistre la fiche (Ctrl+S)")
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton("Annuler les modifications")
        self.cancel_button.clicked.connect(self.revert)
        self.delete_button = QPushButton("Supprimer le candidat…")
        self.delete_button.clicked.connect(self.delete)
        self.pdf_button = QPushButton("Dossier PDF…")
        self.pdf_button.setToolTip(
            "Écrit le dossier PDF du parcours, et le montre pour le relire (Ctrl+P)"
        )
        self.pdf_button.clicked.connect(lambda: dossier_actions.export_from_page(self, False))
        self.send_button = QPushButton("Envoyer à COORACE…")
        self.send_button.setToolTip(
            "Écrit le dossier PDF et prépare un courriel à COORACE, à relire et envoyer "
            "depuis votre messagerie"
        )
        self.send_button.clicked.connect(lambda: dossier_actions.export_from_page(self, True))
        self.open_button = QPushButton("Rouvrir le dernier PDF")
        self.open_button.setToolTip("Ouvre le dernier dossier PDF exporté")
        self.open_button.clicked.connect(lambda: dossier_actions.open_last_copy(self))
        sending = QHBoxLayout()
        sending.addWidget(QLabel("Dossier pour COORACE :"))  # names the buttons beside it
        for button in (self.pdf_button, self.send_button, self.open_button):
            sending.addWidget(button)
        sending.addStretch(1)
        buttons = QHBoxLayout()
        for button in (self.save_button, self.cancel_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.steps)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(sending)
        layout.addLayout(buttons)
        self._set_dirty(False)
        self.clear()

    def _documents_recorded(self) -> None:
        """A supporting document changed: the list's « Pièces » follows."""
        refresh_for_today(self.store, self.rules, self.catalogue)
        self.saved.emit(self.candidate_id)

    def candidate_name(self) -> str:
        """« Prénom Nom » as loaded or typed, or « nouveau candidat »."""
        identity = self.identity
        name = f"{identity.first_name.text().strip()} {identity.last_name.text().strip()}"
        return name.strip() or "nouveau candidat"

    def is_empty(self) -> bool:
        """No candidate shown, nor a new one being typed."""
        return not self.isEnabled()

    def clear(self) -> None:
        """Shows no one (closed, or erased): nothing of anyone stays on screen."""
        if self.structure is not None:
            self.new_candidate(self.structure)
        self.candidate_id = None
        self._set_dirty(False)
        self.setEnabled(False)
        self.heading.setText(
            "Aucune fiche ouverte : choisissez un candidat dans la liste, ou créez-en un (Ctrl+N)."
        )
        self.steps.show_steps(())  # nothing of anyone stays on screen

    def focus_first_field(self) -> None:
        """The cursor where the counsellor types next: the identity's first field."""
        self.tabs.setCurrentWidget(self.identity)
        self.identity.ref.setFocus()

    def use_catalogue(self, catalogue: Catalogue) -> None:
        """Evaluates with another catalogue from now on, the candidate shown at once."""
        self.catalogue = catalogue
        if self.isEnabled():
            self._evaluate()

    def _set_dirty(self, dirty: bool) -> None:
        self.dirty = dirty
        self.save_button.setEnabled(dirty)
        self.cancel_button.setEnabled(dirty)
        self.delete_button.setEnabled(self.candidate_id is not None)
        for button in (self.pdf_button, self.send_button, self.open_button):
            button.setEnabled(self.candidate_id is not None and not dirty)

    def _show(self, data: dict, history: list[str], sent: str | None = None) -> None:
        self._loaded = data
        for tab in (self.identity, self.experiences, self.courses, self.cip, self.cisp):
            tab.load(data)
        for tab, path in ((self.cip, "cip"), (self.cisp, "cisp")):
            tab.show_closure((data[path] or {}).get("closure"), self.candidate_id is not None)
        self.history.load(history)
        c = data["candidate"]
        name = f"{c['first_name'] or ''} {c['last_name'] or ''}".strip() or "Nouveau candidat"
        mark = f" — <i>{escape(sent, quote=False)}</i>" if sent else ""
        structure = escape(data["structure"]["name"], quote=False)
        self.heading.setText(f"<b>{escape(name, quote=False)}</b> — {structure}{mark}")
        self.setEnabled(True)
        self._set_dirty(False)
        self._evaluate()

    def load_candidate(self, candidate_id: int) -> None:
        with self.store.transaction() as session:
            dossier = candidate_dossier(session, candidate_id)
            history = history_lines(session, candidate_id)
            sent = changed_since_sent(session, candidate_id)
            groups = [group.text() for group in candidate_groups(session, candidate_id)]
        self.cip.show_groups(groups)
        self.candidate_id, self.structure = candidate_id, dossier.structure
        self.loaded_dossier = dossier  # as saved: the window's evaluation view shows it too
        self._show(dossier_to_data(dossier), history, sent)

    def new_candidate(self, structure: Structure) -> None:
        self.cip.show_groups([])
        self.candidate_id, self.structure = None, structure
        empty = {
            "structure": structure_to_data(structure),
            "candidate": {
                key: None
                for key in (
                    "ref",
                    "last_name",
                    "first_name",
                    "birth_date",
                    "email",
                    "phone",
                    "job_title",
                    "hired_on",
                    "contract",
                )
            },
            "employer_agreement": None,
            "experiences": [],
            "courses": [],
            "cip": None,
            "cisp": None,
        }
        self._show(empty, [])
        self.tabs.setCurrentIndex(0)

    def document(self) -> tuple[dict, list[str]]:
        data = {
            "format": "passerelle.dossier",
            "format_version": 1,
            "structure": structure_to_data(self.structure),
        }
        problems: list[str] = []
        for tab in (self.identity, self.experiences, self.courses, self.cip, self.cisp):
            tab.dump(data, problems)
        keep_wizard_steps(self._loaded, data)
        return data, problems

    def _dossier(self):
        data, problems = self.document()
        if problems:
            return None, problems
        try:
            return dossier_from_data(data), []
        except ExchangeError as error:
            return None, [told(p.path, p.message) for p in error.problems]

    def _edited(self) -> None:
        self._set_dirty(True)
        self._evaluate()

    def _evaluate(self) -> None:
        dossier, problems = self._dossier()
        if dossier is None:
            # never the results of what was there before: say why there are none
            self.experiences.total.setText(
                f"Saisie à compléter : {escape(problems[0], quote=False)}"
            )
            for tab in (self.cip, self.cisp):
                tab.show_unavailable(problems[0])
            self.steps.show_unavailable(problems[0])
            return
        evaluation = evaluate(dossier, date.today(), self.rules, self.catalogue)
        count = count_experience(
            dossier.experiences,
            date.today(),
            self.rules.value("min_experience_years") * self.rules.value("days_per_year"),
            self.rules.value("experience_counting"),
        )
        years, months, days = split_days(
            int(count.total_days),
            self.rules.value("days_per_year"),
            self.rules.value("days_per_month"),
        )
        status = "Respectée" if count.met else "Non respectée"
        self.experiences.total.setText(
            f"<b>Total fusionné : {duration(years, months, days)}</b> "
            f"({int(count.total_days)} jours) — CIP-EXP : {status}"
        )
        self.cip.show_checks(evaluation.cip.checks if evaluation.cip else [])
        self.cisp.show_checks(evaluation.cisp.checks if evaluation.cisp else [])
        from app.evaluation.documents import checklist
        from app.evaluation.steps import path_steps

        self.steps.show_steps(path_steps(dossier, evaluation))
        self.documents.show_items(self.store, self.candidate_id, checklist(dossier, evaluation))

    def save(self) -> bool:
        data, _problems = self.document()
        for path in ("cip", "cisp"):
            if self._loaded.get(path) and data.get(path) is None and not ask_drop_path(self, path):
                return False
        dossier, problems = self._dossier()
        if dossier is None:
            tell_problems(self, problems)
            return False
        try:
            with self.store.transaction() as session:
                dossier = with_current_structure(session, dossier)
                taken = reference_taken(session, dossier, self.candidate_id)
                if taken:
                    tell_problems(self, [taken])
                    return False
                if self.candidate_id is not None:  # a corrected reference: the same person
                    change_reference(
                        session, self.candidate_id, dossier.candidate.ref, self.store.user
                    )
                saved_id = save_dossier(session, dossier, self.store.user)
        except failure_types() as error:  # nothing was written: the page keeps what is typed
            tell_problems(self, [f"Rien n'a été enregistré : {failure(error, self.store.path)}"])
            return False
        self.candidate_id = saved_id
        try:
            refresh_for_today(self.store, self.rules, self.catalogue)
        except failure_types() as error:  # saved; only the list's lines could not be evaluated
            tell_problems(
                self,
                [
                    "La fiche est enregistrée, mais la liste des candidats n'a pas pu être "
                    f"mise à jour : {failure(error, self.store.path)}"
                ],
            )
        self.load_candidate(self.candidate_id)
        self.saved.emit(self.candidate_id)
        return True

    def revert(self) -> None:
        if self.candidate_id is None:
            self.new_candidate(self.structure)
        else:
            self.load_candidate(self.candidate_id)

    def delete(self) -> None:
        if self.candidate_id is None:
            return
        data, _ = self.document()
        who = f"{data['candidate']['first_name']} {data['candidate']['last_name']}"
        if not ask_delete(self, who):
            return
        try:
            with self.store.transaction() as session:
                row = session.get(CandidateRow, self.candidate_id)
                delete_candidate(
                    session, find_candidate(session, row.ref, row.structure.siret), self.store.user
                )
        except failure_types() as error:
            tell_problems(self, [f"Rien n'a été effacé : {failure(error, self.store.path)}"])
            return
        self.clear()  # nothing of the erased candidate stays shown
        self.heading.setText(
            f"La fiche {of(escape(who, quote=False))} a été supprimée, avec tout son historique."
        )
        self.deleted.emit()

    def may_leave(self) -> bool:
        """True when the page may show something else: nothing unsaved, or the user chose."""
        if not self.dirty:
            return True
        answer = ask_unsaved(self)
        if answer == SAVE:
            return self.save()
        if answer == DISCARD:
            self._set_dirty(False)
            return True
        return False
