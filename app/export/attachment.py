"""The machine-readable part of a PDF dossier: the exchange JSON attached inside the file
(reportlab cannot attach files; pikepdf can), the optional password (AES-256, PDF
revision 6), and reading the attachment back for `passerelle import DOSSIER.pdf`."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from app.exchange.dossier import dossier_from_text
from app.exchange.problems import ExchangeError, Problem

MIN_PASSWORD = 8
MAX_PASSWORD_BYTES = 127  # AES-256 PDFs (revision 6) use at most 127 bytes of it


def password_problem(password: str) -> str | None:
    """Why a password cannot protect a dossier, in French; None when it can."""
    if len(password) < MIN_PASSWORD:
        return f"au moins {MIN_PASSWORD} caractères"
    if not password.strip():
        return "que des espaces"
    if any(ord(c) < 32 or ord(c) == 127 for c in password):
        return "caractère de contrôle (tabulation, retour à la ligne…) : il ne se tape pas"
    if len(password.encode("utf-8")) > MAX_PASSWORD_BYTES:
        return f"trop long ({MAX_PASSWORD_BYTES} octets au plus)"
    return None


ATTACHMENT_NAME = "dossier-passerelle.json"
ATTACHMENT_DESCRIPTION = "Dossier Passerelle au format d'échange v1 (JSON)"
PDF_MAGIC = b"%PDF-"
MAX_ATTACHMENT_BYTES = 10_000_000  # a dossier is a few kilobytes


def finish_pdf(
    pdf: bytes, dossier_json: str, password: str | None = None, deterministic: bool = False
) -> bytes:
    """Attaches the exchange JSON, sets the document language, and encrypts with AES-256
    when a password is given (the password is used here and nowhere kept)."""
    import pikepdf

    if password:
        problem = password_problem(password)
        if problem:
            raise ValueError(f"mot de passe refusé : {problem}")
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
    """A PDF by its content (its header may come after a few bytes), or by its name."""
    try:
        with path.open("rb") as handle:
            return PDF_MAGIC in handle.read(1024)
    except OSError:
        return path.suffix.lower() == ".pdf"


class PasswordNeeded(ExchangeError):
    """A protected PDF, opened with no password (`wrong` False) or a wrong one (True).
    Its problem names the command line's option; the window asks for the password
    instead (`path` is the file)."""

    def __init__(self, path: Path, wrong: bool) -> None:
        self.path = path
        self.wrong = wrong
        said = (
            "le mot de passe donné ne l'ouvre pas" if wrong else "il est protégé par mot de passe"
        )
        super().__init__(
            str(path),
            [Problem("", f"ce PDF ne peut pas être lu : {said} (option --password-file)")],
        )


def attached_json(path: Path, password: str | None = None) -> str:
    """The exchange JSON attached to a PDF dossier. ExchangeError, in French, for a PDF
    with no such attachment or a damaged one; PasswordNeeded (an ExchangeError) when its
    password is missing or wrong."""
    import pikepdf

    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError:
        head = b""
    if PDF_MAGIC not in head:
        raise ExchangeError(str(path), [Problem("", "ce fichier n'est pas un PDF")])
    try:
        document = pikepdf.open(path, password=password or "")
    except pikepdf.PasswordError:
        raise PasswordNeeded(path, wrong=bool(password)) from None
    except (pikepdf.PdfError, OSError):
        raise ExchangeError(
            str(path), [Problem("", "ce n'est pas un PDF lisible (fichier tronqué ou endommagé)")]
        ) from None
    unreadable = ExchangeError(
        str(path), [Problem("", "le dossier joint au PDF est endommagé et ne peut pas être lu")]
    )
    with document:
        try:
            names = list(document.attachments)
        except (pikepdf.PdfError, KeyError, TypeError, ValueError, AttributeError):
            raise unreadable from None
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
        too_big = ExchangeError(
            str(path),
            [Problem("", "le dossier joint est bien trop gros pour être un dossier Passerelle")],
        )
        try:
            attached = document.attachments[ATTACHMENT_NAME].get_file()
            declared = attached.size or 0
        except (pikepdf.PdfError, KeyError, TypeError, ValueError, AttributeError):
            raise unreadable from None
        if declared > MAX_ATTACHMENT_BYTES:
            raise too_big
        try:
            data = attached.read_bytes()
        except (pikepdf.PdfError, KeyError, TypeError, ValueError, AttributeError):
            raise unreadable from None
        if len(data) > MAX_ATTACHMENT_BYTES:
            raise too_big
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise ExchangeError(
            str(path), [Problem("", "le dossier joint n'est pas du texte UTF-8")]
        ) from None


def read_pdf_dossier(path: Path, password: str | None = None):
    """The dossier attached to a PDF, read as strictly as a JSON file."""
    return dossier_from_text(attached_json(path, password), source=str(path))
