"""The open data folder (`Store`) and its opening: lock and soundness check (opening.py),
engine (engine.py), backup and migration of an older schema, the local user."""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.store import backup_files, migrate, sqlite
from app.store.engine import make_engine
from app.store.errors import DatabaseInUse, DataDirUnusable, StoreError
from app.store.files import private_file
from app.store.keys import SETTING_BACKUPS_KEPT, SETTING_USER
from app.store.models import SettingRow
from app.store.opening import Opening, lock_and_check
from app.store.oserrors import reason, sentence
from app.store.paths import BACKUP_DIR_NAME, DATABASE_NAME

DEFAULT_BACKUPS_KEPT = 10
# the settings `passerelle settings` shows and changes: what each is for (their French
# names are in keys.SETTING_LABELS)
SETTINGS = {
    SETTING_USER: "inscrit dans le journal des modifications",
    SETTING_BACKUPS_KEPT: f"les plus anciennes sont effacées ; {DEFAULT_BACKUPS_KEPT} par défaut",
}


class Store:
    """An open data folder. Only one `Store` per folder at a time (a file lock)."""

    def __init__(self, data_dir: Path, engine: Engine, lock: FileLock) -> None:
        self.data_dir = data_dir
        self.path = data_dir / DATABASE_NAME
        self.backups_dir = data_dir / BACKUP_DIR_NAME
        self.engine = engine
        self._lock = lock

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: everything is committed together, or nothing is."""
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    def setting(self, key: str) -> str | None:
        with Session(self.engine) as session:
            row = session.get(SettingRow, key)
            return None if row is None else row.value

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction() as session:
            session.merge(SettingRow(key=key, value=value))

    def settings(self) -> dict[str, str]:
        with Session(self.engine) as session:
            return {row.key: row.value for row in session.scalars(select(SettingRow))}

    @property
    def user(self) -> str:
        """The local user's name (set at first run), written in the audit log."""
        return self.setting(SETTING_USER) or getpass.getuser()

    @property
    def backups_kept(self) -> int:
        value = self.setting(SETTING_BACKUPS_KEPT)
        return int(value) if value and value.isdigit() and int(value) > 0 else DEFAULT_BACKUPS_KEPT

    def close(self, automatic_backup: bool = True) -> str | None:
        """Takes the automatic backup (at most one a day), then lets the folder go.
        A backup that fails does not undo what was saved: its French explanation is
        returned, for the user to be told."""
        warning = None
        try:
            if automatic_backup:
                try:
                    backup_files.automatic_backup(self)
                except StoreError as error:
                    warning = f"La sauvegarde automatique n'a pas pu être faite : {error}"
                except OSError as error:
                    warning = (
                        f"La sauvegarde automatique n'a pas pu être faite : "
                        f"{sentence(error, self.backups_dir)}."
                    )
        finally:
            self.engine.dispose()
            self._lock.release()
        return warning


def open_store(data_dir: Path, user: str | None = None) -> Store:
    """Opens (creating it if needed) the data folder: takes the lock, checks the file,
    backs it up and migrates it if its schema is older, and returns the store.

    Raises StoreBusy, DatabaseInUse, DatabaseDamaged (the file was renamed aside),
    NewerSchema, DataDirUnusable — all StoreError with a French message."""
    return finish_opening(lock_and_check(data_dir), user)


def finish_opening(opening: Opening, user: str | None = None) -> Store:
    """The second half of `open_store`, on a folder locked and checked by `lock_and_check`:
    backs up and migrates an older schema, records the local user. Lets the lock go on
    any failure."""
    try:
        store = _migrated(opening)
    except sqlite.DatabaseLocked:
        opening.release()
        raise DatabaseInUse(opening.path) from None
    except OSError as error:
        opening.release()
        raise DataDirUnusable(opening.data_dir, reason(error)) from None
    except BaseException:
        opening.release()
        raise
    try:
        if user:
            store.set_setting(SETTING_USER, user)
        elif store.setting(SETTING_USER) is None:
            # first run: the session's login until the user gives their name
            store.set_setting(SETTING_USER, getpass.getuser())
    except BaseException:
        store.close(automatic_backup=False)
        raise
    return store


def _migrated(opening: Opening) -> Store:
    path = opening.path
    private_file(path)
    engine = make_engine(path)
    try:
        current = migrate.current_revision(engine)
        if current != migrate.head_revision():
            if opening.existed:
                backups_dir = opening.data_dir / BACKUP_DIR_NAME
                backup_files.take_backup(path, backups_dir, f"avant-migration-{current or 'vide'}")
            migrate.upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    return Store(opening.data_dir, engine, opening.lock)
