"""`passerelle import | export | access | delete`: a candidate's dossier in and out of the
data folder (exchange format JSON or PDF), the report of everything kept on a candidate,
and the erasure of a candidate."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.exits import EXIT_BAD_INPUT, EXIT_CANCELLED, EXIT_OK
from app.cli.passwords import PasswordFileError, read_password
from app.cli.terminal import ask, refused_file, say, warn
from app.domain import Catalogue
from app.exchange.problems import ExchangeError
from app.store.database import Store


def catalogue_in_use(store: Store) -> Catalogue:
    """The data folder's catalogue; a damaged one is said on stderr (the example is used)."""
    from app.store.catalogue_in_use import read_catalogue_in_use

    in_use = read_catalogue_in_use(store.data_dir)
    if in_use.problem:
        warn(in_use.terminal_problem or in_use.problem)
    return in_use.catalogue


def read_import_files(args: argparse.Namespace) -> int | None:
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


def import_command(store: Store, args: argparse.Namespace) -> int:
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
    refresh_for_today(store, catalogue=catalogue_in_use(store))
    for step in report.created:
        say(describe(step)[0] + " — importé.")
    for step in report.unchanged:
        say(describe(step)[0])
    for step in report.declined:
        say(f"Non modifié : {step.name} (réf. {step.ref}) ; relancez avec --yes pour appliquer.")
    say(f"{report.summary()}.")
    return EXIT_CANCELLED if report.declined else EXIT_OK


def export_command(store: Store, args: argparse.Namespace) -> int:
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
        catalogue_in_use(store),
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


def access_command(store: Store, args: argparse.Namespace) -> int:
    from app.store.transfer import write_access_report

    out = write_access_report(store, args.candidate, Path(args.json), args.siret)
    say(f"Tout ce qui est conservé sur ce candidat a été écrit dans : {out}")
    return EXIT_OK


def delete_command(store: Store, args: argparse.Namespace) -> int:
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
