"""`make screenshots`, the variants to look at: the main window (a candidate's CIP tab)
and a wizard page at 150 % (QT_SCALE_FACTOR=1.5) and with a dark palette, so that one can
see nothing is cut and everything stays readable. Each variant runs in its own process:
Qt reads the scale when it starts.

    python -m tools.screenshot_variants OUT 150|sombre
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tools.offscreen import large_offscreen_screen

large_offscreen_screen()

VARIANTS = {"150": {"QT_SCALE_FACTOR": "1.5"}, "sombre": {}}


def dark_palette():
    """A dark palette such as a desktop's dark theme gives (Fusion's roles, dark)."""
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, "#2b2b2b"),
        (roles.WindowText, "#e8e8e8"),
        (roles.Base, "#1e1e1e"),
        (roles.AlternateBase, "#2f2f2f"),
        (roles.Text, "#e8e8e8"),
        (roles.Button, "#353535"),
        (roles.ButtonText, "#e8e8e8"),
        (roles.Highlight, "#3d6fb4"),
        (roles.HighlightedText, "#ffffff"),
        (roles.ToolTipBase, "#353535"),
        (roles.ToolTipText, "#e8e8e8"),
        (roles.PlaceholderText, "#a0a0a0"),
        (roles.Link, "#8ab4f8"),
    ):
        palette.setColor(role, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, roles.Text, QColor("#808080"))
    palette.setColor(QPalette.ColorGroup.Disabled, roles.ButtonText, QColor("#808080"))
    palette.setColor(QPalette.ColorGroup.Disabled, roles.WindowText, QColor("#808080"))
    return palette


def main(out: Path, variant: str) -> int:
    from PySide6.QtWidgets import QApplication

    from app.domain import Structure
    from app.exchange.dossier import dossier_from_data
    from app.store.candidates import save_dossier
    from app.store.database import open_store
    from app.store.structure import Setup, save_setup
    from tools.screenshots import _on_cip, demo_documents
    from ui.window.main_window import MainWindow
    from ui.window.start import install_french, open_data
    from ui.wizards.cip import wizard as steps

    application = QApplication.instance() or QApplication(sys.argv[:1])
    install_french(application)
    if variant == "sombre":
        application.setStyle("Fusion")
        application.setPalette(dark_palette())
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "demo", user="Claire Faucher")
        structure = Structure(
            name="Association Le Relais de l'Indre (fictive)",
            siret="43817206500015",
            kind="AI",
            region="Centre-Val de Loire",
            address="12 rue des Tanneurs, 36000 Châteauroux",
        )
        save_setup(store, Setup(structure, "formationcertifiante@coorace.org", "Claire Faucher"))
        with store.transaction() as session:
            for document in demo_documents(20):
                save_dossier(session, dossier_from_data(document), store.user)
        store.close(automatic_backup=False)
        window = MainWindow(open_data(str(Path(folder) / "demo")))
        window.show()
        window.candidate_list.table.selectRow(1)
        window.page.tabs.setCurrentWidget(window.page.cip)
        application.processEvents()
        window.grab().save(str(out / f"variante-{variant}-fenetre.png"))
        wizard = steps.CipWizard(
            window.store, window.rules, window.catalogue, _on_cip(window.store), window
        )
        wizard.show()
        wizard.next()  # the experience page, with its live total
        application.processEvents()
        wizard.grab().save(str(out / f"variante-{variant}-assistant.png"))
        wizard.done(0)
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), sys.argv[2]))
