"""The `passerelle` commands that read or write the data folder: import, export, access,
delete, backup, restore, settings. Exit codes: 0 done, 1 cancelled by the user, 2 bad
input (nothing written), 3 data folder unavailable (busy, damaged, newer)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.exchange.problems import ExchangeError
from app.store.database import SETTINGS, Store, open_store
from app.store.errors import (
    AmbiguousCandidate,
    CandidateNotFound,
    StoreError,
)
from app.store.oserrors import sentence
from app.store.paths import data_dir

EXIT_OK = 0
EXIT_CANCELLED = 1
EXIT_BAD_INPUT = 2
EXIT_UNAVAILABLE = 3


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


def _exchange_problem(error: ExchangeError) -> int:
    count = len(error.problems)
    warn(f"Fichier refusé ({error.source}) : {count} problème{'s' if count > 1 else ''}.")
    for problem in error.problems:
        warn(f"  {problem}")
    warn("Rien n'a été importé.")
    return EXIT_BAD_INPUT


def _read_import_files(args: argparse.Namespace) -> int | None:
    """Reads the files to import before the data folder is even opened: an invalid file
    changes nothing at all."""
    from app.store.transfer import read_dossiers

    try:
        args.dossiers = read_dossiers(Path(name) for name in args.files)
    except ExchangeError as error:
        return _exchange_problem(error)
    return None


def _import(store: Store, args: argparse.Namespace) -> int:
    from app.store.transfer import describe, import_dossiers

    dossiers = args.dossiers

    def agree(plan) -> bool:
        for line in describe(plan):
            say(line)
        if args.yes:
            return True
        return ask("Appliquer ces modifications ?")

    report = import_dossiers(store, dossiers, agree, dry_run=args.dry_run)
    if args.dry_run:
        say("Simulation (--dry-run) : rien n'a été écrit.")
        for plan in report.created + report.changed + report.unchanged:
            for line in describe(plan):
                say(line)
        return EXIT_OK
    for plan in report.created:
        say(describe(plan)[0] + " — importé.")
    for plan in report.unchanged:
        say(describe(plan)[0])
    for plan in report.declined:
        say(f"Non modifié : {plan.name} (réf. {plan.ref}) ; relancez avec --yes pour appliquer.")
    say(
        f"{len(report.created)} créé(s), {len(report.changed)} modifié(s), "
        f"{len(report.unchanged)} sans changement, {len(report.declined)} non appliqué(s)."
    )
    return EXIT_CANCELLED if report.declined else EXIT_OK


def _export(store: Store, args: argparse.Namespace) -> int:
    from app.store.transfer import export_json

    out = export_json(store, args.candidate, Path(args.json), args.siret)
    say(f"Dossier exporté : {out}")
    return EXIT_OK


def _access(store: Store, args: argparse.Namespace) -> int:
    from app.store.files import write_private_text
    from app.store.transfer import access_report

    report = access_report(store, args.candidate, args.siret)
    out = Path(args.json)
    write_private_text(out, json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    say(f"Tout ce qui est conservé sur ce candidat a été écrit dans : {out}")
    return EXIT_OK


def _delete(store: Store, args: argparse.Namespace) -> int:
    from app.store.candidates import delete_candidate, find_candidate

    with store.transaction() as session:
        row = find_candidate(session, args.candidate, args.siret)
        who = f"{row.first_name} {row.last_name} (réf. {row.ref})"
        question = (
            f"Effacer définitivement {who} et tout ce qui le concerne (parcours, historique, "
            f"journal) ? Cette suppression est définitive."
        )
        if not args.yes and not ask(question):
            session.rollback()
            warn("Suppression annulée : rien n'a été effacé (confirmez, ou ajoutez --yes).")
            return EXIT_CANCELLED
        delete_candidate(session, row, store.user)
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
    check_restorable(source)
    question = (
        f"Remplacer les données actuelles par la sauvegarde {source} ? Les données actuelles "
        f"seront d'abord sauvegardées."
    )
    if not args.yes and not ask(question):
        warn("Restauration annulée : rien n'a été modifié (confirmez, ou ajoutez --yes).")
        return EXIT_CANCELLED
    safety = restore(store, source)
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
    positive = value.isascii() and value.isdigit() and int(value) > 0
    if args.key == SETTING_BACKUPS_KEPT and not positive:
        warn(f"backups_kept : un nombre entier positif est attendu (reçu : « {value} »).")
        return EXIT_BAD_INPUT
    if not value:
        warn(f"{args.key} : la valeur ne doit pas être vide.")
        return EXIT_BAD_INPUT
    store.set_setting(args.key, value)
    say(f"{args.key} = {value}")
    return EXIT_OK


COMMANDS = {
    "import": _import,
    "export": _export,
    "access": _access,
    "delete": _delete,
    "backup": _backup,
    "restore": _restore,
    "settings": _settings,
}


def run_store_command(args: argparse.Namespace) -> int:
    if args.command == "import":
        refused = _read_import_files(args)
        if refused is not None:
            return refused
    folder = data_dir(args.data_dir)
    try:
        store = open_store(folder)
    except StoreError as error:
        warn(str(error))
        return EXIT_UNAVAILABLE
    try:
        return COMMANDS[args.command](store, args)
    except (CandidateNotFound, AmbiguousCandidate) as error:
        warn(str(error))
        return EXIT_BAD_INPUT
    except StoreError as error:
        warn(str(error))
        return EXIT_BAD_INPUT
    except OSError as error:
        warn(f"Écriture impossible : {sentence(error)}. Rien n'a été modifié.")
        return EXIT_BAD_INPUT
    finally:
        warning = store.close()
        if warning:
            warn(warning)
