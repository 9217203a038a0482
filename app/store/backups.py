"""Backups of an open data folder: a copy on demand, and restores that refuse an unsound
or newer file, back up the current data first, and migrate what they put in place. The
file-level backups (automatic ones, listing, checking a file) are in backup_files.py."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from app.store import migrate, sqlite
from app.store.backup_files import carry_key_file, check_restorable, take_backup
from app.store.cipher import connect
from app.store.database import Store
from app.store.engine import make_engine
from app.store.files import refuse_existing


def backup_now(store: Store, to: Path | None = None) -> Path:
    """`passerelle backup [--to FILE]`: a copy now, into FILE or the backups folder."""
    if to is None:
        return take_backup(store.path, store.backups_dir, "manuelle")
    refuse_existing(to)
    to.parent.mkdir(parents=True, exist_ok=True)
    copy = sqlite.copy_database(store.path, to)
    carry_key_file(store.data_dir, copy)
    return copy


def _erasures(database: Path) -> dict[str, datetime]:
    if "erasures" not in sqlite.table_names(database):
        return {}
    connection = connect(database)
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
        check_restorable(source, store.data_dir)
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
