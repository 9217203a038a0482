"""The candidate page's PDF buttons, offscreen: export, send to COORACE (mail draft),
open the last copy, the password dialog, the « modifié depuis l'envoi » mark."""

import email
from datetime import date
from email import policy

import pytest
from store_helpers import filled_store
from tests_setup import OWN_STRUCTURE

from app.store.structure import Setup, save_setup
from app.store.summaries import refresh_summaries
from ui.candidate import dossier_actions
from ui.candidate import page as candidate_page
from ui.candidate.dossier_actions import ExportChoice, ExportDialog
from ui.candidate.page import DISCARD
from ui.window.main_window import MainWindow

COORACE = "formationcertifiante@coorace.org"


@pytest.fixture
def page(qtbot, tmp_path, rules, catalogue, monkeypatch):
    store = filled_store(tmp_path / "donnees")
    save_setup(store, Setup(OWN_STRUCTURE, COORACE, "Claire Faucher"))
    refresh_summaries(store, rules, catalogue, date.today())
    monkeypatch.setattr(candidate_page, "ask_unsaved", lambda parent: DISCARD)
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.page.opened, window.page.told = [], []
    monkeypatch.setattr(dossier_actions, "open_externally", window.page.opened.append)
    monkeypatch.setattr(
        dossier_actions, "tell", lambda parent, title, text: window.page.told.append(text)
    )
    monkeypatch.setattr(
        dossier_actions, "choose_pdf_file", lambda parent, suggested: tmp_path / suggested.name
    )
    window.show_candidate(window.candidate_list.model.line(2).id)  # Martinez Éloïse, CIP
    yield window.page


def test_export_writes_opens_and_records_the_copy(page, monkeypatch):
    monkeypatch.setattr(dossier_actions, "ask_export", lambda *args: ExportChoice("cip", None))
    page.pdf_button.click()
    (written,) = page.opened
    assert written.name.startswith("Dossier-CIP-Martinez-Eloise-") and written.suffix == ".pdf"
    assert written.read_bytes().startswith(b"%PDF-")
    entries = page.history.entries
    history = [entries.item(row).text() for row in range(entries.count())]
    assert any("Dossier PDF exporté pour COORACE" in line for line in history)
    assert "modifié depuis" not in page.heading.text()
    page.identity.job_title.setText("Conseillère en insertion")
    assert not page.pdf_button.isEnabled()  # unsaved changes: save first
    page.save()
    assert "modifié depuis l'envoi du" in page.heading.text()
    page.opened.clear()
    page.open_button.click()
    assert page.opened == [written]
    written.unlink()
    page.open_button.click()
    assert "n'est plus à sa place" in page.told[-1]


def test_send_writes_a_mail_draft_with_the_pdf(page, monkeypatch):
    monkeypatch.setattr(
        dossier_actions, "ask_export", lambda *args: ExportChoice("cip", "S3cret-2026")
    )
    page.send_button.click()
    (draft,) = page.opened
    assert draft.suffix == ".eml"
    message = email.message_from_bytes(draft.read_bytes(), policy=policy.default)
    assert message["To"] == COORACE and message["X-Unsent"] == "1"
    assert message["Subject"].startswith("Dossier CIP (VAE collective) — Éloïse Martinez")
    body = message.get_body(("plain",)).get_content()
    assert "par téléphone ou par SMS" in body and "S3cret-2026" not in body
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content() == draft.with_suffix(".pdf").read_bytes()
    assert b"S3cret-2026" not in draft.read_bytes()


def test_nothing_is_written_when_the_user_cancels(page, monkeypatch, tmp_path):
    monkeypatch.setattr(dossier_actions, "ask_export", lambda *args: None)
    page.pdf_button.click()
    assert page.opened == [] and not list(tmp_path.glob("*.pdf"))


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
