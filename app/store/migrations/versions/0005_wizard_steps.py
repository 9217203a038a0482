"""Étapes des assistants CIP et CISP, et brouillons

Revision: 0005 (after 0004)
Created: 2026-11-29 03:20:00

The steps the two wizards record beyond EXCHANGE.md's keys (information meetings, test
date, upgrading plan, VAE steps; CISP deposit by the employer, contracted path, planned
courses; courses added by hand), and the drafts of wizards closed half-way.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _child_table(name: str, parent: str, *columns: sa.Column) -> None:
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        *columns,
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            [f"{parent}.candidate_id"],
            name=op.f(f"fk_{name}_candidate_id_{parent}"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")),
    )
    op.create_index(op.f(f"ix_{name}_candidate_id"), name, ["candidate_id"], unique=False)


def upgrade() -> None:
    op.create_table(
        "wizard_drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("path", sa.String(length=4), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidates.id"],
            name=op.f("fk_wizard_drafts_candidate_id_candidates"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wizard_drafts")),
        sa.UniqueConstraint("candidate_id", "path", name=op.f("uq_wizard_drafts_candidate_id")),
    )
    op.create_index(
        op.f("ix_wizard_drafts_candidate_id"), "wizard_drafts", ["candidate_id"], unique=False
    )
    _child_table(
        "accompaniment_sessions", "cip_paths", sa.Column("held_on", sa.Date(), nullable=False)
    )
    _child_table(
        "planned_courses",
        "cisp_paths",
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("planned_on", sa.Date(), nullable=True),
    )
    _child_table(
        "upgrading_courses",
        "cip_paths",
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
    )
    for column in (
        "collective_meeting_on",
        "targeted_meeting_on",
        "positioning_on",
        "retest_on",
        "admissibility_filed_on",
        "jury_on",
    ):
        op.add_column("cip_paths", sa.Column(column, sa.Date(), nullable=True))
    op.add_column("cip_paths", sa.Column("vae_outcome", sa.String(length=16), nullable=True))
    op.add_column("cisp_paths", sa.Column("filed_by_employer", sa.Boolean(), nullable=True))
    op.add_column("cisp_paths", sa.Column("contracted_on", sa.Date(), nullable=True))
    op.add_column(
        "courses_taken",
        sa.Column("added_by_hand", sa.Boolean(), server_default="0", nullable=False),
    )


def downgrade() -> None:
    with op.batch_alter_table("courses_taken") as batch_op:
        batch_op.drop_column("added_by_hand")
    with op.batch_alter_table("cisp_paths") as batch_op:
        batch_op.drop_column("contracted_on")
        batch_op.drop_column("filed_by_employer")
    with op.batch_alter_table("cip_paths") as batch_op:
        for column in (
            "vae_outcome",
            "jury_on",
            "admissibility_filed_on",
            "retest_on",
            "positioning_on",
            "targeted_meeting_on",
            "collective_meeting_on",
        ):
            batch_op.drop_column(column)
    for name in ("upgrading_courses", "planned_courses", "accompaniment_sessions", "wizard_drafts"):
        op.drop_index(op.f(f"ix_{name}_candidate_id"), table_name=name)
        op.drop_table(name)
