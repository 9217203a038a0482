"""`passerelle --self-test`: checks, also inside the installed (frozen) application, that
every part it ships works on this machine. Each step prints one line « OK … » or
« ÉCHEC … » ; the exit code is 0 only if all passed. Nothing touches the user's data: the
steps work in a temporary folder that is removed afterwards.

The core's steps are here (database, import and evaluation, PDF); the launcher adds the
window's (passerelle/gui.py) as an extra step: the core never imports the window."""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path

from app.french import plural

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
        from app.store.intake import import_paths
        from app.store.mapping import dossier_of

        catalogue = load_catalogue_in_use(self.store.data_dir)
        sample = resource("examples", f"{SAMPLE}.json")
        report = import_paths(self.store, [sample], load_rules(), catalogue)
        if report.count("created") != 1:
            raise RuntimeError("le dossier d'exemple n'a pas été importé")
        with self.store.transaction() as session:
            dossier = dossier_of(find_candidate(session, SAMPLE_REF))
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
        attached = read_pdf_dossier(self.pdf)
        if attached.exported_at is None or replace(attached, exported_at=None) != stored:
            raise RuntimeError("le dossier joint au PDF ne redonne pas le dossier exporté")
        size = self.pdf.stat().st_size // 1024
        return f"PDF de {size} Ko, dossier joint relu à l'identique (SHA-256 {copy.sha256[:12]}…)"

    def protection(self) -> str:
        """A copy of the data protected by a passphrase (SQLCipher, Argon2id): nothing in
        clear in its files, a wrong passphrase refused, the right one opens it."""
        from app.store import cipher
        from app.store.database import open_store
        from app.store.keyfile import WrongSecret
        from app.store.models import CandidateRow
        from app.store.protection import protect

        folder = self.folder / "protegees"
        folder.mkdir()
        from app.store.sqlite import copy_database

        copy_database(self.store.path, folder / "passerelle.sqlite3")
        protect(folder, "mot de passe de l'auto-test")
        cipher.lock(folder)
        for path in folder.rglob("*"):
            if path.is_file() and b"SQLite format 3" in path.read_bytes():
                raise RuntimeError(f"{path.name} est resté en clair")
        try:
            cipher.unlock(folder, "pas le bon")
            raise RuntimeError("un mauvais mot de passe a ouvert les données")
        except WrongSecret:
            pass
        cipher.unlock(folder, "mot de passe de l'auto-test")
        store = open_store(folder)
        try:
            with store.transaction() as session:
                count = session.query(CandidateRow).count()
        finally:
            store.close(automatic_backup=False)
            cipher.lock(folder)
        if count != 1:
            raise RuntimeError(f"{count} candidat(s) après chiffrement, 1 attendu")
        return "base chiffrée (SQLCipher), rien en clair, relue avec le mot de passe, 1 candidat"

    def close(self) -> None:
        if self.store is not None:
            self.store.close(automatic_backup=False)
            self.store = None


Step = Callable[[SelfTest], str]  # an extra step: its detail, from the self-test's data


def run(extra_steps: Sequence[tuple[str, Step]] = ()) -> int:
    """Runs the steps, then each of `extra_steps` (title, action) on the same data."""
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
                test.step("Protection des données", test.protection)
                for title, action in extra_steps:
                    test.step(title, partial(action, test))
        finally:
            test.close()
    if test.failures:
        print(f"{test.failures} {plural(test.failures, 'étape', 'étapes')} en échec.", flush=True)
        return 1
    print("Tout fonctionne.", flush=True)
    return 0
