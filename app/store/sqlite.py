"""Plain sqlite3 operations on database files: checks and copies through the backup API.

Used before SQLAlchemy opens a file (is it sound?) and for backups and restores, which
must work on any file, whatever its schema.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from app.store.errors import StoreError
from app.store.files import PRIVATE_FILE, private_file
from app.store.oserrors import reason


class CopyFailed(StoreError):
    """A copy that could not be written; nothing is left behind. The message is French."""

    def __init__(self, target: Path, error: Exception) -> None:
        if isinstance(error, OSError):
            why = reason(error)
        elif "full" in str(error).lower():
            why = "le disque est plein"
        else:
            why = str(error)
        super().__init__(f"La copie {target} n'a pas pu être écrite : {why}.")


BUSY_TIMEOUT_S = 5.0


class DatabaseLocked(Exception):
    """Another program holds the file: it is busy, not damaged."""


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)


def _locked(error: sqlite3.Error) -> bool:
    text = str(error).lower()
    return "locked" in text or "busy" in text


# SQLite's own words for what it finds wrong, in French
_SQLITE_WORDS = {
    "file is not a database": "son en-tête n'est pas celui d'un fichier SQLite",
    "database disk image is malformed": "le fichier est abîmé",
    "unable to open database file": "le fichier ne peut pas être ouvert",
    "disk I/O error": "erreur de lecture du disque",
}


def _said(error: sqlite3.Error) -> str:
    text = str(error)
    return _SQLITE_WORDS.get(text, f"SQLite répond « {text} »")


def check(path: Path, thorough: bool = False) -> str | None:
    """None when the file is a sound SQLite database, else what is wrong (in French).
    Raises DatabaseLocked when another program holds it."""
    try:
        connection = _read_only(path)
    except sqlite3.Error as error:
        if _locked(error):
            raise DatabaseLocked(str(error)) from None
        return f"ouverture impossible ({_said(error)})"
    try:
        pragma = "integrity_check" if thorough else "quick_check"
        rows = connection.execute(f"PRAGMA {pragma}").fetchall()
    except sqlite3.OperationalError as error:
        if _locked(error):
            raise DatabaseLocked(str(error)) from None
        return f"ce n'est pas une base de données lisible ({_said(error)})"
    except sqlite3.DatabaseError as error:
        return f"ce n'est pas une base de données lisible ({_said(error)})"
    finally:
        connection.close()
    if rows != [("ok",)]:
        return "contrôle d'intégrité en échec : " + "; ".join(str(r[0]) for r in rows[:3])
    return None


def schema_revision(path: Path) -> str | None:
    """The Alembic revision recorded in a database file (None: no schema yet)."""
    connection = _read_only(path)
    try:
        return connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    except (sqlite3.OperationalError, TypeError):
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
        source_connection = _read_only(source)
        target_connection = sqlite3.connect(temporary)
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
    except (OSError, sqlite3.Error) as error:
        temporary.unlink(missing_ok=True)
        Path(f"{temporary}-journal").unlink(missing_ok=True)
        raise CopyFailed(target, error) from error
    return target


def overwrite_database(source: Path, target: Path) -> None:
    """Replaces the content of the live database `target` with `source`, through the
    backup API (it takes SQLite's locks, and keeps `target`'s WAL consistent)."""
    source_connection = _read_only(source)
    target_connection = sqlite3.connect(target)
    try:
        source_connection.backup(target_connection)
    finally:
        target_connection.close()
        source_connection.close()
