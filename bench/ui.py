"""Benchmark of the window (run by `make bench`), offscreen, on real data folders.

1. Start-up, against a bare PySide6 `QMainWindow` process measured in the same run
   (alternated, medians): from process start to the main window shown (goal ≤ 1.5×), to
   the first page of candidates listed (goal ≤ 4×), with 10 000 candidates in the
   database; the moment the store is ready (SQLAlchemy loaded, dashboard built) is
   reported too. The times come from the app's own start-up probe (ui/support/startup_probe.py).
2. Resident memory at 10 000 candidates against the bare window (goal: under +60 MB),
   checked once the store is ready (SQLAlchemy loaded); the figure with the first page
   listed, before SQLAlchemy, is reported too.
3. Keystroke in the search box → list updated (the model re-queried, then Qt's pending
   events processed: the view repaints; the count runs on a side thread), at 10 000 and
   100 000 candidates: p95 over words typed and erased letter by letter, three times
   (goals: under 16 ms and under 50 ms).

The candidates are written straight into the table (their list columns filled), as an
import of that size would take minutes through the per-candidate service: the list, the
start-up and the search read nothing else. Our sources are compiled to bytecode first
(this machine sets PYTHONDONTWRITEBYTECODE; an installed app has its bytecode).
Figures are printed and written to bench/out/ui.json.
"""

from __future__ import annotations

import compileall
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.report import save_figures  # noqa: E402
from tools.offscreen import large_offscreen_screen  # noqa: E402

large_offscreen_screen()

from app.domain import Structure  # noqa: E402
from app.text import folded  # noqa: E402
from tools.demo_names import FIRST_NAMES, JOBS, LAST_NAMES  # noqa: E402

START_REPEATS = 7
WORDS = ["martin", "eloise", "accomp", "c-0421", "dupont", "chargee", "zz"]
PASSES = 3  # each word typed and erased three times: 234 keystrokes, a steadier p95
GOAL_SHOWN = 1.5
GOAL_LISTED = 4.0
GOAL_RSS_MB = 60
GOAL_KEY_MS = {10_000: 16, 100_000: 50}
VERDICTS = ["eligible", "not_eligible", "incomplete", None]

BARE_WINDOW = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

def rss():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])

application = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1400, 760)
window.show()

def shown():
    with open(sys.argv[1], "a") as handle:
        handle.write(f"shown {time.monotonic():.6f} {rss()} 0 0\\n")
    application.quit()

QTimer.singleShot(0, shown)
application.exec()
"""


def fill(folder: Path, count: int, today: date) -> None:
    """A data folder set up for a structure, with `count` candidates in the list."""
    from sqlalchemy import insert

    from app.store.database import open_store
    from app.store.models import CandidateRow, StructureRow
    from app.store.structure import Setup, current_setup, save_setup

    store = open_store(folder, user="Banc d'essai")
    structure = Structure("Chantier des Deux Rives", "43817206500015", "ACI", "Centre-Val de Loire")
    save_setup(store, Setup(structure, "formationcertifiante@coorace.org", "Banc d'essai"))
    assert current_setup(store) is not None
    rng = random.Random(11)
    now = datetime(today.year, today.month, today.day, 9)
    with store.transaction() as session:
        structure_id = session.query(StructureRow.id).scalar()
        rows = []
        for index in range(count):
            last, first = f"{rng.choice(LAST_NAMES)}{index % 97}", rng.choice(FIRST_NAMES)
            job, ref = rng.choice(JOBS), f"c-{index:06d}"
            cip = rng.choice(VERDICTS)
            rows.append(
                {
                    "structure_id": structure_id,
                    "ref": ref,
                    "last_name": last,
                    "first_name": first,
                    "job_title": job,
                    "sort_key": folded(f"{last} {first}"),
                    "search_text": folded(f"{last} {first} {job} {ref}"),
                    "created_at": now,
                    "updated_at": now,
                    "paths": "CIP" if cip else "CISP",
                    "cip_verdict": cip,
                    "cisp_verdict": None if cip else "in_progress",
                    "next_step": "Passer le test de positionnement",
                    "next_deadline": date(today.year + 1, 1 + index % 12, 1),
                    "summary_on": today,
                    "summary_until": date(today.year + 1, 1, 1),
                }
            )
        session.execute(insert(CandidateRow), rows)
    store.close(automatic_backup=False)


def marks(path: Path) -> dict[str, tuple[float, int, int]]:
    found = {}
    for line in path.read_text().splitlines():
        name, moment, rss, loaded, _openssl = line.split()
        found[name] = (float(moment), int(rss), int(loaded))
    return found


def launch(command: list[str], probe: Path, env: dict[str, str]) -> dict:
    probe.unlink(missing_ok=True)
    started = time.monotonic()
    subprocess.run(command, env=env, check=True, timeout=120, capture_output=True)
    found = marks(probe)
    return {name: (moment - started, rss, loaded) for name, (moment, rss, loaded) in found.items()}


def start_up(folder: Path, work: Path, extra_env: dict[str, str] | None = None) -> dict:
    env = {**os.environ, **(extra_env or {})}  # offscreen on the laptop-sized screen
    bare_script = work / "bare_window.py"
    bare_script.write_text(BARE_WINDOW)
    probe = work / "marks.txt"
    app_env = {**env, "PASSERELLE_STARTUP_PROBE": str(probe), "PASSERELLE_STARTUP_PROBE_QUIT": "1"}
    passerelle = [str(Path(sys.executable).with_name("passerelle")), "--data-dir", str(folder)]
    bare, ours = [], []
    for _ in range(START_REPEATS):
        bare.append(launch([sys.executable, str(bare_script), str(probe)], probe, env))
        ours.append(launch(passerelle, probe, app_env))
    assert all({"shown", "listed", "ready"} <= set(run) for run in ours), ours
    assert all(run["listed"][2] == 0 for run in ours), "SQLAlchemy chargé avant la liste"

    def median(runs, name, field=0):
        return statistics.median(run[name][field] for run in runs)

    bare_shown = median(bare, "shown")
    return {
        "bare_window_s": round(bare_shown, 3),
        "shown_s": round(median(ours, "shown"), 3),
        "listed_s": round(median(ours, "listed"), 3),
        "ready_s": round(median(ours, "ready"), 3),
        "shown_ratio": round(median(ours, "shown") / bare_shown, 2),
        "listed_ratio": round(median(ours, "listed") / bare_shown, 2),
        "ready_ratio": round(median(ours, "ready") / bare_shown, 2),
        "bare_rss_mb": round(median(bare, "shown", 1) / 1024, 1),
        "listed_rss_mb": round(median(ours, "listed", 1) / 1024, 1),
        "ready_rss_mb": round(median(ours, "ready", 1) / 1024, 1),
        "rss_extra_mb": round((median(ours, "ready", 1) - median(bare, "shown", 1)) / 1024, 1),
    }


def keystrokes(folder: Path) -> dict:
    """p95 and median, in ms, from a key pressed in the search box to the list repainted."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from ui.window.main_window import MainWindow
    from ui.window.start import open_data

    application = QApplication.instance() or QApplication([])
    window = MainWindow(open_data(str(folder)))
    window.show()
    application.processEvents()
    search = window.candidate_list.search
    timings = []
    for word in WORDS * PASSES:
        for key in [*word, *["\b"] * len(word)]:
            started = time.perf_counter()
            if key == "\b":
                QTest.keyClick(search, Qt.Key.Key_Backspace)
            else:
                QTest.keyClick(search, key)
            application.processEvents()  # the view repaints, a finished count is shown
            timings.append(time.perf_counter() - started)
        assert search.text() == "" and window.candidate_list.model.rowCount() > 0
    window.close()
    timings.sort()
    return {
        "keys": len(timings),
        "median_ms": round(1000 * statistics.median(timings), 2),
        "p95_ms": round(1000 * timings[int(0.95 * (len(timings) - 1))], 2),
    }


PASSPHRASE = "mot de passe du banc d'essai"


def protected_figures(folder: Path, work: Path) -> dict:
    """The same 10 000 candidates in a protected copy of the folder (SQLCipher): start-up
    with the passphrase given by $PASSERELLE_DATA_PASSWORD_FILE (its Argon2id included in
    « listed »), and the keystrokes."""
    import shutil

    from app.store import cipher
    from app.store.protection import protect

    copy = work / "donnees-10000-protegees"
    shutil.copytree(folder, copy)
    protect(copy, PASSPHRASE)
    password = work / "mdp.txt"
    password.write_text(PASSPHRASE, encoding="utf-8")
    figures = {"start_up": start_up(copy, work, {"PASSERELLE_DATA_PASSWORD_FILE": str(password)})}
    figures["search"] = keystrokes(copy)  # the key is known in this process (protect)
    cipher.lock(copy)
    return figures


def main() -> int:
    compileall.compile_dir(str(ROOT / "app"), quiet=1)
    compileall.compile_dir(str(ROOT / "ui"), quiet=1)
    today = date.today()
    figures: dict = {}
    with tempfile.TemporaryDirectory() as work_name:
        work = Path(work_name)
        for count in (10_000, 100_000):
            folder = work / f"donnees-{count}"
            started = time.perf_counter()
            fill(folder, count, today)
            built = time.perf_counter() - started
            entry = {"database_mb": round((folder / "passerelle.sqlite3").stat().st_size / 1e6, 1)}
            entry["built_s"] = round(built, 1)
            if count == 10_000:
                entry["start_up"] = start_up(folder, work)
                figures["10000-protected"] = protected_figures(folder, work)
            entry["search"] = keystrokes(folder)
            entry["search"]["goal_p95_ms"] = GOAL_KEY_MS[count]
            figures[str(count)] = entry
    start = figures["10000"]["start_up"]
    checks = {
        "shown": start["shown_ratio"] <= GOAL_SHOWN,
        "listed": start["listed_ratio"] <= GOAL_LISTED,
        "memory": start["rss_extra_mb"] < GOAL_RSS_MB,
        "search_10000": figures["10000"]["search"]["p95_ms"] < GOAL_KEY_MS[10_000],
        "search_100000": figures["100000"]["search"]["p95_ms"] < GOAL_KEY_MS[100_000],
    }
    protected = figures["10000-protected"]
    checks["protected_shown"] = protected["start_up"]["shown_ratio"] <= GOAL_SHOWN
    checks["protected_listed"] = protected["start_up"]["listed_ratio"] <= GOAL_LISTED
    # memory on a protected folder is reported, not held to the plain window's goal: it
    # adds SQLCipher's own SQLite and OpenSSL (≈ 5.3 MB) and libsodium (≈ 3 MB) to unlock
    # it (docs/BENCHMARKS.md); issue 15 holds the start-up, first page and keystroke goals
    protected["rss_note"] = "SQLCipher ≈ 5,3 Mo + libsodium ≈ 3 Mo en plus d'un dossier en clair"
    checks["protected_search"] = protected["search"]["p95_ms"] < GOAL_KEY_MS[10_000]
    figures["goals_met"] = checks
    save_figures("ui", figures, show=True)
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
