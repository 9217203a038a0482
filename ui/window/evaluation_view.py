"""The evaluation of one dossier, rule by rule: the date it is evaluated on, the verdict
and next step of each path, each check with its status and reason, the reason in full."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import labels

if TYPE_CHECKING:
    from app.domain import Catalogue, Dossier
    from app.evaluation import Evaluation
    from app.rules import Rules


def sources_text(rules: Rules, catalogue: Catalogue) -> str:
    kind = " — catalogue d'EXEMPLE, fictif" if catalogue.example else ""
    return (
        f"Règles : {rules.title} (version {rules.version}). "
        f"Catalogue : {catalogue.name}, version {catalogue.version or 'non précisée'}{kind}."
    )


class EvaluationView(QWidget):
    def __init__(self, open_dossier: Callable[[], None], parent=None) -> None:
        super().__init__(parent)
        self.dossier: Dossier | None = None
        self._evaluation: Evaluation | None = None
        self._stale = True  # shown again the next time it is on screen (or asked)
        self.rules: Rules | None = None
        self.catalogue: Catalogue | None = None

        self.file_label = QLabel()
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        open_button = QPushButton("Ouvrir un dossier…")
        open_button.clicked.connect(open_dossier)
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.dateChanged.connect(self.refresh)
        date_label = QLabel("&Date d'évaluation :")
        date_label.setBuddy(self.date_edit)

        top = QHBoxLayout()
        top.addWidget(open_button)
        top.addWidget(self.file_label, 1)
        top.addWidget(date_label)
        top.addWidget(self.date_edit)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail = QTextBrowser()
        self.detail.setAccessibleName("Motif de la règle choisie")
        self.detail.setPlaceholderText("Choisissez une règle pour lire son motif en entier.")
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Règles évaluées, avec leur statut et leur motif")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Règle", "Statut", "Motif"])
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(True)
        self.tree.currentItemChanged.connect(self._show_detail)

        self.sources = QLabel()
        self.sources.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.detail)
        splitter.setSizes([420, 160])
        layout.addWidget(splitter, 1)
        layout.addWidget(self.sources)
        self.refresh()

    def use(self, rules: Rules, catalogue: Catalogue) -> None:
        """The rules and catalogue the dossiers are evaluated with."""
        self.rules, self.catalogue = rules, catalogue
        self.sources.setText(sources_text(rules, catalogue))
        self._later()

    def show_dossier(self, dossier: Dossier | None, later: bool = False) -> None:
        """With `later`, evaluated only once on screen (or its evaluation asked): a
        candidate opened from the list is not evaluated twice while this tab is hidden."""
        self.dossier = dossier
        self._later() if later else self.refresh()

    def _later(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    @property
    def evaluation(self) -> Evaluation | None:
        if self._stale:
            self.refresh()
        return self._evaluation

    def showEvent(self, event) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def set_date(self, day: date) -> None:
        """Evaluates on `day` (an example at its own date)."""
        self.date_edit.setDate(QDate(day.year, day.month, day.day))

    def evaluation_date(self) -> date:
        return self.date_edit.date().toPython()

    def refresh(self) -> None:
        self._stale = False
        self.tree.clear()
        self.detail.clear()
        if self.dossier is None or self.rules is None or self.catalogue is None:
            self.file_label.setText("Aucun dossier ouvert.")
            self.summary.setText(
                "Ouvrez un dossier (format d'échange JSON) pour voir, règle par règle, "
                "l'éligibilité au titre CIP et l'avancement du parcours CISP."
            )
            self._evaluation = None
            return
        from app.evaluation import evaluate

        candidate = self.dossier.candidate
        self.file_label.setText(
            f"{candidate.first_name} {candidate.last_name} — {self.dossier.structure.name}"
        )
        self._evaluation = evaluate(
            self.dossier, self.evaluation_date(), self.rules, self.catalogue
        )
        parts = []
        if self._evaluation.cip is not None:
            cip = self._evaluation.cip
            verdict = labels.CIP_VERDICT[cip.verdict]
            self._add_path("CIP — VAE collective", verdict, cip.next_step, cip.checks)
            parts.append(f"<b>CIP : {verdict}.</b> Prochaine étape : {escape(cip.next_step)}")
        if self._evaluation.cisp is not None:
            cisp = self._evaluation.cisp
            verdict = labels.CISP_VERDICT[cisp.verdict]
            self._add_path("CISP — capitalisation", verdict, cisp.next_step, cisp.checks)
            parts.append(f"<b>CISP : {verdict}.</b> Prochaine étape : {escape(cisp.next_step)}")
        self.summary.setText("<br>".join(parts) or "Aucun parcours n'est ouvert pour ce dossier.")
        self.tree.expandAll()
        if self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))

    def _show_detail(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        if item is None:
            self.detail.clear()
            return
        self.detail.setHtml(
            f"<p><b>{escape(item.text(0))} — {escape(item.text(1))}</b></p>"
            f"<p>{escape(item.data(2, Qt.ItemDataRole.UserRole) or '')}</p>"
        )

    def _add_path(self, title: str, verdict: str, next_step: str, checks) -> None:
        root = QTreeWidgetItem([title, verdict, f"Prochaine étape : {next_step}"])
        root.setData(2, Qt.ItemDataRole.UserRole, f"Prochaine étape : {next_step}")
        font = root.font(0)
        font.setBold(True)
        for column in range(3):
            root.setFont(column, font)
        for check in checks:
            status = labels.status_text(check)
            item = QTreeWidgetItem(
                [
                    f"{check.rule} · {labels.RULE.get(check.rule, '')}",
                    f"{labels.STATUS_MARK[labels.tone(check)]} {status}",
                    check.reason,
                ]
            )
            item.setToolTip(2, check.reason)
            item.setData(2, Qt.ItemDataRole.UserRole, check.reason)
            root.addChild(item)
        self.tree.addTopLevelItem(root)
