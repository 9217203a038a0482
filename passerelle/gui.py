"""The window's side of the launcher: opening the window, and the self-test's last step,
which builds it offscreen on the self-test's data."""

from __future__ import annotations

import importlib
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.selftest import SelfTest, Step


def open_window(data_dir: str | None) -> int:
    """The window on the data folder `data_dir` (None: the default one); its exit code."""
    from ui.window.start import run

    return run(data_dir)


def window_step(test: SelfTest) -> str:
    """The main window built offscreen on the self-test's store: one candidate listed, Qt
    speaking French, each path's wizard opened."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ui.window import candidate_actions, main_window, start

    application = QApplication.instance() or QApplication(sys.argv[:1])
    translators = start.install_french(application)
    window = main_window.MainWindow(test.store)
    window.show()
    application.processEvents()
    rows = window.candidate_list.model.rowCount()
    title = window.windowTitle()
    pages = _wizards(test, window, candidate_actions.WIZARDS)
    window.hide()
    window.store = None  # the self-test closes the store itself
    window.close()
    if rows != 1:
        raise RuntimeError(f"la liste montre {rows} lignes, 1 attendue")
    french = "traduction française de Qt chargée" if translators else "SANS traduction de Qt"
    if not translators:
        raise RuntimeError("traduction française de Qt (qtbase_fr) introuvable")
    return (
        f"fenêtre « {title} » construite hors écran, 1 candidat listé, {french}, assistants {pages}"
    )


def _wizards(test: SelfTest, window, wizards: dict[str, tuple[str, str]]) -> str:
    """Each path's wizard opened on the candidate, left without saving."""
    from sqlalchemy import select

    from app.store.models import CandidateRow

    with test.store.transaction() as session:
        candidate_id = session.scalars(select(CandidateRow.id)).one()
    counts = []
    for path, (module, name) in wizards.items():
        wizard_class = getattr(importlib.import_module(module), name)
        wizard = wizard_class(test.store, window.rules, window.catalogue, candidate_id, window)
        wizard.show()
        wizard.done(0)
        counts.append(f"{path.upper()} ({len(wizard.pageIds())} pages)")
    return " et ".join(counts)


def preview_step(test: SelfTest) -> str:
    """The dossier the self-test exported, in the preview (pypdfium2 inside the bundle)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ui.candidate.preview import PreviewDialog

    application = QApplication.instance() or QApplication(sys.argv[:1])
    if test.pdf is None or not test.pdf.exists():
        raise RuntimeError("pas de dossier PDF à montrer (l'étape « Dossier PDF » a échoué)")
    dialog = PreviewDialog(test.pdf, "Aperçu du dossier", "Auto-test")
    dialog.show()
    application.processEvents()
    pages = len(dialog.views)
    times = list(dialog.pages.render_ms) if dialog.pages else []
    problem = dialog.problem.text()
    dialog.done(0)
    if not times:
        raise RuntimeError(f"aucune page rendue ({problem or 'sans message'})")
    return (
        f"{pages} pages, {len(times)} rendues à l'ouverture (la plus lente en {max(times):.0f} ms)"
    )


SELF_TEST_STEPS: tuple[tuple[str, Step], ...] = (
    ("Fenêtre", window_step),
    ("Aperçu du dossier", preview_step),
)
