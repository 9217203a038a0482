"""Invented names for demonstration data (screenshots, benchmarks): never real people."""

LAST_NAMES = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèvre",
    "Michel",
    "Garcia",
    "Benali",
    "Ngoma",
    "Nguyen",
    "Da Silva",
    "Diallo",
]
FIRST_NAMES = [
    "Éloïse",
    "Karim",
    "Sophie",
    "Hélène",
    "Noé",
    "Inès",
    "Jérôme",
    "Zoé",
    "Loïc",
    "Amélie",
    "Maël",
    "Anaïs",
    "François",
    "Chloé",
    "Théo",
    "Léa",
]

# job titles of the benchmarks' generated candidates
JOBS = [
    "Accompagnatrice socioprofessionnelle",
    "Conseiller en insertion",
    "Chargée d'accueil",
    "Encadrant technique d'insertion",
    "Chargée de relations entreprises",
]
