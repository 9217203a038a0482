"""`passerelle export | access | delete`: a candidate's dossier out of the data folder
(exchange format JSON or PDF), the report of everything kept on a candidate, and the
erasure of a candidate (the import: app/cli/imports.py)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.exits import EXIT_BAD_INPUT, EXIT_CANCELLED, EXIT_OK
from app.cli.passwords import PasswordFileError, read_password
from app.cli.terminal import ask, say, warn
from app.domain import Catalogue
from app.store.database import Store


def catalogue_in_use(store: Store) -> Catalogue:
    """The data folder's catalogue; a damaged one is said on stderr (the example is used)."""
    from app.store.catalogue_in_use import read_catalogue_in_use

    in_use = read_catalogue_in_use(store.data_dir)
    if in_use.problem:
        warn(in_use.terminal_problem or in_use.problem)
    return in_use.catalogue


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
        with_scans=args.pieces,
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
