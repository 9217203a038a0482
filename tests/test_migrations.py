"""Migrations: every fixture database (one per schema revision) upgrades to head with its
data intact; the migrations describe exactly the models."""

import shutil
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from store_helpers import SAMPLES, rows, sample_data

from app.exchange.dossier import dossier_to_data
from app.store import migrate
from app.store.candidates import existing_candidate
from app.store.database import open_store
from app.store.engine import make_engine
from app.store.mapping import dossier_of
from app.store.models import Base

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "db").glob("*.sqlite3"))


def test_there_is_a_fixture_for_every_revision():
    assert {f.stem for f in FIXTURES} == migrate.known_revisions()


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.stem)
def test_fixture_upgrades_to_head_with_its_data(tmp_path, fixture):
    folder = tmp_path / "donnees"
    folder.mkdir()
    shutil.copyfile(fixture, folder / "passerelle.sqlite3")
    store = open_store(folder)
    try:
        assert migrate.current_revision(store.engine) == migrate.head_revision()
        with store.transaction() as session:
            for name in SAMPLES:
                expected = sample_data(name)
                row = existing_candidate(
                    session, expected["structure"]["siret"], expected["candidate"]["ref"]
                )
                assert dossier_to_data(dossier_of(row)) == expected
    finally:
        store.close(automatic_backup=False)
    assert rows(store.path, "SELECT count(*) FROM milestones")[0][0] > 0
    assert rows(store.path, "PRAGMA foreign_key_check") == []
    if fixture.stem != migrate.head_revision():
        backups = list(store.backups_dir.glob("passerelle-avant-migration-*.sqlite3"))
        assert backups, "a backup is taken before any migration"


def test_a_new_database_is_created_at_head(tmp_path):
    store = open_store(tmp_path)
    store.close(automatic_backup=False)
    assert rows(store.path, "SELECT version_num FROM alembic_version") == [
        (migrate.head_revision(),)
    ]
    assert not store.backups_dir.exists() or not any(store.backups_dir.iterdir())


def test_migrations_match_the_models(tmp_path):
    engine = make_engine(tmp_path / "vide.sqlite3")
    migrate.upgrade(engine)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert differences == []


def test_an_older_database_is_backed_up_then_migrated(tmp_path):
    from alembic import command

    engine = make_engine(tmp_path / "passerelle.sqlite3")
    migrate.upgrade(engine)
    config = migrate.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    engine.dispose()
    store = open_store(tmp_path)
    store.close(automatic_backup=False)
    assert migrate.current_revision(make_engine(store.path)) == migrate.head_revision()
    (backup,) = store.backups_dir.glob("passerelle-avant-migration-vide-*.sqlite3")
    assert rows(backup, "SELECT count(*) FROM alembic_version") == [(0,)]


def test_revisions_read_from_files_agree_with_alembic():
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(migrate.alembic_config())
    assert migrate.head_revision() == scripts.get_current_head()
    assert migrate.known_revisions() == {s.revision for s in scripts.walk_revisions()}


def test_a_migration_cut_short_leaves_no_half_built_schema(tmp_path, monkeypatch):
    from alembic import command

    real_upgrade = command.upgrade

    def upgrade_then_fail(config, revision):
        real_upgrade(config, revision)
        raise KeyboardInterrupt  # the process is stopped before the commit

    monkeypatch.setattr(command, "upgrade", upgrade_then_fail)
    engine = make_engine(tmp_path / "passerelle.sqlite3")
    with pytest.raises(KeyboardInterrupt):
        migrate.upgrade(engine)
    engine.dispose()
    assert (
        rows(tmp_path / "passerelle.sqlite3", "SELECT name FROM sqlite_master WHERE type = 'table'")
        == []
    )
    monkeypatch.setattr(command, "upgrade", real_upgrade)
    open_store(tmp_path).close(automatic_backup=False)  # the next start builds it whole


def test_a_protected_older_folder_is_migrated_encrypted(tmp_path):
    """A protected folder at revision 0005 (tests/fixtures/db-protected) opens with its
    passphrase, is backed up (encrypted, with its key file) and migrated to head, its
    samples intact and nothing in clear."""
    from app.store import cipher
    from app.store.backup_files import key_file_beside
    from app.store.keyfile import KEY_FILE_NAME
    from tests.fixtures.make_protected_fixture import PASSPHRASE, REVISION

    fixtures = Path(__file__).parent / "fixtures" / "db-protected"
    folder = tmp_path / "protegees"
    folder.mkdir()
    shutil.copyfile(fixtures / f"{REVISION}.sqlite3", folder / "passerelle.sqlite3")
    shutil.copyfile(fixtures / f"{REVISION}.key", folder / KEY_FILE_NAME)
    cipher.unlock(folder, PASSPHRASE)
    try:
        store = open_store(folder)
        try:
            assert migrate.current_revision(store.engine) == migrate.head_revision()
            with store.transaction() as session:
                for name in SAMPLES:
                    expected = sample_data(name)
                    row = existing_candidate(
                        session, expected["structure"]["siret"], expected["candidate"]["ref"]
                    )
                    assert dossier_to_data(dossier_of(row)) == expected
        finally:
            store.close(automatic_backup=False)
        (backup,) = store.backups_dir.glob("passerelle-avant-migration-*.sqlite3")
        assert key_file_beside(backup).is_file()
        for path in folder.rglob("*"):
            if path.is_file():
                assert b"SQLite format 3" not in path.read_bytes(), path
    finally:
        cipher._KEYS.clear()
