"""« Éligibilité CIP… »: the CIP wizard (collective VAE), one page per step. After the
positioning test the path branches: at or above the threshold, the VAE; below it, an
upgrading plan; no score yet, straight to the financing plan."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QListWidget

from app import labels
from app.evaluation.checks import MET, NOT_MET, PENDING
from app.french import day_text, percent
from app.french import days as french_days
from app.referentials import cip_referential
from ui.support.questions import choose
from ui.support.rows_table import Column, RowsTable, french_date, french_number
from ui.wizards.base import (
    PathWizard,
    StepPage,
    check_line,
    date_line,
    in_order,
    not_after_today,
    read_date,
    read_number,
)
from ui.wizards.cip.financing import FinancingPage
from ui.wizards.cip.steps import AgreementPage, ExperiencePage, GapPage, MeetingsPage

AGREEMENT, EXPERIENCE, MEETINGS, GAPS, POSITIONING, VAE, UPGRADING, FINANCING, SUMMARY = range(9)


# what the VAE pages record (cleared when the score no longer leads to the VAE)
VAE_KEYS = (
    "admissibility_filed_on",
    "admissibility_decision_on",
    "accompaniment_sessions",
    "jury_on",
    "vae_result_on",
    "vae_outcome",
)


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
        form.addRow("Test passé le :", self.on)
        form.addRow("Score (%) :", self.score)
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
                self.path_wizard.document["cip"][key] = (
                    [] if key == "accompaniment_sessions" else None
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


class VaePage(StepPage):
    def __init__(self) -> None:
        super().__init__(
            "La VAE",
            "Recevabilité, accompagnement, jury et résultat (règle CIP-VAE : au plus 3 mois "
            "après la décision de recevabilité).",
        )
        form = self.form()
        self.filed = date_line()
        self.decided = date_line()
        self.jury = date_line()
        self.result_on = date_line()
        self.outcome = QComboBox()
        self.outcome.setMaximumWidth(320)
        self.outcome.addItem("— pas encore connu —", None)
        for code, name in labels.VAE_OUTCOME.items():
            self.outcome.addItem(name, code)
        form.addRow("Demande de recevabilité déposée le :", self.filed)
        form.addRow("Décision de recevabilité le :", self.decided)
        self.sessions = RowsTable(
            [Column("date", "Séance d'accompagnement le", "date")],
            "Ajouter une séance",
            "Une ligne par séance d'accompagnement (dates JJ/MM/AAAA).",
        )
        self.sessions.setMaximumHeight(190)
        form.addRow("Séances d'accompagnement :", self.sessions)
        form.addRow("Jury le :", self.jury)
        form.addRow("Résultat le :", self.result_on)
        form.addRow("Résultat :", self.outcome)
        self.deadline = QLabel()
        self.deadline.setWordWrap(True)
        self.body.addStretch(1)
        self.body.addWidget(self.deadline)
        for field in (self.filed, self.decided, self.jury, self.result_on):
            field.textChanged.connect(self._show_deadline)
        self.outcome.currentIndexChanged.connect(self._show_deadline)
        self.sessions.changed.connect(self._show_deadline)

    def load(self, document: dict) -> None:
        cip = document["cip"]
        self.filed.setText(french_date(cip.get("admissibility_filed_on")))
        self.decided.setText(french_date(cip.get("admissibility_decision_on")))
        self.sessions.load([{"date": day} for day in cip.get("accompaniment_sessions", [])])
        self.jury.setText(french_date(cip.get("jury_on")))
        self.result_on.setText(french_date(cip.get("vae_result_on")))
        self.outcome.setCurrentIndex(max(self.outcome.findData(cip.get("vae_outcome")), 0))
        self._show_deadline()

    def dump(self, document: dict, problems: list[str]) -> None:
        filed = read_date(self.filed, "Demande de recevabilité", problems)
        decided = read_date(self.decided, "Décision de recevabilité", problems)
        sessions, found = self.sessions.dump("Séances d'accompagnement")
        problems.extend(found)
        jury = read_date(self.jury, "Jury", problems)
        result_on = read_date(self.result_on, "Date du résultat", problems)
        outcome = self.outcome.currentData()
        days = sorted(s["date"] for s in sessions if s.get("date"))
        for number, session in enumerate(sessions, start=1):
            if not session.get("date"):
                problems.append(f"Séances d'accompagnement, ligne {number} : indiquez la date.")
        for label, day in (
            ("Demande de recevabilité", filed),
            ("Décision de recevabilité", decided),
        ):
            not_after_today(day, label, problems)
        not_after_today(result_on, "Date du résultat", problems)
        in_order(
            [
                ("La demande de recevabilité", filed),
                ("La décision de recevabilité", decided),
                ("La première séance", days[0] if days else None),
                ("La dernière séance", days[-1] if days else None),
                ("Le jury", jury),
                ("Le résultat", result_on),
            ],
            problems,
        )
        if outcome and not result_on:
            problems.append("Date du résultat : indiquez quand le résultat a été donné.")
        if result_on and not outcome:
            problems.append("Résultat : choisissez le résultat de la VAE.")
        cip = document["cip"]
        cip["admissibility_filed_on"] = filed
        cip["admissibility_decision_on"] = decided
        cip["accompaniment_sessions"] = days
        cip["jury_on"] = jury
        cip["vae_result_on"] = result_on
        cip["vae_outcome"] = outcome

    def nextId(self) -> int:
        return FINANCING  # the upgrading page is the other branch

    def _show_deadline(self) -> None:
        if self.wizard() is None:
            return
        trial, problems = self.trial()
        if problems:
            self.deadline.setStyleSheet("")
            self.deadline.setText(f"Saisie à compléter : {html.escape(problems[0], quote=False)}")
            return
        evaluation = self.path_wizard.evaluation(trial)
        check = evaluation.cip.check("CIP-VAE")
        deadline = check.values["deadline"]
        warning_days = self.path_wizard.rules.value("deadline_warning_days")
        soon = (
            check.status == PENDING
            and deadline is not None
            and 0 <= (deadline - evaluation.evaluated_on).days <= warning_days
        )
        style = {NOT_MET: "color: #b00020;"}.get(check.status, "")
        self.deadline.setStyleSheet("color: #a65e00; font-weight: bold;" if soon else style)
        if soon:
            left = (deadline - evaluation.evaluated_on).days
            self.deadline.setText(
                f"Attention : l'échéance de la VAE tombe dans {french_days(left)}, le "
                f"{day_text(deadline)}.\n{check_line(check)}"
            )
            return
        self.deadline.setText(check_line(check))


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
        )
        self.body.addWidget(self.courses, 1)
        form = self.form()
        self.retest = date_line()
        form.addRow("Nouveau test de positionnement le :", self.retest)

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


class SummaryPage(StepPage):
    def __init__(self) -> None:
        super().__init__(
            "Synthèse",
            "Chaque règle avec son état et sa raison. « Terminer et enregistrer » enregistre "
            "le dossier et date les étapes dans l'historique.",
        )
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.checks = QListWidget()
        self.checks.setWordWrap(True)
        self.checks.setSpacing(3)
        self.next_step = QLabel()
        self.next_step.setWordWrap(True)
        self.gaps = QLabel()
        self.gaps.setWordWrap(True)
        self.body.addWidget(self.verdict)
        self.body.addWidget(self.checks, 1)
        self.body.addWidget(self.gaps)
        self.body.addWidget(self.next_step)
        self.shown = None  # the evaluation on screen (tests compare it with `evaluate`)

    def load(self, document: dict) -> None:
        """Everything is shown by `entered`, each time the page is reached."""

    def dump(self, document: dict, problems: list[str]) -> None:
        """Nothing to type on this page."""

    def entered(self, document: dict) -> None:
        evaluation = self.path_wizard.evaluation()
        cip = evaluation.cip
        self.shown = evaluation
        self.verdict.setText(
            f"<b>Verdict CIP au {day_text(evaluation.evaluated_on)} : "
            f"{labels.CIP_VERDICT[cip.verdict]}</b>"
        )
        self.checks.clear()
        for check in cip.checks:
            self.checks.addItem(check_line(check))
        outcome = document["cip"].get("vae_outcome")
        result = ""
        if outcome:
            on = document["cip"].get("vae_result_on")
            when = f" le {french_date(on)}" if on else ""
            colour = "#b00020" if outcome != "validated" else "#1b5e20"
            result = (
                f"<br><b>Résultat de la VAE{when} : <span style='color: {colour};'>"
                f"{labels.VAE_OUTCOME[outcome]}</span></b>"
            )
        self.verdict.setText(self.verdict.text() + result)
        self.gaps.setText(f"<b>Décalages à combler :</b> {gap_synthesis(document)}")
        self.next_step.setText(
            f"<b>Prochaine étape :</b> {html.escape(cip.next_step, quote=False)}"
        )


def gap_synthesis(document: dict) -> str:
    """« activité 1 : 1 en partie, 1 non ; activité 3 : 2 non » (or that none remain)."""
    parts = []
    for activity in cip_referential().activities:
        ids = {c.id for c in activity.competences}
        found = [
            g["status"] for g in document["cip"].get("gap_analysis", []) if g["competence"] in ids
        ]
        counts = [
            f"{found.count(status)} {labels.GAP_STATUS[status]}"
            for status in ("partial", "no")
            if found.count(status)
        ]
        if counts:
            parts.append(f"activité {activity.number} : {', '.join(counts)}")
    return " ; ".join(parts) if parts else "aucun pour les compétences évaluées."


class CipWizard(PathWizard):
    path = "cip"
    title = "Éligibilité CIP (VAE collective)"
    owned = ("employer_agreement", "experiences")

    def __init__(self, store, rules, catalogue, candidate_id: int, parent=None) -> None:
        super().__init__(store, rules, catalogue, candidate_id, parent)
        self.pages = {
            AGREEMENT: AgreementPage(),
            EXPERIENCE: ExperiencePage(),
            MEETINGS: MeetingsPage(),
            GAPS: GapPage(),
            POSITIONING: PositioningPage(),
            VAE: VaePage(),
            UPGRADING: UpgradingPage(),
            FINANCING: FinancingPage(),
            SUMMARY: SummaryPage(),
        }
        for page_id, page in self.pages.items():
            self.setPage(page_id, page)
        self.setStartId(AGREEMENT)
