"""COORACE's workspace: « Régions », « Groupes proposés », « Groupes constitués » in tabs,
read again together by `reload` (one transaction). The main window places it and listens
to `changed` (a group recorded or changed)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.consolidation.groups import group_lines
from app.consolidation.overview import regions_overview
from app.consolidation.readiness import proposal_on
from app.domain import Catalogue
from app.rules import Rules
from app.store.database import Store
from ui.consolidation import dialogs
from ui.consolidation.groups_view import GroupsView
from ui.consolidation.proposals import ProposalsView
from ui.consolidation.regions import RegionsView
from ui.support.failures import failure, failure_types


class ConsolidationView(QWidget):
    """The three views of COORACE's workspace over one store."""

    changed = Signal()

    def __init__(
        self, store: Store, rules: Rules, catalogue: Catalogue, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._store, self._rules, self._catalogue = store, rules, catalogue
        self.regions = RegionsView(int(rules.value("min_group_size")))
        self.proposals = ProposalsView(store)
        self.groups = GroupsView(store, rules, catalogue)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Espace COORACE")
        self.tabs.addTab(self.regions, "Régions")
        self.tabs.addTab(self.proposals, "Groupes proposés")
        self.tabs.addTab(self.groups, "Groupes constitués")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.proposals.date_changed.connect(self.reload)
        for view in (self.proposals, self.groups):
            view.changed.connect(self._changed)

    def on(self) -> date:
        """The date the workspace shows (the proposals' « Au »)."""
        return self.proposals.on()

    def set_catalogue(self, catalogue: Catalogue) -> None:
        """The catalogue in use changed: evaluations read it from now on."""
        self._catalogue = catalogue
        self.groups._catalogue = catalogue
        self.reload()

    def reload(self, later: bool = False) -> None:
        """Reads the ready candidates, the proposal, the regions and the groups again, in
        one transaction, for the date shown; with `later`, only once on screen (a save on
        the candidate page does not re-read them while the view is hidden)."""
        if later and not self.isVisible():
            self._stale = True
            return
        self._stale = False
        on = self.on()
        try:
            with self._store.transaction() as session:
                proposal, ready = proposal_on(session, on, self._rules, self._catalogue)
                regions = regions_overview(session, ready, on)
                lines = group_lines(session)
        except failure_types() as error:
            dialogs.tell(self, "Lecture impossible", failure(error, self._store.path), True)
            return
        self.regions.show_regions(regions)
        self.proposals.show_proposal(proposal)
        self.groups.on = on
        self.groups.show_groups(lines)

    def showEvent(self, event) -> None:
        if getattr(self, "_stale", False):
            self.reload()
        super().showEvent(event)

    def _changed(self) -> None:
        self.reload()
        self.changed.emit()
