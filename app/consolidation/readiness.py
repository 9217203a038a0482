"""Who is ready for a group on a date: on the CIP path with the verdict « Éligible »
(CIP-EXP, CIP-AGR and CIP-POS met) and not a member of a recorded group (a member who
left one — moved out, removed — is ready again).

The list's stored evaluation line is used when it holds for that date (it is valid from
`summary_on` until the day before `summary_until`); any other candidate on the CIP path is
evaluated for the date. So `groups propose` for today reads one column at 10 000
candidates; for another date, it evaluates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.consolidation.proposal import ReadyCandidate
from app.domain import Catalogue
from app.evaluation import evaluate
from app.rules import Rules
from app.store.candidates import _LOADED
from app.store.group_models import GroupMemberRow
from app.store.mapping import dossier_of
from app.store.models import CandidateRow, CipRow, StructureRow


@dataclass(frozen=True, slots=True)
class ReadyLine:
    """A ready candidate, with what COORACE's lists show of them."""

    candidate_id: int
    siret: str
    ref: str
    region: str
    ready_since: date | None  # the later of the agreement and the positioning test's dates

    def ready(self) -> ReadyCandidate:
        return ReadyCandidate(siret=self.siret, ref=self.ref, region=self.region)


def _holds(summary_on: date | None, until: date | None, on: date) -> bool:
    return summary_on is not None and summary_on <= on and (until is None or on < until)


def in_groups(session: Session) -> set[int]:
    """The candidates who are members of a recorded group now."""
    query = select(GroupMemberRow.candidate_id).where(GroupMemberRow.left_on.is_(None))
    return set(session.scalars(query))


def ready_lines(session: Session, on: date, rules: Rules, catalogue: Catalogue) -> list[ReadyLine]:
    members = in_groups(session)
    query = (
        select(
            CandidateRow.id,
            StructureRow.siret,
            CandidateRow.ref,
            StructureRow.region,
            CandidateRow.cip_verdict,
            CandidateRow.summary_on,
            CandidateRow.summary_until,
            CandidateRow.agreement_given_on,
            CipRow.positioning_on,
        )
        .join(CandidateRow.structure)
        .join(CipRow, CipRow.candidate_id == CandidateRow.id)
    )
    lines: list[ReadyLine] = []
    to_evaluate: list[int] = []
    for cid, siret, ref, region, verdict, since, until, agreed, tested in session.execute(query):
        if cid in members:
            continue
        if _holds(since, until, on):
            if verdict == "eligible":
                lines.append(ReadyLine(cid, siret, ref, region, _since(agreed, tested)))
        else:
            to_evaluate.append(cid)
    for start in range(0, len(to_evaluate), 500):
        rows = session.scalars(
            select(CandidateRow)
            .where(CandidateRow.id.in_(to_evaluate[start : start + 500]))
            .options(*_LOADED)
        )
        for row in rows:
            dossier = dossier_of(row)
            evaluation = evaluate(dossier, on, rules, catalogue)
            if evaluation.cip is not None and evaluation.cip.verdict == "eligible":
                agreed = row.agreement_given_on
                tested = row.cip.positioning_on if row.cip else None
                structure = row.structure
                since = _since(agreed, tested)
                lines.append(ReadyLine(row.id, structure.siret, row.ref, structure.region, since))
    return lines


def _since(*days: date | None) -> date | None:
    known = [day for day in days if day is not None]
    return max(known) if known else None
