"""The CIP wizard's financing plan: the cost and its lines, with every financing rule
(CIP-COST, CIP-OPCA, CIP-FIN) checked as it is typed, with its reason and the values
of the rules."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget

from app import labels
from app.french import euros
from ui.candidate.tabs import _code, financing_table
from ui.support.rows_table import french_number
from ui.wizards.fields import check_line, read_number
from ui.wizards.step import StepPage

SOURCES = labels.FINANCING_SOURCE


class FinancingPage(StepPage):
    """Cost and financing lines, with every financing rule checked as it is typed."""

    def __init__(self) -> None:
        super().__init__("Plan de financement", "")
        form = self.form()
        self.cost = QLineEdit()
        self.cost.setPlaceholderText("par exemple 1380")
        self.cost.setMaximumWidth(160)
        self.cost.textChanged.connect(self._check)
        form.addRow("&Coût global (€) :", self.cost)
        self.lines = financing_table()
        self.lines.changed.connect(self._check)
        self.body.addWidget(self.lines, 1)
        self.checks = QListWidget()
        self.checks.setWordWrap(True)
        self.checks.setSpacing(3)
        self.checks.setMaximumHeight(150)
        self.checks.setAccessibleName("Règles du financement")
        # what the rules say, to read: no Tab stop (Tab goes only where one types)
        self.checks.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.body.addWidget(QLabel("Règles du financement :"))
        self.body.addWidget(self.checks)

    def initializePage(self) -> None:
        rules = self.path_wizard.rules
        self.setSubTitle(
            f"Coût global au plus {euros(rules.value('max_cost_eur'))} (CIP-COST) ; "
            f"{rules.value('opca_name')} prend en charge {euros(rules.value('opca_amount_eur'))}"
            f" (CIP-OPCA) ; CPF au plus {rules.value('cpf_max_hours')} heures (CIP-FIN)."
        )
        super().initializePage()

    def load(self, document: dict) -> None:
        cip = document["cip"]
        self.cost.setText(french_number(cip.get("cost_eur"), money=True))
        self.lines.load(
            [
                {**line, "source": SOURCES.get(line["source"], line["source"])}
                for line in cip.get("financing", [])
            ]
        )
        self._check()

    def dump(self, document: dict, problems: list[str]) -> None:
        cost = read_number(self.cost, "Coût global", problems)
        lines, found = self.lines.dump("Financement")
        problems.extend(found)
        for number, line in enumerate(lines, start=1):
            code = _code(line.get("source"), SOURCES)
            if code not in SOURCES:
                problems.append(
                    f"Financement, ligne {number} : source « {line.get('source') or ''} » "
                    f"inconnue ; choisissez parmi {', '.join(SOURCES.values())}."
                )
            line["source"] = code
        document["cip"]["cost_eur"] = cost
        document["cip"]["financing"] = lines

    def _check(self) -> None:
        if self.wizard() is None:
            return
        trial, problems = self.trial()
        self.checks.clear()
        if problems:
            self.checks.addItem(f"Saisie à compléter : {problems[0]}")
            return
        cip = self.path_wizard.evaluation(trial).cip
        for rule in ("CIP-COST", "CIP-FIN"):
            self.checks.addItem(check_line(cip.check(rule)))
