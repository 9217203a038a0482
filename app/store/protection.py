"""Turning a data folder's protection on and off, and changing its passphrase.

On: a random data key is wrapped by the passphrase and by a recovery code (the key file,
app/store/keyfile.py); the plain database is copied into an encrypted one with
SQLCipher's `sqlcipher_export`, checked (integrity, and the same number of rows in every
table) before it replaces the plain file; each plain backup is converted the same way
(or, when it cannot be read, removed — the person is told which). Off is the reverse,
after a confirmation. Both work on a closed folder (no `Store` open on it), lock it while
they work, and leave it as it was on any failure.

Removing a file does not wipe its blocks from the disk: the laptop's own disk encryption
(BitLocker, FileVault, LUKS) is the complement, and the messages say so.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout

from app.store import cipher
from app.store.cipher import (
    is_protected,
    key_file_of,
    keying,
    lock,
    remember,
    sqlcipher_module,
    unlock,
)
from app.store.errors import StoreBusy, StoreError
from app.store.files import PRIVATE_FILE
from app.store.keyfile import (
    new_key_file,
    passphrase_problem,
    read_key_file,
    write_key_file,
)
from app.store.paths import BACKUP_DIR_NAME, DATABASE_NAME, LOCK_NAME, REPORTS_DIR_NAME

DISK_NOTE = (
    "Effacer un fichier n'efface pas ses traces sur le disque : le chiffrement du disque de "
    "l'ordinateur (BitLocker, FileVault, LUKS) en est le complément."
)


class ProtectionError(StoreError):
    """Protection could not be changed; nothing was changed. The message is French."""


@dataclass
class ProtectionReport:
    recovery_code: str | None = None
    converted: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)


def _locked_folder(data_dir: Path) -> FileLock:
    folder_lock = FileLock(data_dir / LOCK_NAME, mode=0o600)
    try:
        folder_lock.acquire(timeout=0)
    except Timeout:
        raise StoreBusy(data_dir) from None
    return folder_lock


def _counts(connection) -> dict[str, int]:
    names = [
        name
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names
    }


def _export(source: Path, source_key: bytes | None, target: Path, target_key: bytes | None) -> None:
    """Copies the database `source` into the new file `target`, each with its key (None:
    plain), through SQLCipher's `sqlcipher_export`; checks the copy (integrity, row counts)
    before returning. `target` is removed on any failure."""
    target.unlink(missing_ok=True)
    connection = sqlcipher_module().connect(str(source))
    cipher.quiet(connection)
    try:
        if source_key is not None:
            connection.execute(keying(source_key))
        before = _counts(connection)
        attach_key = f"x'{target_key.hex()}'" if target_key is not None else ""
        connection.execute(f'ATTACH DATABASE ? AS exported KEY "{attach_key}"', (str(target),))
        connection.execute("SELECT sqlcipher_export('exported')")
        connection.execute("DETACH DATABASE exported")
    finally:
        connection.close()
    check = sqlcipher_module().connect(str(target))
    cipher.quiet(check)
    try:
        if target_key is not None:
            check.execute(keying(target_key))
        integrity = check.execute("PRAGMA integrity_check").fetchall()
        after = _counts(check)
    finally:
        check.close()
    if integrity != [("ok",)] or after != before:
        target.unlink(missing_ok=True)
        raise ProtectionError(
            "La copie chiffrée ne correspond pas aux données (contrôle d'intégrité ou nombre "
            "de lignes) : rien n'a été changé."
        )
    with open(target, "rb+") as handle:
        os.fsync(handle.fileno())
    os.chmod(target, PRIVATE_FILE)


def _replace(data_dir: Path, database: Path, converted: Path) -> None:
    for suffix in ("-wal", "-shm"):  # a closed database: nothing in them to keep
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    os.replace(converted, database)


def _backups(data_dir: Path) -> list[Path]:
    folder = data_dir / BACKUP_DIR_NAME
    return sorted(folder.glob("*.sqlite3")) if folder.is_dir() else []


def _carry(data_dir: Path, report: ProtectionReport, protected: bool) -> None:
    """Each converted backup carries the key file now in force (or none, unprotected)."""
    from app.store.backup_files import carry_key_file, key_file_beside

    for backup in report.converted:
        if protected:
            carry_key_file(data_dir, backup)
        else:
            key_file_beside(backup).unlink(missing_ok=True)
    for backup in report.removed:
        key_file_beside(backup).unlink(missing_ok=True)


def protect(data_dir: Path, passphrase: str) -> ProtectionReport:
    """Encrypts a plain data folder under `passphrase`; the report carries the recovery
    code (to print on the recovery sheet, never stored) and what became of each backup."""
    problem = passphrase_problem(passphrase)
    if problem:
        raise ProtectionError(f"Mot de passe refusé : {problem}. Rien n'a été changé.")
    if is_protected(data_dir):
        raise ProtectionError("Ces données sont déjà protégées par un mot de passe.")
    folder_lock = _locked_folder(data_dir)
    try:
        key_file, data_key, code = new_key_file(passphrase)
        database = data_dir / DATABASE_NAME
        report = ProtectionReport(recovery_code=code)
        if database.exists():
            converted = database.with_name(f".{database.name}.chiffree")
            try:
                _export(database, None, converted, data_key)
            except cipher.SQLITE_ERRORS as error:
                converted.unlink(missing_ok=True)
                raise ProtectionError(
                    f"Les données n'ont pas pu être chiffrées ({error}) : rien n'a été changé."
                ) from None
            write_key_file(key_file_of(data_dir), key_file)  # first the key, then the data
            _replace(data_dir, database, converted)
        else:
            write_key_file(key_file_of(data_dir), key_file)
        _convert_backups(data_dir, None, data_key, report)
        _carry(data_dir, report, protected=True)
        for plain in sorted((data_dir / REPORTS_DIR_NAME).glob("*.csv")):  # they name candidates
            plain.unlink()
            report.removed.append(plain)
        remember(data_dir, data_key)
        return report
    finally:
        folder_lock.release()


def _convert_backups(
    data_dir: Path, old: bytes | None, new: bytes | None, report: ProtectionReport
) -> None:
    for backup in _backups(data_dir):
        converted = backup.with_name(f".{backup.name}.converti")
        try:
            _export(backup, old, converted, new)
        except (ProtectionError, *cipher.SQLITE_ERRORS):
            converted.unlink(missing_ok=True)
            backup.unlink(missing_ok=True)  # unreadable: never left in clear
            report.removed.append(backup)
            continue
        os.replace(converted, backup)
        report.converted.append(backup)


def unprotect(data_dir: Path, passphrase: str) -> ProtectionReport:
    """Decrypts a protected data folder (after the person confirmed it), its backups too;
    the key file is removed last."""
    data_key = unlock(data_dir, passphrase)
    folder_lock = _locked_folder(data_dir)
    try:
        database = data_dir / DATABASE_NAME
        report = ProtectionReport()
        if database.exists():
            converted = database.with_name(f".{database.name}.claire")
            _export(database, data_key, converted, None)
            _replace(data_dir, database, converted)
        _convert_backups(data_dir, data_key, None, report)
        _carry(data_dir, report, protected=False)
        key_file_of(data_dir).unlink(missing_ok=True)
        lock(data_dir)
        return report
    finally:
        folder_lock.release()


def change_passphrase(
    data_dir: Path, new: str, current: str | None = None, code: str | None = None
) -> None:
    """Rewraps the data key under `new`, opened with the current passphrase or the
    recovery code; only the key file is rewritten (atomically)."""
    problem = passphrase_problem(new)
    if problem:
        raise ProtectionError(f"Nouveau mot de passe refusé : {problem}. Rien n'a été changé.")
    data_key = unlock(data_dir, current, code)
    key_file = read_key_file(key_file_of(data_dir))
    write_key_file(key_file_of(data_dir), key_file.with_passphrase(data_key, new))
    # the backups keep the key file they were made with: each opens with the passphrase
    # (or the code) in force when it was made


SETTING_IDLE_MINUTES = "lock_idle_minutes"


def idle_minutes(store) -> int:
    """The minutes without activity before a protected window locks itself: the data
    folder's setting (Outils › Protection des données…), else resources/protection.toml's
    figure; 0: never."""
    from app.store.keyfile import protection

    value = store.setting(SETTING_IDLE_MINUTES)
    if value is not None and value.isdigit():
        return int(value)
    return protection().idle_minutes
