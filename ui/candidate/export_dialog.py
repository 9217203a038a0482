"""What is asked before a dossier PDF is written: which path (when the candidate is on
both) and, if wanted, a password, typed twice (ExportDialog)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from ui.support.colours import ERROR, status_css

PATH_NAMES = {"cip": "CIP — VAE collective", "cisp": "CISP — capitalisation"}

PASSWORD_ADVICE = (
    "Donnez le mot de passe à COORACE par téléphone ou par SMS, jamais dans le même "
    "courriel que le dossier. Passerelle ne le garde pas : notez-le avant de continuer."
)


SEND_TITLE = "Envoyer le dossier à COORACE"

PDF_TITLE = "Écrire le dossier PDF"


@dataclass(frozen=True)
class ExportChoice:
    path: str
    password: str | None
    with_scans: bool = False  # the supporting documents' scans attached to the PDF


class ExportDialog(QDialog):
    """Which path (when the candidate is on both) and, if wanted, a password."""

    def __init__(self, who: str, paths: list[str], sending: bool, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(SEND_TITLE if sending else PDF_TITLE)
        self.path = QComboBox()
        for name in paths:
            self.path.addItem(PATH_NAMES[name], name)
        self.path.setEnabled(len(paths) > 1)
        self.protect = QCheckBox("Pro&téger le PDF par un mot de passe (chiffrement AES-256)")
        self.password = QLineEdit()
        self.again = QLineEdit()
        for field in (self.password, self.again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setEnabled(False)
        self.protect.toggled.connect(self.password.setEnabled)
        self.protect.toggled.connect(self.again.setEnabled)
        advice = QLabel(PASSWORD_ADVICE)
        advice.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setStyleSheet(status_css(ERROR))
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Pa&rcours :", self.path)
        self.scans = QCheckBox("Joindre au PDF les pièces justificatives scannées")
        form.addRow(self.scans)
        form.addRow(self.protect)
        form.addRow("&Mot de passe :", self.password)
        form.addRow("&Encore une fois :", self.again)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        # the next step is the file's place, then the preview (and only then the mail)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Choisir le fichier…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{who}</b>"))
        layout.addLayout(form)
        layout.addWidget(advice)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def refusal(self) -> str | None:
        """What is wrong with the password typed, in French; None when it is usable."""
        from app.export.attachment import password_problem

        if not self.protect.isChecked():
            return None
        problem = password_problem(self.password.text())
        if problem:
            return f"Mot de passe : {problem}."
        if self.password.text() != self.again.text():
            return "Les deux mots de passe tapés ne sont pas les mêmes."
        return None

    def accept(self) -> None:
        refusal = self.refusal()
        if refusal:
            self.problem.setText(refusal)
            return
        super().accept()

    def choice(self) -> ExportChoice:
        password = self.password.text() if self.protect.isChecked() else None
        return ExportChoice(self.path.currentData(), password, self.scans.isChecked())
