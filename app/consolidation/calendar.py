"""A group's calendar and attendance (COORACE's workspace): collective half-days with their
place and who leads them, information meetings, and each member's attendance (présent,
absent excusé, absent). Every change is in the audit log; each attendance recorded is a
dated step of the member's history. CIP-MOB is checked per member on the half-days
planned while they are in the group."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.consolidation.groups import GroupError, audit_group, group_milestone
from app.consolidation.mobilisation import HALF_DAY_WORDS, HALF_DAYS, check_mobilisation
from app.evaluation.checks import Check
from app.rules import Rules
from app.store.group_models import AttendanceRow, GroupHalfDayRow, GroupMemberRow, GroupRow

KINDS = {
    "collective": "journée collective",
    "info_collective": "réunion d'information collective",
    "info_targeted": "réunion d'information ciblée",
}
STATUSES = {"present": "présent", "excused": "absent excusé", "absent": "absent"}
# an information meeting recorded for the group dates this step of each member's path
MEETING_MILESTONES = {
    "info_collective": "collective_information",
    "info_targeted": "targeted_information",
}


def _text(value: str | None, field: str) -> str | None:
    from app.consolidation.groups import _text as checked

    return (checked(value, field) or None) if value else None


def add_half_days(
    session: Session,
    group: GroupRow,
    day: date,
    halves: tuple[str, ...],
    user: str,
    kind: str = "collective",
    place: str | None = None,
    led_by: str | None = None,
) -> list[GroupHalfDayRow]:
    """Adds `day`'s half-days to the calendar (a half-day already there is refused)."""
    if kind not in KINDS:
        raise GroupError(f"Type de journée inconnu « {kind} » : {', '.join(KINDS)}.")
    for half in halves:
        if half not in HALF_DAYS:
            raise GroupError(f"Demi-journée inconnue « {half} » : matin ou apres-midi.")
    held = {
        (row.day, row.half)
        for row in session.scalars(
            select(GroupHalfDayRow).where(GroupHalfDayRow.group_id == group.id)
        )
    }
    taken = [half for half in halves if (day, half) in held]
    if taken:
        words = ", ".join(HALF_DAY_WORDS[h] for h in taken)
        raise GroupError(
            f"Le {day:%d/%m/%Y} ({words}) est déjà au calendrier : rien n'a été ajouté."
        )
    place, led_by = _text(place, "Lieu"), _text(led_by, "Animé par")
    rows = [
        GroupHalfDayRow(
            group_id=group.id, day=day, half=half, kind=kind, place=place, led_by=led_by
        )
        for half in halves
    ]
    session.add_all(rows)
    session.flush()
    milestone = MEETING_MILESTONES.get(kind)
    if milestone is not None:  # each member's dated step, as the CIP wizard records it
        now = datetime.now()
        for member in group.members:
            if _member_while(member, day):
                group_milestone(session, member.candidate_id, milestone, day, group.name, user, now)
    audit_group(
        session,
        group.id,
        user,
        datetime.now(),
        {"group.calendar": (None, f"{KINDS[kind]} le {day:%d/%m/%Y} ({len(rows)}/2)")},
    )
    return rows


def half_days(session: Session, group: GroupRow) -> list[GroupHalfDayRow]:
    """The calendar in the order of the days, the morning before the afternoon."""
    rows = session.scalars(select(GroupHalfDayRow).where(GroupHalfDayRow.group_id == group.id))
    return sorted(rows, key=lambda row: (row.day, HALF_DAYS.index(row.half)))


def _member_while(member: GroupMemberRow, day: date) -> bool:
    return member.joined_on <= day and (member.left_on is None or day <= member.left_on)


def record_attendance(
    session: Session,
    group: GroupRow,
    candidate_id: int,
    day: date,
    half: str,
    status: str,
    user: str,
) -> None:
    """A member's attendance at a half-day of the calendar (changed if recorded before)."""
    if status not in STATUSES:
        raise GroupError(f"Présence inconnue « {status} » : {', '.join(STATUSES)}.")
    slot = session.scalars(
        select(GroupHalfDayRow).where(
            GroupHalfDayRow.group_id == group.id,
            GroupHalfDayRow.day == day,
            GroupHalfDayRow.half == half,
        )
    ).first()
    if slot is None:
        raise GroupError(
            f"Le {day:%d/%m/%Y} ({HALF_DAY_WORDS.get(half, half)}) n'est pas au calendrier du "
            "groupe : rien n'a été enregistré."
        )
    if not any(m.candidate_id == candidate_id and _member_while(m, day) for m in group.members):
        raise GroupError("Ce candidat n'était pas membre du groupe ce jour-là.")
    row = session.scalars(
        select(AttendanceRow).where(
            AttendanceRow.half_day_id == slot.id, AttendanceRow.candidate_id == candidate_id
        )
    ).first()
    now = datetime.now()
    old = None if row is None else row.status
    if row is None:
        row = AttendanceRow(half_day_id=slot.id, candidate_id=candidate_id)
        session.add(row)
    row.status, row.recorded_at, row.recorded_by = status, now, user
    detail = f"{KINDS[slot.kind]}, {HALF_DAY_WORDS[half]} : {STATUSES[status]}"
    group_milestone(session, candidate_id, "attendance", day, detail, user, now)
    audit_group(
        session,
        group.id,
        user,
        now,
        {f"group.attendance.{day.isoformat()}.{half}": (old, status)},
        candidate_id=candidate_id,
    )


@dataclass(frozen=True, slots=True)
class MemberAttendance:
    candidate_id: int
    planned_days: Decimal
    attended_days: Decimal
    mobilisation: Check

    def text(self) -> str:
        from app.french import number, plural

        attended = f"{number(self.attended_days)} {plural(self.attended_days, 'jour', 'jours')}"
        followed = plural(self.attended_days, "suivi", "suivis")
        planned = f"{number(self.planned_days)} {plural(self.planned_days, 'prévu', 'prévus')}"
        return f"{attended} {followed} sur {planned} — CIP-MOB : {self.mobilisation.reason}"


def member_attendance(
    session: Session, group: GroupRow, member: GroupMemberRow, rules: Rules
) -> MemberAttendance:
    """What one member was planned and attended (collective half-days while a member)."""
    slots = [
        s
        for s in half_days(session, group)
        if s.kind == "collective" and _member_while(member, s.day)
    ]
    present = {
        row.half_day_id
        for row in session.scalars(
            select(AttendanceRow).where(
                AttendanceRow.candidate_id == member.candidate_id,
                AttendanceRow.status == "present",
            )
        )
    }
    check = check_mobilisation([(s.day, s.half) for s in slots], rules)
    return MemberAttendance(
        candidate_id=member.candidate_id,
        planned_days=Decimal(len(slots)) / 2,
        attended_days=Decimal(sum(1 for s in slots if s.id in present)) / 2,
        mobilisation=check,
    )


def sheet_of(session: Session, group: GroupRow, day: date, filled: bool):
    """The attendance sheet of `day` (blank, or `filled` with the attendance recorded):
    every member of the group that day once, by structure then name."""
    from app.export.attendance_sheet import AttendanceSheet, SheetMember
    from app.store.models import CandidateRow, StructureRow

    slots = [s for s in half_days(session, group) if s.day == day]
    if not slots:
        raise GroupError(f"Le {day:%d/%m/%Y} n'est pas au calendrier du groupe.")
    recorded = {
        (row.half_day_id, row.candidate_id): row.status
        for row in session.scalars(
            select(AttendanceRow).where(AttendanceRow.half_day_id.in_([s.id for s in slots]))
        )
    }
    present = [m for m in group.members if _member_while(m, day)]
    people = session.execute(
        select(CandidateRow.id, CandidateRow.first_name, CandidateRow.last_name, StructureRow.name)
        .join(CandidateRow.structure)
        .where(CandidateRow.id.in_([m.candidate_id for m in present]))
    ).all()
    members = sorted(
        (
            SheetMember(
                name=f"{last} {first}",
                structure=structure,
                attendance={
                    s.half: recorded[(s.id, cid)] for s in slots if (s.id, cid) in recorded
                },
            )
            for cid, first, last, structure in people
        ),
        key=lambda m: (m.structure.casefold(), m.name.casefold()),
    )
    first = slots[0]
    return AttendanceSheet(
        group=group.name,
        day=day,
        halves=tuple(s.half for s in sorted(slots, key=lambda s: HALF_DAYS.index(s.half))),
        place=first.place or "",
        led_by=first.led_by or "",
        kind=KINDS[first.kind],
        members=tuple(members),
        filled=filled,
    )


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
