"""The key file of a protected data folder (`passerelle.key`, beside the database): the
random 256-bit data key that SQLCipher encrypts the database, its WAL and its backups
with, wrapped twice — once by the passphrase, once by the recovery code printed on the
recovery sheet. Each wrap is Argon2id (libsodium's `crypto_pwhash`, memory-hard) then an
authenticated box (XSalsa20-Poly1305, `nacl.secret.SecretBox`): no home-made
cryptography. Neither the passphrase, nor the code, nor the data key is ever written in
clear; changing the passphrase rewrites only this file (atomically).
"""

from __future__ import annotations

import base64
import binascii
import json
import secrets
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from app.resources import resource

KEY_FILE_NAME = "passerelle.key"
FORMAT = "passerelle.key"
VERSION = 1
DATA_KEY_BYTES = 32
# the recovery code: 24 characters of an alphabet without look-alikes (no 0/O, 1/I/L),
# in 6 groups of 4 — about 120 bits
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_GROUPS = 6


class KeyFileError(Exception):
    """The key file cannot be used; the message is French."""


class WrongSecret(KeyFileError):
    """The passphrase (or the recovery code) does not open the key file."""


@dataclass(frozen=True, slots=True)
class Protection:
    """The figures of resources/protection.toml."""

    memory_mib: int
    passes: int
    min_chars: int
    max_chars: int
    idle_minutes: int


@cache
def protection() -> Protection:
    with resource("protection.toml").open("rb") as handle:
        data = tomllib.load(handle)
    return Protection(
        memory_mib=int(data["argon2id"]["memory_mib"]),
        passes=int(data["argon2id"]["passes"]),
        min_chars=int(data["passphrase"]["min_chars"]),
        max_chars=int(data["passphrase"]["max_chars"]),
        idle_minutes=int(data["lock"]["idle_minutes"]),
    )


def passphrase_problem(passphrase: str) -> str | None:
    """Why a new passphrase cannot be used (French), or None."""
    rules = protection()
    if len(passphrase) < rules.min_chars:
        return f"le mot de passe doit compter au moins {rules.min_chars} caractères"
    if len(passphrase) > rules.max_chars:
        return f"le mot de passe compte {len(passphrase)} caractères, au plus {rules.max_chars}"
    if passphrase != passphrase.strip():
        return "le mot de passe ne doit pas commencer ni finir par une espace"
    return None


def new_recovery_code() -> str:
    """« K7QM-3XPA-… »: random, shown once, printed on the recovery sheet."""
    letters = "".join(secrets.choice(CODE_ALPHABET) for _ in range(4 * CODE_GROUPS))
    return "-".join(letters[i : i + 4] for i in range(0, len(letters), 4))


def normalised_code(code: str) -> str:
    """A recovery code as typed (spaces, dashes, lower case) in its printed form."""
    letters = "".join(c for c in code.upper() if c.isalnum())
    return "-".join(letters[i : i + 4] for i in range(0, len(letters), 4))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _derive(secret: str, salt: bytes, memory_mib: int, passes: int) -> bytes:
    import unicodedata

    from nacl.pwhash import argon2id

    return argon2id.kdf(
        32,
        unicodedata.normalize("NFC", secret).encode("utf-8"),  # « é » typed either way
        salt,
        opslimit=passes,
        memlimit=memory_mib * 1024 * 1024,
    )


def _wrap(data_key: bytes, secret: str, rules: Protection) -> dict[str, Any]:
    from nacl.pwhash import argon2id
    from nacl.secret import SecretBox

    salt = secrets.token_bytes(argon2id.SALTBYTES)
    box = SecretBox(_derive(secret, salt, rules.memory_mib, rules.passes))
    return {
        "kdf": "argon2id",
        "memory_mib": rules.memory_mib,
        "passes": rules.passes,
        "salt": _b64(salt),
        "box": _b64(bytes(box.encrypt(data_key))),
    }


def _unwrap(wrap: dict[str, Any], secret: str) -> bytes:
    from nacl.exceptions import CryptoError
    from nacl.secret import SecretBox

    key = _derive(secret, _unb64(wrap["salt"]), int(wrap["memory_mib"]), int(wrap["passes"]))
    try:
        data_key = SecretBox(key).decrypt(_unb64(wrap["box"]))
    except CryptoError:
        raise WrongSecret("Mot de passe incorrect.") from None
    if len(data_key) != DATA_KEY_BYTES:
        raise KeyFileError("Le fichier de clé est abîmé (clé de données de mauvaise taille).")
    return data_key


@dataclass(frozen=True, slots=True)
class KeyFile:
    """The key file's content: the data key wrapped by the passphrase and by the code."""

    passphrase: dict[str, Any]
    recovery: dict[str, Any]

    def to_text(self) -> str:
        data = {
            "format": FORMAT,
            "format_version": VERSION,
            "cipher": "sqlcipher4",
            "passphrase": self.passphrase,
            "recovery": self.recovery,
        }
        return json.dumps(data, indent=2) + "\n"

    def open_with_passphrase(self, passphrase: str) -> bytes:
        return _unwrap(self.passphrase, passphrase)

    def open_with_code(self, code: str) -> bytes:
        try:
            return _unwrap(self.recovery, normalised_code(code))
        except WrongSecret:
            raise WrongSecret("Code de secours incorrect.") from None

    def with_passphrase(self, data_key: bytes, passphrase: str) -> KeyFile:
        """The same data key under a new passphrase (the recovery code unchanged)."""
        return KeyFile(_wrap(data_key, passphrase, protection()), self.recovery)


def new_key_file(passphrase: str) -> tuple[KeyFile, bytes, str]:
    """A new random data key, wrapped by `passphrase` and by a new recovery code: the key
    file, the data key (for SQLCipher) and the code (to print, never stored)."""
    rules = protection()
    data_key = secrets.token_bytes(DATA_KEY_BYTES)
    code = new_recovery_code()
    return KeyFile(_wrap(data_key, passphrase, rules), _wrap(data_key, code, rules)), data_key, code


def read_key_file(path: Path) -> KeyFile:
    """The key file at `path`; KeyFileError (French) when it is missing or damaged."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KeyFileError(f"Le fichier de clé {path} est introuvable.") from None
    except OSError as error:
        raise KeyFileError(f"Le fichier de clé {path} ne peut pas être lu ({error}).") from None
    if len(text) > 10_000:
        raise KeyFileError(f"Le fichier {path} n'est pas un fichier de clé de Passerelle.")
    try:
        data = json.loads(text)
        if data.get("format") != FORMAT or data.get("format_version") != VERSION:
            raise ValueError("format")
        wraps = [data["passphrase"], data["recovery"]]
        for wrap in wraps:
            if wrap["kdf"] != "argon2id":
                raise ValueError("kdf")
            if len(_unb64(wrap["salt"])) != 16 or len(_unb64(wrap["box"])) != 72:
                raise ValueError("sizes")  # libsodium's salt; nonce + data key + MAC
            if not 8 <= int(wrap["memory_mib"]) <= 1024 or not 1 <= int(wrap["passes"]) <= 10:
                raise ValueError("figures")  # never an unlock that runs for minutes
    except (ValueError, KeyError, TypeError, AttributeError, binascii.Error):
        raise KeyFileError(
            f"Le fichier de clé {path} est abîmé : la protection des données ne peut pas être "
            "ouverte. Reprenez-le d'une sauvegarde (il est copié avec chacune)."
        ) from None
    return KeyFile(wraps[0], wraps[1])


def write_key_file(path: Path, key_file: KeyFile) -> None:
    from app.store.files import write_private_text

    write_private_text(path, key_file.to_text())
