"""SIRET numbers: 14 digits whose Luhn key is right (La Poste's establishments, SIREN
356 000 000, follow their own rule: the sum of the digits is a multiple of 5)."""

from __future__ import annotations

LA_POSTE_SIREN = "356000000"


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, character in enumerate(reversed(digits)):
        value = int(character)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def siret_problem(text: str) -> str | None:
    """None for a valid SIRET, else why not, in French, for the person typing it."""
    compact = normalized_siret(text)
    if not compact:
        return "Le SIRET est obligatoire (14 chiffres, sur l'avis de situation INSEE)."
    if not (compact.isascii() and compact.isdigit()):
        return "Le SIRET ne contient que des chiffres."
    if len(compact) != 14:
        return f"Le SIRET compte 14 chiffres ; {len(compact)} ont été saisis."
    if compact.startswith(LA_POSTE_SIREN):
        if sum(int(c) for c in compact) % 5 == 0:
            return None
    elif luhn_valid(compact):
        return None
    return "Ce SIRET n'est pas valide (clé de contrôle fausse) : vérifiez chaque chiffre."


def grouped_siret(siret: str) -> str:
    """« 43817206500015 » → « 438 172 065 00015 » (SIREN by threes, then the NIC), as it is
    printed on INSEE's notices; any other text is given back as it is."""
    compact = normalized_siret(siret)
    if len(compact) != 14 or not (compact.isascii() and compact.isdigit()):
        return siret
    return f"{compact[0:3]} {compact[3:6]} {compact[6:9]} {compact[9:]}"


def normalized_siret(text: str) -> str:
    """« 438 172 065 00015 » → « 43817206500015 » (any space removed)."""
    return "".join(text.split())
