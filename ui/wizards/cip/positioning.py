"""The CIP wizard's positioning test (CIP-POS): its date and score, and the branch it
leads to — the VAE, the upgrading plan, or (no score yet) the financing plan."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit

from app.evaluation.checks import MET, NOT_MET
from app.french import percent
from ui.support.questions import choose
from ui.support.rows_table import french_date, french_number
from ui.wizards.cip.page_ids import FINANCING, UPGRADING, VAE
from ui.wizards.cip.vae import VAE_KEYS
from ui.wizards.fields import date_line, not_after_today, read_date, read_number
from ui.wizards.step import StepPage


def ask_clear_vae(parent) -> bool:
    """Clear the VAE steps recorded, now that the score does not lead to the VAE? (tests
    replace this)"""
    return choose(
        parent,
        "Étapes de VAE déjà saisies",
        "Avec ce score, le candidat n'entre pas en VAE : les étapes de VAE saisies "
        "(recevabilité, séances, jury, résultat) seront effacées.",
        "Effacer les étapes de VAE",
        "Revenir au score",
    )


class PositioningPage(StepPage):
    def __init__(self) -> None:
        super().__init__("Test de positionnement individuel", "")
        form = self.form()
        self.on = date_line()
        self.score = QLineEdit()
        self.score.setPlaceholderText("par exemple 84 ou 79,5")
        self.score.setMaximumWidth(160)
        self.score.textChanged.connect(self._show_branch)
        form.addRow("Test passé &le :", self.on)
        form.addRow("Sc&ore (%) :", self.score)
        self.branch = QLabel()
        self.branch.setWordWrap(True)
        self.body.addWidget(self.branch)
        self.body.addStretch(1)

    def load(self, document: dict) -> None:
        cip = document["cip"]
        self.on.setText(french_date(cip.get("positioning_on")))
        self.score.setText(french_number(cip.get("positioning_score_pct")))
        self._show_branch()

    def dump(self, document: dict, problems: list[str]) -> None:
        on = read_date(self.on, "Date du test", problems)
        score = read_number(self.score, "Score", problems)
        not_after_today(on, "Date du test", problems)
        if score is not None and not 0 <= score <= 100:
            problems.append(f"Score : {french_number(score)} n'est pas entre 0 et 100.")
        if score is not None and on is None:
            problems.append("Date du test : indiquez quand le test a été passé.")
        document["cip"]["positioning_on"] = on
        document["cip"]["positioning_score_pct"] = score

    def outcome(self) -> str | None:
        """MET, NOT_MET, or None (no score, or a score that cannot be read): from the score
        alone, whatever else the page still has to correct."""
        problems: list[str] = []
        score = read_number(self.score, "Score", problems)
        if problems or score is None or not 0 <= score <= 100:
            return None
        cip = {**self.path_wizard.document["cip"], "positioning_score_pct": score}
        trial = {**self.path_wizard.document, "cip": cip}
        if self.path_wizard.format_problems(trial):
            return None
        return self.path_wizard.evaluation(trial).cip.check("CIP-POS").status

    def _show_branch(self) -> None:
        if self.wizard() is None:
            return
        rules = self.path_wizard.rules
        threshold = percent(rules.value("positioning_threshold_pct"))
        outcome = self.outcome()
        if outcome == MET:
            text = f"Seuil de {threshold} atteint : étape suivante, la VAE."
        elif outcome == NOT_MET:
            text = f"Sous le seuil de {threshold} : étape suivante, le plan de mise à niveau."
        elif self.score.text().strip():
            text = "Score à corriger (un nombre de 0 à 100) : l'étape suivante en dépend."
        else:
            text = f"Sans score, l'assistant passe au plan de financement (seuil : {threshold})."
        self.branch.setText(text)

    def initializePage(self) -> None:
        rules = self.path_wizard.rules
        threshold = percent(rules.value("positioning_threshold_pct"))
        reached = "d'au moins" if rules.value("positioning_threshold_inclusive") else "au-dessus de"
        self.setSubTitle(
            f"La date et le score du test (règle CIP-POS). Score {reached} {threshold} : la "
            "VAE ; en dessous : une mise à niveau d'abord, puis un nouveau test."
        )
        super().initializePage()
        self._show_branch()

    def validatePage(self) -> bool:
        """Leaving the VAE branch (a score now under the threshold, or removed) with VAE
        steps recorded: they would be stored and evaluated with a score that does not
        allow the VAE, so the counsellor is asked before they are cleared."""
        if self.outcome() != MET and any(self.path_wizard.document["cip"].get(k) for k in VAE_KEYS):
            if not ask_clear_vae(self):
                return False
            for key in VAE_KEYS:
                self.path_wizard.document["cip"][key] = (  # the lists emptied, the rest unset
                    [] if key in ("accompaniment_sessions", "validated_activities") else None
                )
            self.path_wizard.page(VAE).load(self.path_wizard.document)
        return super().validatePage()

    def nextId(self) -> int:
        outcome = self.outcome()
        if outcome == MET:
            return VAE
        if outcome == NOT_MET:
            return UPGRADING
        return FINANCING
