"""The data commands, run as a user would: real processes, real files, a data folder."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
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
        [sys.executable, "-m", "app", "--data-dir", str(folder), *args],
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
    assert "3 créé(s)" in done.stdout
    return folder


def count(folder: Path, table: str = "candidates") -> int:
    return rows(folder / "passerelle.sqlite3", f"SELECT count(*) FROM {table}")[0][0]


def test_import_then_export_gives_the_same_document(folder, tmp_path):
    out = tmp_path / "export.json"
    done = passerelle(folder, "export", "--candidate", "c-2014-031", "--json", str(out))
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text(encoding="utf-8")) == sample_data("cisp-en-cours")
    assert (out.stat().st_mode & 0o777) == 0o600


def test_an_invalid_file_changes_nothing_and_says_why(folder, tmp_path):
    good = sample_data("cip-eligible")
    good["candidate"]["ref"] = "c-nouveau"
    bad = sample_data("cisp-en-cours")
    bad["experiences"][0]["fte"] = 1.5
    before = (folder / "passerelle.sqlite3").read_bytes()
    done = passerelle(
        folder, "import", write(tmp_path, good, "bon.json"), write(tmp_path, bad, "mauvais.json")
    )
    assert done.returncode == 2
    assert "experiences[0].fte" in done.stderr and "Rien n'a été importé" in done.stderr
    assert "Traceback" not in done.stderr
    assert count(folder) == 3
    assert (
        rows(folder / "passerelle.sqlite3", "SELECT ref FROM candidates WHERE ref = ?", "c-nouveau")
        == []
    )
    assert len(before) > 0


def test_reimport_shows_changes_and_applies_them_only_when_asked(folder, tmp_path):
    changed = sample_data("cisp-en-cours")
    changed["candidate"]["last_name"] = "Lefèvre-Martin"
    changed["courses"].append(
        {"code": "CF-EMP-02", "title": None, "ended_on": "2015-06-18", "attestation": None}
    )
    path = write(tmp_path, changed, "modifie.json")
    dry = passerelle(folder, "import", path, "--dry-run")
    assert dry.returncode == 0
    assert "candidate.last_name : « Lefèvre » → « Lefèvre-Martin »" in dry.stdout
    assert "courses[5].code : vide → « CF-EMP-02 »" in dry.stdout
    assert "rien n'a été écrit" in dry.stdout
    refused = passerelle(folder, "import", path)  # no terminal to say yes
    assert "relancez avec --yes" in refused.stdout
    names = rows(folder / "passerelle.sqlite3", "SELECT last_name FROM candidates")
    assert ("Lefèvre",) in names
    applied = passerelle(folder, "import", path, "--yes")
    assert "1 modifié(s)" in applied.stdout
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


def test_backup_and_restore(folder, tmp_path):
    copy = tmp_path / "copie.sqlite3"
    assert passerelle(folder, "backup", "--to", str(copy)).returncode == 0
    assert passerelle(folder, "delete", "--candidate", "c-2014-017", "--yes").returncode == 0
    refused = passerelle(folder, "restore", str(copy))
    assert refused.returncode == 1 and count(folder) == 2
    done = passerelle(folder, "restore", str(copy), "--yes")
    assert done.returncode == 0, done.stderr
    assert "avant" in done.stdout
    assert count(folder) == 3
    garbage = tmp_path / "faux.sqlite3"
    garbage.write_bytes(b"pas une base")
    bad = passerelle(folder, "restore", str(garbage), "--yes")
    assert bad.returncode == 2 and "ne peut pas être restauré" in bad.stderr


def test_settings(folder):
    assert passerelle(folder, "settings", "local_user", "Claire Faucher").returncode == 0
    assert passerelle(folder, "settings", "local_user").stdout.strip() == "Claire Faucher"
    assert passerelle(folder, "settings", "backups_kept", "zéro").returncode == 2
    assert passerelle(folder, "settings", "couleur", "bleu").returncode == 2
    listing = passerelle(folder, "settings").stdout
    assert "local_user = Claire Faucher" in listing and "backups_kept" in listing


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
    assert "endommagé" in done.stderr and "passerelle restore" in done.stderr


def test_data_dir_from_the_environment(tmp_path):
    env = {**os.environ, "PASSERELLE_DATA_DIR": str(tmp_path / "env")}
    done = subprocess.run(
        [sys.executable, "-m", "app", "import", EXAMPLES[0]],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "env" / "passerelle.sqlite3").exists()
