"""The data commands, run as a user would: real processes, real files, a data folder."""

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from catalogue_files import snapshot
from store_helpers import rows, sample_data

from app.resources import resource
from app.store.database import open_store

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = [
    str(resource("examples", f"{n}.json"))
    for n in ("cip-eligible", "cip-experience-insuffisante", "cisp-en-cours")
]


def passerelle(folder: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "passerelle", "--data-dir", str(folder), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=120,
        stdin=subprocess.DEVNULL,
        env=env,
    )


def write(tmp_path: Path, document: dict, name: str) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return str(path)


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "donnees"
    done = passerelle(folder, "import", *EXAMPLES)
    assert done.returncode == 0, done.stderr
    assert "3 créés" in done.stdout
    return folder


def count(folder: Path, table: str = "candidates") -> int:
    return rows(folder / "passerelle.sqlite3", f"SELECT count(*) FROM {table}")[0][0]


def test_import_then_export_gives_the_same_document(folder, tmp_path):
    out = tmp_path / "export.json"
    done = passerelle(folder, "export", "--candidate", "c-2014-031", "--json", str(out))
    assert done.returncode == 0, done.stderr
    written = json.loads(out.read_text(encoding="utf-8"))
    exported_at = datetime.fromisoformat(written.pop("exported_at"))
    assert exported_at.tzinfo is not None  # EXCHANGE.md: with its offset
    assert abs(datetime.now().astimezone() - exported_at).total_seconds() < 120
    assert written == sample_data("cisp-en-cours")
    assert (out.stat().st_mode & 0o777) == 0o600


def test_one_bad_file_never_stops_the_others_and_says_why(folder, tmp_path):
    good = sample_data("cip-eligible")
    good["candidate"]["ref"] = "c-nouveau"
    bad = sample_data("cisp-en-cours")
    bad["experiences"][0]["fte"] = 1.5
    bad["candidate"]["last_name"] = "Jamais-Écrit"
    done = passerelle(
        folder, "import", write(tmp_path, good, "bon.json"), write(tmp_path, bad, "mauvais.json")
    )
    assert done.returncode == 2  # a bad input was met: said, and the others imported
    assert "Refusé : mauvais.json — experiences[0].fte" in done.stderr
    assert "les autres ont été importés" in done.stderr
    assert "Traceback" not in done.stderr
    assert count(folder) == 4
    assert rows(
        folder / "passerelle.sqlite3", "SELECT ref FROM candidates WHERE ref = ?", "c-nouveau"
    ) == [("c-nouveau",)]
    assert rows(
        folder / "passerelle.sqlite3", "SELECT count(*) FROM candidates WHERE last_name = ?",
        "Jamais-Écrit",
    ) == [(0,)]  # fmt: skip


def test_a_single_invalid_file_changes_nothing_and_says_why(folder, tmp_path):
    bad = sample_data("cisp-en-cours")
    bad["experiences"][0]["fte"] = 1.5
    before = snapshot(folder)
    done = passerelle(folder, "import", write(tmp_path, bad, "mauvais.json"))
    assert done.returncode == 2
    assert "experiences[0].fte" in done.stderr and "Rien n'a été importé" in done.stderr
    assert snapshot(folder) == before  # not even a report in the data folder


def test_reimport_shows_changes_and_applies_them_only_when_asked(folder, tmp_path):
    changed = sample_data("cisp-en-cours")
    changed["candidate"]["last_name"] = "Lefèvre-Martin"
    changed["courses"].append(
        {"code": "CF-EMP-02", "title": None, "ended_on": "2015-06-18", "attestation": None}
    )
    path = write(tmp_path, changed, "modifie.json")
    dry = passerelle(folder, "import", path, "--dry-run")
    assert dry.returncode == 0
    assert "Identité, nom : « Lefèvre » → « Lefèvre-Martin »" in dry.stdout
    assert "Formations, ligne 6, code : vide → « CF-EMP-02 »" in dry.stdout
    assert "rien n'a été écrit" in dry.stdout
    refused = passerelle(folder, "import", path)  # no terminal to say yes
    assert refused.returncode == 1
    assert "relancez avec --yes" in refused.stdout
    names = rows(folder / "passerelle.sqlite3", "SELECT last_name FROM candidates")
    assert ("Lefèvre",) in names
    applied = passerelle(folder, "import", path, "--yes")
    assert "1 mis à jour" in applied.stdout
    names = rows(folder / "passerelle.sqlite3", "SELECT last_name FROM candidates")
    assert ("Lefèvre-Martin",) in names


def test_delete_asks_first_and_then_erases_everything(folder):
    refused = passerelle(folder, "delete", "--candidate", "c-2014-031")
    assert refused.returncode == 1 and "annulée" in refused.stderr
    assert count(folder) == 3
    done = passerelle(folder, "delete", "--candidate", "c-2014-031", "--yes")
    assert done.returncode == 0, done.stderr
    assert count(folder) == 2
    assert count(folder, "milestones") < 20
    missing = passerelle(folder, "export", "--candidate", "c-2014-031", "--json", "x.json")
    assert missing.returncode == 2 and "Aucun candidat" in missing.stderr


def test_right_of_access(folder, tmp_path):
    out = tmp_path / "acces.json"
    done = passerelle(folder, "access", "--candidate", "c-2014-017", "--json", str(out))
    assert done.returncode == 0, done.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["dossier"]["candidate"]["first_name"] == "Éloïse"
    assert report["audit"] and report["audit"][0]["action"] == "create"
    assert report["drafts"] == []


def test_right_of_access_includes_the_wizard_drafts(folder, tmp_path):
    """A value typed in a wizard but never saved (here the signatory of the employer's
    agreement) is held in the draft: the right of access shows it."""
    from datetime import datetime

    from app.store.candidates import find_candidate
    from app.store.drafts import save_draft

    typed = {
        "employer_agreement": {"given_on": "2024-03-01", "signatory": "Odile Brancourt, DRH"},
        "courses": [],
        "cisp": {"registered_on": "2024-03-04", "filed_by_employer": True},
    }
    store = open_store(folder, user="Claire Faucher")
    try:
        with store.transaction() as session:
            candidate_id = find_candidate(session, "c-2014-017").id
            save_draft(session, candidate_id, "cisp", 1, typed, datetime(2024, 3, 4, 10, 30))
    finally:
        store.close(automatic_backup=False)
    out = tmp_path / "acces.json"
    done = passerelle(folder, "access", "--candidate", "c-2014-017", "--json", str(out))
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    assert "Odile Brancourt, DRH" in text
    report = json.loads(text)
    assert "Odile Brancourt" not in json.dumps(report["dossier"], ensure_ascii=False)
    assert report["drafts"] == [
        {"path": "cisp", "page": 1, "saved_at": "2024-03-04T10:30:00", "document": typed}
    ]


def test_backup_and_restore(folder, tmp_path):
    copy = tmp_path / "copie.sqlite3"
    assert passerelle(folder, "backup", "--to", str(copy)).returncode == 0
    changed = sample_data("cip-eligible")
    changed["candidate"]["last_name"] = "Changé"
    assert passerelle(folder, "import", write(tmp_path, changed, "c.json"), "--yes").returncode == 0
    refused = passerelle(folder, "restore", str(copy))
    assert refused.returncode == 1
    assert "1 candidat modifié depuis la sauvegarde, dont les modifications seront défaites :" in (
        refused.stdout
    )
    assert "  - Éloïse Changé (réf. c-2014-017) : fiche modifiée le " in refused.stdout
    assert ("Changé",) in rows(folder / "passerelle.sqlite3", "SELECT last_name FROM candidates")
    done = passerelle(folder, "restore", str(copy), "--yes")
    assert done.returncode == 0, done.stderr
    assert "Éloïse Changé (réf. c-2014-017)" in done.stdout  # said before doing it
    assert "Les données d'avant sont gardées dans : " in done.stdout
    names = rows(folder / "passerelle.sqlite3", "SELECT last_name FROM candidates")
    assert ("Martinez",) in names and ("Changé",) not in names
    garbage = tmp_path / "faux.sqlite3"
    garbage.write_bytes(b"pas une base")
    bad = passerelle(folder, "restore", str(garbage), "--yes")
    assert bad.returncode == 2 and "ne peut pas être restauré" in bad.stderr


def test_the_issue_restore_names_who_it_undoes_and_how_to_go_back(folder, tmp_path):
    """backup, delete a candidate, import her again, restore: the plan names her (created
    since the backup, her erasure applied again), the copy of the data from before is
    named after, and the command printed to go back brings her back."""
    import shlex

    copy = tmp_path / "copie.sqlite3"
    assert passerelle(folder, "backup", "--to", str(copy)).returncode == 0
    assert passerelle(folder, "delete", "--candidate", "c-2014-017", "--yes").returncode == 0
    assert passerelle(folder, "import", EXAMPLES[0]).returncode == 0
    asked = passerelle(folder, "restore", str(copy))
    assert asked.returncode == 1 and count(folder) == 3
    lines = asked.stdout.splitlines()
    assert lines[0].startswith(f"Sauvegarde à restaurer : {copy} (dernière modification ")
    created = lines.index("1 candidat créé depuis la sauvegarde, qui disparaîtra :")
    assert lines[created + 1].startswith("  - Éloïse Martinez (réf. c-2014-017) : fiche créée le ")
    assert lines[created + 1].endswith("; la fiche de la sauvegarde reste effacée")
    assert lines[created + 2] == (
        "1 candidat effacé depuis la sauvegarde, qui reste effacé (effacement appliqué de "
        "nouveau) :"
    )
    assert lines[created + 3].startswith("  - Éloïse Martinez (réf. c-2014-017) : fiche effacée")
    assert lines[created + 3].endswith(", reste effacée")
    assert "2 candidats identiques dans la sauvegarde et les données actuelles." in lines
    backups = folder / "sauvegardes"
    assert lines[-1] == (
        f"Avant la restauration, les données actuelles seront copiées dans le dossier des "
        f"sauvegardes : {backups}"
    )
    assert "Restauration annulée : rien n'a été modifié" in asked.stderr
    done = passerelle(folder, "restore", str(copy), "--yes")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(asked.stdout)  # the same plan, said before doing it
    (safety,) = backups.glob("passerelle-avant-restauration-*.sqlite3")
    assert done.stdout.endswith(
        f"Sauvegarde restaurée : les données sont maintenant celles de {copy}.\n"
        f"Les données d'avant sont gardées dans : {safety}\n"
        f"Pour revenir aux données d'avant : passerelle --data-dir {folder} restore {safety}\n"
    )
    assert count(folder) == 2  # she is gone, as said
    going_back = shlex.split(done.stdout.splitlines()[-1].split(" : ", 1)[1])
    assert going_back[:3] == ["passerelle", "--data-dir", str(folder)]
    back = passerelle(folder, *going_back[3:], "--yes")
    assert back.returncode == 0, back.stderr
    assert "1 candidat absent des données actuelles, qui reviendra :" in back.stdout
    assert count(folder) == 3
    assert ("c-2014-017",) in rows(folder / "passerelle.sqlite3", "SELECT ref FROM candidates")


def test_a_restore_with_nothing_to_undo_says_so(folder, tmp_path):
    copy = tmp_path / "copie.sqlite3"
    assert passerelle(folder, "backup", "--to", str(copy)).returncode == 0
    done = passerelle(folder, "restore", str(copy), "--yes")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1] == (
        "Rien ne sera défait : 3 candidats de la sauvegarde sont identiques aux données actuelles."
    )


def test_an_erased_candidate_stays_erased_after_a_restore(folder, tmp_path):
    copy = tmp_path / "copie.sqlite3"
    assert passerelle(folder, "backup", "--to", str(copy)).returncode == 0
    assert passerelle(folder, "delete", "--candidate", "c-2014-017", "--yes").returncode == 0
    assert passerelle(folder, "restore", str(copy), "--yes").returncode == 0
    assert count(folder) == 2


def test_settings(folder):
    assert passerelle(folder, "settings", "local_user", "Claire Faucher").returncode == 0
    assert passerelle(folder, "settings", "local_user").stdout.strip() == "Claire Faucher"
    assert passerelle(folder, "settings", "backups_kept", "zéro").returncode == 2
    assert passerelle(folder, "settings", "couleur", "bleu").returncode == 2
    listing = passerelle(folder, "settings").stdout
    assert "Nom de l'utilisateur local (local_user) = Claire Faucher" in listing
    assert "Nombre de sauvegardes automatiques gardées (backups_kept) = (non réglé)" in listing
    assert passerelle(folder, "settings", "backups_kept", "5").returncode == 0
    assert passerelle(folder, "settings", "backups_kept").stdout.strip() == "5"
    refused = passerelle(folder, "settings", "backups_kept", "zéro")
    assert refused.stderr.startswith(
        "Nombre de sauvegardes automatiques gardées (backups_kept) : un nombre entier positif"
    )
    unknown = passerelle(folder, "settings", "couleur").stderr
    assert "Nom de l'utilisateur local (local_user)" in unknown


def test_a_second_instance_gets_a_french_message(folder):
    store = open_store(folder)
    try:
        done = passerelle(folder, "backup")
    finally:
        store.close(automatic_backup=False)
    assert done.returncode == 3
    assert "déjà ouverte" in done.stderr


def test_a_damaged_file_is_reported_with_the_backup_to_restore(folder):
    passerelle(folder, "backup")
    database = folder / "passerelle.sqlite3"
    database.write_bytes(b"SQLite format 3\x00" + os.urandom(database.stat().st_size - 16))
    done = passerelle(folder, "backup")
    assert done.returncode == 3
    assert "endommagé" in done.stderr and f"passerelle --data-dir {folder} restore" in done.stderr


def test_data_dir_from_the_environment(tmp_path):
    env = {**os.environ, "PASSERELLE_DATA_DIR": str(tmp_path / "env")}
    done = subprocess.run(
        [sys.executable, "-m", "passerelle", "import", EXAMPLES[0]],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "env" / "passerelle.sqlite3").exists()


def test_dry_run_predicts_the_real_run(tmp_path):
    folder = tmp_path / "vide"
    first = sample_data("cip-eligible")
    first["exported_at"] = "2015-01-15T10:42:00+01:00"
    changed = sample_data("cip-eligible")
    changed["candidate"]["job_title"] = "Conseillère"
    changed["exported_at"] = "2015-01-16T09:00:00+01:00"
    older, newer = write(tmp_path, first, "premier.json"), write(tmp_path, changed, "second.json")
    dry = passerelle(folder, "import", older, newer, "--dry-run")
    assert dry.stdout.count("Créé : ") == 1 and "[second.json]" in dry.stdout
    assert "Plus ancien, ignoré : Éloïse Martinez" in dry.stdout
    done = passerelle(folder, "import", older, newer, "--yes")
    assert done.returncode == 0, done.stderr
    assert count(folder) == 1
    assert rows(folder / "passerelle.sqlite3", "SELECT job_title FROM candidates") == [
        ("Conseillère",)
    ]


def test_two_undated_versions_of_one_candidate_are_both_refused(tmp_path):
    folder = tmp_path / "vide"
    changed = sample_data("cip-eligible")
    changed["candidate"]["job_title"] = "Conseillère"
    second = write(tmp_path, changed, "second.json")
    done = passerelle(folder, "import", EXAMPLES[0], second, "--yes")
    assert done.returncode == 2
    assert "on ne sait pas lequel fait foi" in done.stderr
    assert "cip-eligible.json" in done.stderr and "second.json" in done.stderr


def test_a_new_candidate_does_not_silently_rename_a_shared_structure(folder, tmp_path):
    other = sample_data("cip-eligible")
    other["candidate"]["ref"] = "c-nouveau"
    other["structure"]["name"] = "Autre nom"
    path = write(tmp_path, other, "autre.json")
    refused = passerelle(folder, "import", path)
    assert refused.returncode == 1
    assert "Structure, nom" in refused.stdout and "Autre nom" in refused.stdout
    assert rows(
        folder / "passerelle.sqlite3", "SELECT count(*) FROM structures WHERE name = ?", "Autre nom"
    ) == [(0,)]
    assert passerelle(folder, "import", path, "--yes").returncode == 0
    assert count(folder) == 4


def test_an_invalid_import_does_not_even_create_the_data_folder(tmp_path):
    bad = sample_data("cip-eligible")
    bad["candidate"]["ref"] = " c-1 "
    done = passerelle(tmp_path / "jamais", "import", write(tmp_path, bad, "bad.json"))
    assert done.returncode == 2 and "candidate.ref" in done.stderr
    assert not (tmp_path / "jamais").exists()


def test_export_never_overwrites_a_file(folder, tmp_path):
    out = tmp_path / "deja.json"
    out.write_text("à garder", encoding="utf-8")
    done = passerelle(folder, "export", "--candidate", "c-2014-017", "--json", str(out))
    assert done.returncode == 2 and "existe déjà" in done.stderr
    assert out.read_text(encoding="utf-8") == "à garder"


def test_unusable_data_folders_get_a_french_message(tmp_path):
    a_file = tmp_path / "un-fichier"
    a_file.write_text("x", encoding="utf-8")
    for folder in (a_file, a_file / "dessous"):
        done = passerelle(folder, "settings")
        assert done.returncode == 3, done.stderr
        assert "n'est pas utilisable" in done.stderr and "Traceback" not in done.stderr


def test_a_database_locked_by_another_program_is_busy_not_damaged(folder):
    import sqlite3

    holder = sqlite3.connect(folder / "passerelle.sqlite3", isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        done = passerelle(folder, "settings")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert done.returncode == 3
    assert "occupé" in done.stderr and "endommagé" not in done.stderr
    assert not list(folder.glob("*.endommage-*"))
    assert count(folder) == 3


def test_a_failing_automatic_backup_does_not_turn_success_into_failure(tmp_path):
    folder = tmp_path / "donnees"
    folder.mkdir()
    (folder / "sauvegardes").write_text("pas un dossier", encoding="utf-8")
    done = passerelle(folder, "import", EXAMPLES[0])
    assert done.returncode == 0
    assert "sauvegarde automatique n'a pas pu être faite" in done.stderr
    assert "Traceback" not in done.stderr
    assert count(folder) == 1


def test_settings_refuse_odd_digits(folder):
    assert passerelle(folder, "settings", "backups_kept", "²").returncode == 2


def test_an_interruption_is_told_in_french(monkeypatch, capsys, tmp_path):
    from app import cli
    from app.cli import data_folder as cli_store

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_store, "run_store_command", interrupted)
    assert cli.main(["--data-dir", str(tmp_path), "backup"]) == 1
    assert "Interrompu" in capsys.readouterr().err


def test_access_never_overwrites_a_file(folder, tmp_path):
    out = tmp_path / "acces.json"
    out.write_text("à garder", encoding="utf-8")
    done = passerelle(folder, "access", "--candidate", "c-2014-017", "--json", str(out))
    assert done.returncode == 2 and "existe déjà" in done.stderr
    assert out.read_text(encoding="utf-8") == "à garder"


def test_a_write_lock_taken_after_opening_is_busy_and_shows_no_personal_data(folder, tmp_path):
    import sqlite3

    changed = sample_data("cip-eligible")
    changed["candidate"]["ref"] = "c-secret"
    changed["candidate"]["last_name"] = "Confidentiel"
    holder = sqlite3.connect(folder / "passerelle.sqlite3", isolation_level=None, timeout=1)
    holder.execute("BEGIN IMMEDIATE")
    try:
        done = passerelle(folder, "import", write(tmp_path, changed, "secret.json"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert done.returncode == 3, done.stderr
    assert "occupé" in done.stderr
    assert "Traceback" not in done.stderr and "Confidentiel" not in done.stderr
    assert count(folder) == 3


def test_a_dry_run_on_no_data_writes_nothing(tmp_path):
    folder = tmp_path / "rien"
    done = passerelle(folder, "import", *EXAMPLES, "--dry-run")
    assert done.returncode == 0 and done.stdout.count("Créé : ") == 3
    assert not (folder / "passerelle.sqlite3").exists()
