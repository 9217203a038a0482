"""Fichier menu actions on the data folder: export, back up now, restore a backup, import
dossiers. Each asks through a small function that tests replace, and tells the result
plainly, in the window's words: never a command-line option."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from app.exchange.problems import ExchangeError
from app.store.backup_files import all_backups, check_restorable
from app.store.backups import backup_now, restore
from app.store.database import Store
from app.store.intake import IntakeReport
from app.store.restore_plan import plan_restore
from app.store.transfer import export_json
from ui.support import file_dialogs
from ui.support.failures import failure, failure_types


def choose_export_file(parent: QWidget, suggested: str) -> Path | None:
    """Where to write the exchange file (an existing one is refused by the export)."""
    return file_dialogs.save_file(
        parent,
        "Exporter au format d'échange",
        suggested,
        file_dialogs.EXCHANGE,
        ".json",
        confirm=False,
    )


def dropped_dossiers(mime) -> list[Path]:
    """The dossier files (JSON or PDF), and the folders, among what is dragged onto the
    window (a folder's dossiers are found at any depth by the import)."""
    if not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [path for path in paths if path.suffix.lower() in (".json", ".pdf") or path.is_dir()]


def choose_backup_file(parent: QWidget, folder: Path) -> Path | None:
    return file_dialogs.open_file(
        parent, "Restaurer une sauvegarde", "Sauvegardes Passerelle (*.sqlite3)", folder
    )


def tell(parent: QWidget, title: str, text: str, problem: bool = False) -> None:
    icon = QMessageBox.Icon.Warning if problem else QMessageBox.Icon.Information
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.open()


def last_backup_text(store: Store) -> str:
    backups = all_backups(store.backups_dir)
    if not backups:
        return "aucune sauvegarde pour l'instant"
    from datetime import datetime

    taken = datetime.fromtimestamp(backups[0].stat().st_mtime)
    return f"dernière sauvegarde le {taken:%d/%m/%Y à %H:%M}"


def export_candidate(parent: QWidget, store: Store, ref: str, siret: str) -> Path | None:
    out = choose_export_file(parent, f"{ref}.json")
    if out is None:
        return None
    try:
        export_json(store, ref, out, siret)
    except failure_types() as error:
        tell(parent, "Export impossible", failure(error, store.path), problem=True)
        return None
    tell(parent, "Dossier exporté", f"Le dossier a été écrit dans {out} (lisible par vous seul).")
    return out


def back_up_now(parent: QWidget, store: Store) -> Path | None:
    try:
        path = backup_now(store)
    except failure_types() as error:
        tell(parent, "Sauvegarde impossible", failure(error, store.path), problem=True)
        return None
    tell(parent, "Sauvegarde faite", f"Les données ont été sauvegardées dans {path}.")
    return path


def restore_question(
    parent: QWidget | None, title: str, text: str, informative: str, details: str
) -> QMessageBox:
    """The restore's question: what it undoes (`text`), where the current data goes
    (`informative`), the full list under « Afficher les détails » (`details`);
    « Restaurer » or « Annuler », Annuler by default (Entrée, Échap)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton)
    box.setParent(parent, box.windowFlags())
    box.setInformativeText(informative)
    box.setDetailedText(details)
    box.addButton("Restaurer", QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton("Annuler", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    return box


def confirm_restore(parent: QWidget, title: str, text: str, informative: str, details: str) -> bool:
    """True when the counsellor chooses « Restaurer » (tests replace this function)."""
    box = restore_question(parent, title, text, informative, details)
    box.exec()
    return box.buttonRole(box.clickedButton()) == QMessageBox.ButtonRole.AcceptRole


def restore_backup(parent: QWidget, store: Store) -> bool:
    """Fichier › Restaurer une sauvegarde…: the file chosen is checked, what restoring it
    would undo is said by name (asked, Annuler by default), then it is put in place after
    a copy of the current data, and the counsellor is told how to go back."""
    source = choose_backup_file(parent, store.backups_dir)
    if source is None:
        return False
    try:
        check_restorable(source, store.data_dir)
        plan = plan_restore(source, store.path, store.backups_dir)
    except failure_types() as error:
        tell(parent, "Restauration impossible", failure(error, store.path), problem=True)
        return False
    text = "\n".join(
        [f"Remplacer les données actuelles par la sauvegarde {source.name} ?", "", *plan.summary()]
    )
    informative = (
        f"Les données actuelles seront d'abord copiées dans le dossier des sauvegardes "
        f"({store.backups_dir}) : vous pourrez y revenir."
    )
    details = "\n".join(plan.lines())
    if not confirm_restore(parent, "Restaurer une sauvegarde ?", text, informative, details):
        return False
    try:
        safety = restore(store, source, checked=True)
    except failure_types() as error:
        tell(parent, "Restauration impossible", failure(error, store.path), problem=True)
        return False
    tell(
        parent,
        "Sauvegarde restaurée",
        f"La sauvegarde {source.name} est en place : ce qui avait été fait depuis est "
        f"défait.\n\nLes données d'avant sont gardées dans {safety}.\n\nPour y revenir : "
        f"Fichier › Restaurer une sauvegarde…, puis choisissez {safety.name}.",
    )
    return True


def ask_pdf_password(parent: QWidget, path: Path, wrong: bool) -> str | None:
    """The password of a protected PDF, or None when the counsellor cancels; `wrong`: the
    last one typed did not open it (tests replace this function)."""
    from ui.dialogs.pdf_password import PdfPasswordDialog

    dialog = PdfPasswordDialog(path, wrong, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.password()


def import_files(
    parent: QWidget, store: Store, paths: list[Path], confirm, show_problems
) -> IntakeReport | None:
    """Imports files and folders of dossiers in « Importer des dossiers reçus », file by
    file: one bad file is refused, the others imported; a protected PDF's password asked
    for; in a structure's workspace, a change to a known candidate is applied only if the
    user agrees, asked before anything is written. The report, or None when cancelled or
    when nothing could be done (the dialog, or a message, says why)."""
    from ui.window.import_dialog import ImportDialog

    if not paths:
        return None
    rules = getattr(parent, "rules", None)
    catalogue = getattr(parent, "catalogue", None)
    if rules is None:
        from app.rules import load_rules

        rules = load_rules()
    if catalogue is None:
        from app.store.catalogue_in_use import load_catalogue_in_use

        catalogue = load_catalogue_in_use(store.data_dir)
    dialog = ImportDialog(store, rules, catalogue, confirm, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.ask_password = lambda path, wrong: ask_pdf_password(dialog, path, wrong)
    dialog.open()
    try:
        return dialog.run(paths)
    except ExchangeError as error:
        dialog.close()
        show_problems(
            parent, "Rien n'a été importé.", [p.message for p in error.problems] or [str(error)]
        )
    except failure_types() as error:
        dialog.close()
        tell(parent, "Import impossible", failure(error, store.path), problem=True)
    return None
