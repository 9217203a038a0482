"""« Mot de passe du PDF »: asked when a protected PDF dossier is imported from the window
(Fichier › Importer des dossiers…, or a file dropped on it). The password opens that one
file and is kept nowhere."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.support.colours import ERROR, status_css

WRONG = (
    "Mot de passe incorrect : il n'ouvre pas ce PDF. Vérifiez les majuscules et les "
    "accents, puis recommencez."
)
ADVICE = (
    "Le mot de passe se donne à part du dossier (téléphone, SMS). Passerelle s'en sert pour "
    "ouvrir ce fichier et ne le garde pas."
)


class PdfPasswordDialog(QDialog):
    """The password of the PDF `path`; `wrong`: the one typed before did not open it."""

    def __init__(self, path: Path, wrong: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Mot de passe du PDF")
        intro = QLabel(f"Le dossier {path.name} est protégé par un mot de passe.")
        intro.setWordWrap(True)
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAccessibleName("Mot de passe du PDF")
        label = QLabel("&Mot de passe du PDF :")
        label.setBuddy(self.field)
        self.problem = QLabel(WRONG if wrong else "")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(status_css(ERROR))
        self.problem.setVisible(wrong)
        advice = QLabel(ADVICE)
        advice.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.open_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.open_button.setText("&Ouvrir")
        self.open_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        self.field.textChanged.connect(lambda text: self.open_button.setEnabled(bool(text)))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(label)
        layout.addWidget(self.field)
        layout.addWidget(self.problem)
        layout.addWidget(advice)
        layout.addWidget(self.buttons)
        self.field.setFocus()

    def password(self) -> str:
        return self.field.text()
