"""Benchmark of the PDF dossiers (run by `make bench`).

1. One CIP dossier with 20 experience periods and a full history (the gap analysis
   answered, 30 dated steps), built and finished (exchange JSON attached) in memory,
   against a bare reportlab document with the same number of pages, filled with plain
   paragraphs in a built-in font (as many as fit), measured in the same run,
   alternated, medians of 15. Goal: ≤ 2×.
2. 100 dossiers exported in one batch from a real data folder, through the same service
   as `passerelle export --pdf` (evaluation, PDF, attachment, file, history).
3. The preview (« Aperçu du dossier »): each page of the dossier of 1. rendered by
   pypdfium2 into a Qt image with its text, as the dialog does, A4 at screen resolution
   (96 dpi: 794 pixels wide) and on a high-density screen (2×), medians of 15; the first
   page of the process apart (pdfium loads its fonts then). Goal: < 100 ms a page.
Figures are printed and written to bench/out/pdf.json.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.domain import ExperiencePeriod, GapAssessment  # noqa: E402
from app.evaluation import evaluate  # noqa: E402
from app.exchange.catalogue import example_catalogue_file, read_catalogue  # noqa: E402
from app.exchange.dossier import read_dossier  # noqa: E402
from app.export.attachment import finish_pdf  # noqa: E402
from app.export.dossier import DossierContent, Milestone, dossier_pdf  # noqa: E402
from app.referentials import cip_referential  # noqa: E402
from app.resources import resource  # noqa: E402
from app.rules import load_rules  # noqa: E402
from app.store.transfer import exchange_text  # noqa: E402
from bench.report import save_figures  # noqa: E402

REPEATS = 15
BATCH = 100
GOAL_RATIO = 2.0
GOAL_PAGE_MS = 100
A4_WIDTH_IN = 210 / 25.4
ON = date(2015, 1, 15)


def full_dossier():
    dossier = read_dossier(resource("examples", "cip-eligible.json"))
    periods = tuple(
        ExperiencePeriod(
            start=date(1995, 1, 1) + timedelta(days=400 * n),
            end=date(1995, 1, 1) + timedelta(days=400 * n + 380),
            accompaniment_function=n % 3 != 0,
            fte=1.0 if n % 2 else 0.5,
            employer=f"Structure d'insertion n° {n + 1} (fictive)",
            job_title="Accompagnatrice socioprofessionnelle",
        )
        for n in range(20)
    )
    answers = tuple(
        GapAssessment(competence, ("yes", "partial", "no")[n % 3], f"Observation n° {n + 1}.")
        for n, competence in enumerate(cip_referential().competence_ids())
    )
    return replace(dossier, experiences=periods, cip=replace(dossier.cip, gap_analysis=answers))


def history() -> tuple[Milestone, ...]:
    return tuple(
        Milestone(date(2014, 1, 6) + timedelta(days=9 * n), f"Étape n° {n + 1}", "—")
        for n in range(30)
    )


def ours(content: DossierContent, attached: str) -> bytes:
    return finish_pdf(dossier_pdf(content), attached)


def bare(paragraphs: int) -> bytes:
    """A bare reportlab document: `paragraphs` paragraphs of plain text, built-in font."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    out = BytesIO()
    style = getSampleStyleSheet()["BodyText"]
    story = [Paragraph(f"Paragraphe {n} " * 12, style) for n in range(paragraphs)]
    SimpleDocTemplate(out, pagesize=A4).build(story)
    return out.getvalue()


def filling(pages: int) -> int:
    """How many paragraphs fill `pages` pages (five more would start another page)."""
    count = 5
    while page_count(bare(count + 5)) <= pages:
        count += 5
    assert page_count(bare(count)) == pages
    return count


def page_count(pdf: bytes) -> int:
    import pikepdf

    with pikepdf.open(BytesIO(pdf)) as document:
        return len(document.pages)


def single(rules, catalogue) -> dict:
    dossier = full_dossier()
    content = DossierContent(dossier, evaluate(dossier, ON, rules, catalogue), "cip", history(), ON)
    attached = exchange_text(dossier)
    pages = page_count(ours(content, attached))
    paragraphs = filling(pages)
    mine, theirs = [], []
    for _ in range(REPEATS):
        started = time.perf_counter()
        ours(content, attached)
        mine.append(time.perf_counter() - started)
        started = time.perf_counter()
        bare(paragraphs)
        theirs.append(time.perf_counter() - started)
    ratio = statistics.median(mine) / statistics.median(theirs)
    return {
        "pages": pages,
        "bare_paragraphs": paragraphs,
        "dossier_ms": round(1000 * statistics.median(mine), 1),
        "bare_reportlab_ms": round(1000 * statistics.median(theirs), 1),
        "ratio": round(ratio, 2),
        "goal_ratio": GOAL_RATIO,
    }


def batch(rules, catalogue) -> dict:
    from app.exchange.dossier import dossier_from_data
    from app.store.candidates import save_dossier
    from app.store.database import open_store
    from app.store.sent import export_pdf

    template = json.loads(resource("examples", "cip-eligible.json").read_text("utf-8"))
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "donnees", user="Banc d'essai")
        with store.transaction() as session:
            for n in range(BATCH):
                template["candidate"]["ref"] = f"c-{n:03d}"
                save_dossier(session, dossier_from_data(template), store.user)
        out = Path(folder) / "envois"
        out.mkdir()
        started = time.perf_counter()
        for n in range(BATCH):
            export_pdf(store, f"c-{n:03d}", out / f"c-{n:03d}.pdf", rules, catalogue, today=ON)
        seconds = time.perf_counter() - started
        size = sum(path.stat().st_size for path in out.glob("*.pdf"))
        store.close(automatic_backup=False)
    return {
        "dossiers": BATCH,
        "seconds": round(seconds, 2),
        "per_dossier_ms": round(1000 * seconds / BATCH, 1),
        "average_kb": round(size / BATCH / 1024, 1),
    }


def preview(rules, catalogue) -> dict:
    from ui.candidate.pdf_pages import PdfPages

    dossier = full_dossier()
    content = DossierContent(dossier, evaluate(dossier, ON, rules, catalogue), "cip", history(), ON)
    figures = {}
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "dossier.pdf"
        pdf.write_bytes(ours(content, exchange_text(dossier)))
        pages = PdfPages(pdf)
        for name, ratio in (("96_dpi", 1), ("2x", 2)):
            width = round(96 * A4_WIDTH_IN * ratio)
            pages.render(0, width)  # the first rendering of the process, apart
            first_ms = pages.render_ms[-1]
            medians = []
            for index in range(len(pages)):
                del pages.render_ms[:]
                for _ in range(REPEATS):
                    pages.render(index, width)
                medians.append(statistics.median(pages.render_ms))
            figures[name] = {
                "width_px": width,
                "pages": len(pages),
                "first_render_ms": round(first_ms, 1),
                "page_median_ms": round(statistics.median(medians), 1),
                "slowest_page_ms": round(max(medians), 1),
            }
        pages.close()
    figures["goal_page_ms"] = GOAL_PAGE_MS
    return figures


def main() -> int:
    rules, catalogue = load_rules(), read_catalogue(example_catalogue_file())
    figures = {
        "single": single(rules, catalogue),
        "batch": batch(rules, catalogue),
        "preview": preview(rules, catalogue),
    }
    figures["goal_met"] = figures["single"]["ratio"] <= GOAL_RATIO and all(
        figures["preview"][name]["slowest_page_ms"] < GOAL_PAGE_MS for name in ("96_dpi", "2x")
    )
    save_figures("pdf", figures, show=True)
    return 0 if figures["goal_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
