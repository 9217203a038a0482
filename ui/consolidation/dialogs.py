"""The small questions of COORACE's workspace: a group's name and AFPA centre, the reason
a member leaves (and the group they go to), the file or folder to write, the message
that tells what was done. Module-level functions: tests replace them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.consolidation.groups import GroupLine
from ui.support import file_dialogs

XLSX = "Classeur Excel (*.xlsx)"


def _buttons(dialog: QDialog, accept: str) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    box.button(QDialogButtonBox.StandardButton.Ok).setText(accept)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class GroupDialog(QDialog):
    """« Constituer ce groupe »: its name (prefilled) and, if known, its AFPA centre."""

    def __init__(self, reason: str, default_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Constituer ce groupe")
        about = QLabel(reason)
        about.setWordWrap(True)
        self.name = QLineEdit(default_name)
        self.name.selectAll()
        self.afpa_centre = QLineEdit()
        form = QFormLayout()
        form.addRow("&Nom du groupe :", self.name)
        form.addRow("Centre A&FPA (facultatif) :", self.afpa_centre)
        self.buttons = _buttons(self, "&Constituer")
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        # the whole name shows: « Groupe inter-régional Bretagne + Pays de la Loire (06/2015) »
        width = self.name.fontMetrics().horizontalAdvance(default_name + "MMMM")
        self.name.setMinimumWidth(min(max(width, 360), 720))

    def chosen(self) -> tuple[str, str | None]:
        """The name typed (the default when emptied) and the AFPA centre or None."""
        return self.name.text().strip(), self.afpa_centre.text().strip() or None


class ReasonDialog(QDialog):
    """Why a member leaves the group (required); with `targets`, the group they go to."""

    def __init__(
        self,
        title: str,
        who: str,
        targets: list[GroupLine] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        about = QLabel(who)
        about.setWordWrap(True)
        form = QFormLayout()
        self.target: QComboBox | None = None
        if targets is not None:
            self.target = QComboBox()
            for line in targets:
                self.target.addItem(line.line(), line.id)
            form.addRow("&Groupe d'arrivée :", self.target)
        self.reason = QLineEdit()
        form.addRow("&Motif (obligatoire) :", self.reason)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.buttons = _buttons(self, "&Valider")
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        if not self.reason.text().strip():
            self.problem.setText("Le motif est obligatoire : dites pourquoi ce candidat part.")
            self.problem.show()
            self.reason.setFocus()
            return
        super().accept()

    def chosen(self) -> tuple[str, int | None]:
        """The reason typed and the target group's number (None without targets)."""
        target = self.target.currentData() if self.target is not None else None
        return self.reason.text().strip(), target


def tell(
    parent: QWidget, title: str, text: str, problem: bool = False, pdf: Path | None = None
) -> None:
    """A message about what was done, or why nothing was (tests replace it); with `pdf`,
    the PDF written, and « Ouvrir le PDF » to open it with the computer's reader."""
    icon = QMessageBox.Icon.Warning if problem else QMessageBox.Icon.Information
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if pdf is not None:
        button = box.addButton("Ouvrir le PDF", QMessageBox.ButtonRole.ActionRole)
        button.clicked.connect(lambda: _open(parent, pdf))
    box.setDefaultButton(QMessageBox.StandardButton.Ok)
    box.open()


def _open(parent: QWidget, pdf: Path) -> None:
    """Opens the PDF (the message closes with the click); says so when nothing could."""
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(pdf))):
        tell(
            parent,
            "PDF non ouvert",
            "Aucun programme n'a pu ouvrir le PDF (pas de lecteur PDF sur cet ordinateur ?) : "
            f"le fichier est ici : {pdf}",
            problem=True,
        )


def afpa_file(parent: QWidget, suggested: str) -> Path | None:
    """Where to write the list for AFPA (.xlsx by default; .csv when so named)."""
    filters = f"{XLSX};;Fichier CSV (*.csv)"
    chosen = file_dialogs.save_file(parent, "Liste pour l'AFPA", suggested, filters, ".xlsx")
    if chosen is not None and chosen.name.lower().endswith(".csv.xlsx"):
        return chosen.with_name(chosen.name[: -len(".xlsx")])
    return chosen


def answers_folder(parent: QWidget) -> Path | None:
    """The folder to write the answers to the structures in."""
    return file_dialogs.open_folder(parent, "Dossier des réponses aux structures")


def folder(parent: QWidget, title: str) -> Path | None:
    """A folder to write files in (the convocations, say)."""
    return file_dialogs.open_folder(parent, title)


def pdf_file(parent: QWidget, title: str, suggested: str) -> Path | None:
    """A PDF file to write (an existing one is refused by the caller)."""
    return file_dialogs.save_file(parent, title, suggested, "Fichiers PDF (*.pdf)", ".pdf")


def xlsx_file(parent: QWidget, title: str, suggested: str) -> Path | None:
    """A spreadsheet to write."""
    return file_dialogs.save_file(parent, title, suggested, XLSX, ".xlsx")
