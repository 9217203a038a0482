"""The `passerelle` command (also `python -m app`).

`passerelle evaluate DOSSIER.json` evaluates a dossier and prints the evaluation JSON.
With no sub-command, `passerelle` opens the window. Bad input never produces a traceback:
a French message per problem on stderr, exit code 2. This module loads neither Qt nor
reportlab nor SQLAlchemy: evaluation needs none of them.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from datetime import date
from pathlib import Path
from typing import NoReturn

from app import __version__
from app.dates import DateFormatError, parse_iso_date

EXIT_OK = 0
EXIT_CANCELLED = 1
EXIT_BAD_INPUT = 2
EXIT_UNAVAILABLE = 3


class _FrenchParser(argparse.ArgumentParser):
    """argparse, with its usage errors in French and exit code 2."""

    def error(self, message: str) -> NoReturn:
        translated = (
            message.replace("the following arguments are required", "arguments obligatoires")
            .replace("unrecognized arguments", "arguments inconnus")
            .replace("invalid choice", "choix invalide")
            .replace("(choose from", "(valeurs possibles :")
            .replace("expected one argument", "une valeur est attendue")
            .replace("argument ", "option ")
        )
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog} : erreur : {translated}\n")


def _command(commands, name: str, summary: str) -> argparse.ArgumentParser:
    command = commands.add_parser(name, help=summary, description=summary, add_help=False)
    command.add_argument("-h", "--help", action="help", help="affiche cette aide")
    return command


def _candidate_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("--candidate", required=True, metavar="REF", help="référence du candidat")
    command.add_argument(
        "--siret", metavar="SIRET", help="SIRET de la structure (si la référence est ambiguë)"
    )


def _parser() -> argparse.ArgumentParser:
    parser = _FrenchParser(
        prog="passerelle",
        description="Passerelle : titres CIP (VAE collective) et CISP (capitalisation). "
        "Sans commande, ouvre la fenêtre.",
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help="affiche cette aide")
    parser.add_argument(
        "--version", action="version", version=f"Passerelle {__version__}", help="version"
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="vérifie que tout fonctionne sur ce poste (base, import, PDF, fenêtre), "
        "dans un dossier temporaire",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DOSSIER",
        help="dossier des données (par défaut : $PASSERELLE_DATA_DIR, sinon le dossier de "
        "données de l'utilisateur)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMANDE", parser_class=_FrenchParser)

    evaluate = _command(commands, "evaluate", "évalue un dossier et affiche l'évaluation en JSON")
    evaluate.add_argument("dossier", metavar="DOSSIER.json", help="le dossier à évaluer")
    evaluate.add_argument(
        "--on", metavar="AAAA-MM-JJ", help="date d'évaluation (par défaut : aujourd'hui)"
    )
    evaluate.add_argument(
        "--catalogue",
        metavar="FICHIER",
        help="catalogue des formations, JSON ou CSV « ; » (par défaut : celui en usage dans le "
        "dossier de données, sinon le catalogue d'exemple)",
    )
    evaluate.add_argument(
        "--rules", metavar="FICHIER", help="fichier de règles (par défaut : celles en vigueur)"
    )

    to_import = _command(
        commands, "import", "importe des dossiers (format d'échange JSON, ou PDF de Passerelle)"
    )
    to_import.add_argument("files", nargs="+", metavar="FICHIER", help="dossiers à importer")
    to_import.add_argument(
        "--password-file",
        metavar="FICHIER",
        help="fichier contenant le mot de passe d'un PDF protégé",
    )
    to_import.add_argument(
        "--dry-run", action="store_true", help="montre ce qui changerait, sans rien écrire"
    )
    to_import.add_argument(
        "--yes", action="store_true", help="applique les modifications des candidats connus"
    )

    export = _command(
        commands, "export", "exporte le dossier d'un candidat (format d'échange JSON, ou PDF)"
    )
    _candidate_arguments(export)
    written = export.add_mutually_exclusive_group(required=True)
    written.add_argument("--json", metavar="FICHIER", help="fichier JSON à écrire")
    written.add_argument("--pdf", metavar="FICHIER", help="dossier PDF à écrire (pour COORACE)")
    export.add_argument(
        "--path",
        choices=["cip", "cisp"],
        help="parcours du dossier PDF (obligatoire si le candidat est sur les deux)",
    )
    export.add_argument(
        "--password-file",
        metavar="FICHIER",
        help="protège le PDF (AES-256) avec le mot de passe contenu dans ce fichier",
    )

    access = _command(
        commands, "access", "exporte tout ce qui est conservé sur un candidat (droit d'accès)"
    )
    _candidate_arguments(access)
    access.add_argument("--json", required=True, metavar="FICHIER", help="fichier à écrire")

    delete = _command(commands, "delete", "efface un candidat et tout ce qui le concerne")
    _candidate_arguments(delete)
    delete.add_argument("--yes", action="store_true", help="ne pas demander de confirmation")

    backup = _command(commands, "backup", "sauvegarde les données maintenant")
    backup.add_argument(
        "--to", metavar="FICHIER", help="fichier de sauvegarde (par défaut : dossier sauvegardes)"
    )

    restore = _command(commands, "restore", "remet en place une sauvegarde")
    restore.add_argument("file", metavar="FICHIER", help="la sauvegarde à restaurer")
    restore.add_argument("--yes", action="store_true", help="ne pas demander de confirmation")

    settings = _command(commands, "settings", "affiche ou modifie un réglage")
    settings.add_argument("key", nargs="?", metavar="RÉGLAGE", help="local_user, backups_kept")
    settings.add_argument("value", nargs="?", metavar="VALEUR", help="nouvelle valeur")
    _catalogue_commands(commands)
    return parser


def _catalogue_commands(commands) -> None:
    catalogue = _command(
        commands, "catalogue", "montre, importe ou remet le catalogue des formations en usage"
    )
    actions = catalogue.add_subparsers(
        dest="action", metavar="ACTION", parser_class=_FrenchParser, required=True
    )
    _command(actions, "show", "montre le catalogue en usage : nom, version, date, exemple ou non")
    to_install = _command(
        actions,
        "import",
        "installe un catalogue (JSON ou CSV « ; ») : s'il a un problème, rien n'est écrit",
    )
    to_install.add_argument("file", metavar="FICHIER", help="le catalogue à installer")
    _command(actions, "restore", "revient au catalogue précédent (le remplacé est gardé)")


def _fail(lines: list[str]) -> int:
    for line in lines:
        print(line, file=sys.stderr)
    return EXIT_BAD_INPUT


def refused_file(error, consequence: str | None = None) -> int:
    """Tells, on stderr, why a file was refused: a header, then one line per problem."""
    count = len(error.problems)
    header = f"Fichier refusé ({error.source}) : {count} problème{'s' if count > 1 else ''}."
    lines = [header, *(f"  {problem}" for problem in error.problems)]
    return _fail([*lines, consequence] if consequence else lines)


def _evaluate(args: argparse.Namespace) -> int:
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
        return _fail([f"--on : {error}"])
    try:
        rules = load_rules(args.rules)
    except RulesError as error:
        header = f"Fichier de règles refusé ({error.path}) :"
        return _fail([header, *(f"  {problem}" for problem in error.problems)])
    try:
        if args.catalogue:
            catalogue = read_catalogue(Path(args.catalogue))
        else:
            in_use = read_catalogue_in_use(data_dir(args.data_dir))
            if in_use.problem:
                print(in_use.problem, file=sys.stderr)
            catalogue = in_use.catalogue
        dossier = read_dossier(Path(args.dossier))
    except ExchangeError as error:
        return refused_file(error)
    result = evaluation_to_data(evaluate(dossier, on, rules, catalogue))
    sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


def _open_window(data_folder: str | None) -> int:
    # The one bridge from the core to the window: `ui` is loaded by name, only here, only
    # when the user asks for the window, so that no command of the core ever loads Qt.
    window = importlib.import_module("ui.window.start")
    return window.run(data_folder)


def main(argv: list[str] | None = None) -> int:
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8", errors="backslashreplace")
        sys.stderr.reconfigure(encoding="utf-8", errors="backslashreplace")
    args = _parser().parse_args(argv)
    if args.self_test:
        from app.selftest import run as self_test

        return self_test()
    try:
        if args.command == "evaluate":
            return _evaluate(args)
        if args.command == "catalogue" and args.action == "show":
            from app.cli.catalogue import show_catalogue

            return show_catalogue(args)
        if args.command is not None:
            from app.cli.data_folder import run_store_command

            return run_store_command(args)
    except KeyboardInterrupt:
        print(
            "\nInterrompu : ce qui n'était pas enregistré a été abandonné, "
            "les données sont intactes.",
            file=sys.stderr,
        )
        return 1
    return _open_window(args.data_dir)
