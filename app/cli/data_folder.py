"""The `passerelle` commands that read or write the data folder: import, export, access,
delete, backup, restore, settings, catalogue import / restore. Exit codes: 0 done,
1 cancelled by the user, 2 bad input (nothing written), 3 data folder unavailable (busy,
damaged, newer)."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from app.cli import EXIT_BAD_INPUT, EXIT_CANCELLED, EXIT_OK, EXIT_UNAVAILABLE, refused_file
from app.domain import Catalogue
from app.exchange.problems import ExchangeError
from app.store.database import SETTINGS, Store, open_store
from app.store.errors import DatabaseInUse, StoreError
from app.store.oserrors import sentence
from app.store.paths import DATABASE_NAME, data_dir


def say(line: str = "") -> None:
    print(line)


def warn(line: str) -> None:
    print(line, file=sys.stderr)


def ask(question: str) -> bool:
    """Asks a yes/no question on the terminal; with no terminal, the answer is no."""
    if not sys.stdin.isatty():
        return False
    try:
        answer = input(f"{question} [o/N] ").strip().lower()
    except (EOFError, KeyboardInterrupt):
        print()
        return False
    return answer in ("o", "oui", "y", "yes")


class PasswordFileError(ValueError):
    """The --password-file cannot be used (message in French)."""


PASSWORD_FILE_MAX = 4096


def read_password(name: str | None) -> str | None:
    """The password in the file given with --password-file (its final line break left
    out). It is used for the file at hand and never written anywhere."""
    from app.export.attachment import password_problem

    if name is None:
        return None
    path = Path(name)
    try:
        with path.open("rb") as handle:
            raw = handle.read(PASSWORD_FILE_MAX + 1)
    except OSError as error:
        raise PasswordFileError(
            f"--password-file : le fichier ne peut pas être lu ({sentence(error, name)})."
        ) from None
    if len(raw) > PASSWORD_FILE_MAX:
        raise PasswordFileError(
            f"--password-file : le fichier {name} est trop gros pour un mot de passe."
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise PasswordFileError(
            f"--password-file : le fichier {name} n'est pas du texte UTF-8."
        ) from None
    password = text.removesuffix("\n").removesuffix("\r")
    if not password:
        raise PasswordFileError(f"--password-file : le fichier {name} est vide.")
    problem = password_problem(password)
    if problem:
        raise PasswordFileError(f"--password-file : mot de passe refusé ({problem}).")
    return password


def _catalogue_in_use(store: Store) -> Catalogue:
    """The data folder's catalogue; a damaged one is said on stderr (the example is used)."""
    from app.store.catalogue_in_use import read_catalogue_in_use

    in_use = read_catalogue_in_use(store.data_dir)
    if in_use.problem:
        warn(in_use.problem)
    return in_use.catalogue


def _read_import_files(args: argparse.Namespace) -> int | None:
    """Reads the files to import before the data folder is even opened: an invalid file
    changes nothing at all."""
    from app.store.transfer import read_dossiers

    try:
        password = read_password(args.password_file)
        args.dossiers = read_dossiers((Path(name) for name in args.files), password)
    except PasswordFileError as error:
        warn(f"{error} Rien n'a été importé.")
        return EXIT_BAD_INPUT
    except ExchangeError as error:
        return refused_file(error, "Rien n'a été importé.")
    return None


def _import(store: Store, args: argparse.Namespace) -> int:
    from app.store.summaries import refresh_for_today
    from app.store.transfer import apply_import, describe, plan_import

    plan = plan_import(store, args.dossiers)
    if args.dry_run:
        say("Simulation (--dry-run) : rien n'a été écrit.")
        for step in plan.plans():
            for line in describe(step):
                say(line)
        return EXIT_OK
    accepted = set()
    for step in plan.needing_consent():
        for line in describe(step):
            say(line)
        if args.yes or ask("Appliquer ces modifications ?"):
            accepted.add(id(step))
    report = apply_import(store, plan, lambda step: id(step) in accepted)
    refresh_for_today(store, catalogue=_catalogue_in_use(store))
    for step in report.created:
        say(describe(step)[0] + " — importé.")
    for step in report.unchanged:
        say(describe(step)[0])
    for step in report.declined:
        say(f"Non modifié : {step.name} (réf. {step.ref}) ; relancez avec --yes pour appliquer.")
    say(
        f"{len(report.created)} créé(s), {len(report.changed)} modifié(s), "
        f"{len(report.unchanged)} sans changement, {len(report.declined)} non appliqué(s)."
    )
    return EXIT_CANCELLED if report.declined else EXIT_OK


def _export(store: Store, args: argparse.Namespace) -> int:
    if args.pdf is None:
        from app.store.transfer import export_json

        if args.path or args.password_file:
            warn("--path et --password-file ne valent que pour --pdf. Rien n'a été écrit.")
            return EXIT_BAD_INPUT
        out = export_json(store, args.candidate, Path(args.json), args.siret)
        say(f"Dossier exporté : {out}")
        return EXIT_OK
    from app.rules import load_rules
    from app.store.sent import export_pdf

    try:
        password = read_password(args.password_file)
    except PasswordFileError as error:
        warn(f"{error} Rien n'a été écrit.")
        return EXIT_BAD_INPUT
    copy = export_pdf(
        store,
        args.candidate,
        Path(args.pdf),
        load_rules(),
        _catalogue_in_use(store),
        path=args.path,
        siret=args.siret,
        password=password,
    )
    say(f"Dossier {copy.path.upper()} exporté : {copy.file}")
    say(f"SHA-256 : {copy.sha256}")
    if password:
        say(
            "Le PDF est protégé par mot de passe : donnez-le à COORACE par téléphone ou par "
            "SMS, jamais dans le même courriel. Passerelle ne l'a pas gardé."
        )
    return EXIT_OK


def _access(store: Store, args: argparse.Namespace) -> int:
    from app.store.transfer import write_access_report

    out = write_access_report(store, args.candidate, Path(args.json), args.siret)
    say(f"Tout ce qui est conservé sur ce candidat a été écrit dans : {out}")
    return EXIT_OK


def _delete(store: Store, args: argparse.Namespace) -> int:
    from app.store.candidates import delete_candidate, find_candidate

    with store.transaction() as session:
        row = find_candidate(session, args.candidate, args.siret)
        who = f"{row.first_name} {row.last_name} (réf. {row.ref})"
        siret = row.structure.siret
    question = (
        f"Effacer définitivement {who} et tout ce qui le concerne (parcours, historique, "
        f"journal) ? Cette suppression est définitive."
    )
    if not args.yes and not ask(question):
        warn("Suppression annulée : rien n'a été effacé (confirmez, ou ajoutez --yes).")
        return EXIT_CANCELLED
    with store.transaction() as session:
        delete_candidate(session, find_candidate(session, args.candidate, siret), store.user)
    say(f"{who} a été effacé(e), avec tout ce qui le concernait.")
    return EXIT_OK


def _backup(store: Store, args: argparse.Namespace) -> int:
    from app.store.backups import backup_now

    path = backup_now(store, Path(args.to) if args.to else None)
    say(f"Sauvegarde écrite : {path}")
    return EXIT_OK


def _restore(store: Store, args: argparse.Namespace) -> int:
    from app.store.backups import check_restorable, restore

    source = Path(args.file)
    check_restorable(source)  # before asking: a bad file is refused at once
    question = (
        f"Remplacer les données actuelles par la sauvegarde {source} ? Les données actuelles "
        f"seront d'abord sauvegardées."
    )
    if not args.yes and not ask(question):
        warn("Restauration annulée : rien n'a été modifié (confirmez, ou ajoutez --yes).")
        return EXIT_CANCELLED
    safety = restore(store, source, checked=True)
    say(f"Sauvegarde restaurée. Les données d'avant sont gardées dans : {safety}")
    return EXIT_OK


def _settings(store: Store, args: argparse.Namespace) -> int:
    from app.store.database import SETTING_BACKUPS_KEPT

    if args.key is None:
        values = store.settings()
        for key, meaning in SETTINGS.items():
            say(f"{key} = {values.get(key, '(non réglé)')}    # {meaning}")
        return EXIT_OK
    if args.key not in SETTINGS:
        warn(f"Réglage inconnu « {args.key} » ; réglages possibles : {', '.join(SETTINGS)}.")
        return EXIT_BAD_INPUT
    if args.value is None:
        say(store.settings().get(args.key, "(non réglé)"))
        return EXIT_OK
    value = args.value.strip()
    positive = value.isascii() and value.isdigit() and len(value) <= 6 and int(value) > 0
    if args.key == SETTING_BACKUPS_KEPT and not positive:
        warn(f"backups_kept : un nombre entier positif est attendu (reçu : « {value} »).")
        return EXIT_BAD_INPUT
    if not value:
        warn(f"{args.key} : la valeur ne doit pas être vide.")
        return EXIT_BAD_INPUT
    store.set_setting(args.key, value)
    say(f"{args.key} = {value}")
    return EXIT_OK


def _catalogue(store: Store, args: argparse.Namespace) -> int:
    from app.cli.catalogue import catalogue_command

    return catalogue_command(store, args)


COMMANDS = {
    "import": _import,
    "export": _export,
    "access": _access,
    "delete": _delete,
    "backup": _backup,
    "restore": _restore,
    "settings": _settings,
    "catalogue": _catalogue,
}


def _database_error(error: Exception, folder: Path) -> int:
    """A database failure after opening, told without the SQL or its values (they may
    hold personal data)."""
    cause = str(getattr(error, "orig", error))
    if "locked" in cause or "busy" in cause:
        warn(str(DatabaseInUse(folder / DATABASE_NAME)))
    else:
        warn(f"La base de données a refusé l'opération ({cause}). Rien n'a été modifié.")
    return EXIT_UNAVAILABLE


def run_store_command(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import DBAPIError

    if args.command == "import":
        refused = _read_import_files(args)
        if refused is not None:
            return refused
    if args.command == "catalogue":
        from app.cli.catalogue import check_catalogue_file

        refused = check_catalogue_file(args)
        if refused is not None:
            return refused
    folder = data_dir(args.data_dir)
    simulation = args.command == "import" and args.dry_run
    with tempfile.TemporaryDirectory(prefix="passerelle-simulation-") as scratch:
        if simulation and not (folder / DATABASE_NAME).exists():
            folder = Path(scratch)  # a simulation on no data: simulate on empty data
        try:
            store = open_store(folder)
        except StoreError as error:
            warn(str(error))
            return EXIT_UNAVAILABLE
        try:
            return COMMANDS[args.command](store, args)
        except StoreError as error:
            warn(str(error))
            return EXIT_BAD_INPUT
        except DBAPIError as error:
            return _database_error(error, folder)
        except OSError as error:
            warn(f"Écriture impossible : {sentence(error)}. Rien n'a été modifié.")
            return EXIT_BAD_INPUT
        finally:
            warning = store.close(automatic_backup=not simulation)
            if warning:
                warn(warning)
