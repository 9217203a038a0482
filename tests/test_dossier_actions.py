"""The candidate page's PDF buttons, offscreen: export, then the preview; send to COORACE
(the mail draft only after « Préparer le courriel »); the message saying what was written
where, with its buttons; open the last copy; the password dialog; the « modifié depuis
l'envoi » mark."""

import dataclasses
import email
from datetime import date
from email import policy

import pikepdf
import pytest
from PySide6.QtCore import Qt
from store_helpers import filled_store
from tests_setup import OWN_STRUCTURE

from app.store.structure import Setup, save_setup
from app.store.summaries import refresh_summaries
from ui.candidate import dossier_actions
from ui.candidate import page as candidate_page
from ui.candidate.dossier_actions import ResultDialog
from ui.candidate.export_dialog import ExportChoice, ExportDialog
from ui.candidate.page import DISCARD
from ui.window.main_window import MainWindow

COORACE = "formationcertifiante@coorace.org"
STRUCTURE_EMAIL = "contact@relais-indre.example.org"
PASSWORD = "S3cret-2026"


@dataclasses.dataclass
class Seen:
    """What a dialog showed, when a test replaces its showing."""

    title: str
    text: str
    answers: list[str]
    default: str
    problem: str
    pages: int = 0  # the preview's
    position: str = ""
    first_rendered: bool = False
    eml_files: list = dataclasses.field(default_factory=list)  # the folder's drafts then


def seen(dialog, text: str, **preview) -> Seen:
    buttons = dialog.buttons.buttons()
    return Seen(
        dialog.windowTitle(),
        text,
        [button.text() for button in buttons],
        next(button.text() for button in buttons if button.isDefault()),
        dialog.problem.text(),
        **preview,
    )


@pytest.fixture
def page(qtbot, tmp_path, rules, catalogue, monkeypatch):
    store = filled_store(tmp_path / "donnees")
    structure = dataclasses.replace(OWN_STRUCTURE, email=STRUCTURE_EMAIL)
    save_setup(store, Setup(structure, COORACE, "Claire Faucher"))
    refresh_summaries(store, rules, catalogue, date.today())
    monkeypatch.setattr(candidate_page, "ask_unsaved", lambda parent: DISCARD)
    window = MainWindow(store)
    qtbot.addWidget(window)
    page = window.page
    page.opened, page.told, page.previews, page.results = [], [], [], []
    page.opens = True  # what the system answers when asked to open a file
    page.answer = False  # the preview's answer: « Préparer le courriel » when True
    page.on_result = None  # what a test does in the result message

    def open_externally(path):
        page.opened.append(path)
        return page.opens

    def show_preview(dialog):
        dialog.show()
        qtbot.waitExposed(dialog)
        page.previews.append(
            seen(
                dialog,
                dialog.intro.text(),
                pages=len(dialog.views),
                position=dialog.position.text(),
                first_rendered=bool(dialog.views) and dialog.views[0].rendered_width > 0,
                eml_files=sorted(tmp_path.glob("*.eml")),
            )
        )
        dialog.hide()
        return page.answer

    def show_result(dialog):
        page.results.append(seen(dialog, dialog.text.text()))
        if page.on_result:
            page.on_result(dialog)

    monkeypatch.setattr(dossier_actions, "open_externally", open_externally)
    monkeypatch.setattr(dossier_actions, "tell", lambda parent, title, text: page.told.append(text))
    monkeypatch.setattr(dossier_actions, "show_preview", show_preview)
    monkeypatch.setattr(dossier_actions, "show_result", show_result)
    monkeypatch.setattr(
        dossier_actions, "choose_pdf_file", lambda parent, suggested: tmp_path / suggested.name
    )
    window.show_candidate(window.candidate_list.model.line(2).id)  # Martinez Éloïse, CIP
    yield page


def history(page) -> list[str]:
    entries = page.history.entries
    return [entries.item(row).text() for row in range(entries.count())]


def page_count(pdf, password=""):
    with pikepdf.open(pdf, password=password) as document:
        return len(document.pages)


def test_export_shows_the_preview_then_where_the_pdf_is(page, monkeypatch, tmp_path):
    monkeypatch.setattr(dossier_actions, "ask_export", lambda *args: ExportChoice("cip", None))
    page.pdf_button.click()
    (written,) = tmp_path.glob("*.pdf")
    assert written.name.startswith("Dossier-CIP-Martinez-Eloise-")
    assert written.read_bytes().startswith(b"%PDF-")
    (preview,) = page.previews
    assert preview.title == "Aperçu du dossier" and preview.answers == ["Fermer"]
    assert preview.position == f"Page 1 sur {page_count(written)}" == f"Page 1 sur {preview.pages}"
    assert preview.first_rendered and str(written) in preview.text
    assert page.opened == []  # the preview shows it: nothing else is opened by itself
    (result,) = page.results
    assert result.title == "Dossier PDF écrit" and str(written) in result.text
    assert sorted(result.answers) == ["Fermer", "Ouvrir le PDF", "Ouvrir le dossier"]
    assert result.default == "Fermer" and result.problem == ""
    assert "mot de passe" not in result.text
    assert any("Dossier PDF exporté pour COORACE" in line for line in history(page))
    assert "modifié depuis" not in page.heading.text()
    page.identity.job_title.setText("Conseillère en insertion")
    assert not page.pdf_button.isEnabled()  # unsaved changes: save first
    page.save()
    assert "modifié depuis l'envoi du" in page.heading.text()
    page.open_button.click()
    assert page.opened == [written] and len(page.previews) == 1
    written.unlink()
    page.open_button.click()
    assert "n'est plus à sa place" in page.told[-1]


def test_the_result_buttons_open_the_pdf_and_its_folder(page, monkeypatch, tmp_path):
    monkeypatch.setattr(dossier_actions, "ask_export", lambda *args: ExportChoice("cip", None))
    clicked = []

    def click(button):
        def on_result(dialog):
            dialog.show()
            getattr(dialog, button).click()
            clicked.append((dialog.result(), dialog.isVisible()))

        return on_result

    page.on_result = click("open_pdf_button")
    page.pdf_button.click()
    page.on_result = click("open_folder_button")
    page.pdf_button.click()
    (written,) = tmp_path.glob("*.pdf")  # the same name chosen twice: replaced
    assert page.opened == [written, tmp_path]
    assert clicked == [(1, False), (1, False)]  # a file opened closes the message


def test_when_no_program_opens_the_pdf_the_message_says_where_it_is(qtbot, tmp_path, monkeypatch):
    pdf = tmp_path / "Dossier-CIP-Lefèvre-Sophie-2015-01-15.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    opened = []
    monkeypatch.setattr(dossier_actions, "open_externally", lambda path: opened.append(path))
    dialog = ResultDialog("Dossier PDF écrit", f"Le dossier PDF est écrit ici :\n{pdf}", pdf)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.problem.isVisible()
    dialog.open_pdf_button.click()
    assert opened == [pdf] and dialog.isVisible() and dialog.result() == 0
    assert dialog.problem.isVisible()
    assert dialog.problem.text() == (
        "Aucun programme n'a pu ouvrir le PDF (pas de lecteur PDF sur cet ordinateur ?) : "
        f"le fichier est ici : {pdf}"
    )
    dialog.open_folder_button.click()
    assert opened == [pdf, tmp_path] and dialog.isVisible()
    assert dialog.problem.text() == (
        f"Aucun programme n'a pu ouvrir le dossier : il est ici : {tmp_path}"
    )
    for label in (dialog.text, dialog.problem):  # the paths can be selected and copied
        flags = label.textInteractionFlags()
        assert flags & Qt.TextInteractionFlag.TextSelectableByMouse
        assert flags & Qt.TextInteractionFlag.TextSelectableByKeyboard
    assert dialog.icon.accessibleName() == "Attention"
    names = [b.accessibleName() for b in dialog.buttons.buttons()]
    assert all(names) and len(names) == 3


def test_send_prepares_the_mail_only_when_asked(page, monkeypatch, tmp_path):
    monkeypatch.setattr(dossier_actions, "ask_export", lambda *args: ExportChoice("cip", PASSWORD))
    page.answer = True
    page.send_button.click()
    (pdf,) = tmp_path.glob("*.pdf")
    (preview,) = page.previews
    assert preview.title == "Relire le dossier avant de l'envoyer"
    assert sorted(preview.answers) == ["Ne pas envoyer", "Préparer le courriel"]
    assert preview.default == "Préparer le courriel"
    # the protected PDF, shown with the password just typed
    assert preview.position == f"Page 1 sur {page_count(pdf, PASSWORD)}" and preview.first_rendered
    assert preview.problem == ""
    assert preview.eml_files == []  # nothing is written before « Préparer le courriel »
    (draft,) = page.opened
    assert draft.suffix == ".eml" and draft == pdf.with_suffix(".eml")
    message = email.message_from_bytes(draft.read_bytes(), policy=policy.default)
    assert message["To"] == COORACE and message["X-Unsent"] == "1"
    assert message["From"].addresses[0].addr_spec == STRUCTURE_EMAIL
    assert "Claire Faucher" in message["From"].addresses[0].display_name
    assert message["Subject"].startswith("Dossier CIP (VAE collective) — Éloïse Martinez")
    body = message.get_body(("plain",)).get_content()
    assert "par téléphone ou par SMS" in body and PASSWORD not in body
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content() == pdf.read_bytes()
    assert PASSWORD.encode() not in draft.read_bytes()
    (result,) = page.results
    assert result.title == "Courriel préparé" and result.problem == ""
    assert str(pdf) in result.text and str(draft) in result.text
    assert "envoyez-le depuis votre messagerie" in result.text
    assert "mot de passe" in result.text and "par téléphone ou par SMS" in result.text
    assert sorted(result.answers) == ["Fermer", "Ouvrir le PDF", "Ouvrir le dossier"]
    lines = history(page)
    assert any("Dossier PDF exporté pour COORACE" in line for line in lines)
    assert not any("non envoyé" in line for line in lines)


def test_not_sending_keeps_the_pdf_and_does_not_count_as_sent(page, monkeypatch, tmp_path):
    monkeypatch.setattr(dossier_actions, "ask_export", lambda *args: ExportChoice("cip", None))
    page.answer = False  # « Ne pas envoyer »
    page.send_button.click()
    (pdf,) = tmp_path.glob("*.pdf")
    assert list(tmp_path.glob("*.eml")) == [] and page.opened == []
    (result,) = page.results
    assert result.title == "Dossier non envoyé"
    assert f"Le dossier PDF reste écrit ici :\n{pdf}" in result.text
    assert "Aucun courriel n'a été préparé" in result.text
    lines = history(page)
    assert any("Dossier PDF écrit, non envoyé à COORACE" in line for line in lines)
    assert not any("exporté pour COORACE" in line for line in lines)
    page.identity.job_title.setText("Conseillère en insertion")
    page.save()
    assert "modifié depuis" not in page.heading.text()  # nothing was sent
    page.open_button.click()
    assert page.opened == [pdf]  # the last PDF written, sent or not


def test_when_no_mail_program_opens_the_draft_the_message_says_so(page, monkeypatch, tmp_path):
    monkeypatch.setattr(dossier_actions, "ask_export", lambda *args: ExportChoice("cip", None))
    page.answer, page.opens = True, False
    page.send_button.click()
    (draft,) = tmp_path.glob("*.eml")
    assert page.opened == [draft]
    (result,) = page.results
    assert result.title == "Courriel préparé"
    assert result.problem == (
        "Aucun programme n'a pu ouvrir le courriel : ouvrez-le depuis votre messagerie ; "
        f"le fichier est ici : {draft}"
    )
    assert "Il s'est ouvert" not in result.text and str(draft) in result.text


def test_open_the_last_copy_shows_the_preview_without_a_pdf_viewer(page, monkeypatch, tmp_path):
    monkeypatch.setattr(dossier_actions, "ask_export", lambda *args: ExportChoice("cip", None))
    page.pdf_button.click()
    (written,) = tmp_path.glob("*.pdf")
    page.opens = False
    page.open_button.click()
    assert page.opened == [written]
    assert len(page.previews) == 2
    shown = page.previews[-1]
    assert shown.title == "Aperçu du dossier" and shown.answers == ["Fermer"]
    assert shown.text.startswith("Aucun programme n'a pu ouvrir le PDF")
    assert str(written) in shown.text and shown.first_rendered


def test_the_dialog_titles_say_what_they_do(qtbot):
    for sending, title in (
        (True, "Envoyer le dossier à COORACE"),
        (False, "Écrire le dossier PDF"),
    ):
        dialog = ExportDialog("Éloïse Martinez", ["cip"], sending=sending)
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == title


def test_nothing_is_written_when_the_user_cancels(page, monkeypatch, tmp_path):
    monkeypatch.setattr(dossier_actions, "ask_export", lambda *args: None)
    page.pdf_button.click()
    page.send_button.click()
    assert page.opened == [] and not list(tmp_path.glob("*.pdf"))
    assert page.previews == [] and page.results == []


def test_the_password_dialog_refuses_then_accepts(qtbot):
    dialog = ExportDialog("Sophie Lefèvre", ["cip", "cisp"], sending=True)
    qtbot.addWidget(dialog)
    assert dialog.path.isEnabled() and not dialog.password.isEnabled()
    dialog.protect.setChecked(True)
    dialog.password.setText("court")
    dialog.accept()
    assert "au moins 8 caractères" in dialog.problem.text() and dialog.result() == 0
    dialog.password.setText("S3cret-2026")
    dialog.again.setText("S3cret-2025")
    dialog.accept()
    assert "pas les mêmes" in dialog.problem.text()
    dialog.again.setText("S3cret-2026")
    dialog.path.setCurrentIndex(1)
    dialog.accept()
    assert dialog.result() == 1
    assert dialog.choice() == ExportChoice("cisp", "S3cret-2026")
