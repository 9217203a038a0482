"""The list AFPA needs for a group: one line per member — structure, SIRET, region,
candidate, job, days of experience, agreement date, positioning score, financing lines —
as a real .xlsx (xlsxwriter, constant memory) or a `;` CSV (UTF-8 with BOM)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import labels
from app.domain import Catalogue
from app.evaluation import evaluate
from app.french import euros, number
from app.rules import Rules
from app.store.candidates import _LOADED
from app.store.files import refuse_existing, write_private_bytes, write_private_text
from app.store.group_models import GroupMemberRow, GroupRow
from app.store.mapping import dossier_of
from app.store.models import CandidateRow

HEADER = [
    "Structure",
    "SIRET",
    "Région",
    "Nom",
    "Prénom",
    "Référence",
    "Poste",
    "Jours d'expérience (CIP-EXP)",
    "Accord de l'employeur",
    "Score au test (%)",
    "Financement",
]


def _financing(cip) -> str:
    if cip is None or not cip.financing:
        return ""
    return " ; ".join(
        f"{labels.FINANCING_SOURCE.get(f.source, f.source)} {euros(f.amount_eur)}"
        + (f" ({number(f.hours)} h)" if f.hours is not None else "")
        for f in cip.financing
    )


def afpa_rows(
    session: Session, group: GroupRow, on: date, rules: Rules, catalogue: Catalogue
) -> Iterator[list]:
    """The members now in the group, by structure then name; experience as of `on`."""
    ids = list(
        session.scalars(
            select(GroupMemberRow.candidate_id).where(
                GroupMemberRow.group_id == group.id, GroupMemberRow.left_on.is_(None)
            )
        )
    )
    rows = session.scalars(
        select(CandidateRow).where(CandidateRow.id.in_(ids)).options(*_LOADED)
    ).all()
    rows.sort(key=lambda r: (r.structure.name.casefold(), r.sort_key))
    for row in rows:
        dossier = dossier_of(row)
        evaluation = evaluate(dossier, on, rules, catalogue)
        days = evaluation.cip.experience.total_days if evaluation.cip else None
        agreement = dossier.employer_agreement
        cip = dossier.cip
        yield [
            row.structure.name,
            row.structure.siret,  # 14 digits, as AFPA's and COORACE's files key it
            row.structure.region,
            row.last_name,
            row.first_name,
            row.ref,
            row.job_title or "",
            days,
            agreement.given_on if agreement else None,
            cip.positioning_score_pct if cip else None,
            _financing(cip),
        ]


def write_xlsx(rows: Iterator[list], out: Path, title: str) -> int:
    """Writes the list as an .xlsx: the column names in row 1 (filters on, frozen), a
    member per row, dates as dates, numbers as numbers, the SIRET as text; the group's
    name as the workbook's title. Returns the number of members written."""
    import xlsxwriter

    refuse_existing(out)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"constant_memory": True, "in_memory": False})
    book.set_properties({"title": title, "subject": "Liste des membres pour l'AFPA"})
    sheet = book.add_worksheet("Membres")
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    widths = [34, 18, 24, 20, 16, 14, 30, 14, 14, 10, 48]
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    sheet.write_row(0, 0, HEADER, bold)
    sheet.freeze_panes(1, 0)
    count = 0
    for values in rows:
        count += 1
        for col, value in enumerate(values):
            if isinstance(value, date):
                sheet.write_datetime(count, col, value, day)
            elif value is None:
                sheet.write_blank(count, col, None)
            elif isinstance(value, str):
                sheet.write_string(count, col, value)  # a SIRET stays 14 digits, as text
            else:
                sheet.write_number(count, col, value)
    sheet.autofilter(0, 0, max(count, 1), len(HEADER) - 1)
    book.close()
    write_private_bytes(out, buffer.getvalue())
    return count


def write_csv(rows: Iterator[list], out: Path) -> int:
    refuse_existing(out)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    count = 0
    for values in rows:
        count += 1
        writer.writerow(
            [
                v.strftime("%d/%m/%Y") if isinstance(v, date) else ("" if v is None else v)
                for v in values
            ]
        )
    write_private_text(out, "\ufeff" + buffer.getvalue())
    return count
