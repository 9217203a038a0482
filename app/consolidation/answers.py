"""The answer to each structure about a group (COORACE's side), and its import in the
structure's workspace. Each structure receives the group and only its own members: one
`passerelle.group` document per structure, attached to an .eml draft addressed to it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.consolidation.groups import audit_group, group_milestone
from app.dates import iso_datetime, now_aware, parse_iso_datetime
from app.exchange.group_answer import (
    AnsweredGroup,
    AnsweredMember,
    GroupAnswer,
    answer_text,
)
from app.store.database import Store
from app.store.errors import StoreError
from app.store.files import write_private_bytes, write_private_text
from app.store.group_models import GroupMemberRow, GroupRow
from app.store.models import CandidateRow, StructureRow


@dataclass(frozen=True, slots=True)
class WrittenAnswer:
    siret: str
    structure: str
    members: int
    json_file: Path
    draft: Path


def answers_of(session: Session, group: GroupRow, at: datetime | None = None) -> list[GroupAnswer]:
    """One answer per structure with a member in the group (present or gone: a structure
    hears that its candidate left), in SIRET order."""
    at = at or now_aware()
    members = session.execute(
        select(GroupMemberRow, CandidateRow, StructureRow)
        .join(CandidateRow, CandidateRow.id == GroupMemberRow.candidate_id)
        .join(StructureRow, StructureRow.id == CandidateRow.structure_id)
        .where(GroupMemberRow.group_id == group.id)
        .order_by(StructureRow.siret, CandidateRow.sort_key, GroupMemberRow.id)
    ).all()
    current = sum(1 for member, _c, _s in members if member.left_on is None)
    answered = AnsweredGroup(
        uid=group.uid,
        name=group.name,
        kind=group.kind,
        regions=tuple(json.loads(group.regions)),
        status=group.status,
        afpa_centre=group.afpa_centre,
        starts_on=group.starts_on,
        ends_on=group.ends_on,
        candidates=max(current, 1),
        reason=group.reason,
    )
    by_structure: dict[str, tuple[StructureRow, list[AnsweredMember]]] = {}
    for member, candidate, structure in members:
        entry = by_structure.setdefault(structure.siret, (structure, []))
        entry[1].append(
            AnsweredMember(
                ref=candidate.ref,
                last_name=candidate.last_name,
                first_name=candidate.first_name,
                joined_on=member.joined_on,
                left_on=member.left_on,
                left_reason=member.left_reason,
            )
        )
    return [
        GroupAnswer(at, answered, siret, structure.name, tuple(people))
        for siret, (structure, people) in by_structure.items()
    ]


def _file_stem(text: str) -> str:
    """A file name part in plain ASCII (it travels attached to an e-mail): « Groupe
    régional Centre-Val de Loire (06/2015) » → « Groupe-regional-Centre-Val-de-Loire-06-2015 »."""
    from app.export.mail import ascii_file_name

    return re.sub(r"[^A-Za-z0-9-]+", "-", ascii_file_name(text)).strip("-")[:80] or "groupe"


def write_answers(store: Store, key: str, out: Path) -> list[WrittenAnswer]:
    """Writes, in `out`, each structure's answer (JSON) and its .eml draft; never over an
    existing file (the whole set is refused first)."""
    from app.consolidation.groups import find_group
    from app.export.mail import group_answer_draft
    from app.store.workspace import current_coorace_setup

    setup = current_coorace_setup(store)
    service = setup.service if setup else "COORACE"
    with store.transaction() as session:
        group = find_group(session, key)
        answers = answers_of(session, group)
        emails = {row.siret: row.email for row in session.scalars(select(StructureRow))}
    if not answers:
        raise StoreError(f"Le groupe « {group.name} » n'a aucun membre : aucune réponse écrite.")
    out.mkdir(parents=True, exist_ok=True)
    planned = []
    for answer in answers:
        stem = f"groupe-{_file_stem(group.name)}-{answer.siret}"
        planned.append((answer, out / f"{stem}.json", out / f"{stem}.eml"))
    taken = [str(p) for _a, j, e in planned for p in (j, e) if p.exists()]
    if taken:
        raise StoreError(f"Ces fichiers existent déjà : {', '.join(taken)} ; rien n'a été écrit.")
    written = []
    for answer, json_file, draft_file in planned:
        text = answer_text(answer)
        write_private_text(json_file, text)
        message = group_answer_draft(
            emails.get(answer.siret),
            store.user,
            service,
            group.name,
            text.encode("utf-8"),
            json_file.name,
            sender_email=setup.coorace_email if setup else None,
        )
        write_private_bytes(draft_file, bytes(message))
        written.append(
            WrittenAnswer(
                answer.siret, answer.structure_name, len(answer.members), json_file, draft_file
            )
        )
    return written


def _left(group: str, reason: str | None) -> str:
    return f"{group} — motif : {reason}" if reason else group


@dataclass(frozen=True, slots=True)
class AnswerOutcome:
    """What importing an answer did, in French."""

    outcome: str  # created, updated, unchanged, older, refused
    detail: str


def import_answer(store: Store, answer: GroupAnswer, own_siret: str | None) -> AnswerOutcome:
    """Records, in a structure's workspace, the group an answer describes, with this
    structure's members (matched by reference); an answer for another structure is
    refused; an older answer than the one held is ignored."""
    if own_siret is not None and answer.siret != own_siret:
        return AnswerOutcome(
            "refused",
            f"cette réponse est adressée à {answer.structure_name} (SIRET {answer.siret}), "
            "pas à votre structure",
        )
    now = datetime.now()
    user = store.user
    g = answer.group
    with store.transaction() as session:
        row = session.scalars(
            select(GroupRow).where(GroupRow.uid == g.uid).options(selectinload(GroupRow.members))
        ).first()
        if row is not None and row.answered_at is not None:
            held = parse_iso_datetime(row.answered_at)
            if answer.exported_at <= held:
                same = answer.exported_at == held
                return AnswerOutcome(
                    "unchanged" if same else "older",
                    "réponse déjà importée" if same else "plus ancienne que la réponse déjà reçue",
                )
        ids = {
            ref: cid
            for cid, ref in session.execute(
                select(CandidateRow.id, CandidateRow.ref)
                .join(CandidateRow.structure)
                .where(StructureRow.siret == answer.siret)
            )
        }
        unknown = [m.ref for m in answer.members if m.ref not in ids]
        created = row is None
        if row is None:
            row = GroupRow(uid=g.uid, created_at=now)
            session.add(row)
        row.name, row.kind, row.status = g.name, g.kind, g.status
        row.regions = json.dumps(list(g.regions), ensure_ascii=False)
        row.afpa_centre, row.starts_on, row.ends_on = g.afpa_centre, g.starts_on, g.ends_on
        row.reason, row.updated_at = g.reason, now
        row.answered_at = iso_datetime(answer.exported_at)
        session.flush()
        before = {m.candidate_id: m for m in row.members}
        for member in answer.members:
            cid = ids.get(member.ref)
            if cid is None:
                continue
            held_member = before.get(cid)
            if held_member is None:
                session.add(
                    GroupMemberRow(
                        group_id=row.id,
                        candidate_id=cid,
                        joined_on=member.joined_on,
                        left_on=member.left_on,
                        left_reason=member.left_reason,
                    )
                )
                group_milestone(session, cid, "group_joined", member.joined_on, g.name, user, now)
                if member.left_on is not None:  # joined and left since the last answer
                    left = _left(g.name, member.left_reason)
                    group_milestone(session, cid, "group_left", member.left_on, left, user, now)
            elif held_member.left_on is None and member.left_on is not None:
                held_member.left_on, held_member.left_reason = member.left_on, member.left_reason
                left = _left(g.name, member.left_reason)
                group_milestone(session, cid, "group_left", member.left_on, left, user, now)
        audit_group(
            session,
            row.id,
            user,
            now,
            {"group.status": (None, g.status)},
            action="create" if created else "update",
        )
    detail = f"groupe « {g.name} », {len(answer.members) - len(unknown)} de vos candidats"
    if unknown:
        detail += f" ; références inconnues ici : {', '.join(unknown)}"
    return AnswerOutcome("created" if created else "updated", detail)
