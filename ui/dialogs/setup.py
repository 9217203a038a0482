"""First start: the structure's set-up wizard; later, the « Paramètres » dialog."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from app.store.database import Store
from app.store.errors import StoreError
from app.store.structure import current_setup, save_setup
from ui.dialogs.setup_forms import PeopleForm, StructureForm, align_labels, fill, setup_of
from ui.support.sizes import fit_to_screen


class _FormPage(QWizardPage):
    def __init__(self, title: str, subtitle: str, form) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.form = form
        layout = QVBoxLayout(self)
        layout.addWidget(form)

    def validatePage(self) -> bool:
        return self.form.show_errors(self.form.problems())


class SetupWizard(QWizard):
    """Asks for the structure, COORACE's address and the user's name; saves on Finish."""

    def __init__(self, store: Store, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("Bienvenue dans Passerelle")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setButtonText(QWizard.WizardButton.BackButton, "< &Précédent")
        self.setButtonText(QWizard.WizardButton.NextButton, "&Suivant >")
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Terminer")
        self.structure_form = StructureForm()
        self.people = PeopleForm()
        self.addPage(
            _FormPage(
                "Votre structure",
                "Ces informations figurent sur chaque dossier envoyé à COORACE. Elles restent "
                "modifiables dans Outils › Paramètres.",
                self.structure_form,
            )
        )
        self.addPage(
            _FormPage(
                "COORACE et vous",
                "L'adresse du service certification de COORACE, et votre nom.",
                self.people,
            )
        )
        fit_to_screen(self, 640, 560)

    def accept(self) -> None:
        save_setup(self.store, setup_of(self.structure_form, self.people))
        super().accept()


class SettingsDialog(QDialog):
    """« Paramètres »: the same fields as the first-start wizard."""

    def __init__(self, store: Store, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("Paramètres")
        self.structure_form = StructureForm()
        self.people = PeopleForm()
        setup = current_setup(store)
        if setup is not None:
            fill(self.structure_form, self.people, setup)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        align_labels(self.structure_form, self.people)
        layout = QVBoxLayout(self)
        layout.addWidget(self.structure_form)
        layout.addWidget(self.people)
        layout.addWidget(buttons)

    def accept(self) -> None:
        problems = self.structure_form.problems()
        people_problems = self.people.problems()
        ok = self.structure_form.show_errors(problems) & self.people.show_errors(people_problems)
        if not ok:
            return
        try:
            save_setup(self.store, setup_of(self.structure_form, self.people))
        except StoreError as error:
            self.structure_form.show_errors({"siret": str(error)})
            return
        super().accept()
