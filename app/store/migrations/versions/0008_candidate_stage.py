"""L'étape de chaque parcours, pour la liste ; la candidature close (abandon)

Revision: 0008 (after 0007)
Created: 2026-12-02 07:20:00

The candidate list's « Étape » column (app/evaluation/steps.py), stored with the other
columns of the list's evaluation line; every line is evaluated again at the next opening.
Each path's closure: the day, the reason, a note, and the day it was taken up again; the
activities (CCP) a partial CIP outcome validated; each supporting document's state and
scan, and the list's « Pièces » column.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# Revision 0001's append-only triggers (frozen copy): dropping a column rebuilds the
# candidates table, which SQLite refuses while triggers name it.
APPEND_ONLY_TRIGGERS = [
    "CREATE TRIGGER milestones_no_update BEFORE UPDATE ON milestones "
    "BEGIN SELECT RAISE(ABORT, 'milestones : l''historique ne se réécrit pas'); END",
    "CREATE TRIGGER milestones_no_delete BEFORE DELETE ON milestones "
    "WHEN OLD.candidate_id IS NULL OR EXISTS "
    "(SELECT 1 FROM candidates WHERE id = OLD.candidate_id) "
    "BEGIN SELECT RAISE(ABORT, 'milestones : l''historique ne se réécrit pas'); END",
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log : l''historique ne se réécrit pas'); END",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
    "WHEN OLD.candidate_id IS NULL OR EXISTS "
    "(SELECT 1 FROM candidates WHERE id = OLD.candidate_id) "
    "BEGIN SELECT RAISE(ABORT, 'audit_log : l''historique ne se réécrit pas'); END",
]


def upgrade() -> None:
    op.add_column("candidates", sa.Column("stage", sa.Text(), server_default="", nullable=False))
    op.add_column(
        "candidates", sa.Column("documents", sa.Text(), server_default="", nullable=False)
    )
    op.create_table(
        "supporting_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("item_key", sa.String(length=120), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("provided_on", sa.Date(), nullable=True),
        sa.Column("file_name", sa.Text(), nullable=True),
        sa.Column("content_type", sa.String(length=40), nullable=True),
        sa.Column("size_bytes", sa.Integer(), nullable=True),
        sa.Column("data", sa.LargeBinary(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["candidate_id"], ["candidates.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("candidate_id", "item_key"),
    )
    op.create_index(
        op.f("ix_supporting_documents_candidate_id"),
        "supporting_documents",
        ["candidate_id"],
        unique=False,
    )
    op.execute("UPDATE candidates SET summary_on = NULL")  # evaluated again when opened
    for table in ("cip_paths", "cisp_paths"):
        op.add_column(table, sa.Column("closed_on", sa.Date(), nullable=True))
        op.add_column(table, sa.Column("closed_reason", sa.String(length=24), nullable=True))
        op.add_column(table, sa.Column("closed_note", sa.Text(), nullable=True))
        op.add_column(table, sa.Column("resumed_on", sa.Date(), nullable=True))
    op.add_column("cip_paths", sa.Column("validated_activities", sa.String(40), nullable=True))


def downgrade() -> None:
    op.drop_index(op.f("ix_supporting_documents_candidate_id"), table_name="supporting_documents")
    op.drop_table("supporting_documents")
    for table in ("milestones", "audit_log"):
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
    with op.batch_alter_table("cip_paths", schema=None) as batch_op:
        batch_op.drop_column("validated_activities")
    for table in ("cip_paths", "cisp_paths"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in ("resumed_on", "closed_note", "closed_reason", "closed_on"):
                batch_op.drop_column(column)
    with op.batch_alter_table("candidates", schema=None) as batch_op:
        batch_op.drop_column("documents")
        batch_op.drop_column("stage")
    for trigger in APPEND_ONLY_TRIGGERS:
        op.execute(trigger)
