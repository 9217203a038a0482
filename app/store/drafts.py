"""Drafts of the CIP and CISP wizards: what was typed when a wizard was closed half-way,
and the page it stopped at, so that reopening it resumes there. One draft per candidate
and path; finishing the wizard, or choosing to throw the draft away, removes it.

A draft holds the exchange document being filled in (JSON, as typed: it may not be a
valid dossier yet), in the same database file as the dossier itself: no copy elsewhere.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.store.models import DraftRow

WizardPath = Literal["cip", "cisp"]


@dataclass(frozen=True)
class Draft:
    page: int
    document: dict[str, Any]
    saved_at: datetime


def save_draft(
    session: Session,
    candidate_id: int,
    path: WizardPath,
    page: int,
    document: dict[str, Any],
    now: datetime | None = None,
) -> None:
    """Keeps (or replaces) the candidate's draft for this path."""
    row = session.scalars(
        select(DraftRow).where(DraftRow.candidate_id == candidate_id, DraftRow.path == path)
    ).first()
    if row is None:
        row = DraftRow(candidate_id=candidate_id, path=path)
        session.add(row)
    row.page = page
    row.document = json.dumps(document, ensure_ascii=False, sort_keys=True)
    row.saved_at = now or datetime.now()


def load_draft(session: Session, candidate_id: int, path: WizardPath) -> Draft | None:
    """The candidate's draft for this path, or None."""
    row = session.scalars(
        select(DraftRow).where(DraftRow.candidate_id == candidate_id, DraftRow.path == path)
    ).first()
    if row is None:
        return None
    return Draft(page=row.page, document=json.loads(row.document), saved_at=row.saved_at)


def discard_draft(session: Session, candidate_id: int, path: WizardPath) -> bool:
    """Removes the draft; True when there was one."""
    done = session.execute(
        delete(DraftRow).where(DraftRow.candidate_id == candidate_id, DraftRow.path == path)
    )
    return bool(done.rowcount)


def finish_wizard(session: Session, candidate_id: int, path: WizardPath, dossier, user: str) -> int:
    """Saves the dossier a wizard completed (history and audit as any save) and removes
    its draft, together; returns the candidate's id."""
    from app.store.candidates import save_dossier, with_current_structure

    saved = save_dossier(session, with_current_structure(session, dossier), user)
    discard_draft(session, candidate_id, path)
    return saved
