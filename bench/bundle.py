"""Benchmark of the installable folder (run by `make bench-bundle`, after `make bundle`).

1. Size of dist/passerelle/ and of its .tar.gz (goal: folder under 170 MB).
2. Start-up of the frozen app against the same app unfrozen (`.venv/bin/passerelle`), on
   the same data folder (1 000 candidates), alternated, medians of 7: time to the window
   shown and to the first page listed, from the app's own start-up probe.
Figures are printed and written to bench/out/bundle.json.
"""

from __future__ import annotations

import os
import statistics
import sys
import tarfile
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.report import save_figures  # noqa: E402
from bench.ui import fill, launch  # noqa: E402

BUNDLE = ROOT / "dist" / "passerelle"
REPEATS = 7
CANDIDATES = 1000
GOAL_MB = 170


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def main() -> int:
    frozen = BUNDLE / "passerelle"
    if not frozen.exists():
        print("Pas de paquet : lancez d'abord `make bundle`.", file=sys.stderr)
        return 2
    figures: dict = {"folder_mb": round(folder_size(BUNDLE) / 1e6, 1)}
    with tempfile.TemporaryDirectory() as work_name:
        work = Path(work_name)
        archive = work / "passerelle.tar.gz"
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(BUNDLE, arcname="passerelle")
        figures["tar_gz_mb"] = round(archive.stat().st_size / 1e6, 1)
        folder = work / "donnees"
        fill(folder, CANDIDATES, date.today())
        probe = work / "marks.txt"
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "PASSERELLE_STARTUP_PROBE": str(probe),
            "PASSERELLE_STARTUP_PROBE_QUIT": "1",
        }
        unfrozen = Path(sys.executable).with_name("passerelle")
        runs: dict[str, list[dict]] = {"frozen": [], "unfrozen": []}
        for _ in range(REPEATS):
            for name, program in (("frozen", frozen), ("unfrozen", unfrozen)):
                runs[name].append(launch([str(program), "--data-dir", str(folder)], probe, env))
    for name, marks in runs.items():
        for mark in ("shown", "listed", "ready"):
            figures[f"{name}_{mark}_s"] = round(statistics.median(m[mark][0] for m in marks), 3)
    figures["shown_ratio"] = round(figures["frozen_shown_s"] / figures["unfrozen_shown_s"], 2)
    figures["listed_ratio"] = round(figures["frozen_listed_s"] / figures["unfrozen_listed_s"], 2)
    figures["goal_met"] = figures["folder_mb"] < GOAL_MB
    save_figures("bundle", figures, show=True)
    return 0 if figures["goal_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
