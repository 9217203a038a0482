"""`passerelle catalogue import | show | restore`, run as a user would: real processes,
real files, a data folder; and the commands that evaluate using the catalogue in use."""

import json

from catalogue_files import (
    BAD_CSV_PROBLEMS,
    cisp_candidate,
    snapshot,
    write_bad_csv,
    write_csv_catalogue,
    write_json_catalogue,
)
from store_helpers import rows
from test_cli_store import passerelle

from app.resources import resource
from app.store.paths import CATALOGUE_NAME

SAMPLE = str(resource("examples", "cisp-en-cours.json"))


def test_import_a_json_catalogue_then_show_it(tmp_path):
    folder = tmp_path / "donnees"
    done = passerelle(folder, "catalogue", "import", str(write_json_catalogue(tmp_path)))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == (
        "Catalogue « Catalogue 2015 » version 2015-01 du 05/01/2015 installé (11 formations)."
    )
    assert "passerelle catalogue restore" in done.stdout
    assert done.stderr == ""
    shown = passerelle(folder, "catalogue", "show")
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[:5] == [
        "Catalogue en usage : Catalogue 2015",
        "Version : 2015-01",
        "Date de publication : 05/01/2015",
        "Exemple : non",
        "Formations : 11, dont 8 capitalisable(s)",
    ]
    assert lines[5] == f"Fichier : {folder / CATALOGUE_NAME}"


def test_show_says_when_the_example_is_in_use(tmp_path):
    folder = tmp_path / "donnees"
    shown = passerelle(folder, "catalogue", "show")
    assert shown.returncode == 0, shown.stderr
    assert "Exemple : oui — catalogue inventé" in shown.stdout
    assert "le catalogue d'exemple livré avec Passerelle" in shown.stdout
    assert not folder.exists()  # showing writes nothing, not even the folder


def test_import_a_csv_catalogue(tmp_path):
    folder = tmp_path / "donnees"
    done = passerelle(folder, "catalogue", "import", str(write_csv_catalogue(tmp_path)))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(
        "Catalogue « catalogue-tableur » version non précisée installé (3 formations)."
    )


def test_a_csv_with_errors_is_refused_line_by_line_and_nothing_is_written(tmp_path):
    folder = tmp_path / "donnees"
    assert passerelle(folder, "import", SAMPLE).returncode == 0
    assert (
        passerelle(folder, "catalogue", "import", str(write_json_catalogue(tmp_path))).returncode
        == 0
    )
    before = snapshot(folder)
    bad = write_bad_csv(tmp_path)
    done = passerelle(folder, "catalogue", "import", str(bad))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"Fichier refusé ({bad}) : 6 problèmes.",
        *(f"  {problem}" for problem in BAD_CSV_PROBLEMS),
        "Rien n'a été installé : le catalogue en usage n'a pas changé.",
    ]
    assert done.stdout == "" and "Traceback" not in done.stderr
    assert snapshot(folder) == before


def test_a_missing_file_or_no_action_is_refused(tmp_path):
    folder = tmp_path / "donnees"
    done = passerelle(folder, "catalogue", "import", str(tmp_path / "absent.csv"))
    assert done.returncode == 2 and "fichier introuvable" in done.stderr
    done = passerelle(folder, "catalogue")
    assert done.returncode == 2 and "arguments obligatoires" in done.stderr
    assert not folder.exists()


def test_restore_the_previous_catalogue(tmp_path):
    folder = tmp_path / "donnees"
    passerelle(folder, "catalogue", "import", str(write_json_catalogue(tmp_path)))
    done = passerelle(folder, "catalogue", "restore")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Catalogue précédent remis en usage : « Catalogue d'exemple")
    assert "EXEMPLE" in done.stdout
    assert (
        "Catalogue en usage : Catalogue d'exemple" in passerelle(folder, "catalogue", "show").stdout
    )
    again = passerelle(folder, "catalogue", "restore")
    assert "« Catalogue 2015 »" in again.stdout


def test_restore_with_no_previous_catalogue(tmp_path):
    done = passerelle(tmp_path / "donnees", "catalogue", "restore")
    assert done.returncode == 2
    assert done.stderr.startswith("Aucun catalogue précédent n'est gardé")


def test_a_damaged_catalogue_is_told_and_the_example_used(tmp_path):
    folder = tmp_path / "donnees"
    passerelle(folder, "catalogue", "import", str(write_json_catalogue(tmp_path)))
    (folder / CATALOGUE_NAME).write_text("{", encoding="utf-8")
    shown = passerelle(folder, "catalogue", "show")
    assert shown.returncode == 0
    assert f"Le catalogue des formations installé ({folder / CATALOGUE_NAME})" in shown.stderr
    assert "Catalogue en usage : Catalogue d'exemple" in shown.stdout
    evaluated = passerelle(folder, "evaluate", SAMPLE, "--on", "2015-01-15")
    assert evaluated.returncode == 0
    assert json.loads(evaluated.stdout)["catalogue"]["example"] is True
    assert "ne peut pas être lu" in evaluated.stderr and "Traceback" not in evaluated.stderr


def test_evaluate_uses_the_catalogue_in_use_unless_one_is_given(tmp_path):
    folder = tmp_path / "donnees"
    passerelle(folder, "catalogue", "import", str(write_json_catalogue(tmp_path)))
    done = passerelle(folder, "evaluate", SAMPLE, "--on", "2015-01-15")
    assert json.loads(done.stdout)["catalogue"]["name"] == "Catalogue 2015"
    given = str(write_csv_catalogue(tmp_path))
    done = passerelle(folder, "evaluate", SAMPLE, "--on", "2015-01-15", "--catalogue", given)
    assert json.loads(done.stdout)["catalogue"]["name"] == "catalogue-tableur"


def test_the_list_is_re_evaluated_after_an_import(tmp_path):
    folder = tmp_path / "donnees"
    dossier = tmp_path / "candidat.json"
    dossier.write_text(json.dumps(cisp_candidate(), ensure_ascii=False), encoding="utf-8")
    assert passerelle(folder, "import", str(dossier)).returncode == 0
    query = "SELECT next_step FROM candidates WHERE ref = 'c-cisp-catalogue'"
    assert rows(folder / "passerelle.sqlite3", query) == [("7 formations à suivre",)]
    done = passerelle(folder, "catalogue", "import", str(write_json_catalogue(tmp_path)))
    assert "recalculée avec ce catalogue : 1 candidat(s)" in done.stdout
    assert rows(folder / "passerelle.sqlite3", query) == [("Session du pôle 1",)]


def test_import_waits_for_the_data_folder_lock(tmp_path):
    from app.store.database import open_store

    folder = tmp_path / "donnees"
    store = open_store(folder, user="Claire Faucher")
    try:
        done = passerelle(folder, "catalogue", "import", str(write_json_catalogue(tmp_path)))
    finally:
        store.close(automatic_backup=False)
    assert done.returncode == 3
    assert "déjà ouverte sur ces données" in done.stderr
    assert not (folder / CATALOGUE_NAME).exists()
