"""The funder's summary of a group as a PDF, beside its .xlsx (consolidation/funding.py):
each member now in the group — entered the VAE or not, the collective days attended, the
OPCA's and the CPF's parts, the other sources, the cost — then the totals per funding
source and the rules' figures they are read against (named with their rule). Same fonts,
header and footer as the dossiers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from reportlab.platypus import Paragraph

from app import labels
from app.export.layout import Cell, Page, fields, gap, heading, render, styles, table
from app.french import euros, number, plural
from app.rules import Rules

SOURCES = tuple(labels.FINANCING_SOURCE)
RULE_FIGURES = ("opca_amount_eur", "max_cost_eur", "cpf_max_hours")
OTHER_SOURCES = tuple(s for s in SOURCES if s not in ("opca", "cpf"))


@dataclass(frozen=True, slots=True)
class FundingLine:
    structure: str
    siret: str
    name: str
    ref: str
    entered_vae: bool
    days_attended: Decimal
    amounts: dict[str, Decimal]  # per source, as their plan says
    cpf_hours: Decimal
    cost: Decimal | None
    due: Decimal  # what the OPCA takes on: their plan's OPCA part, within the rule, once in VAE
    plan_words: str  # « conforme », « à compléter », « hors règle » (CIP-COST, CIP-FIN)
    left_on: date | None = None
    claimed_in: str | None = None  # left for this group, where the OPCA's part is counted


@dataclass(frozen=True, slots=True)
class FundingTotals:
    entered: int
    days: Decimal
    amounts: dict[str, Decimal]
    cpf_hours: Decimal
    cost: Decimal
    due: Decimal


def funding_totals(lines: list[FundingLine]) -> FundingTotals:
    """The sums the .xlsx and the PDF both give."""
    return FundingTotals(
        entered=sum(1 for line in lines if line.entered_vae),
        days=sum((line.days_attended for line in lines), Decimal(0)),
        amounts={s: sum((line.amounts[s] for line in lines), Decimal(0)) for s in SOURCES},
        cpf_hours=sum((line.cpf_hours for line in lines), Decimal(0)),
        cost=sum((line.cost for line in lines if line.cost is not None), Decimal(0)),
        due=sum((line.due for line in lines), Decimal(0)),
    )


def _others(line: FundingLine) -> str:
    parts = [
        f"{labels.FINANCING_SOURCE[s]} {euros(line.amounts[s])}"
        for s in OTHER_SOURCES
        if line.amounts[s]
    ]
    return ", ".join(parts) or "—"


def funding_summary_pdf(
    lines: list[FundingLine],
    rules: Rules,
    group: str,
    funder: str,
    on: date,
    invariant: bool = False,
) -> bytes:
    """The summary of `group` for `funder` (the rules' OPCA), written on `on`."""
    style = styles()
    totals = funding_totals(lines)
    entered = totals.entered
    members = f"{number(len(lines))} {plural(len(lines), 'membre', 'membres')}"
    members += f", dont {number(entered)} {plural(entered, 'entré', 'entrés')} en VAE"
    opca = rules.parameter("opca_amount_eur")
    story: list = [
        Paragraph("Synthèse pour le financeur", style.title),
        fields(
            [
                ("Groupe", group),
                ("Financeur", funder),
                ("Membres", members),
                ("Pris en charge par l'OPCA", euros(totals.due)),
                ("Établie le", f"{on:%d/%m/%Y}"),
            ],
            style,
        ),
        gap(4),
        *heading("Membres du groupe", style),
    ]
    rows: list[list[object]] = [
        ["Nom et structure", "En VAE", "Jours suivis", "Plan : OPCA", "CPF", "Autres", "Coût",
         "Pris en charge OPCA"]
    ]  # fmt: skip
    for line in lines:
        cpf = euros(line.amounts["cpf"])
        if line.cpf_hours:
            cpf += f" ({number(line.cpf_hours)} h)"
        who = f"{line.name} ({line.ref})\n{line.structure}"
        if line.left_on is not None:
            who += f"\nsorti le {line.left_on:%d/%m/%Y}"
        if line.claimed_in:
            who += f"\ncompté dans « {line.claimed_in} »"
        rows.append(
            [
                who,
                "oui" if line.entered_vae else "non",
                number(line.days_attended),
                euros(line.amounts["opca"]) + ("" if line.plan_words == "conforme" else
                                               f"\n{line.plan_words}"),
                cpf,
                _others(line),
                "—" if line.cost is None else euros(line.cost),
                euros(line.due),
            ]
        )  # fmt: skip
    hours = f" ({number(totals.cpf_hours)} h)" if totals.cpf_hours else ""
    others = sum((totals.amounts[s] for s in OTHER_SOURCES), Decimal(0))
    rows.append(
        [
            Cell("Total", bold=True),
            Cell(number(entered), bold=True),
            Cell(number(totals.days), bold=True),
            Cell(euros(totals.amounts["opca"]), bold=True),
            Cell(euros(totals.amounts["cpf"]) + hours, bold=True),
            Cell(euros(others), bold=True),
            Cell(euros(totals.cost), bold=True),
            Cell(euros(totals.due), bold=True),
        ]
    )
    story.append(table(rows, (0.22, 0.07, 0.08, 0.12, 0.15, 0.13, 0.11, 0.12), style))
    story.append(gap(2))
    story.append(
        Paragraph(
            f"Pris en charge par l'OPCA : pour chaque membre entré en VAE, la part OPCA de son "
            f"plan, au plus {euros(opca.value)} (règle {opca.rule}) ; {number(entered)} "
            f"{plural(entered, 'membre entré', 'membres entrés')} en VAE.",
            style.note,
        )
    )
    story += heading("Montants des plans de financement, par source", style)
    per_source: list[list[object]] = [["Source", "Montant"]]
    per_source += [[labels.FINANCING_SOURCE[s], euros(totals.amounts[s])] for s in SOURCES]
    per_source.append(
        [Cell("Total", bold=True), Cell(euros(sum(totals.amounts.values(), Decimal(0))), bold=True)]
    )
    story.append(table(per_source, (0.5, 0.5), style))
    story += heading("Règles appliquées", style)
    for name in RULE_FIGURES:
        parameter = rules.parameter(name)
        value = euros(parameter.value) if parameter.unit == "€" else number(parameter.value)
        unit = "" if parameter.unit == "€" else f" {parameter.unit}"
        story.append(
            Paragraph(f"{parameter.label} : {value}{unit} (règle {parameter.rule}).", style.body)
        )
    story.append(gap(3))
    story.append(
        Paragraph(
            "Jours suivis : demi-journées collectives où le membre a été enregistré présent, "
            "d'après les feuilles d'émargement. Entré en VAE : décision de recevabilité "
            "enregistrée dans son dernier dossier reçu.",
            style.note,
        )
    )
    page = Page(
        header_left="Passerelle — VAE collective CIP",
        header_right=f"Synthèse du {on:%d/%m/%Y}",
        footer=f"{group} — synthèse pour le financeur",
        title=f"Synthèse pour le financeur — {group}",
        author="Passerelle",
        subject="Synthèse pour le financeur",
    )
    return render(story, page, invariant=invariant)
