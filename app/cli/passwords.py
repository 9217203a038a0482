"""`--password-file FICHIER` (import and export of protected PDF dossiers): the password
is read from a file, never from the command line, and never written anywhere."""

from __future__ import annotations

from pathlib import Path

from app.french import number
from app.limits import limits
from app.store.oserrors import sentence


class PasswordFileError(ValueError):
    """The --password-file cannot be used (message in French)."""


def read_password(name: str | None) -> str | None:
    """The password in the file given with --password-file (its final line break left
    out). It is used for the file at hand and never written anywhere."""
    from app.export.attachment import password_problem

    if name is None:
        return None
    path = Path(name)
    most = limits().value("password_file_max_bytes")
    try:
        with path.open("rb") as handle:
            raw = handle.read(most + 1)
    except OSError as error:
        raise PasswordFileError(
            f"--password-file : le fichier ne peut pas être lu ({sentence(error, name)})."
        ) from None
    if len(raw) > most:
        raise PasswordFileError(
            f"--password-file : le fichier {name} est trop gros pour un mot de passe "
            f"(au plus {number(most)} octets)."
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise PasswordFileError(
            f"--password-file : le fichier {name} n'est pas du texte UTF-8."
        ) from None
    password = text.removesuffix("\n").removesuffix("\r")
    if not password:
        raise PasswordFileError(f"--password-file : le fichier {name} est vide.")
    problem = password_problem(password)
    if problem:
        raise PasswordFileError(f"--password-file : mot de passe refusé ({problem}).")
    return password
