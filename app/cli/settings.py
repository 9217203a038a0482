"""`passerelle settings [RÉGLAGE [VALEUR]]`: shows or changes a setting of the data folder."""

from __future__ import annotations

import argparse

from app.cli.exits import EXIT_BAD_INPUT, EXIT_OK
from app.cli.terminal import say, warn
from app.store.database import SETTING_BACKUPS_KEPT, SETTINGS, Store


def settings_command(store: Store, args: argparse.Namespace) -> int:
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
