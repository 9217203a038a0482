"""`passerelle --self-test`: checks, also inside the installed (frozen) application, that
every part it ships works on this machine. Each step prints one line « OK … » or
« ÉCHEC … » ; the exit code is 0 only if all passed. Nothing touches the user's data: the
steps work in a temporary folder that is removed afterwards."""

from __future__ import annotations

import importlib
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path

SAMPLE = "cip-eligible"
SAMPLE_REF = "c-2014-017"
ON = date(2015, 1, 15)


class SelfTest:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.failures = 0
        self.store = None
        self.pdf: Path | None = None

    def step(self, title: str, action: Callable[[], str]) -> None:
        started = time.perf_counter()
        try:
            detail = action()
        except Exception as error:  # the report names any failure, and goes on
            self.failures += 1
            print(f"ÉCHEC {title} : {type(error).__name__}: {error}", flush=True)
            if os.environ.get("PASSERELLE_SELF_TEST_DEBUG"):
                traceback.print_exc()
            return
        elapsed = 1000 * (time.perf_counter() - started)
        print(f"OK    {title} — {detail} ({elapsed:.0f} ms)", flush=True)

    def database(self) -> str:
        from app.store import migrate
        from app.store.database import open_store

        self.store = open_store(self.folder / "donnees", user="Auto-test")
        revision = migrate.current_revision(self.store.engine)
        if revision != migrate.head_revision():
            raise RuntimeError(f"révision {revision}, attendue {migrate.head_revision()}")
        return f"base créée et migrée (révision {revision})"

    def import_and_evaluate(self) -> str:
        from app import labels
        from app.evaluation import evaluate
        from app.resources import resource
        from app.rules import load_rules
        from app.store.candidates import find_candidate
        from app.store.catalogue_in_use import load_catalogue_in_use
        from app.store.mapping import dossier_of
        from app.store.transfer import apply_import, plan_import, read_dossiers

        dossiers = read_dossiers([resource("examples", f"{SAMPLE}.json")])
        report = apply_import(self.store, plan_import(self.store, dossiers), lambda _step: True)
        if len(report.created) != 1:
            raise RuntimeError("le dossier d'exemple n'a pas été importé")
        with self.store.transaction() as session:
            dossier = dossier_of(find_candidate(session, SAMPLE_REF))
        catalogue = load_catalogue_in_use(self.store.data_dir)
        evaluation = evaluate(dossier, ON, load_rules(), catalogue)
        verdict = labels.CIP_VERDICT[evaluation.cip.verdict]
        if evaluation.cip.verdict != "eligible":
            raise RuntimeError(f"verdict « {verdict} », attendu « Éligible »")
        return f"dossier d'exemple importé, CIP au {ON:%d/%m/%Y} : {verdict}"

    def pdf_round_trip(self) -> str:
        from app.export.attachment import read_pdf_dossier
        from app.rules import load_rules
        from app.store.candidates import find_candidate
        from app.store.catalogue_in_use import load_catalogue_in_use
        from app.store.mapping import dossier_of
        from app.store.sent import export_pdf

        self.pdf = self.folder / "dossier.pdf"
        catalogue = load_catalogue_in_use(self.store.data_dir)
        copy = export_pdf(self.store, SAMPLE_REF, self.pdf, load_rules(), catalogue, today=ON)
        with self.store.transaction() as session:
            stored = dossier_of(find_candidate(session, SAMPLE_REF))
        if read_pdf_dossier(self.pdf) != stored:
            raise RuntimeError("le dossier joint au PDF ne redonne pas le dossier exporté")
        size = self.pdf.stat().st_size // 1024
        return f"PDF de {size} Ko, dossier joint relu à l'identique (SHA-256 {copy.sha256[:12]}…)"

    def window(self) -> str:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        widgets = importlib.import_module("PySide6.QtWidgets")
        main = importlib.import_module("ui.window.start")
        window_module = importlib.import_module("ui.window.main_window")
        application = widgets.QApplication.instance() or widgets.QApplication(sys.argv[:1])
        translators = main.install_french(application)
        window = window_module.MainWindow(self.store)
        window.show()
        application.processEvents()
        rows = window.candidate_list.model.rowCount()
        title = window.windowTitle()
        pages = self._wizards(window, window_module.WIZARDS)
        window.hide()
        window.store = None  # the self-test closes the store itself
        window.close()
        if rows != 1:
            raise RuntimeError(f"la liste montre {rows} candidat(s), 1 attendu")
        french = "traduction française de Qt chargée" if translators else "SANS traduction de Qt"
        if not translators:
            raise RuntimeError("traduction française de Qt (qtbase_fr) introuvable")
        return (
            f"fenêtre « {title} » construite hors écran, 1 candidat listé, {french}, "
            f"assistants {pages}"
        )

    def preview(self) -> str:
        """The dossier exported above, in the preview (pypdfium2 inside the bundle)."""
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        widgets = importlib.import_module("PySide6.QtWidgets")
        preview = importlib.import_module("ui.candidate.preview")
        application = widgets.QApplication.instance() or widgets.QApplication(sys.argv[:1])
        if self.pdf is None or not self.pdf.exists():
            raise RuntimeError("pas de dossier PDF à montrer (l'étape « Dossier PDF » a échoué)")
        dialog = preview.PreviewDialog(self.pdf, "Aperçu du dossier", "Auto-test")
        dialog.show()
        application.processEvents()
        pages = len(dialog.views)
        times = list(dialog.pages.render_ms) if dialog.pages else []
        problem = dialog.problem.text()
        dialog.done(0)
        if not times:
            raise RuntimeError(f"aucune page rendue ({problem or 'sans message'})")
        return (
            f"{pages} pages, {len(times)} rendues à l'ouverture "
            f"(la plus lente en {max(times):.0f} ms)"
        )

    def _wizards(self, window, wizards: dict[str, tuple[str, str]]) -> str:
        """Each path's wizard opened on the candidate, left without saving."""
        from sqlalchemy import select

        from app.store.models import CandidateRow

        with self.store.transaction() as session:
            candidate_id = session.scalars(select(CandidateRow.id)).one()
        counts = []
        for path, (module, name) in wizards.items():
            wizard_class = getattr(importlib.import_module(module), name)
            wizard = wizard_class(self.store, window.rules, window.catalogue, candidate_id, window)
            wizard.show()
            wizard.done(0)
            counts.append(f"{path.upper()} ({len(wizard.pageIds())} pages)")
        return " et ".join(counts)

    def close(self) -> None:
        if self.store is not None:
            self.store.close(automatic_backup=False)
            self.store = None


def run() -> int:
    from app import __version__
    from app.offline import without_openssl

    without_openssl()  # as the window does: the steps below run the same way

    frozen = " (application installée)" if getattr(sys, "frozen", False) else ""
    print(f"Passerelle {__version__}{frozen} — auto-test", flush=True)
    with tempfile.TemporaryDirectory(prefix="passerelle-autotest-") as name:
        test = SelfTest(Path(name))
        try:
            test.step("Base de données", test.database)
            if test.store is not None:
                test.step("Import et évaluation", test.import_and_evaluate)
                test.step("Dossier PDF", test.pdf_round_trip)
                test.step("Fenêtre", test.window)
                test.step("Aperçu du dossier", test.preview)
        finally:
            test.close()
    if test.failures:
        print(f"{test.failures} étape(s) en échec.", flush=True)
        return 1
    print("Tout fonctionne.", flush=True)
    return 0
