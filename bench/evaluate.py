"""Benchmark of the evaluation (run by `make bench`).

1. In-process: 10 000 generated dossiers are read (exchange format) and evaluated;
   reports the time per dossier for the evaluation alone and for reading + evaluation.
   Goal: evaluation under 0.2 ms per dossier.
2. The command: wall time of `passerelle evaluate` on one file against `python -c pass`,
   both measured in this run, alternated, medians of the repeats. Goal: under 25×.

Figures are printed and written to bench/out/evaluate.json.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.evaluation import evaluate  # noqa: E402
from app.exchange.catalogue import example_catalogue_file, read_catalogue  # noqa: E402
from app.exchange.dossier import dossier_from_data  # noqa: E402
from app.referentials import cip_referential  # noqa: E402
from app.rules import load_rules  # noqa: E402
from bench.report import save_figures  # noqa: E402

DOSSIERS = 10_000
CLI_REPEATS = 15
GOAL_MS_PER_DOSSIER = 0.2
GOAL_CLI_RATIO = 25.0
ON = date(2015, 6, 1)


def iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def generated_dossier(rng: random.Random, index: int, codes: list[str]) -> dict:
    periods = []
    for _ in range(rng.randint(0, 4)):
        start = date(2004, 1, 1) + timedelta(days=rng.randint(0, 4000))
        end = None if rng.random() < 0.4 else start + timedelta(days=rng.randint(0, 1500))
        periods.append(
            {
                "employer": "Structure",
                "job_title": "Accompagnateur",
                "accompaniment_function": rng.random() < 0.8,
                "start": iso(start),
                "end": iso(end),
                "fte": rng.choice([0.5, 0.8, 1]),
            }
        )
    courses = [
        {
            "code": rng.choice(codes),
            "title": None,
            "attestation": None,
            "ended_on": iso(date(2007, 1, 1) + timedelta(days=rng.randint(0, 3000))),
        }
        for _ in range(rng.randint(0, 6))
    ]
    competences = cip_referential().competence_ids()
    cip = (
        None
        if rng.random() < 0.3
        else {
            "positioning_score_pct": rng.choice([None, rng.uniform(50, 100)]),
            "admissibility_decision_on": rng.choice([None, "2014-11-30", "2015-02-10"]),
            "vae_result_on": rng.choice([None, "2015-03-01"]),
            "cost_eur": rng.choice([None, 1380, 1500]),
            "financing": [
                {"source": "opca", "amount_eur": 1080, "hours": None},
                {"source": "cpf", "amount_eur": 300, "hours": rng.choice([20, 30])},
            ],
            "gap_analysis": [
                {"competence": c, "status": rng.choice(["yes", "partial", "no"]), "note": ""}
                for c in rng.sample(competences, 5)
            ],
        }
    )
    cisp = (
        None
        if rng.random() < 0.3
        else {
            "registered_on": rng.choice([None, "2012-02-29", "2014-10-01"]),
            "commission": rng.choice([None, {"date": "2014-11-20", "decision": "accepted"}]),
            "pole_sessions": [
                {"pole": p, "date": "2015-03-10", "result": "validated"}
                for p in rng.sample([1, 2, 3, 4], rng.randint(0, 4))
            ],
        }
    )
    return {
        "format": "passerelle.dossier",
        "format_version": 1,
        "structure": {
            "name": "Structure",
            "siret": "12345678200002",
            "kind": "AI",
            "region": "Bretagne",
            "address": None,
            "director": None,
            "email": None,
            "phone": None,
        },
        "candidate": {
            "ref": f"c-{index}",
            "last_name": "Nom",
            "first_name": "Prénom",
            "birth_date": None,
            "email": None,
            "phone": None,
            "job_title": None,
            "hired_on": None,
            "contract": None,
        },
        "employer_agreement": {"given_on": "2014-09-15", "signatory": "Direction"},
        "experiences": periods,
        "courses": courses,
        "cip": cip,
        "cisp": cisp,
    }


def in_process() -> dict:
    rules = load_rules()
    catalogue = read_catalogue(example_catalogue_file())
    rng = random.Random(20141001)
    codes = [c.code for c in catalogue.courses] + ["CF-INCONNU"]
    documents = [generated_dossier(rng, i, codes) for i in range(DOSSIERS)]
    started = time.perf_counter()
    dossiers = [dossier_from_data(d) for d in documents]
    read_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for dossier in dossiers:
        evaluate(dossier, ON, rules, catalogue)
    evaluate_seconds = time.perf_counter() - started
    return {
        "dossiers": DOSSIERS,
        "evaluate_ms_per_dossier": 1000 * evaluate_seconds / DOSSIERS,
        "read_and_evaluate_ms_per_dossier": 1000 * (read_seconds + evaluate_seconds) / DOSSIERS,
    }


def wall(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def command_line() -> dict:
    cli = str(Path(sys.executable).parent / "passerelle")
    sample = str(ROOT / "resources" / "examples" / "cisp-en-cours.json")
    baseline, evaluation = [], []
    wall([sys.executable, "-c", "pass"])  # warm the file cache for both
    wall([cli, "evaluate", sample, "--on", "2015-09-01"])
    for _ in range(CLI_REPEATS):
        baseline.append(wall([sys.executable, "-c", "pass"]))
        evaluation.append(wall([cli, "evaluate", sample, "--on", "2015-09-01"]))
    base, cli_time = statistics.median(baseline), statistics.median(evaluation)
    return {
        "python_pass_ms": 1000 * base,
        "passerelle_evaluate_ms": 1000 * cli_time,
        "ratio": cli_time / base,
    }


def main() -> int:
    figures = {**in_process(), **command_line()}
    per = figures["evaluate_ms_per_dossier"]
    ratio = figures["ratio"]

    def verdict(reached: bool) -> str:
        return "atteint" if reached else "NON atteint"

    read_and_evaluate = figures["read_and_evaluate_ms_per_dossier"]
    print(f"Évaluation en mémoire : {figures['dossiers']} dossiers")
    print(
        f"  évaluation seule      : {per:.4f} ms par dossier "
        f"(objectif < {GOAL_MS_PER_DOSSIER} ms : {verdict(per < GOAL_MS_PER_DOSSIER)})"
    )
    print(f"  lecture + évaluation  : {read_and_evaluate:.4f} ms par dossier")
    print(f"Commande `passerelle evaluate` (médiane de {CLI_REPEATS}) :")
    print(f"  python -c pass        : {figures['python_pass_ms']:.1f} ms")
    print(f"  passerelle evaluate   : {figures['passerelle_evaluate_ms']:.1f} ms")
    print(
        f"  rapport               : {ratio:.1f}× "
        f"(objectif < {GOAL_CLI_RATIO:.0f}× : {verdict(ratio < GOAL_CLI_RATIO)})"
    )
    save_figures("evaluate", figures, show=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
