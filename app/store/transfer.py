"""Import and export of the exchange format, and the right of access.

An import reads every file first: one invalid file and nothing is written. Then it runs in
one transaction: new candidates are created, known ones (same SIRET and reference) are
changed only when the caller agrees, after seeing what would change.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.domain import Dossier
from app.exchange.dossier import dossier_to_data, read_dossier
from app.store.candidates import SavePlan, find_candidate, load_dossier, plan_save, save_dossier
from app.store.database import Store
from app.store.errors import StoreError
from app.store.files import write_private_text
from app.store.models import AuditRow, MilestoneRow


def refuse_existing(out: Path) -> None:
    if out.exists():
        raise StoreError(
            f"Le fichier {out} existe déjà : choisissez un autre nom. Rien n'a été écrit."
        )


@dataclass
class ImportReport:
    created: list[SavePlan] = field(default_factory=list)
    changed: list[SavePlan] = field(default_factory=list)
    declined: list[SavePlan] = field(default_factory=list)
    unchanged: list[SavePlan] = field(default_factory=list)


def read_dossiers(paths: Iterable[Path]) -> list[Dossier]:
    """Reads every file; ExchangeError on the first invalid one (nothing is written)."""
    return [read_dossier(path) for path in paths]


def import_dossiers(
    store: Store,
    dossiers: list[Dossier],
    agree: Callable[[SavePlan], bool],
    dry_run: bool = False,
) -> ImportReport:
    """Saves the dossiers in one transaction. `agree(plan)` is asked before changing a
    known candidate, or a structure other candidates share. With `dry_run`, everything is
    done as for real (so that the report says exactly what would happen), then undone."""
    report = ImportReport()
    now = datetime.now()
    with store.transaction() as session:
        for dossier in dossiers:
            plan = plan_save(session, dossier)
            if not plan.changes_anything:
                report.unchanged.append(plan)
                continue
            # a known candidate, or a new one whose structure would change, needs consent
            needs_consent = not plan.is_new or bool(plan.changes)
            if needs_consent and not dry_run and not agree(plan):
                report.declined.append(plan)
                continue
            save_dossier(session, dossier, store.user, now)
            (report.created if plan.is_new else report.changed).append(plan)
        if dry_run:
            session.rollback()
    return report


def _shown(value: Any) -> str:
    if value is None:
        return "vide"
    if isinstance(value, str):
        return f"« {value} »"
    return json.dumps(value, ensure_ascii=False)


def describe(plan: SavePlan) -> list[str]:
    """What a save would do, in French, a line per change."""
    who = f"{plan.name} (réf. {plan.ref}, SIRET {plan.siret})"
    if plan.is_new:
        head = [f"Nouveau candidat : {who}"]
        extra = [
            f"  {path} : {_shown(old)} → {_shown(new)}" for path, (old, new) in plan.changes.items()
        ]
        return head + (["  la structure change :", *extra] if extra else [])
    if not plan.changes:
        return [f"Sans changement : {who}"]
    count = len(plan.changes)
    lines = [f"Candidat connu : {who} — {count} modification{'s' if count > 1 else ''} :"]
    lines += [
        f"  {path} : {_shown(old)} → {_shown(new)}" for path, (old, new) in plan.changes.items()
    ]
    return lines


def export_json(store: Store, ref: str, out: Path, siret: str | None = None) -> Path:
    """Writes the candidate's exchange document (mode 0600: it holds personal data).
    An existing file is never overwritten."""
    refuse_existing(out)
    with store.transaction() as session:
        data = dossier_to_data(load_dossier(find_candidate(session, ref, siret)))
    write_private_text(out, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return out


def access_report(store: Store, ref: str, siret: str | None = None) -> dict[str, Any]:
    """Everything held about one candidate (right of access): the dossier, the history
    of their paths and the audit entries about them."""
    with store.transaction() as session:
        row = find_candidate(session, ref, siret)
        milestones = session.scalars(
            select(MilestoneRow)
            .where(MilestoneRow.candidate_id == row.id)
            .order_by(MilestoneRow.id)
        ).all()
        audit = session.scalars(
            select(AuditRow).where(AuditRow.candidate_id == row.id).order_by(AuditRow.id)
        ).all()
        return {
            "format": "passerelle.access",
            "format_version": 1,
            "generated_at": datetime.now().isoformat(timespec="seconds"),
            "dossier": dossier_to_data(load_dossier(row)),
            "record": {
                "created_at": row.created_at.isoformat(timespec="seconds"),
                "updated_at": row.updated_at.isoformat(timespec="seconds"),
            },
            "milestones": [
                {
                    "path": m.path,
                    "kind": m.kind,
                    "occurred_on": m.occurred_on.isoformat(),
                    "detail": m.detail,
                    "recorded_at": m.recorded_at.isoformat(timespec="seconds"),
                    "recorded_by": m.recorded_by,
                }
                for m in milestones
            ],
            "audit": [
                {
                    "at": a.at.isoformat(timespec="seconds"),
                    "user": a.user,
                    "entity": a.entity,
                    "action": a.action,
                    "changes": json.loads(a.changes),
                }
                for a in audit
            ],
        }
