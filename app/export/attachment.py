"""The machine-readable part of a PDF dossier: the exchange JSON attached inside the file
(reportlab cannot attach files; pikepdf can), the optional password (AES-256, PDF
revision 6), and reading the attachment back for `passerelle import DOSSIER.pdf`."""

from __future__ import annotations

import zlib
from io import BytesIO
from pathlib import Path

from app.exchange.dossier import dossier_from_text
from app.exchange.problems import ExchangeError, Problem
from app.limits import file_size_problem, limits, read_bounded, size_exceeded, size_text

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


def finish_pdf(
    pdf: bytes,
    dossier_json: str,
    password: str | None = None,
    deterministic: bool = False,
    scans: tuple[tuple[str, bytes, str], ...] = (),
) -> bytes:
    """Attaches the exchange JSON — and `scans` (file name, bytes, type), the supporting
    documents beside it —, sets the document language, and encrypts with AES-256 when a
    password is given (the password is used here and nowhere kept)."""
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
        for name, data, kind in scans:
            document.attachments[name] = pikepdf.AttachedFileSpec(
                document,
                data,
                description="Pièce justificative",
                filename=name,
                mime_type=kind,
                relationship=pikepdf.Name.Supplement,
            )
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


def _inflated(data: bytes, limit: int) -> bytes | None:
    """`data` decompressed (FlateDecode), never more than `limit` + 1 bytes of it: None
    when it would be bigger (a small PDF may hold a « zip bomb »). zlib.error when damaged."""
    inflater = zlib.decompressobj()
    out = inflater.decompress(data, limit + 1)
    if len(out) > limit or inflater.unconsumed_tail:
        return None
    out += inflater.flush()
    return None if len(out) > limit else out


def _attachment_bytes(stream, limit: int, source: str) -> bytes | None:
    """The content of the attached file's stream, at most `limit` bytes (None: bigger).
    Only the encodings Passerelle writes are decoded here, with a bounded output: none, or
    FlateDecode without predictor."""
    import pikepdf

    filters = stream.get("/Filter")
    chain = [] if filters is None else [filters] if isinstance(filters, pikepdf.Name) else filters
    parameters = stream.get("/DecodeParms")
    parameters = parameters if isinstance(parameters, pikepdf.Array) else [parameters]
    predictor = any(
        isinstance(each, pikepdf.Dictionary) and int(each.get("/Predictor", 1)) > 1
        for each in parameters
    )
    if predictor or any(name != pikepdf.Name.FlateDecode for name in chain):
        said = ", ".join(str(name) for name in chain) + (" avec prédicteur" if predictor else "")
        message = (
            f"le dossier joint est encodé autrement que Passerelle ne l'écrit ({said}) : "
            "exportez de nouveau le dossier avec Passerelle"
        )
        raise ExchangeError(source, [Problem("", message)])
    data = bytes(stream.read_raw_bytes())
    if len(data) > limit and not chain:
        return None
    for _ in chain:
        data = _inflated(data, limit)
        if data is None:
            return None
    return data


def attached_json(path: Path, password: str | None = None) -> str:
    """The exchange JSON attached to a PDF dossier. ExchangeError, in French, for a PDF
    with no such attachment, a damaged one, one bigger than `pdf_file_max_bytes` (refused
    before it is opened) or holding a file bigger than `dossier_file_max_bytes`, or a
    password missing or wrong."""
    import pikepdf

    source = str(path)
    try:
        pdf = read_bounded(path, "pdf_file_max_bytes")
    except OSError:
        pdf = b""
    if pdf is None:
        message = (
            f"{file_size_problem(path, 'pdf_file_max_bytes')} : "
            "ce n'est pas un dossier PDF exporté par Passerelle"
        )
        raise ExchangeError(source, [Problem("", message)])
    if PDF_MAGIC not in pdf[:1024]:
        raise ExchangeError(source, [Problem("", "ce fichier n'est pas un PDF")])
    try:
        document = pikepdf.open(BytesIO(pdf), password=password or "")
    except pikepdf.PasswordError:
        raise PasswordNeeded(path, wrong=bool(password)) from None
    except (pikepdf.PdfError, OSError):
        raise ExchangeError(
            source, [Problem("", "ce n'est pas un PDF lisible (fichier tronqué ou endommagé)")]
        ) from None
    unreadable = ExchangeError(
        source, [Problem("", "le dossier joint au PDF est endommagé et ne peut pas être lu")]
    )
    limit = limits().value("dossier_file_max_bytes")

    def too_big(size: int | None) -> ExchangeError:
        said = size_exceeded(size, limit) if size else f"plus de {size_text(limit)}"
        message = f"dossier joint de {said} : bien trop gros pour être un dossier Passerelle"
        return ExchangeError(source, [Problem("", message)])

    with document:
        try:
            names = list(document.attachments)
        except (pikepdf.PdfError, KeyError, TypeError, ValueError, AttributeError):
            raise unreadable from None
        if ATTACHMENT_NAME not in names:
            found = f" (pièces jointes : {', '.join(names)})" if names else ""
            raise ExchangeError(
                source,
                [
                    Problem(
                        "",
                        "ce PDF ne contient pas de dossier Passerelle joint"
                        f"{found} : seul un dossier exporté par Passerelle peut être importé",
                    )
                ],
            )
        try:
            attached = document.attachments[ATTACHMENT_NAME].get_file()
            declared = attached.size or 0
            if declared > limit:
                raise too_big(declared)
            data = _attachment_bytes(attached.obj, limit, source)
        except ExchangeError:  # a ValueError too: said as it is, not as « endommagé »
            raise
        except (pikepdf.PdfError, KeyError, TypeError, ValueError, AttributeError, zlib.error):
            raise unreadable from None
        if data is None:
            raise too_big(None)
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise ExchangeError(
            source, [Problem("", "le dossier joint n'est pas du texte UTF-8")]
        ) from None


def read_pdf_dossier(path: Path, password: str | None = None):
    """The dossier attached to a PDF, read as strictly as a JSON file."""
    return dossier_from_text(attached_json(path, password), source=str(path))
