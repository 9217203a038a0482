"""Words that fit where they are read: the window never tells a counsellor to use a
command-line option (every StoreError, the damaged catalogue, the protected PDF), while
the commands keep theirs; SQLite's English never inside a French sentence (real SQLite
failures, mapped to French)."""

import importlib
import pkgutil
import re
import sqlite3
import tempfile
from pathlib import Path

import pytest

import app.store
from app.consolidation.groups import GroupError, find_group
from app.store import errors, sqlite
from app.store.catalogue_in_use import read_catalogue_in_use
from app.store.closures import ClosureError
from app.store.documents import DocumentError
from app.store.errors import StoreError
from app.store.paths import CATALOGUE_NAME
from app.store.protection import ProtectionError
from app.store.sent import choose_path

FOLDER = Path("/données/Passerelle")
BACKUP = FOLDER / "sauvegardes" / "passerelle-auto-20150115-101500-000000.sqlite3"
# every StoreError there is, built as the store builds it
MADE = {
    errors.StoreBusy: lambda: errors.StoreBusy(FOLDER),
    errors.DatabaseInUse: lambda: errors.DatabaseInUse(FOLDER / "passerelle.sqlite3"),
    errors.DataDirUnusable: lambda: errors.DataDirUnusable(FOLDER, "accès refusé"),
    errors.DatabaseDamaged: lambda: errors.DatabaseDamaged(
        "le fichier est abîmé", FOLDER / "passerelle.sqlite3.endommage-1", BACKUP, FOLDER
    ),
    errors.NewerSchema: lambda: errors.NewerSchema(FOLDER / "passerelle.sqlite3", "9999"),
    errors.CandidateNotFound: lambda: errors.CandidateNotFound("c-2014-017"),
    errors.AmbiguousCandidate: lambda: errors.AmbiguousCandidate("c-1", ["1", "2"]),
    errors.DiskFull: errors.DiskFull,
    errors.DataReadOnly: lambda: errors.DataReadOnly(FOLDER),
    errors.DatabaseCorrupt: lambda: errors.DatabaseCorrupt(FOLDER / "x.sqlite3", "abîmé"),
    errors.DiskError: lambda: errors.DiskError(FOLDER / "passerelle.sqlite3"),
    errors.DatabaseRefused: lambda: errors.DatabaseRefused("erreur SQLite n° 19"),
    sqlite.CopyFailed: lambda: sqlite.CopyFailed(BACKUP, OSError(28, "No space left")),
    GroupError: lambda: find_group_error("Groupe Bretagne"),
    errors.DataLocked: lambda: errors.DataLocked(FOLDER),
    errors.KeyFileMissing: lambda: errors.KeyFileMissing(FOLDER),
    ProtectionError: lambda: ProtectionError("Mot de passe refusé : trop court."),
    ClosureError: lambda: ClosureError("La candidature CIP n'est pas close."),
    DocumentError: lambda: DocumentError("Une pièce jointe va avec une pièce fournie."),
}
# what the commands say instead, where they have a command to give
TERMINAL_ONLY = {
    GroupError: "voyez passerelle groups list",
    errors.DataLocked: "--data-password-file",
    errors.DataDirUnusable: "Choisissez-en un autre avec --data-dir",
    errors.DatabaseDamaged: f"lancez « passerelle --data-dir {FOLDER} restore {BACKUP} »",
    errors.AmbiguousCandidate: "précisez --siret",
}


def find_group_error(key: str) -> GroupError:
    """The error a group not found gives (the window and the commands look groups up)."""
    from app.store.database import open_store

    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder))
        try:
            with store.transaction() as session:
                try:
                    find_group(session, key)
                except GroupError as error:
                    return error
        finally:
            store.close(automatic_backup=False)
    raise AssertionError("a group found in an empty folder")


A_COMMAND = re.compile(r"--[a-z]|\bpasserelle [a-z-]")  # an option, or « passerelle import »


def every_store_error() -> set[type]:
    for module in pkgutil.iter_modules(app.store.__path__, "app.store."):
        if not module.ispkg:  # the migrations are Alembic's scripts
            importlib.import_module(module.name)
    found, waiting = set(), [StoreError]
    while waiting:
        for subclass in waiting.pop().__subclasses__():
            found.add(subclass)
            waiting.append(subclass)
    return found


def test_no_store_error_tells_the_window_to_use_a_command():
    assert every_store_error() == set(MADE), "a StoreError to add to MADE"
    for made in MADE.values():
        error = made()
        assert not A_COMMAND.search(str(error)), str(error)
    for kind, command in TERMINAL_ONLY.items():
        error = MADE[kind]()
        assert command in error.for_terminal() and command not in str(error)
    damaged = MADE[errors.DatabaseDamaged]()
    assert "Fichier › Restaurer une sauvegarde…" in str(damaged)
    assert "Fermez Passerelle" in str(MADE[errors.DataDirUnusable]())
    with pytest.raises(StoreError) as both:
        choose_path(["cip", "cisp"], None, "Éloïse Martinez")
    assert not A_COMMAND.search(str(both.value))
    assert "--path cip ou --path cisp" in both.value.for_terminal()


def test_a_damaged_catalogue_is_mended_from_the_menu_in_the_window(tmp_path):
    (tmp_path / CATALOGUE_NAME).write_text("pas du JSON", encoding="utf-8")
    in_use = read_catalogue_in_use(tmp_path)
    assert "Outils › Catalogue des formations" in in_use.problem
    assert not A_COMMAND.search(in_use.problem)
    assert "« passerelle catalogue restore »" in in_use.terminal_problem


def test_a_protected_pdf_names_the_option_for_the_command_line_only(qtbot, tmp_path):
    from app.export.attachment import PasswordNeeded
    from ui.dialogs import pdf_password
    from ui.dialogs.pdf_password import PdfPasswordDialog

    error = PasswordNeeded(tmp_path / "dossier.pdf", wrong=False)
    assert "(option --password-file)" in str(error.problems[0])
    dialog = PdfPasswordDialog(tmp_path / "dossier.pdf", wrong=True)
    qtbot.addWidget(dialog)
    from PySide6.QtWidgets import QLabel

    shown = [label.text() for label in dialog.findChildren(QLabel)]
    assert "&Mot de passe du PDF :" in shown and pdf_password.WRONG in shown
    assert not any(A_COMMAND.search(text) for text in [*shown, dialog.windowTitle()])


# SQLite's failures, provoked for real where they can be, and what is said of them


def _full(tmp_path: Path) -> sqlite3.Error:
    connection = sqlite3.connect(tmp_path / "plein.sqlite3")
    connection.execute("CREATE TABLE t (x BLOB)")
    connection.commit()
    (pages,) = connection.execute("PRAGMA page_count").fetchone()
    connection.execute(f"PRAGMA max_page_count = {pages + 1}")
    try:
        connection.execute("INSERT INTO t VALUES (zeroblob(100000))")
    except sqlite3.Error as error:
        return error
    finally:
        connection.close()
    raise AssertionError("the database should be full")


def _read_only(tmp_path: Path) -> sqlite3.Error:
    path = tmp_path / "lecture.sqlite3"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        connection.execute("INSERT INTO t VALUES (1)")
    except sqlite3.Error as error:
        return error
    finally:
        connection.close()
    raise AssertionError("the file should be read-only")


def _locked(tmp_path: Path) -> sqlite3.Error:
    path = tmp_path / "occupe.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    other = sqlite3.connect(path, timeout=0)
    try:
        other.execute("INSERT INTO t VALUES (1)")
    except sqlite3.Error as error:
        return error
    finally:
        other.close()
        holder.execute("ROLLBACK")
        holder.close()
    raise AssertionError("the file should be locked")


def _not_a_database(tmp_path: Path) -> sqlite3.Error:
    path = tmp_path / "pas-une-base.sqlite3"
    path.write_bytes(b"bonjour" * 1000)
    connection = sqlite3.connect(path)
    try:
        connection.execute("SELECT * FROM sqlite_master")
    except sqlite3.Error as error:
        return error
    finally:
        connection.close()
    raise AssertionError("the file should not be a database")


def _constraint(tmp_path: Path) -> sqlite3.Error:
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE t (x UNIQUE)")
    connection.execute("INSERT INTO t VALUES (1)")
    try:
        connection.execute("INSERT INTO t VALUES (1)")
    except sqlite3.Error as error:
        return error
    finally:
        connection.close()
    raise AssertionError("the constraint should refuse")


def _io_error(tmp_path: Path) -> sqlite3.Error:
    """A disk I/O error cannot be provoked here: SQLite's own, as the module raises it."""
    error = sqlite3.OperationalError("disk I/O error")
    error.sqlite_errorcode = 778  # SQLITE_IOERR_WRITE
    error.sqlite_errorname = "SQLITE_IOERR_WRITE"
    return error


DATABASE = FOLDER / "passerelle.sqlite3"
SAID = {
    _full: "Le disque est plein : libérez de la place, puis recommencez. Rien n'a été modifié.",
    _read_only: f"Le dossier de données {FOLDER} est en lecture seule",
    _locked: f"Le fichier de données {DATABASE} est occupé par un autre programme",
    _not_a_database: f"Le fichier de données {DATABASE} est endommagé (son en-tête n'est pas",
    _io_error: f"Le disque a signalé une erreur d'entrée-sortie sur {DATABASE}",
    _constraint: "La base de données a refusé l'opération (erreur SQLite n° 19). Rien n'a",
}


@pytest.mark.parametrize("provoke", list(SAID), ids=lambda f: f.__name__.strip("_"))
def test_sqlite_failures_are_said_in_french(tmp_path, provoke):
    error = provoke(tmp_path)
    english = str(error)
    failure = sqlite.database_failure(error, DATABASE)
    assert str(failure).startswith(SAID[provoke])
    for said in (str(failure), failure.for_terminal(), sqlite.reason(error)):
        assert english not in said and "SQLite répond" not in said
    if provoke is not _constraint:  # told by its code alone: its words are not known
        # the same from its words alone, as an error without its code would be
        bare = type(error)(english)
        assert str(sqlite.database_failure(bare, DATABASE)).startswith(SAID[provoke])


def test_the_commands_say_a_full_disk_in_french(tmp_path, capsys):
    """SQLAlchemy's own error, from a database really full, as `passerelle` tells it."""
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    from app.cli.data_folder import _database_error
    from app.store.engine import make_engine

    engine = make_engine(tmp_path / "passerelle.sqlite3")
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE t (x BLOB)"))
        with pytest.raises(OperationalError) as raised, engine.begin() as connection:
            (pages,) = connection.execute(text("PRAGMA page_count")).one()
            connection.execute(text(f"PRAGMA max_page_count = {pages + 1}"))
            connection.execute(text("INSERT INTO t VALUES (zeroblob(100000))"))
    finally:
        engine.dispose()
    assert "database or disk is full" in str(raised.value)
    assert _database_error(raised.value, tmp_path) == 3
    said = capsys.readouterr().err
    assert said == (
        "Le disque est plein : libérez de la place, puis recommencez. Rien n'a été modifié.\n"
    )


def test_an_unsound_file_is_told_without_sqlite_english(tmp_path):
    """SQLite's integrity check finds a NULL where the schema now forbids it: its English
    finding (« NULL value in t.x ») is counted, not quoted."""
    path = tmp_path / "abimee.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE t (x)")
    connection.execute("INSERT INTO t VALUES (NULL)")
    connection.commit()
    connection.execute("PRAGMA writable_schema = ON")
    connection.execute("UPDATE sqlite_master SET sql = 'CREATE TABLE t (x NOT NULL)'")
    connection.commit()
    connection.close()
    assert sqlite.check(path, thorough=True) == "le contrôle d'intégrité relève 1 problème"
