"""`passerelle groups calendar | attendance | convocations | funding`: a group's collective
accompaniment — its calendar (rule CIP-MOB per member), attendance and the day's sheet,
the members' convocations, and what the funder needs."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from app.cli.exits import EXIT_OK
from app.cli.terminal import say
from app.store.database import Store

HALVES = {"matin": ("matin",), "apres-midi": ("apres-midi",), "journee": ("matin", "apres-midi")}
PRESENCE_TYPED = {
    "present": "present",
    "présent": "present",
    "excuse": "excused",
    "excusé": "excused",
    "absent excusé": "excused",
    "absent excuse": "excused",
    "excused": "excused",
    "absent": "absent",
}


def _calendar(store: Store, args: argparse.Namespace) -> int:
    from app.consolidation.attendance import member_attendance
    from app.consolidation.calendar import KINDS, add_half_days, half_days
    from app.consolidation.groups import find_group
    from app.consolidation.mobilisation import HALF_DAY_WORDS
    from app.rules import load_rules
    from app.store.models import CandidateRow

    with store.transaction() as session:
        group = find_group(session, args.group)
        if args.add:
            add_half_days(
                session,
                group,
                args.add,
                HALVES[args.half],
                store.user,
                kind=args.kind,
                place=args.place,
                led_by=args.led_by,
            )
        say(f"Calendrier du groupe « {group.name} » :")
        slots = half_days(session, group)
        for slot in slots:
            where = f" — {slot.place}" if slot.place else ""
            who = f" — animé par {slot.led_by}" if slot.led_by else ""
            say(
                f"  {slot.day:%d/%m/%Y} {HALF_DAY_WORDS[slot.half]} : {KINDS[slot.kind]}"
                f"{where}{who}"
            )
        if not slots:
            say("  (aucune demi-journée : --add AAAA-MM-JJ pour en ajouter)")
        rules = load_rules()
        for member in group.members:
            if member.left_on is not None:
                continue
            row = session.get(CandidateRow, member.candidate_id)
            summary = member_attendance(session, group, member, rules)
            say(f"  {row.first_name} {row.last_name} ({row.ref}) : {summary.text()}")
    return EXIT_OK


def _attendance(store: Store, args: argparse.Namespace) -> int:
    from app.consolidation.attendance import record_attendance, sheet_of
    from app.consolidation.groups import GroupError, find_group
    from app.export.attendance_sheet import attendance_sheet_pdf
    from app.store.candidates import find_candidate
    from app.store.files import refuse_existing, write_private_bytes

    out = Path(args.pdf) if args.pdf else None
    if out is not None:  # checked first: a refusal leaves the attendance as it was
        if not out.parent.is_dir():
            raise GroupError(f"Le dossier {out.parent} n'existe pas : rien n'a été écrit.")
        refuse_existing(out)
    recorded = None
    with store.transaction() as session:
        group = find_group(session, args.group)
        if args.candidate:
            if not args.status:
                raise GroupError("Donnez la présence : --status present, excuse ou absent.")
            status = PRESENCE_TYPED.get(args.status.casefold(), args.status)
            cid = find_candidate(session, args.candidate, args.siret).id
            halves = HALVES[args.half]
            if args.half == "journee":  # the half-days of that day in the calendar
                from app.consolidation.calendar import half_days

                halves = tuple(s.half for s in half_days(session, group) if s.day == args.day)
            for half in halves or HALVES[args.half]:
                record_attendance(session, group, cid, args.day, half, status, store.user)
            from app.consolidation.attendance import STATUSES
            from app.consolidation.mobilisation import HALF_DAY_WORDS

            when = " et ".join(HALF_DAY_WORDS[h] for h in halves or HALVES[args.half])
            recorded = (
                f"Présence enregistrée : {args.candidate}, le {args.day:%d/%m/%Y} ({when}) : "
                f"{STATUSES[status]}."
            )
        sheet = sheet_of(session, group, args.day, filled=not args.blank) if out else None
    if recorded:  # said once it is recorded (the transaction has ended)
        say(recorded)
    if out is not None:
        write_private_bytes(out, attendance_sheet_pdf(sheet))
        kind = "vierge" if args.blank else "avec les présences enregistrées"
        say(f"Feuille d'émargement du {args.day:%d/%m/%Y} ({kind}) : {out}")
    return EXIT_OK


def _funding(store: Store, args: argparse.Namespace) -> int:
    from app.consolidation.funding import write_funding
    from app.consolidation.groups import GroupError, find_group
    from app.rules import load_rules

    if not args.xlsx and not args.pdf:
        raise GroupError("Donnez le fichier à écrire : --xlsx FICHIER, --pdf FICHIER, ou les deux.")
    xlsx, pdf = (Path(out) if out else None for out in (args.xlsx, args.pdf))
    with store.transaction() as session:
        group = find_group(session, args.group)
        lines = write_funding(session, group, load_rules(), args.on or date.today(), xlsx, pdf)
    from app.french import plural

    entered = sum(line.entered_vae for line in lines)
    written = " et ".join(str(out) for out in (xlsx, pdf) if out)
    members = f"{len(lines)} {plural(len(lines), 'membre', 'membres')}"
    members += f", {entered} {plural(entered, 'entré', 'entrés')} en VAE"
    say(f"Synthèse pour le financeur ({members}) : {written}")
    return EXIT_OK


def _board(store: Store, args: argparse.Namespace) -> int:
    from app.consolidation.board import group_board, summary_of
    from app.consolidation.groups import find_group
    from app.rules import load_rules

    on = args.on or date.today()
    with store.transaction() as session:
        group = find_group(session, args.group)
        lines = group_board(session, group.id, on, load_rules())
    say(f"Tableau de bord du groupe « {group.name} » au {on:%d/%m/%Y} : {summary_of(lines).text()}")
    for line in lines:
        gone = "" if line.present else f" — a quitté le groupe le {line.left_on:%d/%m/%Y}"
        say(f"{line.name} ({line.ref}, {line.structure}){gone}")
        say(f"  Recevabilité : {line.admissibility_text()}")
        say(f"  Accompagnement : {line.accompaniment_text()} ; jury : {line.jury_text()} ; "
            f"résultat : {line.result_text()}")  # fmt: skip
        alert = "⚠ " if line.warning else ""  # the words say whether near or passed
        say(f"  Échéance VAE (CIP-VAE) : {alert}{line.deadline_text(on)}")
        say(f"  Présence : {line.attendance_text()}")
        say(f"  Financement : {line.financing_text()}")
    return EXIT_OK


def _convocations(store: Store, args: argparse.Namespace) -> int:
    from app.consolidation.convocations import write_convocations
    from app.french import plural

    out = Path(args.out)
    written = write_convocations(store, args.group, out, args.on)
    for one in written:
        to = (
            " — brouillon adressé au candidat (sa structure n'a pas de courriel)"
            if one.to_candidate
            else ""
            if one.addressed
            else " — sans adresse : la messagerie la demandera"
        )
        say(f"{one.member} ({one.structure}) : {one.pdf.name}, brouillon {one.draft.name}{to}")
    count = len(written)
    said = plural(count, "convocation écrite", "convocations écrites")
    say(f"{count} {said} dans {out}.")
    return EXIT_OK


SESSION_ACTIONS = {
    "calendar": _calendar,
    "attendance": _attendance,
    "convocations": _convocations,
    "funding": _funding,
    "board": _board,
}
