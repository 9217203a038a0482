"""The first half of opening the data folder, with no SQLAlchemy: take the lock, check the
file, read its schema revision. The window lists candidates from here (app/store/listing.py)
while SQLAlchemy loads; `database.finish_opening` does the rest."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout

from app.store import migrate, sqlite
from app.store.backup_files import newest_sound_backup
from app.store.cipher import is_protected, unlocked
from app.store.errors import (
    DatabaseDamaged,
    DatabaseInUse,
    DataDirUnusable,
    DataLocked,
    KeyFileMissing,
    NewerSchema,
    StoreBusy,
)
from app.store.files import private_dir
from app.store.oserrors import reason
from app.store.paths import BACKUP_DIR_NAME, DATABASE_NAME, LOCK_NAME


@dataclass
class Opening:
    """A data folder locked for this process, its database file checked."""

    data_dir: Path
    lock: FileLock
    existed: bool  # the file was there, with something in it
    revision: str | None  # its schema revision (None: no schema yet)

    @property
    def path(self) -> Path:
        return self.data_dir / DATABASE_NAME

    @property
    def up_to_date(self) -> bool:
        """The file exists at the current schema: it can be read before any migration."""
        return self.existed and self.revision == migrate.head_revision()

    def release(self) -> None:
        self.lock.release()


def _move_aside(path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    moved = path.with_name(f"{path.name}.endommage-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        part = Path(f"{path}{suffix}")
        if part.exists():
            part.rename(Path(f"{moved}{suffix}"))
    return moved


def lock_and_check(data_dir: Path) -> Opening:
    """Takes the folder's lock and checks its database (a damaged one is moved aside).

    Raises StoreBusy, DatabaseInUse, DatabaseDamaged, NewerSchema, DataDirUnusable — all
    StoreError with a French message; the lock is let go on any failure."""
    try:
        private_dir(data_dir, holds=DATABASE_NAME)
        lock = FileLock(data_dir / LOCK_NAME, mode=0o600)
        lock.acquire(timeout=0)
    except Timeout:
        raise StoreBusy(data_dir) from None
    except OSError as error:
        raise DataDirUnusable(data_dir, reason(error)) from None
    if is_protected(data_dir) and not unlocked(data_dir):
        lock.release()
        raise DataLocked(data_dir)
    if not is_protected(data_dir) and _key_file_lost(data_dir):
        lock.release()
        raise KeyFileMissing(data_dir)
    try:
        return _checked(data_dir, lock)
    except sqlite.DatabaseLocked:
        lock.release()
        raise DatabaseInUse(data_dir / DATABASE_NAME) from None
    except OSError as error:
        lock.release()
        raise DataDirUnusable(data_dir, reason(error)) from None
    except BaseException:
        lock.release()
        raise


def _key_file_lost(data_dir: Path) -> bool:
    """An encrypted database (its first bytes are not SQLite's) in a folder whose backups
    carry key files, and no key file of its own: the key file was lost, the data is not
    damaged (it must not be moved aside, nor a new database made in its place)."""
    from app.store.cipher import is_plain_sqlite

    database = data_dir / DATABASE_NAME
    if not database.is_file() or database.stat().st_size == 0 or is_plain_sqlite(database):
        return False
    return any((data_dir / BACKUP_DIR_NAME).glob("*.sqlite3.key"))


def _checked(data_dir: Path, lock: FileLock) -> Opening:
    path = data_dir / DATABASE_NAME
    existed = path.exists() and path.stat().st_size > 0
    revision = None
    if existed:
        problem = sqlite.check(path)
        if problem is not None:
            moved = _move_aside(path)
            raise DatabaseDamaged(
                problem, moved, newest_sound_backup(data_dir / BACKUP_DIR_NAME), data_dir
            )
        revision = sqlite.schema_revision(path)
        if revision is not None and revision not in migrate.known_revisions():
            raise NewerSchema(path, revision)
    return Opening(data_dir, lock, existed, revision)
