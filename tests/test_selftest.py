"""`passerelle --self-test`, as the installed app runs it (here unfrozen; `make
test-bundle` runs it inside the bundle)."""

import os
import subprocess
import sys
from pathlib import Path

from app.selftest import SelfTest


def test_the_self_test_passes_and_says_each_step():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "passerelle", "--self-test"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    steps = [line for line in lines if line.startswith(("OK", "ÉCHEC"))]
    assert [line.split(" — ")[0].split(maxsplit=1)[1] for line in steps] == [
        "Base de données",
        "Import et évaluation",
        "Dossier PDF",
        "Protection des données",
        "Fenêtre",
        "Aperçu du dossier",
    ]
    assert all(line.startswith("OK") for line in steps)
    assert lines[-1] == "Tout fonctionne."


def test_a_failing_step_is_named_and_counted(tmp_path: Path, capsys):
    test = SelfTest(tmp_path)

    def broken() -> str:
        raise RuntimeError("fichier introuvable")

    test.step("Étape cassée", broken)
    test.step("Étape saine", lambda: "tout va bien")
    assert test.failures == 1
    out = capsys.readouterr().out
    assert "ÉCHEC Étape cassée : RuntimeError: fichier introuvable" in out
    assert "OK    Étape saine — tout va bien" in out
