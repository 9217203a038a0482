"""« Données protégées »: the passphrase asked at start (and after a lock). A wrong one
says « Mot de passe incorrect » under the field and lets the person try again (nothing
changed); « Mot de passe oublié » takes the recovery code and a new passphrase. The
data folder is unlocked (app/store/cipher.py) when the dialog is accepted."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.store.cipher import unlock
from app.store.keyfile import KeyFileError, WrongSecret
from app.store.protection import ProtectionError, change_passphrase
from ui.support.field_check import error_label


def _password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field


class UnlockDialog(QDialog):
    """Asks the passphrase of the protected data folder `data_dir`."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None, locked: bool = False):
        super().__init__(parent)
        self.data_dir = data_dir
        self.setWindowTitle("Données protégées")
        said = (
            "Passerelle a été verrouillé. Tapez le mot de passe pour retrouver vos données."
            if locked
            else "Ces données sont protégées par un mot de passe."
        )
        about = QLabel(f"{said}\nDossier : {data_dir}")
        about.setWordWrap(True)
        self.password = _password_field("Mot de passe des données")
        self.code = QLineEdit()
        self.code.setAccessibleName("Code de secours")
        self.code.setToolTip("Le code de la fiche de secours : 6 groupes de 4 caractères")
        self.new = _password_field("Nouveau mot de passe")
        self.again = _password_field("Nouveau mot de passe, de nouveau")
        self.error = error_label()
        self.form = QFormLayout()
        self.form.addRow("&Mot de passe :", self.password)
        self.recovery_rows = [
            ("&Code de secours :", self.code),
            ("&Nouveau mot de passe :", self.new),
            ("&Confirmation :", self.again),
        ]
        self.forgot = QPushButton("Mot de passe &oublié…")
        self.forgot.clicked.connect(self.use_recovery_code)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Ou&vrir")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        buttons.addButton(self.forgot, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.recovering = False
        self.password.setFocus()

    def use_recovery_code(self) -> None:
        """The passphrase forgotten: the recovery code, then a new passphrase."""
        if self.recovering:
            return
        self.recovering = True
        self.form.removeRow(0)
        for label, field in self.recovery_rows:
            self.form.addRow(label, field)
        self.forgot.setEnabled(False)
        self.code.setFocus()

    def _say(self, text: str, field: QLineEdit) -> None:
        self.error.setText(text)
        self.error.show()
        field.selectAll()
        field.setFocus()

    def accept(self) -> None:
        try:
            if self.recovering:
                if self.new.text() != self.again.text():
                    self._say("Les deux nouveaux mots de passe diffèrent.", self.again)
                    return
                change_passphrase(self.data_dir, self.new.text(), code=self.code.text())
                unlock(self.data_dir, self.new.text())
            else:
                unlock(self.data_dir, self.password.text())
        except WrongSecret as error:
            self._say(str(error), self.code if self.recovering else self.password)
            return
        except ProtectionError as error:
            self._say(str(error), self.new)
            return
        except KeyFileError as error:
            self._say(str(error), self.password)
            return
        super().accept()


def ask_unlock(data_dir: Path, parent: QWidget | None = None, locked: bool = False) -> bool:
    """Whether the person unlocked the folder (tests replace this function)."""
    dialog = UnlockDialog(data_dir, parent, locked)
    return dialog.exec() == QDialog.DialogCode.Accepted
