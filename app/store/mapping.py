"""Rows to domain objects and back. Numbers keep their kind: a whole amount stored as
REAL comes back as an int, so that an export equals what was imported."""

from __future__ import annotations

from app.domain import (
    Candidate,
    CipPath,
    CispPath,
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
    )


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
    )


def search_keys(candidate: Candidate) -> tuple[str, str]:
    """How the list sorts and finds a candidate: by name, and by name, job and reference,
    without accents or case."""
    c = candidate
    return (
        folded(f"{c.last_name} {c.first_name}"),
        folded(f"{c.last_name} {c.first_name} {c.job_title or ''} {c.ref}"),
    )


def fill_candidate(row: CandidateRow, dossier: Dossier) -> None:
    """Writes the dossier's current state into the candidate's rows (children replaced)."""
    c = dossier.candidate
    row.ref = c.ref
    row.last_name = c.last_name
    row.first_name = c.first_name
    row.birth_date = c.birth_date
    row.email = c.email
    row.phone = c.phone
    row.job_title = c.job_title
    row.hired_on = c.hired_on
    row.contract = c.contract
    agreement = dossier.employer_agreement
    row.agreement_given_on = agreement.given_on if agreement else None
    row.agreement_signatory = agreement.signatory if agreement else None
    row.summary_on = None  # the list's evaluation line is recomputed from the new state
    row.sort_key, row.search_text = search_keys(c)
    row.experiences = [
        ExperienceRow(
            position=i,
            employer=e.employer,
            job_title=e.job_title,
            accompaniment_function=e.accompaniment_function,
            start=e.start,
            end=e.end,
            fte=e.fte,
        )
        for i, e in enumerate(dossier.experiences)
    ]
    row.courses = [
        CourseRow(
            position=i,
            code=k.code,
            title=k.title,
            ended_on=k.ended_on,
            attestation=k.attestation,
            added_by_hand=k.added_by_hand,
        )
        for i, k in enumerate(dossier.courses)
    ]
    row.cip = None if dossier.cip is None else _cip_row(dossier.cip, row.cip)
    row.cisp = None if dossier.cisp is None else _cisp_row(dossier.cisp, row.cisp)


def _cip_row(cip: CipPath, existing: CipRow | None) -> CipRow:
    row = existing or CipRow()
    row.positioning_score_pct = cip.positioning_score_pct
    row.admissibility_decision_on = cip.admissibility_decision_on
    row.vae_result_on = cip.vae_result_on
    row.cost_eur = cip.cost_eur
    row.financing = [
        FinancingRow(position=i, source=f.source, amount_eur=f.amount_eur, hours=f.hours)
        for i, f in enumerate(cip.financing)
    ]
    row.gap_analysis = [
        GapRow(position=i, competence=g.competence, status=g.status, note=g.note)
        for i, g in enumerate(cip.gap_analysis)
    ]
    row.collective_meeting_on = cip.collective_meeting_on
    row.targeted_meeting_on = cip.targeted_meeting_on
    row.positioning_on = cip.positioning_on
    row.upgrading_courses = [
        UpgradingRow(position=i, title=u.title, starts_on=u.starts_on, ends_on=u.ends_on)
        for i, u in enumerate(cip.upgrading_courses)
    ]
    row.retest_on = cip.retest_on
    row.admissibility_filed_on = cip.admissibility_filed_on
    row.accompaniment_sessions = [
        AccompanimentRow(position=i, held_on=day)
        for i, day in enumerate(cip.accompaniment_sessions)
    ]
    row.jury_on = cip.jury_on
    row.vae_outcome = cip.vae_outcome
    return row


def _cisp_row(cisp: CispPath, existing: CispRow | None) -> CispRow:
    row = existing or CispRow()
    row.registered_on = cisp.registered_on
    row.commission_decision = cisp.commission.decision if cisp.commission else None
    row.commission_date = cisp.commission.date if cisp.commission else None
    row.pole_sessions = [
        PoleSessionRow(position=i, pole=s.pole, held_on=s.date, result=s.result)
        for i, s in enumerate(cisp.pole_sessions)
    ]
    row.filed_by_employer = cisp.filed_by_employer
    row.contracted_on = cisp.contracted_on
    row.planned_courses = [
        PlannedRow(position=i, code=p.code, planned_on=p.planned_on)
        for i, p in enumerate(cisp.planned_courses)
    ]
    return row
