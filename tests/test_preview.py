"""The dossier's preview, offscreen, on real exported dossiers: every page rendered (only
when it comes into view), « Page X sur Y », the keys, zoom, a protected PDF, the names
screen readers read, the palette's colours."""

from datetime import date

import pikepdf
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QPalette, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QLineEdit,
    QScrollBar,
    QWidget,
)
from store_helpers import filled_store

from app.store.sent import export_pdf
from ui.candidate.preview import FIT, PreviewDialog

ON = date(2015, 1, 15)
PASSWORD = "S3cret-2026"


@pytest.fixture(scope="module")
def dossiers(tmp_path_factory, rules, catalogue):
    """A CIP dossier, a CISP one and a protected CIP one, exported from a data folder."""
    folder = tmp_path_factory.mktemp("apercu")
    store = filled_store(folder / "donnees")
    written = {}
    for name, ref, password in (
        ("cip", "c-2014-017", None),
        ("cisp", "c-2014-031", None),
        ("protege", "c-2014-017", PASSWORD),
    ):
        out = folder / f"Dossier-{name}.pdf"
        export_pdf(store, ref, out, rules, catalogue, password=password, today=ON)
        written[name] = out
    store.close(automatic_backup=False)
    return written


def page_count(pdf, password=""):
    with pikepdf.open(pdf, password=password) as document:
        return len(document.pages)


def shown(qtbot, dialog, width=700, height=520):
    qtbot.addWidget(dialog)
    dialog.resize(width, height)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def rendered(dialog):
    return [view.rendered_width > 0 for view in dialog.views]


@pytest.mark.parametrize("name", ["cip", "cisp"])
def test_every_page_is_rendered_as_it_comes_into_view(qtbot, dossiers, name):
    pdf = dossiers[name]
    count = page_count(pdf)
    assert count >= 3
    dialog = shown(qtbot, PreviewDialog(pdf, "Aperçu du dossier", f"Dossier : {pdf}"))
    assert len(dialog.views) == count
    assert dialog.position.text() == f"Page 1 sur {count}"
    # the first page and the next one at once; the last only once it is scrolled to
    assert rendered(dialog)[:2] == [True, True] and not rendered(dialog)[-1]
    bar = dialog.scroll.verticalScrollBar()
    for number in range(1, count + 1):
        view = dialog.views[number - 1]
        bar.setValue(view.y() + 1 if number < count else bar.maximum())
        assert dialog.position.text() == f"Page {number} sur {count}"
        pixmap = view.pixmap()
        assert view.rendered_width == view.width() > 0
        assert pixmap.width() > 0 and pixmap.height() > 0
        # the page's text is given to screen readers
        assert view.accessibleDescription().strip()
    assert all(rendered(dialog))
    # a real page: mostly white paper, with dark text on it
    image = dialog.views[0].pixmap().toImage()
    colours = {
        image.pixelColor(x, y).lightness()
        for x in range(0, image.width(), 7)
        for y in range(0, image.height(), 7)
    }
    assert max(colours) > 250 and min(colours) < 80
    assert max(dialog.pages.render_ms) < 1000  # measured with bench/pdf.py (goal < 100 ms)


def test_pages_fit_the_width_and_follow_its_changes(qtbot, dossiers):
    dialog = shown(qtbot, PreviewDialog(dossiers["cip"], "Aperçu du dossier", "…"))
    viewport = dialog.scroll.viewport()
    first = dialog.views[0]
    assert first.width() == viewport.width() - 24
    assert abs(first.height() / first.width() - 297 / 210) < 0.01  # A4
    assert dialog.scroll.horizontalScrollBar().maximum() == 0
    bar = dialog.scroll.verticalScrollBar()
    bar.setValue(bar.maximum())
    bar.setValue(0)
    assert all(rendered(dialog))  # the last pages were seen once
    dialog.resize(900, 520)
    qtbot.waitUntil(lambda: dialog.views[0].width() == viewport.width() - 24)
    assert dialog.views[0].rendered_width == dialog.views[0].width()
    # out of view, a page drawn at the old width is freed, to be drawn again when seen
    assert not rendered(dialog)[-1] and dialog.views[-1].pixmap().isNull()
    assert dialog.views[0].pixmap().width() == round(
        dialog.views[0].width() * dialog.devicePixelRatioF()
    )


def test_keys_scroll_and_zoom_and_escape_closes(qtbot, dossiers):
    pdf = dossiers["cip"]
    count = page_count(pdf)
    dialog = shown(qtbot, PreviewDialog(pdf, "Aperçu du dossier", "…"))
    bar = dialog.scroll.verticalScrollBar()
    qtbot.keyClick(dialog, Qt.Key.Key_End)
    assert bar.value() == bar.maximum() > 0
    assert dialog.position.text() == f"Page {count} sur {count}" and all(rendered(dialog)[-2:])
    qtbot.keyClick(dialog, Qt.Key.Key_Home)
    assert bar.value() == 0 and dialog.position.text() == f"Page 1 sur {count}"
    qtbot.keyClick(dialog, Qt.Key.Key_PageDown)
    assert bar.value() == bar.pageStep() > 0
    qtbot.keyClick(dialog, Qt.Key.Key_PageUp)
    assert bar.value() == 0
    qtbot.keyClick(dialog, Qt.Key.Key_Down)
    assert bar.value() == bar.singleStep() > 0
    qtbot.keyClick(dialog, Qt.Key.Key_Up)
    assert bar.value() == 0

    fitted = dialog.views[0].width()
    qtbot.keyClick(dialog, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    wider = dialog.views[0].width()
    assert wider > fitted and dialog.views[0].rendered_width == wider
    across = dialog.scroll.horizontalScrollBar()
    assert across.maximum() > 0  # wider than the window now, and still centred
    assert abs(across.value() - across.maximum() / 2) <= 1
    qtbot.keyClick(dialog, Qt.Key.Key_Right)
    assert across.value() > across.maximum() / 2 + 1
    qtbot.keyClick(dialog, Qt.Key.Key_Left)
    qtbot.keyClick(dialog, Qt.Key.Key_Left)
    assert across.value() < across.maximum() / 2 - 1
    qtbot.keyClick(dialog, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dialog, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert dialog.views[0].width() < fitted and dialog.zoom == FIT - 1
    assert dialog.zoom_in_button.isEnabled() and dialog.fit_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert dialog.views[0].width() == fitted and not dialog.fit_button.isEnabled()
    dialog.zoom_in_button.click()
    assert dialog.views[0].width() == wider
    for notches, width in ((-120, fitted), (120, wider)):  # Ctrl + the mouse wheel
        wheel = QWheelEvent(
            QPointF(50, 50),
            QPointF(50, 50),
            QPoint(0, 0),
            QPoint(0, notches),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.ControlModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(dialog.scroll.viewport(), wheel)
        assert dialog.views[0].width() == width

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == 0
    assert dialog.pages is None  # the document is closed with the dialog


def test_the_answer_buttons(qtbot, dossiers):
    sending = shown(
        qtbot,
        PreviewDialog(
            dossiers["cip"],
            "Relire le dossier avant de l'envoyer",
            "…",
            accept_text="Préparer le courriel",
            close_text="Ne pas envoyer",
        ),
    )
    assert sending.accept_button.text() == "Préparer le courriel"
    assert sending.accept_button.isDefault() and not sending.close_button.isDefault()
    assert sending.close_button.text() == "Ne pas envoyer"
    qtbot.keyClick(sending.scroll, Qt.Key.Key_Return)  # Entrée: the default answer
    assert sending.result() == 1
    reading = shown(qtbot, PreviewDialog(dossiers["cip"], "Aperçu du dossier", "…"))
    assert reading.accept_button is None and reading.close_button.text() == "Fermer"
    assert reading.close_button.isDefault()
    reading.close_button.click()
    assert reading.result() == 0


def test_a_protected_dossier_with_its_password(qtbot, dossiers):
    pdf = dossiers["protege"]
    count = page_count(pdf, PASSWORD)
    dialog = shown(qtbot, PreviewDialog(pdf, "Aperçu du dossier", "…", password=PASSWORD))
    assert len(dialog.views) == count and dialog.position.text() == f"Page 1 sur {count}"
    assert not dialog.password_row.isVisible() and not dialog.problem.isVisible()
    dialog.scroll.verticalScrollBar().setValue(dialog.scroll.verticalScrollBar().maximum())
    assert all(rendered(dialog))


def test_a_protected_dossier_asks_its_password_and_keeps_none(qtbot, dossiers):
    dialog = PreviewDialog(dossiers["protege"], "Aperçu du dossier", "…", accept_text="Préparer")
    shown(qtbot, dialog)
    assert dialog.views == [] and dialog.password_row.isVisible()
    assert dialog.unlock_button.isDefault() and not dialog.accept_button.isDefault()
    assert dialog.problem.text() == "Ce dossier est protégé par un mot de passe."
    assert dialog.position.text() == "Aucune page affichée"
    assert not dialog.zoom_in_button.isEnabled() and not dialog.zoom_out_button.isEnabled()
    qtbot.keyClicks(dialog.password, "S3cret-2025")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Home)  # the field's keys stay the field's
    assert dialog.password.cursorPosition() == 0
    qtbot.keyClick(dialog.password, Qt.Key.Key_Right)
    assert dialog.password.cursorPosition() == 1
    qtbot.keyClick(dialog.password, Qt.Key.Key_End)
    assert dialog.password.cursorPosition() == len("S3cret-2025")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.isVisible()  # Entrée in the field tries the password, it does not answer
    assert dialog.problem.text() == "Ce mot de passe n'ouvre pas le dossier."
    assert dialog.password.text() == "" and dialog.views == []
    dialog.password.setText(PASSWORD)
    dialog.unlock_button.click()
    assert dialog.password.text() == "" and not dialog.password_row.isVisible()
    assert not dialog.problem.isVisible() and rendered(dialog)[0]
    assert dialog.accept_button.isDefault() and not dialog.unlock_button.isDefault()
    assert dialog.zoom_in_button.isEnabled() and dialog.zoom_out_button.isEnabled()
    assert PASSWORD not in [str(value) for value in vars(dialog).values()]


def test_a_file_that_is_not_a_pdf_is_said(qtbot, tmp_path):
    broken = tmp_path / "abime.pdf"
    broken.write_bytes(b"%PDF-1.7 rien d'autre")
    dialog = shown(qtbot, PreviewDialog(broken, "Aperçu du dossier", "…"))
    assert dialog.views == [] and "ne se lit pas comme un PDF" in dialog.problem.text()
    assert not dialog.password_row.isVisible()


def test_every_widget_has_an_accessible_name(qtbot, dossiers):
    for dialog in (
        PreviewDialog(dossiers["cip"], "Aperçu du dossier", "…"),
        PreviewDialog(dossiers["protege"], "Aperçu du dossier", "…", accept_text="Préparer"),
    ):
        shown(qtbot, dialog)
        widgets = [  # all but the scroll area's inner frames, which nothing reads
            w
            for w in dialog.findChildren(QWidget)
            if not w.objectName().endswith(("_hcontainer", "_vcontainer"))
        ]
        kinds = (QLabel, QAbstractButton, QLineEdit, QAbstractScrollArea, QScrollBar)
        assert len([w for w in widgets if isinstance(w, kinds)]) > 10
        unnamed = [w for w in widgets if not w.accessibleName()]
        assert unnamed == []
        assert dialog.accessibleName() and dialog.sheet.accessibleName()


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.WindowText, "#e8e8e8"),
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.Text, "#e8e8e8"),
        (QPalette.ColorRole.Button, "#353535"),
        (QPalette.ColorRole.ButtonText, "#e8e8e8"),
        (QPalette.ColorRole.Dark, "#151515"),
        (QPalette.ColorRole.Mid, "#252525"),
        (QPalette.ColorRole.PlaceholderText, "#9a9a9a"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


def test_the_colours_are_the_palettes(qtbot, dossiers):
    dialog = PreviewDialog(dossiers["cip"], "Aperçu du dossier", "…")
    dialog.setPalette(dark_palette())
    shown(qtbot, dialog)
    image = dialog.grab().toImage()
    around_pages = dialog.scroll.viewport().mapTo(dialog, dialog.views[0].geometry().topLeft())
    gap = image.pixelColor(around_pages.x() - 4, around_pages.y() + 40)
    assert gap.name() == "#151515"  # the palette's Dark, behind the pages
    window = image.pixelColor(2, 2)
    assert window.name() == "#2b2b2b"
    waiting = dialog.views[-1]  # not rendered yet: the palette's Base
    assert not waiting.rendered_width
    assert waiting.palette().color(waiting.backgroundRole()).name() == "#1e1e1e"
