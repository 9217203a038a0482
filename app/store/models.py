"""The SQLite schema, as SQLAlchemy 2 typed models.

Current state lives in the rows of the structure, the candidates and their paths; the
`milestones` and `audit_log` tables are append-only (SQLite triggers refuse an update, and
a delete unless the candidate itself is being erased).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.store.base import Base, child_rows

# the supporting documents' and the groups' tables belong to the same schema (their own
# modules: seams of the domain)
from app.store.document_models import DocumentRow  # noqa: F401
from app.store.group_models import (  # noqa: F401
    AttendanceRow,
    GroupHalfDayRow,
    GroupMemberRow,
    GroupRow,
)


class StructureRow(Base):
    __tablename__ = "structures"

    id: Mapped[int] = mapped_column(primary_key=True)
    siret: Mapped[str] = mapped_column(String(14), unique=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(8))
    region: Mapped[str] = mapped_column(Text)
    address: Mapped[str | None] = mapped_column(Text)
    director: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(Text)
    # COORACE's workspace: the `exported_at` of the dossier its details were taken from
    # (a structure's details come from its latest dossier; revision 0006)
    details_exported_at: Mapped[str | None] = mapped_column(Text)


class CandidateRow(Base):
    __tablename__ = "candidates"
    __table_args__ = (
        UniqueConstraint("structure_id", "ref", name="uq_candidates_structure_ref"),
        # the list: name order, search text tested in the index (migration 0004)
        Index("ix_candidates_list", "sort_key", "search_text"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    structure_id: Mapped[int] = mapped_column(ForeignKey("structures.id", ondelete="RESTRICT"))
    ref: Mapped[str] = mapped_column(Text)
    last_name: Mapped[str] = mapped_column(Text)
    first_name: Mapped[str] = mapped_column(Text)
    birth_date: Mapped[date | None] = mapped_column(Date)
    email: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(Text)
    job_title: Mapped[str | None] = mapped_column(Text)
    hired_on: Mapped[date | None] = mapped_column(Date)
    contract: Mapped[str | None] = mapped_column(Text)
    agreement_given_on: Mapped[date | None] = mapped_column(Date)
    agreement_signatory: Mapped[str | None] = mapped_column(Text)
    # unaccented, lower-case: « durand eloise » sorts and « eloise » finds « Éloïse »
    sort_key: Mapped[str] = mapped_column(Text)
    search_text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    # the candidate's evaluation in one line of the list (app/evaluation/summary.py),
    # re-evaluated when `summary_until` comes; derived data, never audited
    paths: Mapped[str] = mapped_column(Text, default="", server_default="")
    cip_verdict: Mapped[str | None] = mapped_column(String(16))
    cisp_verdict: Mapped[str | None] = mapped_column(String(16))
    next_step: Mapped[str] = mapped_column(Text, default="", server_default="")
    stage: Mapped[str] = mapped_column(Text, default="", server_default="")  # revision 0008
    documents: Mapped[str] = mapped_column(Text, default="", server_default="")  # « 4/6 »
    next_deadline: Mapped[date | None] = mapped_column(Date)
    summary_on: Mapped[date | None] = mapped_column(Date)
    summary_until: Mapped[date | None] = mapped_column(Date)
    # revision 0006: the `exported_at` of the dossier last received by an import (ISO, as
    # written; None for a record only ever entered here), and the fingerprint of what the
    # record holds (app.exchange.dossier.content_sha256, kept by every save; None:
    # not known yet, computed from the rows) — an import's « unchanged » and « older »
    received_exported_at: Mapped[str | None] = mapped_column(Text)
    content_sha256: Mapped[str | None] = mapped_column(String(64))
    # the SHA-256 of that document's text, to the byte: the same file received again is
    # known without being read (app/store/received.known_texts)
    received_text_sha256: Mapped[str | None] = mapped_column(String(64), index=True)

    structure: Mapped[StructureRow] = relationship()
    experiences: Mapped[list[ExperienceRow]] = child_rows("ExperienceRow.position")
    courses: Mapped[list[CourseRow]] = child_rows("CourseRow.position")
    cip: Mapped[CipRow | None] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, uselist=False
    )
    cisp: Mapped[CispRow | None] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, uselist=False
    )


def _candidate_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)


class ExperienceRow(Base):
    __tablename__ = "experience_periods"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = _candidate_fk()
    position: Mapped[int] = mapped_column(Integer)
    employer: Mapped[str | None] = mapped_column(Text)
    job_title: Mapped[str | None] = mapped_column(Text)
    accompaniment_function: Mapped[bool] = mapped_column(Boolean)
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date | None] = mapped_column(Date)
    fte: Mapped[float] = mapped_column(Float)


class CourseRow(Base):
    __tablename__ = "courses_taken"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = _candidate_fk()
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    ended_on: Mapped[date] = mapped_column(Date)
    attestation: Mapped[str | None] = mapped_column(Text)
    added_by_hand: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")


class CipRow(Base):
    __tablename__ = "cip_paths"

    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidates.id", ondelete="CASCADE"), primary_key=True
    )
    positioning_score_pct: Mapped[float | None] = mapped_column(Float)
    admissibility_decision_on: Mapped[date | None] = mapped_column(Date)
    vae_result_on: Mapped[date | None] = mapped_column(Date)
    cost_eur: Mapped[float | None] = mapped_column(Float)
    # the steps the CIP wizard records (revision 0005)
    collective_meeting_on: Mapped[date | None] = mapped_column(Date)
    targeted_meeting_on: Mapped[date | None] = mapped_column(Date)
    positioning_on: Mapped[date | None] = mapped_column(Date)
    retest_on: Mapped[date | None] = mapped_column(Date)
    admissibility_filed_on: Mapped[date | None] = mapped_column(Date)
    jury_on: Mapped[date | None] = mapped_column(Date)
    vae_outcome: Mapped[str | None] = mapped_column(String(16))
    # a partial outcome's activities (CCP) validated: « 1,3 » (revision 0008)
    validated_activities: Mapped[str | None] = mapped_column(String(40))
    # a candidacy closed (« abandon »), and taken up again (revision 0008)
    closed_on: Mapped[date | None] = mapped_column(Date)
    closed_reason: Mapped[str | None] = mapped_column(String(24))
    closed_note: Mapped[str | None] = mapped_column(Text)
    resumed_on: Mapped[date | None] = mapped_column(Date)

    financing: Mapped[list[FinancingRow]] = child_rows("FinancingRow.position")
    gap_analysis: Mapped[list[GapRow]] = child_rows("GapRow.position")
    upgrading_courses: Mapped[list[UpgradingRow]] = child_rows("UpgradingRow.position")
    accompaniment_sessions: Mapped[list[AccompanimentRow]] = child_rows("AccompanimentRow.position")


def _cip_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("cip_paths.candidate_id", ondelete="CASCADE"), index=True)


class UpgradingRow(Base):
    """A complementary course after a positioning test below the threshold."""

    __tablename__ = "upgrading_courses"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = _cip_fk()
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)


class AccompanimentRow(Base):
    """A VAE accompaniment session."""

    __tablename__ = "accompaniment_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = _cip_fk()
    position: Mapped[int] = mapped_column(Integer)
    held_on: Mapped[date] = mapped_column(Date)


class FinancingRow(Base):
    __tablename__ = "financing_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("cip_paths.candidate_id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(24))
    amount_eur: Mapped[float] = mapped_column(Float)
    hours: Mapped[float | None] = mapped_column(Float)


class GapRow(Base):
    __tablename__ = "gap_assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("cip_paths.candidate_id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    competence: Mapped[str] = mapped_column(String(12))
    status: Mapped[str] = mapped_column(String(8))
    note: Mapped[str | None] = mapped_column(Text)


class CispRow(Base):
    __tablename__ = "cisp_paths"

    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidates.id", ondelete="CASCADE"), primary_key=True
    )
    registered_on: Mapped[date | None] = mapped_column(Date)
    commission_decision: Mapped[str | None] = mapped_column(String(12))
    commission_date: Mapped[date | None] = mapped_column(Date)
    # recorded by the CISP wizard (revision 0005)
    filed_by_employer: Mapped[bool | None] = mapped_column(Boolean)
    contracted_on: Mapped[date | None] = mapped_column(Date)
    # a candidacy closed (« abandon »), and taken up again (revision 0008)
    closed_on: Mapped[date | None] = mapped_column(Date)
    closed_reason: Mapped[str | None] = mapped_column(String(24))
    closed_note: Mapped[str | None] = mapped_column(Text)
    resumed_on: Mapped[date | None] = mapped_column(Date)

    pole_sessions: Mapped[list[PoleSessionRow]] = child_rows("PoleSessionRow.position")
    planned_courses: Mapped[list[PlannedRow]] = child_rows("PlannedRow.position")


class PlannedRow(Base):
    """A course of the individual CISP path still to take."""

    __tablename__ = "planned_courses"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("cisp_paths.candidate_id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(Text)
    planned_on: Mapped[date | None] = mapped_column(Date)


class PoleSessionRow(Base):
    __tablename__ = "pole_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("cisp_paths.candidate_id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    pole: Mapped[int] = mapped_column(Integer)
    held_on: Mapped[date] = mapped_column(Date)
    result: Mapped[str] = mapped_column(String(16))


class MilestoneRow(Base):
    """A dated step of a path, appended, never rewritten."""

    __tablename__ = "milestones"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = _candidate_fk()
    path: Mapped[str] = mapped_column(String(4))  # "cip" or "cisp"
    kind: Mapped[str] = mapped_column(String(32))
    occurred_on: Mapped[date] = mapped_column(Date)
    detail: Mapped[str | None] = mapped_column(Text)  # never personal free text
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    recorded_by: Mapped[str] = mapped_column(Text)


class AuditRow(Base):
    """Who changed what, when; values of sensitive free text are never copied here."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    user: Mapped[str] = mapped_column(Text)
    entity: Mapped[str] = mapped_column(String(24))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    candidate_id: Mapped[int | None] = mapped_column(
        ForeignKey("candidates.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(String(12))  # create, update, delete
    changes: Mapped[str] = mapped_column(Text)  # JSON: {field: [old, new]}


class ErasureRow(Base):
    """A candidate erased (right to erasure), by a one-way key of SIRET and reference: a
    restored backup that still holds them is purged again."""

    __tablename__ = "erasures"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    erased_at: Mapped[datetime] = mapped_column(DateTime)


def erasure_key(siret: str, ref: str) -> str:
    import hashlib

    return hashlib.sha256(f"passerelle\x1f{siret}\x1f{ref}".encode()).hexdigest()


def erased_again(created_at: datetime, erased_at: datetime | None) -> bool:
    """Whether an erasure of `erased_at` applies to a candidate's record created at
    `created_at`: it does to a record that existed when the candidate was erased, not to
    one created afterwards (the candidate imported again, or entered anew)."""
    return erased_at is not None and created_at <= erased_at


class SettingRow(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class DraftRow(Base):
    """A wizard closed half-way: what was typed (the exchange document of the dossier
    being filled in, as JSON) and the page it stopped at. One per candidate and path."""

    __tablename__ = "wizard_drafts"
    __table_args__ = (UniqueConstraint("candidate_id", "path"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidates.id", ondelete="CASCADE"), index=True
    )
    path: Mapped[str] = mapped_column(String(4))  # "cip" or "cisp"
    page: Mapped[int] = mapped_column(Integer)
    document: Mapped[str] = mapped_column(Text)
    saved_at: Mapped[datetime] = mapped_column(DateTime)
