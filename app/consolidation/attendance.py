"""Attendance at a group's collective half-days: each member's présent, absent excusé or
absent (in the audit log, and a dated step of the member's history), what a member was
planned and attended against rule CIP-MOB, and the attendance sheet of a day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.consolidation.calendar import (
    KINDS,
    _member_while,
    half_days,
    said_per_half,
    slot_of,
)
from app.consolidation.groups import (
    GroupError,
    audit_group,
    group_milestone,
    refuse_if_finished,
)
from app.consolidation.mobilisation import HALF_DAY_WORDS, check_mobilisation
from app.evaluation.checks import Check
from app.rules import Rules
from app.store.group_models import AttendanceRow, GroupHalfDayRow, GroupMemberRow, GroupRow
from app.text import folded

STATUSES = {"present": "présent", "excused": "absent excusé", "absent": "absent"}


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
    refuse_if_finished(group)
    if status not in STATUSES:
        raise GroupError(
            f"Présence inconnue « {status} » : present (présent), excuse (absent excusé) ou absent."
        )
    slot = slot_of(session, group, day, half)
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

    def short_text(self) -> str:
        """« 2 j sur 3 j prévus — CIP-MOB respectée », for a table's cell."""
        from app.evaluation.checks import MET, NOT_MET
        from app.french import number

        if not self.planned_days:
            return "aucune journée collective prévue"
        said = {MET: "CIP-MOB respectée", NOT_MET: "CIP-MOB non respectée"}
        rule = said.get(self.mobilisation.status, "à prévoir")
        attended, planned = number(self.attended_days), number(self.planned_days)
        everywhere = self.mobilisation.values.get("planned_days")
        if everywhere is not None and everywhere != self.planned_days:  # other groups too
            rule += f" ({number(everywhere)} j prévus dans tous ses groupes)"
        return f"{attended} j sur {planned} j prévus — {rule}"


def mobilisation_checks(session: Session, candidate_ids, rules: Rules) -> dict[int, Check]:
    """Rule CIP-MOB for each candidate of `candidate_ids` (a list, or a query of them):
    the collective half-days planned for them over all their stays in groups (a member
    moved from a group to another is checked on both), each plan checked once."""
    stays = session.execute(
        select(
            GroupMemberRow.candidate_id,
            GroupMemberRow.group_id,
            GroupMemberRow.joined_on,
            GroupMemberRow.left_on,
        ).where(GroupMemberRow.candidate_id.in_(candidate_ids))
    ).all()
    groups = {stay.group_id for stay in stays}
    days: dict[int, list[tuple[date, str]]] = {}
    for gid, day, half in session.execute(
        select(GroupHalfDayRow.group_id, GroupHalfDayRow.day, GroupHalfDayRow.half).where(
            GroupHalfDayRow.group_id.in_(groups), GroupHalfDayRow.kind == "collective"
        )
    ):
        days.setdefault(gid, []).append((day, half))
    planned: dict[int, set[tuple[date, str]]] = {}
    for stay in stays:
        mine = planned.setdefault(stay.candidate_id, set())
        mine.update(one for one in days.get(stay.group_id, ()) if _member_while(stay, one[0]))
    checked: dict[tuple, Check] = {}
    out = {}
    for cid, plan in planned.items():
        key = tuple(sorted(plan))
        if key not in checked:
            checked[key] = check_mobilisation(key, rules)
        out[cid] = checked[key]
    return out


def attendance_of(
    member: GroupMemberRow,
    slots: list[GroupHalfDayRow],
    present: set[int],
    mobilisation: Check,
    plans: dict | None = None,
) -> MemberAttendance:
    """What `member` was planned and attended among the group's half-days `slots`
    (collective ones while a member), `present` the half-days they were present at, and
    `mobilisation` their CIP-MOB (mobilisation_checks). `plans` keeps each stay's plan
    for the next member with the same (the board reads thousands)."""
    key = (id(slots), member.joined_on, member.left_on)
    planned = plans.get(key) if plans is not None else None
    if planned is None:
        planned = [s for s in slots if s.kind == "collective" and _member_while(member, s.day)]
        if plans is not None:
            plans[key] = planned
    return MemberAttendance(
        candidate_id=member.candidate_id,
        planned_days=Decimal(len(planned)) / 2,
        attended_days=Decimal(sum(1 for s in planned if s.id in present)) / 2,
        mobilisation=mobilisation,
    )


def member_attendance(
    session: Session, group: GroupRow, member: GroupMemberRow, rules: Rules
) -> MemberAttendance:
    """What one member was planned and attended (collective half-days while a member)."""
    present = set(
        session.scalars(
            select(AttendanceRow.half_day_id).where(
                AttendanceRow.candidate_id == member.candidate_id,
                AttendanceRow.status == "present",
            )
        )
    )
    cid = member.candidate_id
    check = mobilisation_checks(session, [cid], rules)[cid]
    return attendance_of(member, half_days(session, group), present, check)


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
        key=lambda m: (folded(m.structure), folded(m.name)),
    )
    return AttendanceSheet(
        group=group.name,
        day=day,
        halves=tuple(s.half for s in slots),
        place=said_per_half(slots, lambda s: s.place),
        led_by=said_per_half(slots, lambda s: s.led_by),
        kind=said_per_half(slots, lambda s: KINDS[s.kind]),
        members=tuple(members),
        filled=filled,
    )


@dataclass(frozen=True, slots=True)
class AttendanceGrid:
    """What the attendance table shows: the half-days in order, the members (present
    first), the attendance recorded per (member, half-day) and each member's days."""

    slots: tuple[GroupHalfDayRow, ...]
    members: tuple  # MemberLine, from overview.group_members
    recorded: dict[tuple[int, int], str]
    days: dict[int, MemberAttendance]

    def was_member(self, member, slot: GroupHalfDayRow) -> bool:
        return _member_while(member, slot.day)


def attendance_grid(session: Session, group: GroupRow, rules: Rules) -> AttendanceGrid:
    from app.consolidation.overview import group_members

    slots = half_days(session, group)
    recorded = {
        (row.candidate_id, row.half_day_id): row.status
        for row in session.scalars(
            select(AttendanceRow).where(AttendanceRow.half_day_id.in_([s.id for s in slots]))
        )
    }
    members = group_members(session, group.id)
    present: dict[int, set[int]] = {}
    for (cid, slot), status in recorded.items():
        if status == "present":
            present.setdefault(cid, set()).add(slot)
    checks = mobilisation_checks(session, [m.candidate_id for m in members], rules)
    days = {
        m.candidate_id: attendance_of(
            m, slots, present.get(m.candidate_id, set()), checks[m.candidate_id]
        )
        for m in members
    }
    return AttendanceGrid(tuple(slots), tuple(members), recorded, days)
