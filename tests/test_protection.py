"""Data at rest: a protected data folder is encrypted (database, WAL, backups), opens only
with its passphrase or recovery code, tells a wrong passphrase from a damaged file, keeps
its backups restorable, and converts a plain folder with nothing lost; the command line's
exit codes. Real SQLCipher files in tmp_path."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from store_helpers import filled_store

from app.store import cipher
from app.store.database import open_store
from app.store.errors import DataLocked
from app.store.keyfile import KEY_FILE_NAME, WrongSecret, read_key_file
from app.store.protection import ProtectionError, change_passphrase, protect, unprotect

ROOT = Path(__file__).resolve().parent.parent
PASSPHRASE = "un mot de passe solide"
NAMES = (b"Martinez", "Éloïse".encode(), b"Lef\xc3\xa8vre")


def passerelle(folder: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    return subprocess.run(
        [sys.executable, "-m", "passerelle", "--data-dir", str(folder), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=120,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
    )


def plain_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "donnees"
    store = filled_store(folder)
    from app.store.backups import backup_now

    backup_now(store)
    store.close()  # with its automatic backup
    return folder


def files_in(folder: Path) -> list[Path]:
    return [path for path in sorted(folder.rglob("*")) if path.is_file()]


def assert_nothing_in_clear(folder: Path) -> None:
    for path in files_in(folder):
        data = path.read_bytes()
        assert b"SQLite format 3" not in data, path
        for name in NAMES:
            assert name not in data, (path, name)


def exported(folder: Path, tmp_path: Path, name: str, *extra: str) -> dict:
    out = tmp_path / f"{name}.json"
    done = passerelle(folder, *extra, "export", "--candidate", "c-2014-017", "--json", str(out))
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    data.pop("exported_at")
    return data


@pytest.fixture(autouse=True)
def forget_keys():
    yield
    cipher._KEYS.clear()


def test_a_protected_folder_has_nothing_in_clear_and_nothing_lost(tmp_path):
    folder = plain_folder(tmp_path)
    before = exported(folder, tmp_path, "avant")
    report = protect(folder, PASSPHRASE)
    assert report.recovery_code and len(report.converted) == 2 and not report.removed
    assert (folder / KEY_FILE_NAME).is_file()
    store = open_store(folder)  # unlocked by protect, in this process
    with store.transaction() as session:
        from store_helpers import sample

        from app.store.candidates import save_dossier

        save_dossier(session, sample("cip-eligible"), store.user)  # the WAL is written
    assert Path(f"{store.path}-wal").exists()
    assert_nothing_in_clear(folder)  # database, WAL, -shm, backups, key file
    store.close()
    assert_nothing_in_clear(folder)
    code_text = report.recovery_code
    key_text = (folder / KEY_FILE_NAME).read_text(encoding="utf-8")
    assert code_text not in key_text and PASSPHRASE not in key_text
    password = tmp_path / "mdp.txt"
    password.write_text(PASSPHRASE + "\n", encoding="utf-8")
    after = exported(folder, tmp_path, "apres", "--data-password-file", str(password))
    assert after == before


def test_a_wrong_passphrase_is_not_a_damaged_file(tmp_path):
    folder = plain_folder(tmp_path)
    protect(folder, PASSPHRASE)
    cipher.lock(folder)
    with pytest.raises(DataLocked):
        open_store(folder)
    with pytest.raises(WrongSecret, match="Mot de passe incorrect"):
        cipher.unlock(folder, "pas le bon mot de passe")
    assert (folder / "passerelle.sqlite3").exists()  # nothing moved aside, nothing changed
    bad = tmp_path / "mauvais.txt"
    bad.write_text("pas le bon mot de passe", encoding="utf-8")
    wrong = passerelle(folder, "--data-password-file", str(bad), "backup")
    assert wrong.returncode == 3 and "Mot de passe incorrect" in wrong.stderr
    none = passerelle(folder, "backup")
    assert none.returncode == 3 and "--data-password-file" in none.stderr
    # a damaged file, with the right passphrase: said as damaged, not as a wrong password
    database = folder / "passerelle.sqlite3"
    data = bytearray(database.read_bytes())
    data[5000:9000] = b"\x00" * 4000
    database.write_bytes(bytes(data))
    good = tmp_path / "bon.txt"
    good.write_text(PASSPHRASE, encoding="utf-8")
    damaged = passerelle(folder, "--data-password-file", str(good), "backup")
    assert damaged.returncode == 3, damaged.stderr
    assert "Mot de passe incorrect" not in damaged.stderr
    assert "abîm" in damaged.stderr or "endommag" in damaged.stderr


def test_passphrase_change_and_recovery_code(tmp_path):
    folder = plain_folder(tmp_path)
    report = protect(folder, PASSPHRASE)
    cipher.lock(folder)
    change_passphrase(folder, "nouveau mot de passe", current=PASSPHRASE)
    cipher.lock(folder)
    with pytest.raises(WrongSecret):
        cipher.unlock(folder, PASSPHRASE)
    cipher.unlock(folder, "nouveau mot de passe")
    cipher.lock(folder)
    # the passphrase forgotten: the recovery code, typed in lower case with spaces
    typed = report.recovery_code.lower().replace("-", " ")
    change_passphrase(folder, "encore un autre", code=typed)
    cipher.lock(folder)
    cipher.unlock(folder, "encore un autre")
    store = open_store(folder)
    with store.transaction() as session:
        from app.store.models import CandidateRow

        assert session.query(CandidateRow).count() == 3
    store.close(automatic_backup=False)
    with pytest.raises(ProtectionError, match="au moins"):
        change_passphrase(folder, "court", current="encore un autre")


def test_backups_stay_restorable_with_the_key_file_they_carry(tmp_path):
    from app.store.backup_files import key_file_beside
    from app.store.backups import backup_now, restore

    folder = plain_folder(tmp_path)
    protect(folder, PASSPHRASE)
    store = open_store(folder)
    copy = backup_now(store)
    assert key_file_beside(copy).is_file()
    assert read_key_file(key_file_beside(copy)).open_with_passphrase(PASSPHRASE)
    from app.store.candidates import find_candidate

    with store.transaction() as session:
        find_candidate(session, "c-2014-031").job_title = "Changé après la copie"
    restore(store, copy)  # an older backup, with the key it carries
    with store.transaction() as session:
        assert find_candidate(session, "c-2014-031").job_title != "Changé après la copie"
    store.close(automatic_backup=False)
    assert_nothing_in_clear(folder)


def test_unprotect_gives_a_plain_folder_back(tmp_path):
    folder = plain_folder(tmp_path)
    before = exported(folder, tmp_path, "avant")
    protect(folder, PASSPHRASE)
    cipher.lock(folder)
    with pytest.raises(WrongSecret):
        unprotect(folder, "pas le bon mot de passe")
    unprotect(folder, PASSPHRASE)
    assert not (folder / KEY_FILE_NAME).exists()
    assert (folder / "passerelle.sqlite3").read_bytes().startswith(b"SQLite format 3")
    assert exported(folder, tmp_path, "apres") == before


def test_the_command_line_protects_and_writes_the_recovery_sheet(tmp_path):
    folder = plain_folder(tmp_path)
    password = tmp_path / "mdp.txt"
    password.write_text(PASSPHRASE, encoding="utf-8")
    short = tmp_path / "court.txt"
    short.write_text("court", encoding="utf-8")
    refused = passerelle(folder, "protect", "--password-file", str(short))
    assert refused.returncode == 2 and "au moins" in refused.stderr
    assert not (folder / KEY_FILE_NAME).exists()
    sheet = tmp_path / "fiche.pdf"
    done = passerelle(folder, "protect", "--password-file", str(password), "--sheet", str(sheet))
    assert done.returncode == 0, done.stderr
    assert str(sheet) in done.stdout and "BitLocker" in done.stdout
    document = pdfium.PdfDocument(str(sheet))
    text = document[0].get_textpage().get_text_range()
    document.close()
    flat = " ".join(text.split())
    assert "Fiche de secours" in flat and f"Dossier des données : {folder}" in flat
    code = next(line for line in text.splitlines() if line.count("-") == 5).strip()
    new = tmp_path / "nouveau.txt"
    new.write_text("un tout nouveau mot de passe", encoding="utf-8")
    changed = passerelle(
        folder, "protect", "--change", "--recovery-code", code, "--password-file", str(new)
    )
    assert changed.returncode == 0, changed.stderr
    listed = passerelle(folder, "--data-password-file", str(new), "groups", "list")
    assert listed.returncode == 0, listed.stderr
    env = {"PASSERELLE_DATA_PASSWORD_FILE": str(new)}
    assert passerelle(folder, "backup", env=env).returncode == 0
    kept = passerelle(folder, "--data-password-file", str(new), "unprotect")
    assert kept.returncode == 1 and (folder / KEY_FILE_NAME).exists()  # no terminal: asks no
    assert_nothing_in_clear(folder)


def test_an_older_backup_opens_elsewhere_with_the_passphrase_of_its_day(tmp_path):
    """A backup carries the key file in force when it was made: on another computer, it
    is a data folder of its own (the backup as passerelle.sqlite3, its key file as
    passerelle.key), opened with the passphrase of its day, even after a change."""
    import shutil

    from app.store.backup_files import key_file_beside
    from app.store.backups import backup_now

    folder = plain_folder(tmp_path)
    protect(folder, PASSPHRASE)
    store = open_store(folder)
    copy = backup_now(store)
    store.close(automatic_backup=False)
    change_passphrase(folder, "le mot de passe d'après", current=PASSPHRASE)
    elsewhere = tmp_path / "autre-ordinateur"
    elsewhere.mkdir()
    shutil.copyfile(copy, elsewhere / "passerelle.sqlite3")
    shutil.copyfile(key_file_beside(copy), elsewhere / KEY_FILE_NAME)
    with pytest.raises(WrongSecret):
        cipher.unlock(elsewhere, "le mot de passe d'après")
    cipher.unlock(elsewhere, PASSPHRASE)
    other = open_store(elsewhere)
    with other.transaction() as session:
        from app.store.models import CandidateRow

        assert session.query(CandidateRow).count() == 3
    other.close(automatic_backup=False)


def test_every_sqlite_failure_of_a_protected_folder_is_caught_as_sqlites(tmp_path):
    """sqlcipher3's exceptions are not sqlite3's: an interrupted query of the list (a newer
    keystroke), a refused statement and a damaged file all come as the errors the code
    catches (app/store/cipher: SQLITE_ERRORS, OPERATIONAL_ERRORS, DATABASE_ERRORS)."""
    import threading
    import time

    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    from app.store.listing import Listing

    folder = plain_folder(tmp_path)
    protect(folder, PASSPHRASE)
    listing = Listing.open(folder / "passerelle.sqlite3")
    slow = (
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000000) "
        "SELECT count(*) FROM n"
    )
    caught: list[Exception] = []

    def run() -> None:
        try:
            listing._connection.execute(slow).fetchone()
        except cipher.OPERATIONAL_ERRORS as error:  # what candidate_list_model catches
            caught.append(error)

    worker = threading.Thread(target=run)
    worker.start()
    time.sleep(0.2)
    listing.interrupt()
    worker.join(timeout=30)
    listing.close()
    assert caught and type(caught[0]).__module__.startswith("sqlcipher3")
    store = open_store(folder)
    with pytest.raises(DBAPIError) as refused, store.engine.connect() as connection:
        connection.execute(text("SELECT * FROM pas_de_table"))
    assert isinstance(refused.value.orig, cipher.SQLITE_ERRORS)
    store.close(automatic_backup=False)
    from app.store import sqlite

    database = folder / "passerelle.sqlite3"
    data = bytearray(database.read_bytes())
    data[1024:4096] = b"\xff" * 3072
    database.write_bytes(bytes(data))
    assert sqlite.check(database) is not None  # said damaged, never raised unhandled


def test_review_fixes_key_file_lost_backups_elsewhere_and_typed_passphrases(tmp_path):
    """A lost key file is said (nothing moved aside, no new database); a backup kept
    elsewhere restores into its own folder; a plain backup is refused in a protected
    folder with the right words; a damaged key file is refused in French; a password
    file with a BOM (Notepad) and a passphrase typed in another Unicode form both open."""
    import shutil
    import unicodedata

    from app.store.backups import backup_now, restore
    from app.store.errors import KeyFileMissing, StoreError
    from app.store.keyfile import KeyFileError

    folder = plain_folder(tmp_path)
    plain_copy = tmp_path / "en-clair.sqlite3"
    shutil.copyfile(
        folder
        / "sauvegardes"
        / sorted(p.name for p in (folder / "sauvegardes").glob("*.sqlite3"))[0],
        plain_copy,
    )
    passphrase = unicodedata.normalize("NFC", "mot de passe élève")
    protect(folder, passphrase)
    store = open_store(folder)
    elsewhere = backup_now(store, tmp_path / "cle-usb.sqlite3")
    restore(store, elsewhere)  # the same data key: restored in place
    with pytest.raises(StoreError, match="n'est pas chiffrée"):
        restore(store, plain_copy)
    store.close(automatic_backup=False)
    cipher.lock(folder)
    cipher.unlock(folder, unicodedata.normalize("NFD", passphrase))  # typed on a Mac
    cipher.lock(folder)
    bom = tmp_path / "bom.txt"
    bom.write_bytes("\ufeff".encode() + passphrase.encode() + b"\r\n")
    done = passerelle(folder, "--data-password-file", str(bom), "backup")
    assert done.returncode == 0, done.stderr
    assert "hmac" not in done.stderr  # SQLCipher's own English log silenced
    key = folder / KEY_FILE_NAME
    kept = key.read_bytes()
    key.unlink()
    with pytest.raises(KeyFileMissing):
        open_store(folder)
    lost = passerelle(folder, "backup")
    assert lost.returncode == 3 and "passerelle.key" in lost.stderr
    assert not list(folder.glob("*.endommage-*"))  # nothing moved aside
    data = json.loads(kept)
    data["passphrase"]["salt"] = "AAAA"
    key.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(KeyFileError, match="abîmé"):
        cipher.unlock(folder, passphrase)
