"""What can go wrong with the data folder while the window writes to it, told in the
window's words: the store's own French sentence, a file system failure, or SQLite's
failure translated (never SQLite's English, never the SQL and its values)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.exc import DBAPIError

from app.store import cipher
from app.store.errors import StoreError
from app.store.oserrors import sentence
from app.store.sqlite import database_failure


def failure_types() -> tuple[type[BaseException], ...]:
    """What the window tells in French when an action fails: the store's refusals, the
    system's, SQLite's (either library, as loaded now) and SQLAlchemy's."""
    return (StoreError, OSError, *cipher.SQLITE_ERRORS, DBAPIError)


def failure(error: Exception, database: Path) -> str:
    """Why an action on the data folder (its database file `database`) failed."""
    if isinstance(error, StoreError):
        return str(error)
    if isinstance(error, OSError):
        return f"{sentence(error)}. Rien n'a été modifié."
    return str(database_failure(error, database))
