"""A candidate's supporting documents: each item's state (provided with its day, missing,
not needed) and its scan, checked by its content — a PDF, a JPEG or a PNG, whatever its
name says — and by its size (`scan_max_bytes`) before it is read. Every change is in the
audit log; the scan itself never is (its name and size are)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.evaluation.documents import MISSING, NOT_NEEDED, PROVIDED, STATES
from app.limits import limits
from app.store.document_models import DocumentRow
from app.store.errors import StoreError
from app.store.history import record_audit
from app.store.models import CandidateRow

# the first bytes of each kind of scan accepted, and its type
SIGNATURES = (
    (b"%PDF-", "application/pdf", "PDF"),
    (b"\xff\xd8\xff", "image/jpeg", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "PNG"),
)
EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}


class DocumentError(StoreError):
    """A document refused, said in French; nothing was written."""


@dataclass(frozen=True, slots=True)
class DocumentState:
    item_key: str
    state: str
    provided_on: date | None
    file_name: str | None
    size_bytes: int | None


def scan_kind(data: bytes) -> str | None:
    """The content type of a scan by its first bytes, or None for anything else."""
    return next((kind for head, kind, _name in SIGNATURES if data.startswith(head)), None)


def read_scan(path: Path) -> tuple[bytes, str]:
    """The scan's bytes and type; refused (French) when too big or not a PDF, JPEG or PNG
    by its content, whatever its name — the size checked before anything is read."""
    most = limits().value("scan_max_bytes")
    try:
        size = path.stat().st_size
    except OSError as error:
        from app.store.oserrors import reason

        raise DocumentError(f"Le fichier {path} ne peut pas être lu : {reason(error)}.") from None
    if size > most:
        mb = f"{size / 1_000_000:.1f}".replace(".", ",")
        raise DocumentError(
            f"Le fichier {path.name} fait {mb} Mo : une pièce scannée fait au plus "
            f"{most // 1_000_000} Mo. Rien n'a été enregistré."
        )
    data = path.read_bytes()
    kind = scan_kind(data)
    if kind is None:
        names = ", ".join(f"ni un {name}" for _head, _kind, name in SIGNATURES)
        raise DocumentError(
            f"Le fichier {path.name} n'est {names} (d'après son contenu, pas son nom) : "
            "rien n'a été enregistré."
        )
    return data, kind


def document_states(session: Session, candidate_id: int) -> dict[str, DocumentState]:
    rows = session.execute(
        select(
            DocumentRow.item_key,
            DocumentRow.state,
            DocumentRow.provided_on,
            DocumentRow.file_name,
            DocumentRow.size_bytes,
        ).where(DocumentRow.candidate_id == candidate_id)
    )
    return {row.item_key: DocumentState(*row) for row in rows}


def set_document(
    session: Session,
    candidate_id: int,
    item_key: str,
    state: str,
    user: str,
    provided_on: date | None = None,
    scan: Path | None = None,
) -> None:
    """Records an item's state; `scan` (a file) is kept with a provided item."""
    if state not in STATES:
        raise DocumentError(f"État inconnu « {state} » : {', '.join(STATES.values())}.")
    if state != PROVIDED and scan is not None:
        raise DocumentError("Une pièce jointe va avec une pièce fournie.")
    data, kind = read_scan(scan) if scan is not None else (None, None)
    row = session.scalars(
        select(DocumentRow).where(
            DocumentRow.candidate_id == candidate_id, DocumentRow.item_key == item_key
        )
    ).first()
    old = None if row is None else row.state
    if row is None:
        row = DocumentRow(candidate_id=candidate_id, item_key=item_key)
        session.add(row)
    now = datetime.now()
    row.state, row.recorded_at, row.recorded_by = state, now, user
    row.provided_on = (provided_on or date.today()) if state == PROVIDED else None
    if data is not None:
        row.data, row.content_type, row.size_bytes = data, kind, len(data)
        row.file_name = scan.name
    elif state != PROVIDED:
        row.data = row.content_type = row.size_bytes = row.file_name = None
    changes = {f"documents.{item_key}": (old, state)}
    session.execute(  # the list's « Pièces » is evaluated again
        update(CandidateRow).where(CandidateRow.id == candidate_id).values(summary_on=None)
    )
    if data is not None:
        changes[f"documents.{item_key}.scan"] = (None, f"{scan.name} ({len(data)} octets)")
    record_audit(
        session,
        user=user,
        now=now,
        entity="candidate",
        entity_id=candidate_id,
        candidate_id=candidate_id,
        action="update",
        changes=changes,
    )


def scan_of(session: Session, candidate_id: int, item_key: str) -> tuple[bytes, str, str] | None:
    """An item's scan: its bytes, type and file name, or None."""
    row = session.scalars(
        select(DocumentRow).where(
            DocumentRow.candidate_id == candidate_id, DocumentRow.item_key == item_key
        )
    ).first()
    if row is None or row.data is None:
        return None
    return (
        row.data,
        row.content_type or "",
        row.file_name or f"piece{EXTENSIONS.get(row.content_type, '')}",
    )


__all__ = [
    "MISSING",
    "NOT_NEEDED",
    "PROVIDED",
    "DocumentError",
    "document_states",
    "read_scan",
    "scan_kind",
    "scan_of",
    "set_document",
]
