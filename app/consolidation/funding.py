"""What the funder needs for a group: each member — whether they entered the VAE (the
admissibility decided), the collective days attended, the amounts of their financing plan
per source, CPF hours — with the totals, against the figures of the rules (the OPCA's
amount per employee, the overall cost, the CPF hours' cap), never figures of the code.
Written as a real .xlsx (xlsxwriter, constant memory)."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import labels
from app.consolidation.attendance import member_attendance
from app.export.funding_summary import SOURCES, FundingLine
from app.rules import Rules
from app.store.candidates import _LOADED
from app.store.files import refuse_existing, write_private_bytes
from app.store.group_models import GroupRow
from app.store.mapping import dossier_of
from app.store.models import CandidateRow


def funding_lines(session: Session, group: GroupRow, rules: Rules) -> list[FundingLine]:
    """The members now in the group, by structure then name."""
    members = {m.candidate_id: m for m in group.members if m.left_on is None}
    rows = session.scalars(
        select(CandidateRow).where(CandidateRow.id.in_(members)).options(*_LOADED)
    ).all()
    lines = []
    for row in sorted(rows, key=lambda r: (r.structure.name.casefold(), r.sort_key)):
        cip = dossier_of(row).cip
        amounts = {source: Decimal(0) for source in SOURCES}
        hours = Decimal(0)
        for line in cip.financing if cip else ():
            amounts[line.source] += Decimal(str(line.amount_eur))
            if line.source == "cpf" and line.hours is not None:
                hours += Decimal(str(line.hours))
        attendance = member_attendance(session, group, members[row.id], rules)
        lines.append(
            FundingLine(
                structure=row.structure.name,
                siret=row.structure.siret,
                name=f"{row.last_name} {row.first_name}",
                ref=row.ref,
                entered_vae=bool(cip and cip.admissibility_decision_on),
                days_attended=attendance.attended_days,
                amounts=amounts,
                cpf_hours=hours,
                cost=None if not cip or cip.cost_eur is None else Decimal(str(cip.cost_eur)),
            )
        )
    return lines


def funding_xlsx(lines: list[FundingLine], rules: Rules, title: str) -> bytes:
    """The funder's summary: a member per row, the totals, and the rules' figures."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"constant_memory": True, "in_memory": False})
    book.set_properties({"title": title, "subject": "Synthèse pour le financeur"})
    sheet = book.add_worksheet("Financement")
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    money = book.add_format({"num_format": "#,##0.00 €"})
    header = [
        "Structure",
        "SIRET",
        "Nom",
        "Référence",
        "Entré en VAE",
        "Jours suivis",
        *[labels.FINANCING_SOURCE[s] + " (€)" for s in SOURCES],
        "Heures CPF",
        "Coût (€)",
    ]
    sheet.write_row(0, 0, header, bold)
    for col, width in enumerate([32, 16, 24, 14, 12, 11, *[14] * len(SOURCES), 11, 12]):
        sheet.set_column(col, col, width)
    totals = {source: Decimal(0) for source in SOURCES}
    entered = 0
    for r, line in enumerate(lines, start=1):
        entered += line.entered_vae
        values = [line.structure, line.siret, line.name, line.ref]
        for c, value in enumerate(values):
            sheet.write_string(r, c, value)
        sheet.write_string(r, 4, "oui" if line.entered_vae else "non")
        sheet.write_number(r, 5, float(line.days_attended))
        for k, source in enumerate(SOURCES):
            totals[source] += line.amounts[source]
            sheet.write_number(r, 6 + k, float(line.amounts[source]), money)
        sheet.write_number(r, 6 + len(SOURCES), float(line.cpf_hours))
        if line.cost is not None:
            sheet.write_number(r, 7 + len(SOURCES), float(line.cost), money)
    total_row = len(lines) + 1
    sheet.write_string(total_row, 0, "Total", bold)
    sheet.write_string(total_row, 4, f"{entered} en VAE", bold)
    for k, source in enumerate(SOURCES):
        sheet.write_number(total_row, 6 + k, float(totals[source]), money)
    notes = total_row + 2
    for offset, name in enumerate(("opca_amount_eur", "max_cost_eur", "cpf_max_hours")):
        parameter = rules.parameter(name)  # the rules in force, as they say it
        sheet.write_string(notes + offset, 0, f"{parameter.label} ({parameter.rule})")
        sheet.write_string(notes + offset, 2, f"{parameter.value} {parameter.unit}")
    book.close()
    return buffer.getvalue()


def write_funding(
    session: Session,
    group: GroupRow,
    rules: Rules,
    on: date,
    xlsx: Path | None = None,
    pdf: Path | None = None,
) -> list[FundingLine]:
    """Writes the funder's summary of `group` as .xlsx and/or PDF; both are made before
    either is written, and neither is written over a file or into a missing folder."""
    from app.consolidation.groups import GroupError
    from app.export.funding_summary import funding_summary_pdf  # reportlab, when asked

    outs = [out for out in (xlsx, pdf) if out is not None]
    for out in outs:
        if not out.parent.is_dir():
            raise GroupError(f"Le dossier {out.parent} n'existe pas : rien n'a été écrit.")
        refuse_existing(out)
    lines = funding_lines(session, group, rules)
    title = f"{group.name} — synthèse pour le financeur"
    made = []
    if xlsx is not None:
        made.append((xlsx, funding_xlsx(lines, rules, title)))
    if pdf is not None:
        funder = str(rules.value("opca_name"))
        made.append((pdf, funding_summary_pdf(lines, rules, group.name, funder, on)))
    for out, data in made:
        write_private_bytes(out, data)
    return lines
