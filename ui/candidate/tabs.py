"""The tabs of the candidate page; each loads and dumps its part of the exchange document."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import labels
from app.text import folded
from app.typed import TypedValueError, iso_from_french, number_from_french
from ui.support.field_check import FieldCheck
from ui.support.rows_table import Column, RowsTable, french_date, french_number

SOURCES = labels.FINANCING_SOURCE
RESULTS = labels.SESSION_RESULT
DECISIONS = labels.COMMISSION_DECISION


def _code(text: str | None, names: dict[str, str]) -> str | None:
    """A French label typed in a table back to the contract's code (unknown text kept, so
    that the check names it)."""
    if text is None:
        return None
    for code, name in names.items():
        if folded(text) in (folded(name), folded(code)):
            return code
    return text


def _typed_problem(read) -> object:
    """A FieldCheck problem from a reader of typed text (date or number)."""

    def problem(text: str) -> str | None:
        try:
            read(text)
        except TypedValueError as error:
            return str(error)
        return None

    return problem


class _Tab(QWidget):
    changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.checked: dict[QLineEdit, FieldCheck] = {}  # a date or number field: its check

    def _line(
        self, form: QFormLayout, label: str, placeholder: str = "", kind: str = "text"
    ) -> QLineEdit:
        """A field with its label (a mnemonic « & » in it); a date or number field is
        checked when left, its message under it."""
        field = QLineEdit()
        field.setPlaceholderText(placeholder)
        if placeholder:
            field.setToolTip(placeholder)  # whole, however narrow the field
        field.textChanged.connect(lambda _text: self.changed.emit())
        form.addRow(label, field)
        if kind != "text":
            read = iso_from_french if kind == "date" else number_from_french
            checked = FieldCheck(field, _typed_problem(read))
            form.addRow("", checked.label)
            self.checked[field] = checked
        return field


def _date_field(field: QLineEdit, where: str, problems: list[str]) -> str | None:
    try:
        return iso_from_french(field.text())
    except TypedValueError as error:
        problems.append(f"{where} : {error}")
        return None


def _number_field(field: QLineEdit, where: str, problems: list[str]):
    try:
        return number_from_french(field.text())
    except TypedValueError as error:
        problems.append(f"{where} : {error}")
        return None


class IdentityTab(_Tab):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.ref = self._line(form, "&Référence :", "propre à votre structure : c-2015-001")
        self.last_name = self._line(form, "&Nom :")
        self.first_name = self._line(form, "Préno&m :")
        self.birth_date = self._line(
            form, "&Date de naissance :", "JJ/MM/AAAA (facultatif)", "date"
        )
        self.email = self._line(form, "&Courriel :")
        self.phone = self._line(form, "Té&léphone :")
        self.job_title = self._line(form, "Poste act&uel :")
        self.hired_on = self._line(form, "Date d'em&bauche :", "JJ/MM/AAAA", "date")
        self.contract = self._line(form, "Con&trat :", "CDI, CDD…")
        self.agreement_on = self._line(form, "Accord de l'employeur, dat&e :", "JJ/MM/AAAA", "date")
        self.signatory = self._line(form, "Accord de l'employeur, s&ignataire :")

    def load(self, data: dict) -> None:
        c, agreement = data["candidate"], data["employer_agreement"] or {}
        for field, value in (
            (self.ref, c["ref"]),
            (self.last_name, c["last_name"]),
            (self.first_name, c["first_name"]),
            (self.email, c["email"]),
            (self.phone, c["phone"]),
            (self.job_title, c["job_title"]),
            (self.contract, c["contract"]),
            (self.signatory, agreement.get("signatory")),
        ):
            field.setText(value or "")
        self.birth_date.setText(french_date(c["birth_date"]))
        self.hired_on.setText(french_date(c["hired_on"]))
        self.agreement_on.setText(french_date(agreement.get("given_on")))

    def dump(self, data: dict, problems: list[str]) -> None:
        def text(field: QLineEdit) -> str | None:
            return field.text().strip() or None

        birth = _date_field(self.birth_date, "Identité, naissance", problems)
        if birth is not None and birth > date.today().isoformat():
            problems.append(
                f"Identité, naissance : « {self.birth_date.text().strip()} » est dans le futur"
            )
        data["candidate"] = {
            "ref": self.ref.text().strip(),
            "last_name": self.last_name.text().strip(),
            "first_name": self.first_name.text().strip(),
            "birth_date": birth,
            "email": text(self.email),
            "phone": text(self.phone),
            "job_title": text(self.job_title),
            "hired_on": _date_field(self.hired_on, "Identité, embauche", problems),
            "contract": text(self.contract),
        }
        given_on = _date_field(self.agreement_on, "Accord de l'employeur, date", problems)
        signatory = text(self.signatory)
        if given_on is None and signatory is None:
            data["employer_agreement"] = None
        else:
            data["employer_agreement"] = {"given_on": given_on, "signatory": signatory or ""}


class ExperiencesTab(_Tab):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows = RowsTable(
            [
                Column("employer", "Employeur"),
                Column("job_title", "Poste"),
                Column(
                    "accompaniment_function",
                    "Poste d'accompagnement\n(compte pour le CIP)",
                    "bool",
                    True,
                ),
                Column("start", "Début", "date"),
                Column("end", "Fin", "date"),
                Column("fte", "Quotité", "number", 1),
            ],
            "Ajouter une période",
            "Dates JJ/MM/AAAA ; fin vide : poste en cours ; quotité 1 = temps plein, 0,5 = "
            "mi-temps ; « Poste d'accompagnement » coché : la période compte pour "
            "l'expérience exigée au CIP.",
            name="Périodes d'expérience",
        )
        self.rows.changed.connect(self.changed)
        self.total = QLabel()
        self.total.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.rows, 1)
        layout.addWidget(self.total)

    def load(self, data: dict) -> None:
        self.rows.load(data["experiences"])

    def dump(self, data: dict, problems: list[str]) -> None:
        data["experiences"], found = self.rows.dump("Expériences")
        problems.extend(found)


class CoursesTab(_Tab):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows = RowsTable(
            [
                Column("code", "Code"),
                Column("title", "Intitulé"),
                Column("ended_on", "Fin", "date"),
                Column("attestation", "Attestation"),
                Column("added_by_hand", "Saisie à la main", "bool", False),
            ],
            "Ajouter une formation suivie",
            name="Formations suivies",
        )
        self.rows.changed.connect(self.changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.rows)

    def load(self, data: dict) -> None:
        self.rows.load(data["courses"])

    def dump(self, data: dict, problems: list[str]) -> None:
        data["courses"], found = self.rows.dump("Formations")
        problems.extend(found)


class _PathTab(_Tab):
    close_asked = Signal()  # « Clore la candidature… »
    resume_asked = Signal()  # « Reprendre le parcours »

    def __init__(self, title: str, parent=None) -> None:
        super().__init__(parent)
        self.enabled = QCheckBox(title)
        self.enabled.toggled.connect(lambda _on: self.changed.emit())
        self.form = QFormLayout()
        self.checks = QListWidget()
        self.checks.setWordWrap(True)
        self.checks.setAccessibleName("Vérifications des règles")
        self.closure = QLabel()
        self.closure.setWordWrap(True)
        self.close_button = QPushButton("Clore la candidature…")
        self.close_button.setToolTip("Abandon : la date, le motif et une note ; elle se reprend")
        self.close_button.clicked.connect(self.close_asked)
        self.resume_button = QPushButton("Reprendre le parcours")
        self.resume_button.clicked.connect(self.resume_asked)
        closing = QHBoxLayout()
        closing.addWidget(self.closure, 1)
        closing.addWidget(self.close_button)
        closing.addWidget(self.resume_button)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.enabled)
        self.layout_.addLayout(closing)
        self.layout_.addLayout(self.form)
        self.show_closure(None, saved=False)

    def show_closure(self, closure: dict | None, saved: bool) -> None:
        """The path's closure as loaded (exchange data); the buttons for a saved record."""
        closed = closure is not None and not closure.get("resumed_on")
        if closed:
            from app.step_names import closure_reasons

            reason = escape(closure_reasons().get(closure["reason"], closure["reason"]).lower())
            note = f" ({escape(closure['note'])})" if closure.get("note") else ""
            self.closure.setText(
                f"<b>Candidature close le {french_date(closure['on'])}</b> : {reason}{note}"
            )
        elif closure is not None:
            self.closure.setText(f"Parcours repris le {french_date(closure['resumed_on'])}.")
        else:
            self.closure.setText("")
        self.closure.setVisible(closure is not None)
        self.close_button.setVisible(saved and not closed)
        self.resume_button.setVisible(saved and closed)

    def show_checks(self, checks) -> None:
        self.checks.clear()
        for check in checks:
            self.checks.addItem(f"{check.rule} · {labels.status_text(check)} — {check.reason}")
        if not self.enabled.isChecked():
            self.checks.addItem("Le candidat n'est pas sur ce parcours.")

    def show_unavailable(self, problem: str) -> None:
        """The page cannot be evaluated as typed: say why, show no one's results."""
        self.checks.clear()
        self.checks.addItem(f"Vérifications impossibles pour l'instant — {problem}")


def financing_table() -> RowsTable:
    """The lines of a CIP financing plan: source, amount, CPF hours."""
    return RowsTable(
        [
            Column("source", "Source"),
            Column("amount_eur", "Montant (€)", "money"),
            Column("hours", "Heures (CPF)", "number"),
        ],
        "Ajouter une ligne de financement",
        "Sources : "
        + ", ".join(
            f"{name} (heures obligatoires)" if code == "cpf" else name
            for code, name in SOURCES.items()
        )
        + ".",
        name="Lignes du plan de financement",
    )


class CipTab(_PathTab):
    request_asked = Signal()  # « Préparer la demande de recevabilité… »

    def __init__(self, parent=None) -> None:
        super().__init__("Candidat au titre C&IP (VAE collective)", parent)
        self.request_button = QPushButton("Préparer la demande de recevabilité…")
        self.request_button.setToolTip(
            "Écrit la demande de recevabilité (rubriques du CERFA 12818*02) d'après la fiche"
        )
        self.request_button.clicked.connect(self.request_asked)
        self.score = self._line(self.form, "S&core au test de positionnement (%) :", "", "number")
        self.decision = self._line(self.form, "&Décision de recevabilité :", "JJ/MM/AAAA", "date")
        self.result = self._line(self.form, "&Résultat de la VAE :", "JJ/MM/AAAA", "date")
        self.cost = self._line(self.form, "Coû&t global (€) :", "", "number")
        self.financing = financing_table()
        self.financing.changed.connect(self.changed)
        self.layout_.addWidget(self.financing, 1)
        self.group = QLabel()  # the collective VAE group, from COORACE's answers
        self.group.setWordWrap(True)
        self.group.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.layout_.addWidget(self.group)
        self.layout_.addWidget(self.request_button)
        self.layout_.addWidget(_buddy("Vérificatio&ns :", self.checks))
        self.layout_.addWidget(self.checks, 1)
        self._gaps: list = []

    def show_groups(self, lines: list[str]) -> None:
        """« Groupe de VAE collective : … » for each group COORACE placed the candidate in."""
        self.group.setText(
            "\n".join(f"Groupe de VAE collective : {line}" for line in lines)
            or "Groupe de VAE collective : pas encore (COORACE le constitue avec les autres "
            "structures de la région)"
        )

    def load(self, data: dict) -> None:
        cip = data["cip"]
        self.enabled.setChecked(cip is not None)
        cip = cip or {}
        self.score.setText(french_number(cip.get("positioning_score_pct")))
        self.decision.setText(french_date(cip.get("admissibility_decision_on")))
        self.result.setText(french_date(cip.get("vae_result_on")))
        self.cost.setText(french_number(cip.get("cost_eur"), money=True))
        self.financing.load(
            [
                {**line, "source": SOURCES.get(line["source"], line["source"])}
                for line in cip.get("financing", [])
            ]
        )
        self._gaps = cip.get("gap_analysis", [])

    def dump(self, data: dict, problems: list[str]) -> None:
        if not self.enabled.isChecked():
            data["cip"] = None
            return
        lines, found = self.financing.dump("CIP, financement")
        problems.extend(found)
        data["cip"] = {
            "positioning_score_pct": _number_field(self.score, "CIP, score", problems),
            "admissibility_decision_on": _date_field(self.decision, "CIP, recevabilité", problems),
            "vae_result_on": _date_field(self.result, "CIP, résultat", problems),
            "cost_eur": _number_field(self.cost, "CIP, coût", problems),
            "financing": [{**line, "source": _code(line["source"], SOURCES)} for line in lines],
            "gap_analysis": self._gaps,
        }


class CispTab(_PathTab):
    def __init__(self, parent=None) -> None:
        super().__init__("Candidat au titre C&ISP (capitalisation)", parent)
        self.registered = self._line(self.form, "Inscription déposée &le :", "JJ/MM/AAAA", "date")
        self.decision = QComboBox()
        for code, name in DECISIONS.items():
            self.decision.addItem(name, code)
        self.decision.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.form.addRow("&Commission paritaire, décision :", self.decision)
        self.commission_on = self._line(
            self.form, "Commission paritaire, da&te :", "JJ/MM/AAAA", "date"
        )
        self.sessions = RowsTable(
            [
                Column("pole", "Pôle (1 à 4)", "number"),
                Column("date", "Date", "date"),
                Column("result", "Résultat"),
            ],
            "Ajouter une session de pôle",
            "Résultat : « validée » ou « non validée ».",
            name="Sessions de pôle",
        )
        self.sessions.changed.connect(self.changed)
        self.layout_.addWidget(self.sessions, 1)
        self.layout_.addWidget(_buddy("Vérificatio&ns :", self.checks))
        self.layout_.addWidget(self.checks, 1)

    def load(self, data: dict) -> None:
        cisp = data["cisp"]
        self.enabled.setChecked(cisp is not None)
        cisp = cisp or {}
        self.registered.setText(french_date(cisp.get("registered_on")))
        commission = cisp.get("commission") or {}
        self.decision.setCurrentIndex(
            max(self.decision.findData(commission.get("decision", "")), 0)
        )
        self.commission_on.setText(french_date(commission.get("date")))
        self.sessions.load(
            [
                {**s, "result": RESULTS.get(s["result"], s["result"])}
                for s in cisp.get("pole_sessions", [])
            ]
        )

    def dump(self, data: dict, problems: list[str]) -> None:
        if not self.enabled.isChecked():
            data["cisp"] = None
            return
        sessions, found = self.sessions.dump("CISP, sessions")
        problems.extend(found)
        decision = self.decision.currentData()
        commission_on = _date_field(self.commission_on, "CISP, commission", problems)
        data["cisp"] = {
            "registered_on": _date_field(self.registered, "CISP, inscription", problems),
            "commission": {"date": commission_on, "decision": decision} if decision else None,
            "pole_sessions": [{**s, "result": _code(s["result"], RESULTS)} for s in sessions],
        }


def _buddy(text: str, field: QWidget) -> QLabel:
    """A label naming `field` (for the keyboard and for screen readers)."""
    label = QLabel(text)
    label.setBuddy(field)
    return label


class HistoryTab(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.entries = QListWidget()
        self.entries.setWordWrap(True)  # a long line wraps instead of scrolling sideways
        self.entries.setAccessibleName("Historique du candidat")
        layout = QVBoxLayout(self)
        layout.addWidget(
            _buddy("Étapes datées des parcours, puis &journal des modifications :", self.entries)
        )
        layout.addWidget(self.entries)

    def load(self, lines: list[str]) -> None:
        self.entries.clear()
        self.entries.addItems(lines or ["Aucun historique pour ce candidat."])
