"""The size limits through the commands, run as a user would: real processes on real
files and a real data folder. Beyond a limit: exit code 2, the French message naming the
field and the limit, and nothing written; a 200 MB dossier is refused without being read
(time and memory measured on the process itself)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from catalogue_files import CSV_HEADER, snapshot, write_json_catalogue
from conftest import make_dossier, period
from limit_documents import huge_file, largest_catalogue, largest_dossier, streamed_dossier
from store_helpers import rows, unstamped
from test_cli_store import EXAMPLES, passerelle, write

from app.french import NARROW_NBSP
from app.store.paths import CATALOGUE_NAME

ROOT = Path(__file__).resolve().parent.parent
NOTHING_IMPORTED = "Rien n'a été importé."
NOTHING_INSTALLED = "Rien n'a été installé : le catalogue en usage n'a pas changé."


@pytest.fixture
def folder(tmp_path):
    """A data folder holding the three examples."""
    folder = tmp_path / "donnees"
    done = passerelle(folder, "import", *EXAMPLES)
    assert done.returncode == 0, done.stderr
    return folder


def measured(folder: Path, *args: str) -> tuple[int, str, str, float, int]:
    """Runs `passerelle`: exit code, stdout, stderr, seconds, and the process's own peak
    resident memory in bytes (tests/peak_memory.py)."""
    out, err = folder.parent / "sortie.txt", folder.parent / "erreurs.txt"
    result = folder.parent / "mesure.json"
    command = [sys.executable, "-m", "passerelle", "--data-dir", str(folder), *args]
    with out.open("wb") as stdout, err.open("wb") as stderr:
        subprocess.run(
            [sys.executable, str(ROOT / "tests" / "peak_memory.py"), str(result), *command],
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=stderr,
            timeout=120,
            check=True,
        )
    measure = json.loads(result.read_text(encoding="utf-8"))
    return (
        measure["code"],
        out.read_text(encoding="utf-8"),
        err.read_text(encoding="utf-8"),
        measure["seconds"],
        measure["peak"],
    )


linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="wait4's peak memory, in kilobytes: Linux"
)


@pytest.fixture
def dossier_of_200_mb(tmp_path):
    """The issue's dossier: one period whose `employer` holds 200 million characters
    (written by pieces, removed afterwards: pytest keeps the last runs' folders)."""
    path = streamed_dossier(tmp_path / "enorme.json", 200_000_000)
    yield path
    path.unlink()


@linux_only
def test_a_200_mb_dossier_is_refused_by_import_unread_and_nothing_changes(
    folder, dossier_of_200_mb
):
    before = snapshot(folder)
    code, stdout, stderr, seconds, memory = measured(folder, "import", str(dossier_of_200_mb))
    assert code == 2
    assert stderr.splitlines() == [
        f"Fichier refusé ({dossier_of_200_mb}) : 1 problème.",
        "  fichier de 200 Mo, au plus 2 Mo : ce n'est pas un dossier Passerelle",
        NOTHING_IMPORTED,
    ]
    assert stdout == ""
    assert snapshot(folder) == before  # the database, its backups: byte for byte
    assert seconds < 3 and memory < 150_000_000, (seconds, memory)


@linux_only
def test_a_200_mb_dossier_is_refused_by_evaluate_and_import_writes_no_data_folder(
    tmp_path, dossier_of_200_mb
):
    nowhere = tmp_path / "aucune-donnee"
    code, stdout, stderr, seconds, memory = measured(nowhere, "evaluate", str(dossier_of_200_mb))
    assert (code, stdout) == (2, "")
    assert "fichier de 200 Mo, au plus 2 Mo : ce n'est pas un dossier Passerelle" in stderr
    assert seconds < 3 and memory < 150_000_000, (seconds, memory)
    code, _, stderr, seconds, memory = measured(nowhere, "import", str(dossier_of_200_mb))
    assert code == 2 and NOTHING_IMPORTED in stderr
    assert seconds < 3 and memory < 150_000_000, (seconds, memory)
    assert not nowhere.exists()


def test_an_employer_of_250_characters_is_refused_with_its_path(folder, tmp_path):
    document = make_dossier(experiences=[period("2009-03-02", None)])
    document["candidate"]["ref"] = "c-nouveau"
    document["experiences"][0]["employer"] = "E" * 250
    path = write(tmp_path, document, "long.json")
    database = (folder / "passerelle.sqlite3").read_bytes()
    for command in ("import", "evaluate"):
        done = passerelle(folder, command, path)
        assert done.returncode == 2, done.stderr
        assert "  experiences[0].employer : 250 caractères, au plus 200" in done.stderr
        assert done.stdout == "" and "Traceback" not in done.stderr
    assert (folder / "passerelle.sqlite3").read_bytes() == database
    assert rows(folder / "passerelle.sqlite3", "SELECT count(*) FROM candidates") == [(3,)]


def test_101_periods_are_refused(folder, tmp_path):
    document = make_dossier(experiences=[period("2009-03-02", "2009-12-31")] * 101)
    document["candidate"]["ref"] = "c-nouveau"
    path = write(tmp_path, document, "periodes.json")
    database = (folder / "passerelle.sqlite3").read_bytes()
    for command in ("import", "evaluate"):
        done = passerelle(folder, command, path)
        assert done.returncode == 2
        assert "  experiences : 101 périodes, au plus 100" in done.stderr.splitlines()
    assert (folder / "passerelle.sqlite3").read_bytes() == database


def test_a_pdf_over_its_size_is_refused(folder, tmp_path):
    path = huge_file(tmp_path / "enorme.pdf", 25_000_000, b"%PDF-1.7\n")
    before = snapshot(folder)
    done = passerelle(folder, "import", str(path))
    assert done.returncode == 2
    assert done.stderr.splitlines()[1:] == [
        "  fichier de 25 Mo, au plus 20 Mo : ce n'est pas un dossier PDF exporté par Passerelle",
        NOTHING_IMPORTED,
    ]
    assert snapshot(folder) == before


def test_the_largest_dossier_is_imported_exported_as_pdf_and_imported_back_whole(tmp_path):
    document = largest_dossier()
    path = write(tmp_path, document, "plus-gros.json")
    first = tmp_path / "donnees"
    done = passerelle(first, "import", path)
    assert done.returncode == 0, done.stderr
    assert passerelle(first, "evaluate", path, "--on", "2015-01-15").returncode == 0
    ref = document["candidate"]["ref"]
    pdf = tmp_path / "plus-gros.pdf"
    done = passerelle(first, "export", "--candidate", ref, "--pdf", str(pdf), "--path", "cip")
    assert done.returncode == 0, done.stderr
    second = tmp_path / "ailleurs"
    done = passerelle(second, "import", str(pdf))
    assert done.returncode == 0, done.stderr
    back = tmp_path / "retour.json"
    assert passerelle(second, "export", "--candidate", ref, "--json", str(back)).returncode == 0
    assert unstamped(back.read_text(encoding="utf-8")) == document


# --- the catalogue ---------------------------------------------------------------------


def test_a_csv_catalogue_with_a_title_of_10000_characters_is_refused_naming_its_line(tmp_path):
    folder = tmp_path / "donnees"
    passerelle(folder, "catalogue", "import", str(write_json_catalogue(tmp_path)))
    before = snapshot(folder)
    path = tmp_path / "catalogue.csv"
    path.write_text(
        CSV_HEADER + "A-1;Atelier;2;7;oui;oui\n" + "A-2;" + "T" * 10_000 + ";2;7;oui;oui\n",
        encoding="utf-8",
    )
    done = passerelle(folder, "catalogue", "import", str(path))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"Fichier refusé ({path}) : 1 problème.",
        f"  ligne 3, title : 10{NARROW_NBSP}000 caractères, au plus 200",
        NOTHING_INSTALLED,
    ]
    assert snapshot(folder) == before


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_a_catalogue_with_too_many_courses_is_refused(tmp_path, kind):
    folder = tmp_path / "donnees"
    path = tmp_path / f"catalogue.{kind}"
    if kind == "csv":
        lines = "".join(f"A-{i};Atelier;2;7;oui;oui\n" for i in range(2001))
        path.write_text(CSV_HEADER + lines, encoding="utf-8")
        said = "  2001 formations (lignes remplies), au plus 2000"
    else:
        data = largest_catalogue("a")
        data["courses"].append({**data["courses"][0], "code": "A-en-trop"})
        path.write_text(json.dumps(data), encoding="utf-8")
        said = "  courses : 2001 formations, au plus 2000"
    done = passerelle(folder, "catalogue", "import", str(path))
    assert done.returncode == 2
    assert done.stderr.splitlines()[1:] == [said, NOTHING_INSTALLED]
    assert not (folder / CATALOGUE_NAME).exists()


def test_a_catalogue_file_over_its_size_is_refused_and_the_largest_accepted(tmp_path):
    folder = tmp_path / "donnees"
    path = huge_file(tmp_path / "catalogue.csv", 6_000_000, CSV_HEADER.encode())
    done = passerelle(folder, "catalogue", "import", str(path))
    assert done.returncode == 2
    assert done.stderr.splitlines()[1] == (
        "  fichier de 6 Mo, au plus 5 Mo : ce n'est pas un catalogue de formations Passerelle"
    )
    assert not (folder / CATALOGUE_NAME).exists()
    largest = tmp_path / "plus-gros.json"
    largest.write_text(json.dumps(largest_catalogue(), ensure_ascii=False), encoding="utf-8")
    done = passerelle(folder, "catalogue", "import", str(largest))
    assert done.returncode == 0, done.stderr
    assert "(2000 formations)" in done.stdout


# --- other files -----------------------------------------------------------------------


def test_a_rules_file_or_a_password_file_over_its_size_is_refused(tmp_path):
    rules = huge_file(tmp_path / "regles.toml", 1_000_000, b"[rules]\n")
    done = passerelle(tmp_path / "d", "evaluate", EXAMPLES[0], "--rules", str(rules))
    assert done.returncode == 2
    assert "fichier de 1 Mo, au plus 200 ko : ce n'est pas un fichier de règles" in done.stderr
    secret = huge_file(tmp_path / "secret.txt", 5000, b"S3cret-2026")
    done = passerelle(tmp_path / "d", "import", EXAMPLES[0], "--password-file", str(secret))
    assert done.returncode == 2
    assert "trop gros pour un mot de passe (au plus 4096 octets)" in done.stderr
    assert not (tmp_path / "d").exists()
