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


def _rows(slots: list[GroupHalfDayRow]) -> tuple:
    """The letter's rows: a day's half-days together when they share their nature, place
    and who leads them, else one row each."""
    from app.export.convocation import ConvocationDay

    rows: list[list[GroupHalfDayRow]] = []
    for slot in slots:
        last = rows[-1][-1] if rows else None
        same = last is not None and (last.day, last.kind, last.place, last.led_by) == (
            slot.day, slot.kind, slot.place, slot.led_by
        )  # fmt: skip
        if same:
            rows[-1].append(slot)
        else:
            rows.append([slot])
    return tuple(
        ConvocationDay(
            day=row[0].day,
            halves=tuple(s.half for s in row),
            place=row[0].place or "",
            led_by=row[0].led_by or "",
            kind=KINDS[row[0].kind],
        )
        for row in rows
    )


def convocations_of(session: Session, group: GroupRow, service: str, on: date):
    """A convocation per member now in the group, with the half-days of the calendar from
    `on` (and from their joining) on, collective days and meetings; and where to send it:
    (their reference, the letter, the address, True when it is the candidate's own — the
    structure gave it in the dossier and has no address itself)."""
    from app.export.convocation import Convocation
    from app.store.models import CandidateRow

    slots = half_days(session, group)
    out = []
    for member in group.members:
        if member.left_on is not None:
            continue
        row = session.get(CandidateRow, member.candidate_id)
        coming = [s for s in slots if s.day >= max(member.joined_on, on)]
        name = f"{row.first_name} {row.last_name}"
        letter = Convocation(name, row.structure.name, group.name, _rows(coming), service, on)
        to = row.structure.email or row.email
        out.append((row.ref, letter, to, not row.structure.email and bool(row.email)))
    return out


@dataclass(frozen=True, slots=True)
class WrittenConvocation:
    member: str
    structure: str
    pdf: Path
    draft: Path
    addressed: bool  # the draft has its « To: »
    to_candidate: bool  # to the candidate's own address (the structure has none)


def write_convocations(
    store: Store, key: str, out: Path, on: date | None = None
) -> list[WrittenConvocation]:
    """Writes in `out` each present member's convocation (the days from `on`, today
    unless given) and its draft."""
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
        letters = convocations_of(session, group, service, on or date.today())
    if not letters or not any(letter.days for _ref, letter, _to, _own in letters):
        raise GroupError(
            "Aucune journée à venir au calendrier du groupe : aucune convocation à écrire."
        )
    out.mkdir(parents=True, exist_ok=True)
    planned = []
    stems: set[str] = set()
    for ref, letter, to, own in letters:  # the reference tells two homonyms apart
        stem = base = f"convocation-{_file_stem(letter.member)}-{_file_stem(ref)}"
        for number in range(2, len(letters) + 2):  # the same reference at two structures
            if stem not in stems:
                break
            stem = f"{base}-{number}"
        stems.add(stem)
        planned.append((letter, to, own, out / f"{stem}.pdf", out / f"{stem}.eml"))
    taken = [str(p) for *_l, pdf, eml in planned for p in (pdf, eml) if p.exists()]
    if taken:
        raise GroupError(f"Ces fichiers existent déjà : {', '.join(taken)} ; rien n'a été écrit.")
    written = []
    for letter, to, own, pdf, eml in planned:
        data = convocation_pdf(letter)
        write_private_bytes(pdf, data)
        message = convocation_draft(
            to, store.user, service, letter.member, group.name, data, pdf.name,
            sender_email=setup.coorace_email if setup else None, to_candidate=own,
        )  # fmt: skip
        write_private_bytes(eml, bytes(message))
        written.append(WrittenConvocation(letter.member, letter.structure, pdf, eml, bool(to), own))
    return written
