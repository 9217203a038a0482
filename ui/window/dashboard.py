"""The home view: deadlines within the warning period or passed, the candidacies
without news, and CIP groups per region against the group size of the rules."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.consolidation.overview import structure_groups
from app.rules import Rules
from app.store.dashboard import deadlines, regional_groups, without_news
from app.store.database import Store
from ui.support.colours import ERROR, status_colour


def _title(text: str) -> QLabel:
    label = QLabel(f"<b>{text}</b>")
    label.setWordWrap(True)
    return label


class Dashboard(QWidget):
    candidate_chosen = Signal(int)

    def __init__(self, store: Store, rules: Rules, parent=None) -> None:
        super().__init__(parent)
        self._store = store
        self._rules = rules
        self._stale_for: date | None = None
        horizon = rules.value("deadline_warning_days")
        self.deadlines = QListWidget()
        self.deadlines.setAccessibleName("Échéances proches ou dépassées")
        self.deadlines.setWordWrap(True)
        self.deadlines.itemActivated.connect(self._chosen)  # Entrée or a double click
        self.groups = QListWidget()
        self.groups.setAccessibleName("Candidats éligibles au CIP par région")
        self.groups.setWordWrap(True)
        self.quiet = QListWidget()
        self.quiet.setAccessibleName("Parcours sans nouvelle étape")
        self.quiet.setWordWrap(True)
        self.quiet.itemActivated.connect(self._chosen)
        self.answered = QListWidget()
        self.answered.setAccessibleName("Groupes de VAE collective communiqués par COORACE")
        self.answered.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(
            _title(
                f"Échéances des {horizon} prochains jours et échéances dépassées "
                f"(VAE de {rules.value('vae_max_months')} mois, parcours CISP de "
                f"{rules.value('max_path_years')} ans)"
            )
        )
        layout.addWidget(self.deadlines, 2)
        layout.addWidget(
            _title(
                f"Sans nouvelles : aucune étape depuis {rules.value('inactivity_warning_days')} "
                "jours ou plus"
            )
        )
        layout.addWidget(self.quiet, 1)
        layout.addWidget(
            _title(
                f"Candidats éligibles au CIP par région (un groupe démarre à "
                f"{rules.value('min_group_size')} personnes)"
            )
        )
        layout.addWidget(self.groups, 1)
        layout.addWidget(
            _title(
                "Groupes de VAE collective (réponses de COORACE : Fichier › Importer des "
                "dossiers reçus…)"
            )
        )
        layout.addWidget(self.answered, 1)

    def reload(self, today: date | None = None, later: bool = False) -> None:
        """Reads the deadlines and groups again; with `later`, only once on screen (a
        save on the candidate page does not re-read them while the dashboard is hidden)."""
        self._stale_for = today or date.today()
        if not later or self.isVisible():
            self._read(self._stale_for)

    def showEvent(self, event) -> None:
        if self._stale_for is not None:
            self._read(self._stale_for)
        super().showEvent(event)

    def _read(self, today: date) -> None:
        self._stale_for = None
        with self._store.transaction() as session:
            found = deadlines(session, today, self._rules.value("deadline_warning_days"))
            groups = regional_groups(session, self._rules.value("min_group_size"))
            quiet = without_news(session, today, self._rules.value("inactivity_warning_days"))
            answered = structure_groups(session)
        self.deadlines.clear()
        for deadline in found:
            item = QListWidgetItem(deadline.text())
            item.setData(Qt.ItemDataRole.UserRole, deadline.candidate_id)
            if deadline.overdue:
                item.setForeground(QBrush(status_colour(ERROR)))
            self.deadlines.addItem(item)
        if not found:
            self.deadlines.addItem("Aucune échéance dans cette période, aucune dépassée.")
        self.quiet.clear()
        for silent in quiet:
            item = QListWidgetItem(silent.text())
            item.setData(Qt.ItemDataRole.UserRole, silent.candidate_id)
            self.quiet.addItem(item)
        if not quiet:
            self.quiet.addItem("Aucun parcours sans nouvelles.")
        self.groups.clear()
        for group in groups:
            self.groups.addItem(group.text())
        if not groups:
            self.groups.addItem("Aucun candidat éligible au CIP en attente d'un groupe.")
        self.answered.clear()
        for group in answered:
            self.answered.addItem(group.text())
        if not answered:
            self.answered.addItem("Aucun groupe communiqué par COORACE pour l'instant.")

    def _chosen(self, item: QListWidgetItem) -> None:
        candidate_id = item.data(Qt.ItemDataRole.UserRole)
        if candidate_id is not None:
            self.candidate_chosen.emit(candidate_id)
