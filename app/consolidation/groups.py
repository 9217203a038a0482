"""Groups as records, in COORACE's workspace: « Constituer ce groupe » from a proposal,
its life (proposé → constitué → en cours → terminé), its members (moved to another group
or removed, always with a reason). Everything is in the audit log (entity « group »), and
each member's joining and leaving in their history."""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.consolidation.proposal import ProposedGroup
from app.limits import chars_exceeded, limits
from app.store.errors import StoreError
from app.store.group_models import GroupMemberRow, GroupRow
from app.store.history import record_audit
from app.store.models import CandidateRow, MilestoneRow, StructureRow

STATUSES = ("proposed", "constituted", "running", "finished")
STATUS_WORDS = {
    "proposed": "proposé",
    "constituted": "constitué",
    "running": "en cours",
    "finished": "terminé",
}
KIND_WORDS = {
    "regional": "régional",
    "inter-regional": "inter-régional",
    "national": "national",
}


class GroupError(StoreError):
    """A group change refused, said in French; nothing was written."""


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _text(value: str, field: str, limit: str = "text_max_chars") -> str:
    """A text typed for a group, trimmed; refused (French, nothing written) beyond its
    limit or with an invisible control character (a line break in a name, say)."""
    value = value.strip()
    most = limits().value(limit)
    if len(value) > most:
        raise GroupError(f"{field} : {chars_exceeded(len(value), most)} : rien n'a été modifié.")
    if _CONTROL.search(value):
        raise GroupError(
            f"{field} : contient un saut de ligne ou un caractère de contrôle invisible : "
            "rien n'a été modifié."
        )
    return value


def default_name(group: ProposedGroup, on: date) -> str:
    """« Groupe inter-régional Bretagne + Pays de la Loire (06/2015) »."""
    regions = " + ".join(group.regions) if group.kind != "national" else "France"
    return f"Groupe {KIND_WORDS[group.kind]} {regions} ({on:%m/%Y})"


def _members_ids(session: Session, group: ProposedGroup) -> list[int]:
    keys = {(m.siret, m.ref) for m in group.members}
    query = select(CandidateRow.id, StructureRow.siret, CandidateRow.ref).join(
        CandidateRow.structure
    )
    found = {(s, r): i for i, s, r in session.execute(query) if (s, r) in keys}
    missing = keys - set(found)
    if missing:
        raise GroupError(
            f"{len(missing)} candidat(s) de ce groupe ne sont plus enregistrés ici "
            "(effacés depuis la proposition) : proposez de nouveau les groupes."
        )
    return [found[(m.siret, m.ref)] for m in group.members]


def record_group(
    session: Session,
    proposed: ProposedGroup,
    user: str,
    on: date,
    name: str | None = None,
    afpa_centre: str | None = None,
    now: datetime | None = None,
) -> GroupRow:
    """« Constituer ce groupe »: a group recorded from a proposal, status « proposé »;
    its members leave the ready candidates. A member already in another group refuses
    the whole group (nothing written)."""
    from app.consolidation.readiness import in_groups

    now = now or datetime.now()
    ids = _members_ids(session, proposed)
    taken = in_groups(session) & set(ids)
    if taken:
        raise GroupError(
            f"{len(taken)} candidat(s) de ce groupe sont déjà membres d'un autre groupe : "
            "proposez de nouveau les groupes."
        )
    row = GroupRow(
        uid=str(uuid.uuid4()),
        name=_text(name or "", "Nom du groupe") or default_name(proposed, on),
        kind=proposed.kind,
        regions=json.dumps(list(proposed.regions), ensure_ascii=False),
        afpa_centre=_text(afpa_centre, "Centre AFPA") or None if afpa_centre else None,
        status="proposed",
        reason=proposed.reason,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    for cid in ids:
        _join(session, row, cid, on, user, now)
    audit_group(
        session,
        row.id,
        user,
        now,
        {"group.name": (None, row.name), "group.members": (None, len(ids))},
        action="create",
    )
    return row


def _join(session: Session, group: GroupRow, cid: int, on: date, user: str, now: datetime):
    session.add(GroupMemberRow(group_id=group.id, candidate_id=cid, joined_on=on))
    group_milestone(session, cid, "group_joined", on, group.name, user, now)


def group_milestone(session, cid: int, kind: str, on: date, detail: str, user: str, now) -> None:
    """A member's joining or leaving, in their history (the group's name as detail)."""
    session.add(
        MilestoneRow(
            candidate_id=cid,
            path="cip",
            kind=kind,
            occurred_on=on,
            detail=detail,
            recorded_at=now,
            recorded_by=user,
        )
    )


def audit_group(
    session: Session,
    group_id: int,
    user: str,
    now: datetime,
    changes: dict,
    candidate_id: int | None = None,
    action: str = "update",
) -> None:
    """A change of a group in the audit log (entity « group »), about a member or not."""
    record_audit(
        session,
        user=user,
        now=now,
        entity="group",
        entity_id=group_id,
        candidate_id=candidate_id,
        action=action,
        changes=changes,
    )


def find_group(session: Session, key: str) -> GroupRow:
    """A group by its number (as `groups list` shows it), its identifier or its exact
    name. GroupError when there is none."""
    query = select(GroupRow).options(selectinload(GroupRow.members))
    if key.isdigit():
        row = session.scalars(query.where(GroupRow.id == int(key))).first()
    else:
        row = session.scalars(query.where((GroupRow.uid == key) | (GroupRow.name == key))).first()
    if row is None:
        raise GroupError(
            f"Aucun groupe « {key} » : choisissez-le dans la liste des groupes.",
            terminal=f"Aucun groupe « {key} » : voyez passerelle groups list.",
        )
    return row


def set_status(session: Session, group: GroupRow, status: str, user: str, on: date) -> None:
    """The group's next status, or the one before (a step taken by mistake); never a
    jump over a status."""
    if status not in STATUSES:
        allowed = ", ".join(STATUS_WORDS[s] for s in STATUSES)
        raise GroupError(f"Statut inconnu « {status} » : {allowed}.")
    step = STATUSES.index(status) - STATUSES.index(group.status)
    if abs(step) != 1:
        raise GroupError(
            f"Le groupe est « {STATUS_WORDS[group.status]} » : il passe au statut suivant ou "
            f"revient au précédent, pas à « {STATUS_WORDS[status]} »."
        )
    if status == "finished" and group.starts_on is not None and on < group.starts_on:
        raise GroupError(
            f"Le groupe a commencé le {group.starts_on:%d/%m/%Y} : il ne peut pas finir le "
            f"{on:%d/%m/%Y}. Rien n'a été modifié."
        )
    now = datetime.now()
    old, group.status, group.updated_at = group.status, status, now
    if status == "running" and step > 0:
        group.starts_on = on  # « en cours » dates the start (again, after a step back)
    if status == "finished":
        group.ends_on = on
    if step < 0 and old == "running":
        group.starts_on = None  # a start recorded by mistake is taken back
    if step < 0 and old == "finished":
        group.ends_on = None
    audit_group(
        session,
        group.id,
        user,
        now,
        {"group.status": (old, status)},
    )


def refuse_if_finished(group: GroupRow) -> None:
    """A finished group no longer changes (members, calendar, attendance): its status
    is stepped back first, which the audit log keeps."""
    if group.status == "finished":
        raise GroupError(
            f"Le groupe « {group.name} » est terminé : pour le modifier, repassez-le « en "
            "cours » (Statut précédent). Rien n'a été modifié."
        )


def _current(group: GroupRow, cid: int) -> GroupMemberRow:
    for member in group.members:
        if member.candidate_id == cid and member.left_on is None:
            return member
    raise GroupError(f"Ce candidat n'est pas membre du groupe « {group.name} ».")


def remove_member(
    session: Session, group: GroupRow, cid: int, reason: str, user: str, on: date
) -> None:
    """Takes a member out of the group, with the reason (required): they are ready again."""
    refuse_if_finished(group)
    reason = _text(reason, "Motif", "note_max_chars")
    if not reason:
        raise GroupError("Motif : dites pourquoi ce candidat quitte le groupe.")
    member = _current(group, cid)
    if on < member.joined_on:
        raise GroupError(
            f"Le candidat est entré dans le groupe le {member.joined_on:%d/%m/%Y} : il ne peut "
            f"pas l'avoir quitté le {on:%d/%m/%Y}. Rien n'a été modifié."
        )
    member.left_on, member.left_reason = on, reason
    now = datetime.now()
    group.updated_at = now
    group_milestone(session, cid, "group_left", on, f"{group.name} — motif : {reason}", user, now)
    audit_group(
        session,
        group.id,
        user,
        now,
        {"group.members": ("membre", "retiré"), "group.left_reason": (None, reason)},
        candidate_id=cid,
    )


def move_member(
    session: Session,
    group: GroupRow,
    target: GroupRow,
    cid: int,
    reason: str,
    user: str,
    on: date,
) -> None:
    """Moves a member to another recorded group, with the reason."""
    if target.id == group.id:
        raise GroupError("Le candidat est déjà dans ce groupe.")
    if target.status == "finished":
        raise GroupError(f"Le groupe « {target.name} » est terminé : on n'y ajoute personne.")
    remove_member(session, group, cid, reason, user, on)
    now = datetime.now()
    _join(session, target, cid, on, user, now)
    region = session.get(CandidateRow, cid).structure.region
    regions = json.loads(target.regions)
    if region not in regions:  # the group now reaches that region too
        target.regions = json.dumps(sorted([*regions, region]), ensure_ascii=False)
    target.updated_at = now
    audit_group(
        session,
        target.id,
        user,
        now,
        {"group.members": (None, f"venu du groupe « {group.name} »")},
        candidate_id=cid,
    )
    session.flush()


@dataclass(frozen=True, slots=True)
class GroupLine:
    """A group as the lists show it."""

    id: int
    uid: str
    name: str
    kind: str
    regions: tuple[str, ...]
    status: str
    afpa_centre: str | None
    starts_on: date | None
    ends_on: date | None
    members: int

    def line(self) -> str:
        dates = ""
        if self.starts_on:
            dates = f", depuis le {self.starts_on:%d/%m/%Y}"
        if self.ends_on:
            dates += f", terminé le {self.ends_on:%d/%m/%Y}"
        return (
            f"{self.id}. {self.name} — {KIND_WORDS.get(self.kind, self.kind)}, "
            f"{' + '.join(self.regions)}, {self.members} membre{'s' if self.members > 1 else ''}, "
            f"{STATUS_WORDS.get(self.status, self.status)}{dates}"
        )


def group_line(row: GroupRow) -> GroupLine:
    return GroupLine(
        id=row.id,
        uid=row.uid,
        name=row.name,
        kind=row.kind,
        regions=tuple(json.loads(row.regions)),
        status=row.status,
        afpa_centre=row.afpa_centre,
        starts_on=row.starts_on,
        ends_on=row.ends_on,
        members=sum(1 for m in row.members if m.left_on is None),
    )


def group_lines(session: Session) -> list[GroupLine]:
    rows = session.scalars(
        select(GroupRow).options(selectinload(GroupRow.members)).order_by(GroupRow.id)
    )
    return [group_line(row) for row in rows]
