"""`passerelle backup [--to FICHIER]` and `passerelle restore FICHIER`."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.exits import EXIT_CANCELLED, EXIT_OK
from app.cli.terminal import ask, say, warn
from app.store.database import Store
from app.store.errors import quoted


def backup_command(store: Store, args: argparse.Namespace) -> int:
    from app.store.backups import backup_now

    path = backup_now(store, Path(args.to) if args.to else None)
    say(f"Sauvegarde écrite : {path}")
    return EXIT_OK


def restore_command(store: Store, args: argparse.Namespace) -> int:
    """Says what the restore undoes (by name) and where the current data is copied first,
    before asking (and with --yes, before doing it); then how to go back."""
    from app.store.backup_files import check_restorable
    from app.store.backups import restore
    from app.store.restore_plan import plan_restore

    source = Path(args.file)
    check_restorable(source, store.data_dir)  # before asking: a bad file is refused at once
    plan = plan_restore(source, store.path, store.backups_dir)
    for line in plan.lines():
        say(line)
    say(
        f"Avant la restauration, les données actuelles seront copiées dans le dossier des "
        f"sauvegardes : {store.backups_dir}"
    )
    if not args.yes and not ask("Remplacer les données actuelles par cette sauvegarde ?"):
        warn("Restauration annulée : rien n'a été modifié (confirmez, ou ajoutez --yes).")
        return EXIT_CANCELLED
    safety = restore(store, source, checked=True)
    data_dir = f" --data-dir {quoted(Path(args.data_dir))}" if args.data_dir else ""
    say(f"Sauvegarde restaurée : les données sont maintenant celles de {source}.")
    say(f"Les données d'avant sont gardées dans : {safety}")
    say(f"Pour revenir aux données d'avant : passerelle{data_dir} restore {quoted(safety)}")
    return EXIT_OK
