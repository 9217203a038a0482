"""The file dialogs: they open in the user's Documents folder the first time, then in the
folder the user last chose a file in (kept in Passerelle's own settings on this computer,
never in a dossier). Tests replace the functions of the modules that call these."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

LAST_FOLDER = "fichiers/dernier_dossier"
DOSSIERS = "Dossiers Passerelle (*.json *.pdf);;Format d'échange (*.json);;Dossiers PDF (*.pdf)"
EXCHANGE = "Format d'échange Passerelle (*.json)"
PDF = "Dossiers PDF (*.pdf)"


def _settings() -> QSettings:
    return QSettings("COORACE", "Passerelle")


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(found) if found else Path.home()
    return folder if folder.is_dir() else Path.home()


def start_folder() -> Path:
    """Where the next dialog opens: the last folder used, if it still exists, else the
    Documents folder."""
    last = _settings().value(LAST_FOLDER)
    if isinstance(last, str) and last and Path(last).is_dir():
        return Path(last)
    return documents_folder()


def remember(chosen: Path) -> None:
    folder = chosen if chosen.is_dir() else chosen.parent
    _settings().setValue(LAST_FOLDER, str(folder))


def open_file(parent: QWidget, title: str, filters: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, str(start_folder()), filters)
    if not name:
        return None
    remember(Path(name))
    return Path(name)


def open_files(parent: QWidget, title: str, filters: str) -> list[Path]:
    names, _ = QFileDialog.getOpenFileNames(parent, title, str(start_folder()), filters)
    if names:
        remember(Path(names[0]))
    return [Path(name) for name in names]


def save_file(
    parent: QWidget, title: str, suggested: str, filters: str, suffix: str, confirm: bool = True
) -> Path | None:
    """A file to write, named `suggested` in the start folder at first; `suffix` added when
    the user left it out. `confirm=False`: the caller refuses an existing file itself."""
    options = QFileDialog.Option(0) if confirm else QFileDialog.Option.DontConfirmOverwrite
    name, _ = QFileDialog.getSaveFileName(
        parent, title, str(start_folder() / suggested), filters, options=options
    )
    if not name:
        return None
    path = Path(name if name.lower().endswith(suffix) else f"{name}{suffix}")
    remember(path)
    return path
