"""What the main window does with the candidate page: show a candidate chosen in the
list or the dashboard, create one, save it (Ctrl+S), close it (Ctrl+W), search (Ctrl+F),
write its dossier PDF (Ctrl+P) or send it, and open a path's wizard for it. A mixin of
`MainWindow` (ui/window/main_window.py), which holds the page, the list and the store."""

from __future__ import annotations

from app.french import of

# the wizard of each path: module and class, imported when first opened
WIZARDS = {
    "cip": ("ui.wizards.cip.wizard", "CipWizard"),
    "cisp": ("ui.wizards.cisp.wizard", "CispWizard"),
}


class CandidateActions:
    def tell(self, text: str) -> None:
        """Says in the status bar what the last action did."""
        self.statusBar().showMessage(text, 15000)

    def current_candidate(self) -> tuple[str, str] | None:
        """(reference, SIRET) of the candidate shown, when it comes from the data folder."""
        if self.dossier is None or self.dossier_path is not None or self.store is None:
            return None
        return self.dossier.candidate.ref, self.dossier.structure.siret

    def show_candidate(self, candidate_id: int) -> None:
        """Shows the evaluation of a candidate of the data folder."""
        from app.store.candidates import candidate_dossier

        if self.page is None:  # the data folder is still opening
            return
        if self.page.candidate_id != candidate_id and not self.page.may_leave():
            # the user stays on the page: the list shows that candidate again
            self.candidate_list.select_candidate(self.page.candidate_id)
            return
        if self.page.candidate_id != candidate_id or not self.page.dirty:
            self.page.load_candidate(candidate_id)
            self.dossier = self.page.loaded_dossier
        else:  # the page keeps what is being typed; the evaluation shows what is saved
            with self.store.transaction() as session:
                self.dossier = candidate_dossier(session, candidate_id)
        self.dossier_path = None
        self.evaluation_view.show_dossier(self.dossier, later=True)
        self.views.setCurrentWidget(self.page)

    def open_candidate(self, candidate_id: int) -> None:
        """Entrée on a line of the list: that candidate's page, the cursor in it."""
        self.show_candidate(candidate_id)
        if self.page is not None and self.page.candidate_id == candidate_id:
            self.page.focus_first_field()

    def _data_changed(self, _candidate_id: int | None = None) -> None:
        self.candidate_list.reload()
        self.dashboard.reload(later=True)
        if self.page is not None and self.page.candidate_id is not None:
            self.candidate_list.select_candidate(self.page.candidate_id)

    def _page_saved(self, candidate_id: int) -> None:
        """The page was saved: the list shows the candidate, the status bar says it."""
        self.dossier = self.page.loaded_dossier  # the page reloaded it from the store
        self.dossier_path = None
        self.evaluation_view.show_dossier(self.dossier, later=True)
        self._data_changed()
        self.tell(f"Fiche {of(self.page.candidate_name())} enregistrée.")

    def save_candidate(self) -> None:
        """Fichier › Enregistrer la fiche (Ctrl+S): saves the page shown."""
        if self.page is None or self.page.is_empty():
            self.tell("Aucune fiche ouverte : rien à enregistrer.")
            return
        if not self.page.dirty:
            self.tell(f"Rien à enregistrer : la fiche {of(self.page.candidate_name())} est à jour.")
            return
        self.page.save()

    def close_candidate(self) -> None:
        """Fichier › Fermer la fiche (Ctrl+W): asks first if it was changed, then shows the
        dashboard, the cursor back in the search box (where the next candidate is found)."""
        if self.page is None or self.page.is_empty() or not self.page.may_leave():
            return
        self.page.clear()
        self.dossier = None
        self.evaluation_view.show_dossier(None)
        self.candidate_list.select_candidate(None)
        self.views.setCurrentWidget(self.dashboard)
        self.find_candidate()

    def find_candidate(self) -> None:
        """Fichier › Rechercher un candidat (Ctrl+F): the cursor in the search box."""
        self.candidate_list.search.setFocus()
        self.candidate_list.search.selectAll()

    def export_pdf(self) -> None:
        """Fichier › Dossier PDF… (Ctrl+P), as the page's button."""
        from ui.candidate import dossier_actions

        dossier_actions.export_from_page(self.page, False)

    def send_dossier(self) -> None:
        from ui.candidate import dossier_actions

        dossier_actions.export_from_page(self.page, True)

    def _candidate_deleted(self) -> None:
        """Nothing of an erased candidate stays on screen."""
        if self.dossier_path is None:
            self.dossier = None
            self.evaluation_view.show_dossier(None)
        self._data_changed()

    def new_candidate(self) -> None:
        from app.store.structure import current_setup
        from ui.window import data_actions

        setup = current_setup(self.store)
        if setup is None:
            data_actions.tell(
                self,
                "Nouveau candidat",
                "Configurez d'abord votre structure (Outils › Paramètres).",
            )
            return
        if self.page.may_leave():
            self.dossier, self.dossier_path = None, None
            self.evaluation_view.show_dossier(None)
            self.candidate_list.select_candidate(None)
            self.page.new_candidate(setup.structure)
            self.views.setCurrentWidget(self.page)
            self.page.focus_first_field()

    def open_wizard(self, path: str) -> None:
        """Parcours › Éligibilité CIP… / Capitalisation CISP…: the path's wizard for the
        candidate shown (saved first, if the page was changed); a draft resumes."""
        import importlib

        from ui.window import data_actions

        if self.page.isEnabled() and not self.page.may_leave():
            return
        if self.page.candidate_id is None or not self.page.isEnabled():
            data_actions.tell(
                self,
                "Parcours",
                "Choisissez d'abord un candidat dans la liste, ou créez-en un et "
                "enregistrez-le (Fichier › Nouveau candidat).",
            )
            return
        module, name = WIZARDS[path]
        wizard_class = getattr(importlib.import_module(module), name)
        wizard = wizard_class(self.store, self.rules, self.catalogue, self.page.candidate_id, self)
        wizard.saved.connect(self._wizard_saved)
        self.path_wizard = wizard
        wizard.open()
        wizard.resume()

    def _wizard_saved(self, candidate_id: int) -> None:
        self._data_changed()
        self.page.load_candidate(candidate_id)
        self.show_candidate(candidate_id)
        wizard = self.path_wizard
        path = wizard.path.upper() if wizard is not None else ""
        self.tell(f"Parcours {path} {of(self.page.candidate_name())} enregistré.")
