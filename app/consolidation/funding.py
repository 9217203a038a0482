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
from app.consolidation.board import group_board
from app.export.funding_summary import SOURCES, FundingLine, funding_totals
from app.rules import Rules
from app.store.files import refuse_existing, write_private_bytes
from app.store.group_models import GroupMemberRow, GroupRow


def funding_lines(session: Session, group: GroupRow, rules: Rules, on: date) -> list[FundingLine]:
    """Every member the group had, those still in it first, by structure then name: the
    board's lines (their latest dossier, their attendance) with their plan's amounts."""
    opca_most = Decimal(str(rules.value("opca_amount_eur")))
    board = group_board(session, group.id, on, rules)
    gone = [line.candidate_id for line in board if line.left_on is not None]
    later = {  # a member who left for another group is claimed there, once
        cid: name
        for cid, name, joined, left in session.execute(
            select(
                GroupMemberRow.candidate_id,
                GroupRow.name,
                GroupMemberRow.joined_on,
                GroupMemberRow.left_on,
            )
            .join(GroupRow, GroupRow.id == GroupMemberRow.group_id)
            .where(GroupMemberRow.candidate_id.in_(gone), GroupMemberRow.group_id != group.id)
        )
        if any(joined >= line.left_on for line in board if line.candidate_id == cid)
    }
    lines = []
    for line in board:
        amounts = {source: Decimal(0) for source in SOURCES}
        hours = Decimal(0)
        for part in line.plan:
            amounts[part.source] += Decimal(str(part.amount_eur))
            if part.source == "cpf" and part.hours is not None:
                hours += Decimal(str(part.hours))
        entered = line.decided_on is not None and line.decided_on <= on
        lines.append(
            FundingLine(
                structure=line.structure,
                siret=line.siret,
                name=line.sort_name,
                ref=line.ref,
                entered_vae=entered,
                days_attended=line.attendance.attended_days,
                amounts=amounts,
                cpf_hours=hours,
                cost=None if line.cost_eur is None else Decimal(str(line.cost_eur)),
                due=min(amounts["opca"], opca_most)
                if entered and line.candidate_id not in later
                else Decimal(0),
                claimed_in=later.get(line.candidate_id),
                plan_words=line.plan_words(),
                left_on=line.left_on,
            )
        )
    return lines


def funding_xlsx(lines: list[FundingLine], rules: Rules, title: str, about: list[str]) -> bytes:
    """The funder's summary: a member per row (column names in row 1), the totals, then
    `about` (the group, the funder, the date) and the rules' figures."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"constant_memory": True, "in_memory": False})
    book.set_properties({"title": title, "subject": "Synthèse pour le financeur"})
    sheet = book.add_worksheet("Financement")
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    money = book.add_format({"num_format": "#,##0.00 €"})
    money_bold = book.add_format({"num_format": "#,##0.00 €", "bold": True})
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
        "Pris en charge par l'OPCA (€)",
        "Plan (CIP-COST, CIP-FIN)",
        "Sorti du groupe le",
    ]
    sheet.write_row(0, 0, header, bold)
    widths = [32, 16, 24, 14, 12, 11, *[14] * len(SOURCES), 11, 12, 16, 16, 14]
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    after = 6 + len(SOURCES)  # the columns after the sources
    for r, line in enumerate(lines, start=1):
        for c, value in enumerate([line.structure, line.siret, line.name, line.ref]):
            sheet.write_string(r, c, value)
        sheet.write_string(r, 4, "oui" if line.entered_vae else "non")
        sheet.write_number(r, 5, float(line.days_attended))
        for k, source in enumerate(SOURCES):
            sheet.write_number(r, 6 + k, float(line.amounts[source]), money)
        sheet.write_number(r, after, float(line.cpf_hours))
        if line.cost is not None:
            sheet.write_number(r, after + 1, float(line.cost), money)
        sheet.write_number(r, after + 2, float(line.due), money)
        sheet.write_string(r, after + 3, line.plan_words)
        if line.left_on is not None:
            moved = f", compté dans « {line.claimed_in} »" if line.claimed_in else ""
            sheet.write_string(r, after + 4, f"{line.left_on:%d/%m/%Y}{moved}")
    totals = funding_totals(lines)
    row = len(lines) + 1
    sheet.write_string(row, 0, "Total", bold)
    sheet.write_string(row, 4, f"{totals.entered} en VAE", bold)
    sheet.write_number(row, 5, float(totals.days), bold)
    for k, source in enumerate(SOURCES):
        sheet.write_number(row, 6 + k, float(totals.amounts[source]), money_bold)
    sheet.write_number(row, after, float(totals.cpf_hours), bold)
    sheet.write_number(row, after + 1, float(totals.cost), money_bold)
    sheet.write_number(row, after + 2, float(totals.due), money_bold)
    notes = row + 2
    for offset, text in enumerate(about):
        sheet.write_string(notes + offset, 0, text)
    notes += len(about) + 1
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
    if xlsx is not None and pdf is not None and xlsx.resolve() == pdf.resolve():
        raise GroupError(
            f"Le classeur et le PDF ne peuvent pas être le même fichier ({xlsx}) : "
            "rien n'a été écrit."
        )
    for out in outs:
        if not out.parent.is_dir():
            raise GroupError(f"Le dossier {out.parent} n'existe pas : rien n'a été écrit.")
        refuse_existing(out)
    lines = funding_lines(session, group, rules, on)
    title = f"{group.name} — synthèse pour le financeur"
    funder = str(rules.value("opca_name"))
    about = [f"Groupe : {group.name}", f"Financeur : {funder}", f"Établie le {on:%d/%m/%Y}"]
    made = []
    if xlsx is not None:
        made.append((xlsx, funding_xlsx(lines, rules, title, about)))
    if pdf is not None:
        made.append((pdf, funding_summary_pdf(lines, rules, group.name, funder, on)))
    for out, data in made:
        write_private_bytes(out, data)
    return lines
