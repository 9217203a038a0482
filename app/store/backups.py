"""Backups through SQLite's backup API: automatic (at close, at most daily, the last N
kept), on demand, and restores that refuse an unsound or newer file."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from app.store import migrate, sqlite
from app.store.database import Store, make_engine
from app.store.errors import NewerSchema, StoreError
from app.store.files import private_dir, refuse_existing

AUTOMATIC_PREFIX = "passerelle-auto-"
MIN_AUTOMATIC_INTERVAL = timedelta(days=1)


def _stamp(now: datetime | None = None) -> str:
    """Sortable to the microsecond: names sort in the order backups were taken."""
    return (now or datetime.now()).strftime("%Y%m%d-%H%M%S-%f")


def take_backup(database: Path, backups_dir: Path, label: str) -> Path:
    """A copy of `database` in `backups_dir`, named after `label` and the time."""
    private_dir(backups_dir)
    target = backups_dir / f"passerelle-{label}-{_stamp()}.sqlite3"
    while target.exists():
        target = backups_dir / f"passerelle-{label}-{_stamp()}.sqlite3"
    return sqlite.copy_database(database, target)


def backup_now(store: Store, to: Path | None = None) -> Path:
    """`passerelle backup [--to FILE]`: a copy now, into FILE or the backups folder."""
    if to is None:
        return take_backup(store.path, store.backups_dir, "manuelle")
    refuse_existing(to)
    to.parent.mkdir(parents=True, exist_ok=True)
    return sqlite.copy_database(store.path, to)


def automatic_backups(backups_dir: Path) -> list[Path]:
    """Automatic backups, newest first."""
    if not backups_dir.exists():
        return []
    return sorted(backups_dir.glob(f"{AUTOMATIC_PREFIX}*.sqlite3"), reverse=True)


def automatic_backup(store: Store, now: datetime | None = None) -> Path | None:
    """At close: a backup if the last automatic one is a day old or more; keeps the last N."""
    now = now or datetime.now()
    existing = automatic_backups(store.backups_dir)
    if existing:
        newest = datetime.fromtimestamp(existing[0].stat().st_mtime)
        if now - newest < MIN_AUTOMATIC_INTERVAL:
            return None
    taken = take_backup(store.path, store.backups_dir, "auto")
    for old in automatic_backups(store.backups_dir)[store.backups_kept :]:
        old.unlink()
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


CORE_TABLES = frozenset({"alembic_version", "structures", "candidates", "settings"})


def check_restorable(source: Path) -> None:
    """Refuses a file that is missing, unsound, not Passerelle's, or from a newer one."""
    if source.is_dir():
        raise StoreError(f"{source} est un dossier : choisissez un fichier de sauvegarde.")
    if not source.is_file():
        raise StoreError(f"Le fichier {source} est introuvable.")
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


def _erasures(database: Path) -> dict[str, datetime]:
    if "erasures" not in sqlite.table_names(database):
        return {}
    connection = sqlite3.connect(database)
    try:
        return {
            key: datetime.fromisoformat(at)
            for key, at in connection.execute("SELECT key, erased_at FROM erasures")
        }
    finally:
        connection.close()


def restore(store: Store, source: Path, checked: bool = False) -> Path:
    """Puts `source` in place of the current data, after backing the current data up.
    Returns that backup. The restored data is migrated to the current schema, and the
    candidates erased since the backup was taken are erased again."""
    from app.store.candidates import reapply_erasures

    if not checked:
        check_restorable(source)
    safety = take_backup(store.path, store.backups_dir, "avant-restauration")
    erasures = _erasures(store.path)
    store.engine.dispose()
    sqlite.overwrite_database(source, store.path)
    engine = make_engine(store.path)
    try:
        if migrate.current_revision(engine) != migrate.head_revision():
            migrate.upgrade(engine)
    finally:
        engine.dispose()
    with store.transaction() as session:
        reapply_erasures(session, erasures, store.user)
    return safety
