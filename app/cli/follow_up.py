"""`passerelle close | resume | documents | admissibility`: a candidacy after its
eligibility, as the window does it — a path closed (abandon) or taken up again, the
supporting documents (the checklist, an item's state and scan), and the admissibility
request on the rubrics of the CERFA 12818*02."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from app.cli.exits import EXIT_BAD_INPUT, EXIT_OK
from app.cli.terminal import say, warn
from app.store.database import Store


def close_command(store: Store, args: argparse.Namespace) -> int:
    from app.step_names import closure_reasons
    from app.store.candidates import find_candidate
    from app.store.closures import close_candidacy

    if args.reason not in closure_reasons():
        choices = ", ".join(f"{k} ({v})" for k, v in closure_reasons().items())
        warn(f"--reason : motif inconnu « {args.reason} » ; motifs : {choices}.")
        return EXIT_BAD_INPUT
    with store.transaction() as session:
        row = find_candidate(session, args.candidate, args.siret)
        close_candidacy(session, row.id, args.path, args.on or date.today(), args.reason,
                        args.note, store.user)  # fmt: skip
    say(f"Candidature {args.path.upper()} de {args.candidate} close.")
    return EXIT_OK


def resume_command(store: Store, args: argparse.Namespace) -> int:
    from app.store.candidates import find_candidate
    from app.store.closures import resume_candidacy

    with store.transaction() as session:
        row = find_candidate(session, args.candidate, args.siret)
        resume_candidacy(session, row.id, args.path, args.on or date.today(), store.user)
    say(f"Parcours {args.path.upper()} de {args.candidate} repris.")
    return EXIT_OK


def documents_command(store: Store, args: argparse.Namespace) -> int:
    from app.cli.dossiers import catalogue_in_use
    from app.evaluation import evaluate
    from app.evaluation.documents import STATES, checklist, completeness
    from app.rules import load_rules
    from app.store.candidates import find_candidate
    from app.store.documents import document_states, set_document
    from app.store.mapping import dossier_of

    with store.transaction() as session:
        row = find_candidate(session, args.candidate, args.siret)
        dossier = dossier_of(row)
        evaluation = evaluate(dossier, date.today(), load_rules(), catalogue_in_use(store))
        items = checklist(dossier, evaluation)
        if args.set:
            keys = [item.key for item in items]
            if args.set not in keys:
                warn(f"--set : pièce inconnue « {args.set} » ; pièces : {', '.join(keys)}.")
                return EXIT_BAD_INPUT
            typed = {"fournie": "provided", "manquante": "missing", "non-necessaire": "not_needed"}
            state = typed.get(args.state or "", args.state or "provided")
            scan = Path(args.scan) if args.scan else None
            set_document(session, row.id, args.set, state, store.user, args.on, scan)
        states = document_states(session, row.id)
    plain = {key: s.state for key, s in states.items()}
    say(f"Pièces : {completeness(items, plain) if items else 'aucune demandée'}")
    for item in items:
        state = states.get(item.key)
        words = STATES[state.state] if state else STATES["missing"]
        day = f" le {state.provided_on:%d/%m/%Y}" if state and state.provided_on else ""
        scan = f", scan {state.file_name}" if state and state.file_name else ""
        say(f"  {item.key} — {item.label} : {words}{day}{scan}")
    return EXIT_OK


def admissibility_command(store: Store, args: argparse.Namespace) -> int:
    from app.export.admissibility_form import admissibility_pdf
    from app.rules import load_rules
    from app.store.candidates import find_candidate
    from app.store.errors import StoreError
    from app.store.files import refuse_existing, write_private_bytes
    from app.store.mapping import dossier_of

    out = Path(args.pdf)
    if not out.parent.is_dir():
        raise StoreError(f"Le dossier {out.parent} n'existe pas : rien n'a été écrit.")
    refuse_existing(out)
    with store.transaction() as session:
        dossier = dossier_of(find_candidate(session, args.candidate, args.siret))
    if dossier.cip is None:
        warn(f"{args.candidate} n'est pas candidat au titre CIP : aucune demande écrite.")
        return EXIT_BAD_INPUT
    write_private_bytes(out, admissibility_pdf(dossier, load_rules(), args.on or date.today()))
    say(f"Demande de recevabilité écrite : {out} (à compléter et signer par le candidat)")
    return EXIT_OK
