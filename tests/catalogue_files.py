"""Catalogue files for the import tests, written as a counsellor would receive them, and a
CISP candidate whose list line depends on the catalogue."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from conftest import make_dossier

from app.exchange.catalogue import example_catalogue_file

CSV_HEADER = "code;title;pole;hours;capitalisable;required\n"

# six problems on five lines: every one must be told, with its line
BAD_CSV = (
    CSV_HEADER
    + "A-1;Bon;1;7;oui;oui\n"
    + "A-2;Pôle faux;5;7;oui;oui\n"
    + "A-3;Heures;2;-3;oui;peut-être\n"
    + "A-1;Doublon;1;7;oui;oui\n"
    + "A-4;Trop court;1\n"
    + ";Sans code;1;7;oui;oui\n"
)
BAD_CSV_PROBLEMS = [
    "ligne 3, pole : doit être un numéro de pôle de 1 à 4 (reçu : 5)",
    "ligne 4, required : « oui » ou « non » attendu (reçu : « peut-être »)",
    "ligne 4, hours : doit être positif ou nul (reçu : -3)",
    "ligne 5, code : code « A-1 » déjà présent ligne 2",
    "ligne 6 : 3 colonnes au lieu de 6 (séparateur « ; »)",
    "ligne 7, code : ne doit pas être vide",
]


def catalogue_2015() -> dict:
    """The example's courses under another name, CF-TER-02 no longer capitalisable."""
    data = json.loads(example_catalogue_file().read_text(encoding="utf-8"))
    data.update(name="Catalogue 2015", version="2015-01", published_on="2015-01-05", example=False)
    for course in data["courses"]:
        if course["code"] == "CF-TER-02":
            course["capitalisable"] = False
    return data


def write_json_catalogue(folder: Path, data: dict | None = None) -> Path:
    path = folder / "catalogue-2015.json"
    path.write_text(json.dumps(data or catalogue_2015(), ensure_ascii=False), encoding="utf-8")
    return path


def write_csv_catalogue(folder: Path) -> Path:
    path = folder / "catalogue-tableur.csv"
    path.write_text(
        CSV_HEADER
        + "CF-TER-01;Diagnostic de territoire;1;14;oui;oui\n"
        + "CF-ACC-01;Accueil et diagnostic partagé;2;10,5;oui;oui\n"
        + "CF-SST-01;Sauveteur secouriste du travail;3;14;non;non\n",
        encoding="utf-8",
    )
    return path


def write_bad_csv(folder: Path) -> Path:
    path = folder / "catalogue-faux.csv"
    path.write_text(BAD_CSV, encoding="utf-8")
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by relative path, with its bytes."""
    if not folder.exists():
        return {}
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def cisp_candidate(today: date | None = None) -> dict:
    """A CISP path under way (registered, accepted) with CF-TER-01 followed: with the
    example catalogue, pole 1 still needs CF-TER-02 (« 7 formations à suivre »); when
    CF-TER-02 is not capitalisable, pole 1 is complete (« Session du pôle 1 »)."""
    today = today or date.today()

    def ago(days: int) -> str:
        return (today - timedelta(days=days)).isoformat()

    document = make_dossier(
        cisp={
            "registered_on": ago(400),
            "commission": {"date": ago(300), "decision": "accepted"},
        }
    )
    document["candidate"].update(ref="c-cisp-catalogue", last_name="Catalogue")
    document["courses"] = [
        {
            "code": "CF-TER-01",
            "title": "Diagnostic de territoire et politiques de l'emploi",
            "ended_on": ago(200),
            "attestation": None,
        }
    ]
    return document
