"""What a counsellor types, read the French way: dates as dd/mm/yyyy, numbers with a
decimal comma; and where a problem is, named in words rather than as a JSON path."""

from __future__ import annotations

import re

from app import labels
from app.dates import DateFormatError, parse_iso_date

# ASCII digits only: `\d` would also take « ١٢ » or « １２ », which `int` reads but a
# date check by comparison of texts would not
_FRENCH_DATE = re.compile(r"^\s*([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})\s*$")
_FRENCH_NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")


class TypedValueError(ValueError):
    """A typed value that cannot be read; the message is French."""


def iso_from_french(text: str) -> str | None:
    """« 15/09/2014 » → « 2014-09-15 »; empty → None."""
    if not text.strip():
        return None
    match = _FRENCH_DATE.match(text)
    if match is None:
        raise TypedValueError(f"« {text.strip()} » : une date s'écrit JJ/MM/AAAA")
    day, month, year = match.groups()
    iso = f"{year}-{int(month):02d}-{int(day):02d}"
    try:
        parse_iso_date(iso)
    except DateFormatError as error:
        reason = str(error)
        if reason.startswith("date impossible"):
            raise TypedValueError(f"« {text.strip()} » n'existe pas dans le calendrier") from None
        # an implausible year: the same words as the exchange format, with the date as typed
        raise TypedValueError(reason.replace(iso, text.strip())) from None
    return iso


def number_from_french(text: str) -> int | float | None:
    """« 1 380,50 » → 1380.5; empty → None."""
    cleaned = "".join(text.split()).replace("€", "").replace("%", "").replace(",", ".")
    if not cleaned:
        return None
    # digits, one decimal comma: no « 1_000 », « 1e-320 », « inf », nor other scripts' digits
    if _FRENCH_NUMBER.match(cleaned) is None:
        raise TypedValueError(f"« {text.strip()} » n'est pas un nombre")
    whole, _, decimals = cleaned.lstrip("-").partition(".")
    if len(whole) > 12:
        raise TypedValueError(f"« {text.strip()} » : nombre trop grand")
    if len(decimals) > 6:
        raise TypedValueError(
            f"« {text.strip()} » : au plus 6 chiffres après la virgule (il serait arrondi)"
        )
    value = float(cleaned)
    return int(value) if value.is_integer() else value


SECTIONS = {
    "structure": "Structure",
    "candidate": "Identité",
    "employer_agreement": "Accord de l'employeur",
    "experiences": "Expériences",
    "courses": "Formations",
    "cip": "CIP",
    "cisp": "CISP",
}
FIELDS = {
    "last_name": "nom",
    "first_name": "prénom",
    "ref": "référence",
    "birth_date": "naissance",
    "job_title": "poste",
    "hired_on": "embauche",
    "given_on": "date",
    "signatory": "signataire",
    "start": "début",
    "end": "fin",
    "fte": "quotité",
    "employer": "employeur",
    "accompaniment_function": "fonction d'accompagnement",
    "code": "code",
    "ended_on": "fin de la formation",
    "attestation": "attestation",
    "positioning_score_pct": "score du test",
    "admissibility_decision_on": "recevabilité",
    "vae_result_on": "résultat",
    "cost_eur": "coût",
    "financing": "financement",
    "amount_eur": "montant",
    "hours": "heures",
    "source": "source",
    "registered_on": "inscription",
    "commission": "commission",
    "decision": "décision",
    "pole_sessions": "sessions",
    "pole": "pôle",
    "result": "résultat",
    "date": "date",
    "gap_analysis": "décalages",
    "competence": "compétence",
    "status": "réponse",
    "email": "courriel",
    "phone": "téléphone",
    "contract": "contrat",
    "name": "nom",
    "siret": "SIRET",
    "kind": "type",
    "region": "région",
    "address": "adresse",
    "director": "direction",
    "note": "note",
    "added_by_hand": "saisie à la main",
    "title": "intitulé",
    "collective_meeting_on": "réunion collective",
    "targeted_meeting_on": "réunion ciblée",
    "positioning_on": "date du test",
    "upgrading_courses": "mise à niveau",
    "starts_on": "début",
    "ends_on": "fin",
    "retest_on": "nouveau test",
    "admissibility_filed_on": "demande de recevabilité",
    "accompaniment_sessions": "séances d'accompagnement",
    "jury_on": "jury",
    "closure": "candidature close",
    "on": "le",
    "reason": "motif",
    "resumed_on": "reprise le",
    "vae_outcome": "résultat de la VAE",
    "filed_by_employer": "déposé par l'employeur",
    "contracted_on": "parcours contractualisé",
    "planned_courses": "formations prévues",
    "planned_on": "date prévue",
}


def where(path: str) -> str:
    """« experiences[0].end » → « Expériences, ligne 1, fin »."""
    parts = []
    for piece in path.split("."):
        name, _, rest = piece.partition("[")
        label = SECTIONS.get(name) if not parts else FIELDS.get(name, name)
        parts.append(label or name)
        if rest:
            parts.append(f"ligne {int(rest.rstrip(']')) + 1}")
    return ", ".join(parts)


# the French words of each coded field, for messages about a word typed in a table
_WORDS_OF = {
    "source": labels.FINANCING_SOURCE,
    "result": labels.SESSION_RESULT,
    "decision": {k: v for k, v in labels.COMMISSION_DECISION.items() if k},
    "status": labels.GAP_STATUS,
    "vae_outcome": labels.VAE_OUTCOME,
}


def in_words(path: str, message: str) -> str:
    """A refusal of the exchange format told as a counsellor typed it: the words of a
    coded value rather than its codes; « à remplir » for an empty cell rather than
    « (reçu : null) »."""
    words = _WORDS_OF.get(path.rsplit(".", 1)[-1])
    if words is not None and "valeurs possibles" in message:
        typed = message.partition("(")[2].rpartition(")")[0]
        choices = ", ".join(words.values())
        if typed in ("null", ""):
            return f"à remplir ; possibles : {choices}"
        return f"{typed} n'est pas reconnu ; possibles : {choices}"
    if message.endswith("(reçu : null)"):
        return "à remplir (la case est vide)"
    return message


def told(path: str, message: str) -> str:
    """« Expériences, ligne 2, début : à remplir (la case est vide) »."""
    return f"{where(path)} : {in_words(path, message)}"
