"""Consolidation chez COORACE : versions reçues, groupes et leurs membres

Revision: 0006 (after 0005)
Created: 2026-12-02 02:10:00

The version of each dossier received by an import (its `exported_at` and the SHA-256 of
its content), the `exported_at` a structure's details were taken from, and the groups of
the collective VAE with their members.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("candidates", sa.Column("received_exported_at", sa.Text(), nullable=True))
    op.add_column("candidates", sa.Column("content_sha256", sa.String(length=64), nullable=True))
    op.add_column(
        "candidates", sa.Column("received_text_sha256", sa.String(length=64), nullable=True)
    )
    op.create_index(
        op.f("ix_candidates_received_text_sha256"),
        "candidates",
        ["received_text_sha256"],
        unique=False,
    )
    op.add_column("structures", sa.Column("details_exported_at", sa.Text(), nullable=True))
    op.create_table(
        "groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("regions", sa.Text(), nullable=False),
        sa.Column("afpa_centre", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("answered_at", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_groups")),
        sa.UniqueConstraint("uid", name=op.f("uq_groups_uid")),
    )
    op.create_table(
        "group_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("joined_on", sa.Date(), nullable=False),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.Column("left_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["groups.id"],
            name=op.f("fk_group_members_group_id_groups"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidates.id"],
            name=op.f("fk_group_members_candidate_id_candidates"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_members")),
    )
    for column in ("group_id", "candidate_id"):
        op.create_index(op.f(f"ix_group_members_{column}"), "group_members", [column], unique=False)


def downgrade() -> None:
    for column in ("group_id", "candidate_id"):
        op.drop_index(op.f(f"ix_group_members_{column}"), table_name="group_members")
    op.drop_table("group_members")
    op.drop_table("groups")
    # SQLite's own ALTER TABLE … DROP COLUMN (3.35+): no table rebuilt, so the
    # append-only triggers that name `candidates` can stay
    op.drop_column("structures", "details_exported_at")
    op.drop_index(op.f("ix_candidates_received_text_sha256"), table_name="candidates")
    op.drop_column("candidates", "received_text_sha256")
    op.drop_column("candidates", "content_sha256")
    op.drop_column("candidates", "received_exported_at")
