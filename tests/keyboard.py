"""The keyboard, as a counsellor uses it, for the tests that drive the window and the
wizards with key events only: every key goes to the widget that has the keyboard at that
moment."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from ui_walk import describe

K = Qt.Key
ALT = Qt.KeyboardModifier.AltModifier


def focused() -> QWidget:
    """The widget that has the keyboard now (after what the last key set off: a cell's
    editor opened, say), or the active window when no widget has it yet."""
    QApplication.processEvents()
    widget = QApplication.focusWidget() or QApplication.activeWindow()
    assert widget is not None, "nothing has the keyboard"
    return widget


def typed(text: str) -> None:
    """Each character to the widget that has the keyboard when it is typed: a table opens
    its editor at the first one, and the next ones go there, as on a real keyboard."""
    for character in text:
        # the key and its text (QTest's own typing knows no « é »)
        try:
            code = Qt.Key(ord(character.upper()))
        except ValueError:
            code = K.Key_unknown
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, focused(), code, character, Qt.KeyboardModifier.NoModifier
        )
    QApplication.processEvents()


def key(name: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focused(), name, modifier)
    QApplication.processEvents()


def alt(letter: Qt.Key) -> None:
    """Alt and a letter: a button pressed that way is clicked after Qt shows it pressed
    (100 ms), a label's field gets the keyboard at once."""
    QTest.keyClick(focused(), letter, ALT)
    QTest.qWait(200)


def tab_to(widget: QWidget, limit: int = 40) -> None:
    """Tab until `widget` has the keyboard, as a person does; it must get there."""
    for _ in range(limit):
        if focused() is widget:
            return
        key(K.Key_Tab)
    raise AssertionError(f"Tab never reaches {describe(widget)}; stuck on {describe(focused())}")
