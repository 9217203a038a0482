"""The first start's last two pages: « Protéger les données » (a passphrase, ticked by
default, with what it means said plainly), then « Fiche de secours » (the recovery code
shown once, and the sheet to save and print). Protecting closes the freshly made data
folder, encrypts it (app/store/protection.py) and opens it again: the wizard's store is
the protected one from then on."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from app.store.keyfile import passphrase_problem, protection
from app.store.protection import DISK_NOTE
from ui.support.field_check import error_label

EXPLANATION = (
    "Passerelle chiffre alors la base de données et ses sauvegardes : un ordinateur perdu "
    "ou volé ne livre rien des candidats (situation sociale, handicap, justice). Le mot de "
    "passe est demandé à chaque ouverture, et la fenêtre se verrouille d'elle-même après "
    "{minutes} minutes sans activité.\n\n"
    "Une fiche de secours, à imprimer, porte un code qui remplace le mot de passe oublié. "
    "Sans le mot de passe ni ce code, les données sont illisibles : personne ne peut les "
    "rouvrir, ni COORACE ni l'équipe de Passerelle."
)


def _secret(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field


class ProtectPage(QWizardPage):
    """Whether to protect the data, and the passphrase (typed twice)."""

    def __init__(self, next_id: int) -> None:
        super().__init__()
        self._next_id = next_id
        self.setTitle("Protéger les données par un mot de passe")
        self.setSubTitle("Recommandé : les données des candidats sont très sensibles.")
        self.enabled = QCheckBox("Protéger les &données par un mot de passe (recommandé)")
        self.enabled.setChecked(True)
        about = QLabel(EXPLANATION.format(minutes=protection().idle_minutes))
        about.setWordWrap(True)
        disk = QLabel(DISK_NOTE)
        disk.setWordWrap(True)
        self.passphrase = _secret("Mot de passe des données")
        self.again = _secret("Mot de passe des données, de nouveau")
        self.error = error_label()
        form = QFormLayout()
        form.addRow("&Mot de passe :", self.passphrase)
        form.addRow("&Confirmation :", self.again)
        layout = QVBoxLayout(self)
        layout.addWidget(self.enabled)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(disk)
        layout.addStretch(1)
        self.enabled.toggled.connect(self._toggled)
        self.enabled.toggled.connect(self.completeChanged)

    def _toggled(self, on: bool) -> None:
        for field in (self.passphrase, self.again):
            field.setEnabled(on)
        self.error.hide()
        self.setFinalPage(not on)  # not protected: « Terminer » here, no recovery sheet

    def initializePage(self) -> None:
        self.passphrase.setFocus()

    def nextId(self) -> int:
        return self._next_id if self.enabled.isChecked() else -1

    def problem(self) -> str | None:
        if not self.enabled.isChecked():
            return None
        said = passphrase_problem(self.passphrase.text())
        if said:
            return said[0].upper() + said[1:] + "."
        if self.passphrase.text() != self.again.text():
            return "Les deux mots de passe diffèrent : tapez le même deux fois."
        return None

    def validatePage(self) -> bool:
        problem = self.problem()
        if problem:
            self.error.setText(problem)
            self.error.show()
            self.again.selectAll()
            self.again.setFocus()
            return False
        return (
            self.wizard().protect_now(self.passphrase.text()) if self.enabled.isChecked() else True
        )


class SheetPage(QWizardPage):
    """The recovery code, shown once, and its sheet to save (then print)."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Fiche de secours")
        self.setSubTitle("Notez ou imprimez ce code maintenant : il ne sera plus jamais affiché.")
        self.code = QLabel()
        self.code.setAccessibleName("Code de secours")
        self.code.setStyleSheet("font-family: monospace; font-size: 18pt;")
        self.saved = QLabel()
        self.saved.setWordWrap(True)
        self.save_button = QPushButton("&Enregistrer la fiche de secours (PDF)…")
        self.save_button.clicked.connect(self._save)
        self.noted = QCheckBox("J'ai &noté ou imprimé le code de secours, et je le range à part")
        self.noted.toggled.connect(self.completeChanged)
        layout = QVBoxLayout(self)
        layout.addWidget(self.code)
        layout.addWidget(self.save_button)
        layout.addWidget(self.saved)
        layout.addWidget(self.noted)
        layout.addStretch(1)
        self.sheet: Path | None = None

    def initializePage(self) -> None:
        self.code.setText(self.wizard().recovery_code or "")
        self.save_button.setFocus()

    def isComplete(self) -> bool:
        return self.noted.isChecked()

    def nextId(self) -> int:
        return -1

    def _save(self) -> None:
        wizard = self.wizard()
        self.sheet, said = save_sheet(
            self, wizard.owner_name(), wizard.store.data_dir, wizard.recovery_code or ""
        )
        if said:
            self.saved.setText(said)
        if self.sheet is not None:
            self.noted.setFocus()


def save_sheet(parent, owner: str, data_dir: Path, code: str) -> tuple[Path | None, str]:
    """Asks where, writes the recovery sheet; (the file or None, what to say)."""
    from app.export.recovery_sheet import RecoverySheet, write_recovery_sheet
    from app.store.errors import StoreError
    from ui.dialogs import protection_pages

    out = protection_pages.choose_sheet_file(parent)
    if out is None:
        return None, ""
    try:
        written = write_recovery_sheet(RecoverySheet(owner, data_dir, code, date.today()), out)
    except (StoreError, OSError) as error:
        return None, f"La fiche n'a pas pu être écrite : {error}"
    return written, (
        f"Fiche écrite : {written}. Imprimez-la, rangez-la sous clé, puis effacez le fichier."
    )


def choose_sheet_file(parent) -> Path | None:
    """Where to write the recovery sheet (tests replace this function)."""
    from ui.support import file_dialogs

    suggested = f"fiche-de-secours-passerelle-{date.today():%Y%m%d}.pdf"
    return file_dialogs.save_file(
        parent, "Fiche de secours", suggested, "Document PDF (*.pdf)", ".pdf"
    )
