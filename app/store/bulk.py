"""New candidates written in large batches: the import's fast path.

The ORM writes a candidate and its rows one object at a time (about 1 ms each, more with
its history); an import of thousands of dossiers writes them here instead, in the
caller's transaction, with `executemany` per table. Every rule of the store holds as in
`save_dossier`: the same columns (app/store/mapping.dossier_values), an audit line
« create » per candidate, the dated steps in the history, the list's evaluation line
computed once from the dossier, the fingerprint of the content and the version received.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.domain import Dossier
from app.evaluation.summary import Summary
from app.exchange.dossier import content_sha256
from app.store.history import audit_changes, dated_facts
from app.store.mapping import CANDIDATE_CHILDREN, CIP_CHILDREN, CISP_CHILDREN, dossier_values
from app.store.models import AuditRow, CandidateRow, CipRow, CispRow, MilestoneRow
from app.store.summaries import summary_columns

BATCH = 2000  # rows per executemany: large enough to be fast, small enough for memory


@dataclass(frozen=True, slots=True)
class NewCandidate:
    dossier: Dossier
    structure_id: int
    summary: Summary
    received_exported_at: str | None
    received_text_sha256: str | None = None


class _Tables:
    """The rows to insert, table by table, in the order foreign keys need."""

    def __init__(self) -> None:
        self.rows: dict[Any, list[dict[str, Any]]] = {}

    def add(self, table: Any, values: dict[str, Any]) -> None:
        self.rows.setdefault(table, []).append(values)

    def children(self, classes: dict[str, type], rows: dict[str, list], owner: int) -> None:
        for name, values in rows.items():
            table = classes[name].__table__
            for one in values:
                self.add(table, {**one, "candidate_id": owner})

    def write(self, session: Session) -> None:
        for table, rows in self.rows.items():
            for start in range(0, len(rows), BATCH):
                session.execute(insert(table), rows[start : start + BATCH])


def insert_candidates(
    session: Session, new: Sequence[NewCandidate], user: str, now: datetime
) -> list[int]:
    """Creates these candidates (their structures already stored); returns their ids in
    the same order. Ids are taken after the highest in use, inside the caller's write
    transaction (the data folder is locked by this Passerelle: nobody else writes)."""
    if not new:
        return []
    first = (session.scalar(select(func.max(CandidateRow.id))) or 0) + 1
    session.flush()
    tables = _Tables()
    candidates, cip, cisp = CandidateRow.__table__, CipRow.__table__, CispRow.__table__
    ids = []
    for offset, item in enumerate(new):
        cid = first + offset
        ids.append(cid)
        values = dossier_values(item.dossier)
        tables.add(
            candidates,
            {
                **values.candidate,
                **summary_columns(item.summary),
                "id": cid,
                "structure_id": item.structure_id,
                "created_at": now,
                "updated_at": now,
                "received_exported_at": item.received_exported_at,
                "received_text_sha256": item.received_text_sha256,
                "content_sha256": content_sha256(item.dossier),
            },
        )
        tables.children(CANDIDATE_CHILDREN, values.children, cid)
        if values.cip is not None:
            tables.add(cip, {**values.cip.columns, "candidate_id": cid})
            tables.children(CIP_CHILDREN, values.cip.children, cid)
        if values.cisp is not None:
            tables.add(cisp, {**values.cisp.columns, "candidate_id": cid})
            tables.children(CISP_CHILDREN, values.cisp.children, cid)
        tables.add(
            AuditRow.__table__,
            {
                "at": now,
                "user": user,
                "entity": "candidate",
                "entity_id": cid,
                "candidate_id": cid,
                "action": "create",
                "changes": audit_changes({}),
            },
        )
        for path, kind, occurred_on, detail in dict.fromkeys(dated_facts(item.dossier)):
            tables.add(
                MilestoneRow.__table__,
                {
                    "candidate_id": cid,
                    "path": path,
                    "kind": kind,
                    "occurred_on": occurred_on,
                    "detail": detail,
                    "recorded_at": now,
                    "recorded_by": user,
                },
            )
    _order_parents_first(tables)
    tables.write(session)
    return ids


def _order_parents_first(tables: _Tables) -> None:
    """candidates, then the paths, then every other table (their children)."""
    parents = [CandidateRow.__table__, CipRow.__table__, CispRow.__table__]
    ordered = {table: tables.rows[table] for table in parents if table in tables.rows}
    ordered.update({t: rows for t, rows in tables.rows.items() if t not in ordered})
    tables.rows = ordered
