"""Import and export of the exchange format, and the right of access.

An import reads every file first: one invalid file and nothing is written. Then it runs in
one transaction: new candidates are created, known ones (same SIRET and reference) are
changed only when the caller agrees, after seeing what would change.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.dates import now_aware
from app.domain import Dossier
from app.exchange.dossier import dossier_to_data, read_dossier
from app.exchange.problems import ExchangeError, Problem
from app.french import plural
from app.limits import count_exceeded, limits
from app.store.candidates import SavePlan, find_candidate, plan_save, save_dossier
from app.store.database import Store
from app.store.files import refuse_existing, write_private_text
from app.store.history import milestone_label
from app.store.mapping import dossier_of
from app.store.models import AuditRow, DraftRow, MilestoneRow


@dataclass
class ImportPlan:
    """What an import would do, dossier by dossier, as the real run would do it."""

    items: list[tuple[Dossier, SavePlan]] = field(default_factory=list)

    def needing_consent(self) -> list[SavePlan]:
        return [plan for _, plan in self.items if plan.needs_consent]

    def plans(self) -> list[SavePlan]:
        return [plan for _, plan in self.items]


@dataclass
class ImportReport:
    created: list[SavePlan] = field(default_factory=list)
    changed: list[SavePlan] = field(default_factory=list)
    declined: list[SavePlan] = field(default_factory=list)
    unchanged: list[SavePlan] = field(default_factory=list)

    def summary(self) -> str:
        """« 1 créé, 2 modifiés, 0 sans changement, 1 non appliqué »."""
        created, changed, declined = len(self.created), len(self.changed), len(self.declined)
        return (
            f"{created} {plural(created, 'créé', 'créés')}, "
            f"{changed} {plural(changed, 'modifié', 'modifiés')}, "
            f"{len(self.unchanged)} sans changement, "
            f"{declined} {plural(declined, 'non appliqué', 'non appliqués')}"
        )


def read_dossiers(paths: Iterable[Path], password: str | None = None) -> list[Dossier]:
    """Reads every file, JSON or a PDF dossier exported by Passerelle (its attachment);
    ExchangeError on the first invalid one (nothing is written). More than
    `import_files_max` files are refused before any is read (the error names the first
    file beyond the limit)."""
    from app.export.attachment import is_pdf, read_pdf_dossier

    paths = list(paths)
    most = limits().value("import_files_max")
    if len(paths) > most:
        message = (
            f"{count_exceeded(len(paths), most, 'fichiers')} par import : "
            "importez-les en plusieurs fois"
        )
        raise ExchangeError(str(paths[most]), [Problem("", message)])
    return [
        read_pdf_dossier(path, password) if is_pdf(path) else read_dossier(path) for path in paths
    ]


def plan_import(store: Store, dossiers: list[Dossier]) -> ImportPlan:
    """Runs the import for real inside a transaction, then undoes it: the plan says
    exactly what the import would do, and nothing is written."""
    plan = ImportPlan()
    now = datetime.now()
    with store.transaction() as session:
        for dossier in dossiers:
            step = plan_save(session, dossier)
            plan.items.append((dossier, step))
            if step.changes_anything:
                save_dossier(session, dossier, store.user, now)
        session.rollback()
    return plan


def apply_import(
    store: Store, plan: ImportPlan, agreed: Callable[[SavePlan], bool]
) -> ImportReport:
    """Saves, in one short transaction, the dossiers that need no consent and those
    `agreed` accepts (decided beforehand: no question is asked while the file is locked)."""
    report = ImportReport()
    now = datetime.now()
    with store.transaction() as session:
        for dossier, step in plan.items:
            if not step.changes_anything:
                report.unchanged.append(step)
            elif step.needs_consent and not agreed(step):
                report.declined.append(step)
            else:
                save_dossier(session, dossier, store.user, now)
                (report.created if step.is_new else report.changed).append(step)
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


def exported(dossier: Dossier) -> Dossier:
    """The dossier as an export writes it: stamped with `exported_at`, now (EXCHANGE.md:
    of several documents on one candidate, the latest export is the current one)."""
    return replace(dossier, exported_at=now_aware())


def exchange_text(dossier: Dossier) -> str:
    """The exchange document of a dossier, as written to a file or attached to a PDF."""
    return json.dumps(dossier_to_data(dossier), ensure_ascii=False, indent=2) + "\n"


def export_json(store: Store, ref: str, out: Path, siret: str | None = None) -> Path:
    """Writes the candidate's exchange document (mode 0600: it holds personal data).
    An existing file is never overwritten."""
    refuse_existing(out)
    with store.transaction() as session:
        text = exchange_text(exported(dossier_of(find_candidate(session, ref, siret))))
    write_private_text(out, text)
    return out


def write_access_report(store: Store, ref: str, out: Path, siret: str | None = None) -> Path:
    """Writes everything held about one candidate (mode 0600, never over another file)."""
    refuse_existing(out)
    report = access_report(store, ref, siret)
    write_private_text(out, json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    return out


def access_report(store: Store, ref: str, siret: str | None = None) -> dict[str, Any]:
    """Everything held about one candidate (right of access): the dossier, the history
    of their paths, the audit entries about them and the drafts of the CIP and CISP
    wizards (what was typed but not saved yet, as typed)."""
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
        drafts = session.scalars(
            select(DraftRow).where(DraftRow.candidate_id == row.id).order_by(DraftRow.path)
        ).all()
        return {
            "format": "passerelle.access",
            "format_version": 1,
            "generated_at": datetime.now().isoformat(timespec="seconds"),
            "dossier": dossier_to_data(dossier_of(row)),
            "record": {
                "created_at": row.created_at.isoformat(timespec="seconds"),
                "updated_at": row.updated_at.isoformat(timespec="seconds"),
            },
            "milestones": [
                {
                    "path": m.path,
                    "kind": m.kind,
                    "label": milestone_label(m.path, m.kind),
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
            "drafts": [
                {
                    "path": d.path,
                    "page": d.page,
                    "saved_at": d.saved_at.isoformat(timespec="seconds"),
                    "document": json.loads(d.document),
                }
                for d in drafts
            ],
        }
