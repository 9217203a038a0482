"""Where a candidate is on each path: the steps of the seed's « Déroulement »
(resources/steps.toml), each done (with its date when the record holds it), current, or
to come — computed from what the record holds on a day. One function for the page's step
bar, the list's « Étape » column and the dossier PDF.

A step is done when the record holds its fact (a date on or before the day, a gap
analysis, a decision…) or when a later step is done: a candidate with a jury has had their
admissibility decided, even if its date was not typed. So the steps done are always the
first ones, and the first step not done is the current one; it may say how far it is
(« déposée le 02/03/2015, décision attendue »)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from app import labels
from app.domain import Closure, Dossier
from app.evaluation.evaluate import Evaluation
from app.french import day_text, plural
from app.step_names import CLOSED, DONE, closure_reasons, step_names

State = Literal["done", "current", "todo"]


@dataclass(frozen=True, slots=True)
class Step:
    key: str
    label: str
    state: State
    on: date | None = None  # the day it was done, when the record holds it
    note: str = ""  # how far the current step is, or when one to come is planned

    def text(self) -> str:
        """« Recevabilité : le 31/03/2015 », « Jury : en cours, prévu le … », « Titre : à
        venir »."""
        if self.state == "done":
            when = f"le {day_text(self.on)}" if self.on else "fait, date non renseignée"
            return f"{self.label} : {when}"
        if self.state == "current":
            return f"{self.label} : en cours" + (f", {self.note}" if self.note else "")
        return f"{self.label} : à venir" + (f", {self.note}" if self.note else "")


@dataclass(frozen=True, slots=True)
class PathSteps:
    path: str  # "cip" or "cisp"
    steps: tuple[Step, ...]
    closure: Closure | None = None  # closed (« abandon ») and not taken up again

    @property
    def current(self) -> Step | None:
        return next((s for s in self.steps if s.state == "current"), None)

    def stage(self) -> str:
        """What the list's « Étape » column says: the current step, or that all are done."""
        if self.closure is not None:
            return CLOSED
        current = self.current
        return current.label if current is not None else DONE

    def closure_text(self) -> str:
        """« Candidature close le 12/03/2015 : départ de la structure (note) »."""
        closure = self.closure
        if closure is None:
            return ""
        reason = closure_reasons().get(closure.reason, closure.reason).lower()
        note = f" ({closure.note})" if closure.note else ""
        return f"Candidature close le {day_text(closure.on)} : {reason}{note}"


# a fact: a date, True (done, no date recorded), or (None, note) for a step under way
Fact = date | bool | tuple[None, str] | None


def _steps(path: str, facts: dict[str, Fact], closure: Closure | None = None) -> PathSteps:
    names = step_names()[path]
    done_until = max(
        (i for i, (key, _label) in enumerate(names) if facts.get(key) not in (None, False)
         and not isinstance(facts.get(key), tuple)),
        default=-1,
    )  # fmt: skip
    steps = []
    for index, (key, label) in enumerate(names):
        fact = facts.get(key)
        if index <= done_until:
            steps.append(Step(key, label, "done", fact if isinstance(fact, date) else None))
        elif index == done_until + 1:
            note = fact[1] if isinstance(fact, tuple) else ""
            if closure is not None and closure.closed:  # where it stopped
                note = f"arrêtée le {day_text(closure.on)} : candidature close"
            steps.append(Step(key, label, "current", None, note))
        else:  # a step to come may already have its day (a jury « prévu le … »)
            steps.append(Step(key, label, "todo", None, fact[1] if isinstance(fact, tuple) else ""))
    closed = closure if closure is not None and closure.closed else None
    return PathSteps(path, tuple(steps), closed)


def _by(day: date | None, on: date) -> Fact:
    """A date as a fact on `on`: done on or before it; one still to come is noted."""
    if day is None:
        return None
    return day if day <= on else (None, f"prévu le {day_text(day)}")


def _cip_facts(dossier: Dossier, evaluation: Evaluation) -> dict[str, Fact]:
    cip, on = dossier.cip, evaluation.evaluated_on
    judged = evaluation.cip
    facts: dict[str, Fact] = {
        "collective_information": _by(cip.collective_meeting_on, on),
        "targeted_information": _by(cip.targeted_meeting_on, on),
        "gap_analysis": bool(cip.gap_analysis) or None,
    }
    agreement = dossier.employer_agreement
    if judged is not None and judged.check("CIP-EXP").status == "met":
        facts["identification"] = _by(agreement.given_on, on) if agreement else True
    positioning = judged.check("CIP-POS") if judged is not None else None
    tested = cip.retest_on or cip.positioning_on
    if positioning is not None and positioning.status == "met":
        facts["positioning"] = _by(tested, on) or True
    elif positioning is not None and positioning.status == "not_met":
        facts["positioning"] = (None, "score sous le seuil : remise à niveau, puis nouveau test")
    if cip.admissibility_decision_on:
        facts["admissibility"] = _by(cip.admissibility_decision_on, on)
    elif cip.admissibility_filed_on:
        filed = f"déposée le {day_text(cip.admissibility_filed_on)}, décision attendue"
        facts["admissibility"] = (None, filed)
    sessions = sorted(day for day in cip.accompaniment_sessions if day <= on)
    if sessions and cip.jury_on:
        facts["accompaniment"] = sessions[-1]
    elif sessions:
        count = f"{len(sessions)} {plural(len(sessions), 'séance', 'séances')}"
        facts["accompaniment"] = (None, f"{count}, la dernière le {day_text(sessions[-1])}")
    facts["jury"] = _by(cip.jury_on, on)
    if cip.vae_result_on and cip.vae_result_on <= on:
        remaining = remaining_activities(cip)
        if cip.vae_outcome == "partial" and remaining:
            facts["result"] = (None, partial_text(cip))
        else:
            facts["result"] = cip.vae_result_on
    return facts


def remaining_activities(cip) -> list[int]:
    """The activities (CCP) of the title a partial outcome left to validate (all of them
    for another outcome than « partial », none once every one is validated)."""
    from app.referentials import cip_referential

    numbers = [a.number for a in cip_referential().activities]
    if cip.vae_outcome == "validated":
        return []
    return [n for n in numbers if n not in cip.validated_activities]


def partial_text(cip) -> str:
    """« validation partielle : CCP 1 et 3 validés ; restent les CCP 2 et 4 »."""
    done = [str(n) for n in sorted(cip.validated_activities)]
    left = [str(n) for n in remaining_activities(cip)]
    said = "validation partielle : "
    said += f"CCP {_and(done)} {plural(len(done), 'validé', 'validés')}" if done else "aucun CCP"
    return said + f" ; {plural(len(left), 'reste le CCP', 'restent les CCP')} {_and(left)}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " et " + items[-1]


def _cisp_facts(dossier: Dossier, evaluation: Evaluation) -> dict[str, Fact]:
    cisp, on, judged = dossier.cisp, evaluation.evaluated_on, evaluation.cisp
    facts: dict[str, Fact] = {"registration": _by(cisp.registered_on, on)}
    commission = cisp.commission
    if commission is not None and commission.decision == "accepted":
        facts["commission"] = _by(commission.date, on) or True
    elif commission is not None:
        words = labels.COMMISSION_DECISION[commission.decision].lower()
        facts["commission"] = (None, words)
    counted = [c for c in judged.courses if c.counted] if judged else []
    accepted = commission is not None and commission.decision == "accepted"
    if counted and accepted:  # the equivalences follow the commission's acceptance
        facts["equivalences"] = True
    facts["contract"] = _by(cisp.contracted_on, on)
    poles = judged.poles if judged else ()
    if poles and all(p.ready_for_session for p in poles):
        facts["courses"] = max((c.ended_on for c in counted), default=None) or True
    elif poles and any(p.ready_for_session for p in poles):
        ready = sum(1 for p in poles if p.ready_for_session)
        facts["courses"] = (None, f"{ready} {plural(ready, 'pôle prêt', 'pôles prêts')} sur "
                                  f"{len(poles)}")  # fmt: skip
    validated = [p.validated_on for p in poles if p.validated_on]
    if poles and len(validated) == len(poles):
        facts["pole_sessions"] = max(validated)
    elif validated:
        facts["pole_sessions"] = (
            None,
            f"{len(validated)} {plural(len(validated), 'pôle validé', 'pôles validés')} sur "
            f"{len(poles)}",
        )
    if judged is not None and judged.verdict == "title_obtained":
        facts["title"] = max(validated) if validated else True
    return facts


def path_steps(dossier: Dossier, evaluation: Evaluation) -> tuple[PathSteps, ...]:
    """The steps of each path the dossier is on, as of the evaluation's day."""
    out = []
    if dossier.cip is not None:
        out.append(_steps("cip", _cip_facts(dossier, evaluation), dossier.cip.closure))
    if dossier.cisp is not None:
        out.append(_steps("cisp", _cisp_facts(dossier, evaluation), dossier.cisp.closure))
    return tuple(out)


def stage_text(steps: tuple[PathSteps, ...]) -> str:
    """The list's « Étape »: « CIP : Recevabilité », both paths joined by « ; »."""
    return " ; ".join(f"{s.path.upper()} : {s.stage()}" for s in steps)
