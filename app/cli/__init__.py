"""The commands of `passerelle`, headless: the launcher (passerelle/launcher.py) parses
with `parse_arguments` and runs them with `run_command`; `python -m app COMMAND` runs
them with `main`, which never opens the window.

`passerelle evaluate DOSSIER.json` evaluates a dossier and prints the evaluation JSON.
Bad input never produces a traceback: a French message per problem on stderr, exit code
2. Loading this package loads neither Qt nor reportlab nor SQLAlchemy: evaluation needs
none of them, and the commands that open the data folder load what they need when they
run.

The modules import only downwards: `exits` and `terminal` under everything, `parser`,
`evaluate`, `passwords`, then the data-folder commands (`dossiers`, `backups`,
`settings`, `catalogue`) under `data_folder`, which opens the folder and runs them.
"""

from __future__ import annotations

import argparse

from app.cli.evaluate import evaluate_command
from app.cli.exits import EXIT_CANCELLED, EXIT_OK
from app.cli.parser import build_parser
from app.cli.terminal import say, speak_utf8, warn

WINDOW_ELSEWHERE = (
    "La fenêtre s'ouvre avec « passerelle » (ou « python -m passerelle ») ; "
    "« python -m app » ne lance que les commandes."
)


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """The terminal set to speak French (UTF-8), then `argv` parsed; a usage error is said
    in French and exits with code 2."""
    speak_utf8()
    return build_parser().parse_args(argv)


def run_command(args: argparse.Namespace) -> int:
    """Runs the sub-command `args.command` (not None); its exit code."""
    try:
        if args.command == "evaluate":
            return evaluate_command(args)
        if args.command in ("protect", "unprotect"):
            from app.cli.protection import protect_command, unprotect_command

            return (protect_command if args.command == "protect" else unprotect_command)(args)
        if args.command == "catalogue" and args.action == "show":
            from app.cli.catalogue import show_catalogue

            return show_catalogue(args)
        from app.cli.data_folder import run_store_command

        return run_store_command(args)
    except KeyboardInterrupt:
        warn(
            "\nInterrompu : ce qui n'était pas enregistré a été abandonné, "
            "les données sont intactes."
        )
        return EXIT_CANCELLED


def main(argv: list[str] | None = None) -> int:
    """`python -m app`: a command, or the core's self-test (without the window's step);
    with no command, where the window is, then the help."""
    args = parse_arguments(argv)
    if args.self_test:
        from app.selftest import run as self_test

        return self_test()
    if args.command is not None:
        return run_command(args)
    say(WINDOW_ELSEWHERE)
    build_parser().print_help()
    return EXIT_OK
