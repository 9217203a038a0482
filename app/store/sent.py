"""PDF dossiers exported for COORACE, and the record of each copy sent.

Each export appends a milestone « Dossier PDF exporté pour COORACE » to the history, with
the file's SHA-256 and where it was written; a candidate changed after the last copy
shows « modifié depuis l'envoi du JJ/MM/AAAA ». A dossier written to be sent, read in the
preview and then not sent (« Ne pas envoyer ») is recorded as « Dossier PDF écrit, non
envoyé à COORACE »: its file is known, but it does not count as a copy sent."""

from __future__ import annotations

import dataclasses
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
from app.store.transfer import exchange_text, exported

SENT = "dossier_sent"
NOT_SENT = "dossier_not_sent"
COPY_KINDS = (SENT, NOT_SENT)


@dataclass(frozen=True)
class SentCopy:
    path: str  # "cip" or "cisp"
    on: date
    recorded_at: datetime
    sha256: str
    file: str
    sent: bool = True


def _detail(sha256: str, file: Path) -> str:
    return f"SHA-256 {sha256} · {file}"


def _parsed(row: MilestoneRow) -> SentCopy:
    digest, _, file = (row.detail or "").removeprefix("SHA-256 ").partition(" · ")
    return SentCopy(row.path, row.occurred_on, row.recorded_at, digest, file, row.kind == SENT)


def written_copies(session: Session, candidate_id: int) -> list[SentCopy]:
    """Every PDF written for this candidate, sent or not, oldest first."""
    rows = session.scalars(
        select(MilestoneRow)
        .where(MilestoneRow.candidate_id == candidate_id, MilestoneRow.kind.in_(COPY_KINDS))
        .order_by(MilestoneRow.recorded_at, MilestoneRow.id)
    )
    return [_parsed(row) for row in rows]


def sent_copies(session: Session, candidate_id: int) -> list[SentCopy]:
    """The copies exported for COORACE (not those the user chose not to send), oldest
    first."""
    return [copy for copy in written_copies(session, candidate_id) if copy.sent]


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
    record: bool = True,
    with_scans: bool = False,
) -> SentCopy:
    """Writes the candidate's PDF dossier (mode 0600; an existing file is refused unless
    `replace`), with the exchange JSON attached and, given a password, AES-256
    encryption; records the copy in the history as sent (without `record`: the caller
    records it with `record_copy` once the user has chosen to send it or not). The
    password is not kept."""
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
        row_id = row.id
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
                    MilestoneRow.kind.not_in(COPY_KINDS),
                )
            )
        )
    agreement = dossier.employer_agreement
    if agreement is not None:  # a dated step of both paths, kept in the dossier itself
        milestones += (Milestone(agreement.given_on, "Accord de l'employeur", None),)
    evaluation = evaluate(dossier, today, rules, catalogue)
    lines, count, scans = _documents(store, row_id, dossier, evaluation, chosen, with_scans)
    content = DossierContent(dossier, evaluation, chosen, milestones, today, lines, count)
    try:
        pdf = finish_pdf(
            dossier_pdf(content), exchange_text(exported(dossier)), password, scans=scans
        )
    except LayoutError as error:  # should not happen: cells are cut to fit a page
        raise StoreError(
            f"Le dossier PDF n'a pas pu être mis en page ({error}) : rien n'a été écrit."
        ) from None
    write_private_bytes(out, pdf)
    digest = hashlib.sha256(pdf).hexdigest()
    copy = SentCopy(chosen, today, datetime.now(), digest, str(out.resolve()))
    return record_copy(store, ref, copy, siret) if record else copy


def _documents(store: Store, candidate_id: int, dossier, evaluation, path: str, with_scans: bool):
    """The PDF's lines of the path's supporting documents, « 4/6 », and the scans to
    attach (`with_scans`), named « piece-01-… » in the checklist's order."""
    from app.evaluation.documents import MISSING, STATES, checklist, completeness
    from app.export.dossier import DocumentLine
    from app.export.mail import ascii_file_name
    from app.store.documents import EXTENSIONS, document_states, scan_of

    items = [item for item in checklist(dossier, evaluation) if item.path == path]
    with store.transaction() as session:
        states = document_states(session, candidate_id)
        found = {item.key: scan_of(session, candidate_id, item.key) for item in items}
    lines, scans = [], []
    for number, item in enumerate(items, start=1):
        state = states.get(item.key)
        scan = found[item.key] if with_scans else None
        if scan is not None:
            data, kind, _name = scan
            label = ascii_file_name(item.label).replace(" ", "-")[:40]
            scans.append((f"piece-{number:02d}-{label}{EXTENSIONS.get(kind, '')}", data, kind))
        lines.append(
            DocumentLine(
                item.label,
                STATES[state.state if state else MISSING],
                state.provided_on if state else None,
                (state.file_name or "") if state else "",
                scan is not None,
            )
        )
    count = completeness(items, {k: s.state for k, s in states.items()}) if items else ""
    return tuple(lines), count, tuple(scans)


def record_copy(
    store: Store, ref: str, copy: SentCopy, siret: str | None = None, sent: bool = True
) -> SentCopy:
    """Adds the copy written by `export_pdf(record=False)` to the candidate's history:
    « Dossier PDF exporté pour COORACE », or, not `sent`, « Dossier PDF écrit, non envoyé
    à COORACE » (the file is known; « modifié depuis l'envoi » does not count it). Dated
    when the file was written: the record is compared with the candidate's changes."""
    with store.transaction() as session:
        session.add(
            MilestoneRow(
                candidate_id=find_candidate(session, ref, siret).id,
                path=copy.path,
                kind=SENT if sent else NOT_SENT,
                occurred_on=copy.on,
                detail=_detail(copy.sha256, Path(copy.file)),
                recorded_at=copy.recorded_at,
                recorded_by=store.user,
            )
        )
    return dataclasses.replace(copy, sent=sent)
