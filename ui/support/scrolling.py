"""A scroll area around a page's long content that is no tab stop of its own: Tab goes
from the field before it straight to the first field inside (which it scrolls into view),
so that nothing typed is swallowed by an invisible stop."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QWidget


def scrolled(inner: QWidget) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setWidget(inner)
    return scroll
