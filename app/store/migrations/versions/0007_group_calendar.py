"""Calendrier des groupes et émargement

Revision: 0007 (after 0006)
Created: 2026-12-02 03:45:00

The half-days of a group's calendar (collective days, information meetings: date, half,
place, who leads them) and each member's attendance at them.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "group_half_days",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("half", sa.String(length=12), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("place", sa.Text(), nullable=True),
        sa.Column("led_by", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["groups.id"],
            name=op.f("fk_group_half_days_group_id_groups"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_half_days")),
        sa.UniqueConstraint("group_id", "day", "half", name=op.f("uq_group_half_days_group_id")),
    )
    op.create_index(
        op.f("ix_group_half_days_group_id"), "group_half_days", ["group_id"], unique=False
    )
    op.create_table(
        "attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("half_day_id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["half_day_id"],
            ["group_half_days.id"],
            name=op.f("fk_attendance_half_day_id_group_half_days"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidates.id"],
            name=op.f("fk_attendance_candidate_id_candidates"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance")),
        sa.UniqueConstraint("half_day_id", "candidate_id", name=op.f("uq_attendance_half_day_id")),
    )
    for column in ("half_day_id", "candidate_id"):
        op.create_index(op.f(f"ix_attendance_{column}"), "attendance", [column], unique=False)


def downgrade() -> None:
    for column in ("half_day_id", "candidate_id"):
        op.drop_index(op.f(f"ix_attendance_{column}"), table_name="attendance")
    op.drop_table("attendance")
    op.drop_index(op.f("ix_group_half_days_group_id"), table_name="group_half_days")
    op.drop_table("group_half_days")
