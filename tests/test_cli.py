"""`passerelle evaluate` run as a user would: a real process on real files."""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import make_dossier, period
from test_rules import rules_text

from app.resources import resource

ROOT = Path(__file__).resolve().parent.parent
# `evaluate` reads the catalogue in use of the data folder: never the user's own here (a
# folder that is not there: the example catalogue; `evaluate` creates nothing)
NO_DATA = Path(tempfile.gettempdir()) / f"passerelle-tests-aucune-donnee-{os.getpid()}"


def passerelle(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["PASSERELLE_DATA_DIR"] = str(NO_DATA)
    return subprocess.run(
        [sys.executable, "-m", "passerelle", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd or ROOT,
        env=env,
        timeout=60,
    )


def write_json(tmp_path: Path, document, name="dossier.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_evaluate_a_sample(tmp_path):
    done = passerelle(
        "evaluate", str(resource("examples", "cip-eligible.json")), "--on", "2015-01-15"
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["evaluated_on"] == "2015-01-15"
    assert result["cip"]["verdict"] == "eligible"
    assert result["catalogue"]["example"] is True
    assert done.stderr == ""


def test_on_defaults_to_today(tmp_path):
    from datetime import date

    done = passerelle("evaluate", str(resource("examples", "cisp-en-cours.json")))
    assert done.returncode == 0
    assert json.loads(done.stdout)["evaluated_on"] == date.today().isoformat()


def test_the_console_script_is_installed():
    script = Path(sys.executable).parent / "passerelle"
    done = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "Passerelle" in done.stdout


def test_rules_option_changes_the_result(tmp_path):
    rules = tmp_path / "campagne.toml"
    rules.write_text(rules_text(min_experience_years="2"), encoding="utf-8")
    dossier = write_json(tmp_path, make_dossier(cip={}, experiences=[period("2012-06-01", None)]))
    default = json.loads(passerelle("evaluate", str(dossier), "--on", "2015-01-15").stdout)
    changed = json.loads(
        passerelle("evaluate", str(dossier), "--on", "2015-01-15", "--rules", str(rules)).stdout
    )
    assert default["cip"]["checks"][0]["status"] == "not_met"
    assert changed["cip"]["checks"][0]["status"] == "met"


def test_catalogue_option_reads_csv(tmp_path):
    catalogue = tmp_path / "catalogue-2015.csv"
    catalogue.write_text(
        "code;title;pole;hours;capitalisable;required\nZ-1;Atelier;2;7;oui;oui\n", encoding="utf-8"
    )
    document = make_dossier(
        cisp={
            "registered_on": "2014-10-01",
            "commission": {"date": "2014-11-20", "decision": "accepted"},
        },
        courses=[{"code": "Z-1", "title": None, "ended_on": "2013-01-01", "attestation": None}],
    )
    done = passerelle(
        "evaluate",
        str(write_json(tmp_path, document)),
        "--on",
        "2015-01-15",
        "--catalogue",
        str(catalogue),
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["catalogue"] == {
        "name": "catalogue-2015",
        "version": None,
        "published_on": None,
        "example": False,
    }
    assert result["cisp"]["courses"][0]["counted"] is True
    assert result["cisp"]["poles"][1]["ready_for_session"] is True


def bad(tmp_path, text: str) -> subprocess.CompletedProcess:
    path = tmp_path / "dossier.json"
    path.write_text(text, encoding="utf-8")
    return passerelle("evaluate", str(path), "--on", "2015-01-15")


def edited(change) -> str:
    document = make_dossier(
        cip={"financing": [{"source": "cpf", "amount_eur": 300, "hours": 20}]},
        cisp={"pole_sessions": [{"pole": 2, "date": "2016-06-10", "result": "validated"}]},
        experiences=[period("2009-03-02", None, 0.8)],
    )
    change(document)
    return json.dumps(document)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{not json", "JSON invalide"),
        ("", "le fichier est vide"),
        (edited(lambda d: d.update(surname="x")), "surname : clé inconnue"),
        (
            edited(lambda d: d["experiences"][0].update(end="2014-02-30")),
            "experiences[0].end : date impossible",
        ),
        (
            edited(lambda d: d["experiences"][0].update(end="2001-01-01")),
            "experiences[0].end : la fin (01/01/2001) est avant le début",
        ),
        (edited(lambda d: d["experiences"][0].update(fte=1.5)), "experiences[0].fte : "),
        (edited(lambda d: d["experiences"][0].update(fte=0)), "experiences[0].fte : "),
        (
            edited(lambda d: d["cip"].update(positioning_score_pct=150)),
            "cip.positioning_score_pct : doit être compris entre 0 et 100",
        ),
        (
            edited(lambda d: d["cip"]["financing"][0].update(amount_eur=-5)),
            "cip.financing[0].amount_eur : doit être positif ou nul",
        ),
        (
            edited(lambda d: d["cip"]["financing"][0].update(hours=None)),
            "cip.financing[0].hours : obligatoire pour une ligne CPF",
        ),
        (
            edited(lambda d: d["cisp"]["pole_sessions"][0].update(pole=5)),
            "cisp.pole_sessions[0].pole : doit être un numéro de pôle de 1 à 4",
        ),
        (
            edited(lambda d: d["experiences"][0].update(start=20090302)),
            "experiences[0].start : doit être une date",
        ),
        (
            edited(lambda d: d.update(format_version=2)),
            "format_version : version de format non prise en charge",
        ),
    ],
)
def test_bad_input_exits_2_with_a_french_message_naming_the_path(tmp_path, text, expected):
    done = bad(tmp_path, text)
    assert done.returncode == 2
    assert done.stdout == ""
    assert expected in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("Fichier refusé")


def test_one_message_per_problem(tmp_path):
    def three(document):
        document["experiences"][0]["fte"] = 2
        document["cip"]["positioning_score_pct"] = -1
        document["cisp"]["pole_sessions"][0]["pole"] = 0

    lines = bad(tmp_path, edited(three)).stderr.strip().splitlines()
    assert lines[0].endswith("3 problèmes.")
    assert [line.split(" : ")[0].strip() for line in lines[1:]] == [
        "experiences[0].fte",
        "cip.positioning_score_pct",
        "cisp.pole_sessions[0].pole",
    ]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["evaluate", "absent.json"], "fichier introuvable"),
        (
            ["evaluate", "resources/examples/cip-eligible.json", "--on", "2015-02-30"],
            "--on : date impossible",
        ),
        (
            ["evaluate", "resources/examples/cip-eligible.json", "--rules", "absent.toml"],
            "Fichier de règles refusé",
        ),
        (
            ["evaluate", "resources/examples/cip-eligible.json", "--catalogue", "pyproject.toml"],
            "JSON invalide",
        ),
        (["evaluate"], "arguments obligatoires"),
        (["evaluer"], "choix invalide"),
    ],
)
def test_bad_arguments_exit_2_in_french(args, expected):
    done = passerelle(*args)
    assert done.returncode == 2
    assert expected in done.stderr
    assert "Traceback" not in done.stderr


def test_the_cli_loads_neither_qt_nor_reportlab_nor_sqlalchemy():
    code = (
        "import sys, io, contextlib\n"
        "from passerelle.launcher import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    code = main(['evaluate', 'resources/examples/cisp-en-cours.json'])\n"
        "assert code == 0\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'reportlab', 'sqlalchemy', 'ui', 'pydantic')]\n"
        "print(heavy)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="display servers are Linux's")
def test_no_display_gives_a_french_message_instead_of_an_abort():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    done = subprocess.run(
        [sys.executable, "-m", "passerelle"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert done.returncode == 1
    assert "QT_QPA_PLATFORM=offscreen" in done.stderr
    assert "écran" in done.stderr
