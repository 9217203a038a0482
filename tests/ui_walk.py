"""Walking real widgets as assistive technology and the keyboard do: the accessible name of
every widget that takes focus with Tab, the mnemonics of the labels, the Tab chain."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QTabBar,
    QWidget,
)


def tab_stops(top: QWidget) -> list[QWidget]:
    """Every widget of `top` shown on screen that Tab stops on."""
    found = []
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top) or not widget.isEnabled():
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if widget.focusProxy() is not None:
            continue
        found.append(widget)
    return found


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader says. A combo box's own « name » is its current text
    (« — à évaluer — »), which names nothing: it needs an accessible name or a label."""
    interface = QAccessible.queryAccessibleInterface(widget)
    if interface is None:
        return ""
    if isinstance(widget, QComboBox) and not widget.isEditable():
        if widget.accessibleName():
            return widget.accessibleName()
        for related, relation in interface.relations(QAccessible.RelationFlag.Label):
            if relation & QAccessible.RelationFlag.Label and related.text(QAccessible.Text.Name):
                return related.text(QAccessible.Text.Name)
        return ""
    return interface.text(QAccessible.Text.Name)


def describe(widget: QWidget) -> str:
    text = widget.text() if hasattr(widget, "text") and callable(widget.text) else ""
    where = widget.parentWidget()
    chain = []
    while where is not None and len(chain) < 3:
        chain.append(type(where).__name__)
        where = where.parentWidget()
    placeholder = getattr(widget, "placeholderText", lambda: "")()
    return f"{type(widget).__name__}({text or placeholder!r}) in {'/'.join(chain)}"


def unnamed(top: QWidget) -> list[str]:
    """The widgets Tab stops on that a screen reader could not name, or would name as
    another one of the same screen (two fields both called « Activité 1 »)."""
    found, names = [], {}
    for widget in tab_stops(top):
        name = accessible_name(widget).strip()
        if not name:
            found.append(describe(widget))
        elif name in names and not isinstance(widget, QAbstractButton):
            found.append(f"{describe(widget)} : même nom que {describe(names[name])} ({name})")
        names.setdefault(name, widget)
    return found


def mnemonic(text: str) -> str | None:
    """The letter after a single « & », lower case (« && » is a literal &)."""
    index = text.replace("&&", "").find("&")
    cleaned = text.replace("&&", "")
    if index < 0 or index + 1 >= len(cleaned):
        return None
    return cleaned[index + 1].lower()


def cut_placeholders(top: QWidget) -> list[str]:
    """The fields shown whose grey hint does not fit in them (it would read « … »)."""
    found = []
    for field in top.findChildren(QLineEdit):
        hint = field.placeholderText()
        if not hint or not field.isVisibleTo(top):
            continue
        room = field.contentsRect().width() - field.textMargins().left() - 8
        if field.fontMetrics().horizontalAdvance(hint) > room:
            found.append(f"« {hint} » ne tient pas dans son champ ({room} px)")
    return found


def field_labels(top: QWidget) -> list[QLabel]:
    """The labels shown that name a field (their buddy)."""
    return [
        label
        for label in top.findChildren(QLabel)
        if label.buddy() is not None and label.isVisibleTo(top) and label.text().strip()
    ]


def mnemonic_problems(top: QWidget, reserved: set[str] = frozenset()) -> list[str]:
    """Field labels without a mnemonic, and letters used twice among the labels, buttons
    and check boxes shown, or taken from `reserved` (the menu bar's)."""
    problems = []
    seen: dict[str, str] = {}
    for label in field_labels(top):
        if mnemonic(label.text()) is None:
            problems.append(f"pas de raccourci clavier : « {label.text()} »")
    widgets = [*field_labels(top)]
    widgets += [
        w
        for w in top.findChildren(QAbstractButton)
        if w.isVisibleTo(top) and not isinstance(w.parentWidget(), QTabBar)
    ]
    for widget in widgets:
        letter = mnemonic(widget.text())
        if letter is None:
            continue
        if letter in reserved:
            problems.append(f"« {widget.text()} » reprend la lettre d'un menu ({letter})")
        elif letter in seen:
            problems.append(f"« {widget.text()} » et « {seen[letter]} » : même lettre {letter}")
        else:
            seen[letter] = widget.text()
    return problems


def menu_letters(window) -> set[str]:
    return {mnemonic(action.text()) for action in window.menuBar().actions()} - {None}


def tab_chain(top: QWidget, start: QWidget, limit: int = 200) -> list[QWidget]:
    """The widgets focused one after the other by pressing Tab from `start`, once round."""
    from PySide6.QtTest import QTest

    start.setFocus()
    QApplication.processEvents()
    chain = [QApplication.focusWidget()]
    for _ in range(limit):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        if focused is None or focused is chain[0] or focused in chain:
            break
        chain.append(focused)
    return chain
