"""PDF dossiers exported for COORACE, and the record of each copy sent.

Each export appends a milestone « Dossier PDF exporté pour COORACE » to the history, with
the file's SHA-256 and where it was written; a candidate changed after the last copy
shows « modifié depuis l'envoi du JJ/MM/AAAA »."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import french
from app.domain import Catalogue
from app.rules import Rules
from app.store.candidates import find_candidate
from app.store.database import Store
from app.store.errors import StoreError
from app.store.files import refuse_existing, write_private_bytes
from app.store.history import detail_text, milestone_label
from app.store.mapping import dossier_of
from app.store.models import CandidateRow, MilestoneRow
from app.store.transfer import exchange_text

SENT = "dossier_sent"


@dataclass(frozen=True)
class SentCopy:
    path: str  # "cip" or "cisp"
    on: date
    recorded_at: datetime
    sha256: str
    file: str


def _detail(sha256: str, file: Path) -> str:
    return f"SHA-256 {sha256} · {file}"


def _parsed(row: MilestoneRow) -> SentCopy:
    digest, _, file = (row.detail or "").removeprefix("SHA-256 ").partition(" · ")
    return SentCopy(row.path, row.occurred_on, row.recorded_at, digest, file)


def sent_copies(session: Session, candidate_id: int) -> list[SentCopy]:
    """The copies exported for this candidate, oldest first."""
    rows = session.scalars(
        select(MilestoneRow)
        .where(MilestoneRow.candidate_id == candidate_id, MilestoneRow.kind == SENT)
        .order_by(MilestoneRow.recorded_at, MilestoneRow.id)
    )
    return [_parsed(row) for row in rows]


def changed_since_sent(session: Session, candidate_id: int) -> str | None:
    """« modifié depuis l'envoi du JJ/MM/AAAA » when the record changed after the last
    copy was exported; None when nothing was sent or nothing changed since."""
    copies = sent_copies(session, candidate_id)
    row = session.get(CandidateRow, candidate_id)
    if not copies or row is None:
        return None
    last = copies[-1]
    if row.updated_at > last.recorded_at:
        return f"modifié depuis l'envoi du {french.day_text(last.on)}"
    return None


def choose_path(paths: list[str], wanted: str | None, who: str) -> str:
    """The path whose dossier is exported: the one the candidate is on, or `wanted`."""
    if wanted is not None:
        if wanted not in paths:
            raise StoreError(
                f"{who} n'est pas sur le parcours {wanted.upper()} : rien n'a été écrit."
            )
        return wanted
    if not paths:
        raise StoreError(
            f"Aucun parcours n'est ouvert pour {who} : il n'y a pas de dossier à exporter."
        )
    if len(paths) > 1:
        raise StoreError(
            f"{who} est sur les deux parcours : choisissez lequel (CIP ou CISP).",
            terminal=f"{who} est sur les deux parcours : précisez lequel (--path cip ou "
            f"--path cisp).",
        )
    return paths[0]


def export_pdf(
    store: Store,
    ref: str,
    out: Path,
    rules: Rules,
    catalogue: Catalogue,
    path: str | None = None,
    siret: str | None = None,
    password: str | None = None,
    today: date | None = None,
    replace: bool = False,
) -> SentCopy:
    """Writes the candidate's PDF dossier (mode 0600; an existing file is refused unless
    `replace`), with the exchange JSON attached and, given a password, AES-256
    encryption; records the copy in the history. The password is not kept."""
    from reportlab.platypus.doctemplate import LayoutError

    from app.evaluation import evaluate
    from app.export.attachment import finish_pdf
    from app.export.dossier import DossierContent, Milestone, dossier_pdf

    if not out.name or out.is_dir():
        raise StoreError(f"« {out} » n'est pas un nom de fichier : rien n'a été écrit.")
    if not out.parent.is_dir():
        raise StoreError(f"Le dossier {out.parent} n'existe pas : rien n'a été écrit.")
    if not replace:
        refuse_existing(out)
    today = today or date.today()
    with store.transaction() as session:
        row = find_candidate(session, ref, siret)
        dossier = dossier_of(row)
        who = f"{dossier.candidate.first_name} {dossier.candidate.last_name}"
        chosen = choose_path(
            [name for name in ("cip", "cisp") if getattr(dossier, name) is not None], path, who
        )
        milestones = tuple(
            Milestone(m.occurred_on, milestone_label(chosen, m.kind), detail_text(m.kind, m.detail))
            for m in session.scalars(
                select(MilestoneRow).where(
                    MilestoneRow.candidate_id == row.id,
                    MilestoneRow.path == chosen,
                    MilestoneRow.kind != SENT,
                )
            )
        )
        candidate_id = row.id
    agreement = dossier.employer_agreement
    if agreement is not None:  # a dated step of both paths, kept in the dossier itself
        milestones += (Milestone(agreement.given_on, "Accord de l'employeur", None),)
    evaluation = evaluate(dossier, today, rules, catalogue)
    content = DossierContent(dossier, evaluation, chosen, milestones, today)
    try:
        pdf = finish_pdf(dossier_pdf(content), exchange_text(dossier), password)
    except LayoutError as error:  # should not happen: cells are cut to fit a page
        raise StoreError(
            f"Le dossier PDF n'a pas pu être mis en page ({error}) : rien n'a été écrit."
        ) from None
    write_private_bytes(out, pdf)
    digest = hashlib.sha256(pdf).hexdigest()
    now = datetime.now()
    with store.transaction() as session:
        session.add(
            MilestoneRow(
                candidate_id=candidate_id,
                path=chosen,
                kind=SENT,
                occurred_on=today,
                detail=_detail(digest, out.resolve()),
                recorded_at=now,
                recorded_by=store.user,
            )
        )
    return SentCopy(chosen, today, now, digest, str(out.resolve()))
