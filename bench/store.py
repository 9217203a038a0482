"""Benchmark of the store (run by `make bench`), on a real file in a temporary folder.

Inserts 10 000 candidates with 5 experience periods each through the same service the
application uses (one transaction), then loads one page of 100 candidates sorted by name
with a text filter (median of 30 loads). Reports the times and the file size.
Goals: file under 30 MB; a page under 20 ms.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.exchange.dossier import dossier_from_data  # noqa: E402
from app.store.candidates import save_dossier  # noqa: E402
from app.store.database import open_store  # noqa: E402
from app.store.listing import Listing, ListQuery  # noqa: E402
from bench.report import save_figures  # noqa: E402
from tools.demo_names import FIRST_NAMES, JOBS, LAST_NAMES  # noqa: E402

CANDIDATES = 10_000
PERIODS = 5
PAGE = 100
PAGE_REPEATS = 30
GOAL_MB = 30
GOAL_PAGE_MS = 20


def document(rng: random.Random, index: int) -> dict:
    template = json.loads((ROOT / "resources/examples/cip-eligible.json").read_text("utf-8"))
    template["structure"]["siret"] = rng.choice(["43817206500015", "79231504800019"])
    candidate = template["candidate"]
    candidate["ref"] = f"c-{index:05d}"
    candidate["last_name"] = f"{rng.choice(LAST_NAMES)}{index % 97}"
    candidate["first_name"] = rng.choice(FIRST_NAMES)
    candidate["job_title"] = rng.choice(JOBS)
    template["experiences"] = [
        {
            "employer": f"Structure {p}",
            "job_title": rng.choice(JOBS),
            "accompaniment_function": rng.random() < 0.8,
            "start": f"{2000 + 2 * p}-01-01",
            "end": None if p == PERIODS - 1 else f"{2001 + 2 * p}-12-31",
            "fte": 1,
        }
        for p in range(PERIODS)
    ]
    return template


def main() -> int:
    rng = random.Random(7)
    dossiers = [dossier_from_data(document(rng, i)) for i in range(CANDIDATES)]
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder), user="Banc d'essai")
        started = time.perf_counter()
        with store.transaction() as session:
            for dossier in dossiers:
                save_dossier(session, dossier, store.user)
        insert_seconds = time.perf_counter() - started
        timings = []
        listing = Listing.open(store.path)
        for _ in range(PAGE_REPEATS):
            started = time.perf_counter()
            page = listing.page(ListQuery("eloise"), limit=PAGE)
            timings.append(time.perf_counter() - started)
        listing.close()
        assert len(page) == PAGE, len(page)
        store.close(automatic_backup=False)
        size_mb = store.path.stat().st_size / 1_000_000
    page_ms = 1000 * statistics.median(timings)
    figures = {
        "candidates": CANDIDATES,
        "insert_seconds": insert_seconds,
        "insert_ms_per_candidate": 1000 * insert_seconds / CANDIDATES,
        "page_ms": page_ms,
        "file_mb": size_mb,
    }
    print(f"Base SQLite : {CANDIDATES} candidats, {PERIODS} périodes chacun")
    print(
        f"  insertion             : {insert_seconds:.1f} s "
        f"({figures['insert_ms_per_candidate']:.2f} ms par candidat)"
    )
    print(
        f"  page de {PAGE} (filtre « eloise », tri par nom) : {page_ms:.2f} ms "
        f"(objectif < {GOAL_PAGE_MS} ms : {'atteint' if page_ms < GOAL_PAGE_MS else 'NON atteint'})"
    )
    print(
        f"  taille du fichier     : {size_mb:.1f} Mo "
        f"(objectif < {GOAL_MB} Mo : {'atteint' if size_mb < GOAL_MB else 'NON atteint'})"
    )
    save_figures("store", figures, show=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
