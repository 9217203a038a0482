"""A set-up structure for window tests."""

from app.domain import Structure

OWN_STRUCTURE = Structure(
    name="Association Le Relais de l'Indre (fictive)",
    siret="43817206500015",
    kind="AI",
    region="Centre-Val de Loire",
)
