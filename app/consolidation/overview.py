"""What COORACE's window shows, read in one place: the dossiers received by region and
structure, the ready candidates per region against the group size with how long they
have waited, the groups recorded and their members; and, in a structure's workspace, the
groups COORACE's answers told it about."""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.consolidation.readiness import ReadyLine
from app.store.group_models import GroupMemberRow, GroupRow
from app.store.models import CandidateRow, StructureRow
from app.text import folded


@dataclass(frozen=True, slots=True)
class StructureCount:
    siret: str
    name: str
    dossiers: int
    ready: int


@dataclass(frozen=True, slots=True)
class RegionOverview:
    """A region: its structures and dossiers received, its ready candidates against the
    group size, and how long the waiting ones have waited (days since they were ready)."""

    region: str
    structures: tuple[StructureCount, ...]
    dossiers: int
    ready: int
    longest_wait_days: int | None
    median_wait_days: int | None

    def wait_text(self) -> str:
        if self.longest_wait_days is None:
            return ""
        return f"attente : {self.median_wait_days} j en médiane, {self.longest_wait_days} j au plus"


def regions_overview(session: Session, ready: list[ReadyLine], on: date) -> list[RegionOverview]:
    """Every region with a dossier received, in French name order."""
    counts = session.execute(
        select(StructureRow.region, StructureRow.siret, StructureRow.name, func.count())
        .join(CandidateRow, CandidateRow.structure_id == StructureRow.id)
        .group_by(StructureRow.id)
    ).all()
    ready_by_siret: dict[str, int] = {}
    waits: dict[str, list[int]] = {}
    for line in ready:
        ready_by_siret[line.siret] = ready_by_siret.get(line.siret, 0) + 1
        since = line.ready_since
        if since is not None:
            waits.setdefault(line.region, []).append(max((on - since).days, 0))
    by_region: dict[str, list[StructureCount]] = {}
    for region, siret, name, dossiers in counts:
        by_region.setdefault(region, []).append(
            StructureCount(siret, name, dossiers, ready_by_siret.get(siret, 0))
        )
    out = []
    for region in sorted(by_region, key=lambda r: (folded(r), r)):
        structures = tuple(sorted(by_region[region], key=lambda s: (folded(s.name), s.siret)))
        days = waits.get(region, [])
        out.append(
            RegionOverview(
                region=region,
                structures=structures,
                dossiers=sum(s.dossiers for s in structures),
                ready=sum(s.ready for s in structures),
                longest_wait_days=max(days) if days else None,
                median_wait_days=int(statistics.median(days)) if days else None,
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class MemberLine:
    candidate_id: int
    name: str
    ref: str
    siret: str
    structure: str
    region: str
    joined_on: date
    left_on: date | None
    left_reason: str | None


def group_members(session: Session, group_id: int) -> list[MemberLine]:
    """A group's members, present first, by structure then name."""
    found = session.execute(
        select(GroupMemberRow, CandidateRow, StructureRow)
        .join(CandidateRow, CandidateRow.id == GroupMemberRow.candidate_id)
        .join(StructureRow, StructureRow.id == CandidateRow.structure_id)
        .where(GroupMemberRow.group_id == group_id)
    ).all()
    lines = [
        MemberLine(
            candidate.id,
            f"{candidate.first_name} {candidate.last_name}",
            candidate.ref,
            structure.siret,
            structure.name,
            structure.region,
            member.joined_on,
            member.left_on,
            member.left_reason,
        )
        for member, candidate, structure in found
    ]
    lines.sort(key=lambda m: (m.left_on is not None, folded(m.structure), folded(m.name)))
    return lines


@dataclass(frozen=True, slots=True)
class GroupFacts:
    """What a structure's window says of a group, whoever it is said for."""

    name: str
    kind: str
    regions: tuple[str, ...]
    status: str
    starts_on: date | None
    ends_on: date | None

    def text(self) -> str:
        """« Groupe … — régional (Centre-Val de Loire), en cours, début le 15/06/2015 »."""
        from app.consolidation.groups import KIND_WORDS, STATUS_WORDS

        dates = ""
        if self.starts_on:
            dates += f", début le {self.starts_on:%d/%m/%Y}"
        if self.ends_on:
            dates += f", fin le {self.ends_on:%d/%m/%Y}"
        return (
            f"{self.name} — {KIND_WORDS.get(self.kind, self.kind)} "
            f"({' + '.join(self.regions)}), {STATUS_WORDS.get(self.status, self.status)}{dates}"
        )


def _facts(group: GroupRow) -> GroupFacts:
    return GroupFacts(
        group.name,
        group.kind,
        tuple(json.loads(group.regions)),
        group.status,
        group.starts_on,
        group.ends_on,
    )


@dataclass(frozen=True, slots=True)
class CandidateGroup:
    """A group a candidate is (or was) in, as their page says it."""

    group: GroupFacts
    joined_on: date
    left_on: date | None
    left_reason: str | None

    def text(self) -> str:
        said = f"{self.group.text()} — membre depuis le {self.joined_on:%d/%m/%Y}"
        if self.left_on:
            why = f" ({self.left_reason})" if self.left_reason else ""
            said += f" — a quitté le groupe le {self.left_on:%d/%m/%Y}{why}"
        return said


def candidate_groups(session: Session, candidate_id: int) -> list[CandidateGroup]:
    found = session.execute(
        select(GroupMemberRow, GroupRow)
        .join(GroupRow, GroupRow.id == GroupMemberRow.group_id)
        .where(GroupMemberRow.candidate_id == candidate_id)
        .order_by(GroupMemberRow.joined_on, GroupMemberRow.id)
    ).all()
    return [
        CandidateGroup(_facts(group), member.joined_on, member.left_on, member.left_reason)
        for member, group in found
    ]


@dataclass(frozen=True, slots=True)
class StructureGroup:
    """A group as a structure's dashboard says it: its members from this structure."""

    group: GroupFacts
    members: tuple[str, ...]

    def text(self) -> str:
        who = ", ".join(self.members) or "aucun de vos candidats à présent"
        return f"{self.group.text()} : {who}"


def structure_groups(session: Session) -> list[StructureGroup]:
    """The groups held (from COORACE's answers, in a structure's workspace), with their
    present members' names."""
    groups = session.scalars(select(GroupRow).order_by(GroupRow.id)).all()
    out = []
    for group in groups:
        names = session.execute(
            select(CandidateRow.first_name, CandidateRow.last_name)
            .join(GroupMemberRow, GroupMemberRow.candidate_id == CandidateRow.id)
            .where(GroupMemberRow.group_id == group.id, GroupMemberRow.left_on.is_(None))
            .order_by(CandidateRow.sort_key)
        ).all()
        names = tuple(f"{first} {last}" for first, last in names)
        out.append(StructureGroup(_facts(group), names))
    return out
