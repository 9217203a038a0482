"""A PDF's pages as images, rendered by pypdfium2 when asked (the preview shows the pages
in view): the document opened once, with its password if it has one, each page fitted to
a width; the time each render took is kept (the self-test and bench/pdf.py read it)."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtGui import QImage


class PreviewError(Exception):
    """Why a PDF cannot be shown, in French; `needs_password` when a password opens it."""

    def __init__(self, message: str, needs_password: bool = False) -> None:
        super().__init__(message)
        self.needs_password = needs_password


class PdfPages:
    """The pages of one PDF, read once into memory (the file is not held open) and
    rendered on demand. The password only opens the document: it is not kept here."""

    def __init__(self, pdf: Path, password: str | None = None) -> None:
        import pypdfium2 as pdfium
        import pypdfium2.raw as pdfium_c

        try:
            data = pdf.read_bytes()
        except OSError as error:
            raise PreviewError(
                f"Le fichier {pdf} n'a pas pu être lu ({error.strerror or error})."
            ) from None
        try:
            self._document = pdfium.PdfDocument(data, password=password or None)
        except pdfium.PdfiumError as error:
            if error.err_code == pdfium_c.FPDF_ERR_PASSWORD:
                message = (
                    "Ce mot de passe n'ouvre pas le dossier."
                    if password
                    else "Ce dossier est protégé par un mot de passe."
                )
                raise PreviewError(message, needs_password=True) from None
            raise PreviewError(f"Le fichier {pdf} ne se lit pas comme un PDF.") from None
        self.sizes = [self._document.get_page_size(i) for i in range(len(self._document))]
        self.render_ms: list[float] = []  # how long each rendering took, for measures

    def __len__(self) -> int:
        return len(self.sizes)

    def render(self, index: int, width: int) -> tuple[QImage, str]:
        """Page `index` (from 0) `width` pixels wide, and its text (for screen readers)."""
        started = time.perf_counter()
        page = self._document[index]
        try:
            bitmap = page.render(
                scale=width / page.get_width(), rev_byteorder=True, prefer_bgrx=True
            )
            image = QImage(
                bitmap.buffer,
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGBX8888,
            ).copy()  # the bitmap's memory is pdfium's: the image gets its own
            text_page = page.get_textpage()
            try:
                text = text_page.get_text_range()
            finally:
                text_page.close()
        finally:
            page.close()
        self.render_ms.append(1000 * (time.perf_counter() - started))
        return image, text

    def close(self) -> None:
        self._document.close()
