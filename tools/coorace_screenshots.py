"""Screenshots of COORACE's workspace for the README (`make screenshots`): a folder of
dossiers from several structures imported (the outcome of each file), the regions, the
groups proposed, a group constituted with its members, its calendar, attendance and
board."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from app.resources import resource

# region → (structures, candidates): a regional group, small neighbours, Corse
SPREAD = {
    "Centre-Val de Loire": (2, 8),
    "Bretagne": (2, 4),
    "Pays de la Loire": (1, 3),
    "Corse": (1, 2),
    "Normandie": (1, 2),
}
FIRST = ["Éloïse", "Karim", "Sophie", "Jean", "Awa", "Léa", "Yanis", "Inès", "Marc", "Nadia"]
LAST = ["Martinez", "Benali", "Lefèvre", "Dupont", "Traoré", "Moreau", "Garnier", "Roux"]


def received_folder(root: Path) -> Path:
    """Dossiers as the structures exported them (fictitious), and one damaged file."""
    template = json.loads(resource("examples", "cip-eligible.json").read_text("utf-8"))
    inbox = root / "recus"
    index = 0
    for number, (region, (structures, count)) in enumerate(SPREAD.items()):
        for k in range(count):
            data = json.loads(json.dumps(template))
            which = k % structures + 1
            data["structure"].update(
                siret=f"{43817206500015 + 1000 * number + 10 * which}",
                region=region,
                name=f"Association Tremplin {region} {which} (fictive)",
            )
            data["candidate"].update(
                ref=f"c-2015-{index:03d}",
                last_name=LAST[index % len(LAST)],
                first_name=FIRST[(index * 3) % len(FIRST)],
            )
            data["exported_at"] = f"2015-01-{10 + index:02d}T10:42:00+01:00"
            path = inbox / region / f"dossier-{index:03d}.json"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
            index += 1
    (inbox / "abime.json").write_text('{"format": "passerelle.dossier"', encoding="utf-8")
    return inbox


def coorace_screens(application, folder: Path, out: Path) -> None:
    from app.store.database import open_store
    from app.store.workspace import CooraceSetup, save_coorace_setup
    from ui.window import import_dialog
    from ui.window.main_window import MainWindow

    store = open_store(folder, user="Anne Roux")
    save_coorace_setup(
        store, CooraceSetup("Service certification de COORACE", "Anne Roux", "c@coorace.org")
    )
    window = MainWindow(store)
    window.show()
    application.processEvents()
    with tempfile.TemporaryDirectory() as scratch:
        inbox = received_folder(Path(scratch))
        dialog = import_dialog.ImportDialog(
            store, window.rules, window.catalogue, confirm=lambda *_a: True, parent=window
        )
        dialog.show()
        dialog.run([inbox])
        application.processEvents()
        dialog.grab().save(str(out / "7-coorace-import.png"))
        dialog.close()
    window.candidate_list.reload()
    home = window.dashboard
    home.reload()
    for index, name in enumerate(("8-coorace-regions", "9-coorace-groupes-proposes")):
        home.tabs.setCurrentIndex(index)
        application.processEvents()
        window.grab().save(str(out / f"{name}.png"))
    home.proposals._record(home.proposals.current_group(), _Named("", "AFPA Tours"))
    home.tabs.setCurrentIndex(2)
    application.processEvents()
    window.grab().save(str(out / "10-coorace-groupe-constitue.png"))
    group_screens(application, window, out)
    window.close()
    store.close(automatic_backup=False)


def group_screens(application, window, out: Path) -> None:
    """The chosen group's calendar (five days, a month apart, from next Monday), its
    attendance after the first day, and its board."""
    from datetime import date, timedelta

    groups = window.dashboard.groups
    calendar = groups.calendar
    groups.detail.setCurrentWidget(calendar)
    start = date.today() + timedelta(days=7 - date.today().weekday())
    calendar.place.setText("AFPA Tours, salle 3")
    for month in range(5):
        day = start + timedelta(days=28 * month)
        calendar.day.setText(f"{day:%d/%m/%Y}")
        calendar.add()
    calendar.kind.setCurrentIndex(calendar.kind.findData("collective"))
    later = start + timedelta(days=200)
    calendar.day.setText(f"{later:%d/%m/%Y}")  # CIP-MOB said live
    calendar.table.selectRow(0)
    application.processEvents()
    window.grab().save(str(out / "11-coorace-calendrier.png"))
    attendance = groups.attendance
    groups.detail.setCurrentWidget(attendance)
    for row in range(attendance.table.rowCount()):
        for column in (0, 1):
            attendance.enter(row, column, "absent" if row == 3 else "present")
    attendance.enter(2, 1, "excused")
    attendance.table.setCurrentCell(0, 2)
    application.processEvents()
    window.grab().save(str(out / "12-coorace-presences.png"))
    groups.detail.setCurrentWidget(groups.board)
    application.processEvents()
    window.grab().save(str(out / "13-coorace-tableau-de-bord.png"))


class _Named:
    """What « Constituer ce groupe » was answered (the default name, an AFPA centre)."""

    def __init__(self, name: str, centre: str) -> None:
        self._chosen = (name, centre)

    def chosen(self) -> tuple[str, str]:
        return self._chosen
