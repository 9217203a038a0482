"""The dossier's fonts: DejaVu Sans, shipped in resources/fonts (licence beside them).
Reportlab's built-in fonts lack characters the app writes (the narrow no-break space of
French numbers, « œ », « ’ »); DejaVu has every one."""

from __future__ import annotations

from functools import cache

from app.resources import resource

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"


@cache
def register_fonts() -> str:
    """Registers the family once; returns the regular font's name."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name in (REGULAR, BOLD, ITALIC):
        pdfmetrics.registerFont(TTFont(name, str(resource("fonts", f"{name}.ttf"))))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR


def missing_characters(text: str) -> set[str]:
    """Characters of `text` the regular font cannot draw (a test checks there are none
    in what the app writes)."""
    from reportlab.pdfbase import pdfmetrics

    font = pdfmetrics.getFont(register_fonts())
    widths = font.face.charWidths
    return {c for c in set(text) if ord(c) >= 32 and ord(c) not in widths}
