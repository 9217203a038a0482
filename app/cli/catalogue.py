"""`passerelle catalogue show | import FICHIER | restore`: the course catalogue the data
folder evaluates with (app/store/catalogue_in_use.py). `show` only reads a file and opens
no database; `import` and `restore` take the data folder's lock, like every command that
writes, and re-evaluate the candidate list with the new catalogue. Exit codes as in
app/cli/exits.py: 0 done, 2 bad file (nothing written), 3 data folder unavailable."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.exits import EXIT_OK
from app.cli.terminal import refused_file, say, warn
from app.exchange.catalogue import read_catalogue
from app.exchange.problems import ExchangeError
from app.french import day_text
from app.store.catalogue_in_use import (
    catalogue_title,
    install_catalogue,
    installed_sentence,
    previous_catalogue_path,
    read_catalogue_in_use,
    restore_previous_catalogue,
)
from app.store.paths import data_dir

if TYPE_CHECKING:  # `show` opens no database: SQLAlchemy stays unloaded
    from app.store.database import Store

NOTHING_INSTALLED = "Rien n'a été installé : le catalogue en usage n'a pas changé."


def show_catalogue(args: argparse.Namespace) -> int:
    """`show`: the catalogue in use, read from its file (no database is opened)."""
    folder = data_dir(args.data_dir)
    in_use = read_catalogue_in_use(folder)
    if in_use.problem:
        warn(in_use.terminal_problem or in_use.problem)
    catalogue = in_use.catalogue
    capitalisable = sum(1 for course in catalogue.courses if course.capitalisable)
    where = "" if in_use.installed else " (le catalogue d'exemple livré avec Passerelle)"
    say(f"Catalogue en usage : {catalogue.name}")
    say(f"Version : {catalogue.version or 'non précisée'}")
    published = day_text(catalogue.published_on) if catalogue.published_on else "non précisée"
    say(f"Date de publication : {published}")
    say(
        "Exemple : oui — catalogue inventé, ce n'est pas celui de COORACE Formation"
        if catalogue.example
        else "Exemple : non"
    )
    say(f"Formations : {len(catalogue.courses)}, dont {capitalisable} capitalisable(s)")
    say(f"Fichier : {in_use.path}{where}")
    previous = previous_catalogue_path(folder)
    if previous is not None:
        say(f"Catalogue précédent gardé : {previous} (« passerelle catalogue restore » y revient)")
    return EXIT_OK


def check_catalogue_file(args: argparse.Namespace) -> int | None:
    """Reads the file to install before the data folder is even opened: a faulty file
    changes nothing at all. None when it can be installed."""
    if args.action != "import":
        return None
    try:
        read_catalogue(Path(args.file))
    except ExchangeError as error:
        return refused_file(error, NOTHING_INSTALLED)
    return None


def catalogue_command(store: Store, args: argparse.Namespace) -> int:
    """`import` or `restore`, the data folder open and locked (`store`)."""
    from app.store.summaries import refresh_for_today

    try:
        if args.action == "import":
            catalogue = install_catalogue(store.data_dir, Path(args.file))
            say(installed_sentence(catalogue))
        else:
            catalogue = restore_previous_catalogue(store.data_dir)
            say(f"Catalogue précédent remis en usage : {catalogue_title(catalogue)}.")
    except ExchangeError as error:
        consequence = NOTHING_INSTALLED if args.action == "import" else "Rien n'a été changé."
        return refused_file(error, consequence)
    if catalogue.example:
        say("C'est un catalogue d'EXEMPLE, inventé : ce n'est pas celui de COORACE Formation.")
    say("Le catalogue remplacé est gardé : « passerelle catalogue restore » y revient.")
    count = refresh_for_today(store, catalogue=catalogue)
    if count:
        say(f"Liste des candidats recalculée avec ce catalogue : {count} candidat(s).")
    return EXIT_OK
