"""First start: the structure's set-up wizard; later, the « Paramètres » dialog."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from app.store.database import Store
from app.store.errors import StoreError
from app.store.structure import current_setup, save_setup
from app.store.workspace import CooraceSetup, save_coorace_setup
from ui.dialogs.protection_pages import ProtectPage, SheetPage
from ui.dialogs.setup_forms import (
    PeopleForm,
    ServiceForm,
    StructureForm,
    align_labels,
    fill,
    setup_of,
)
from ui.support.sizes import fit_to_screen

ROLE, STRUCTURE, PEOPLE, SERVICE, PROTECT, SHEET = range(6)


class _RolePage(QWizardPage):
    """Who works on this computer: a member structure, or COORACE's service."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Qui travaille sur cet ordinateur ?")
        self.setSubTitle(
            "Passerelle sert aux structures adhérentes, pour leurs salariés, et au service "
            "de certification de COORACE, qui réunit les dossiers de toutes les structures "
            "et forme les groupes."
        )
        self.structure = QRadioButton("Une structure &adhérente (SIAE) : nos salariés candidats")
        self.coorace = QRadioButton(
            "Le service de certification de &COORACE : les dossiers de toutes les structures"
        )
        self.structure.setChecked(True)
        self.choice = QButtonGroup(self)
        for button in (self.structure, self.coorace):
            self.choice.addButton(button)
        note = QLabel("Ce choix vaut pour ce dossier de données ; il ne se change pas ensuite.")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.structure)
        layout.addWidget(self.coorace)
        layout.addSpacing(12)
        layout.addWidget(note)
        layout.addStretch(1)

    def nextId(self) -> int:
        return SERVICE if self.coorace.isChecked() else STRUCTURE


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


class _LastPage(_FormPage):
    """The last page of who works here: protection comes next."""

    def nextId(self) -> int:
        return PROTECT


class _ServicePage(_LastPage):
    """COORACE's service: its name, the user's name, its certification address."""

    def __init__(self, service: ServiceForm, people: PeopleForm) -> None:
        super().__init__(
            "Le service de certification de COORACE",
            "Le nom du service signe les réponses aux structures ; votre nom, l'historique.",
            service,
        )
        self.people = people
        self.layout().addWidget(people)

    def initializePage(self) -> None:
        """The cursor where one types next: the user's name (the others are filled)."""
        self.people.user.setFocus()

    def validatePage(self) -> bool:
        return self.form.show_errors(self.form.problems()) & self.people.show_errors(
            self.people.problems()
        )


class SetupWizard(QWizard):
    """Asks who works here; for a structure, the structure, COORACE's address and the
    user's name; for COORACE's service, its name, the user's and its address. Saves on
    Finish."""

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
        self.service_form = ServiceForm()
        self.service_people = PeopleForm()
        self.role = _RolePage()
        self.setPage(ROLE, self.role)
        self.setPage(
            STRUCTURE,
            _FormPage(
                "Votre structure",
                "Ces informations figurent sur chaque dossier envoyé à COORACE. Elles restent "
                "modifiables dans Outils › Paramètres.",
                self.structure_form,
            ),
        )
        self.setPage(
            PEOPLE,
            _LastPage(
                "COORACE et vous",
                "L'adresse du service certification de COORACE, et votre nom.",
                self.people,
            ),
        )
        self.setPage(SERVICE, _ServicePage(self.service_form, self.service_people))
        self.protect_page = ProtectPage(SHEET)
        self.setPage(PROTECT, self.protect_page)
        self.sheet_page = SheetPage()
        self.setPage(SHEET, self.sheet_page)
        self.recovery_code: str | None = None
        align_labels(self.service_form, self.service_people)
        fit_to_screen(self, 640, 600)

    def owner_name(self) -> str:
        if self.for_coorace:
            return self.service_form.service.text().strip()
        return self.structure_form.name.text().strip()

    def protect_now(self, passphrase: str) -> bool:
        """Encrypts the new data folder (closed for that, then opened again: the wizard's
        store is the protected one). Once only: going back does not protect twice."""
        from app.store.cipher import is_protected
        from app.store.database import open_store
        from app.store.protection import protect

        folder = self.store.data_dir
        if is_protected(folder):
            return True
        user = self.store.user
        self.store.close(automatic_backup=False)
        try:
            report = protect(folder, passphrase)
        except StoreError as error:
            self.protect_page.error.setText(str(error))
            self.protect_page.error.show()
            self.store = open_store(folder, user=user)
            return False
        self.store = open_store(folder, user=user)
        self.recovery_code = report.recovery_code
        self.protect_page.enabled.setEnabled(False)  # done: it is not undone by going back
        return True

    @property
    def for_coorace(self) -> bool:
        return self.role.coorace.isChecked()

    def accept(self) -> None:
        if self.for_coorace:
            save_coorace_setup(
                self.store,
                CooraceSetup(
                    service=self.service_form.service.text().strip(),
                    user=self.service_people.user.text().strip(),
                    coorace_email=self.service_people.coorace_email.text().strip(),
                ),
            )
        else:
            save_setup(self.store, setup_of(self.structure_form, self.people))
        super().accept()


class SettingsDialog(QDialog):
    """« Paramètres »: the same fields as the first-start wizard, and the way to the
    protection of the data (`on_protection`: the window's Outils › Protection des
    données…, opened once these settings are closed)."""

    def __init__(self, store: Store, parent=None, on_protection=None) -> None:
        super().__init__(parent)
        self.store = store
        self.on_protection = on_protection
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
        from app.store.cipher import is_protected

        protected = is_protected(store.data_dir)
        self.protection_state = QLabel(
            "Données protégées par un mot de passe."
            if protected
            else "Données non protégées : quiconque copie le dossier peut les lire."
        )
        self.protection_button = QPushButton("Pro&tection des données…")
        self.protection_button.clicked.connect(self._protection)
        self.protection_button.setEnabled(on_protection is not None)
        layout = QVBoxLayout(self)
        layout.addWidget(self.structure_form)
        layout.addWidget(self.people)
        layout.addWidget(self.protection_state)
        layout.addWidget(self.protection_button)
        layout.addWidget(buttons)

    def _protection(self) -> None:
        """Closes these settings (nothing saved from them), then the protection dialog."""
        self.reject()
        if self.on_protection is not None:
            self.on_protection()

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
