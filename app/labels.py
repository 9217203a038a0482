"""The French words a counsellor reads for the statuses and verdicts of the exchange format."""

from __future__ import annotations

STATUS = {"met": "Respectée", "not_met": "Non respectée", "pending": "En attente"}

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
    "": "Pas encore examiné",
    "pending": "En attente",
    "accepted": "Acceptée",
    "rejected": "Refusée",
}

GAP_STATUS = {"yes": "oui", "partial": "en partie", "no": "non"}
