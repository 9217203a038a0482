"""The append-only history: dated milestones of each path, and the audit log.

Milestones are derived from the dated facts of a dossier when they first appear (a
changed date adds a new milestone, the old one stays). The audit log records who changed
which field, with old and new values — except for sensitive free text, of which only the
fact that it changed is kept.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import labels
from app.domain import Dossier
from app.store.models import AuditRow, MilestoneRow

# Milestone kinds, by path, with their French label.
MILESTONE_KINDS: dict[str, dict[str, str]] = {
    "cip": {
        "dossier_sent": "Dossier PDF exporté pour COORACE",
        "dossier_not_sent": "Dossier PDF écrit, non envoyé à COORACE",
        "collective_information": "Réunion d'information collective (COORACE)",
        "targeted_information": "Réunion d'information ciblée (COORACE et AFPA)",
        "gap_analysis": "Analyse des décalages emploi-repère / emploi-métier faite",
        "positioning_test": "Test de positionnement",
        "admissibility_filed": "Demande de recevabilité déposée",
        "admissibility_decided": "Décision de recevabilité",
        "accompaniment": "Accompagnement VAE",
        "jury": "Jury",
        "result": "Résultat de la VAE",
        "group_joined": "Entrée dans un groupe de VAE collective",
        "group_left": "Sortie d'un groupe de VAE collective",
        "attendance": "Présence aux journées collectives",
        "closed": "Candidature close (abandon)",
        "resumed": "Parcours repris",
    },
    "cisp": {
        "dossier_sent": "Dossier PDF exporté pour COORACE",
        "dossier_not_sent": "Dossier PDF écrit, non envoyé à COORACE",
        "registration": "Dossier d'inscription déposé",
        "commission": "Commission paritaire COORACE-AROBASE",
        "contract": "Parcours individuel contractualisé",
        "course": "Formation suivie",
        "pole_session": "Session de synthèse et de certification",
        "title": "Titre obtenu",
        "closed": "Candidature close (abandon)",
        "resumed": "Parcours repris",
    },
}

# Leaves of the exchange document whose values never enter the audit log.
SENSITIVE_FIELDS = frozenset(
    {"birth_date", "email", "phone", "address", "note", "attestation", "signatory"}
)


def dated_facts(dossier: Dossier) -> list[tuple[str, str, date, str | None]]:
    """(path, kind, date, detail) for every dated step the dossier records; kinds are
    those of MILESTONE_KINDS."""
    facts: list[tuple[str, str, date, str | None]] = []
    if dossier.cip is not None:
        cip = dossier.cip
        dated = [
            ("collective_information", cip.collective_meeting_on, None),
            ("targeted_information", cip.targeted_meeting_on, None),
            ("positioning_test", cip.positioning_on, None),
            ("positioning_test", cip.retest_on, "nouveau test"),
            ("admissibility_filed", cip.admissibility_filed_on, None),
            ("admissibility_decided", cip.admissibility_decision_on, None),
            *(("accompaniment", day, None) for day in cip.accompaniment_sessions),
            ("jury", cip.jury_on, None),
            ("result", cip.vae_result_on, cip.vae_outcome),
        ]
        facts.extend(("cip", kind, day, detail) for kind, day, detail in dated if day)
    if dossier.cisp is not None:
        cisp = dossier.cisp
        if cisp.registered_on:
            facts.append(("cisp", "registration", cisp.registered_on, None))
        if cisp.commission and cisp.commission.date:
            facts.append(("cisp", "commission", cisp.commission.date, cisp.commission.decision))
        if cisp.contracted_on:
            facts.append(("cisp", "contract", cisp.contracted_on, None))
        facts.extend(("cisp", "course", course.ended_on, course.code) for course in dossier.courses)
        facts.extend(
            ("cisp", "pole_session", s.date, f"pôle {s.pole} : {s.result}")
            for s in cisp.pole_sessions
        )
    for path, part in (("cip", dossier.cip), ("cisp", dossier.cisp)):
        closure = part.closure if part is not None else None
        if closure is not None:  # closed, and maybe taken up again: both stay in the history
            facts.append((path, "closed", closure.on, closure.reason))
            if closure.resumed_on:
                facts.append((path, "resumed", closure.resumed_on, None))
    return facts


def record_milestones(
    session: Session,
    candidate_id: int,
    dossier: Dossier,
    user: str,
    now: datetime,
    known: set[tuple[str, str, date, str | None]] | None = None,
) -> int:
    """Appends the dossier's dated steps not yet in the history (`known`: what the history
    already holds, read from the database when not given); returns how many."""
    if known is None:
        known = {
            (m.path, m.kind, m.occurred_on, m.detail)
            for m in session.scalars(
                select(MilestoneRow).where(MilestoneRow.candidate_id == candidate_id)
            )
        }
    added = 0
    for fact in dated_facts(dossier):
        if fact in known:
            continue
        path, kind, occurred_on, detail = fact
        session.add(
            MilestoneRow(
                candidate_id=candidate_id,
                path=path,
                kind=kind,
                occurred_on=occurred_on,
                detail=detail,
                recorded_at=now,
                recorded_by=user,
            )
        )
        known.add(fact)
        added += 1
    return added


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """{"cip.financing[0].hours": 20, ...}: the leaves of a JSON document, by path."""
    if isinstance(value, dict):
        if not value:
            return {prefix: {}} if prefix else {}
        leaves: dict[str, Any] = {}
        for key, item in value.items():
            leaves.update(flatten(item, f"{prefix}.{key}" if prefix else key))
        return leaves
    if isinstance(value, list):
        if not value:
            return {prefix: []}
        leaves = {}
        for index, item in enumerate(value):
            leaves.update(flatten(item, f"{prefix}[{index}]"))
        return leaves
    return {prefix: value}


def differences(old: dict[str, Any] | None, new: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Changed leaves between two exchange documents: {path: (old, new)}."""
    before = flatten(old) if old is not None else {}
    after = flatten(new)
    changed = {}
    for path in sorted(set(before) | set(after), key=_path_order(after, before)):
        if before.get(path, _ABSENT) != after.get(path, _ABSENT):
            changed[path] = (before.get(path), after.get(path))
    return changed


_ABSENT = object()


def _path_order(*documents: dict[str, Any]):
    order: dict[str, int] = {}
    for document in documents:
        for path in document:
            order.setdefault(path, len(order))
    return lambda path: order[path]


def is_sensitive(path: str) -> bool:
    leaf = path.rsplit(".", 1)[-1].split("[", 1)[0]
    return leaf in SENSITIVE_FIELDS


def audit_changes(changes: dict[str, tuple[Any, Any]]) -> str:
    """The audit log's JSON for a set of changes, sensitive values masked."""
    return json.dumps(
        {
            path: ({"modifié": True} if is_sensitive(path) else [old, new])
            for path, (old, new) in changes.items()
        },
        ensure_ascii=False,
    )


def record_audit(
    session: Session,
    *,
    user: str,
    now: datetime,
    entity: str,
    entity_id: int | None,
    candidate_id: int | None,
    action: str,
    changes: dict[str, tuple[Any, Any]] | None = None,
) -> None:
    session.add(
        AuditRow(
            at=now,
            user=user,
            entity=entity,
            entity_id=entity_id,
            candidate_id=candidate_id,
            action=action,
            changes=audit_changes(changes or {}),
        )
    )


def detail_text(kind: str, detail: str | None) -> str | None:
    """A milestone's detail in French: the codes of the exchange format it records
    (« accepted », « pôle 2 : validated ») are shown with their French words."""
    if not detail:
        return detail
    if kind == "commission":
        return labels.COMMISSION_DECISION.get(detail, detail).lower()
    if kind == "result":
        return labels.VAE_OUTCOME.get(detail, detail)
    if kind == "closed":
        from app.step_names import closure_reasons

        return closure_reasons().get(detail, detail).lower()
    if kind == "pole_session":
        pole, _, result = detail.rpartition(" : ")
        if pole:
            return f"{pole} : {labels.SESSION_RESULT.get(result, result)}"
    return detail


def milestone_label(path: str, kind: str) -> str:
    return MILESTONE_KINDS.get(path, {}).get(kind, kind)


GROUP_FIELDS = {
    "group.members": "membres du groupe",
    "group.left_reason": "motif de départ du groupe",
    "group.name": "nom du groupe",
    "group.status": "statut du groupe",
    "group.calendar": "calendrier du groupe",
}


def group_field(path: str) -> str | None:
    """A group's change in French (« présence du 31/08/2015, après-midi »), or None when
    `path` is not about a group."""
    from datetime import date as day_type

    from app.french import day_text

    if path.startswith("group.attendance."):
        _group, _attendance, day, half = path.split(".", 3)
        when = "après-midi" if half == "apres-midi" else half
        return f"présence du {day_text(day_type.fromisoformat(day))}, {when}"
    return GROUP_FIELDS.get(path)


def history_lines(session: Session, candidate_id: int) -> list[str]:
    """A candidate's history in French: dated milestones, then the audit entries."""
    from app.french import day_text
    from app.store.models import AuditRow
    from app.typed import where

    milestones = session.scalars(
        select(MilestoneRow)
        .where(MilestoneRow.candidate_id == candidate_id)
        .order_by(MilestoneRow.occurred_on, MilestoneRow.id)
    )
    lines = [
        f"{day_text(m.occurred_on)} — {m.path.upper()} : {milestone_label(m.path, m.kind)}"
        + (f" ({detail_text(m.kind, m.detail)})" if m.detail else "")
        for m in milestones
    ]
    actions = {"create": "création", "update": "modification", "erase": "effacement"}
    for entry in session.scalars(
        select(AuditRow).where(AuditRow.candidate_id == candidate_id).order_by(AuditRow.id)
    ):
        fields = (
            " ; ".join(group_field(path) or where(path) for path in json.loads(entry.changes))
            or "fiche"
        )
        lines.append(
            f"{entry.at:%d/%m/%Y %H:%M} — {entry.user} : {actions.get(entry.action, entry.action)}"
            f" ({fields})"
        )
    return lines
