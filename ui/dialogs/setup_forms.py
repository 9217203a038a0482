"""The structure's set-up: the same fields in the first-start wizard and in « Paramètres »,
each checked with a French message beside it, never silently fixed."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.domain import Structure
from app.exchange.dossier import structure_problems
from app.regions import regions
from app.siret import grouped_siret, normalized_siret, siret_problem
from app.store.structure import Setup, default_coorace_email
from app.text import folded
from ui.support.colours import ERROR, status_css

KINDS = (
    ("AI", "AI — association intermédiaire"),
    ("ACI", "ACI — atelier et chantier d'insertion"),
    ("EI", "EI — entreprise d'insertion"),
    ("ETTI", "ETTI — entreprise de travail temporaire d'insertion"),
    ("other", "Autre (régie de quartier, GEIQ…)"),
)


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(status_css(ERROR))
    label.hide()
    return label


class _CheckedForm(QWidget):
    """A form whose fields each have an error line under them."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.errors: dict[str, QLabel] = {}

    def add(self, key: str, label: str, field: QWidget) -> None:
        self.form.addRow(label, field)
        self.errors[key] = _error_label()
        self.form.addRow("", self.errors[key])
        edited = field.lineEdit() if isinstance(field, QComboBox) and field.isEditable() else field
        if isinstance(edited, QLineEdit):
            edited.textEdited.connect(self._check_again)
        elif isinstance(field, QComboBox):
            field.activated.connect(self._check_again)

    def _check_again(self, *_args) -> None:
        """A message shown goes as soon as its field is corrected (or changes with it);
        no new message appears before the next « Suivant » or « Enregistrer »."""
        shown = {key for key, label in self.errors.items() if not label.isHidden()}
        if shown:
            problems = self.problems()
            self.show_errors({key: problems[key] for key in shown if key in problems})

    def labels(self) -> list[QWidget]:
        return [
            self.form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget()
            for row in range(self.form.rowCount())
            if self.form.itemAt(row, QFormLayout.ItemRole.LabelRole) is not None
        ]

    def show_errors(self, problems: dict[str, str]) -> bool:
        """Shows each problem beside its field; True when there is none."""
        for key, label in self.errors.items():
            label.setText(problems.get(key, ""))
            label.setVisible(key in problems)
        return not problems


class StructureForm(_CheckedForm):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.name = QLineEdit()
        self.siret = QLineEdit()
        self.siret.setPlaceholderText("14 chiffres, par exemple 438 172 065 00015")
        self.kind = QComboBox()
        for code, text in KINDS:
            self.kind.addItem(text, code)
        self.region = QComboBox()
        self.region.setEditable(True)
        self.region.addItems(regions())
        self.region.setCurrentIndex(-1)
        self.region.lineEdit().setPlaceholderText("Choisissez ou tapez la région")
        self.address = QLineEdit()
        self.director = QLineEdit()
        self.email = QLineEdit()
        self.phone = QLineEdit()
        for key, label, field in (
            ("name", "&Nom de la structure :", self.name),
            ("siret", "SI&RET :", self.siret),
            ("kind", "T&ype de structure :", self.kind),
            ("region", "Ré&gion :", self.region),
            ("address", "A&dresse :", self.address),
            ("director", "D&irecteur ou directrice :", self.director),
            ("email", "&Courriel de la structure :", self.email),
            ("phone", "Té&léphone :", self.phone),
        ):
            self.add(key, label, field)

    def problems(self) -> dict[str, str]:
        found = {}
        if not self.name.text().strip():
            found["name"] = "Le nom de la structure est obligatoire."
        siret = siret_problem(self.siret.text())
        if siret:
            found["siret"] = siret
        typed = self.region.currentText().strip()
        if not typed:
            found["region"] = "La région est obligatoire : les groupes CIP se forment par région."
        elif typed not in regions():
            close = [name for name in regions() if folded(name) == folded(typed)]
            hint = f" Vouliez-vous dire « {close[0]} » ?" if close else ""
            found["region"] = (
                f"« {typed} » n'est pas une des 18 régions : les groupes CIP se comptent "
                f"par région, une faute de frappe en ferait une autre.{hint}"
            )
        email = self.email.text().strip()
        if email and "@" not in email:
            found["email"] = "Cette adresse de courriel n'a pas de « @ »."
        # what every dossier carries must fit in the exchange format (its limits)
        for key, message in structure_problems(self.structure()).items():
            found.setdefault(key, message)
        return found

    def structure(self) -> Structure:
        def optional(field: QLineEdit) -> str | None:
            return field.text().strip() or None

        return Structure(
            name=self.name.text().strip(),
            siret=normalized_siret(self.siret.text()),
            kind=self.kind.currentData(),
            region=self.region.currentText().strip(),
            address=optional(self.address),
            director=optional(self.director),
            email=optional(self.email),
            phone=optional(self.phone),
        )

    def set_structure(self, structure: Structure) -> None:
        self.name.setText(structure.name)
        self.siret.setText(grouped_siret(structure.siret))
        self.kind.setCurrentIndex(max(self.kind.findData(structure.kind), 0))
        self.region.setCurrentText(structure.region)
        self.address.setText(structure.address or "")
        self.director.setText(structure.director or "")
        self.email.setText(structure.email or "")
        self.phone.setText(structure.phone or "")


class PeopleForm(_CheckedForm):
    """COORACE's certification address and the name of the person using Passerelle."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.coorace_email = QLineEdit(default_coorace_email())
        self.user = QLineEdit()
        self.user.setPlaceholderText("Prénom Nom")
        self.user.setToolTip("Votre nom figure dans l'historique des modifications")
        self.add("coorace_email", "Adresse de certification CO&ORACE :", self.coorace_email)
        self.add("user", "&Votre nom :", self.user)

    def problems(self) -> dict[str, str]:
        found = {}
        if "@" not in self.coorace_email.text():
            found["coorace_email"] = (
                f"Une adresse de courriel est attendue (celle de COORACE : "
                f"{default_coorace_email()})."
            )
        if not self.user.text().strip():
            found["user"] = "Votre nom est obligatoire : il signe vos modifications."
        return found


class ServiceForm(_CheckedForm):
    """COORACE's certification service, for its own copy of Passerelle: the service's
    name (no SIRET of its own)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.service = QLineEdit("Service certification de COORACE")
        self.add("service", "&Nom du service :", self.service)

    def problems(self) -> dict[str, str]:
        from app.limits import chars_exceeded, limits

        text = self.service.text().strip()
        most = limits().value("text_max_chars")
        if not text:
            return {"service": "Le nom du service est obligatoire : il signe les réponses."}
        if len(text) > most:
            return {"service": f"Nom du service : {chars_exceeded(len(text), most)}."}
        return {}


def align_labels(*forms: _CheckedForm) -> None:
    """Forms shown one above the other start their fields at the same place."""
    labels = [label for form in forms for label in form.labels()]
    widest = max(label.sizeHint().width() for label in labels)
    for label in labels:
        label.setMinimumWidth(widest)


def setup_of(structure_form: StructureForm, people: PeopleForm) -> Setup:
    return Setup(
        structure=structure_form.structure(),
        coorace_email=people.coorace_email.text().strip(),
        user=people.user.text().strip(),
    )


def fill(structure_form: StructureForm, people: PeopleForm, setup: Setup) -> None:
    structure_form.set_structure(setup.structure)
    people.coorace_email.setText(setup.coorace_email)
    people.user.setText(setup.user)
