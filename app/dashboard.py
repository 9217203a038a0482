"""What the home view shows: deadlines coming or passed, and CIP groups per region."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from app import french
from app.domain import Dossier
from app.evaluation import Evaluation
from app.rules import Rules


@dataclass(frozen=True, slots=True)
class Deadline:
    ref: str
    name: str
    path: str  # "cip" or "cisp"
    what: str
    due_on: date
    days_left: int  # negative once passed

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    def text(self) -> str:
        when = (
            f"dépassée depuis {french.days(-self.days_left)}"
            if self.overdue
            else f"dans {french.days(self.days_left)}"
        )
        return f"{self.name} — {self.what} : {french.day_text(self.due_on)} ({when})"


def deadlines(
    items: Iterable[tuple[Dossier, Evaluation]], on: date, rules: Rules
) -> list[Deadline]:
    """The CIP 3-month VAE deadlines and CISP 5-year path deadlines that fall within the
    warning period (`deadline_warning_days`) or have passed without the step done, the
    most urgent first."""
    horizon = rules.value("deadline_warning_days")
    found = []
    for dossier, evaluation in items:
        name = f"{dossier.candidate.first_name} {dossier.candidate.last_name}"
        ref = dossier.candidate.ref
        cip = evaluation.cip
        if cip is not None:
            vae = cip.check("CIP-VAE")
            due = vae.values.get("deadline")
            if due is not None and vae.status != "met" and cip.verdict != "not_eligible":
                found.append(
                    Deadline(ref, name, "cip", "fin de la VAE (3 mois)", due, (due - on).days)
                )
        cisp = evaluation.cisp
        if (
            cisp is not None
            and cisp.deadline is not None
            and cisp.verdict in ("in_progress", "expired")
        ):
            found.append(
                Deadline(
                    ref,
                    name,
                    "cisp",
                    "fin du parcours CISP (5 ans)",
                    cisp.deadline,
                    (cisp.deadline - on).days,
                )
            )
    return sorted((d for d in found if d.days_left <= horizon), key=lambda d: (d.days_left, d.name))


@dataclass(frozen=True, slots=True)
class RegionGroup:
    region: str
    eligible: int
    group_size: int

    @property
    def reached(self) -> bool:
        return self.eligible >= self.group_size

    def text(self) -> str:
        state = "groupe atteint" if self.reached else "groupe non atteint"
        return f"{self.region} : {self.eligible}/{self.group_size} — {state}"


def regional_groups(items: Iterable[tuple[Dossier, Evaluation]], rules: Rules) -> list[RegionGroup]:
    """CIP candidates eligible (CIP-EXP, CIP-AGR and CIP-POS met) counted per exact
    region text, against the group size of the rules (CIP-GRP)."""
    size = rules.value("min_group_size")
    counts = Counter(
        dossier.structure.region
        for dossier, evaluation in items
        if evaluation.cip is not None and evaluation.cip.verdict == "eligible"
    )
    return [RegionGroup(region, counts[region], size) for region in sorted(counts)]
