"""Benchmark of COORACE's consolidation (run by `make bench`), on real files.

10 000 dossiers from 500 structures (13 metropolitan regions, Corse and overseas), once
as JSON files and once as PDF dossiers (one page rendered by Passerelle's own PDF code,
each candidate's exchange document attached to it by `finish_pdf`, as an export does).
Each import runs the real command (`passerelle import FOLDER --yes`) in its own process,
timed, with its peak resident memory (getrusage of the child).
Goals: each import into an empty COORACE workspace under 10 s (at least 1 000 dossiers a
second); the same folder imported again, everything unchanged, under 5 s; `groups
propose` at 10 000 candidates under 100 ms (median of 20, in process); peak memory under
400 MB. The corpus is kept in bench/out/consolidation/ and made again when missing.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.report import OUT, save_figures  # noqa: E402

DOSSIERS = 10_000
STRUCTURES = 500
GOAL_IMPORT_S = 10.0
GOAL_AGAIN_S = 5.0
GOAL_PROPOSE_MS = 100.0
GOAL_MEMORY_MB = 400.0
CORPUS = OUT / "consolidation"


def _regions() -> list[str]:
    from app.regions import regions

    return list(regions())


def documents() -> list[dict]:
    rng = random.Random(14)
    template = json.loads((ROOT / "resources/examples/cip-eligible.json").read_text("utf-8"))
    regions = _regions()
    structures = []
    for number in range(STRUCTURES):
        region = regions[number % len(regions)] if number % 11 else rng.choice(regions)
        structures.append(
            template["structure"]
            | {
                "siret": f"{20000000000000 + number}",
                "name": f"Structure {number}",
                "region": region,
            }
        )
    out = []
    for index in range(DOSSIERS):
        data = json.loads(json.dumps(template))
        data["structure"] = structures[index % STRUCTURES]
        data["candidate"] = data["candidate"] | {
            "ref": f"c-{index:05d}",
            "last_name": f"Nom{index}",
            "first_name": rng.choice(["Éloïse", "Karim", "Sophie", "Jean", "Awa"]),
        }
        data["exported_at"] = f"2015-01-{1 + index % 28:02d}T10:{index % 60:02d}:00+01:00"
        if index % 5 == 0:  # some not eligible (no score yet), so groups are not everything
            data["cip"]["positioning_score_pct"] = None
        out.append(data)
    return out


def make_corpus() -> tuple[Path, Path]:
    json_dir, pdf_dir = CORPUS / "json", CORPUS / "pdf"
    marker = CORPUS / f"ready-{DOSSIERS}-{STRUCTURES}-v1"
    if marker.exists():
        return json_dir, pdf_dir
    shutil.rmtree(CORPUS, ignore_errors=True)
    from app.export.attachment import finish_pdf

    page = _one_page_pdf()
    for index, data in enumerate(documents()):
        region = data["structure"]["region"].replace(" ", "_")
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        folder = json_dir / region
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{index:05d}.json").write_text(text, encoding="utf-8")
        folder = pdf_dir / region
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{index:05d}.pdf").write_bytes(finish_pdf(page, text))
    marker.touch()
    return json_dir, pdf_dir


def _one_page_pdf() -> bytes:
    from io import BytesIO

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = BytesIO()
    sheet = canvas.Canvas(buffer, pagesize=A4)
    sheet.drawString(72, 760, "Dossier Passerelle (banc d'essai)")
    sheet.showPage()
    sheet.save()
    return buffer.getvalue()


def run_import(data_dir: Path, folder: Path) -> tuple[float, float, str]:
    """(seconds, peak MB, last line) of `passerelle import FOLDER --yes` in its own process."""
    said = data_dir.parent / f"sortie-{time.time_ns()}.txt"
    start = time.perf_counter()
    with said.open("w", encoding="utf-8") as out_file:  # a file: 10 000 lines fill a pipe
        child = subprocess.Popen(
            [sys.executable, "-m", "passerelle", "--data-dir", str(data_dir), "import",
             str(folder), "--yes", "--report", str(data_dir.parent / f"{said.stem}.csv")],
            stdout=out_file,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
        )  # fmt: skip
        _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    out = said.read_text(encoding="utf-8")
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"import en échec : {out[-2000:]}")
    summary = [line for line in out.splitlines() if " fichiers : " in line]
    return seconds, usage.ru_maxrss / 1024, summary[-1] if summary else ""


def coorace_folder(path: Path) -> Path:
    from app.store.database import open_store
    from app.store.workspace import CooraceSetup, save_coorace_setup

    store = open_store(path, user="Banc d'essai")
    save_coorace_setup(store, CooraceSetup("Certification", "Banc d'essai", "c@coorace.invalid"))
    store.close(automatic_backup=False)
    return path


def time_propose(data_dir: Path) -> float:
    from datetime import date

    from app.cli.groups import _proposal
    from app.rules import load_rules
    from app.store.catalogue_in_use import load_catalogue_in_use
    from app.store.database import open_store

    store = open_store(data_dir)
    try:
        rules, catalogue = load_rules(), load_catalogue_in_use(data_dir)  # loaded once
        times = []
        for _ in range(20):
            start = time.perf_counter()
            proposal = _proposal(store, date.today(), rules, catalogue)
            times.append((time.perf_counter() - start) * 1000)
        assert proposal.ready_total > 0
        return statistics.median(times)
    finally:
        store.close(automatic_backup=False)


def main() -> int:
    import tempfile

    started = time.perf_counter()
    json_dir, pdf_dir = make_corpus()
    made = time.perf_counter() - started
    figures: dict = {"dossiers": DOSSIERS, "structures": STRUCTURES, "corpus_s": round(made, 1)}
    failures = []
    with tempfile.TemporaryDirectory(prefix="bench-consolidation-") as scratch:
        for kind, folder in (("json", json_dir), ("pdf", pdf_dir)):
            data_dir = coorace_folder(Path(scratch) / kind / "donnees")
            seconds, peak, line = run_import(data_dir, folder)
            again, peak_again, line_again = run_import(data_dir, folder)
            figures[kind] = {
                "import_s": round(seconds, 2),
                "dossiers_per_s": round(DOSSIERS / seconds),
                "peak_mb": round(peak, 1),
                "again_s": round(again, 2),
                "again_peak_mb": round(peak_again, 1),
                "summary": line,
                "summary_again": line_again,
            }
            if seconds > GOAL_IMPORT_S:
                failures.append(f"import {kind} : {seconds:.1f} s (objectif {GOAL_IMPORT_S} s)")
            if again > GOAL_AGAIN_S:
                failures.append(f"réimport {kind} : {again:.1f} s (objectif {GOAL_AGAIN_S} s)")
            if max(peak, peak_again) > GOAL_MEMORY_MB:
                failures.append(f"mémoire {kind} : {max(peak, peak_again):.0f} Mo")
        propose = time_propose(Path(scratch) / "json" / "donnees")
        figures["groups_propose_ms"] = round(propose, 1)
        if propose > GOAL_PROPOSE_MS:
            failures.append(f"groups propose : {propose:.0f} ms (objectif {GOAL_PROPOSE_MS} ms)")
    figures["goals_met"] = not failures
    save_figures("consolidation", figures, show=True)
    for failure in failures:
        print(f"OBJECTIF NON ATTEINT — {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
