"""A group's calendar (COORACE's workspace): collective half-days with their place and who
leads them, information meetings (each member's dated step), and the convocations that
follow from it. Every change is in the audit log. Attendance is in attendance.py."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.consolidation.groups import GroupError, audit_group, group_milestone, refuse_if_finished
from app.consolidation.mobilisation import HALF_DAY_WORDS, HALF_DAYS
from app.store.group_models import GroupHalfDayRow, GroupMemberRow, GroupRow

KINDS = {
    "collective": "journée collective",
    "info_collective": "réunion d'information collective",
    "info_targeted": "réunion d'information ciblée",
}
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
    """Adds `day`'s half-days to the calendar; refused for a half-day already there, a
    finished group, or a collective day none of its members is in the group (an
    information meeting may come before the group is formed)."""
    refuse_if_finished(group)
    if kind == "collective" and not any(_member_while(m, day) for m in group.members):
        joined = min((m.joined_on for m in group.members), default=None)
        since = f" (ses membres y sont depuis le {joined:%d/%m/%Y})" if joined else ""
        raise GroupError(
            f"Le {day:%d/%m/%Y}, le groupe « {group.name} » n'a aucun membre{since} : "
            "rien n'a été ajouté."
        )
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
    if milestone is not None:  # each member's dated step, as the CIP wizard records it;
        now = datetime.now()  # a meeting may come before the group is formed
        for member in group.members:
            if member.left_on is None or day <= member.left_on:
                group_milestone(session, member.candidate_id, milestone, day, group.name, user, now)
    audit_group(
        session,
        group.id,
        user,
        datetime.now(),
        {"group.calendar": (None, f"{KINDS[kind]} le {day:%d/%m/%Y} ({len(rows)}/2)")},
    )
    return rows


def slot_of(session: Session, group: GroupRow, day: date, half: str) -> GroupHalfDayRow | None:
    """The group's half-day on `day` (« matin » or « apres-midi »), or None."""
    return session.scalars(
        select(GroupHalfDayRow).where(
            GroupHalfDayRow.group_id == group.id,
            GroupHalfDayRow.day == day,
            GroupHalfDayRow.half == half,
        )
    ).first()


def remove_half_day(session: Session, group: GroupRow, day: date, half: str, user: str) -> None:
    """Takes a half-day typed by mistake off the calendar; refused once an attendance is
    recorded for it (the proof stays). A meeting's steps already in the members' history
    stay there, as every step recorded does."""
    from app.store.group_models import AttendanceRow

    refuse_if_finished(group)
    slot = slot_of(session, group, day, half)
    words = f"{day:%d/%m/%Y} ({HALF_DAY_WORDS.get(half, half)})"
    if slot is None:
        raise GroupError(f"Le {words} n'est pas au calendrier du groupe : rien n'a été retiré.")
    recorded = session.scalars(
        select(AttendanceRow.id).where(AttendanceRow.half_day_id == slot.id)
    ).first()
    if recorded is not None:
        raise GroupError(
            f"Des présences sont enregistrées pour le {words} : cette demi-journée reste au "
            "calendrier (rien n'a été retiré)."
        )
    session.delete(slot)
    session.flush()
    audit_group(
        session,
        group.id,
        user,
        datetime.now(),
        {"group.calendar": (f"{KINDS[slot.kind]} le {words}", None)},
    )


def half_days(session: Session, group: GroupRow) -> list[GroupHalfDayRow]:
    """The calendar in the order of the days, the morning before the afternoon."""
    rows = session.scalars(select(GroupHalfDayRow).where(GroupHalfDayRow.group_id == group.id))
    return sorted(rows, key=lambda row: (row.day, HALF_DAYS.index(row.half)))


def _member_while(member: GroupMemberRow, day: date) -> bool:
    return member.joined_on <= day and (member.left_on is None or day <= member.left_on)


def said_per_half(slots: list[GroupHalfDayRow], value) -> str:
    """What the half-days of one day say of `value` (their place, who leads them…): once
    when they agree, else per half-day, « matin : Orléans ; après-midi : Blois »."""
    values = [value(slot) or "" for slot in slots]
    if len(set(values)) <= 1:
        return values[0] if values else ""
    return " ; ".join(
        f"{HALF_DAY_WORDS[slot.half]} : {text or '—'}"
        for slot, text in zip(slots, values, strict=True)
    )
