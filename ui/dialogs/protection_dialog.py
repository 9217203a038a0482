"""Outils › Protection des données…: for a data folder already in use, turn protection on
(a passphrase typed twice, what it means said plainly), change the passphrase, and the
minutes before the window locks itself. Then, once protected, the recovery code shown
once with its sheet to save (`RecoveryDialog`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.store.cipher import is_protected
from app.store.keyfile import WrongSecret, passphrase_problem
from app.store.protection import DISK_NOTE, ProtectionError, change_passphrase
from ui.dialogs.protection_pages import EXPLANATION, _secret, save_sheet
from ui.support.field_check import error_label


class ProtectionDialog(QDialog):
    """Accepted with `passphrase` set: protect now (the window does it: it must close the
    data first). Changing the passphrase and the idle minutes are done here."""

    def __init__(self, store, parent: QWidget | None = None) -> None:
        from app.store.protection import idle_minutes

        super().__init__(parent)
        self.store = store
        self.passphrase: str | None = None
        protected = is_protected(store.data_dir)
        self.setWindowTitle("Protection des données")
        state = QLabel(
            "Les données sont protégées par un mot de passe (base et sauvegardes chiffrées)."
            if protected
            else "Les données ne sont pas protégées : quiconque copie le dossier peut les lire."
        )
        state.setWordWrap(True)
        about = QLabel(EXPLANATION.format(minutes=idle_minutes(store)) + "\n\n" + DISK_NOTE)
        about.setWordWrap(True)
        self.current = _secret("Mot de passe actuel")
        self.new = _secret("Nouveau mot de passe")
        self.again = _secret("Nouveau mot de passe, de nouveau")
        self.minutes = QSpinBox()
        self.minutes.setRange(0, 240)
        self.minutes.setSuffix(" min")
        self.minutes.setSpecialValueText("jamais")
        self.minutes.setValue(idle_minutes(store))
        self.minutes.setAccessibleName("Verrouillage automatique après")
        self.error = error_label()
        form = QFormLayout()
        if protected:
            form.addRow("Mot de passe &actuel :", self.current)
        form.addRow("&Nouveau mot de passe :", self.new)
        form.addRow("&Confirmation :", self.again)
        form.addRow("&Verrouillage automatique après :", self.minutes)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Enregistrer" if protected else "&Protéger les données")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(state)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.protected = protected
        (self.current if protected else self.new).setFocus()

    def _say(self, text: str, field) -> None:
        self.error.setText(text)
        self.error.show()
        field.selectAll()
        field.setFocus()

    def accept(self) -> None:
        from app.store.protection import SETTING_IDLE_MINUTES

        wanted = bool(self.new.text() or self.again.text())
        if wanted or not self.protected:
            problem = passphrase_problem(self.new.text())
            if problem:
                self._say(problem[0].upper() + problem[1:] + ".", self.new)
                return
            if self.new.text() != self.again.text():
                self._say("Les deux nouveaux mots de passe diffèrent.", self.again)
                return
        self.store.set_setting(SETTING_IDLE_MINUTES, str(self.minutes.value()))
        if self.protected and wanted:
            try:
                change_passphrase(self.store.data_dir, self.new.text(), self.current.text())
            except WrongSecret:
                self._say("Mot de passe actuel incorrect : rien n'a été changé.", self.current)
                return
            except ProtectionError as error:
                self._say(str(error), self.new)
                return
        if not self.protected:
            self.passphrase = self.new.text()
        super().accept()


class RecoveryDialog(QDialog):
    """The recovery code, shown once, and its sheet; closes once it is noted."""

    def __init__(self, owner: str, data_dir: Path, code: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Fiche de secours")
        self.owner, self.data_dir, self.code_text = owner, data_dir, code
        title = QLabel("Notez ou imprimez ce code maintenant : il ne sera plus jamais affiché.")
        title.setWordWrap(True)
        self.code = QLabel(code)
        self.code.setAccessibleName("Code de secours")
        self.code.setStyleSheet("font-family: monospace; font-size: 18pt;")
        self.saved = QLabel()
        self.saved.setWordWrap(True)
        self.save_button = QPushButton("&Enregistrer la fiche de secours (PDF)…")
        self.save_button.clicked.connect(self._save)
        self.noted = QCheckBox("J'ai &noté ou imprimé le code de secours, et je le range à part")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Terminer")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.noted.toggled.connect(
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled
        )
        self.buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        for widget in (title, self.code, self.save_button, self.saved, self.noted, self.buttons):
            layout.addWidget(widget)
        self.save_button.setFocus()

    def _save(self) -> None:
        _sheet, said = save_sheet(self, self.owner, self.data_dir, self.code_text)
        if said:
            self.saved.setText(said)

    def reject(self) -> None:
        """Échap does not close it before the code is noted: it is shown only once."""
        if self.noted.isChecked():
            super().reject()
