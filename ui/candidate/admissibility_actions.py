"""« Préparer la demande de recevabilité… » on the CIP tab: the request that follows the
CERFA 12818*02's rubrics (app/export/admissibility_form.py), from the record as saved,
written where the counsellor says (never over a file), then said with « Ouvrir le PDF »."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.export.mail import ascii_file_name
from app.store.candidates import candidate_dossier
from app.store.files import refuse_existing, write_private_bytes
from ui.candidate import dossier_actions
from ui.support import file_dialogs
from ui.support.failures import failure, failure_types


def choose_file(parent, suggested: str) -> Path | None:
    """Where to write the request (tests replace this function)."""
    return file_dialogs.save_file(
        parent, "Demande de recevabilité", suggested, "Fichiers PDF (*.pdf)", ".pdf",
        confirm=False,
    )  # fmt: skip


def write_request(page) -> Path | None:
    """Writes the saved record's admissibility request; the page's changes saved first."""
    if page.candidate_id is None or (page.dirty and not page.save()):
        return None
    name = ascii_file_name(page.candidate_name()).replace(" ", "-")
    out = choose_file(page, f"demande-de-recevabilite-{name}.pdf")
    if out is None:
        return None
    from app.export.admissibility_form import admissibility_pdf  # reportlab: when asked

    try:
        refuse_existing(out)
        with page.store.transaction() as session:
            dossier = candidate_dossier(session, page.candidate_id)
        write_private_bytes(out, admissibility_pdf(dossier, page.rules, date.today()))
    except failure_types() as error:
        dossier_actions.tell(page, "Demande non écrite", failure(error, page.store.path))
        return None
    result = dossier_actions.ResultDialog(
        "Demande de recevabilité",
        "La demande de recevabilité est écrite ici, à compléter et signer par le candidat :"
        f"\n{out}",
        out,
        parent=page,
    )
    dossier_actions.show_result(result)
    result.deleteLater()
    return out
