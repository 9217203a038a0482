"""The tables of the collective VAE's groups (revision 0006).

In COORACE's workspace a group is recorded from a proposal (« Constituer ce groupe ») and
lives through its statuses; in a structure's workspace the same tables hold the groups
COORACE's answers told it about, with only that structure's members. A member who leaves
(moved to another group, removed) keeps their line, dated, with the reason.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.store.base import Base


class GroupRow(Base):
    __tablename__ = "groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    # the group's identity between COORACE and the structures (a UUID, never reused)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))  # regional, inter-regional, national
    regions: Mapped[str] = mapped_column(Text)  # JSON list of the regions' texts
    afpa_centre: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))  # proposed, constituted, running, finished
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)  # why the group was proposed, in French
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    # a structure's workspace: the `exported_at` of the answer the group was read from
    answered_at: Mapped[str | None] = mapped_column(Text)

    members: Mapped[list[GroupMemberRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="GroupMemberRow.id"
    )


class GroupMemberRow(Base):
    """A candidate in a group, from the day they joined; `left_on` and `left_reason` once
    they left it (moved to another group, removed)."""

    __tablename__ = "group_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidates.id", ondelete="CASCADE"), index=True
    )
    joined_on: Mapped[date] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date)
    left_reason: Mapped[str | None] = mapped_column(Text)


class GroupHalfDayRow(Base):
    """A half-day of the group's calendar: a collective day (CIP-MOB), or an information
    meeting (collective, targeted) that dates each member's milestone."""

    __tablename__ = "group_half_days"
    __table_args__ = (UniqueConstraint("group_id", "day", "half"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(Date)
    half: Mapped[str] = mapped_column(String(12))  # matin, apres-midi
    kind: Mapped[str] = mapped_column(String(24))  # collective, info_collective, info_targeted
    place: Mapped[str | None] = mapped_column(Text)
    led_by: Mapped[str | None] = mapped_column(Text)  # COORACE, AFPA, or both


class AttendanceRow(Base):
    """A member's attendance at a half-day: present, excused, absent."""

    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("half_day_id", "candidate_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    half_day_id: Mapped[int] = mapped_column(
        ForeignKey("group_half_days.id", ondelete="CASCADE"), index=True
    )
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidates.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(12))  # present, excused, absent
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    recorded_by: Mapped[str] = mapped_column(Text)
