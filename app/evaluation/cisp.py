"""CISP by capitalisation: which courses count, each pole's state, CISP-AGR, CISP-RETRO,
CISP-MAX, CISP-TITLE, the verdict and the next step."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from app import french
from app.dates import add_years
from app.domain import Catalogue, CispPath, CourseTaken, Dossier
from app.evaluation.checks import MET, NOT_MET, PENDING, Check, agreement_check, json_value
from app.french import day_text
from app.labels import excluded_words
from app.referentials import cisp_referential
from app.rules import Rules

CispVerdict = Literal["not_started", "title_obtained", "expired", "in_progress"]


@dataclass(slots=True)
class CourseVerdict:
    code: str
    title: str | None
    ended_on: date
    counted: bool
    excluded_by_retroactivity: bool
    reason: str

    def to_data(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "counted": self.counted,
            "reason": self.reason,
        }


@dataclass(slots=True)
class PoleState:
    pole: int
    remaining: tuple[str, ...]
    validated_on: date | None

    @property
    def ready_for_session(self) -> bool:
        return not self.remaining

    @property
    def validated(self) -> bool:
        return self.validated_on is not None

    def to_data(self) -> dict[str, Any]:
        return {
            "pole": self.pole,
            "remaining": list(self.remaining),
            "ready_for_session": self.ready_for_session,
            "validated": self.validated,
        }


@dataclass(slots=True)
class CispEvaluation:
    verdict: CispVerdict
    next_step: str
    deadline: date | None
    courses: tuple[CourseVerdict, ...]
    poles: tuple[PoleState, ...]
    checks: tuple[Check, ...]

    def check(self, rule: str) -> Check:
        return next(c for c in self.checks if c.rule == rule)

    def to_data(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "next_step": self.next_step,
            "deadline": json_value(self.deadline),
            "courses": [c.to_data() for c in self.courses],
            "poles": [p.to_data() for p in self.poles],
            "checks": [c.to_data() for c in self.checks],
        }


def _course_verdict(
    course: CourseTaken,
    catalogue: Catalogue,
    registered_on: date | None,
    cutoff: date | None,
    deadline: date | None,
    on: date,
    retro_years: int,
) -> CourseVerdict:
    entry = catalogue.course(course.code)
    title = entry.title if entry else course.title
    pole = entry.pole if entry else None
    ended = day_text(course.ended_on)

    def verdict(counted: bool, reason: str, retro: bool = False) -> CourseVerdict:
        return CourseVerdict(course.code, title, course.ended_on, counted, retro, reason)

    too_old = cutoff is not None and course.ended_on < cutoff
    too_old_note = (
        f" Terminée le {ended}, avant le {day_text(cutoff)} : elle est aussi trop ancienne "
        f"pour la règle de rétroactivité."
        if too_old and cutoff is not None
        else ""
    )
    if entry is None:
        return verdict(
            False,
            f"Absente du catalogue « {catalogue.name} » : ne compte pas (vérifier le code, ou "
            f"ajouter la formation à la main).{too_old_note}",
            retro=too_old,
        )
    if not entry.capitalisable:
        return verdict(
            False,
            f"Formation non capitalisable dans le catalogue : ne compte pas.{too_old_note}",
            retro=too_old,
        )
    if course.ended_on > on:
        return verdict(
            False, f"Terminée le {ended}, après la date d'évaluation : ne compte pas encore."
        )
    if registered_on is None or cutoff is None or deadline is None:
        return verdict(
            False,
            f"Terminée le {ended} : comptera pour le pôle {pole} si l'inscription est déposée "
            f"dans les {retro_years} ans qui suivent ; date d'inscription pas encore connue.",
        )
    if course.ended_on < cutoff:
        return verdict(
            False,
            f"Terminée le {ended}, avant le {day_text(cutoff)} ({retro_years} ans avant "
            f"l'inscription du {day_text(registered_on)}) : exclue par la règle de "
            f"rétroactivité.",
            retro=True,
        )
    if course.ended_on > deadline:
        return verdict(
            False, f"Terminée le {ended}, après l'échéance du parcours ({day_text(deadline)})."
        )
    when = (
        "pendant le parcours"
        if course.ended_on >= registered_on
        else f"dans les {retro_years} ans avant l'inscription (depuis le {day_text(cutoff)})"
    )
    return verdict(
        True, f"Compte pour le pôle {pole} : formation capitalisable terminée le {ended}, {when}."
    )


def _retro_check(
    courses: tuple[CourseVerdict, ...],
    registered_on: date | None,
    cutoff: date | None,
    retro_years: int,
) -> Check:
    values: dict[str, Any] = {
        "retroactivity_years": retro_years,
        "registered_on": registered_on,
        "earliest_end": cutoff,
    }
    if registered_on is None or cutoff is None:
        return Check(
            "CISP-RETRO",
            PENDING,
            f"Date d'inscription pas encore connue : les formations"
            f" comptent si elles se terminent au plus {retro_years} ans avant elle.",
            values,
        )
    excluded = [c for c in courses if c.excluded_by_retroactivity]
    values["excluded"] = [c.code for c in excluded]
    window = (
        f"Inscription le {day_text(registered_on)} : comptent les formations terminées "
        f"depuis le {day_text(cutoff)} ({retro_years} ans avant)"
    )
    if excluded:
        names = ", ".join(
            f"{c.code}" + (f" « {c.title} »" if c.title else "") + f" (terminée le "
            f"{day_text(c.ended_on)})"
            for c in excluded
        )
        # informative: the path goes on without them (labels.INFORMATIVE_NOT_MET)
        return Check(
            "CISP-RETRO",
            NOT_MET,
            f"{excluded_words(len(excluded))} : {names} (plus de {retro_years} ans avant "
            f"l'inscription) — sans effet sur le parcours, les autres formations comptent. "
            f"{window}.",
            values,
        )
    return Check(
        "CISP-RETRO", MET, f"{window} ; aucune formation déclarée n'est trop ancienne.", values
    )


def evaluate_cisp(
    dossier: Dossier, cisp: CispPath, on: date, rules: Rules, catalogue: Catalogue
) -> CispEvaluation:
    retro_years = rules.value("retroactivity_years")
    max_years = rules.value("max_path_years")
    declared_on = cisp.registered_on
    deadline = add_years(declared_on, max_years) if declared_on else None
    # a registration dated after the evaluation date is not filed yet
    registered_on = declared_on if declared_on is not None and declared_on <= on else None
    cutoff = add_years(registered_on, -retro_years) if registered_on else None
    courses = tuple(
        _course_verdict(
            c,
            catalogue,
            registered_on,
            cutoff,
            deadline if registered_on else None,
            on,
            retro_years,
        )
        for c in dossier.courses
    )
    counted = {c.code for c in courses if c.counted}
    first_validated: dict[int, date] = {}
    for session in cisp.pole_sessions:
        in_time = deadline is None or session.date <= deadline
        if session.result == "validated" and session.date <= on and in_time:
            known = first_validated.get(session.pole)
            if known is None or session.date < known:
                first_validated[session.pole] = session.date
    poles = []
    for pole in cisp_referential().poles:
        required = catalogue.required_for_pole(pole.number)
        poles.append(
            PoleState(
                pole=pole.number,
                remaining=tuple(c.code for c in required if c.code not in counted),
                validated_on=first_validated.get(pole.number),
            )
        )
    title_on = (
        max(p.validated_on for p in poles if p.validated_on)
        if all(p.validated for p in poles)
        else None
    )
    checks = (
        agreement_check("CISP-AGR", dossier.employer_agreement, on),
        _retro_check(courses, registered_on, cutoff, retro_years),
        _max_check(registered_on, deadline, title_on, on, max_years),
        _title_check(poles, title_on),
    )
    verdict = _verdict(cisp, on, title_on, deadline)
    return CispEvaluation(
        verdict=verdict,
        next_step=_next_step(verdict, cisp, on, deadline, title_on, tuple(poles), checks, rules),
        deadline=deadline,
        courses=courses,
        poles=tuple(poles),
        checks=checks,
    )


def _max_check(
    registered_on: date | None,
    deadline: date | None,
    title_on: date | None,
    on: date,
    max_years: int,
) -> Check:
    values: dict[str, Any] = {
        "max_path_years": max_years,
        "registered_on": registered_on,
        "deadline": deadline,
        "title_obtained_on": title_on,
    }
    if registered_on is None or deadline is None:
        return Check(
            "CISP-MAX",
            PENDING,
            f"Pas encore d'inscription : le parcours durera au plus "
            f"{max_years} ans à compter de l'inscription.",
            values,
        )
    window = (
        f"Inscription le {day_text(registered_on)} : le parcours doit aboutir au plus tard "
        f"le {day_text(deadline)} ({max_years} ans)"
    )
    if title_on is not None:
        return Check("CISP-MAX", MET, f"{window} ; titre obtenu le {day_text(title_on)}.", values)
    if on <= deadline:
        left = (deadline - on).days
        return Check("CISP-MAX", MET, f"{window} ; il reste {french.days(left)}.", values)
    return Check(
        "CISP-MAX",
        NOT_MET,
        f"{window} ; échéance dépassée de "
        f"{french.days((on - deadline).days)} sans que tous les pôles soient validés.",
        values,
    )


def _title_check(poles: list[PoleState], title_on: date | None) -> Check:
    validated = [p.pole for p in poles if p.validated]
    missing = [p.pole for p in poles if not p.validated]
    values = {"validated_poles": validated, "poles": len(poles), "title_obtained_on": title_on}
    if title_on is not None:
        return Check(
            "CISP-TITLE",
            MET,
            f"Les {len(poles)} pôles de compétences sont validés "
            f"(dernière session le {day_text(title_on)}) : titre CISP obtenu.",
            values,
        )
    if validated:
        done = (
            f"{len(validated)} {french.plural(len(validated), 'pôle validé', 'pôles validés')}"
            f" sur {len(poles)} (pôle {', '.join(str(n) for n in validated)})"
        )
    else:
        done = f"aucun pôle validé sur {len(poles)}"
    rest = ", ".join(str(n) for n in missing)
    return Check(
        "CISP-TITLE",
        PENDING,
        f"Titre pas encore obtenu : {done} ; "
        f"{french.plural(len(missing), 'reste à valider le pôle', 'restent à valider les pôles')}"
        f" {rest}.",
        values,
    )


def _decided_on(cisp: CispPath, on: date) -> str | None:
    """The commission's decision as of `on` (None: no decision yet, or decided later)."""
    commission = cisp.commission
    if commission is None or (commission.date is not None and commission.date > on):
        return None
    return commission.decision


def _verdict(cisp: CispPath, on: date, title_on: date | None, deadline: date | None) -> CispVerdict:
    registered = cisp.registered_on is not None and cisp.registered_on <= on
    if not registered or deadline is None or _decided_on(cisp, on) != "accepted":
        return "not_started"
    if title_on is not None:
        return "title_obtained"
    if on > deadline:
        return "expired"
    return "in_progress"


def _next_step(
    verdict: CispVerdict,
    cisp: CispPath,
    on: date,
    deadline: date | None,
    title_on: date | None,
    poles: tuple[PoleState, ...],
    checks: tuple[Check, ...],
    rules: Rules,
) -> str:
    agreement_pending = checks[0].status == PENDING
    if verdict == "not_started":
        commission = cisp.commission
        if cisp.registered_on is not None and cisp.registered_on > on:
            return (
                f"L'inscription est datée du {day_text(cisp.registered_on)}, après la date "
                f"d'évaluation : le parcours n'a pas encore commencé."
            )
        if cisp.registered_on is None:
            agreement = " avec l'accord de l'employeur" if agreement_pending else ""
            return (
                "Faire déposer par l'employeur le dossier d'inscription au parcours certifiant"
                f"{agreement} ; le titre CISP ne demande aucune expérience minimale."
            )
        if _decided_on(cisp, on) == "rejected":
            when = f" le {day_text(commission.date)}" if commission and commission.date else ""
            return (
                f"La commission paritaire COORACE-AROBASE a refusé l'inscription{when} : "
                f"voir avec COORACE les motifs et la possibilité de redéposer un dossier."
            )
        return (
            "Attendre l'examen du dossier d'inscription par la commission paritaire "
            "COORACE-AROBASE."
        )
    if verdict == "title_obtained":
        return (
            f"Titre CISP obtenu le {day_text(title_on)} : tous les pôles sont validés."
            if title_on
            else "Titre CISP obtenu."
        )
    if verdict == "expired":
        return (
            f"Le parcours a dépassé son échéance du {day_text(deadline)} sans validation de "
            f"tous les pôles : faire le point avec COORACE."
        )
    steps = []
    ready = [p.pole for p in poles if p.ready_for_session and not p.validated]
    if ready:
        steps.append(
            "Inscrire le candidat à la session de synthèse et de certification "
            + french.plural(len(ready), "du pôle ", "des pôles ")
            + f"{', '.join(str(n) for n in ready)}."
        )
    todo = [p for p in poles if p.remaining and not p.validated]
    if todo:
        steps.append(
            "Suivre les formations restantes : "
            + " ; ".join(f"pôle {p.pole} : {', '.join(p.remaining)}" for p in todo)
            + "."
        )
    if deadline is not None:
        left = (deadline - on).days
        warning = (
            " Attention : l'échéance approche."
            if left <= rules.value("deadline_warning_days")
            else ""
        )
        steps.append(f"Échéance du parcours : {day_text(deadline)}.{warning}")
    return " ".join(steps)
