"""The main window on COORACE's data folder: its home view is the consolidation (regions,
proposed and recorded groups), its title says so; a structure's window keeps its own."""

import json
from datetime import date

from store_helpers import sample_data

from app.store.database import open_store
from app.store.intake import import_paths
from app.store.workspace import CooraceSetup, save_coorace_setup
from ui.window.main_window import MainWindow


def coorace_store(tmp_path, rules, catalogue):
    store = open_store(tmp_path / "coorace")
    save_coorace_setup(store, CooraceSetup("Certification", "Anne Roux", "c@coorace.invalid"))
    inbox = tmp_path / "recus"
    inbox.mkdir()
    for index in range(8):
        data = sample_data("cip-eligible")
        data["structure"]["siret"] = f"1000000000000{index % 2}"
        data["candidate"]["ref"] = f"c-{index}"
        (inbox / f"{index}.json").write_text(json.dumps(data), encoding="utf-8")
    import_paths(store, [inbox], rules, catalogue)
    return store


def test_coorace_sees_regions_and_groups_at_home(qtbot, tmp_path, rules, catalogue):
    from ui.consolidation.workspace import ConsolidationView

    store = coorace_store(tmp_path, rules, catalogue)
    window = MainWindow(store)
    qtbot.addWidget(window)
    assert isinstance(window.dashboard, ConsolidationView)
    assert window.views.tabText(0) == "Régions et groupes"
    assert "COORACE" in window.windowTitle()
    assert window.dashboard.on() == date.today()
    proposals = window.dashboard.proposals
    assert proposals.isEnabled()
    window.dashboard.reload(later=True)  # a save on a page, the view hidden: no error
    window.show()
    qtbot.waitExposed(window)
    assert window.candidate_list.model.rowCount() == 8  # every structure's candidates
    store.close(automatic_backup=False)


def test_a_structure_keeps_its_dashboard(qtbot, tmp_path):
    from store_helpers import filled_store

    from ui.window.dashboard import Dashboard

    store = filled_store(tmp_path / "donnees")
    window = MainWindow(store)
    qtbot.addWidget(window)
    assert isinstance(window.dashboard, Dashboard)
    assert window.views.tabText(0) == "Tableau de bord"
    store.close(automatic_backup=False)


def test_coorace_folder_is_set_up_for_the_fast_start(tmp_path, rules, catalogue):
    from app.store.listing import Listing

    store = coorace_store(tmp_path, rules, catalogue)
    store.close(automatic_backup=False)
    listing = Listing.open(store.path)
    try:
        assert listing.is_set_up()  # the list is shown at once, as for a structure
    finally:
        listing.close()
