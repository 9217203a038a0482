"""Backups as files, with no open store and no SQLAlchemy: taking a copy of the database
through SQLite's backup API, the automatic backups (at most daily, the last N kept),
listing them, finding the newest sound one, and refusing a file that cannot be restored.
Opening the data folder uses them before any `Store` exists (app/store/opening.py,
app/store/database.py); app/store/backups.py works on an open `Store`."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol

from app.store import migrate, sqlite
from app.store.errors import NewerSchema, StoreError
from app.store.files import private_dir

AUTOMATIC_PREFIX = "passerelle-auto-"
MIN_AUTOMATIC_INTERVAL = timedelta(days=1)
CORE_TABLES = frozenset({"alembic_version", "structures", "candidates", "settings"})


class BackedUp(Protocol):
    """What an automatic backup needs of a data folder: its database file, its backups
    folder, and how many automatic backups to keep (a `Store` has all three)."""

    @property
    def path(self) -> Path: ...

    @property
    def backups_dir(self) -> Path: ...

    @property
    def backups_kept(self) -> int: ...


def _stamp(now: datetime | None = None) -> str:
    """Sortable to the microsecond: names sort in the order backups were taken."""
    return (now or datetime.now()).strftime("%Y%m%d-%H%M%S-%f")


def take_backup(database: Path, backups_dir: Path, label: str) -> Path:
    """A copy of `database` in `backups_dir`, named after `label` and the time."""
    private_dir(backups_dir)
    target = backups_dir / f"passerelle-{label}-{_stamp()}.sqlite3"
    while target.exists():
        target = backups_dir / f"passerelle-{label}-{_stamp()}.sqlite3"
    copy = sqlite.copy_database(database, target)
    carry_key_file(database.parent, copy)
    return copy


def _match_protection(source: Path, data_dir: Path) -> None:
    from app.store.cipher import is_plain_sqlite, is_protected, key_for, remember_file
    from app.store.paths import DATABASE_NAME

    plain = is_plain_sqlite(source)
    if is_protected(data_dir) and plain:
        raise StoreError(
            f"La sauvegarde {source} n'est pas chiffrée, alors que ces données sont protégées "
            "par un mot de passe : elle ne se restaure pas ici telle quelle (retirez la "
            "protection, restaurez-la, puis protégez de nouveau). Rien n'a été modifié."
        )
    key = key_for(data_dir / DATABASE_NAME)
    if not plain and key_for(source) is None and key is not None:
        remember_file(source, key)  # made from this folder: the same data key
    # in a plain folder, a file that is not SQLite is refused by the checks below (an
    # encrypted backup is opened as a folder of its own: README)


def key_file_beside(backup: Path) -> Path:
    """Where a protected backup's key file is kept: `….sqlite3.key`, beside it."""
    return backup.with_name(f"{backup.name}.key")


def carry_key_file(data_dir: Path, backup: Path) -> None:
    """A backup of a protected folder carries its key file (the data key wrapped by the
    passphrase and the recovery code in force): restorable here or on another computer."""
    from app.store.cipher import is_protected, key_file_of
    from app.store.files import write_private_bytes

    if is_protected(data_dir):
        write_private_bytes(key_file_beside(backup), key_file_of(data_dir).read_bytes())


def automatic_backups(backups_dir: Path) -> list[Path]:
    """Automatic backups, newest first."""
    if not backups_dir.exists():
        return []
    return sorted(backups_dir.glob(f"{AUTOMATIC_PREFIX}*.sqlite3"), reverse=True)


def automatic_backup(folder: BackedUp, now: datetime | None = None) -> Path | None:
    """At close: a backup if the last automatic one is a day old or more; keeps the last N."""
    now = now or datetime.now()
    existing = automatic_backups(folder.backups_dir)
    if existing:
        newest = datetime.fromtimestamp(existing[0].stat().st_mtime)
        if now - newest < MIN_AUTOMATIC_INTERVAL:
            return None
    taken = take_backup(folder.path, folder.backups_dir, "auto")
    for old in automatic_backups(folder.backups_dir)[folder.backups_kept :]:
        old.unlink()
        key_file_beside(old).unlink(missing_ok=True)
    return taken


def all_backups(backups_dir: Path) -> list[Path]:
    """Every backup, newest first (by modification time)."""
    if not backups_dir.exists():
        return []
    files = backups_dir.glob("passerelle-*.sqlite3")
    return sorted(files, key=lambda p: p.stat().st_mtime, reverse=True)


def newest_sound_backup(backups_dir: Path) -> Path | None:
    for candidate in all_backups(backups_dir):
        if sqlite.check(candidate, thorough=True) is None:
            return candidate
    return None


def check_restorable(source: Path, data_dir: Path | None = None) -> None:
    """Refuses a file that is missing, unsound, not Passerelle's, or from a newer one. With
    `data_dir`, the folder it would be restored into: a plain backup is refused in a
    protected folder (and an encrypted one in a plain folder), each said plainly; an
    encrypted backup kept elsewhere is read with this folder's key (the same data key)."""
    if source.is_dir():
        raise StoreError(f"{source} est un dossier : choisissez un fichier de sauvegarde.")
    if not source.is_file():
        raise StoreError(f"Le fichier {source} est introuvable.")
    if data_dir is not None:
        _match_protection(source, data_dir)
    problem = sqlite.check(source, thorough=True)
    if problem is not None:
        raise StoreError(
            f"Le fichier {source} ne peut pas être restauré : {problem}. Rien n'a été modifié."
        )
    revision = sqlite.schema_revision(source)
    if revision is not None and revision not in migrate.known_revisions():
        raise NewerSchema(source, revision)
    if revision is None or not sqlite.table_names(source) >= CORE_TABLES:
        raise StoreError(
            f"Le fichier {source} n'est pas une sauvegarde de Passerelle. Rien n'a été modifié."
        )
