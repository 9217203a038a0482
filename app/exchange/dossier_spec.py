"""The dossier document's description (EXCHANGE.md « Dossier »): every key, its type, the
checks across keys, and the domain object each part builds. Reading (dossier.py) and
the JSON Schema (schema.py) both come from it."""

from __future__ import annotations

import re
from typing import Any

from app.domain import (
    COMMISSION_DECISIONS,
    FINANCING_SOURCES,
    GAP_STATUSES,
    SESSION_RESULTS,
    STRUCTURE_KINDS,
    VAE_OUTCOMES,
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
from app.exchange.header import SUPPORTED_VERSION
from app.exchange.problems import Problem
from app.exchange.spec import (
    Boolean,
    Choice,
    Date,
    DateTime,
    Key,
    ListOf,
    Node,
    Nullable,
    Number,
    Obj,
    Problems,
    Text,
    child_path,
    distinct,
    unique,
)
from app.french import day_text
from app.referentials import cip_referential, cisp_referential
from app.step_names import closure_reasons

DOSSIER_FORMAT = "passerelle.dossier"


# The limits of texts (resources/limits.toml)
TEXT = "text_max_chars"
REFERENCE = "reference_max_chars"
EMAIL = "email_max_chars"
ADDRESS = "address_max_chars"
NOTE = "note_max_chars"


def _text(description: str = "", limit: str = TEXT) -> Text:
    return Text(required_content=True, description=description, limit=limit)


def _optional_text(description: str = "", limit: str = TEXT) -> Key:
    return Key(Nullable(Text(description=description, limit=limit)), required=False)


def _optional_date(description: str = "") -> Key:
    return Key(Nullable(Date(description=description)), required=False)


def _amount(description: str) -> Number:
    return Number(minimum=0, range_text="positif ou nul", description=description)


def _end_not_before_start(values: dict[str, Any], path: str, problems: Problems) -> None:
    start, end = values["start"], values["end"]
    if end is not None and end < start:
        problems.append(
            Problem(
                child_path(path, "end"),
                f"la fin ({day_text(end)}) est avant le début de la période ({day_text(start)})",
            )
        )


def _cpf_has_hours(values: dict[str, Any], path: str, problems: Problems) -> None:
    if values["source"] == "cpf" and values["hours"] is None:
        problems.append(
            Problem(child_path(path, "hours"), "obligatoire pour une ligne CPF (nombre d'heures)")
        )


# A competence of one of the title's activities; its number is not checked against the
# referential here, so that a dossier stays readable if a referential gains a competence.
COMPETENCE_PATTERN = r"^CIP-[1-4]\.[1-9][0-9]?$"
_COMPETENCE = re.compile(COMPETENCE_PATTERN)


def _competence_id(text: str) -> bool:
    return _COMPETENCE.match(text) is not None


def activity_number() -> Number:
    """A CIP activity's number (a CCP of the title), as the referential numbers them."""
    numbers = [a.number for a in cip_referential().activities]
    return Number(
        integer=True,
        minimum=min(numbers),
        maximum=max(numbers),
        range_text=f"un numéro d'activité de {min(numbers)} à {max(numbers)}",
    )


def pole_number() -> Number:
    """A CISP competence pole's number, as the referential numbers them (1 to 4)."""
    poles = cisp_referential().pole_numbers()
    return Number(
        integer=True,
        minimum=min(poles),
        maximum=max(poles),
        range_text=f"un numéro de pôle de {min(poles)} à {max(poles)}",
    )


def _reference(text: str) -> bool:
    return text == text.strip() and "\n" not in text and "\r" not in text and "\t" not in text


def _digits(count: int):
    return lambda text: len(text) == count and text.isascii() and text.isdigit()


STRUCTURE = Obj(
    title="Structure",
    description="La structure adhérente (SIAE) qui emploie le candidat.",
    build=Structure,
    keys={
        "name": Key(_text("Raison sociale")),
        "siret": Key(
            Text(
                limit=REFERENCE,
                pattern=r"^[0-9]{14}$",
                pattern_check=_digits(14),
                pattern_hint="doit compter exactement 14 chiffres, sans espace",
                description="SIRET, 14 chiffres",
            )
        ),
        "kind": Key(Choice(STRUCTURE_KINDS, description="AI, ACI, EI, ETTI ou other")),
        "region": Key(_text("Région (texte libre, groupes comptés par région exacte)")),
        "address": _optional_text(limit=ADDRESS),
        "director": _optional_text(),
        "email": _optional_text(limit=EMAIL),
        "phone": _optional_text(limit=REFERENCE),
    },
)

CANDIDATE = Obj(
    title="Candidat",
    description="Le salarié de la structure qui vise un titre.",
    build=Candidate,
    keys={
        "ref": Key(
            Text(
                limit=REFERENCE,
                required_content=True,
                pattern=r"^\S(.*\S)?$",
                pattern_check=_reference,
                pattern_hint="doit tenir sur une ligne, sans espace au début ni à la fin",
                description="Référence du candidat dans la structure",
            )
        ),
        "last_name": Key(_text()),
        "first_name": Key(_text()),
        "birth_date": _optional_date(),
        "email": _optional_text(limit=EMAIL),
        "phone": _optional_text(limit=REFERENCE),
        "job_title": _optional_text("Intitulé du poste actuel"),
        "hired_on": _optional_date("Date d'embauche"),
        "contract": _optional_text("Contrat (CDI, CDD…)"),
    },
)

EMPLOYER_AGREEMENT = Obj(
    title="Accord de l'employeur",
    build=EmployerAgreement,
    keys={"given_on": Key(Date()), "signatory": Key(_text())},
)

EXPERIENCE = Obj(
    title="Période d'expérience",
    build=ExperiencePeriod,
    checks=(_end_not_before_start,),
    keys={
        "employer": _optional_text(),
        "job_title": _optional_text(),
        "accompaniment_function": Key(
            Boolean(description="La période compte-t-elle pour CIP-EXP ?")
        ),
        "start": Key(Date()),
        "end": _optional_date("null : toujours dans ce poste"),
        "fte": Key(
            Number(
                exclusive_minimum=0,
                maximum=1,
                range_text="supérieur à 0 et au plus 1 (1 = temps plein)",
                description="Quotité de temps de travail, 0 < fte <= 1",
            ),
            required=False,
            default=1.0,
        ),
    },
)

COURSE = Obj(
    title="Formation suivie",
    build=CourseTaken,
    keys={
        "code": Key(_text("Code du catalogue COORACE Formation", REFERENCE)),
        "title": _optional_text(),
        "ended_on": Key(Date()),
        "attestation": _optional_text("Référence de l'attestation", REFERENCE),
        "added_by_hand": Key(
            Boolean(description="Saisie à la main (absente du catalogue)"),
            required=False,
            default=False,
        ),
    },
)

FINANCING_LINE = Obj(
    title="Ligne de financement",
    build=FinancingLine,
    checks=(_cpf_has_hours,),
    schema_extra={
        "if": {"properties": {"source": {"const": "cpf"}}, "required": ["source"]},
        "then": {"properties": {"hours": {"type": "number"}}, "required": ["hours"]},
    },
    keys={
        "source": Key(Choice(FINANCING_SOURCES)),
        "amount_eur": Key(_amount("Montant en euros")),
        "hours": Key(
            Nullable(Number(minimum=0, range_text="positif ou nul")),
            required=False,
        ),
    },
)

GAP = Obj(
    title="Décalage emploi-repère / emploi-métier",
    build=GapAssessment,
    keys={
        "competence": Key(
            Text(
                limit=REFERENCE,
                pattern=COMPETENCE_PATTERN,
                pattern_check=_competence_id,
                pattern_hint=(
                    f"doit être un identifiant CIP-<activité>.<compétence>, activité de 1 à "
                    f"{len(cip_referential().activities)} (par exemple CIP-1.2)"
                ),
                description="Compétence du titre CIP (référentiel : resources/referentials)",
            )
        ),
        "status": Key(Choice(GAP_STATUSES)),
        "note": Key(Nullable(Text(limit=NOTE)), required=False, default=""),
    },
)


def _ends_not_before_start(values: dict[str, Any], path: str, problems: Problems) -> None:
    start, end = values["starts_on"], values["ends_on"]
    if start is not None and end is not None and end < start:
        problems.append(
            Problem(
                child_path(path, "ends_on"),
                f"la fin ({day_text(end)}) est avant le début ({day_text(start)})",
            )
        )


UPGRADING_COURSE = Obj(
    title="Formation complémentaire (mise à niveau)",
    build=UpgradingCourse,
    checks=(_ends_not_before_start,),
    keys={
        "title": Key(_text("Intitulé")),
        "starts_on": _optional_date("Début"),
        "ends_on": _optional_date("Fin"),
    },
)

PLANNED_COURSE = Obj(
    title="Formation prévue au parcours individuel",
    build=PlannedCourse,
    keys={
        "code": Key(_text("Code du catalogue", REFERENCE)),
        "planned_on": _optional_date("Date prévue"),
    },
)


def _optional_list(item: Node, limit: str, noun: str, description: str = "") -> Key:
    return Key(
        ListOf(item, limit=limit, noun=noun, description=description),
        required=False,
        default=(),
    )


CLOSURE = Obj(
    title="Candidature close (abandon)",
    build=Closure,
    keys={
        "on": Key(Date(description="Jour où la candidature est close")),
        "reason": Key(
            Choice(
                tuple(closure_reasons()),
                description="Motif : " + ", ".join(closure_reasons()),
            )
        ),
        "note": _optional_text("Précisions", NOTE),
        "resumed_on": _optional_date("Parcours repris le"),
    },
)
_CLOSURE = Key(Nullable(CLOSURE), required=False)

CIP = Obj(
    title="Parcours CIP (VAE collective)",
    build=CipPath,
    keys={
        "positioning_score_pct": Key(
            Nullable(Number(minimum=0, maximum=100, range_text="compris entre 0 et 100")),
            required=False,
        ),
        "admissibility_decision_on": _optional_date("Décision de recevabilité"),
        "vae_result_on": _optional_date("Résultat de la VAE"),
        "cost_eur": Key(Nullable(_amount("Coût global")), required=False),
        "financing": _optional_list(FINANCING_LINE, "financing_lines_max", "lignes de financement"),
        "gap_analysis": Key(
            ListOf(
                GAP,
                limit="gap_analysis_max",
                noun="compétences évaluées",
                checks=(unique("competence", "compétence"),),
            ),
            required=False,
            default=(),
        ),
        "collective_meeting_on": _optional_date("Réunion d'information collective (COORACE)"),
        "targeted_meeting_on": _optional_date("Réunion d'information ciblée (COORACE et AFPA)"),
        "positioning_on": _optional_date("Date du test de positionnement"),
        "upgrading_courses": _optional_list(
            UPGRADING_COURSE,
            "upgrading_courses_max",
            "formations complémentaires",
            "Mise à niveau après un test sous le seuil",
        ),
        "retest_on": _optional_date("Nouvelle date de test de positionnement"),
        "admissibility_filed_on": _optional_date("Demande de recevabilité déposée"),
        "accompaniment_sessions": _optional_list(
            Date(), "accompaniment_sessions_max", "séances", "Séances d'accompagnement VAE"
        ),
        "jury_on": _optional_date("Date du jury"),
        "vae_outcome": Key(
            Nullable(Choice(VAE_OUTCOMES, description="validated, partial ou not_validated")),
            required=False,
        ),
        "validated_activities": Key(
            ListOf(
                activity_number(),
                limit="validated_activities_max",
                noun="activités validées",
                checks=(distinct("activité"),),
                description="Validation partielle : les activités (CCP) du titre validées",
            ),
            required=False,
            default=(),
        ),
        "closure": _CLOSURE,
    },
)

COMMISSION = Obj(
    title="Commission paritaire COORACE-AROBASE",
    build=Commission,
    keys={
        "date": Key(Nullable(Date()), required=False),
        "decision": Key(Choice(COMMISSION_DECISIONS)),
    },
)

POLE_SESSION = Obj(
    title="Session de synthèse et de certification",
    build=PoleSession,
    keys={
        "pole": Key(pole_number()),
        "date": Key(Date()),
        "result": Key(Choice(SESSION_RESULTS)),
    },
)

CISP = Obj(
    title="Parcours CISP (capitalisation)",
    build=CispPath,
    keys={
        "registered_on": _optional_date("Dépôt du dossier d'inscription par l'employeur"),
        "commission": Key(Nullable(COMMISSION), required=False),
        "pole_sessions": _optional_list(POLE_SESSION, "pole_sessions_max", "sessions"),
        "filed_by_employer": Key(
            Nullable(Boolean(description="Dossier d'inscription déposé par l'employeur")),
            required=False,
        ),
        "contracted_on": _optional_date("Parcours individuel contractualisé"),
        "planned_courses": _optional_list(
            PLANNED_COURSE,
            "planned_courses_max",
            "formations prévues",
            "Formations restant à suivre",
        ),
        "closure": _CLOSURE,
    },
)


def _build_dossier(format: str, format_version: int, **parts: Any) -> Dossier:
    return Dossier(**parts)


DOSSIER = Obj(
    title="Dossier Passerelle",
    description="Format d'échange v1 : le dossier d'un candidat (EXCHANGE.md).",
    build=_build_dossier,
    keys={
        "format": Key(Choice((DOSSIER_FORMAT,))),
        "format_version": Key(Choice((SUPPORTED_VERSION,))),
        "structure": Key(STRUCTURE),
        "candidate": Key(CANDIDATE),
        "employer_agreement": Key(Nullable(EMPLOYER_AGREEMENT), required=False),
        "experiences": _optional_list(EXPERIENCE, "experiences_max", "périodes"),
        "courses": _optional_list(COURSE, "courses_max", "formations"),
        "cip": Key(Nullable(CIP), required=False),
        "cisp": Key(Nullable(CISP), required=False),
        "exported_at": Key(
            DateTime(
                description="Date et heure de l'export (ISO, avec le décalage horaire) : "
                "de plusieurs dossiers d'un même candidat, le plus récent fait foi"
            ),
            required=False,
        ),
    },
)
