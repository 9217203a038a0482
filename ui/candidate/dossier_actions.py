"""The candidate page's PDF actions: « Dossier PDF… » (written, then read in the preview),
« Envoyer à COORACE… » (written, read in the preview, then, only if the counsellor asks, a
mail draft with the PDF, opened in the user's mail program), « Ouvrir le dossier » (the
last copy, in the system's PDF viewer, or in the preview when there is none). Each ends
with a message saying what was written where."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.text import folded
from ui.candidate.export_dialog import PDF_TITLE, SEND_TITLE, ExportChoice, ExportDialog
from ui.candidate.preview import PreviewDialog
from ui.support import file_dialogs

if TYPE_CHECKING:
    from app.store.sent import SentCopy


PASSWORD_REMINDER = (
    "Le PDF est protégé par un mot de passe : donnez-le à COORACE par téléphone ou par "
    "SMS, jamais dans le même courriel."
)


PREVIEW_TITLE = "Aperçu du dossier"


NO_VIEWER = "Aucun programme n'a pu ouvrir le PDF (pas de lecteur PDF sur cet ordinateur ?)"


def ask_export(parent: QWidget, who: str, paths: list[str], sending: bool) -> ExportChoice | None:
    """Asks the path and password (tests replace this function)."""
    dialog = ExportDialog(who, paths, sending, parent)
    return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None


def choose_pdf_file(parent: QWidget, suggested: Path) -> Path | None:
    """Asks where to write the PDF, `suggested` at first (tests replace this function)."""
    return file_dialogs.save_file(
        parent, "Enregistrer le dossier PDF", suggested.name, file_dialogs.PDF, ".pdf"
    )


def open_externally(path: Path) -> bool:
    """Opens a file with the system's program for it (tests replace this function)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def tell(parent: QWidget, title: str, text: str) -> None:
    """Tells the user something (tests replace this function)."""
    QMessageBox.information(parent, title, text)


def show_preview(dialog: PreviewDialog) -> bool:
    """Shows the dossier's pages until the user answers; True for « Préparer le courriel »
    (tests replace this function)."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def show_result(dialog: ResultDialog) -> None:
    """Shows what was written where (tests replace this function)."""
    dialog.exec()


class ResultDialog(QDialog):
    """What was written where, the paths selectable (they can be copied); « Ouvrir le
    PDF », « Ouvrir le dossier » (the folder holding it) and « Fermer » (the default). A
    file that no program could open is said in the dialog, with its place; a file opened
    closes it."""

    def __init__(
        self,
        title: str,
        text: str,
        pdf: Path,
        problem: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.pdf = pdf
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(520)
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = self._selectable(text, "Ce qui a été écrit")
        self.problem = self._selectable("", "Ce qui n'a pas pu être ouvert")
        font = self.problem.font()
        font.setBold(True)
        self.problem.setFont(font)
        self.buttons = buttons = QDialogButtonBox()
        buttons.setAccessibleName("Réponses")
        role = QDialogButtonBox.ButtonRole
        self.open_pdf_button = buttons.addButton("Ouvrir le PDF", role.ActionRole)
        self.open_pdf_button.setToolTip("Ouvre le PDF dans le lecteur PDF de l'ordinateur")
        self.open_folder_button = buttons.addButton("Ouvrir le dossier", role.ActionRole)
        self.open_folder_button.setToolTip(f"Ouvre le dossier qui contient le PDF : {pdf.parent}")
        self.close_button = buttons.addButton("Fermer", role.RejectRole)
        for button, name in (
            (self.open_pdf_button, "Ouvrir le PDF"),
            (self.open_folder_button, "Ouvrir le dossier qui contient le PDF"),
            (self.close_button, "Fermer"),
        ):
            button.setAccessibleName(name)
        self.close_button.setDefault(True)
        self.open_pdf_button.clicked.connect(self.open_pdf)
        self.open_folder_button.clicked.connect(self.open_folder)
        buttons.rejected.connect(self.reject)
        words = QVBoxLayout()  # what could not be done first: it is what to do now
        words.addWidget(self.problem)
        words.addWidget(self.text)
        words.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.icon)
        top.addLayout(words, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(buttons)
        self.say(problem)

    @staticmethod
    def _selectable(text: str, name: str) -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        label.setAccessibleName(name)
        return label

    def say(self, problem: str | None) -> None:
        """Shows `problem` above the message (None: no problem), with the matching icon."""
        self.problem.setText(problem or "")
        self.problem.setVisible(bool(problem))
        icon = (
            QStyle.StandardPixmap.SP_MessageBoxWarning
            if problem
            else QStyle.StandardPixmap.SP_MessageBoxInformation
        )
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        self.icon.setPixmap(self.style().standardIcon(icon).pixmap(size, size))
        self.adjustSize()  # room for the warning: the message is never cut
        self.icon.setAccessibleName("Attention" if problem else "Information")

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.close_button.setFocus()  # a focused button would take Entrée from « Fermer »

    def open_pdf(self) -> None:
        if open_externally(self.pdf):
            self.accept()
        else:
            self.say(f"{NO_VIEWER} : le fichier est ici : {self.pdf}")

    def open_folder(self) -> None:
        if open_externally(self.pdf.parent):
            self.accept()
        else:
            self.say(f"Aucun programme n'a pu ouvrir le dossier : il est ici : {self.pdf.parent}")


def suggested_file(last_name: str, first_name: str, path: str, today: date) -> Path:
    """« Dossier-CIP-Martinez-Eloise-2015-01-15.pdf » in the folder the file dialog opens
    in (Documents the first time), « …-2.pdf » when that name is taken already."""
    words = "-".join(folded(f"{last_name} {first_name}").title().split()) or "candidat"
    name = f"Dossier-{path.upper()}-{words}-{today.isoformat()}.pdf"
    return free_name(file_dialogs.start_folder() / name)


def free_name(path: Path) -> Path:
    """`path`, or `path` with « -2 », « -3 »… when a file has that name already."""
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return candidate


def export_from_page(page, sending: bool) -> Path | None:
    """Exports the candidate shown on `page` (saved first) and shows it in the preview;
    with `sending`, the preview asks whether to prepare the mail to COORACE, and only then
    is the draft written and opened. Ends with what was written where. Returns the PDF
    written, or None."""
    from app.exchange.problems import ExchangeError
    from app.store.errors import StoreError
    from app.store.sent import export_pdf

    title = SEND_TITLE if sending else PDF_TITLE
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
            with_scans=choice.with_scans,
            record=not sending,  # a copy to send is recorded once the user has chosen
        )
    except (StoreError, ExchangeError, OSError) as error:
        tell(page, title, f"Le dossier n'a pas été écrit : {error}")
        return None
    written = Path(copy.file)
    reminder = f"\n\n{PASSWORD_REMINDER}" if choice.password is not None else ""
    if sending:
        result = _send(page, data, who, choice, copy, reminder)
    else:
        _preview(
            page,
            PreviewDialog(
                written,
                PREVIEW_TITLE,
                f"Dossier PDF écrit pour {who}.\nLe fichier est ici : {written}",
                choice.password,
                parent=page,
            ),
        )
        result = ResultDialog(
            "Dossier PDF écrit",
            f"Le dossier PDF est écrit ici :\n{written}{reminder}",
            written,
            parent=page,
        )
    page.load_candidate(page.candidate_id)
    show_result(result)
    result.deleteLater()
    return written


def _preview(page, dialog: PreviewDialog) -> bool:
    """Shows the preview, then frees it (its document and images)."""
    try:
        return show_preview(dialog)
    finally:
        dialog.close_document()
        dialog.deleteLater()


def _send(
    page, data: dict, who: str, choice: ExportChoice, copy: SentCopy, reminder: str
) -> ResultDialog:
    """The preview of the copy written to be sent; « Préparer le courriel » writes the
    draft and opens it, « Ne pas envoyer » keeps the PDF only. The copy is recorded
    either way, as sent or not sent."""
    from app.export.mail import draft, write_draft
    from app.store.errors import StoreError
    from app.store.sent import record_copy
    from app.store.structure import current_setup, default_coorace_email

    written = Path(copy.file)
    prepared = _preview(
        page,
        PreviewDialog(
            written,
            "Relire le dossier avant de l'envoyer",
            "Relisez le dossier : c'est ce que COORACE recevra.\n"
            "« Préparer le courriel » : un courriel à COORACE, avec ce PDF joint, à vérifier "
            "puis envoyer depuis votre messagerie. « Ne pas envoyer » : le PDF reste écrit, "
            f"sans courriel.\nLe fichier est ici : {written}",
            choice.password,
            accept_text="Préparer le courriel",
            close_text="Ne pas envoyer",
            parent=page,
        ),
    )
    eml, failure = None, None
    if prepared:
        setup = current_setup(page.store)
        try:
            message = draft(
                to=setup.coorace_email if setup else default_coorace_email(),
                structure=data["structure"]["name"],
                candidate=who,
                path=choice.path,
                pdf=written,
                protected=choice.password is not None,
                sender_name=page.store.user,
                sender_email=setup.structure.email if setup else None,
            )
            eml = write_draft(message, free_name(written.with_suffix(".eml")))
        except (OSError, StoreError) as error:
            failure = f"Le courriel n'a pas pu être écrit : {error}"
    siret = data["structure"]["siret"]
    record_copy(page.store, data["candidate"]["ref"], copy, siret, sent=eml is not None)
    if eml is None:
        return ResultDialog(
            "Dossier non envoyé",
            "Aucun courriel n'a été préparé : rien n'est envoyé à COORACE.\n\n"
            f"Le dossier PDF reste écrit ici :\n{written}\n\n"
            "L'historique du candidat le note « Dossier PDF écrit, non envoyé à COORACE » : "
            "il ne compte pas comme un envoi.",
            written,
            failure,
            parent=page,
        )
    opened = open_externally(eml)
    check = (
        "Il s'est ouvert dans votre messagerie : vérifiez-le, puis envoyez-le depuis votre "
        "messagerie."
        if opened
        else "Vérifiez-le, puis envoyez-le depuis votre messagerie."
    )
    return ResultDialog(
        "Courriel préparé",
        f"Le dossier PDF est écrit ici :\n{written}\n\n"
        f"Le courriel à COORACE, avec le PDF joint, est ici :\n{eml}\n\n"
        f"{check} Passerelle n'envoie rien lui-même.{reminder}",
        written,
        None
        if opened
        else "Aucun programme n'a pu ouvrir le courriel : ouvrez-le depuis votre messagerie ; "
        f"le fichier est ici : {eml}",
        parent=page,
    )


def open_last_copy(page) -> None:
    """Opens the last PDF written for the candidate shown, in the system's PDF viewer; in
    the preview when no program could open it."""
    from app.store.sent import written_copies

    if page.candidate_id is None:
        return
    with page.store.transaction() as session:
        copies = written_copies(session, page.candidate_id)
    if not copies:
        tell(page, "Rouvrir le dernier PDF", "Aucun dossier PDF n'a encore été exporté.")
        return
    last = Path(copies[-1].file)
    if not last.exists():
        tell(
            page,
            "Rouvrir le dernier PDF",
            f"Le dernier dossier exporté n'est plus à sa place ({last}) : exportez-le à nouveau.",
        )
        return
    if open_externally(last):
        return
    _preview(
        page,
        PreviewDialog(
            last,
            PREVIEW_TITLE,
            f"{NO_VIEWER} : le voici dans Passerelle.\nLe fichier est ici : {last}",
            parent=page,
        ),
    )
