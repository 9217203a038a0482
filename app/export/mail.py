"""« Envoyer à COORACE »: an e-mail draft (.eml) with the PDF dossier attached, for the
user's own mail program to open, check and send. Nothing is sent by Passerelle itself."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path

from app.store.files import refuse_existing, write_private_bytes

PATH_NAME = {"cip": "CIP (VAE collective)", "cisp": "CISP (capitalisation)"}


def draft(
    to: str,
    structure: str,
    candidate: str,
    path: str,
    pdf: Path,
    protected: bool,
    sender_name: str,
) -> EmailMessage:
    """The draft: To the COORACE certification address, a French subject and body, the
    PDF attached. Marked unsent (X-Unsent) so that mail programs open it as a draft."""
    message = EmailMessage()
    message["To"] = to
    message["Subject"] = f"Dossier {PATH_NAME[path]} — {candidate} — {structure}"
    message["Date"] = formatdate(localtime=True)
    message["X-Unsent"] = "1"
    password_line = (
        "Le dossier est protégé par un mot de passe, que nous vous communiquerons par "
        "téléphone ou par SMS.\n\n"
        if protected
        else ""
    )
    message.set_content(
        "Bonjour,\n\n"
        f"Veuillez trouver ci-joint le dossier de {candidate} pour le titre {PATH_NAME[path]}, "
        f"préparé par {structure}.\n\n"
        f"{password_line}"
        "Le fichier contient aussi le dossier au format d'échange Passerelle (pièce jointe "
        "intégrée au PDF).\n\n"
        f"Bien cordialement,\n{sender_name}\n{structure}\n"
    )
    message.add_attachment(
        pdf.read_bytes(), maintype="application", subtype="pdf", filename=pdf.name
    )
    return message


def write_draft(message: EmailMessage, out: Path) -> Path:
    """Writes the draft (mode 0600: it carries the dossier), never over another file."""
    refuse_existing(out)
    write_private_bytes(out, bytes(message))
    return out
