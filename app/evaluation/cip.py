"""CIP by collective VAE: CIP-EXP, CIP-AGR, CIP-POS, CIP-COST, CIP-FIN, CIP-VAE,
the verdict and the next step."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from app import french
from app.dates import add_months
from app.domain import CipPath, Dossier
from app.evaluation.checks import (
    MET,
    NOT_MET,
    PENDING,
    Check,
    agreement_check,
    json_value,
    money,
)
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


def _experience_check(
    count: ExperienceCount, split: tuple[int, int, int], rules: Rules, excluded_future: int
) -> Check:
    required_years = rules.value("min_experience_years")
    minimum = f"{required_years} ans ({french.days(count.required_days)})"
    if count.counting == "calendar":
        amount = f"{french.days(count.calendar_days)} d'expérience"
        fte_note = (
            f" En équivalent temps plein : {french.days(count.fte_days)}."
            if count.fte_days != count.calendar_days
            else ""
        )
    else:
        amount = f"{french.days(count.fte_days)} d'expérience en équivalent temps plein"
        fte_note = f" En temps calendaire : {french.days(count.calendar_days)}."
    counted = (
        f"{amount} dans la fonction d'accompagnateur(trice) socioprofessionnel(le) "
        f"({french.duration(*split)}, périodes fusionnées, chaque jour compté une fois)"
    )
    future_note = (
        f" {excluded_future} période(s) commençant après la date d'évaluation ne compte(nt) pas."
        if excluded_future
        else ""
    )
    values: dict[str, Any] = {
        "required_years": required_years,
        "required_days": count.required_days,
        "total_days": count.total_days,
        "counting": count.counting,
        "calendar_days": count.calendar_days,
        "fte_days": count.fte_days,
    }
    if count.met:
        values["reached_on"] = count.reached_on
        reason = (
            f"{counted} : le minimum de {minimum} est atteint depuis le "
            f"{day_text(count.reached_on)}.{fte_note}{future_note}"
            if count.reached_on
            else f"{counted} : le minimum de {minimum} est atteint.{fte_note}{future_note}"
        )
        return Check("CIP-EXP", MET, reason, values)
    values["missing_days"] = count.missing_days
    values["projected_on"] = count.projected_on
    if count.calendar_days == 0:
        counted = (
            "Aucune période dans la fonction d'accompagnateur(trice) socioprofessionnel(le) "
            "jusqu'à la date d'évaluation"
        )
    projection = (
        f" Si le poste actuel se poursuit, la condition sera remplie le "
        f"{day_text(count.projected_on)}."
        if count.projected_on
        else " Aucun poste d'accompagnement en cours ne permet de prévoir quand elle le sera."
    )
    reason = (
        f"{counted} : il manque {french.days(count.missing_days)} pour atteindre le minimum "
        f"de {minimum}.{projection}{fte_note}{future_note}"
    )
    return Check("CIP-EXP", NOT_MET, reason, values)


def _positioning_check(cip: CipPath, rules: Rules) -> Check:
    threshold = rules.value("positioning_threshold_pct")
    inclusive = rules.value("positioning_threshold_inclusive")
    score = cip.positioning_score_pct
    values = {"threshold_pct": threshold, "threshold_inclusive": inclusive, "score_pct": score}
    seuil = french.percent(threshold)
    if score is None:
        return Check(
            "CIP-POS",
            PENDING,
            f"Le test de positionnement individuel n'a pas encore eu lieu (réussite à partir de "
            f"{seuil}).",
            values,
        )
    shown = french.percent(score)
    if score == threshold:
        if inclusive:
            return Check(
                "CIP-POS",
                MET,
                f"Score de {shown}, exactement au seuil de {seuil} : compté comme une réussite "
                f"(le compte-rendu COORACE ne dit rien de {seuil} exactement ; règle retenue : "
                f"le seuil atteint suffit). Accès à la VAE.",
                values,
            )
        return Check(
            "CIP-POS",
            NOT_MET,
            f"Score de {shown}, exactement au seuil de {seuil} : les règles en vigueur demandent "
            f"de le dépasser. Remise à niveau ou formations complémentaires d'abord.",
            values,
        )
    if score > threshold:
        return Check(
            "CIP-POS",
            MET,
            f"Score de {shown} au test de positionnement, au-dessus du seuil de {seuil} : "
            f"accès à la VAE.",
            values,
        )
    return Check(
        "CIP-POS",
        NOT_MET,
        f"Score de {shown} au test de positionnement, sous le seuil de {seuil} : remise à niveau "
        f"ou formations complémentaires avant la VAE.",
        values,
    )


def _cost_check(cip: CipPath, rules: Rules) -> Check:
    maximum = rules.value("max_cost_eur")
    values = {"max_cost_eur": maximum, "cost_eur": cip.cost_eur}
    if cip.cost_eur is None:
        return Check(
            "CIP-COST",
            PENDING,
            f"Coût global pas encore connu (au plus {french.euros(maximum)} par salarié).",
            values,
        )
    cost = money(cip.cost_eur)
    if cost > money(maximum):
        return Check(
            "CIP-COST",
            NOT_MET,
            f"Coût global de {french.euros(cost)}, au-dessus du maximum de "
            f"{french.euros(maximum)} par salarié (dépassement de "
            f"{french.euros(cost - money(maximum))}).",
            values,
        )
    return Check(
        "CIP-COST",
        MET,
        f"Coût global de {french.euros(cost)}, dans la limite de {french.euros(maximum)} "
        f"par salarié.",
        values,
    )


_SOURCE_NAMES = {
    "opca": "OPCA",
    "cpf": "CPF",
    "professionalisation": "fonds de la professionnalisation",
    "training_plan": "plan de formation",
    "own_funds": "fonds propres",
}


def _financing_check(cip: CipPath, rules: Rules) -> Check:
    opca_amount = money(rules.value("opca_amount_eur"))
    opca_name = rules.value("opca_name")
    cpf_cap = money(rules.value("cpf_max_hours"))
    lines = cip.financing
    total = sum((money(line.amount_eur) for line in lines), Decimal(0))
    opca = sum((money(line.amount_eur) for line in lines if line.source == "opca"), Decimal(0))
    cpf_hours = sum((money(line.hours) for line in lines if line.source == "cpf"), Decimal(0))
    values: dict[str, Any] = {
        "cost_eur": cip.cost_eur,
        "financed_eur": total,
        "opca_eur": opca,
        "opca_amount_eur": rules.value("opca_amount_eur"),
        "opca_name": opca_name,
        "cpf_hours": cpf_hours,
        "cpf_max_hours": rules.value("cpf_max_hours"),
    }
    if not lines:
        return Check(
            "CIP-FIN",
            PENDING,
            f"Plan de financement pas encore établi ({opca_name} prend en charge "
            f"{french.euros(opca_amount)} ; CPF au plus {french.number(cpf_cap)} h).",
            values,
        )
    detail = ", ".join(
        f"{_SOURCE_NAMES[line.source]} {french.euros(line.amount_eur)}"
        + (f" pour {french.number(line.hours)} h" if line.hours is not None else "")
        for line in lines
    )
    faults = []
    if opca > opca_amount:
        faults.append(
            f"la part OPCA ({french.euros(opca)}) dépasse les {french.euros(opca_amount)} "
            f"pris en charge par {opca_name}"
        )
    missing_hours = [
        i for i, line in enumerate(lines) if line.source == "cpf" and line.hours is None
    ]
    if missing_hours:
        faults.append("une ligne CPF n'indique pas ses heures")
    if cpf_hours > cpf_cap:
        faults.append(
            f"le CPF mobilise {french.number(cpf_hours)} h, au-delà du plafond de "
            f"{french.number(cpf_cap)} h pour l'accompagnement à la VAE"
        )
    if cip.cost_eur is not None and total < money(cip.cost_eur):
        faults.append(
            f"les financements ({french.euros(total)}) ne couvrent pas le coût de "
            f"{french.euros(cip.cost_eur)} : il manque {french.euros(money(cip.cost_eur) - total)}"
        )
    if faults:
        return Check(
            "CIP-FIN",
            NOT_MET,
            f"Plan de financement ({detail}) : " + " ; ".join(faults) + ".",
            values,
        )
    if cip.cost_eur is None:
        return Check(
            "CIP-FIN",
            PENDING,
            f"Plan de financement ({detail}) conforme, mais le coût global n'est pas encore connu :"
            f" impossible de vérifier qu'il est couvert.",
            values,
        )
    remainder = money(cip.cost_eur) - opca
    surplus = total - money(cip.cost_eur)
    surplus_note = (
        f" Les financements dépassent le coût de {french.euros(surplus)} : à ajuster."
        if surplus > 0
        else ""
    )
    return Check(
        "CIP-FIN",
        MET,
        f"Le plan de financement couvre le coût de {french.euros(cip.cost_eur)} ({detail}) ; "
        f"reste à financer après l'OPCA : {french.euros(max(remainder, Decimal(0)))} ; CPF "
        f"{french.number(cpf_hours)} h sur {french.number(cpf_cap)} h au plus.{surplus_note}",
        values,
    )


def _vae_check(cip: CipPath, on: date, rules: Rules) -> tuple[Check, date | None]:
    months = rules.value("vae_max_months")
    decision = cip.admissibility_decision_on
    values: dict[str, Any] = {
        "vae_max_months": months,
        "admissibility_decision_on": decision,
        "deadline": None,
        "vae_result_on": cip.vae_result_on,
    }
    if decision is None:
        return (
            Check(
                "CIP-VAE",
                PENDING,
                f"Pas encore de décision de recevabilité : la VAE durera au plus {months} mois à "
                f"compter de cette décision.",
                values,
            ),
            None,
        )
    deadline = add_months(decision, months)
    values["deadline"] = deadline
    window = (
        f"Recevabilité décidée le {day_text(decision)} : la VAE doit aboutir au plus tard le "
        f"{day_text(deadline)} ({months} mois)"
    )
    if decision > on:
        return Check(
            "CIP-VAE", PENDING, f"{window} ; décision postérieure à la date d'évaluation.", values
        ), deadline
    result = cip.vae_result_on
    if result is not None and result <= on:
        if result <= deadline:
            return Check(
                "CIP-VAE", MET, f"{window} ; résultat le {day_text(result)}, dans le délai.", values
            ), deadline
        return Check(
            "CIP-VAE",
            NOT_MET,
            f"{window} ; résultat le {day_text(result)}, après l'échéance.",
            values,
        ), deadline
    if on <= deadline:
        left = (deadline - on).days
        return Check(
            "CIP-VAE", PENDING, f"{window} ; en cours, {french.days(left)} restant(s).", values
        ), deadline
    late = (on - deadline).days
    return Check(
        "CIP-VAE",
        NOT_MET,
        f"{window} ; échéance dépassée de {french.days(late)} sans résultat.",
        values,
    ), deadline


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
    vae, vae_deadline = _vae_check(cip, on, rules)
    checks = (
        _experience_check(count, split, rules, excluded_future),
        agreement_check("CIP-AGR", dossier.employer_agreement, on),
        _positioning_check(cip, rules),
        _cost_check(cip, rules),
        _financing_check(cip, rules),
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
