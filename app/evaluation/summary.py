"""A candidate's evaluation in one line of the candidate list: the paths, both verdicts,
a short next step, the next deadline — and the day this line may change, so that the
stored lines are refreshed only when the calendar makes them stale."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.domain import Dossier
from app.evaluation.cip import CipEvaluation
from app.evaluation.cisp import CispEvaluation
from app.evaluation.documents import checklist, completeness
from app.evaluation.evaluate import Evaluation
from app.evaluation.steps import path_steps, remaining_activities, stage_text
from app.french import day_text


@dataclass(frozen=True, slots=True)
class Summary:
    evaluated_on: date
    paths: str  # "CIP", "CISP", "CIP + CISP" or ""
    cip_verdict: str | None
    cisp_verdict: str | None
    next_step: str  # short, and the same every day until `valid_until`
    next_deadline: date | None
    valid_until: date | None  # the first day the line may read differently; None: never
    stage: str = ""  # where the candidate is on each path (app/evaluation/steps.py)
    documents: str = ""  # « 4/6 »: supporting documents provided of those needed


def _cip_step(cip: CipEvaluation) -> str:
    checks = {c.rule: c for c in cip.checks}
    experience = checks["CIP-EXP"]
    if experience.status == "not_met":
        projected = experience.values.get("projected_on")
        return (
            f"Expérience suffisante le {day_text(projected)}"
            if projected
            else ("Expérience insuffisante")
        )
    if checks["CIP-POS"].status == "not_met":
        return "Remise à niveau, puis nouveau test"
    if checks["CIP-AGR"].status == "pending":
        return "Accord de l'employeur"
    if checks["CIP-POS"].status == "pending":
        return "Test de positionnement"
    vae = checks["CIP-VAE"]
    deadline = vae.values.get("deadline")
    if deadline is None:
        return "Demande de recevabilité"
    if vae.status == "met":
        return "VAE terminée"
    if vae.status == "not_met":
        return "Délai de VAE dépassé"
    return f"VAE jusqu'au {day_text(deadline)}"


def _cisp_step(cisp: CispEvaluation) -> str:
    if cisp.verdict == "title_obtained":
        return "Titre obtenu"
    if cisp.verdict == "expired":
        return "Délai du parcours dépassé"
    if cisp.verdict == "not_started":
        max_check = next(c for c in cisp.checks if c.rule == "CISP-MAX")
        if max_check.values.get("registered_on") is None:
            return "Inscription à déposer" if cisp.deadline is None else "Inscription à venir"
        return "Commission paritaire"
    ready = [str(p.pole) for p in cisp.poles if p.ready_for_session and not p.validated]
    if ready:
        return f"Session du pôle {', '.join(ready)}"
    remaining = sum(len(p.remaining) for p in cisp.poles if not p.validated)
    return f"{remaining} formation{'s' if remaining > 1 else ''} à suivre"


def partial_left(cip) -> list[int]:
    """After a partial jury outcome, the activities (CCP) left to validate; else none."""
    return remaining_activities(cip) if cip.vae_outcome == "partial" else []


def _closed_step(closure) -> str:
    """« Candidature close : départ de la structure »."""
    from app.step_names import closure_reasons

    return f"Candidature close : {closure_reasons().get(closure.reason, closure.reason).lower()}"


def _future_dates(dossier: Dossier, on: date) -> list[date]:
    """Dated facts not effective yet: the line changes when they come."""
    days: list[date] = []
    if dossier.employer_agreement:
        days.append(dossier.employer_agreement.given_on)
    days.extend(p.start for p in dossier.experiences)
    days.extend(c.ended_on for c in dossier.courses)
    if dossier.cip:
        cip = dossier.cip
        days.extend(  # each step's date: the line's « Étape » changes on it
            d
            for d in (
                cip.admissibility_decision_on,
                cip.vae_result_on,
                cip.collective_meeting_on,
                cip.targeted_meeting_on,
                cip.positioning_on,
                cip.retest_on,
                cip.jury_on,
                *cip.accompaniment_sessions,
            )
            if d
        )
    if dossier.cisp:
        cisp = dossier.cisp
        if cisp.registered_on:
            days.append(cisp.registered_on)
        if cisp.commission and cisp.commission.date:
            days.append(cisp.commission.date)
        days.extend(s.date for s in cisp.pole_sessions)
        if cisp.contracted_on:
            days.append(cisp.contracted_on)
    return [d for d in days if d > on]


def summarize(
    dossier: Dossier, evaluation: Evaluation, documents: dict[str, str] | None = None
) -> Summary:
    """The list's line; `documents`: each supporting document's state, by item key."""
    on = evaluation.evaluated_on
    cip, cisp = evaluation.cip, evaluation.cisp
    changes: list[date] = _future_dates(dossier, on)
    deadlines: list[date] = []
    steps = []
    closed = {
        path: part is not None and part.closure is not None and part.closure.closed
        for path, part in (("cip", dossier.cip), ("cisp", dossier.cisp))
    }
    if cip is not None and closed["cip"]:  # no step to come, no deadline: it is closed
        steps.append(_closed_step(dossier.cip.closure))
    elif cip is not None and (left := partial_left(dossier.cip)):
        steps.append(f"CCP à valider : {', '.join(str(n) for n in left)}")
    elif cip is not None:
        steps.append(_cip_step(cip))
        projected = cip.check("CIP-EXP").values.get("projected_on")
        if projected:
            changes.append(projected)
        vae = cip.check("CIP-VAE")
        deadline = vae.values.get("deadline")
        if deadline is not None and vae.values.get("vae_result_on") is None:
            deadlines.append(deadline)  # coming, or passed without a result
            changes.append(deadline + timedelta(days=1))
    if cisp is not None and closed["cisp"]:
        steps.append(_closed_step(dossier.cisp.closure))
    elif cisp is not None:
        steps.append(_cisp_step(cisp))
        if cisp.deadline is not None and cisp.verdict in ("in_progress", "expired"):
            deadlines.append(cisp.deadline)  # coming, or passed without the title
        if cisp.deadline is not None and cisp.verdict in ("in_progress", "not_started"):
            changes.append(cisp.deadline + timedelta(days=1))
    labels = [name for name, path in (("CIP", cip), ("CISP", cisp)) if path is not None]
    if len(steps) == 2:
        steps = [f"CIP : {steps[0]} · CISP : {steps[1]}"]
    return Summary(
        evaluated_on=on,
        paths=" + ".join(labels),
        cip_verdict=None if cip is None else cip.verdict,
        cisp_verdict=None if cisp is None else cisp.verdict,
        next_step=steps[0] if steps else "",
        next_deadline=min(deadlines) if deadlines else None,
        valid_until=min(changes) if changes else None,
        stage=stage_text(path_steps(dossier, evaluation)),
        documents=_documents(dossier, evaluation, documents or {}),
    )


def _documents(dossier: Dossier, evaluation: Evaluation, states: dict[str, str]) -> str:
    items = checklist(dossier, evaluation)
    return completeness(items, states) if items else ""
