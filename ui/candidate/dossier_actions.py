"""The candidate page's PDF actions: « Dossier PDF… », « Envoyer à COORACE » (a mail
draft with the PDF, opened in the user's mail program), « Ouvrir le dossier » (the last
copy, in the system's PDF viewer)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.text import folded
from ui.support.colours import ERROR, status_css

PATH_NAMES = {"cip": "CIP — VAE collective", "cisp": "CISP — capitalisation"}
PASSWORD_ADVICE = (
    "Donnez le mot de passe à COORACE par téléphone ou par SMS, jamais dans le même "
    "courriel que le dossier. Passerelle ne le garde pas : notez-le avant de continuer."
)


@dataclass(frozen=True)
class ExportChoice:
    path: str
    password: str | None


class ExportDialog(QDialog):
    """Which path (when the candidate is on both) and, if wanted, a password."""

    def __init__(self, who: str, paths: list[str], sending: bool, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Envoyer à COORACE" if sending else "Dossier PDF")
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
        form.addRow(self.protect)
        form.addRow("&Mot de passe :", self.password)
        form.addRow("&Encore une fois :", self.again)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            "Préparer le courriel…" if sending else "Choisir le fichier…"
        )
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
        return ExportChoice(self.path.currentData(), password)


def ask_export(parent: QWidget, who: str, paths: list[str], sending: bool) -> ExportChoice | None:
    """Asks the path and password (tests replace this function)."""
    dialog = ExportDialog(who, paths, sending, parent)
    return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None


def choose_pdf_file(parent: QWidget, suggested: Path) -> Path | None:
    """Asks where to write the PDF (tests replace this function)."""
    name, _ = QFileDialog.getSaveFileName(
        parent, "Enregistrer le dossier PDF", str(suggested), "Dossiers PDF (*.pdf)"
    )
    if not name:
        return None
    return Path(name if name.lower().endswith(".pdf") else f"{name}.pdf")


def open_externally(path: Path) -> bool:
    """Opens a file with the system's program for it (tests replace this function)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def tell(parent: QWidget, title: str, text: str) -> None:
    """Tells the user something (tests replace this function)."""
    QMessageBox.information(parent, title, text)


def suggested_file(last_name: str, first_name: str, path: str, today: date) -> Path:
    """« Dossier-CIP-Martinez-Eloise-2015-01-15.pdf » in the user's Documents folder."""
    words = "-".join(folded(f"{last_name} {first_name}").title().split()) or "candidat"
    folder = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation
    ) or str(Path.home())
    return Path(folder) / f"Dossier-{path.upper()}-{words}-{today.isoformat()}.pdf"


def free_name(path: Path) -> Path:
    """`path`, or `path` with « -2 », « -3 »… when a file has that name already."""
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return candidate


def export_from_page(page, sending: bool) -> Path | None:
    """Exports the candidate shown on `page` (saved first); with `sending`, also writes the
    mail draft for COORACE and opens it. Returns the PDF written, or None."""
    from app.exchange.problems import ExchangeError
    from app.store.errors import StoreError
    from app.store.sent import export_pdf
    from app.store.structure import current_setup

    title = "Envoyer à COORACE" if sending else "Dossier PDF"
    if page.candidate_id is None:
        tell(page, title, "Choisissez d'abord un candidat dans la liste.")
        return None
    if page.dirty:
        tell(page, title, "Enregistrez d'abord les modifications : le dossier part enregistré.")
        return None
    data, _ = page.document()
    candidate = data["candidate"]
    who = f"{candidate['first_name']} {candidate['last_name']}"
    paths = [name for name in ("cip", "cisp") if data.get(name) is not None]
    if not paths:
        tell(page, title, f"Aucun parcours n'est ouvert pour {who} : il n'y a pas de dossier.")
        return None
    choice = ask_export(page, who, paths, sending)
    if choice is None:
        return None
    today = date.today()
    out = choose_pdf_file(
        page, suggested_file(candidate["last_name"], candidate["first_name"], choice.path, today)
    )
    if out is None:
        return None
    try:
        copy = export_pdf(
            page.store,
            candidate["ref"],
            out,
            page.rules,
            page.catalogue,
            path=choice.path,
            siret=data["structure"]["siret"],
            password=choice.password,
            today=today,
            replace=True,  # the file dialog asked before replacing
        )
    except (StoreError, ExchangeError, OSError) as error:
        tell(page, title, f"Le dossier n'a pas été écrit : {error}")
        return None
    written = Path(copy.file)
    if sending:
        from app.export.mail import draft, write_draft

        setup = current_setup(page.store)
        message = draft(
            to=setup.coorace_email,
            structure=data["structure"]["name"],
            candidate=who,
            path=choice.path,
            pdf=written,
            protected=choice.password is not None,
            sender_name=setup.user,
        )
        eml = write_draft(message, free_name(written.with_suffix(".eml")))
        if not open_externally(eml):
            tell(
                page,
                title,
                f"Le brouillon de courriel est prêt : {eml}\nOuvrez-le avec votre messagerie.",
            )
    else:
        open_externally(written)
    page.load_candidate(page.candidate_id)
    return written


def open_last_copy(page) -> None:
    """Opens the last PDF exported for the candidate shown."""
    from app.store.sent import sent_copies

    if page.candidate_id is None:
        return
    with page.store.transaction() as session:
        copies = sent_copies(session, page.candidate_id)
    if not copies:
        tell(page, "Ouvrir le dossier", "Aucun dossier PDF n'a encore été exporté.")
        return
    last = Path(copies[-1].file)
    if not last.exists():
        tell(
            page,
            "Ouvrir le dossier",
            f"Le dernier dossier exporté n'est plus à sa place ({last}) : exportez-le à nouveau.",
        )
        return
    open_externally(last)
