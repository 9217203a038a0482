"""The few colours Passerelle adds to the system's palette: a status (a problem to correct,
a warning, a success) as text colour, chosen for the palette in use — light or dark — so
that it keeps a contrast of at least 4.5:1 (WCAG AA) with the window's background. No
background is ever painted: the system's (or the high-contrast theme's) stays. A status is
never told by colour alone: the text says it too."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

ERROR, WARNING, SUCCESS = "error", "warning", "success"
MIN_CONTRAST = 4.5

# (on a light background, on a dark one)
_STATUS = {
    ERROR: ("#b00020", "#ff8a80"),
    WARNING: ("#8a4b00", "#ffc46b"),
    SUCCESS: ("#1b5e20", "#8fd694"),
}


def _palette(palette: QPalette | None) -> QPalette:
    if palette is not None:
        return palette
    application = QApplication.instance()
    return application.palette() if application is not None else QPalette()


def background(palette: QPalette | None = None) -> QColor:
    return _palette(palette).color(QPalette.ColorRole.Window)


def is_dark(palette: QPalette | None = None) -> bool:
    return background(palette).lightnessF() < 0.5


def luminance(colour: QColor) -> float:
    """Relative luminance (WCAG 2)."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(first: QColor, second: QColor) -> float:
    """The WCAG contrast ratio of two colours, from 1 to 21."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def status_colour(status: str, palette: QPalette | None = None) -> QColor:
    """The text colour of a status on this palette; the palette's own text colour when
    ours would not keep the contrast (a high-contrast theme, say)."""
    palette = _palette(palette)
    light, dark = _STATUS[status]
    colour = QColor(dark if is_dark(palette) else light)
    if contrast(colour, background(palette)) < MIN_CONTRAST:
        return palette.color(QPalette.ColorRole.WindowText)
    return colour


def status_css(status: str, bold: bool = False) -> str:
    """A style sheet for a label telling that status."""
    weight = " font-weight: bold;" if bold else ""
    return f"color: {status_colour(status).name()};{weight}"
