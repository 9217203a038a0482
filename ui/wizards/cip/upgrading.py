"""The CIP wizard's upgrading plan, for a score under the threshold: the complementary
courses, their dates, and the new positioning test."""

from __future__ import annotations

from app.french import percent
from ui.support.rows_table import Column, RowsTable, french_date
from ui.wizards.fields import date_line, in_order, read_date
from ui.wizards.step import StepPage


class UpgradingPage(StepPage):
    def __init__(self) -> None:
        super().__init__(
            "Plan de mise à niveau",
            "Le score est sous le seuil : les formations complémentaires prévues, leurs "
            "dates, et la date du nouveau test de positionnement.",
        )
        self.courses = RowsTable(
            [
                Column("title", "Formation complémentaire"),
                Column("starts_on", "Début", "date"),
                Column("ends_on", "Fin", "date"),
            ],
            "Ajouter une formation",
            "Dates JJ/MM/AAAA ; laissez vides celles qui ne sont pas encore fixées.",
            name="Formations de mise à niveau",
        )
        self.body.addWidget(self.courses, 1)
        form = self.form()
        self.retest = date_line()
        form.addRow("&Nouveau test de positionnement le :", self.retest)

    def entered(self, document: dict) -> None:
        score = document["cip"].get("positioning_score_pct")
        threshold = percent(self.path_wizard.rules.value("positioning_threshold_pct"))
        self.setSubTitle(
            f"Le score ({percent(score) if score is not None else '—'}) est sous le seuil de "
            f"{threshold} : les formations complémentaires prévues, leurs dates, et la date "
            "du nouveau test de positionnement."
        )

    def load(self, document: dict) -> None:
        cip = document["cip"]
        self.courses.load(cip.get("upgrading_courses", []))
        self.retest.setText(french_date(cip.get("retest_on")))

    def dump(self, document: dict, problems: list[str]) -> None:
        courses, found = self.courses.dump("Mise à niveau")
        problems.extend(found)
        for number, course in enumerate(courses, start=1):
            if not (course.get("title") or "").strip():
                problems.append(f"Mise à niveau, ligne {number} : indiquez l'intitulé.")
        retest = read_date(self.retest, "Nouveau test", problems)
        tested = document["cip"].get("positioning_on")
        in_order([("Le premier test", tested), ("Le nouveau test", retest)], problems)
        last_end = max((c["ends_on"] for c in courses if c.get("ends_on")), default=None)
        in_order([("La fin des formations", last_end), ("Le nouveau test", retest)], problems)
        document["cip"]["upgrading_courses"] = [
            {
                "title": (c.get("title") or "").strip(),
                "starts_on": c.get("starts_on"),
                "ends_on": c.get("ends_on"),
            }
            for c in courses
        ]
        document["cip"]["retest_on"] = retest
