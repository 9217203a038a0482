"""Candidates in the store: find, save (with history and audit), delete, list a page."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.domain import Dossier, Structure
from app.exchange.dossier import content_sha256, dossier_to_data, structure_to_data
from app.store.errors import AmbiguousCandidate, CandidateNotFound
from app.store.history import differences, record_audit, record_milestones
from app.store.mapping import (
    dossier_of,
    fill_candidate,
    fill_structure,
    search_keys,
    structure_of,
)
from app.store.models import (
    CandidateRow,
    CipRow,
    CispRow,
    ErasureRow,
    StructureRow,
    erased_again,
    erasure_key,
)

# Everything a dossier needs, loaded with the candidate (built once, reused).
_LOADED = (
    selectinload(CandidateRow.structure),
    selectinload(CandidateRow.experiences),
    selectinload(CandidateRow.courses),
    selectinload(CandidateRow.cip).selectinload(CipRow.financing),
    selectinload(CandidateRow.cip).selectinload(CipRow.gap_analysis),
    selectinload(CandidateRow.cip).selectinload(CipRow.upgrading_courses),
    selectinload(CandidateRow.cip).selectinload(CipRow.accompaniment_sessions),
    selectinload(CandidateRow.cisp).selectinload(CispRow.pole_sessions),
    selectinload(CandidateRow.cisp).selectinload(CispRow.planned_courses),
)


def find_candidate(session: Session, ref: str, siret: str | None = None) -> CandidateRow:
    """The candidate with this reference (and structure SIRET, when several structures
    use the same reference). Raises CandidateNotFound, AmbiguousCandidate."""
    query = select(CandidateRow).join(CandidateRow.structure).where(CandidateRow.ref == ref)
    if siret:
        query = query.where(StructureRow.siret == siret)
    rows = session.scalars(query.options(*_LOADED)).all()
    if not rows:
        raise CandidateNotFound(ref)
    if len(rows) > 1:
        raise AmbiguousCandidate(ref, sorted(r.structure.siret for r in rows))
    return rows[0]


def candidate_dossier(session: Session, candidate_id: int) -> Dossier:
    """The dossier of the candidate with this id (raises CandidateNotFound if erased)."""
    row = session.scalars(
        select(CandidateRow).where(CandidateRow.id == candidate_id).options(*_LOADED)
    ).one_or_none()
    if row is None:
        raise CandidateNotFound(str(candidate_id))
    return dossier_of(row)


def existing_candidate(session: Session, siret: str, ref: str) -> CandidateRow | None:
    query = (
        select(CandidateRow)
        .join(CandidateRow.structure)
        .where(StructureRow.siret == siret, CandidateRow.ref == ref)
        .options(*_LOADED)
    )
    return session.scalars(query).one_or_none()


@dataclass(frozen=True, slots=True)
class SavePlan:
    """What saving a dossier would do: create the candidate, change these fields, or nothing."""

    siret: str
    ref: str
    name: str
    is_new: bool
    changes: dict[str, tuple[Any, Any]]

    @property
    def changes_anything(self) -> bool:
        return self.is_new or bool(self.changes)

    @property
    def needs_consent(self) -> bool:
        """Changing a known candidate, or a structure others share, needs the user's word."""
        return bool(self.changes)


def _lookup(session: Session, dossier: Dossier) -> tuple[StructureRow | None, CandidateRow | None]:
    siret = dossier.structure.siret
    structure = session.scalars(select(StructureRow).where(StructureRow.siret == siret)).first()
    if structure is None:
        return None, None
    return structure, existing_candidate(session, siret, dossier.candidate.ref)


def _plan(dossier: Dossier, structure: StructureRow | None, row: CandidateRow | None) -> SavePlan:
    new = dossier_to_data(replace(dossier, exported_at=None))  # when, not what: never a change
    if row is not None:
        changes = differences(dossier_to_data(dossier_of(row)), new)
    elif structure is not None:
        old_structure = structure_to_data(structure_of(structure))
        changes = {
            f"structure.{key}": value
            for key, value in differences(old_structure, new["structure"]).items()
        }
    else:
        changes = {}
    return SavePlan(
        siret=dossier.structure.siret,
        ref=dossier.candidate.ref,
        name=f"{dossier.candidate.first_name} {dossier.candidate.last_name}",
        is_new=row is None,
        changes=changes,
    )


def write_structure(
    session: Session,
    row: StructureRow | None,
    structure: Structure,
    changes: dict[str, tuple[Any, Any]] | None,
    user: str,
    now: datetime,
) -> StructureRow:
    """Creates the structure's row (`row` None) or applies `changes` to it («
    structure.name », …), audited either way; returns the row."""
    if row is None:
        row, action, changes = StructureRow(), "create", None
        fill_structure(row, structure)
        session.add(row)
        session.flush()
    elif changes:
        action = "update"
        fill_structure(row, structure)
    else:
        return row
    record_audit(
        session,
        user=user,
        now=now,
        entity="structure",
        entity_id=row.id,
        candidate_id=None,
        action=action,
        changes=changes,
    )
    return row


def with_current_structure(session: Session, dossier: Dossier) -> Dossier:
    """The dossier with its structure as stored now (Paramètres may have changed it since
    the dossier was read): pages and wizards never edit the structure."""
    current = session.scalars(
        select(StructureRow).where(StructureRow.siret == dossier.structure.siret)
    ).first()
    return dossier if current is None else replace(dossier, structure=structure_of(current))


def plan_save(session: Session, dossier: Dossier) -> SavePlan:
    """What `save_dossier` would do with this dossier, without doing it."""
    return _plan(dossier, *_lookup(session, dossier))


def save_dossier(session: Session, dossier: Dossier, user: str, now: datetime | None = None) -> int:
    """Creates or updates the candidate (and their structure) from a dossier, in the
    caller's transaction; records the changes in the audit log and the new dated steps in
    the history. Returns the candidate's id."""
    now = now or datetime.now()
    structure, row = _lookup(session, dossier)
    plan = _plan(dossier, structure, row)
    structure_changes = {k: v for k, v in plan.changes.items() if k.startswith("structure.")}
    candidate_changes = {k: v for k, v in plan.changes.items() if not k.startswith("structure.")}
    audit = {"session": session, "user": user, "now": now}
    structure = write_structure(session, structure, dossier.structure, structure_changes, user, now)
    if row is None:
        row = CandidateRow(structure=structure, created_at=now, updated_at=now)
        fill_candidate(row, dossier)
        row.content_sha256 = content_sha256(dossier)
        session.add(row)
        session.flush()
        record_audit(
            **audit, entity="candidate", entity_id=row.id, candidate_id=row.id, action="create"
        )
        record_milestones(session, row.id, dossier, user, now, known=set())
        return row.id
    if candidate_changes:
        fill_candidate(row, dossier)
        row.content_sha256 = content_sha256(dossier)
        row.updated_at = now
        session.flush()
        record_audit(
            **audit,
            entity="candidate",
            entity_id=row.id,
            candidate_id=row.id,
            action="update",
            changes=candidate_changes,
        )
    record_milestones(session, row.id, dossier, user, now)
    return row.id


def delete_candidate(
    session: Session, row: CandidateRow, user: str, now: datetime | None = None
) -> None:
    """Erases a candidate and everything about them (paths, history, audit entries);
    the audit log keeps only that a candidate was erased, with no personal data."""
    now = now or datetime.now()
    key = erasure_key(row.structure.siret, row.ref)
    session.delete(row)
    session.flush()
    known = session.scalars(select(ErasureRow).where(ErasureRow.key == key)).first()
    if known is None:
        session.add(ErasureRow(key=key, erased_at=now))
    elif known.erased_at < now:  # imported again since, erased again: the later date
        known.erased_at = now
    record_audit(
        session,
        user=user,
        now=now,
        entity="candidate",
        entity_id=None,
        candidate_id=None,
        action="erase",
    )


def change_reference(
    session: Session, candidate_id: int, ref: str, user: str, now: datetime | None = None
) -> None:
    """Corrects a candidate's reference (same person), audited."""
    row = session.get(CandidateRow, candidate_id)
    if row is None or row.ref == ref:
        return
    record_audit(
        session,
        user=user,
        now=now or datetime.now(),
        entity="candidate",
        entity_id=row.id,
        candidate_id=row.id,
        action="update",
        changes={"candidate.ref": (row.ref, ref)},
    )
    row.ref = ref
    row.sort_key, row.search_text = search_keys(dossier_of(row).candidate)
    row.content_sha256 = content_sha256(dossier_of(row))
    session.flush()


def reapply_erasures(session: Session, erasures: dict[str, datetime], user: str) -> int:
    """Erases again, in restored data, the candidates erased since that data was saved
    (their records from before the erasure: see `erased_again`); the restored data keeps
    every erasure, at its latest date. Returns how many candidates were erased again."""
    if not erasures:
        return 0
    restored = {
        key: at for key, at in session.execute(select(ErasureRow.key, ErasureRow.erased_at))
    }
    erased = 0
    candidates = session.scalars(select(CandidateRow).options(selectinload(CandidateRow.structure)))
    for row in list(candidates):
        at = erasures.get(erasure_key(row.structure.siret, row.ref))
        if erased_again(row.created_at, at):
            delete_candidate(session, row, user)
            erased += 1
    # the erasures' own dates, not this restore's: a record created after an erasure
    # (imported again) must stay out of its reach, in this data and in later restores
    stored = {row.key: row for row in session.scalars(select(ErasureRow))}
    for key, at in erasures.items():
        latest = max(at, restored.get(key, at))
        if key in stored:
            stored[key].erased_at = latest
        else:
            session.add(ErasureRow(key=key, erased_at=latest))
    return erased
