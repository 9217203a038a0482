"""« Préparer la demande de recevabilité »: a PDF that follows the rubrics of the CERFA
12818*02 (demande de recevabilité à la validation des acquis de l'expérience), filled
from the record, with an empty box for what Passerelle does not hold — it never collects
nationality or place of birth for this. Each experience's hours are estimated: the
weekdays of the period × `weekly_hours_full_time` (rules) × its full-time equivalent ÷ 5,
said on the sheet as an estimate to check. The sworn statements and the signature are
left to sign. Same fonts, header and footer as the dossiers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from reportlab.platypus import Paragraph

from app.domain import Dossier, ExperiencePeriod
from app.export.layout import (
    Cell,
    Page,
    fields,
    gap,
    heading,
    render,
    signature_blocks,
    styles,
    table,
)
from app.french import day_text, number
from app.referentials import cip_referential
from app.rules import Rules

TO_FILL = "à compléter"
CERFA = "CERFA n° 12818*02"


def weekdays(start: date, end: date) -> int:
    """The Mondays to Fridays from `start` to `end`, both included."""
    if end < start:
        return 0
    whole, rest = divmod((end - start).days + 1, 7)
    count = whole * 5
    for k in range(rest):
        if (start + timedelta(days=whole * 7 + k)).weekday() < 5:
            count += 1
    return count


@dataclass(frozen=True, slots=True)
class HoursEstimate:
    weekdays: int
    weekly_hours: Decimal  # full time × fte
    total: Decimal

    def text(self) -> str:
        return f"{number(self.total)} h (estimation : {self.weekdays} jours ouvrés)"


def hours_of(period: ExperiencePeriod, on: date, rules: Rules) -> HoursEstimate:
    """A period's hours: weekdays × full-time weekly hours × fte ÷ 5 (a period still
    going counts to `on`)."""
    full = Decimal(str(rules.value("weekly_hours_full_time")))
    fte = Decimal(str(period.fte))
    days = weekdays(period.start, period.end or on)
    total = (Decimal(days) * full * fte / 5).quantize(Decimal("0.5"), rounding=ROUND_HALF_UP)
    return HoursEstimate(days, full * fte, total)


def _or_box(value: object) -> object:
    return Cell(TO_FILL, colour=None) if value in (None, "") else value


def admissibility_pdf(dossier: Dossier, rules: Rules, on: date, invariant: bool = False) -> bytes:
    """The admissibility request of the CIP title for the dossier's candidate, on `on`."""
    style = styles()
    referential = cip_referential()
    title = referential.title
    person = dossier.candidate
    structure = dossier.structure
    story: list = [
        Paragraph(
            "Demande de recevabilité à la validation des acquis de l'expérience", style.title
        ),
        Paragraph(
            f"Préparée par Passerelle d'après la fiche du candidat, en suivant les rubriques du "
            f"{CERFA}. Les cases « {TO_FILL} » sont à remplir par le candidat : Passerelle ne "
            "les connaît pas.",
            style.note,
        ),
        *heading("1. Nature de la demande", style),
        fields(
            [
                ("Première demande de VAE pour ce titre", "☐ oui    ☐ non"),
                (
                    "Demande dans le cadre d'une démarche collective",
                    "☒ oui (VAE collective COORACE-AFPA)",
                ),
            ],
            style,
        ),
        *heading("2. Certification visée", style),
        fields(
            [
                ("Intitulé", f"Titre professionnel {title.name} ({title.code})"),
                ("Niveau", _or_box(getattr(title, "level", ""))),
                ("Autorité ou organisme qui délivre la certification", _or_box(title.authority)),
                ("Numéro RNCP", _or_box(getattr(title, "rncp", ""))),
            ],
            style,
        ),
        *heading("3. Identité et situation", style),
        fields(
            [
                ("Nom", person.last_name),
                ("Prénom", person.first_name),
                (
                    "Date de naissance",
                    day_text(person.birth_date) if person.birth_date else Cell(TO_FILL),
                ),
                ("Lieu de naissance", Cell(TO_FILL)),
                ("Nationalité", Cell(TO_FILL)),
                ("Adresse", Cell(TO_FILL)),
                ("Courriel", _or_box(person.email)),
                ("Téléphone", _or_box(person.phone)),
                ("Situation actuelle", "salarié(e)"),
                ("Emploi occupé", _or_box(person.job_title)),
                ("Employeur", f"{structure.name} (SIRET {structure.siret})"),
                ("Contrat", _or_box(person.contract)),
                ("Depuis le", day_text(person.hired_on) if person.hired_on else Cell(TO_FILL)),
            ],
            style,
        ),
        *heading("4. Formation", style),
        fields(
            [
                ("Niveau de formation atteint", Cell(TO_FILL)),
                ("Diplômes, titres ou certifications obtenus", Cell(TO_FILL)),
            ],
            style,
        ),
        *heading("5. Expériences en rapport avec la certification visée", style),
    ]
    header = ["Emploi", "Employeur, statut", "Du", "Au", "Heures par semaine", "Total d'heures"]
    rows: list[list[object]] = [[*header, "Activités"]]
    periods = sorted(dossier.experiences, key=lambda p: p.start)
    for period in periods:
        estimate = hours_of(period, on, rules)
        rows.append(
            [
                _or_box(period.job_title),
                f"{period.employer or TO_FILL}\nsalarié(e)",
                day_text(period.start),
                day_text(period.end) if period.end else f"en cours\nau {day_text(on)}",
                number(estimate.weekly_hours),
                estimate.text(),
                Cell(TO_FILL),
            ]
        )
    if not periods:
        rows.append([Cell("Aucune expérience enregistrée", span=True), *[""] * 6])
    story.append(table(rows, (0.17, 0.17, 0.12, 0.12, 0.11, 0.16, 0.15), style))
    full = rules.parameter("weekly_hours_full_time")
    story += [
        gap(2),
        Paragraph(
            f"Heures : une estimation à vérifier — les jours ouvrés (du lundi au vendredi) de "
            f"chaque période × {number(full.value)} h (un temps plein, règle {full.rule}) × la "
            "quotité de "
            "travail ÷ 5. Corrigez-les d'après les bulletins de salaire ou les attestations "
            "de l'employeur.",
            style.note,
        ),
        *heading("6. Déclarations sur l'honneur", style),
        Paragraph(
            "Je soussigné(e) certifie sur l'honneur l'exactitude des renseignements "
            "ci-dessus ; ne pas avoir déposé, pour la même certification, plus d'une demande "
            "au cours de la même année civile ; ne pas avoir déposé plus de trois demandes "
            "pour des certifications différentes au cours de la même année civile.",
            style.body,
        ),
        gap(3),
        signature_blocks([f"{person.first_name} {person.last_name}"], style),
    ]
    who = f"{person.first_name} {person.last_name}"
    page = Page(
        header_left=structure.name,
        header_right=f"{who} — demande de recevabilité",
        footer=f"Préparée le {day_text(on)} · rubriques du {CERFA} · Passerelle",
        title=f"Demande de recevabilité — {who}",
        author=structure.name,
        subject="Demande de recevabilité (VAE)",
    )
    return render(story, page, invariant=invariant)
