"""`passerelle protect` (turn protection on, or `--change` the passphrase), `passerelle
unprotect`, and the unlocking of a protected data folder for every other command
(`--data-password-file` or $PASSERELLE_DATA_PASSWORD_FILE)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from app.cli.exits import EXIT_BAD_INPUT, EXIT_CANCELLED, EXIT_OK, EXIT_UNAVAILABLE
from app.cli.passwords import (
    PasswordFileError,
    data_password_file,
    read_data_password,
    read_new_passphrase,
)
from app.cli.terminal import ask, say, warn
from app.store.paths import data_dir


def unlock_for_command(args: argparse.Namespace, folder: Path) -> int | None:
    """Unlocks a protected folder with the data password file; an exit code when it
    cannot be (exit 3: nothing read nor written), None when the command may go on."""
    from app.store.cipher import is_protected, unlock, unlocked
    from app.store.errors import DataLocked
    from app.store.keyfile import KeyFileError, WrongSecret

    if not is_protected(folder) or unlocked(folder):
        return None
    try:
        passphrase = read_data_password(data_password_file(args.data_password_file))
    except PasswordFileError as error:
        warn(f"{error} Rien n'a été lu ni écrit.")
        return EXIT_UNAVAILABLE
    if passphrase is None:
        warn(DataLocked(folder).for_terminal())
        return EXIT_UNAVAILABLE
    try:
        unlock(folder, passphrase)
    except WrongSecret:
        warn(DataLocked(folder, wrong=True).for_terminal())
        return EXIT_UNAVAILABLE
    except KeyFileError as error:
        warn(f"{error} Rien n'a été lu ni écrit.")
        return EXIT_UNAVAILABLE
    return None


def _owner(folder: Path) -> str:
    from app.store.database import open_store
    from app.store.structure import current_setup
    from app.store.workspace import current_coorace_setup

    store = open_store(folder)
    try:
        setup = current_setup(store)
        if setup is not None:
            return setup.structure.name
        coorace = current_coorace_setup(store)
        return coorace.service if coorace else "Passerelle"
    finally:
        store.close(automatic_backup=False)


def protect_command(args: argparse.Namespace) -> int:
    from app.export.recovery_sheet import RecoverySheet, write_recovery_sheet
    from app.store.errors import StoreError
    from app.store.keyfile import KeyFileError, WrongSecret
    from app.store.protection import DISK_NOTE, change_passphrase, protect

    folder = data_dir(args.data_dir)
    try:
        passphrase = read_new_passphrase(args.password_file)
    except PasswordFileError as error:
        warn(f"{error} Rien n'a été changé.")
        return EXIT_BAD_INPUT
    if args.change:
        try:
            current = None
            if args.recovery_code is None:
                current = read_data_password(data_password_file(args.data_password_file))
                if current is None:
                    warn(
                        "Donnez le mot de passe actuel (--data-password-file) ou le code de "
                        "secours (--recovery-code). Rien n'a été changé."
                    )
                    return EXIT_BAD_INPUT
            change_passphrase(folder, passphrase, current, args.recovery_code)
        except PasswordFileError as error:
            warn(f"{error} Rien n'a été changé.")
            return EXIT_BAD_INPUT
        except WrongSecret as error:
            warn(f"{error} Rien n'a été changé.")
            return EXIT_UNAVAILABLE
        except (KeyFileError, StoreError) as error:
            warn(f"{error}")
            return EXIT_BAD_INPUT
        say("Mot de passe changé : seul le fichier de clé a été réécrit (le code de secours "
            "reste le même).")  # fmt: skip
        return EXIT_OK
    sheet = Path(args.sheet or f"fiche-de-secours-passerelle-{date.today():%Y%m%d}.pdf")
    if sheet.exists() or not sheet.parent.is_dir():
        warn(f"La fiche de secours ne peut pas être écrite en {sheet} : rien n'a été changé.")
        return EXIT_BAD_INPUT
    try:
        report = protect(folder, passphrase)
    except StoreError as error:
        warn(error.for_terminal())
        return EXIT_BAD_INPUT
    written = write_recovery_sheet(
        RecoverySheet(_owner(folder), folder.resolve(), report.recovery_code or "", date.today()),
        sheet,
    )
    say(f"Données protégées par mot de passe : {folder}")
    say(f"Fiche de secours écrite : {written.resolve()} — imprimez-la, rangez-la sous clé, "
        "puis effacez le fichier.")  # fmt: skip
    if report.converted:
        say(f"{len(report.converted)} sauvegarde(s) chiffrée(s) avec elles.")
    for removed in report.removed:
        say(f"Supprimé (il aurait gardé des données en clair) : {removed.name}")
    say(DISK_NOTE)
    return EXIT_OK


def unprotect_command(args: argparse.Namespace) -> int:
    from app.store.errors import StoreError
    from app.store.keyfile import KeyFileError, WrongSecret
    from app.store.protection import DISK_NOTE, unprotect

    folder = data_dir(args.data_dir)
    try:
        passphrase = read_data_password(data_password_file(args.data_password_file))
    except PasswordFileError as error:
        warn(f"{error} Rien n'a été changé.")
        return EXIT_BAD_INPUT
    if passphrase is None:
        warn("Donnez le mot de passe des données (--data-password-file). Rien n'a été changé.")
        return EXIT_BAD_INPUT
    question = (
        f"Retirer la protection de {folder} ? La base et ses sauvegardes seront lisibles par "
        "quiconque copie le dossier."
    )
    if not args.yes and not ask(question):
        warn("Rien n'a été changé (confirmez, ou ajoutez --yes).")
        return EXIT_CANCELLED
    try:
        report = unprotect(folder, passphrase)
    except WrongSecret as error:
        warn(f"{error} Rien n'a été changé.")
        return EXIT_UNAVAILABLE
    except (KeyFileError, StoreError) as error:
        warn(str(error))
        return EXIT_BAD_INPUT
    say(f"Protection retirée : {folder} ({len(report.converted)} sauvegarde(s) en clair).")
    say(DISK_NOTE)
    return EXIT_OK
