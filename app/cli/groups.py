"""`passerelle groups …`: the groups of the collective VAE, on any data folder (they read
what it holds) — propose them (rule CIP-GRP), record one (« Constituer ce groupe »), its
status and members, the list AFPA needs (.xlsx or .csv), the answer to each structure."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from app.cli.dossiers import catalogue_in_use
from app.cli.exits import EXIT_BAD_INPUT, EXIT_OK
from app.cli.group_sessions import SESSION_ACTIONS
from app.cli.terminal import say, warn
from app.store.database import Store

STATUS_TYPED = {
    "propose": "proposed",
    "proposé": "proposed",
    "constitue": "constituted",
    "constitué": "constituted",
    "en-cours": "running",
    "en cours": "running",
    "termine": "finished",
    "terminé": "finished",
}


def _on(args: argparse.Namespace) -> date:
    return args.on or date.today()


def _proposal(store: Store, on: date, rules=None, catalogue=None):
    """The groups proposed on `on` (the rules in force and the folder's catalogue unless
    given, already loaded)."""
    from app.consolidation.readiness import proposal_on
    from app.rules import load_rules

    with store.transaction() as session:
        proposal, _ready = proposal_on(
            session, on, rules or load_rules(), catalogue or catalogue_in_use(store)
        )
    return proposal


def groups_command(store: Store, args: argparse.Namespace) -> int:
    from app.consolidation.groups import GroupError

    try:
        return ACTIONS[args.action](store, args)
    except GroupError as error:
        warn(error.for_terminal())
        return EXIT_BAD_INPUT


def _propose(store: Store, args: argparse.Namespace) -> int:
    from app.consolidation.proposal import proposal_data, proposal_lines

    on = _on(args)
    proposal = _proposal(store, on)
    if args.json:
        say(json.dumps(proposal_data(proposal, on), ensure_ascii=False, indent=2))
        return EXIT_OK
    say(f"Groupes proposés au {on:%d/%m/%Y} (règle CIP-GRP, au moins {proposal.min_size}) :")
    for number, line in enumerate(proposal_lines(proposal), start=1):
        say(f"  {line}" if number > len(proposal.groups) else f"  {number}. {line}")
    if proposal.groups:
        say("Pour en constituer un : passerelle groups create NUMÉRO")
    return EXIT_OK


def _create(store: Store, args: argparse.Namespace) -> int:
    from app.consolidation.groups import GroupError, group_line, record_group

    on = _on(args)
    proposal = _proposal(store, on)
    if not 1 <= args.number <= len(proposal.groups):
        said = f"Il y a {len(proposal.groups)} groupe(s) proposé(s) au {on:%d/%m/%Y}"
        raise GroupError(
            f"{said} : pas de numéro {args.number}.",
            terminal=f"{said} : pas de numéro {args.number} (voyez passerelle groups propose).",
        )
    with store.transaction() as session:
        row = record_group(
            session,
            proposal.groups[args.number - 1],
            store.user,
            on,
            name=args.name,
            afpa_centre=args.afpa,
        )
        session.flush()
        line = group_line(row)
    say(f"Groupe constitué : {line.line()}")
    return EXIT_OK


def _list(store: Store, args: argparse.Namespace) -> int:
    from app.consolidation.groups import group_lines

    with store.transaction() as session:
        lines = group_lines(session)
    if args.json:
        say(
            json.dumps(
                [
                    {
                        "id": line.id,
                        "uid": line.uid,
                        "name": line.name,
                        "kind": line.kind,
                        "regions": list(line.regions),
                        "status": line.status,
                        "afpa_centre": line.afpa_centre,
                        "starts_on": line.starts_on and line.starts_on.isoformat(),
                        "ends_on": line.ends_on and line.ends_on.isoformat(),
                        "members": line.members,
                    }
                    for line in lines
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_OK
    if not lines:
        say("Aucun groupe enregistré (passerelle groups propose, puis groups create).")
    for line in lines:
        say(line.line())
    return EXIT_OK


def _status(store: Store, args: argparse.Namespace) -> int:
    from app.consolidation.groups import STATUS_WORDS, find_group, set_status

    status = STATUS_TYPED.get(args.status.casefold(), args.status)
    with store.transaction() as session:
        group = find_group(session, args.group)
        set_status(session, group, status, store.user, _on(args))
        name = group.name
    say(f"Groupe « {name} » : {STATUS_WORDS[status]}.")
    return EXIT_OK


def _candidate_id(session, ref: str, siret: str | None) -> int:
    from app.store.candidates import find_candidate

    return find_candidate(session, ref, siret).id


def _remove(store: Store, args: argparse.Namespace) -> int:
    from app.consolidation.groups import find_group, remove_member

    with store.transaction() as session:
        group = find_group(session, args.group)
        cid = _candidate_id(session, args.candidate, args.siret)
        remove_member(session, group, cid, args.reason, store.user, _on(args))
        name = group.name
    say(f"{args.candidate} a quitté le groupe « {name} » ({args.reason}).")
    return EXIT_OK


def _move(store: Store, args: argparse.Namespace) -> int:
    from app.consolidation.groups import find_group, move_member

    with store.transaction() as session:
        group = find_group(session, args.group)
        target = find_group(session, args.to)
        cid = _candidate_id(session, args.candidate, args.siret)
        move_member(session, group, target, cid, args.reason, store.user, _on(args))
        names = group.name, target.name
    say(f"{args.candidate} passe du groupe « {names[0]} » au groupe « {names[1]} ».")
    return EXIT_OK


def _export(store: Store, args: argparse.Namespace) -> int:
    from app.consolidation.afpa_list import afpa_rows, write_csv, write_xlsx
    from app.consolidation.groups import GroupError, find_group
    from app.rules import load_rules

    out = Path(args.xlsx or args.csv)
    if not out.parent.is_dir():
        raise GroupError(f"Le dossier {out.parent} n'existe pas : rien n'a été écrit.")
    rules, catalogue = load_rules(), catalogue_in_use(store)
    with store.transaction() as session:
        group = find_group(session, args.group)
        rows = afpa_rows(session, group, _on(args), rules, catalogue)
        if args.xlsx:
            count = write_xlsx(rows, out, f"{group.name} — liste pour l'AFPA")
        else:
            count = write_csv(rows, out)
    say(f"Liste pour l'AFPA écrite ({count} membre{'s' if count > 1 else ''}) : {out}")
    return EXIT_OK


def _answer(store: Store, args: argparse.Namespace) -> int:
    from app.consolidation.answers import write_answers

    written = write_answers(store, args.group, Path(args.out))
    for one in written:
        say(
            f"{one.structure} (SIRET {one.siret}) : {one.members} candidat(s) — "
            f"{one.json_file.name}, brouillon {one.draft.name}"
        )
    say(f"{len(written)} réponse(s) écrite(s) dans {args.out} : ouvrez chaque brouillon .eml.")
    return EXIT_OK


ACTIONS = {
    "propose": _propose,
    "create": _create,
    "list": _list,
    "status": _status,
    "remove": _remove,
    "move": _move,
    "export": _export,
    "answer": _answer,
}
ACTIONS.update(SESSION_ACTIONS)
