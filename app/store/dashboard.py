"""The home view's figures, read from the candidates' stored evaluation lines: deadlines
coming within the warning period or passed, and eligible CIP candidates per region."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import french
from app.store.group_models import GroupMemberRow
from app.store.models import CandidateRow, StructureRow


@dataclass(frozen=True, slots=True)
class Deadline:
    candidate_id: int
    name: str
    next_step: str
    due_on: date
    days_left: int  # negative once passed

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    def text(self) -> str:
        if self.overdue:
            when = f"dépassée depuis {french.days(-self.days_left)}"
        elif self.days_left == 0:
            when = "aujourd'hui"
        else:
            when = f"dans {french.days(self.days_left)}"
        return f"{french.day_text(self.due_on)} ({when}) — {self.name} : {self.next_step}"


def deadlines(session: Session, today: date, horizon_days: int) -> list[Deadline]:
    """CIP 3-month VAE and CISP 5-year deadlines within `horizon_days`, or passed without
    the step done, the most urgent first."""
    rows = session.execute(
        select(
            CandidateRow.id,
            CandidateRow.first_name,
            CandidateRow.last_name,
            CandidateRow.next_step,
            CandidateRow.next_deadline,
        )
        .where(CandidateRow.next_deadline <= today + timedelta(days=horizon_days))
        .order_by(CandidateRow.next_deadline, CandidateRow.sort_key)
    )
    return [
        Deadline(id_, f"{first} {last}", step, due, (due - today).days)
        for id_, first, last, step, due in rows
    ]


@dataclass(frozen=True, slots=True)
class RegionGroup:
    region: str
    eligible: int
    group_size: int

    def text(self) -> str:
        """What a structure can say: its own eligible candidates — a group is formed by
        COORACE with the other structures of the region, never counted here alone."""
        count = french.plural(self.eligible, "candidat éligible", "candidats éligibles")
        return (
            f"{self.region} : {self.eligible} {count} — le groupe se constitue chez COORACE "
            "avec les autres structures de la région"
        )


def regional_groups(session: Session, group_size: int) -> list[RegionGroup]:
    """Eligible CIP candidates (CIP-EXP, CIP-AGR and CIP-POS met) per exact region text,
    not members of a group already (COORACE's answers), against the group size of the
    rules (CIP-GRP)."""
    from app.store.models import CipRow

    in_a_group = select(GroupMemberRow.candidate_id).where(GroupMemberRow.left_on.is_(None))
    closed = select(CipRow.candidate_id).where(
        CipRow.closed_on.is_not(None), CipRow.resumed_on.is_(None)
    )
    rows = session.execute(
        select(StructureRow.region, func.count(CandidateRow.id))
        .join(CandidateRow.structure)
        .where(
            CandidateRow.cip_verdict == "eligible",
            CandidateRow.id.not_in(in_a_group),
            CandidateRow.id.not_in(closed),  # an abandon leaves the counts
        )
        .group_by(StructureRow.region)
        .order_by(StructureRow.region)
    )
    return [RegionGroup(region, count, group_size) for region, count in rows]


# the exports of a dossier are not a step of the path: they do not count as news
NOT_NEWS = ("dossier_sent", "dossier_not_sent")


@dataclass(frozen=True, slots=True)
class Quiet:
    """A candidacy with no new step for a while."""

    candidate_id: int
    name: str
    stage: str
    since: date  # the last step recorded (or the record's creation)
    days: int

    def text(self) -> str:
        """« Éloïse Martinez — sans nouvelle étape depuis 75 jours (dernière le …) »."""
        return (
            f"{self.name} — sans nouvelle étape depuis {french.days(self.days)} (la dernière "
            f"le {french.day_text(self.since)}) — {self.stage}"
        )


def without_news(session: Session, today: date, after_days: int) -> list[Quiet]:
    """Candidacies on a path not finished whose last step (a dated milestone of their
    history, exports aside; else the day the record was made) is `after_days` days old or
    more on `today`, the longest silent first."""
    from app.step_names import CLOSED, DONE
    from app.store.models import MilestoneRow

    last = (
        select(MilestoneRow.candidate_id, func.max(MilestoneRow.occurred_on).label("on"))
        .where(MilestoneRow.kind.not_in(NOT_NEWS), MilestoneRow.occurred_on <= today)
        .group_by(MilestoneRow.candidate_id)
        .subquery()
    )
    boundary = today - timedelta(days=after_days)
    rows = session.execute(  # only the silent ones leave SQLite: 10 000 lines are not read
        select(
            CandidateRow.id,
            CandidateRow.first_name,
            CandidateRow.last_name,
            CandidateRow.stage,
            CandidateRow.created_at,
            last.c.on,
        )
        .outerjoin(last, last.c.candidate_id == CandidateRow.id)
        .where(
            CandidateRow.stage != "",
            func.coalesce(last.c.on, func.date(CandidateRow.created_at)) <= boundary.isoformat(),
        )
    )
    out = []
    for cid, first, last_name, stage, created, step_on in rows:
        stages = [part.partition(" : ")[2] for part in stage.split(" ; ")] if stage else []
        if not stages or all(s in (DONE, CLOSED) for s in stages):
            continue  # no path, or every path done or closed: nothing to wait for
        since = step_on or created.date()
        days = (today - since).days
        if days >= after_days:
            out.append(Quiet(cid, f"{first} {last_name}", stage, since, days))
    out.sort(key=lambda q: (-q.days, q.name))
    return out
