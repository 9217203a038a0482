"""`passerelle import PATH...`: files and folders of dossiers (JSON, or PDF dossiers of
Passerelle), each with its outcome — created, updated, unchanged, older, refused —, a
report file (CSV), and, in a structure's workspace, a question before changing what is
known (`--yes` applies everything; with no terminal, nothing is changed without it)."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from app.cli.dossiers import catalogue_in_use
from app.cli.exits import EXIT_BAD_INPUT, EXIT_CANCELLED, EXIT_OK
from app.cli.passwords import PasswordFileError, read_password
from app.cli.terminal import ask, refused_file, say, warn
from app.exchange.problems import ExchangeError
from app.store.database import Store
from app.store.paths import REPORTS_DIR_NAME

NOTHING = "Rien n'a été importé."


def read_import_files(args: argparse.Namespace) -> int | None:
    """Finds and reads every file before the data folder is even opened: when none can
    be read, nothing at all is written (not even the data folder)."""
    from app.store.paths import DATABASE_NAME, data_dir
    from app.store.received import find_files, known_texts, read_received

    try:
        password = read_password(args.password_file)
        files, missing = find_files(Path(name) for name in args.files)
    except PasswordFileError as error:
        warn(f"{error} {NOTHING}")
        return EXIT_BAD_INPUT
    except ExchangeError as error:
        return refused_file(error, NOTHING)
    known = known_texts(data_dir(args.data_dir) / DATABASE_NAME)
    args.received = missing + list(read_received(files, password, known=known))
    if any(item.problem is None for item in args.received):
        return None
    if len(args.received) == 1 and args.received[0].error is not None:
        return refused_file(args.received[0].error, NOTHING)
    for item in args.received:
        warn(f"Fichier refusé ({item.file}) : {item.problem}")
    if not args.received:
        warn("Aucun dossier (.json ou .pdf) dans ce qui a été donné.")
    if args.report and not _report_problem(Path(args.report)):
        _write_report(args, None, [_refusal(item) for item in args.received])
    warn(NOTHING)
    return EXIT_BAD_INPUT


def _report_problem(out: Path) -> str | None:
    """Why the report cannot be written there (checked before the import writes)."""
    import os

    from app.store.errors import StoreError
    from app.store.files import refuse_existing

    if not out.parent.is_dir():
        return f"Rapport : le dossier {out.parent} n'existe pas."
    if not os.access(out.parent, os.W_OK):
        return f"Rapport : impossible d'écrire dans {out.parent}."
    try:
        refuse_existing(out)
    except StoreError as error:
        return f"Rapport : {error}"
    return None


def _refusal(item):
    from app.store.intake import FileOutcome

    return FileOutcome(item.file, "refused", detail=item.problem or "")


def _line(outcome) -> str:
    who = f"{outcome.name} (réf. {outcome.ref}, SIRET {outcome.siret})" if outcome.ref else ""
    head = f"{outcome.words.capitalize()} : {who or outcome.file.name}"
    detail = f" — {outcome.detail}" if outcome.detail else ""
    return f"{head}{detail} [{outcome.file.name}]" if who else f"{head}{detail}"


def _write_report(args: argparse.Namespace, store: Store | None, outcomes) -> Path:
    from app.store.import_report import write_report

    if args.report:
        out = Path(args.report)
    else:
        assert store is not None
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        out = store.data_dir / REPORTS_DIR_NAME / f"import-{stamp}.csv"
    return write_report(outcomes, out)


def import_command(store: Store, args: argparse.Namespace) -> int:
    from app.rules import load_rules
    from app.store.intake import apply_intake, plan_intake
    from app.store.summaries import refresh_for_today
    from app.store.workspace import is_coorace

    if args.report and not args.dry_run:
        problem = _report_problem(Path(args.report))
        if problem:  # said before anything is written
            warn(f"{problem} {NOTHING}")
            return EXIT_BAD_INPUT
    coorace = is_coorace(store)
    plan = plan_intake(store, args.received, coorace)
    if args.dry_run:
        say("Simulation (--dry-run) : rien n'a été écrit.")
        for outcome in plan.outcomes:
            say(_line(outcome))
        return EXIT_OK
    accepted = set()
    for outcome in plan.needing_consent():
        say(f"{outcome.name} (réf. {outcome.ref}, SIRET {outcome.siret}) : {outcome.detail}")
        if args.yes or ask("Appliquer ces modifications ?"):
            accepted.add(id(outcome))
    catalogue = catalogue_in_use(store)
    report = apply_intake(
        store, plan, lambda outcome: id(outcome) in accepted, load_rules(), catalogue
    )
    refresh_for_today(store, catalogue=catalogue)
    for outcome in report.outcomes:
        if outcome.outcome == "refused":
            warn(_line(outcome))
        elif outcome.outcome == "declined":
            say(f"{_line(outcome)} ; relancez avec --yes pour appliquer.")
        else:
            say(_line(outcome))
    say(f"{report.summary()}.")
    from app.store.cipher import is_protected

    if args.report or not is_protected(store.data_dir):
        say(f"Rapport de l'import : {_write_report(args, store, report.outcomes)}")
    else:  # never a plain copy inside a protected folder
        say("Rapport non écrit dans les données protégées (--report FICHIER pour l'écrire).")
    if report.count("refused"):
        written = len(report.outcomes) - report.count("refused")
        warn(
            "Des fichiers ont été refusés (voir ci-dessus) : les autres ont été importés. "
            "Corrigez-les, puis importez-les de nouveau."
            if written
            else "Aucun fichier n'a pu être importé (voir ci-dessus) : rien n'a été écrit."
        )
        return EXIT_BAD_INPUT
    return EXIT_CANCELLED if report.count("declined") else EXIT_OK
