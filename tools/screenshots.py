"""`make screenshots`: PNGs of the first-start wizard, the dashboard, the list with 50
demo candidates (fictitious), a candidate page and every page of the CISP wizard, into
docs/screenshots/; then the window and a wizard page at 150 % and dark
(tools/screenshot_variants.py)."""

from __future__ import annotations

import copy
import json
import os
import random
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from tools.demo_names import FIRST_NAMES, LAST_NAMES
from tools.offscreen import large_offscreen_screen

large_offscreen_screen()

REGIONS = ["Centre-Val de Loire", "Bretagne", "Nouvelle-Aquitaine", "Occitanie"]


def demo_documents(count: int) -> list[dict]:
    from app.resources import resource

    samples = [
        json.loads(resource("examples", f"{n}.json").read_text(encoding="utf-8"))
        for n in ("cip-eligible", "cip-experience-insuffisante", "cisp-en-cours")
    ]
    rng = random.Random(2015)
    today = date.today()
    documents = []
    for index in range(count):
        document = copy.deepcopy(samples[index % 3])
        document["candidate"]["ref"] = f"demo-{index + 1:03d}"
        document["candidate"]["last_name"] = rng.choice(LAST_NAMES)
        document["candidate"]["first_name"] = rng.choice(FIRST_NAMES)
        document["structure"]["region"] = REGIONS[index % len(REGIONS)]
        document["structure"]["siret"] = [
            "43817206500015",
            "79231504800019",
            "53062817400027",
            "12345678200002",
        ][index % 4]
        if document["cip"] is not None and index % 3 == 0:
            decided = today - timedelta(days=rng.randint(40, 120))
            document["cip"]["admissibility_decision_on"] = decided.isoformat()
        if document["cisp"] is not None:
            registered = today - timedelta(days=rng.randint(200, 1700))
            document["cisp"]["registered_on"] = registered.isoformat()
            document["cisp"]["commission"]["date"] = (registered + timedelta(days=50)).isoformat()
        documents.append(document)
    return documents


def _on_cip(store) -> int:
    """The first demo candidate on the CIP path with no score yet."""
    from sqlalchemy import select

    from app.store.models import CandidateRow, CipRow

    with store.transaction() as session:
        return session.scalars(
            select(CandidateRow.id)
            .join(CipRow)
            .where(CipRow.positioning_score_pct.is_(None))
            .order_by(CandidateRow.id)
        ).first()


CISP_PAGES = ("inscription", "commission", "formations", "parcours", "sessions", "synthese")


def cisp_candidate() -> dict:
    """A fictitious candidate about to enter the CISP path: no step recorded yet."""
    from app.resources import resource

    document = json.loads(resource("examples", "cisp-en-cours.json").read_text(encoding="utf-8"))
    document["candidate"].update(ref="demo-cisp", last_name="Rivière", first_name="Inès")
    document["structure"]["siret"] = "43817206500015"
    document.update(employer_agreement=None, courses=[], cisp=None)
    return document


def cisp_wizard_pages(window, out: Path, application) -> None:
    """A new candidate (after the other captures: the list stays as they show it); the
    CISP wizard filled as a counsellor would, dates counted back from today, each page
    taken (the wizard is left without saving: the data folder is temporary)."""
    from app.exchange.dossier import dossier_from_data
    from app.store.candidates import save_dossier
    from ui.wizards.cisp.wizard import CispWizard

    with window.store.transaction() as session:
        candidate_id = save_dossier(session, dossier_from_data(cisp_candidate()), "Claire Faucher")

    def day(delta: int) -> str:
        return (registered + timedelta(days=delta)).strftime("%d/%m/%Y")

    def shoot(name: str) -> None:
        application.processEvents()
        number = wizard.currentId() + 1
        wizard.grab().save(str(out / f"cisp-{number}-{name}.png"))

    registered = date.today() - timedelta(days=730)
    wizard = CispWizard(window.store, window.rules, window.catalogue, candidate_id)
    wizard.show()
    page = wizard.currentPage()
    page.registered.setText(day(0))
    page.filed.setChecked(True)
    page.agreement.given_on.setText(day(-20))
    page.agreement.signatory.setText("Bernard Aubry, directeur")
    shoot(CISP_PAGES[0])
    wizard.next()
    page = wizard.currentPage()
    page.on.setText(day(50))
    page.decision.setCurrentIndex(page.decision.findData("accepted"))
    shoot(CISP_PAGES[1])
    wizard.next()
    page = wizard.currentPage()
    for search, ended in (("accueil et diag", -700), ("territoire", -2300), ("secour", -300)):
        page.search.setText(search)
        page.add_chosen()
        page.table.item(page.table.rowCount() - 1, 2).setText(day(ended))
    page.search.setText("conduite d'entretien")
    page.add_chosen()
    page.table.item(3, 2).setText(day(100))
    page.table.item(3, 3).setText("ATT-0098")
    for code, title, ended in (
        ("CF-EMP-01", "Prospection des entreprises", 180),
        ("CF-ANI-07", "Animation de réseaux d'employeurs", 240),
    ):
        page.add_by_hand()
        row = page.table.rowCount() - 1
        for column, text in ((0, code), (1, title), (2, day(ended))):
            page.table.item(row, column).setText(text)
    page.search.setText("acc")
    page.search.setFocus()  # the last cell typed in is left (its editor closes)
    shoot(CISP_PAGES[2])
    wizard.next()
    page = wizard.currentPage()
    page.contracted.setText(day(70))
    for offset, field in enumerate(page.planned.values()):
        field.setText(day(790 + 60 * offset))
    shoot(CISP_PAGES[3])
    wizard.next()
    page = wizard.currentPage()
    for delta, result in ((200, "not_validated"), (400, "validated")):
        page.poles[2].add_row({"date": None, "result": result})
        page.poles[2].rows[-1][0].setText(day(delta))
    shoot(CISP_PAGES[4])
    wizard.next()
    shoot(CISP_PAGES[5])
    wizard.hide()


def main(out: Path) -> int:
    from PySide6.QtWidgets import QApplication

    from app.exchange.dossier import dossier_from_data
    from app.store.candidates import save_dossier
    from app.store.database import open_store
    from app.store.structure import Setup, save_setup
    from ui.dialogs.setup import SetupWizard
    from ui.window.main_window import MainWindow
    from ui.window.start import install_french, open_data

    application = QApplication.instance() or QApplication(sys.argv[:1])
    install_french(application)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "demo", user="Claire Faucher")
        wizard = SetupWizard(store)
        form = wizard.structure_form
        form.name.setText("Association Le Relais de l'Indre (fictive)")
        form.siret.setText("438 172 065 00015")
        form.region.setCurrentText("Centre-Val de Loire")
        form.address.setText("12 rue des Tanneurs, 36000 Châteauroux")
        form.director.setText("Bernard Aubry")
        wizard.show()
        application.processEvents()
        wizard.grab().save(str(out / "0-qui-travaille-ici.png"))
        wizard.next()  # a member structure
        application.processEvents()
        wizard.grab().save(str(out / "1-assistant-premier-demarrage.png"))
        wizard.people.user.setText("Claire Faucher")
        save_setup(
            store, Setup(form.structure(), wizard.people.coorace_email.text(), "Claire Faucher")
        )
        wizard.close()
        with store.transaction() as session:
            for document in demo_documents(50):
                save_dossier(session, dossier_from_data(document), store.user)
        store.close(automatic_backup=False)
        window = MainWindow(open_data(str(Path(folder) / "demo")))
        window.show()
        application.processEvents()
        window.grab().save(str(out / "2-tableau-de-bord.png"))
        window.candidate_list.search.setText("")
        window.views.setCurrentWidget(window.page)
        window.candidate_list.table.selectRow(1)  # a CIP candidate
        application.processEvents()
        window.page.tabs.setCurrentWidget(window.page.experiences)
        application.processEvents()
        window.grab().save(str(out / "3-liste-et-fiche-candidat.png"))
        window.page.tabs.setCurrentWidget(window.page.cip)
        application.processEvents()
        window.grab().save(str(out / "4-fiche-candidat-cip.png"))
        _dossier_dialogs(window, out, application)
        cisp_wizard_pages(window, out, application)
        window.close()
        from tools.wizard_screenshots import cip_wizard_pages

        store = open_store(Path(folder) / "demo", user="Claire Faucher")
        cip_wizard_pages(application, store, window.rules, window.catalogue, _on_cip(store), out)
        store.close(automatic_backup=False)
        from tools.coorace_screenshots import coorace_screens

        coorace_screens(application, Path(folder) / "coorace", out)
    _variants(out)
    print(f"captures écrites dans {out}", file=sys.stderr)
    return 0


def _dossier_dialogs(window, out: Path, application) -> None:
    """The dossier of the candidate shown, in the preview, then the message after it."""
    from app.store.sent import export_pdf
    from ui.candidate.dossier_actions import ResultDialog
    from ui.candidate.preview import PreviewDialog

    page = window.page
    data, _ = page.document()
    pdf = Path(tempfile.mkdtemp()) / "Dossier-CIP-demo.pdf"
    export_pdf(
        window.store, data["candidate"]["ref"], pdf, window.rules, window.catalogue, path="cip"
    )
    preview = PreviewDialog(
        pdf,
        "Relire le dossier avant de l'envoyer",
        "Relisez le dossier : c'est ce que COORACE recevra.",
        accept_text="Préparer le courriel",
        close_text="Ne pas envoyer",
    )
    preview.resize(900, 700)
    preview.show()
    application.processEvents()
    preview.grab().save(str(out / "5-apercu-du-dossier.png"))
    preview.done(0)
    result = ResultDialog(
        "Dossier prêt à envoyer",
        f"Le dossier PDF est écrit ici :\n{pdf}\n\nLe courriel à COORACE est prêt : "
        "vérifiez-le, puis envoyez-le depuis votre messagerie.",
        pdf,
    )
    result.show()
    application.processEvents()
    result.grab().save(str(out / "6-message-apres-envoi.png"))
    result.done(0)


def _variants(out: Path) -> None:
    """The window and a wizard page at 150 % and dark, each in its own process."""
    import subprocess

    from tools.screenshot_variants import VARIANTS

    for variant, environment in VARIANTS.items():
        subprocess.run(
            [sys.executable, "-m", "tools.screenshot_variants", str(out), variant],
            env={**os.environ, **environment},
            check=True,
        )


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots")))
