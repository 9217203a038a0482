"""The recovery sheet printed when a data folder's protection is turned on: who it is
for, when, the recovery code (shown this once, never stored in clear), what to do with it
and where to keep it. One A4 page, in French, written mode 0600 (the code opens the data)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from io import BytesIO
from pathlib import Path

from app.export.fonts import BOLD, REGULAR, register_fonts


@dataclass(frozen=True, slots=True)
class RecoverySheet:
    owner: str  # the structure's name, or COORACE's service
    data_dir: Path
    code: str
    made_on: date


STEPS = [
    "Imprimez cette fiche, puis effacez le fichier : la fiche imprimée suffit.",
    "Rangez-la sous clé, loin de l'ordinateur (jamais dans sa housse ni collée dessus), "
    "par exemple avec les documents importants de la structure.",
    "Mot de passe oublié : à l'ouverture des données, choisissez « Mot de passe oublié » et "
    "tapez ce code, puis un nouveau mot de passe. En ligne de commande : passerelle protect "
    "--change --recovery-code CODE --password-file NOUVEAU.",
    "Ce code ouvre les données comme le mot de passe : ne l'envoyez à personne, ne le tapez "
    "que dans Passerelle.",
]
WARNING = (
    "Sans le mot de passe ni ce code, les données sont illisibles : personne, ni COORACE ni "
    "l'équipe de Passerelle, ne peut les rouvrir."
)


def _lines(
    canvas, text: str, x: float, y: float, width: float, size: float, font: str = REGULAR
) -> float:
    """Writes `text` wrapped to `width` from (x, y) downwards; returns the next y."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    words, line = text.split(), ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if stringWidth(candidate, font, size) > width and line:
            canvas.drawString(x, y, line)
            y -= size * 1.45
            line = word
        else:
            line = candidate
    if line:
        canvas.drawString(x, y, line)
        y -= size * 1.45
    return y


def recovery_sheet_pdf(sheet: RecoverySheet) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas as pdf

    register_fonts()
    buffer = BytesIO()
    page = pdf.Canvas(buffer, pagesize=A4, invariant=1)
    page.setTitle("Fiche de secours — Passerelle")
    page.setAuthor(sheet.owner)
    width, height = A4
    left, text_width = 22 * mm, width - 44 * mm
    y = height - 30 * mm
    page.setFont(BOLD, 18)
    page.drawString(left, y, "Fiche de secours des données Passerelle")
    y -= 12 * mm
    page.setFont(REGULAR, 11)
    for text in (
        f"Pour : {sheet.owner}",
        f"Faite le {sheet.made_on:%d/%m/%Y}",
        f"Dossier des données : {sheet.data_dir}",
    ):
        y = _lines(page, text, left, y, text_width, 11)
    y -= 8 * mm
    page.setFont(BOLD, 12)
    page.drawString(left, y, "Code de secours")
    y -= 14 * mm
    page.setFont("Courier-Bold", 22)
    page.drawString(left, y, sheet.code)
    page.rect(left - 3 * mm, y - 5 * mm, text_width + 6 * mm, 16 * mm)
    y -= 18 * mm
    page.setFont(BOLD, 12)
    page.drawString(left, y, "Que faire de cette fiche")
    y -= 8 * mm
    page.setFont(REGULAR, 11)
    for number, step in enumerate(STEPS, start=1):
        y = _lines(page, f"{number}. {step}", left, y, text_width, 11) - 2 * mm
    y -= 4 * mm
    page.setFont(BOLD, 11)
    y = _lines(page, WARNING, left, y, text_width, 11, BOLD)
    page.showPage()
    page.save()
    return buffer.getvalue()


def write_recovery_sheet(sheet: RecoverySheet, out: Path) -> Path:
    from app.store.files import refuse_existing, write_private_bytes

    refuse_existing(out)
    write_private_bytes(out, recovery_sheet_pdf(sheet))
    return out
