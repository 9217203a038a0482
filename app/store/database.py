"""Opening the data folder: lock, soundness check, connection settings, migrations."""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.orm import Session

from app.store import migrate, sqlite
from app.store.errors import (
    DatabaseDamaged,
    DatabaseInUse,
    DataDirUnusable,
    NewerSchema,
    StoreBusy,
    StoreError,
)
from app.store.files import private_dir, private_file
from app.store.models import SettingRow
from app.store.oserrors import reason, sentence
from app.store.paths import BACKUP_DIR_NAME, DATABASE_NAME, LOCK_NAME

BUSY_TIMEOUT_MS = 5000
DEFAULT_BACKUPS_KEPT = 10
SETTING_USER = "local_user"
SETTING_BACKUPS_KEPT = "backups_kept"
SETTINGS = {
    SETTING_USER: "nom de l'utilisateur local, inscrit dans le journal des modifications",
    SETTING_BACKUPS_KEPT: "nombre de sauvegardes automatiques gardées",
}


def _on_connect(dbapi_connection, _record) -> None:
    # Let SQLAlchemy, not the sqlite3 module, open transactions (see _on_begin): the module
    # would commit each CREATE TABLE on its own, and a migration cut short would leave a
    # half-built schema.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _on_begin(connection) -> None:
    connection.exec_driver_sql("BEGIN")


def make_engine(path: Path) -> Engine:
    """An engine whose every connection uses WAL, synchronous=FULL, foreign keys and a
    busy timeout, and whose transactions include schema changes (all or nothing)."""
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


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
                from app.store.backups import automatic_backup as take_backup

                try:
                    take_backup(self)
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


def _move_aside(path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    moved = path.with_name(f"{path.name}.endommage-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        part = Path(f"{path}{suffix}")
        if part.exists():
            part.rename(Path(f"{moved}{suffix}"))
    return moved


def open_store(data_dir: Path, user: str | None = None) -> Store:
    """Opens (creating it if needed) the data folder: takes the lock, checks the file,
    backs it up and migrates it if its schema is older, and returns the store.

    Raises StoreBusy, DatabaseInUse, DatabaseDamaged (the file was renamed aside),
    NewerSchema, DataDirUnusable — all StoreError with a French message."""
    try:
        private_dir(data_dir, holds=DATABASE_NAME)
        lock = FileLock(data_dir / LOCK_NAME, mode=0o600)
        lock.acquire(timeout=0)
    except Timeout:
        raise StoreBusy(data_dir) from None
    except OSError as error:
        raise DataDirUnusable(data_dir, reason(error)) from None
    try:
        store = _open_locked(data_dir, lock)
    except sqlite.DatabaseLocked:
        lock.release()
        raise DatabaseInUse(data_dir / DATABASE_NAME) from None
    except OSError as error:
        lock.release()
        raise DataDirUnusable(data_dir, reason(error)) from None
    except BaseException:
        lock.release()
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


def _open_locked(data_dir: Path, lock: FileLock) -> Store:
    from app.store.backups import newest_sound_backup, take_backup

    path = data_dir / DATABASE_NAME
    backups_dir = data_dir / BACKUP_DIR_NAME
    existed = path.exists() and path.stat().st_size > 0
    if existed:
        problem = sqlite.check(path)
        if problem is not None:
            moved = _move_aside(path)
            raise DatabaseDamaged(problem, moved, newest_sound_backup(backups_dir), data_dir)
        revision = sqlite.schema_revision(path)
        if revision is not None and revision not in migrate.known_revisions():
            raise NewerSchema(path, revision)
    private_file(path)
    engine = make_engine(path)
    try:
        current = migrate.current_revision(engine)
        if current != migrate.head_revision():
            if existed:
                take_backup(path, backups_dir, f"avant-migration-{current or 'vide'}")
            migrate.upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    return Store(data_dir, engine, lock)
