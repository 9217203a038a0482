"""Questions with two answers, the safe one by default: yes/no, or in the counsellor's
words."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def choose(
    parent: QWidget | None,
    title: str,
    text: str,
    yes: str,
    no: str,
    details: str = "",
    warning: bool = False,
) -> bool:
    """True when the counsellor picks `yes`; `no` is the default (Entrée, Échap)."""
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Question
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    box = QMessageBox(icon, title, text, buttons, parent)
    if details:
        box.setInformativeText(details)
    box.button(QMessageBox.StandardButton.Yes).setText(yes)
    box.button(QMessageBox.StandardButton.No).setText(no)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Asks a yes/no question, « Non » by default (tests replace this function)."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def choose_of_three(
    parent: QWidget | None,
    title: str,
    text: str,
    answers: tuple[str, str, str],
    details: str = "",
) -> int:
    """0, 1 or 2: the answer picked among `answers` (keep/save, throw away, stay); the
    first is the default (Entrée), the last is Échap's."""
    buttons = QMessageBox.StandardButton
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        text,
        buttons.Save | buttons.Discard | buttons.Cancel,
        parent,
    )
    if details:
        box.setInformativeText(details)
    for which, words in zip((buttons.Save, buttons.Discard, buttons.Cancel), answers, strict=True):
        box.button(which).setText(words)
    answer = box.exec()
    return {buttons.Save: 0, buttons.Discard: 1}.get(answer, 2)
