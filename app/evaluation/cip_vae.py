"""The CIP checks of the VAE itself, once the candidate is eligible: CIP-COST, its cost,
CIP-FIN, its financing plan, and CIP-VAE, its months from the admissibility decision."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from app import french
from app.dates import add_months
from app.domain import CipPath
from app.evaluation.checks import MET, NOT_MET, PENDING, Check, money
from app.french import day_text
from app.rules import Rules


def cost_check(cip: CipPath, rules: Rules) -> Check:
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


def financing_check(cip: CipPath, rules: Rules) -> Check:
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


def vae_check(cip: CipPath, on: date, rules: Rules) -> tuple[Check, date | None]:
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
            "CIP-VAE", PENDING, f"{window} ; en cours, il reste {french.days(left)}.", values
        ), deadline
    late = (on - deadline).days
    return Check(
        "CIP-VAE",
        NOT_MET,
        f"{window} ; échéance dépassée de {french.days(late)} sans résultat.",
        values,
    ), deadline
