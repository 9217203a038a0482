"""« Envoyer à COORACE »: an e-mail draft (.eml) with the PDF dossier attached, for the
user's own mail program to open, check and send. Nothing is sent by Passerelle itself."""

from __future__ import annotations

import base64
import unicodedata
from email import policy
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import encode_rfc2231, formatdate
from pathlib import Path

from app.french import of
from app.store.files import refuse_existing, write_private_bytes

PATH_NAME = {"cip": "CIP (VAE collective)", "cisp": "CISP (capitalisation)"}

# The attachment's headers are written as Passerelle folds them: left to itself, the
# default policy rewrites a long file name as RFC 2231 continuations (`filename*0*=`),
# which older Outlook cannot read (it shows « ATT00001 »), and keeps only one of
# `filename=` and `filename*=`.
DRAFT_POLICY = policy.default.clone(refold_source="none")

_ASCII_LETTERS = str.maketrans(
    {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "’": "'", "–": "-", "—": "-"}
)


def ascii_file_name(name: str) -> str:
    """The file name in plain ASCII for mail programs that read nothing else: accents
    folded (« Lefèvre » → « Lefevre »), any other character, quotes and backslashes
    included, replaced by « _ »."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_ASCII_LETTERS))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(c if " " <= c <= "~" and c not in '"\\' else "_" for c in bare)


def sender(name: str, structure: str, email: str | None) -> Address | None:
    """« Claire Faucher — Association … <contact@…> », from the structure's address in
    Paramètres; None when it is not set, or not an address a mail program could use (the
    mail program then writes its own)."""
    if not email:
        return None
    display = " — ".join(part for part in (name.strip(), structure.strip()) if part)
    try:
        return Address(display_name=display, addr_spec=email.strip())
    except (ValueError, IndexError, HeaderParseError):  # IndexError: « claire@ » (CPython)
        return None


def pdf_part(data: bytes, file_name: str) -> EmailMessage:
    """The PDF as a MIME part (see `file_part`)."""
    return file_part(data, file_name, "application/pdf")


def file_part(data: bytes, file_name: str, content_type: str) -> EmailMessage:
    """A file as a MIME part. Its file name is given three times, for every mail program:
    `filename*=` in UTF-8 (RFC 2231), `filename=` in ASCII, and `name=` on the
    Content-Type (older Outlook reads only this one). Each parameter on its own line,
    never folded inside (a file name is at most 255 bytes: every line stays under the
    998 characters a mail line may hold)."""
    fallback = ascii_file_name(file_name)
    head = "\n".join(
        (
            f"Content-Type: {content_type};",
            f' name="{fallback}"',
            "Content-Disposition: attachment;",
            f' filename="{fallback}";',
            f" filename*={encode_rfc2231(file_name, 'utf-8')}",
            "Content-Transfer-Encoding: base64",
        )
    )
    source = f"{head}\n\n".encode("ascii") + base64.encodebytes(data)
    return BytesParser(EmailMessage, policy=DRAFT_POLICY).parsebytes(source)


def draft(
    to: str,
    structure: str,
    candidate: str,
    path: str,
    pdf: Path,
    protected: bool,
    sender_name: str,
    sender_email: str | None = None,
) -> EmailMessage:
    """The draft: To the COORACE certification address, From the structure's address when
    Paramètres has one, dated in local time with its offset, a French subject and body,
    the PDF attached. Marked unsent (X-Unsent) so that mail programs open it as a draft."""
    message = EmailMessage(policy=DRAFT_POLICY)
    sent_by = sender(sender_name, structure, sender_email)
    if sent_by is not None:
        message["From"] = sent_by
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
        f"Veuillez trouver ci-joint le dossier {of(candidate)} pour le titre {PATH_NAME[path]}, "
        f"préparé par {structure}.\n\n"
        f"{password_line}"
        "Le fichier contient aussi le dossier au format d'échange Passerelle (pièce jointe "
        "intégrée au PDF).\n\n"
        f"Bien cordialement,\n{sender_name}\n{structure}\n"
    )
    message.make_mixed()
    message.attach(pdf_part(pdf.read_bytes(), pdf.name))
    return message


def write_draft(message: EmailMessage, out: Path) -> Path:
    """Writes the draft (mode 0600: it carries the dossier), never over another file."""
    refuse_existing(out)
    write_private_bytes(out, bytes(message))
    return out


def attachment_draft(
    to: str | None,
    sent_by: Address | None,
    subject: str,
    body: str,
    data: bytes,
    file_name: str,
    content_type: str,
) -> EmailMessage:
    """An unsent draft with one attached file, dated in local time (COORACE's answers and
    convocations)."""
    message = EmailMessage(policy=DRAFT_POLICY)
    if sent_by is not None:
        message["From"] = sent_by
    if to:
        message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=True)
    message["X-Unsent"] = "1"
    message.set_content(body)
    message.make_mixed()
    message.attach(file_part(data, file_name, content_type))
    return message


def group_answer_draft(
    to: str | None,
    sender_name: str,
    service: str,
    group: str,
    data: bytes,
    file_name: str,
    sender_email: str | None = None,
) -> EmailMessage:
    """COORACE's answer to a structure about a group: the `passerelle.group` document
    attached, for the structure to import (« Importer des dossiers reçus… »); From
    COORACE's certification address, To the structure's when its dossiers gave one (the
    mail program asks otherwise)."""
    body = (
        "Bonjour,\n\n"
        f"Vos candidats à la VAE collective CIP font partie du groupe « {group} ». "
        "Le fichier joint le décrit (régions, statut, dates) avec vos seuls candidats : "
        "importez-le dans Passerelle (Fichier › Importer des dossiers reçus…) pour le voir "
        "sur leur fiche et au tableau de bord.\n\n"
        f"Bien cordialement,\n{sender_name}\n{service}\n"
    )
    return attachment_draft(
        to,
        sender(sender_name, service, sender_email),
        f"VAE collective — {group}",
        body,
        data,
        file_name,
        "application/json",
    )


def convocation_draft(
    to: str | None,
    sender_name: str,
    service: str,
    member: str,
    group: str,
    pdf: bytes,
    file_name: str,
    sender_email: str | None = None,
    to_candidate: bool = False,
) -> EmailMessage:
    """A member's convocation, to their structure: the letter attached, for the structure
    to hand over or forward; `to_candidate`, to the member's own address (the one their
    structure gave, when it has none itself)."""
    if to_candidate:
        said = (
            "Veuillez trouver ci-joint votre convocation aux journées collectives du "
            f"groupe « {group} » (VAE collective du titre CIP)."
        )
    else:
        said = (
            f"Veuillez trouver ci-joint la convocation {of(member)} aux journées collectives "
            f"du groupe « {group} » (VAE collective du titre CIP). Merci de la lui remettre."
        )
    body = f"Bonjour,\n\n{said}\n\nBien cordialement,\n{sender_name}\n{service}\n"
    subject = f"Convocation aux journées collectives — {member} — {group}"
    return attachment_draft(
        to, sender(sender_name, service, sender_email), subject, body, pdf, file_name,
        "application/pdf",
    )  # fmt: skip
