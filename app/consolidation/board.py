"""The group board (COORACE's workspace): a line per member — the steps of their VAE from
their latest dossier (admissibility filed and decided, accompaniment, jury, result), the
3-month VAE deadline (CIP-VAE) with its warning, their collective days against CIP-MOB,
and their financing (CIP-COST, CIP-FIN: the OPCA's amount, the overall cost, the CPF
hours, figures of the rules). Read with a few set queries, whatever the number of
groups: a dossier imported later is what the next reading shows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import labels
from app.consolidation.attendance import MemberAttendance, attendance_of, mobilisation_checks
from app.consolidation.mobilisation import HALF_DAYS
from app.domain import CipPath, FinancingLine
from app.evaluation.checks import MET, NOT_MET, PENDING, Check
from app.evaluation.cip_vae import cost_check, financing_check, vae_check
from app.french import day_text, days, euros, number, plural
from app.rules import Rules
from app.store.group_models import AttendanceRow, GroupHalfDayRow, GroupMemberRow
from app.store.models import (
    AccompanimentRow,
    CandidateRow,
    CipRow,
    FinancingRow,
    StructureRow,
)
from app.text import folded

LATE, SOON = "late", "soon"  # a VAE deadline passed without a result / within the warning


class Slot(NamedTuple):
    """A half-day of a group's calendar, as the board reads it."""

    id: int
    group_id: int
    day: date
    half: str
    kind: str


@dataclass(frozen=True, slots=True)
class BoardLine:
    group_id: int
    candidate_id: int
    name: str
    sort_name: str  # « Martinez Éloïse »: the lists' order and the funder's
    ref: str
    structure: str
    siret: str
    joined_on: date
    left_on: date | None
    filed_on: date | None
    decided_on: date | None
    sessions: int
    last_session_on: date | None
    jury_on: date | None
    outcome: str | None
    result_on: date | None
    vae: Check  # CIP-VAE
    deadline: date | None
    warning: str | None  # LATE, SOON or None
    attendance: MemberAttendance
    cost: Check  # CIP-COST
    financing: Check  # CIP-FIN
    plan: tuple[FinancingLine, ...]  # the financing plan of their latest dossier
    cost_eur: float | None
    entered_vae: bool  # admissibility decided on or before the board's day
    closed_on: date | None = None  # the candidacy closed (abandon), not taken up again

    @property
    def present(self) -> bool:
        return self.left_on is None

    def admissibility_text(self) -> str:
        if self.decided_on:
            filed = f"déposée le {self.filed_on:%d/%m/%Y}, " if self.filed_on else ""
            return f"{filed}décidée le {self.decided_on:%d/%m/%Y}"
        if self.filed_on:
            return f"déposée le {self.filed_on:%d/%m/%Y}, décision attendue"
        return "à déposer"

    def accompaniment_text(self) -> str:
        if not self.sessions:
            return "pas encore commencé"
        count = f"{self.sessions} {plural(self.sessions, 'séance', 'séances')}"
        return f"{count}, la dernière le {self.last_session_on:%d/%m/%Y}"

    def jury_text(self) -> str:
        return f"le {self.jury_on:%d/%m/%Y}" if self.jury_on else "pas encore fixé"

    def result_text(self) -> str:
        if self.outcome:
            words = labels.VAE_OUTCOME.get(self.outcome, self.outcome)
            return f"{words} le {self.result_on:%d/%m/%Y}" if self.result_on else words
        if self.result_on:
            return f"le {self.result_on:%d/%m/%Y}"
        return "en attente"

    def deadline_text(self, on: date) -> str:
        """« 15/09/2015 — reste 12 jours », « … — dépassée de 3 jours », « … — respectée »."""
        if self.closed_on is not None:
            return f"candidature close le {self.closed_on:%d/%m/%Y}"
        if self.deadline is None:
            return "après la recevabilité"
        when = f"{self.deadline:%d/%m/%Y}"
        if self.vae.status == MET:
            return f"{when} — respectée"
        if self.warning == LATE:
            if self.result_on is not None:
                return f"{when} — résultat après l'échéance"
            return f"{when} — dépassée de {days((on - self.deadline).days)}"
        if self.decided_on and self.decided_on > on:
            return f"{when} — recevabilité postérieure au {day_text(on)}"
        left = (self.deadline - on).days
        return f"{when} — dernier jour" if left == 0 else f"{when} — reste {days(left)}"

    def attendance_text(self) -> str:
        return self.attendance.short_text()

    def plan_words(self) -> str:
        """« conforme », « à compléter » or « hors règle », by CIP-COST and CIP-FIN."""
        statuses = {self.cost.status, self.financing.status}
        if NOT_MET in statuses:
            return "hors règle"
        return "à compléter" if PENDING in statuses else "conforme"

    def financing_text(self) -> str:
        """« conforme — OPCA 1080 €, coût 1380 €, CPF 24 h »: the verdict first, so that a
        narrow column still shows it."""
        values = self.financing.values
        parts = [f"OPCA {euros(values['opca_eur'])}"]
        if values["cost_eur"] is not None:
            parts.append(f"coût {euros(values['cost_eur'])}")
        if values["cpf_hours"]:
            parts.append(f"CPF {number(values['cpf_hours'])} h")
        return f"{self.plan_words()} — " + ", ".join(parts)

    def financing_reason(self) -> str:
        cost, financing = self.cost, self.financing
        return f"{cost.rule} : {cost.reason}\n{financing.rule} : {financing.reason}"


def boards(
    session: Session, group_ids: Iterable[int], on: date, rules: Rules
) -> dict[int, list[BoardLine]]:
    """The board of each group of `group_ids` on `on`: present members first, by
    structure then name."""
    group_ids = list(group_ids)
    out: dict[int, list[BoardLine]] = {gid: [] for gid in group_ids}
    if not group_ids:
        return out
    members = session.execute(
        select(
            GroupMemberRow.group_id,
            GroupMemberRow.candidate_id,
            GroupMemberRow.joined_on,
            GroupMemberRow.left_on,
            CandidateRow.first_name,
            CandidateRow.last_name,
            CandidateRow.ref,
            StructureRow.name,
            StructureRow.siret,
            CipRow.admissibility_filed_on,
            CipRow.admissibility_decision_on,
            CipRow.jury_on,
            CipRow.vae_outcome,
            CipRow.vae_result_on,
            CipRow.cost_eur,
            CipRow.closed_on,
            CipRow.resumed_on,
        )
        .join(CandidateRow, CandidateRow.id == GroupMemberRow.candidate_id)
        .join(StructureRow, StructureRow.id == CandidateRow.structure_id)
        .outerjoin(CipRow, CipRow.candidate_id == CandidateRow.id)
        .where(GroupMemberRow.group_id.in_(group_ids))
    ).all()
    ids = select(GroupMemberRow.candidate_id).where(GroupMemberRow.group_id.in_(group_ids))
    financing: dict[int, list[FinancingLine]] = {}
    for cid, source, amount, hours in session.execute(
        select(
            FinancingRow.candidate_id,
            FinancingRow.source,
            FinancingRow.amount_eur,
            FinancingRow.hours,
        )
        .where(FinancingRow.candidate_id.in_(ids))
        .order_by(FinancingRow.candidate_id, FinancingRow.position)
    ):
        financing.setdefault(cid, []).append(FinancingLine(source, amount, hours))
    sessions = {
        cid: (count, last)
        for cid, count, last in session.execute(
            select(
                AccompanimentRow.candidate_id,
                func.count(),
                func.max(AccompanimentRow.held_on),
            )
            .where(AccompanimentRow.candidate_id.in_(ids))
            .group_by(AccompanimentRow.candidate_id)
        )
    }
    slots: dict[int, list[Slot]] = {gid: [] for gid in group_ids}
    for slot in session.execute(
        select(
            GroupHalfDayRow.id,
            GroupHalfDayRow.group_id,
            GroupHalfDayRow.day,
            GroupHalfDayRow.half,
            GroupHalfDayRow.kind,
        ).where(GroupHalfDayRow.group_id.in_(group_ids))
    ):
        slots[slot.group_id].append(Slot(*slot))
    for group in slots.values():
        group.sort(key=_slot_order)
    slot_ids = select(GroupHalfDayRow.id).where(GroupHalfDayRow.group_id.in_(group_ids))
    present: dict[int, set[int]] = {}
    for half_day, cid in session.execute(
        select(AttendanceRow.half_day_id, AttendanceRow.candidate_id).where(
            AttendanceRow.half_day_id.in_(slot_ids), AttendanceRow.status == "present"
        )
    ):
        present.setdefault(cid, set()).add(half_day)
    mobilisation = mobilisation_checks(session, ids, rules)
    warning_days = rules.value("deadline_warning_days")
    plans: dict = {}
    checks: dict = {}  # the same dates or plan, the same checks: computed once
    for m in members:
        dates = (m.admissibility_decision_on, m.vae_result_on)
        if dates not in checks:
            cip = CipPath(admissibility_decision_on=dates[0], vae_result_on=dates[1])
            checks[dates] = _deadline(cip, on, rules, warning_days)
        vae, deadline, warning = checks[dates]
        closed = m.closed_on if m.closed_on and m.resumed_on is None else None
        if closed is not None:  # an abandon: no deadline to watch
            warning = None
        plan = (m.cost_eur, tuple(financing.get(m.candidate_id, ())))
        if plan not in checks:
            cip = CipPath(cost_eur=plan[0], financing=plan[1])
            checks[plan] = (cost_check(cip, rules), financing_check(cip, rules))
        cost, funding = checks[plan]
        count, last = sessions.get(m.candidate_id, (0, None))
        out[m.group_id].append(
            BoardLine(
                group_id=m.group_id,
                candidate_id=m.candidate_id,
                name=f"{m.first_name} {m.last_name}",
                sort_name=f"{m.last_name} {m.first_name}",
                siret=m.siret,
                ref=m.ref,
                structure=m.name,
                joined_on=m.joined_on,
                left_on=m.left_on,
                filed_on=m.admissibility_filed_on,
                decided_on=m.admissibility_decision_on,
                sessions=count,
                last_session_on=last,
                jury_on=m.jury_on,
                outcome=m.vae_outcome,
                result_on=m.vae_result_on,
                vae=vae,
                deadline=deadline,
                warning=warning,
                attendance=attendance_of(
                    m,  # its candidate_id, joined_on and left_on
                    slots[m.group_id],
                    present.get(m.candidate_id, set()),
                    mobilisation[m.candidate_id],
                    plans,
                ),
                cost=cost,
                financing=funding,
                plan=plan[1],
                cost_eur=m.cost_eur,
                entered_vae=m.admissibility_decision_on is not None
                and m.admissibility_decision_on <= on,
                closed_on=closed,
            )
        )
    order: dict[str, str] = {}  # the structures' and names' folded forms, once each

    def key(text: str) -> str:
        if text not in order:
            order[text] = folded(text)
        return order[text]

    for lines in out.values():
        lines.sort(key=lambda line: (not line.present, key(line.structure), key(line.sort_name)))
    return out


def _deadline(cip: CipPath, on: date, rules: Rules, warning_days: int) -> tuple:
    """CIP-VAE on `on`, the deadline, and its warning: LATE when passed without a result
    (or the result came after it), SOON within `warning_days` of it without a result."""
    vae, deadline = vae_check(cip, on, rules)
    warning = None
    if vae.status == NOT_MET:
        warning = LATE
    elif (
        vae.status == PENDING
        and deadline is not None
        and cip.vae_result_on is None
        and 0 <= (deadline - on).days <= warning_days
    ):
        warning = SOON
    return vae, deadline, warning


def _slot_order(slot: Slot) -> tuple:
    return (slot.day, HALF_DAYS.index(slot.half))


def group_board(session: Session, group_id: int, on: date, rules: Rules) -> list[BoardLine]:
    """One group's board on `on`."""
    return boards(session, [group_id], on, rules)[group_id]


@dataclass(frozen=True, slots=True)
class BoardSummary:
    members: int
    entered_vae: int
    late: int
    soon: int
    mobilisation_over: int
    financing_over: int

    def text(self) -> str:
        """« 15 membres, 12 entrés en VAE ; 2 échéances VAE proches, 1 dépassée ; … »."""
        said = (
            f"{self.members} {plural(self.members, 'membre', 'membres')}, "
            f"{self.entered_vae} {plural(self.entered_vae, 'entré', 'entrés')} en VAE"
        )
        alerts = []
        if self.soon:
            alerts.append(
                f"{self.soon} {plural(self.soon, 'échéance VAE proche', 'échéances VAE proches')}"
            )
        if self.late:
            alerts.append(
                f"{self.late} "
                + plural(self.late, "échéance VAE dépassée", "échéances VAE dépassées")
            )
        if self.mobilisation_over:
            alerts.append(f"{self.mobilisation_over} hors règle CIP-MOB")
        if self.financing_over:
            over = plural(self.financing_over, "financement hors règle", "financements hors règle")
            alerts.append(f"{self.financing_over} {over}")
        return said + (" ; " + ", ".join(alerts) if alerts else "") + "."


def summary_of(lines: list[BoardLine]) -> BoardSummary:
    """The members now in the group, counted."""
    now = [line for line in lines if line.present]
    return BoardSummary(
        members=len(now),
        entered_vae=sum(1 for line in now if line.entered_vae),
        late=sum(1 for line in now if line.warning == LATE),
        soon=sum(1 for line in now if line.warning == SOON),
        mobilisation_over=sum(1 for line in now if line.attendance.mobilisation.status == NOT_MET),
        financing_over=sum(
            1 for line in now if NOT_MET in (line.cost.status, line.financing.status)
        ),
    )
