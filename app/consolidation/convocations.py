"""A group's convocations: for each member now in the group, a letter (PDF) with the
group, its days from the member's joining on, the places and what to bring, and an .eml
draft to the member's structure (to the candidate only when the structure gave their
address and has none itself). Written all or nothing, never over a file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from app.consolidation.calendar import KINDS, half_days
from app.store.database import Store
from app.store.group_models import GroupHalfDayRow, GroupRow


def convocations_of(session: Session, group: GroupRow, service: str):
    """A convocation per member now in the group, with the days of the calendar from today
    on (collective days and meetings), and where to send it: (candidate id, the letter,
    the address — the structure's, else the candidate's when the structure gave it)."""
    from app.export.convocation import Convocation, ConvocationDay
    from app.store.models import CandidateRow

    slots = half_days(session, group)
    days: dict[date, list[GroupHalfDayRow]] = {}
    for slot in slots:
        days.setdefault(slot.day, []).append(slot)
    out = []
    for member in group.members:
        if member.left_on is not None:
            continue
        row = session.get(CandidateRow, member.candidate_id)
        planned = tuple(
            ConvocationDay(
                day=day,
                halves=tuple(s.half for s in same),
                place=same[0].place or "",
                led_by=same[0].led_by or "",
                kind=KINDS[same[0].kind],
            )
            for day, same in sorted(days.items())
            if day >= member.joined_on
        )
        name = f"{row.first_name} {row.last_name}"
        letter = Convocation(name, row.structure.name, group.name, planned, service)
        out.append((row.id, letter, row.structure.email or row.email))
    return out


@dataclass(frozen=True, slots=True)
class WrittenConvocation:
    member: str
    structure: str
    pdf: Path
    draft: Path
    addressed: bool  # the draft has its « To: »


def write_convocations(store: Store, key: str, out: Path) -> list[WrittenConvocation]:
    """Writes in `out` each present member's convocation and its draft."""
    from app.consolidation.answers import _file_stem
    from app.consolidation.groups import GroupError, find_group
    from app.export.convocation import convocation_pdf
    from app.export.mail import convocation_draft
    from app.store.files import write_private_bytes
    from app.store.workspace import current_coorace_setup

    setup = current_coorace_setup(store)
    service = setup.service if setup else "COORACE"
    with store.transaction() as session:
        group = find_group(session, key)
        letters = convocations_of(session, group, service)
    if not letters or not any(letter.days for _cid, letter, _to in letters):
        raise GroupError("Le calendrier du groupe est vide : aucune convocation à écrire.")
    out.mkdir(parents=True, exist_ok=True)
    planned = []
    for _cid, letter, to in letters:
        stem = f"convocation-{_file_stem(letter.member)}-{_file_stem(group.name)}"
        planned.append((letter, to, out / f"{stem}.pdf", out / f"{stem}.eml"))
    taken = [str(p) for _l, _t, pdf, eml in planned for p in (pdf, eml) if p.exists()]
    if taken:
        raise GroupError(f"Ces fichiers existent déjà : {', '.join(taken)} ; rien n'a été écrit.")
    written = []
    for letter, to, pdf, eml in planned:
        data = convocation_pdf(letter)
        write_private_bytes(pdf, data)
        message = convocation_draft(
            to, store.user, service, letter.member, group.name, data, pdf.name,
            sender_email=setup.coorace_email if setup else None,
        )  # fmt: skip
        write_private_bytes(eml, bytes(message))
        written.append(WrittenConvocation(letter.member, letter.structure, pdf, eml, bool(to)))
    return written
