"""Backups, restores and a damaged file: the data is never overwritten, never lost."""

import os
import sqlite3
from datetime import datetime, timedelta

import pytest
from store_helpers import filled_store, rows, sample_data, save_data

from app.store import sqlite
from app.store.backup_files import automatic_backup, automatic_backups, check_restorable
from app.store.backups import backup_now, restore
from app.store.database import SETTING_BACKUPS_KEPT, open_store
from app.store.errors import DatabaseDamaged, NewerSchema, StoreError


def test_close_takes_an_automatic_backup_at_most_daily(tmp_path):
    store = filled_store(tmp_path)
    store.close()
    assert len(automatic_backups(store.backups_dir)) == 1
    open_store(tmp_path).close()
    assert len(automatic_backups(store.backups_dir)) == 1  # not twice the same day


def test_automatic_backups_keep_the_last_n(tmp_path):
    store = filled_store(tmp_path)
    store.set_setting(SETTING_BACKUPS_KEPT, "3")
    try:
        day = datetime(2015, 1, 1)
        for index in range(5):
            taken = automatic_backup(store, now=day + timedelta(days=index))
            assert taken is not None
            stamp = (day + timedelta(days=index)).timestamp()
            os.utime(taken, (stamp, stamp))
    finally:
        store.close(automatic_backup=False)
    kept = automatic_backups(store.backups_dir)
    assert len(kept) == 3
    again = open_store(tmp_path)
    assert automatic_backup(again, now=day + timedelta(days=4, hours=1)) is None
    again.close(automatic_backup=False)


def test_a_backup_is_a_sound_copy_with_the_data(tmp_path):
    store = filled_store(tmp_path / "donnees")
    try:
        copy = backup_now(store, tmp_path / "copie.sqlite3")
        with pytest.raises(StoreError, match="existe déjà"):
            backup_now(store, copy)
    finally:
        store.close(automatic_backup=False)
    assert sqlite.check(copy, thorough=True) is None
    assert rows(copy, "SELECT count(*) FROM candidates") == [(3,)]


def test_restore_puts_the_backup_back_after_saving_the_current_data(tmp_path):
    store = filled_store(tmp_path / "donnees")
    copy = backup_now(store, tmp_path / "copie.sqlite3")
    document = sample_data("cip-eligible")
    document["candidate"]["last_name"] = "Changé"
    save_data(store, document)
    safety = restore(store, copy)
    store.close(automatic_backup=False)
    names = rows(store.path, "SELECT last_name FROM candidates ORDER BY last_name")
    assert ("Martinez",) in names and ("Changé",) not in names
    assert ("Changé",) in rows(safety, "SELECT last_name FROM candidates")


def test_restore_refuses_a_corrupt_file(tmp_path):
    store = filled_store(tmp_path / "donnees")
    copy = backup_now(store, tmp_path / "copie.sqlite3")
    damaged = bytearray(copy.read_bytes())
    damaged[4096:8192] = os.urandom(4096)
    copy.write_bytes(bytes(damaged))
    garbage = tmp_path / "pas-une-base.sqlite3"
    garbage.write_text("bonjour", encoding="utf-8")
    try:
        for bad in (copy, garbage, tmp_path / "absent.sqlite3"):
            with pytest.raises(StoreError):
                restore(store, bad)
    finally:
        store.close(automatic_backup=False)
    assert rows(store.path, "SELECT count(*) FROM candidates") == [(3,)]


def test_restore_refuses_a_newer_schema(tmp_path):
    store = filled_store(tmp_path / "donnees")
    copy = backup_now(store, tmp_path / "copie.sqlite3")
    connection = sqlite3.connect(copy)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    try:
        with pytest.raises(NewerSchema, match="plus récente"):
            check_restorable(copy)
    finally:
        store.close(automatic_backup=False)


def test_a_damaged_file_is_moved_aside_and_the_newest_sound_backup_offered(tmp_path):
    store = filled_store(tmp_path)
    store.close()  # takes an automatic backup
    (backup,) = automatic_backups(store.backups_dir)
    original = store.path.read_bytes()
    store.path.write_bytes(b"SQLite format 3\x00" + os.urandom(len(original) - 16))
    with pytest.raises(DatabaseDamaged) as raised:
        open_store(tmp_path)
    error = raised.value
    assert error.newest_backup == backup
    assert error.moved_to.exists() and not store.path.exists()
    assert "endommagé" in str(error)
    assert f"passerelle --data-dir {tmp_path} restore {backup}" in error.for_terminal()
    # the window's words: the menu, never a command
    assert "Fichier › Restaurer une sauvegarde…" in str(error) and "--" not in str(error)
    # the next start begins afresh; the damaged file is still there, untouched
    fresh = open_store(tmp_path)
    restore(fresh, error.newest_backup)
    fresh.close(automatic_backup=False)
    assert rows(store.path, "SELECT count(*) FROM candidates") == [(3,)]
    assert error.moved_to.read_bytes()[:16] == b"SQLite format 3\x00"


def test_a_newer_database_is_not_opened(tmp_path):
    store = filled_store(tmp_path)
    store.close(automatic_backup=False)
    connection = sqlite3.connect(store.path)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    with pytest.raises(NewerSchema):
        open_store(tmp_path)
    with pytest.raises(NewerSchema):  # refused again: the lock went with the first refusal
        open_store(tmp_path)


def test_a_restore_does_not_bring_back_an_erased_candidate(tmp_path):
    from app.store.candidates import delete_candidate, find_candidate

    store = filled_store(tmp_path / "donnees")
    copy = backup_now(store, tmp_path / "avant-effacement.sqlite3")
    with store.transaction() as session:
        delete_candidate(session, find_candidate(session, "c-2014-031"), store.user)
    restore(store, copy)
    store.close(automatic_backup=False)
    refs = {ref for (ref,) in rows(store.path, "SELECT ref FROM candidates")}
    assert refs == {"c-2014-017", "c-2014-023"}
    assert rows(store.path, "SELECT count(*) FROM erasures") == [(1,)]
    assert "Lefèvre" not in str(rows(store.path, "SELECT * FROM audit_log"))


def test_restore_refuses_a_file_that_only_looks_like_a_backup(tmp_path):
    fake = tmp_path / "faux.sqlite3"
    connection = sqlite3.connect(fake)
    connection.execute("CREATE TABLE alembic_version (version_num TEXT)")
    connection.execute("INSERT INTO alembic_version VALUES ('0001')")
    connection.commit()
    connection.close()
    with pytest.raises(StoreError, match="pas une sauvegarde de Passerelle"):
        check_restorable(fake)
    with pytest.raises(StoreError, match="est un dossier"):
        check_restorable(tmp_path)
