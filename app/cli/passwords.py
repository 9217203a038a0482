"""`--password-file FICHIER` (import and export of protected PDF dossiers): the password
is read from a file, never from the command line, and never written anywhere."""

from __future__ import annotations

from pathlib import Path

from app.french import number
from app.limits import limits
from app.store.oserrors import sentence


class PasswordFileError(ValueError):
    """The --password-file cannot be used (message in French)."""


def read_password(name: str | None, option: str = "--password-file", check=None) -> str | None:
    """The password in the file given with `option` (its final line break left out),
    refused with `check`'s French reason (default: what a PDF's password may be). It is
    used for the file at hand and never written anywhere."""
    from app.export.attachment import password_problem

    check = check or password_problem
    if name is None:
        return None
    path = Path(name)
    most = limits().value("password_file_max_bytes")
    try:
        with path.open("rb") as handle:
            raw = handle.read(most + 1)
    except OSError as error:
        raise PasswordFileError(
            f"{option} : le fichier ne peut pas être lu ({sentence(error, name)})."
        ) from None
    if len(raw) > most:
        raise PasswordFileError(
            f"{option} : le fichier {name} est trop gros pour un mot de passe "
            f"(au plus {number(most)} octets)."
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise PasswordFileError(f"{option} : le fichier {name} n'est pas du texte UTF-8.") from None
    password = text.removeprefix("\ufeff").removesuffix("\n").removesuffix("\r")  # Notepad
    if not password:
        raise PasswordFileError(f"{option} : le fichier {name} est vide.")
    problem = check(password)
    if problem:
        raise PasswordFileError(f"{option} : mot de passe refusé ({problem}).")
    return password


DATA_PASSWORD_VARIABLE = "PASSERELLE_DATA_PASSWORD_FILE"


def data_password_file(option: str | None) -> str | None:
    """The file holding the data folder's passphrase: --data-password-file, else
    $PASSERELLE_DATA_PASSWORD_FILE."""
    import os

    return option or os.environ.get(DATA_PASSWORD_VARIABLE) or None


def _fits(passphrase: str) -> str | None:
    from app.store.keyfile import protection

    most = protection().max_chars
    return f"au plus {most} caractères" if len(passphrase) > most else None


def read_data_password(name: str | None) -> str | None:
    return read_password(name, "--data-password-file", _fits)


def read_new_passphrase(name: str | None) -> str | None:
    """A new protection passphrase (`passerelle protect`): its rules checked."""
    from app.store.keyfile import passphrase_problem

    return read_password(name, "--password-file", passphrase_problem)
