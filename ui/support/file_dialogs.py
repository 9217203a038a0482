"""The file dialogs: they open in the user's Documents folder the first time, then in the
folder the user last chose a file in (kept in Passerelle's own settings on this computer,
never in a dossier). Tests replace the functions of the modules that call these."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QHeaderView, QTreeView, QWidget

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


def _dialog(parent: QWidget, title: str, where: Path, filters: str) -> QFileDialog:
    """Qt's file dialog (the system's own where there is one), large enough for its
    columns — name, size, type, « Dernière modification » — to show whole."""
    dialog = QFileDialog(parent, title, str(where), filters)
    dialog.resize(960, 560)
    for view in dialog.findChildren(QTreeView):
        header = view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, header.count()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return dialog


def _chosen(dialog: QFileDialog) -> list[Path]:
    if dialog.exec() != QFileDialog.DialogCode.Accepted:
        return []
    names = [Path(name) for name in dialog.selectedFiles()]
    if names:
        remember(names[0])
    return names


def open_file(parent: QWidget, title: str, filters: str, folder: Path | None = None) -> Path | None:
    """A file to read, from `folder` (else the start folder)."""
    dialog = _dialog(parent, title, folder or start_folder(), filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    chosen = _chosen(dialog)
    return chosen[0] if chosen else None


def open_files(parent: QWidget, title: str, filters: str) -> list[Path]:
    dialog = _dialog(parent, title, start_folder(), filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    return _chosen(dialog)


def open_folder(parent: QWidget, title: str) -> Path | None:
    """A folder (to import everything it holds, or to write files into)."""
    dialog = _dialog(parent, title, start_folder(), "")
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    chosen = _chosen(dialog)
    return chosen[0] if chosen else None


def save_file(
    parent: QWidget, title: str, suggested: str, filters: str, suffix: str, confirm: bool = True
) -> Path | None:
    """A file to write, named `suggested` in the start folder at first; `suffix` added when
    the user left it out. `confirm=False`: the caller refuses an existing file itself."""
    dialog = _dialog(parent, title, start_folder() / suggested, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, not confirm)
    chosen = _chosen(dialog)
    if not chosen:
        return None
    name = str(chosen[0])
    return Path(name if name.lower().endswith(suffix) else f"{name}{suffix}")
