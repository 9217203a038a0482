"""Status colours keep a contrast of 4.5:1 with the window's background, on a light and on
a dark palette; a high-contrast theme where ours would not gets the theme's own text
colour; nothing paints a background of its own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette

from tools.screenshot_variants import dark_palette
from ui.support.colours import ERROR, MIN_CONTRAST, SUCCESS, WARNING, contrast, status_colour

ROOT = Path(__file__).resolve().parent.parent


def light_palette() -> QPalette:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#efefef"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#000000"))
    return palette


@pytest.mark.parametrize("palette", [light_palette, dark_palette], ids=["clair", "sombre"])
@pytest.mark.parametrize("status", [ERROR, WARNING, SUCCESS])
def test_every_status_colour_reads_on_the_palette(qapp, palette, status):
    shown = palette()
    colour = status_colour(status, shown)
    background = shown.color(QPalette.ColorRole.Window)
    assert contrast(colour, background) >= MIN_CONTRAST


def test_a_theme_where_ours_would_not_read_gets_its_own_text_colour(qapp):
    grey = QPalette()
    grey.setColor(QPalette.ColorRole.Window, QColor("#7f7f7f"))
    grey.setColor(QPalette.ColorRole.WindowText, QColor("#000000"))
    assert status_colour(ERROR, grey) == QColor("#000000")


def test_the_contrast_ratio_is_wcag_s():
    assert round(contrast(QColor("#000000"), QColor("#ffffff")), 1) == 21.0
    assert round(contrast(QColor("#777777"), QColor("#ffffff")), 2) == 4.48


def test_no_window_code_paints_a_colour_of_its_own():
    """Colours come from ui/support/colours.py alone (the palette's otherwise)."""
    hard_coded = re.compile(r"#[0-9a-fA-F]{6}\b|background")
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in (ROOT / "ui").rglob("*.py")
        if path.name != "colours.py"
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
        if hard_coded.search(line)
    ]
    assert found == []
