"""The attendance sheet of one day of a group (« feuille d'émargement »), the proof the
funder asks for: group, date, place, who leads it; for each member their name, structure
and a signature box per half-day; a box for the one who leads. Blank before the day; after
it, the same sheet with the attendance recorded. Same fonts, header and footer as the
dossiers (app/export/layout.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from app.export.layout import Cell, Page, fields, gap, render, styles, table

HALF_WORDS = {"matin": "Matin", "apres-midi": "Après-midi"}
STATUS_WORDS = {"present": "présent", "excused": "absent excusé", "absent": "absent"}


@dataclass(frozen=True, slots=True)
class SheetMember:
    name: str
    structure: str
    # half → status recorded ("present", "excused", "absent"), or absent from the dict
    attendance: dict[str, str]


@dataclass(frozen=True, slots=True)
class AttendanceSheet:
    group: str
    day: date
    halves: tuple[str, ...]  # the half-days of that day in the calendar, in order
    place: str
    led_by: str
    kind: str
    members: tuple[SheetMember, ...]
    filled: bool  # with the attendance recorded (after the day)


def attendance_sheet_pdf(sheet: AttendanceSheet, invariant: bool = False) -> bytes:
    style = styles()
    story: list = [
        Paragraph("Feuille d'émargement", style.title),
        fields(
            [
                ("Groupe", sheet.group),
                ("Date", f"{sheet.day:%d/%m/%Y}"),
                ("Nature", sheet.kind),
                ("Lieu", sheet.place or "—"),
                ("Animé par", sheet.led_by or "—"),
            ],
            style,
        ),
        gap(4),
    ]
    halves = [HALF_WORDS[h] for h in sheet.halves]
    header = ["Nom", "Structure", *halves]
    rows: list[list[object]] = [header]
    for member in sheet.members:
        boxes: list[object] = []
        for half in sheet.halves:
            status = member.attendance.get(half) if sheet.filled else None
            boxes.append(Cell(STATUS_WORDS[status]) if status else "")
        rows.append([member.name, member.structure, *boxes])
    leader = Cell("Signature de l'animateur ou de l'animatrice", bold=True)
    rows.append([leader, "", *["" for _ in halves]])
    share = 0.4 / max(len(halves), 1)
    widths = (0.3, 0.3, *([share] * len(halves)))
    story.append(table(rows, widths, style, row_height=13 * mm))
    story.append(gap(3))
    note = (
        "Feuille remplie d'après les présences enregistrées dans Passerelle."
        if sheet.filled
        else "À faire signer par chaque participant à chaque demi-journée."
    )
    story.append(Paragraph(note, style.note))
    page = Page(
        header_left="Passerelle — VAE collective CIP",
        header_right=f"Émargement du {sheet.day:%d/%m/%Y}",
        footer=f"{sheet.group} — feuille d'émargement (preuve de présence pour le financeur)",
        title=f"Feuille d'émargement — {sheet.group} — {sheet.day:%d/%m/%Y}",
        author="Passerelle",
        subject="Feuille d'émargement",
    )
    return render(story, page, invariant=invariant)
