"""The exchange format written out — a candidate's dossier exported (stamped with
`exported_at`) — and the right of access. Imports: app/store/received.py and intake.py."""

from __future__ import annotations

import base64
import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.dates import now_aware
from app.domain import Dossier
from app.exchange.dossier import dossier_to_data
from app.store.candidates import find_candidate
from app.store.database import Store
from app.store.files import refuse_existing, write_private_text
from app.store.history import milestone_label
from app.store.mapping import dossier_of
from app.store.models import AuditRow, DraftRow, MilestoneRow


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
    of their paths, the audit entries about them, the drafts of the CIP and CISP wizards
    (what was typed but not saved yet, as typed) and their supporting documents, scans
    included (base64)."""
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
        from app.store.document_models import DocumentRow

        documents = session.scalars(
            select(DocumentRow).where(DocumentRow.candidate_id == row.id).order_by(DocumentRow.id)
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
            "supporting_documents": [  # the scans too: everything held, as held
                {
                    "item": d.item_key,
                    "state": d.state,
                    "provided_on": d.provided_on.isoformat() if d.provided_on else None,
                    "file_name": d.file_name,
                    "content_type": d.content_type,
                    "size_bytes": d.size_bytes,
                    "scan_base64": base64.b64encode(d.data).decode("ascii") if d.data else None,
                    "recorded_at": d.recorded_at.isoformat(timespec="seconds"),
                    "recorded_by": d.recorded_by,
                }
                for d in documents
            ],
        }
