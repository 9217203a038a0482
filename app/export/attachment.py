"""The machine-readable part of a PDF dossier: the exchange JSON attached inside the file
(reportlab cannot attach files; pikepdf can), the optional password (AES-256, PDF
revision 6), and reading the attachment back for `passerelle import DOSSIER.pdf`."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from app.exchange.dossier import dossier_from_text
from app.exchange.problems import ExchangeError, Problem

ATTACHMENT_NAME = "dossier-passerelle.json"
ATTACHMENT_DESCRIPTION = "Dossier Passerelle au format d'échange v1 (JSON)"
PDF_MAGIC = b"%PDF-"


def finish_pdf(
    pdf: bytes, dossier_json: str, password: str | None = None, deterministic: bool = False
) -> bytes:
    """Attaches the exchange JSON, sets the document language, and encrypts with AES-256
    when a password is given (the password is used here and nowhere kept)."""
    import pikepdf

    with pikepdf.open(BytesIO(pdf)) as document:
        document.Root.Lang = pikepdf.String("fr-FR")
        attached = pikepdf.AttachedFileSpec(
            document,
            dossier_json.encode("utf-8"),
            description=ATTACHMENT_DESCRIPTION,
            filename=ATTACHMENT_NAME,
            mime_type="application/json",
            relationship=pikepdf.Name.Data,
        )
        document.attachments[ATTACHMENT_NAME] = attached
        out = BytesIO()
        if password:
            encryption = pikepdf.Encryption(owner=password, user=password, R=6, aes=True)
            document.save(out, encryption=encryption)
        else:
            document.save(out, deterministic_id=deterministic)
    return out.getvalue()


def is_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(PDF_MAGIC)) == PDF_MAGIC
    except OSError:
        return False


def attached_json(path: Path, password: str | None = None) -> str:
    """The exchange JSON attached to a PDF dossier. ExchangeError, in French, for a PDF
    with no such attachment, a damaged one, or a password missing or wrong."""
    import pikepdf

    try:
        document = pikepdf.open(path, password=password or "")
    except pikepdf.PasswordError:
        said = (
            "le mot de passe donné ne l'ouvre pas"
            if password
            else "il est protégé par mot de passe"
        )
        raise ExchangeError(
            str(path),
            [Problem("", f"ce PDF ne peut pas être lu : {said} (option --password-file)")],
        ) from None
    except (pikepdf.PdfError, OSError):
        raise ExchangeError(
            str(path), [Problem("", "ce n'est pas un PDF lisible (fichier tronqué ou endommagé)")]
        ) from None
    with document:
        names = list(document.attachments)
        if ATTACHMENT_NAME not in names:
            found = f" (pièces jointes : {', '.join(names)})" if names else ""
            raise ExchangeError(
                str(path),
                [
                    Problem(
                        "",
                        "ce PDF ne contient pas de dossier Passerelle joint"
                        f"{found} : seul un dossier exporté par Passerelle peut être importé",
                    )
                ],
            )
        data = document.attachments[ATTACHMENT_NAME].get_file().read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ExchangeError(
            str(path), [Problem("", "le dossier joint n'est pas du texte UTF-8")]
        ) from None


def read_pdf_dossier(path: Path, password: str | None = None):
    """The dossier attached to a PDF, read as strictly as a JSON file."""
    return dossier_from_text(attached_json(path, password), source=str(path))
