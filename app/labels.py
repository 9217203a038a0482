"""The French words a counsellor reads for the statuses and verdicts of the exchange format."""

from __future__ import annotations

from typing import Protocol

STATUS = {"met": "Respectée", "not_met": "Non respectée", "pending": "En attente"}

# Checks whose `not_met` informs rather than blocks: the exchange format keeps `not_met`,
# a person reads these words instead of « Non respectée », in a neutral colour.
# (Reviewed: CISP-RETRO only — a course too old is left out, the path goes on; every
# other `not_met` stops or must be corrected: experience, score, agreement, cost,
# financing, a VAE or a CISP path past its deadline.)
INFORMATIVE_NOT_MET = {"CISP-RETRO": "Pour information"}
EXCLUDED_WORDS = ("Formation exclue", "Formations exclues")  # CISP-RETRO's reason starts so
INFORMATIVE = "informative"  # the tone of such a check, beside met / not_met / pending
STATUS_MARK = {"met": "✔", "not_met": "✘", "pending": "…", INFORMATIVE: "ℹ"}


class _Checked(Protocol):
    rule: str
    status: str
    values: dict


def excluded_words(count: int) -> str:
    """« Formation exclue » or « Formations exclues » (CISP-RETRO)."""
    singular, plural = EXCLUDED_WORDS
    return singular if count < 2 else plural


def tone(check: _Checked) -> str:
    """met, not_met, pending — or `informative` for a `not_met` that blocks nothing."""
    if check.status == "not_met" and check.rule in INFORMATIVE_NOT_MET:
        return INFORMATIVE
    return check.status


def status_text(check: _Checked) -> str:
    """« Respectée », « Non respectée », « En attente », or the informative words."""
    if tone(check) == INFORMATIVE:
        return INFORMATIVE_NOT_MET[check.rule]
    return STATUS[check.status]


CIP_VERDICT = {
    "eligible": "Éligible",
    "not_eligible": "Non éligible",
    "incomplete": "Dossier incomplet",
}

CISP_VERDICT = {
    "not_started": "Non commencé",
    "in_progress": "En cours",
    "title_obtained": "Titre obtenu",
    "expired": "Délai dépassé",
}

RULE = {
    "CIP-EXP": "Expérience dans la fonction",
    "CIP-AGR": "Accord de l'employeur",
    "CIP-POS": "Test de positionnement",
    "CIP-COST": "Coût global",
    "CIP-FIN": "Plan de financement",
    "CIP-VAE": "Durée de la VAE",
    "CIP-GRP": "Groupe de candidats",
    "CIP-MOB": "Mobilisation du salarié",
    "CIP-OPCA": "Prise en charge par l'OPCA",
    "CISP-AGR": "Accord de l'employeur",
    "CISP-RETRO": "Rétroactivité des formations",
    "CISP-MAX": "Durée du parcours",
    "CISP-TITLE": "Validation de tous les pôles",
    "CISP-PUB": "Public",
    "CISP-CAP": "Formations capitalisables",
    "CISP-POLE": "Session par pôle",
    "CISP-FIN": "Financement",
}

FINANCING_SOURCE = {
    "opca": "OPCA",
    "cpf": "CPF",
    "professionalisation": "Professionnalisation",
    "training_plan": "Plan de formation",
    "own_funds": "Fonds propres",
}

SESSION_RESULT = {"validated": "validée", "not_validated": "non validée"}

VAE_OUTCOME = {
    "validated": "titre obtenu",
    "partial": "validation partielle (certains CCP)",
    "not_validated": "non validée",
}

COMMISSION_DECISION = {
    "": "Pas encore présenté à la commission",
    "pending": "Examiné, décision attendue",
    "accepted": "Acceptée",
    "rejected": "Refusée",
}

EXPERIENCE_COUNTING = {"calendar": "temps calendaire", "fte": "équivalent temps plein"}

GAP_STATUS = {"yes": "oui", "partial": "en partie", "no": "non"}
