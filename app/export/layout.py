"""The dossier's page: A4, a header (structure, candidate, path) and a footer (« Page X
sur Y », export date, rules version) on every page, French metadata, and the styles the
sections use. Built with reportlab's platypus."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.export.fonts import BOLD, ITALIC, register_fonts

MARGIN = 18 * mm
HEADER = 16 * mm
FOOTER = 14 * mm
WIDTH = A4[0] - 2 * MARGIN
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
RULE_LINE = colors.HexColor("#9aa5b1")
SHADE = colors.HexColor("#e4e7eb")
MET = colors.HexColor("#1b7f3b")
NOT_MET = colors.HexColor("#b42318")
PENDING = colors.HexColor("#8a5a00")


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle
    note: ParagraphStyle


def styles() -> Styles:
    font = register_fonts()
    body = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=12.5, textColor=INK)
    return Styles(
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8, leading=10, textColor=MUTED),
        cell=ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5),
        cell_bold=ParagraphStyle("cell_bold", parent=body, fontName=BOLD, fontSize=8.5),
        title=ParagraphStyle(
            "title", parent=body, fontName=BOLD, fontSize=16, leading=20, spaceAfter=4
        ),
        heading=ParagraphStyle(
            "heading",
            parent=body,
            fontName=BOLD,
            fontSize=12,
            leading=15,
            spaceBefore=10,
            spaceAfter=4,
        ),
        note=ParagraphStyle("note", parent=body, fontName=ITALIC, textColor=MUTED),
    )


PADDING = 4


@dataclass(frozen=True)
class Cell:
    """A table cell's text with its own look: bold, coloured, or spanning the row."""

    text: str
    bold: bool = False
    colour: colors.Color | None = None
    span: bool = False


MAX_CELL_LINES = 40  # a row taller than a page cannot be laid out
CUT_NOTE = "[…] texte coupé ici : il figure en entier dans le dossier joint au PDF"


def _fitted(word: str, width: float, font: str, size: float) -> list[str]:
    """A word too wide for the column, cut into pieces that fit (a long e-mail address)."""
    pieces, piece = [], ""
    for char in word:
        if piece and stringWidth(piece + char, font, size) > width:
            pieces.append(piece)
            piece = ""
        piece += char
    return [*pieces, piece] if piece else pieces


def _lines(text: str, width: float, font: str, size: float) -> str:
    """`text` broken into lines that fit `width` (tables draw plain lines much faster
    than paragraphs, and every cell is plain text); at most MAX_CELL_LINES lines."""
    lines: list[str] = []
    for part in text.split("\n"):
        for line in simpleSplit(part, font, size, width) or [""]:
            if stringWidth(line, font, size) > width:
                lines += _fitted(line, width, font, size)
            else:
                lines.append(line)
    if len(lines) > MAX_CELL_LINES:
        lines = [*lines[: MAX_CELL_LINES - 2], *simpleSplit(CUT_NOTE, font, size, width)]
    return "\n".join(lines)


def clipped(text: str, width: float, font: str, size: float) -> str:
    """`text` shortened with « … » to fit on one line of `width`."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def table(
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    style: Styles,
    header: bool = True,
    extra: Sequence[tuple] = (),
    row_height: float | None = None,
) -> Table:
    """A table of plain-text cells (str or Cell), wrapped to their column, whose header
    row (bold) repeats on every page; `widths` are fractions of the text width."""
    columns = [WIDTH * w for w in widths]
    regular, bold = style.cell, style.cell_bold
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), regular.fontName, regular.fontSize, regular.leading),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE_LINE),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
        commands.append(("FONT", (0, 0), (-1, 0), bold.fontName, bold.fontSize, bold.leading))
    cells: list[list[object]] = []
    for r, row in enumerate(rows):
        line: list[object] = []
        for c, value in enumerate(row):
            cell = value if isinstance(value, Cell) else None
            text = cell.text if cell else value
            if not isinstance(text, str):
                line.append(text)
                continue
            strong = (header and r == 0) or (cell is not None and cell.bold)
            width = (sum(columns) if cell and cell.span else columns[c]) - 2 * PADDING
            font = bold if strong else regular
            line.append(_lines(text, width, font.fontName, font.fontSize))
            if cell and cell.bold:
                commands.append(("FONT", (c, r), (c, r), bold.fontName, bold.fontSize))
            if cell and cell.colour is not None:
                commands.append(("TEXTCOLOR", (c, r), (c, r), cell.colour))
            if cell and cell.span:  # a row title: kept with the row under it
                commands.append(("SPAN", (c, r), (-1, r)))
                if r + 1 < len(rows):
                    commands.append(("NOSPLIT", (0, r), (-1, r + 1)))
        cells.append(line)
    heights = None  # `row_height`: each row under the header that tall (room to sign)
    if row_height is not None:
        heights = [None if header and r == 0 else row_height for r in range(len(cells))]
    built = Table(
        cells,
        colWidths=columns,
        rowHeights=heights,
        repeatRows=1 if header else 0,
        hAlign="LEFT",
    )
    built.setStyle(TableStyle([*commands, *extra]))
    return built


def fields(pairs: Sequence[tuple[str, str]], style: Styles) -> Table:
    """Label / value lines, without a header row."""
    return table([[label, value] for label, value in pairs], (0.3, 0.7), style, header=False)


def signature_blocks(who: Sequence[str], style: Styles) -> KeepTogether:
    """A box per signatory, with place and date, kept on one page."""
    cells = [
        [
            Paragraph(
                f"<b>{name}</b><br/>Fait à : ………………………………<br/>Le : ……/……/…………<br/>Signature :",
                style.body,
            )
            for name in who
        ]
    ]
    boxes = Table(cells, colWidths=[WIDTH / len(who)] * len(who), rowHeights=[42 * mm])
    boxes.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, RULE_LINE),
                ("INNERGRID", (0, 0), (-1, -1), 0.6, RULE_LINE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return KeepTogether([Paragraph("Signatures", style.heading), boxes])


def _numbered_canvas(header: tuple[str, str], footer: str):
    """A canvas that draws the header and footer once the page count is known."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._decorate(number, total)
                super().showPage()
            super().save()

        def _decorate(self, number: int, total: int) -> None:
            width, height = A4
            self.saveState()
            self.setStrokeColor(RULE_LINE)
            self.setLineWidth(0.5)
            top = height - MARGIN - HEADER + 4 * mm
            self.line(MARGIN, top, width - MARGIN, top)
            self.setFillColor(INK)
            half = (width - 2 * MARGIN) / 2 - 3 * mm  # long names never run into each other
            self.setFont(BOLD, 9)
            self.drawString(MARGIN, top + 2.5 * mm, clipped(header[0], half, BOLD, 9))
            self.setFont(register_fonts(), 9)
            right = clipped(header[1], half, register_fonts(), 9)
            self.drawRightString(width - MARGIN, top + 2.5 * mm, right)
            bottom = MARGIN + FOOTER - 6 * mm
            self.line(MARGIN, bottom + 4 * mm, width - MARGIN, bottom + 4 * mm)
            self.setFillColor(MUTED)
            self.setFont(register_fonts(), 7.5)
            self.drawString(
                MARGIN, bottom, clipped(footer, width - 2 * MARGIN - 25 * mm, register_fonts(), 7.5)
            )
            self.drawRightString(width - MARGIN, bottom, f"Page {number} sur {total}")
            self.restoreState()

    return NumberedCanvas


@dataclass(frozen=True)
class Page:
    """What every page says: header (left, right), footer, and the PDF's metadata."""

    header_left: str
    header_right: str
    footer: str
    title: str
    author: str
    subject: str


def render(story: list, page: Page, invariant: bool = False) -> bytes:
    """The PDF of `story`; `invariant` makes the bytes depend on the content only (no
    creation date, fixed identifiers), for tests."""
    register_fonts()
    out = BytesIO()
    document = BaseDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + HEADER,
        bottomMargin=MARGIN + FOOTER,
        title=page.title,
        author=page.author,
        subject=page.subject,
        creator="Passerelle",
        lang="fr-FR",
        invariant=1 if invariant else 0,
    )
    frame = Frame(
        document.leftMargin,
        document.bottomMargin,
        document.width,
        document.height,
        id="texte",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    document.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    document.build(
        story, canvasmaker=_numbered_canvas((page.header_left, page.header_right), page.footer)
    )
    return out.getvalue()


def heading(text: str, style: Styles, room_mm: float = 35) -> list:
    """A section title, moved to the next page when less than `room_mm` is left under
    it (never a title alone at the foot of a page)."""
    return [CondPageBreak(room_mm * mm), Paragraph(text, style.heading)]


def gap(height_mm: float = 3) -> Spacer:
    return Spacer(1, height_mm * mm)
