"""Rows to domain objects and back. Numbers keep their kind: a whole amount stored as
REAL comes back as an int, so that an export equals what was imported."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.domain import (
    Candidate,
    CipPath,
    CispPath,
    Closure,
    Commission,
    CourseTaken,
    Dossier,
    EmployerAgreement,
    ExperiencePeriod,
    FinancingLine,
    GapAssessment,
    PlannedCourse,
    PoleSession,
    Structure,
    UpgradingCourse,
)
from app.store.models import (
    AccompanimentRow,
    CandidateRow,
    CipRow,
    CispRow,
    CourseRow,
    ExperienceRow,
    FinancingRow,
    GapRow,
    PlannedRow,
    PoleSessionRow,
    StructureRow,
    UpgradingRow,
)
from app.text import folded


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def structure_of(row: StructureRow) -> Structure:
    return Structure(
        name=row.name,
        siret=row.siret,
        kind=row.kind,  # type: ignore[arg-type]
        region=row.region,
        address=row.address,
        director=row.director,
        email=row.email,
        phone=row.phone,
    )


def fill_structure(row: StructureRow, structure: Structure) -> None:
    row.siret = structure.siret
    row.name = structure.name
    row.kind = structure.kind
    row.region = structure.region
    row.address = structure.address
    row.director = structure.director
    row.email = structure.email
    row.phone = structure.phone


def dossier_of(row: CandidateRow) -> Dossier:
    """The domain dossier held in a candidate's rows."""
    agreement = (
        EmployerAgreement(given_on=row.agreement_given_on, signatory=row.agreement_signatory or "")
        if row.agreement_given_on is not None
        else None
    )
    return Dossier(
        structure=structure_of(row.structure),
        candidate=Candidate(
            ref=row.ref,
            last_name=row.last_name,
            first_name=row.first_name,
            birth_date=row.birth_date,
            email=row.email,
            phone=row.phone,
            job_title=row.job_title,
            hired_on=row.hired_on,
            contract=row.contract,
        ),
        employer_agreement=agreement,
        experiences=tuple(
            ExperiencePeriod(
                start=e.start,
                accompaniment_function=e.accompaniment_function,
                end=e.end,
                fte=_number(e.fte),
                employer=e.employer,
                job_title=e.job_title,
            )
            for e in row.experiences
        ),
        courses=tuple(
            CourseTaken(
                code=c.code,
                ended_on=c.ended_on,
                title=c.title,
                attestation=c.attestation,
                added_by_hand=bool(c.added_by_hand),
            )
            for c in row.courses
        ),
        cip=None if row.cip is None else _cip_of(row.cip),
        cisp=None if row.cisp is None else _cisp_of(row.cisp),
    )


def _cip_of(row: CipRow) -> CipPath:
    return CipPath(
        positioning_score_pct=_number(row.positioning_score_pct),
        admissibility_decision_on=row.admissibility_decision_on,
        vae_result_on=row.vae_result_on,
        cost_eur=_number(row.cost_eur),
        financing=tuple(
            FinancingLine(source=f.source, amount_eur=_number(f.amount_eur), hours=_number(f.hours))  # type: ignore[arg-type]
            for f in row.financing
        ),
        gap_analysis=tuple(
            GapAssessment(competence=g.competence, status=g.status, note=g.note)  # type: ignore[arg-type]
            for g in row.gap_analysis
        ),
        collective_meeting_on=row.collective_meeting_on,
        targeted_meeting_on=row.targeted_meeting_on,
        positioning_on=row.positioning_on,
        upgrading_courses=tuple(
            UpgradingCourse(title=u.title, starts_on=u.starts_on, ends_on=u.ends_on)
            for u in row.upgrading_courses
        ),
        retest_on=row.retest_on,
        admissibility_filed_on=row.admissibility_filed_on,
        accompaniment_sessions=tuple(a.held_on for a in row.accompaniment_sessions),
        jury_on=row.jury_on,
        vae_outcome=row.vae_outcome,  # type: ignore[arg-type]
        closure=_closure_of(row),
        validated_activities=tuple(
            int(n) for n in (row.validated_activities or "").split(",") if n
        ),
    )


def _closure_of(row: CipRow | CispRow) -> Closure | None:
    if row.closed_on is None:
        return None
    return Closure(row.closed_on, row.closed_reason or "other", row.closed_note, row.resumed_on)


def _closure_values(closure: Closure | None) -> dict:
    return {
        "closed_on": closure.on if closure else None,
        "closed_reason": closure.reason if closure else None,
        "closed_note": closure.note if closure else None,
        "resumed_on": closure.resumed_on if closure else None,
    }


def _cisp_of(row: CispRow) -> CispPath:
    commission = (
        Commission(decision=row.commission_decision, date=row.commission_date)  # type: ignore[arg-type]
        if row.commission_decision is not None
        else None
    )
    return CispPath(
        registered_on=row.registered_on,
        commission=commission,
        pole_sessions=tuple(
            PoleSession(pole=s.pole, date=s.held_on, result=s.result)  # type: ignore[arg-type]
            for s in row.pole_sessions
        ),
        filed_by_employer=row.filed_by_employer,
        contracted_on=row.contracted_on,
        planned_courses=tuple(
            PlannedCourse(code=p.code, planned_on=p.planned_on) for p in row.planned_courses
        ),
        closure=_closure_of(row),
    )


def search_keys(candidate: Candidate) -> tuple[str, str]:
    """How the list sorts and finds a candidate: by name, and by name, job and reference,
    without accents or case."""
    c = candidate
    return (
        folded(f"{c.last_name} {c.first_name}"),
        folded(f"{c.last_name} {c.first_name} {c.job_title or ''} {c.ref}"),
    )


@dataclass(frozen=True, slots=True)
class PathValues:
    """A path's own columns, and its child rows by relationship name."""

    columns: dict[str, Any]
    children: dict[str, list[dict[str, Any]]]


@dataclass(frozen=True, slots=True)
class DossierValues:
    """The column values of every row a dossier is stored in (no ids): the one mapping the
    ORM (`fill_candidate`) and the bulk import (app/store/bulk.py) both write from."""

    candidate: dict[str, Any]
    children: dict[str, list[dict[str, Any]]]
    cip: PathValues | None
    cisp: PathValues | None


# the child rows of each owner, by relationship name
CANDIDATE_CHILDREN: dict[str, type] = {"experiences": ExperienceRow, "courses": CourseRow}
CIP_CHILDREN: dict[str, type] = {
    "financing": FinancingRow,
    "gap_analysis": GapRow,
    "upgrading_courses": UpgradingRow,
    "accompaniment_sessions": AccompanimentRow,
}
CISP_CHILDREN: dict[str, type] = {"pole_sessions": PoleSessionRow, "planned_courses": PlannedRow}


def dossier_values(dossier: Dossier) -> DossierValues:
    c = dossier.candidate
    agreement = dossier.employer_agreement
    sort_key, search_text = search_keys(c)
    candidate = {
        "ref": c.ref,
        "last_name": c.last_name,
        "first_name": c.first_name,
        "birth_date": c.birth_date,
        "email": c.email,
        "phone": c.phone,
        "job_title": c.job_title,
        "hired_on": c.hired_on,
        "contract": c.contract,
        "agreement_given_on": agreement.given_on if agreement else None,
        "agreement_signatory": agreement.signatory if agreement else None,
        "summary_on": None,  # the list's evaluation line is recomputed from the new state
        "sort_key": sort_key,
        "search_text": search_text,
    }
    children = {
        "experiences": [
            {
                "position": i,
                "employer": e.employer,
                "job_title": e.job_title,
                "accompaniment_function": e.accompaniment_function,
                "start": e.start,
                "end": e.end,
                "fte": e.fte,
            }
            for i, e in enumerate(dossier.experiences)
        ],
        "courses": [
            {
                "position": i,
                "code": k.code,
                "title": k.title,
                "ended_on": k.ended_on,
                "attestation": k.attestation,
                "added_by_hand": k.added_by_hand,
            }
            for i, k in enumerate(dossier.courses)
        ],
    }
    return DossierValues(
        candidate=candidate,
        children=children,
        cip=None if dossier.cip is None else _cip_values(dossier.cip),
        cisp=None if dossier.cisp is None else _cisp_values(dossier.cisp),
    )


def _cip_values(cip: CipPath) -> PathValues:
    columns = {
        "positioning_score_pct": cip.positioning_score_pct,
        "admissibility_decision_on": cip.admissibility_decision_on,
        "vae_result_on": cip.vae_result_on,
        "cost_eur": cip.cost_eur,
        "collective_meeting_on": cip.collective_meeting_on,
        "targeted_meeting_on": cip.targeted_meeting_on,
        "positioning_on": cip.positioning_on,
        "retest_on": cip.retest_on,
        "admissibility_filed_on": cip.admissibility_filed_on,
        "jury_on": cip.jury_on,
        "vae_outcome": cip.vae_outcome,
        "validated_activities": ",".join(str(n) for n in cip.validated_activities) or None,
        **_closure_values(cip.closure),
    }
    children = {
        "financing": [
            {"position": i, "source": f.source, "amount_eur": f.amount_eur, "hours": f.hours}
            for i, f in enumerate(cip.financing)
        ],
        "gap_analysis": [
            {"position": i, "competence": g.competence, "status": g.status, "note": g.note}
            for i, g in enumerate(cip.gap_analysis)
        ],
        "upgrading_courses": [
            {"position": i, "title": u.title, "starts_on": u.starts_on, "ends_on": u.ends_on}
            for i, u in enumerate(cip.upgrading_courses)
        ],
        "accompaniment_sessions": [
            {"position": i, "held_on": day} for i, day in enumerate(cip.accompaniment_sessions)
        ],
    }
    return PathValues(columns, children)


def _cisp_values(cisp: CispPath) -> PathValues:
    columns = {
        "registered_on": cisp.registered_on,
        "commission_decision": cisp.commission.decision if cisp.commission else None,
        "commission_date": cisp.commission.date if cisp.commission else None,
        "filed_by_employer": cisp.filed_by_employer,
        "contracted_on": cisp.contracted_on,
        **_closure_values(cisp.closure),
    }
    children = {
        "pole_sessions": [
            {"position": i, "pole": s.pole, "held_on": s.date, "result": s.result}
            for i, s in enumerate(cisp.pole_sessions)
        ],
        "planned_courses": [
            {"position": i, "code": p.code, "planned_on": p.planned_on}
            for i, p in enumerate(cisp.planned_courses)
        ],
    }
    return PathValues(columns, children)


def _fill(
    row: Any,
    columns: dict[str, Any],
    children: dict[str, list[dict[str, Any]]],
    classes: dict[str, type],
) -> Any:
    for name, value in columns.items():
        setattr(row, name, value)
    for name, rows in children.items():
        setattr(row, name, [classes[name](**values) for values in rows])
    return row


def fill_candidate(row: CandidateRow, dossier: Dossier) -> None:
    """Writes the dossier's current state into the candidate's rows (children replaced)."""
    values = dossier_values(dossier)
    _fill(row, values.candidate, values.children, CANDIDATE_CHILDREN)
    cip, cisp = values.cip, values.cisp
    row.cip = None if cip is None else _fill(row.cip or CipRow(), *_path(cip), CIP_CHILDREN)
    row.cisp = None if cisp is None else _fill(row.cisp or CispRow(), *_path(cisp), CISP_CHILDREN)


def _path(values: PathValues) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    return values.columns, values.children
