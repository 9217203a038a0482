"""A member's convocation to the group's collective days: a one-page letter (PDF) with the
group, the dates, places and who leads each, and what to bring; sent as an .eml draft to
the member's structure (never to the candidate, unless the structure gave their address
in the dossier)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.platypus import Paragraph

from app.export.layout import Page, fields, gap, render, styles, table
from app.french import of

BRING = (
    "une pièce d'identité ; le livret de VAE et les documents de la demande de recevabilité ; "
    "de quoi prendre des notes"
)
HALF_WORDS = {"matin": "matin", "apres-midi": "après-midi"}


@dataclass(frozen=True, slots=True)
class ConvocationDay:
    day: date
    halves: tuple[str, ...]
    place: str
    led_by: str
    kind: str


@dataclass(frozen=True, slots=True)
class Convocation:
    member: str
    structure: str
    group: str
    days: tuple[ConvocationDay, ...]
    service: str  # COORACE's service, who writes
    written_on: date


def convocation_pdf(letter: Convocation, invariant: bool = False) -> bytes:
    style = styles()
    story: list = [
        Paragraph("Convocation aux journées collectives", style.title),
        fields(
            [("À", letter.member), ("Structure", letter.structure), ("Groupe", letter.group)], style
        ),
        gap(4),
        Paragraph(f"Le {letter.written_on:%d/%m/%Y}", style.body),
        gap(3),
        Paragraph("Madame, Monsieur,", style.body),
        gap(2),
        Paragraph(
            "Vous êtes convoqué(e) aux journées collectives de la VAE collective du titre CIP, "
            "organisées par COORACE, aux dates suivantes :",
            style.body,
        ),
        gap(3),
    ]
    rows: list[list[object]] = [["Date", "Demi-journée", "Nature", "Lieu", "Animé par"]]
    for day in letter.days:
        when = " et ".join(HALF_WORDS[h] for h in day.halves)
        rows.append([f"{day.day:%d/%m/%Y}", when, day.kind, day.place or "—", day.led_by or "—"])
    story.append(table(rows, (0.14, 0.2, 0.22, 0.26, 0.18), style))
    story += [
        gap(4),
        Paragraph(f"À apporter : {BRING}.", style.body),
        gap(3),
        Paragraph(
            "Ces journées font partie de la mobilisation prévue par le programme (règle CIP-MOB) "
            "et sont la preuve de présence demandée par le financeur : chaque participant signe "
            "la feuille d'émargement à chaque demi-journée. En cas d'empêchement, prévenez votre "
            "structure au plus tôt.",
            style.body,
        ),
        gap(6),
        Paragraph(
            "Pour COORACE" + ("" if letter.service == "COORACE" else f", {letter.service}"),
            style.body,
        ),
    ]
    page = Page(
        header_left="Passerelle — VAE collective CIP",
        header_right="Convocation",
        footer=f"{letter.group} — convocation {of(letter.member)}",
        title=f"Convocation — {letter.member} — {letter.group}",
        author=letter.service,
        subject="Convocation aux journées collectives",
    )
    return render(story, page, invariant=invariant)
