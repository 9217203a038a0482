"""CIP by collective VAE: its checks — CIP-EXP and CIP-POS (cip_eligibility.py), CIP-AGR
(checks.py), CIP-COST, CIP-FIN and CIP-VAE (cip_vae.py) — the verdict and the next step."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from app import french
from app.domain import CipPath, Dossier
from app.evaluation.checks import (
    MET,
    NOT_MET,
    PENDING,
    Check,
    agreement_check,
    json_value,
)
from app.evaluation.cip_eligibility import experience_check, positioning_check
from app.evaluation.cip_vae import cost_check, financing_check, vae_check
from app.evaluation.experience import ExperienceCount, count_experience, split_days
from app.french import day_text
from app.rules import Rules

CipVerdict = Literal["eligible", "not_eligible", "incomplete"]


@dataclass(slots=True)
class CipEvaluation:
    verdict: CipVerdict
    next_step: str
    experience: ExperienceCount
    experience_split: tuple[int, int, int]
    checks: tuple[Check, ...]

    def check(self, rule: str) -> Check:
        return next(c for c in self.checks if c.rule == rule)

    def to_data(self) -> dict[str, Any]:
        count = self.experience
        years, months, days = self.experience_split
        return {
            "verdict": self.verdict,
            "next_step": self.next_step,
            "experience": {
                "total_days": json_value(count.total_days),
                "years": years,
                "months": months,
                "days": days,
            },
            "checks": [c.to_data() for c in self.checks],
        }


def _next_step(
    checks: dict[str, Check],
    count: ExperienceCount,
    vae_deadline: date | None,
    on: date,
    rules: Rules,
) -> str:
    threshold = french.percent(rules.value("positioning_threshold_pct"))
    upgrading = (
        f"Le score de positionnement est sous le seuil de {threshold} : prévoir d'abord une "
        f"remise à niveau ou des formations complémentaires, puis un nouveau test de "
        f"positionnement avant d'entrer en VAE."
    )
    steps: list[str] = []
    if checks["CIP-EXP"].status == NOT_MET:
        steps.append(
            f"Il manque {french.days(count.missing_days)} d'expérience dans la fonction "
            f"d'accompagnement pour atteindre {rules.value('min_experience_years')} ans."
        )
        if count.projected_on:
            steps.append(
                f"Si le poste actuel se poursuit, la condition sera remplie le "
                f"{day_text(count.projected_on)}."
            )
        steps.append(
            "En attendant, le titre CISP par capitalisation ne demande aucune expérience "
            "minimale : il peut être proposé dès maintenant."
        )
        if checks["CIP-POS"].status == NOT_MET:
            steps.append(upgrading)
        return " ".join(steps)
    if checks["CIP-POS"].status == NOT_MET:
        return upgrading
    pos_values = checks["CIP-POS"].values
    if checks["CIP-POS"].status == MET and pos_values["score_pct"] == pos_values["threshold_pct"]:
        steps.append(
            f"Score de positionnement exactement au seuil de {threshold} : compté comme une "
            f"réussite (règle par défaut, le compte-rendu COORACE ne tranche pas)."
        )
    if checks["CIP-AGR"].status == PENDING:
        steps.append(
            "Obtenir l'accord écrit de l'employeur (date et signataire), obligatoire pour "
            "entrer dans la démarche."
        )
    if checks["CIP-POS"].status == PENDING:
        steps.append(
            f"Organiser le test de positionnement individuel (réussite à partir de {threshold})."
        )
    if checks["CIP-AGR"].status == PENDING or checks["CIP-POS"].status == PENDING:
        return " ".join(steps)
    for rule in ("CIP-COST", "CIP-FIN"):
        if checks[rule].status == NOT_MET:
            steps.append(f"Corriger le financement ({rule}) : {checks[rule].reason}")
    vae = checks["CIP-VAE"]
    if vae_deadline is None:
        if checks["CIP-COST"].status == PENDING or checks["CIP-FIN"].status == PENDING:
            steps.append(
                f"Établir le plan de financement (coût global au plus "
                f"{french.euros(rules.value('max_cost_eur'))}, dont "
                f"{french.euros(rules.value('opca_amount_eur'))} pris en charge par "
                f"{rules.value('opca_name')})."
            )
        steps.append(
            f"Signaler la candidature à COORACE pour le groupe régional (au moins "
            f"{rules.value('min_group_size')} personnes), puis déposer la demande de recevabilité"
            f" (CERFA) : la VAE durera au plus {rules.value('vae_max_months')} mois."
        )
    elif vae.status == PENDING and on <= vae_deadline:
        left = (vae_deadline - on).days
        warning = (
            f" Attention : l'échéance tombe dans {french.days(left)}."
            if left <= rules.value("deadline_warning_days")
            else ""
        )
        steps.append(
            f"Mener l'accompagnement (rédaction du dossier, entretiens avec le jury) et présenter "
            f"le candidat aux épreuves de validation au plus tard le {day_text(vae_deadline)}."
            f"{warning}"
        )
    elif vae.status == PENDING:
        steps.append("Attendre la décision de recevabilité.")
    elif vae.status == MET:
        steps.append("VAE menée à terme dans le délai : transmettre le résultat à COORACE.")
    else:
        steps.append(
            f"Le délai de VAE a expiré le {day_text(vae_deadline)} : faire le point avec COORACE "
            f"et l'AFPA."
        )
    return " ".join(steps)


def evaluate_cip(dossier: Dossier, cip: CipPath, on: date, rules: Rules) -> CipEvaluation:
    required_days = rules.value("min_experience_years") * rules.value("days_per_year")
    count = count_experience(
        dossier.experiences, on, required_days, rules.value("experience_counting")
    )
    split = split_days(
        int(count.total_days), rules.value("days_per_year"), rules.value("days_per_month")
    )
    excluded_future = sum(
        1 for p in dossier.experiences if p.accompaniment_function and p.start > on
    )
    vae, vae_deadline = vae_check(cip, on, rules)
    checks = (
        experience_check(count, split, rules, excluded_future),
        agreement_check("CIP-AGR", dossier.employer_agreement, on),
        positioning_check(cip, rules),
        cost_check(cip, rules),
        financing_check(cip, rules),
        vae,
    )
    by_rule = {c.rule: c for c in checks}
    statuses = [by_rule[rule].status for rule in ("CIP-EXP", "CIP-AGR", "CIP-POS")]
    verdict: CipVerdict
    if all(status == MET for status in statuses):
        verdict = "eligible"
    elif NOT_MET in (by_rule["CIP-EXP"].status, by_rule["CIP-POS"].status):
        verdict = "not_eligible"
    else:
        verdict = "incomplete"
    return CipEvaluation(
        verdict=verdict,
        next_step=_next_step(by_rule, count, vae_deadline, on, rules),
        experience=count,
        experience_split=split,
        checks=checks,
    )
