"""`passerelle evaluate DOSSIER.json`: evaluates a dossier and prints the evaluation JSON.
It loads neither Qt nor reportlab nor SQLAlchemy: evaluation needs none of them."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from app.cli.exits import EXIT_OK
from app.cli.terminal import fail, refused_file, warn
from app.dates import DateFormatError, parse_iso_date


def evaluate_command(args: argparse.Namespace) -> int:
    from app.evaluation import evaluate, evaluation_to_data
    from app.exchange.catalogue import read_catalogue
    from app.exchange.dossier import read_dossier
    from app.exchange.problems import ExchangeError
    from app.rules import RulesError, load_rules
    from app.store.catalogue_in_use import read_catalogue_in_use
    from app.store.paths import data_dir

    try:
        on = parse_iso_date(args.on) if args.on else date.today()
    except DateFormatError as error:
        return fail([f"--on : {error}"])
    try:
        rules = load_rules(args.rules)
    except RulesError as error:
        header = f"Fichier de règles refusé ({error.path}) :"
        return fail([header, *(f"  {problem}" for problem in error.problems)])
    try:
        if args.catalogue:
            catalogue = read_catalogue(Path(args.catalogue))
        else:
            in_use = read_catalogue_in_use(data_dir(args.data_dir))
            if in_use.problem:
                warn(in_use.terminal_problem or in_use.problem)
            catalogue = in_use.catalogue
        dossier = read_dossier(Path(args.dossier))
    except ExchangeError as error:
        return refused_file(error)
    result = evaluation_to_data(evaluate(dossier, on, rules, catalogue))
    sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK
