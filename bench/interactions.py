"""Benchmark of the everyday interactions (run by `make bench`), offscreen, on a real data
folder of 10 000 candidates: each is timed from the key or call that starts it to Qt's
pending events processed (the screen repainted), many times, and its p95 compared with
the 100 ms under which people feel an answer is immediate.

1. Open a candidate from the list (↓ in the list: the page loads and evaluates her).
2. Switch the candidate page's tabs (Ctrl+Tab).
3. Open each path's wizard on a candidate (built, shown, its first page filled).
4. Next and Back on every page of both wizards (each page checks and keeps a draft).
5. Save the page after a change (Ctrl+S: the dossier, the history, the list line).
   Type in a period's cell (each key is the cell's at once: the live checks follow).
6. The dossier's preview (pypdfium2, as the window shows it): opened on an exported
   dossier, then scrolled a screen at a time (the pages coming into view rendered).
7. Export a dossier PDF (layout, attachment, the sent copy recorded): goal under 500 ms.

The 10 000 list lines are written straight into the table (as bench/ui.py does); among
them, 40 real dossiers (the shipped examples under new names) are saved through the
store's service, and it is these the interactions open. Figures are printed and written
to bench/out/interactions.json; the exit code is 1 when a goal is missed.
"""

from __future__ import annotations

import compileall
import copy
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tools.offscreen import large_offscreen_screen  # noqa: E402

large_offscreen_screen()

from bench.report import save_figures  # noqa: E402
from bench.ui import fill  # noqa: E402

CANDIDATES = 10_000
REAL = 40  # real dossiers among them, opened by the interactions
REAL_NAME = "Essai"  # their last names start with it: the search finds them alone
GOAL_MS = 100
GOAL_PDF_MS = 500
ROUNDS = 3


def p95(timings: list[float]) -> dict:
    ordered = sorted(timings)
    return {
        "count": len(ordered),
        "median_ms": round(1000 * statistics.median(ordered), 1),
        "p95_ms": round(1000 * ordered[int(0.95 * (len(ordered) - 1))], 1),
    }


def timed(action: Callable[[], object], application) -> float:
    started = time.perf_counter()
    action()
    application.processEvents()
    return time.perf_counter() - started


def add_real_dossiers(folder: Path) -> None:
    from app.exchange.dossier import dossier_from_data
    from app.resources import resource
    from app.store.candidates import save_dossier
    from app.store.database import open_store
    from app.store.structure import current_setup

    store = open_store(folder)
    own = current_setup(store).structure
    samples = [
        json.loads(resource("examples", f"{name}.json").read_text(encoding="utf-8"))
        for name in ("cip-eligible", "cisp-en-cours", "cip-experience-insuffisante")
    ]
    with store.transaction() as session:
        for index in range(REAL):
            document = copy.deepcopy(samples[index % len(samples)])
            document["structure"]["siret"] = own.siret
            document["structure"]["name"] = own.name
            document["candidate"]["ref"] = f"essai-{index:03d}"
            document["candidate"]["last_name"] = f"{REAL_NAME}{index:02d}"
            if index % 2 == 0 and document["cisp"] is None:  # some on both paths
                document["cisp"] = copy.deepcopy(samples[1]["cisp"])
            if document["cisp"] is not None:
                document["cisp"]["filed_by_employer"] = True
            if document["cip"] is not None and document["cip"]["positioning_score_pct"]:
                document["cip"]["positioning_on"] = "2014-11-05"
            save_dossier(session, dossier_from_data(document), store.user)
    store.close(automatic_backup=False)


def answer_page(wizard) -> None:
    """What a page needs before Next goes on: every competence of the gap analysis."""
    from PySide6.QtWidgets import QComboBox

    from ui.wizards.cip.gap_analysis import GapPage

    page = wizard.currentPage()
    if isinstance(page, GapPage):
        for choice in page.findChildren(QComboBox):
            if choice.currentIndex() == 0:
                choice.setCurrentIndex(1)


def interactions(folder: Path) -> dict:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from ui.candidate import page as candidate_page
    from ui.window.main_window import MainWindow
    from ui.window.start import open_data
    from ui.wizards import base as wizard_base

    application = QApplication.instance() or QApplication([])
    candidate_page.ask_unsaved = lambda parent: candidate_page.DISCARD
    wizard_base.ask_cancel = lambda parent: wizard_base.DISCARD
    window = MainWindow(open_data(str(folder)))
    window.resize(1400, 760)
    window.show()
    application.processEvents()
    table = window.candidate_list.table
    window.candidate_list.search.setText(REAL_NAME.lower())
    application.processEvents()
    assert window.candidate_list.model.rowCount() == REAL
    figures: dict = {}

    opened = []
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_Home)
    for _ in range(ROUNDS):
        for key in [Qt.Key.Key_Down] * (REAL - 1) + [Qt.Key.Key_Up] * (REAL - 1):
            opened.append(timed(lambda k=key: QTest.keyClick(table, k), application))
    assert window.page.candidate_id is not None
    figures["open_candidate"] = p95(opened)

    page = window.page
    switched = []
    page.tabs.setCurrentIndex(0)
    page.identity.ref.setFocus()
    for _ in range(ROUNDS * 10):
        switched.append(
            timed(
                lambda: QTest.keyClick(
                    QApplication.focusWidget() or page.tabs,
                    Qt.Key.Key_Tab,
                    Qt.KeyboardModifier.ControlModifier,
                ),
                application,
            )
        )
    figures["switch_tab"] = p95(switched)

    wizards: dict[str, list[float]] = {"cip": [], "cisp": []}
    steps: list[float] = []
    for row in range(0, REAL, 2):  # every other candidate is on both paths
        table.setCurrentIndex(window.candidate_list.model.index(row, 0))
        application.processEvents()
        for path in ("cip", "cisp"):
            wizards[path].append(timed(lambda p=path: window.open_wizard(p), application))
            wizard = window.path_wizard
            visited = {wizard.currentId()}
            for _ in range(len(wizard.pageIds())):
                answer_page(wizard)
                steps.append(timed(wizard.next, application))
                visited.add(wizard.currentId())
            for _ in range(len(visited)):
                steps.append(timed(wizard.back, application))
            assert len(visited) >= 5, f"{path} : pages {sorted(visited)}"
            wizard.done(0)
            application.processEvents()
    figures["open_cip_wizard"] = p95(wizards["cip"])
    figures["open_cisp_wizard"] = p95(wizards["cisp"])
    figures["wizard_next_back"] = p95(steps)

    saved = []
    for index in range(ROUNDS * 10):
        table.setCurrentIndex(window.candidate_list.model.index(index % REAL, 0))
        application.processEvents()
        page.identity.phone.setText(f"06 00 00 00 {index:02d}")
        saved.append(timed(window.save_candidate, application))
        assert not page.dirty
    figures["save"] = p95(saved)

    keys = []  # each key in a cell is the cell's at once: the page's live checks follow
    page.tabs.setCurrentWidget(page.experiences)
    cells = page.experiences.rows.table
    for index in range(ROUNDS * 2):
        table.setCurrentIndex(window.candidate_list.model.index(index % REAL, 0))
        application.processEvents()
        page.tabs.setCurrentWidget(page.experiences)
        cells.setFocus()
        cells.setCurrentCell(0, 0)
        QTest.keyClick(cells, Qt.Key.Key_F2)
        application.processEvents()
        for letter in " (Indre)":
            keys.append(
                timed(
                    lambda t=letter: QTest.keyClicks(cells.focusWidget() or cells, t), application
                )
            )
        assert page.dirty
        page.may_leave()  # DISCARD: the next candidate opens unchanged
    figures["type_in_cell"] = p95(keys)
    window.close()
    return figures


def pdf_and_preview(folder: Path, work: Path) -> dict:
    from app.rules import load_rules
    from app.store.catalogue_in_use import load_catalogue_in_use
    from app.store.database import open_store
    from app.store.sent import export_pdf

    store = open_store(folder)
    rules, catalogue = load_rules(), load_catalogue_in_use(store.data_dir)
    exported, written = [], []
    for index in range(ROUNDS * 5):
        out = work / f"dossier-{index}.pdf"
        started = time.perf_counter()
        path = "cisp" if index % 3 == 1 else "cip"
        export_pdf(store, f"essai-{index:03d}", out, rules, catalogue, path=path)
        exported.append(time.perf_counter() - started)
        written.append(out)
    store.close(automatic_backup=False)
    return {"export_pdf": p95(exported), "files": written}


def preview(files: list[Path]) -> dict:
    """The preview dialog opened on each exported dossier, shown, then every page scrolled
    into view: from the dialog made to its pages painted, and each page's rendering."""
    from PySide6.QtWidgets import QApplication, QScrollArea

    from ui.candidate.preview import PreviewDialog

    application = QApplication.instance() or QApplication([])
    opened, pages = [], []
    for path in files:
        started = time.perf_counter()
        dialog = PreviewDialog(path, "Aperçu du dossier", "Banc d'essai")
        dialog.resize(900, 700)
        dialog.show()
        application.processEvents()
        opened.append(time.perf_counter() - started)
        bar = dialog.findChild(QScrollArea).verticalScrollBar()
        while bar.value() < bar.maximum():
            pages.append(timed(lambda b=bar: b.setValue(b.value() + b.pageStep()), application))
        dialog.close_document()
        dialog.done(0)
    return {"open_preview": p95(opened), "preview_scroll_page": p95(pages)}


def main() -> int:
    compileall.compile_dir(str(ROOT / "app"), quiet=1)
    compileall.compile_dir(str(ROOT / "ui"), quiet=1)
    with tempfile.TemporaryDirectory() as work_name:
        work = Path(work_name)
        folder = work / "donnees"
        fill(folder, CANDIDATES, date.today())
        add_real_dossiers(folder)
        figures = interactions(folder)
        exported = pdf_and_preview(folder, work)
        figures["export_pdf"] = exported["export_pdf"]
        figures.update(preview(exported["files"]))
    goals = {name: entry["p95_ms"] < GOAL_MS for name, entry in figures.items()}
    goals["export_pdf"] = figures["export_pdf"]["p95_ms"] < GOAL_PDF_MS
    figures["goals_met"] = goals
    save_figures("interactions", figures, show=True)
    return 0 if all(goals.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
