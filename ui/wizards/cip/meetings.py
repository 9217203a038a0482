"""The CIP wizard's information meetings: the collective one (COORACE), then the
targeted one (COORACE and AFPA)."""

from __future__ import annotations

from ui.support.rows_table import french_date
from ui.wizards.fields import date_line, in_order, not_after_today, read_date
from ui.wizards.step import StepPage


class MeetingsPage(StepPage):
    def __init__(self) -> None:
        super().__init__(
            "Réunions d'information",
            "La réunion collective (COORACE), puis la réunion ciblée (COORACE et AFPA) pour "
            "les personnes intéressées qui ont l'expérience requise.",
        )
        form = self.form()
        self.collective = date_line()
        self.targeted = date_line()
        form.addRow("Réunion &collective (COORACE), le :", self.collective)
        form.addRow("Réunion ci&blée (COORACE et AFPA), le :", self.targeted)
        self.body.addStretch(1)

    def load(self, document: dict) -> None:
        cip = document["cip"]
        self.collective.setText(french_date(cip.get("collective_meeting_on")))
        self.targeted.setText(french_date(cip.get("targeted_meeting_on")))

    def dump(self, document: dict, problems: list[str]) -> None:
        collective = read_date(self.collective, "Réunion collective", problems)
        targeted = read_date(self.targeted, "Réunion ciblée", problems)
        not_after_today(collective, "Réunion collective", problems)
        not_after_today(targeted, "Réunion ciblée", problems)
        in_order([("La réunion collective", collective), ("La réunion ciblée", targeted)], problems)
        document["cip"]["collective_meeting_on"] = collective
        document["cip"]["targeted_meeting_on"] = targeted
