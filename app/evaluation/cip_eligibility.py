"""The CIP checks of the candidate's eligibility, with CIP-AGR (checks.py): CIP-EXP, the
experience in the function, and CIP-POS, the positioning test."""

from __future__ import annotations

from typing import Any

from app import french
from app.domain import CipPath
from app.evaluation.checks import MET, NOT_MET, PENDING, Check
from app.evaluation.experience import ExperienceCount
from app.french import day_text
from app.rules import Rules


def experience_check(
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
        f" {excluded_future} "
        + french.plural(
            excluded_future,
            "période commençant après la date d'évaluation ne compte pas.",
            "périodes commençant après la date d'évaluation ne comptent pas.",
        )
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


def positioning_check(cip: CipPath, rules: Rules) -> Check:
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
