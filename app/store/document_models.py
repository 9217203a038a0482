"""The supporting documents' table (revision 0008): each item of a candidate's checklist
(app/evaluation/documents.py) with its state and, when given, its scan — in the database,
so that it is backed up, erased with the candidate and encrypted with the store."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.store.base import Base


class DocumentRow(Base):
    __tablename__ = "supporting_documents"
    __table_args__ = (UniqueConstraint("candidate_id", "item_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidates.id", ondelete="CASCADE"), index=True
    )
    item_key: Mapped[str] = mapped_column(String(120))
    state: Mapped[str] = mapped_column(String(12))  # provided, missing, not_needed
    provided_on: Mapped[date | None] = mapped_column(Date)
    file_name: Mapped[str | None] = mapped_column(Text)
    content_type: Mapped[str | None] = mapped_column(String(40))
    size_bytes: Mapped[int | None] = mapped_column(Integer)
    data: Mapped[bytes | None] = mapped_column(LargeBinary)
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    recorded_by: Mapped[str] = mapped_column(Text)
