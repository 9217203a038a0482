"""`passerelle backup [--to FICHIER]` and `passerelle restore FICHIER`."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.exits import EXIT_CANCELLED, EXIT_OK
from app.cli.terminal import ask, say, warn
from app.store.database import Store


def backup_command(store: Store, args: argparse.Namespace) -> int:
    from app.store.backups import backup_now

    path = backup_now(store, Path(args.to) if args.to else None)
    say(f"Sauvegarde écrite : {path}")
    return EXIT_OK


def restore_command(store: Store, args: argparse.Namespace) -> int:
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
