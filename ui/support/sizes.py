"""A window's first size: the one asked, but never larger than the screen it opens on
(at 150 % a 1400 × 760 window would not fit a laptop's screen, its buttons off it)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

MARGIN = 0.95  # of the screen's free area: the window's frame and the task bar


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        widget.resize(width, height)
        return
    free = screen.availableGeometry()
    widget.resize(min(width, int(free.width() * MARGIN)), min(height, int(free.height() * MARGIN)))
