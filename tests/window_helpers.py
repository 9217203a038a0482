"""The main window on a store, a candidate of the list opened on its page, as a
counsellor chooses them: for the tests of the candidate page's rooms."""

from __future__ import annotations


def row_of(model, name: str) -> int:
    """The list's row whose name holds `name`."""
    return next(r for r in range(model.rowCount()) if name in model.index(r, 0).data())


def open_candidate(qtbot, store, name: str):
    """The window shown, the candidate named `name` chosen in the list."""
    from ui.window.main_window import MainWindow

    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    window.candidate_list.table.selectRow(row_of(window.candidate_list.model, name))
    return window
