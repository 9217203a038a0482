"""Starting the app as a user does (`passerelle`, offscreen): the window is shown empty at
once, the list comes before SQLAlchemy is loaded, then the store; the marks come from
the app's start-up probe (ui/support/startup_probe.py)."""

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from store_helpers import filled_store
from tests_setup import OWN_STRUCTURE

from app.store.keys import SETTING_OWN_SIRET
from app.store.structure import Setup, save_setup
from app.store.summaries import refresh_summaries


def start(folder: Path, probe: Path) -> dict[str, tuple[float, int]]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PASSERELLE_STARTUP_PROBE": str(probe),
        "PASSERELLE_STARTUP_PROBE_QUIT": "1",
    }
    script = Path(sys.executable).with_name("passerelle")
    subprocess.run([str(script), "--data-dir", str(folder)], env=env, check=True, timeout=120)
    marks = {}
    for line in probe.read_text().splitlines():
        name, moment, _rss, sqlalchemy, openssl = line.split()
        marks[name] = (float(moment), int(sqlalchemy), int(openssl))
    return marks


def test_the_list_is_shown_before_sqlalchemy_then_the_store(tmp_path, rules, catalogue):
    folder = tmp_path / "donnees"
    store = filled_store(folder)
    save_setup(store, Setup(OWN_STRUCTURE, "formationcertifiante@coorace.org", "Claire"))
    refresh_summaries(store, rules, catalogue, date.today())
    store.close(automatic_backup=False)
    marks = start(folder, tmp_path / "marks.txt")
    assert list(marks) == ["shown", "listed", "ready"]
    assert marks["shown"][0] <= marks["listed"][0] <= marks["ready"][0]
    assert marks["shown"][1] == 0 and marks["listed"][1] == 0  # no SQLAlchemy yet
    assert marks["ready"][1] == 1
    assert [mark[2] for mark in marks.values()] == [0, 0, 0]  # no OpenSSL (app/offline.py)


def test_a_folder_to_migrate_opens_the_store_first(tmp_path):
    import shutil
    import sqlite3

    folder = tmp_path / "donnees"
    folder.mkdir()
    older = Path(__file__).parent / "fixtures" / "db" / "0004.sqlite3"
    shutil.copyfile(older, folder / "passerelle.sqlite3")
    with sqlite3.connect(folder / "passerelle.sqlite3") as connection:  # set up, in 0004
        siret = connection.execute("SELECT siret FROM structures LIMIT 1").fetchone()[0]
        connection.execute(
            "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
            [SETTING_OWN_SIRET, siret],
        )
    marks = start(folder, tmp_path / "marks.txt")
    assert list(marks) == ["shown", "listed", "ready"]
    assert marks["listed"][1] == 1  # migrated with SQLAlchemy before listing
    assert list((folder / "sauvegardes").glob("passerelle-avant-migration-0004*"))
