"""Every connection to a data folder's database files goes through `connect`: plain
SQLite for a folder that is not protected, SQLCipher 4 (`sqlcipher3`) with the folder's
data key for one that is — the database, its WAL, its `-shm` and every backup are then
encrypted, and no plain copy is ever made.

The data key is known only once the folder was unlocked (`unlock`, with the passphrase
or the recovery code): it is kept in this process's memory, by folder, and forgotten by
`lock`. A file inside (or a backup of) an unlocked folder is opened with its key.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from app.store.keyfile import KEY_FILE_NAME, read_key_file

# What a failure of either library is: sqlcipher3's exceptions are not sqlite3's. Read
# them as `cipher.SQLITE_ERRORS` (an attribute, at the moment of the `except`): SQLCipher
# is loaded only when a protected folder is used (≈ 5 MB the window of a plain folder
# does not pay), and these tuples grow with it then.
SQLITE_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error,)
OPERATIONAL_ERRORS: tuple[type[Exception], ...] = (sqlite3.OperationalError,)
DATABASE_ERRORS: tuple[type[Exception], ...] = (sqlite3.DatabaseError,)
_SQLCIPHER = None


def sqlcipher_module():
    """SQLCipher 4 (`sqlcipher3`, with its own OpenSSL), loaded on first use."""
    global _SQLCIPHER, SQLITE_ERRORS, OPERATIONAL_ERRORS, DATABASE_ERRORS
    if _SQLCIPHER is None:
        import sqlcipher3.dbapi2 as module

        _SQLCIPHER = module
        SQLITE_ERRORS = (sqlite3.Error, module.Error)
        OPERATIONAL_ERRORS = (sqlite3.OperationalError, module.OperationalError)
        DATABASE_ERRORS = (sqlite3.DatabaseError, module.DatabaseError)
    return _SQLCIPHER


_KEYS: dict[Path, bytes] = {}
_FILE_KEYS: dict[Path, bytes] = {}  # a backup kept elsewhere (USB key), restored here
PLAIN_HEADER = b"SQLite format 3\x00"


def is_plain_sqlite(path: Path) -> bool:
    """Whether the file starts as a plain SQLite database (an encrypted one looks random)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(16) == PLAIN_HEADER
    except OSError:
        return False


def remember_file(path: Path, key: bytes) -> None:
    """A file outside any unlocked folder, encrypted with `key` (a backup kept elsewhere,
    made from this folder: same data key)."""
    _FILE_KEYS[path.resolve()] = key


def key_file_of(data_dir: Path) -> Path:
    return data_dir / KEY_FILE_NAME


def is_protected(data_dir: Path) -> bool:
    """Whether this data folder's database is encrypted (it has a key file)."""
    return key_file_of(data_dir).is_file()


def unlock(data_dir: Path, passphrase: str | None = None, code: str | None = None) -> bytes:
    """Opens the folder's key file with the passphrase (or the recovery code) and keeps
    the data key for this process. WrongSecret when it does not open the key file (the
    database is not even touched: a wrong passphrase is never taken for a damaged file)."""
    key_file = read_key_file(key_file_of(data_dir))
    sqlcipher_module()  # before anything reads the folder: its failures are known
    key = (
        key_file.open_with_code(code)
        if code is not None
        else key_file.open_with_passphrase(passphrase or "")
    )
    remember(data_dir, key)
    return key


def remember(data_dir: Path, key: bytes) -> None:
    _KEYS[data_dir.resolve()] = key


def lock(data_dir: Path) -> None:
    """Forgets the folder's data key (the window locks, or the folder is closed)."""
    _KEYS.pop(data_dir.resolve(), None)


def key_for(path: Path) -> bytes | None:
    """The data key of the unlocked folder that holds `path` (a database, a backup)."""
    resolved = path.resolve()
    if resolved in _FILE_KEYS:
        return _FILE_KEYS[resolved]
    for folder, key in _KEYS.items():
        if resolved == folder or folder in resolved.parents:
            return key
    return None


def unlocked(data_dir: Path) -> bool:
    return data_dir.resolve() in _KEYS


def keying(key: bytes) -> str:
    """The PRAGMA that gives SQLCipher a raw 256-bit key (no key derivation at open)."""
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect(path: Path | str, key: bytes | None = None, uri: bool = False, **options):
    """A DB-API connection to a database file: SQLCipher with `key` (or the key of the
    unlocked folder holding it), plain sqlite3 otherwise. `path` may be a `file:` URI
    (`uri=True`), as for a read-only connection."""
    if key is None:
        key = key_for(Path(_file_of(path, uri)))
    if key is None:
        return sqlite3.connect(path, uri=uri, **options)
    connection = sqlcipher_module().connect(path, uri=uri, **options)
    quiet(connection)
    connection.execute(keying(key))
    return connection


def quiet(connection) -> None:
    """SQLCipher's own log (English, on stderr) silenced: failures are said in French."""
    with contextlib.suppress(Exception):  # an older SQLCipher without it: its log stays
        connection.execute("PRAGMA cipher_log_level = NONE")


def _file_of(path: Path | str, uri: bool) -> str:
    text = str(path)
    if uri and text.startswith("file:"):
        from urllib.parse import unquote, urlparse

        return unquote(urlparse(text).path)
    return text
