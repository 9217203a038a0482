"""Index de la liste des candidats : nom puis texte de recherche

Revision: 0004 (after 0003)
Created: 2026-11-29 00:40:00

The list walks this index in name order and tests the search text without reading the
table, so a search that finds few candidates among 100 000 stays fast; it replaces the
index on the name alone (its prefix).
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_candidates_list", "candidates", ["sort_key", "search_text"])
    op.drop_index("ix_candidates_sort_key", table_name="candidates")


def downgrade() -> None:
    op.create_index("ix_candidates_sort_key", "candidates", ["sort_key"])
    op.drop_index("ix_candidates_list", table_name="candidates")
