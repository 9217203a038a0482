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
    amounts: dict[str, Decimal]  # per source
    cpf_hours: Decimal
    cost: Decimal | None


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
    entered = sum(1 for line in lines if line.entered_vae)
    members = f"{number(len(lines))} {plural(len(lines), 'membre', 'membres')}"
    members += f", dont {number(entered)} {plural(entered, 'entré', 'entrés')} en VAE"
    story: list = [
        Paragraph("Synthèse pour le financeur", style.title),
        fields(
            [
                ("Groupe", group),
                ("Financeur", funder),
                ("Membres", members),
                ("Établie le", f"{on:%d/%m/%Y}"),
            ],
            style,
        ),
        gap(4),
        *heading("Membres du groupe", style),
    ]
    rows: list[list[object]] = [
        ["Nom et structure", "En VAE", "Jours suivis", "OPCA", "CPF", "Autres", "Coût"]
    ]
    for line in lines:
        cpf = euros(line.amounts["cpf"])
        if line.cpf_hours:
            cpf += f" ({number(line.cpf_hours)} h)"
        rows.append(
            [
                f"{line.name}\n{line.structure}",
                "oui" if line.entered_vae else "non",
                number(line.days_attended),
                euros(line.amounts["opca"]),
                cpf,
                _others(line),
                "—" if line.cost is None else euros(line.cost),
            ]
        )
    totals = {s: sum((line.amounts[s] for line in lines), Decimal(0)) for s in SOURCES}
    days = sum((line.days_attended for line in lines), Decimal(0))
    hours = sum((line.cpf_hours for line in lines), Decimal(0))
    costs = [line.cost for line in lines if line.cost is not None]
    rows.append(
        [
            Cell("Total", bold=True),
            Cell(f"{number(entered)}", bold=True),
            Cell(number(days), bold=True),
            Cell(euros(totals["opca"]), bold=True),
            Cell(euros(totals["cpf"]) + (f" ({number(hours)} h)" if hours else ""), bold=True),
            Cell(euros(sum((totals[s] for s in OTHER_SOURCES), Decimal(0))), bold=True),
            Cell(euros(sum(costs, Decimal(0))) if costs else "—", bold=True),
        ]
    )
    story.append(table(rows, (0.25, 0.08, 0.09, 0.11, 0.18, 0.17, 0.12), style))
    story += heading("Montants par source de financement", style)
    per_source: list[list[object]] = [["Source", "Montant"]]
    per_source += [[labels.FINANCING_SOURCE[s], euros(totals[s])] for s in SOURCES]
    per_source.append(
        [Cell("Total", bold=True), Cell(euros(sum(totals.values(), Decimal(0))), bold=True)]
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
