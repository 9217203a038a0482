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

from app.consolidation.proposal import Proposal, ReadyCandidate, propose_groups
from app.domain import Catalogue
from app.evaluation import evaluate
from app.rules import Rules
from app.store.candidates import _LOADED
from app.store.group_models import GroupMemberRow
from app.store.mapping import dossier_of
from app.store.models import CandidateRow


@dataclass(frozen=True, slots=True)
class ReadyLine(ReadyCandidate):
    """A ready candidate (as the proposal takes them), with what COORACE's lists show of
    them: since when they are ready, the later of the agreement's and the positioning
    test's dates (ISO text, "" when neither is known)."""

    candidate_id: int = 0
    since: str = ""

    @property
    def ready_since(self) -> date | None:
        return date.fromisoformat(self.since) if self.since else None


def in_groups(session: Session) -> set[int]:
    """The candidates who are members of a recorded group now."""
    query = select(GroupMemberRow.candidate_id).where(GroupMemberRow.left_on.is_(None))
    return set(session.scalars(query))


# One pass over the CIP candidates not in a group now, their candidacy not closed (an
# « abandon » leaves the group counts until it is taken up again): those whose stored line holds on
# the date and says « Éligible », and those whose line does not hold (to evaluate). Dates
# are ISO texts in SQLite: compared as texts, parsed only for the lines kept.
_CANDIDATES = """
SELECT c.id, s.siret, c.ref, s.region,
       max(coalesce(c.agreement_given_on, ''), coalesce(p.positioning_on, '')) AS since,
       (c.summary_on IS NOT NULL AND c.summary_on <= :on
        AND (c.summary_until IS NULL OR :on < c.summary_until)) AS holds
FROM candidates c
JOIN structures s ON s.id = c.structure_id
JOIN cip_paths p ON p.candidate_id = c.id
WHERE NOT EXISTS (SELECT 1 FROM group_members m
                  WHERE m.candidate_id = c.id AND m.left_on IS NULL)
  AND (p.closed_on IS NULL OR p.resumed_on IS NOT NULL)
  AND (c.cip_verdict = 'eligible' OR NOT holds)
"""


def ready_lines(session: Session, on: date, rules: Rules, catalogue: Catalogue) -> list[ReadyLine]:
    lines: list[ReadyLine] = []
    to_evaluate: list[int] = []
    raw = session.connection().connection.driver_connection  # sqlite3: no row wrapping
    found = raw.execute(_CANDIDATES, {"on": on.isoformat()}).fetchall()
    for cid, siret, ref, region, since, holds in found:
        if holds:
            lines.append(ReadyLine(siret, ref, region, cid, since))
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
                tested = row.cip.positioning_on if row.cip else None
                since = _since(row.agreement_given_on, tested)
                structure = row.structure
                lines.append(ReadyLine(structure.siret, row.ref, structure.region, row.id, since))
    return lines


def _since(*days: date | None) -> str:
    known = [day for day in days if day is not None]
    return max(known).isoformat() if known else ""


def proposal_on(
    session: Session, on: date, rules: Rules, catalogue: Catalogue
) -> tuple[Proposal, list[ReadyLine]]:
    """The groups proposed on `on` (rule CIP-GRP, `min_group_size` of the rules), and the
    ready candidates they were made from."""
    from app.consolidation.borders import borders

    lines = ready_lines(session, on, rules, catalogue)
    return propose_groups(lines, int(rules.value("min_group_size")), borders()), lines
