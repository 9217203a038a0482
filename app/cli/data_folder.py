"""The `passerelle` commands that read or write the data folder: import, export, access,
delete, backup, restore, settings, catalogue import / restore. Their files are read before
the folder is opened; the folder is opened (locked) for the command, then closed with its
automatic backup. Exit codes (app/cli/exits.py): 0 done, 1 cancelled by the user, 2 bad
input (nothing written), 3 data folder unavailable (busy, damaged, newer)."""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable
from pathlib import Path

from app.cli.backups import backup_command, restore_command
from app.cli.catalogue import catalogue_command, check_catalogue_file
from app.cli.dossiers import access_command, delete_command, export_command
from app.cli.exits import EXIT_BAD_INPUT, EXIT_UNAVAILABLE
from app.cli.follow_up import (
    admissibility_command,
    close_command,
    documents_command,
    resume_command,
)
from app.cli.groups import groups_command
from app.cli.imports import import_command, read_import_files
from app.cli.settings import settings_command
from app.cli.terminal import warn
from app.store.database import Store, open_store
from app.store.errors import StoreError
from app.store.oserrors import sentence
from app.store.paths import DATABASE_NAME, data_dir

COMMANDS: dict[str, Callable[[Store, argparse.Namespace], int]] = {
    "import": import_command,
    "export": export_command,
    "access": access_command,
    "delete": delete_command,
    "backup": backup_command,
    "restore": restore_command,
    "settings": settings_command,
    "catalogue": catalogue_command,
    "groups": groups_command,
    "close": close_command,
    "resume": resume_command,
    "documents": documents_command,
    "admissibility": admissibility_command,
}


def _database_error(error: Exception, folder: Path) -> int:
    """A database failure after opening, told in French: without the SQL or its values
    (they may hold personal data), and without SQLite's English words."""
    from app.store.sqlite import database_failure

    warn(database_failure(error, folder / DATABASE_NAME).for_terminal())
    return EXIT_UNAVAILABLE


def run_store_command(args: argparse.Namespace) -> int:
    """Runs a data-folder command; every failure is a French message and an exit code."""
    from sqlalchemy.exc import DBAPIError

    from app.store import cipher

    if args.command == "import":
        refused = read_import_files(args)
        if refused is not None:
            return refused
    if args.command == "catalogue":
        refused = check_catalogue_file(args)
        if refused is not None:
            return refused
    folder = data_dir(args.data_dir)
    from app.cli.protection import unlock_for_command

    refused = unlock_for_command(args, folder)  # a protected folder: its passphrase first
    if refused is not None:
        return refused
    if args.command == "groups" and not (folder / DATABASE_NAME).exists():
        # the groups read what a data folder holds: none here, and none is made
        warn(
            f"Aucune donnée dans {folder} : importez d'abord les dossiers reçus "
            "(passerelle import DOSSIER). Rien n'a été écrit."
        )
        return EXIT_UNAVAILABLE
    simulation = args.command == "import" and args.dry_run
    with tempfile.TemporaryDirectory(prefix="passerelle-simulation-") as scratch:
        if simulation and not (folder / DATABASE_NAME).exists():
            folder = Path(scratch)  # a simulation on no data: simulate on empty data
        try:
            store = open_store(folder)
        except StoreError as error:
            warn(error.for_terminal())
            return EXIT_UNAVAILABLE
        try:
            return COMMANDS[args.command](store, args)
        except StoreError as error:
            warn(error.for_terminal())
            return EXIT_BAD_INPUT
        except (DBAPIError, *cipher.SQLITE_ERRORS) as error:
            return _database_error(error, folder)
        except OSError as error:
            warn(f"Écriture impossible : {sentence(error)}. Rien n'a été modifié.")
            return EXIT_BAD_INPUT
        finally:
            warning = store.close(automatic_backup=not simulation)
            if warning:
                warn(warning)
