"""`passerelle --help`, every sub-command's help and argparse's usage errors, all in
French, run as a user would (`python -m passerelle` in a subprocess)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# `passerelle --help` and argparse's errors, in French

ENGLISH = (
    "usage:",
    "positional arguments",
    "optional arguments",
    "show this help",
    "show program",
    "the following arguments",
    "required",
    "invalid choice",
    "choose from",
    "expected",
    "unrecognized",
    "ambiguous",
    "could match",
    "not allowed with",
    "ignored explicit",
    "error:",
    "invalid ",
)
HELPS = [
    [],
    ["evaluate"],
    ["import"],
    ["export"],
    ["access"],
    ["delete"],
    ["backup"],
    ["restore"],
    ["settings"],
    ["catalogue"],
    ["catalogue", "show"],
    ["catalogue", "import"],
    ["catalogue", "restore"],
]
MISTAKES = {
    "restore": "arguments obligatoires : FICHIER",
    "nimp": "argument COMMANDE : choix invalide : 'nimp' (valeurs possibles : 'evaluate'",
    "backup --to": "argument --to : une valeur est attendue",
    "settings a b c": "arguments inconnus : c",
    "export --candidate x --p a": "option ambiguë : --p peut désigner --pdf, --path",
    "export --candidate x --json a --pdf b": "argument --pdf : incompatible avec --json",
    "export --candidate x": "l'une de ces options est obligatoire : --json --pdf",
    "delete --candidate x --yes=oui": "argument --yes : valeur inattendue : 'oui'",
    "export --candidate x --json a --path z": "choix invalide : 'z' (valeurs possibles : 'cip'",
    "catalogue": "arguments obligatoires : ACTION",
}


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "passerelle", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=60,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "PASSERELLE_DATA_DIR": "/nulle-part"},
    )


def english_in(text: str) -> list[str]:
    return [word for word in ENGLISH if word in text.lower()]


@pytest.mark.parametrize("command", HELPS, ids=lambda c: " ".join(c) or "passerelle")
def test_every_help_is_french(command):
    done = run(*command, "--help")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"utilisation : passerelle{''.join(' ' + c for c in command)}")
    assert "\noptions :\n" in done.stdout and "-h, --help" in done.stdout
    assert english_in(done.stdout) == []


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_every_usage_error_is_french(mistake):
    done = run(*mistake.split())
    assert done.returncode == 2
    assert done.stderr.startswith("utilisation : passerelle")
    assert " : erreur : " in done.stderr and MISTAKES[mistake] in done.stderr
    assert english_in(done.stderr) == []
