"""Plain sqlite3 operations on database files: checks and copies through the backup API.

Used before SQLAlchemy opens a file (is it sound?) and for backups and restores, which
must work on any file, whatever its schema.
"""

from __future__ import annotations

import os
from pathlib import Path

from app.store import cipher
from app.store.cipher import connect, key_for
from app.store.errors import (
    DatabaseCorrupt,
    DatabaseInUse,
    DatabaseRefused,
    DataReadOnly,
    DiskError,
    DiskFull,
    StoreError,
)
from app.store.files import PRIVATE_FILE, private_file
from app.store.oserrors import reason as os_reason


class CopyFailed(StoreError):
    """A copy that could not be written; nothing is left behind. The message is French."""

    def __init__(self, target: Path, error: Exception) -> None:
        why = os_reason(error) if isinstance(error, OSError) else reason(error)
        super().__init__(f"La copie {target} n'a pas pu être écrite : {why}.")


BUSY_TIMEOUT_S = 5.0


class DatabaseLocked(Exception):
    """Another program holds the file: it is busy, not damaged."""


def _read_only(path: Path, key: bytes | None = None):
    """A read-only connection (SQLCipher with the folder's key when it is protected)."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    return connect(uri, key=key, uri=True, timeout=BUSY_TIMEOUT_S)


# SQLite's primary result codes (https://sqlite.org/rescode.html) that Passerelle tells
# apart; an extended code (SQLITE_IOERR_WRITE, 778) keeps its primary one in its low byte
PERM = 3
BUSY = 5
LOCKED = 6
READONLY = 8
IOERR = 10
CORRUPT = 11
FULL = 13
CANTOPEN = 14
NOTADB = 26
# SQLite's messages, for an error that carries no code (older Python, SQLAlchemy's own)
_CODES_BY_WORDS = (
    ("database or disk is full", FULL),
    ("readonly database", READONLY),
    ("database is locked", BUSY),
    ("database table is locked", LOCKED),
    ("busy", BUSY),
    ("database disk image is malformed", CORRUPT),
    ("file is not a database", NOTADB),
    ("disk i/o error", IOERR),
    ("unable to open database file", CANTOPEN),
)
# what each means, in French, as the end of a sentence
_REASONS = {
    PERM: "accès refusé",
    BUSY: "le fichier est occupé par un autre programme",
    LOCKED: "le fichier est occupé par un autre programme",
    READONLY: "le fichier ou le disque est en lecture seule",
    IOERR: "erreur d'entrée-sortie du disque",
    CORRUPT: "le fichier est abîmé",
    FULL: "le disque est plein",
    CANTOPEN: "le fichier ne peut pas être ouvert",
    NOTADB: "son en-tête n'est pas celui d'un fichier SQLite",
}


def result_code(error: BaseException) -> int | None:
    """SQLite's primary result code of `error` (a sqlite3 error, or SQLAlchemy's wrapping
    of one), from the code it carries, else from its message; None when unknown."""
    error = getattr(error, "orig", None) or error
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF
    text = str(error).lower()
    return next((found for words, found in _CODES_BY_WORDS if words in text), None)


def reason(error: BaseException) -> str:
    """What went wrong, in French, never in SQLite's English: « le disque est plein »…"""
    code = result_code(error)
    if code in _REASONS:
        return _REASONS[code]
    return f"erreur SQLite n° {code}" if code is not None else "cause inconnue"


def database_failure(error: BaseException, database: Path) -> StoreError:
    """A failure of the database file `database` while in use, as a French StoreError:
    disk full, read-only, busy, damaged, disk error, or refused (with SQLite's code only;
    its English message, and the SQL with its values, are left out)."""
    code = result_code(error)
    if code == FULL:
        return DiskFull()
    if code in (READONLY, PERM):
        return DataReadOnly(database.parent)
    if code in (BUSY, LOCKED):
        return DatabaseInUse(database)
    if code in (CORRUPT, NOTADB):
        return DatabaseCorrupt(database, reason(error))
    if code == IOERR:
        return DiskError(database)
    return DatabaseRefused(reason(error))


def _locked(error: Exception) -> bool:
    return result_code(error) in (BUSY, LOCKED)


def check(path: Path, thorough: bool = False) -> str | None:
    """None when the file is a sound SQLite database, else what is wrong (in French).
    Raises DatabaseLocked when another program holds it."""
    try:
        connection = _read_only(path)
    except cipher.SQLITE_ERRORS as error:
        if _locked(error):
            raise DatabaseLocked(str(error)) from None
        return f"ouverture impossible ({reason(error)})"
    try:
        pragma = "integrity_check" if thorough else "quick_check"
        rows = connection.execute(f"PRAGMA {pragma}").fetchall()
    except cipher.OPERATIONAL_ERRORS as error:
        if _locked(error):
            raise DatabaseLocked(str(error)) from None
        return f"ce n'est pas une base de données lisible ({reason(error)})"
    except cipher.DATABASE_ERRORS as error:
        return f"ce n'est pas une base de données lisible ({reason(error)})"
    finally:
        connection.close()
    if rows != [("ok",)]:  # SQLite's findings are in English: only their number is told
        count = len(rows)
        return f"le contrôle d'intégrité relève {count} problème{'s' if count > 1 else ''}"
    return None


def schema_revision(path: Path) -> str | None:
    """The Alembic revision recorded in a database file (None: no schema yet)."""
    connection = _read_only(path)
    try:
        return connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    except (*cipher.OPERATIONAL_ERRORS, TypeError):
        return None
    finally:
        connection.close()


def table_names(path: Path) -> set[str]:
    connection = _read_only(path)
    try:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {name for (name,) in rows}
    finally:
        connection.close()


def copy_database(source: Path, target: Path) -> Path:
    """A consistent copy of `source` into a new file `target` (mode 0600), through SQLite's
    online backup API: safe while another connection writes. Written to a temporary name
    first, then renamed, so that `target` is never half-written."""
    temporary = target.with_name(f".{target.name}.partiel")
    try:
        temporary.unlink(missing_ok=True)
        private_file(temporary)
        key = key_for(source)  # a copy of a protected database is encrypted with its key
        source_connection = _read_only(source, key)
        target_connection = connect(temporary, key=key)
        try:
            source_connection.backup(target_connection)
            target_connection.execute("PRAGMA journal_mode=DELETE")
        finally:
            target_connection.close()
            source_connection.close()
        with open(temporary, "rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(temporary, PRIVATE_FILE)
        os.replace(temporary, target)
    except (OSError, *cipher.SQLITE_ERRORS) as error:
        temporary.unlink(missing_ok=True)
        Path(f"{temporary}-journal").unlink(missing_ok=True)
        raise CopyFailed(target, error) from error
    return target


def overwrite_database(source: Path, target: Path) -> None:
    """Replaces the content of the live database `target` with `source`, through the
    backup API (it takes SQLite's locks, and keeps `target`'s WAL consistent)."""
    key = key_for(target)
    source_connection = _read_only(source, key)
    target_connection = connect(target, key=key)
    try:
        source_connection.backup(target_connection)
    finally:
        target_connection.close()
        source_connection.close()
