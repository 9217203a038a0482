"""`passerelle settings [RÉGLAGE [VALEUR]]`: shows or changes a setting of the data folder.
Each setting is shown by its French name, with the key one types after it."""

from __future__ import annotations

import argparse

from app.cli.exits import EXIT_BAD_INPUT, EXIT_OK
from app.cli.terminal import say, warn
from app.store.database import SETTING_BACKUPS_KEPT, SETTINGS, Store
from app.store.keys import setting_name


def settings_command(store: Store, args: argparse.Namespace) -> int:
    if args.key is None:
        values = store.settings()
        for key, meaning in SETTINGS.items():
            say(f"{setting_name(key)} = {values.get(key, '(non réglé)')}    # {meaning}")
        return EXIT_OK
    if args.key not in SETTINGS:
        possible = ", ".join(setting_name(key) for key in SETTINGS)
        warn(f"Réglage inconnu « {args.key} » ; réglages possibles : {possible}.")
        return EXIT_BAD_INPUT
    if args.value is None:
        say(store.settings().get(args.key, "(non réglé)"))
        return EXIT_OK
    value = args.value.strip()
    positive = value.isascii() and value.isdigit() and len(value) <= 6 and int(value) > 0
    if args.key == SETTING_BACKUPS_KEPT and not positive:
        warn(
            f"{setting_name(args.key)} : un nombre entier positif est attendu (reçu : « {value} »)."
        )
        return EXIT_BAD_INPUT
    if not value:
        warn(f"{setting_name(args.key)} : la valeur ne doit pas être vide.")
        return EXIT_BAD_INPUT
    store.set_setting(args.key, value)
    say(f"{setting_name(args.key)} = {value}")
    return EXIT_OK
