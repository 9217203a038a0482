"""The CIP wizard's first step: the candidate, and the employer's agreement (CIP-AGR)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QLabel,
)

from ui.wizards.fields import AgreementFields, candidate_line
from ui.wizards.step import StepPage


class AgreementPage(StepPage):
    def __init__(self) -> None:
        super().__init__(
            "Candidat et accord de l'employeur",
            "L'accord de l'employeur est obligatoire (règle CIP-AGR) : sa date et qui l'a "
            "signé. Laissez vide s'il n'est pas encore donné.",
        )
        self.who = QLabel()
        self.body.addWidget(self.who)
        self.agreement = AgreementFields(self.form(), "Accord &donné le :", "Si&gné par :")
        self.given_on, self.signatory = self.agreement.given_on, self.agreement.signatory
        self.body.addStretch(1)

    def load(self, document: dict) -> None:
        self.who.setText(candidate_line(document))
        self.agreement.load(document)

    def dump(self, document: dict, problems: list[str]) -> None:
        self.agreement.dump(document, problems)
