"""Writes the PDF dossiers of the three samples, and every page as PNG, into a folder
(`make dossiers` → docs/dossiers/), to look at them: overflowing cells, cut text, orphan
headings and empty sections are bugs. Built through the real export (a data folder in a
temporary directory, `export_pdf`), evaluated on the date the README uses."""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.exchange.catalogue import example_catalogue_file, read_catalogue  # noqa: E402
from app.exchange.dossier import read_dossier  # noqa: E402
from app.resources import resource  # noqa: E402
from app.rules import load_rules  # noqa: E402
from app.store.candidates import save_dossier  # noqa: E402
from app.store.database import open_store  # noqa: E402
from app.store.sent import export_pdf  # noqa: E402

SAMPLES = [
    ("cip-eligible", "c-2014-017", date(2015, 1, 15)),
    ("cip-experience-insuffisante", "c-2014-023", date(2015, 1, 15)),
    ("cisp-en-cours", "c-2014-031", date(2015, 9, 1)),
]


def main(out: Path) -> None:
    import pypdfium2 as pdfium

    out.mkdir(parents=True, exist_ok=True)
    rules, catalogue = load_rules(), read_catalogue(example_catalogue_file())
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "donnees", user="Démonstration")
        with store.transaction() as session:
            for name, _ref, _on in SAMPLES:
                save_dossier(session, read_dossier(resource("examples", f"{name}.json")), "démo")
        for name, ref, on in SAMPLES:
            pdf = out / f"{name}.pdf"
            pdf.unlink(missing_ok=True)
            export_pdf(store, ref, pdf, rules, catalogue, today=on)
            for old in out.glob(f"{name}-page-*.png"):
                old.unlink()
            document = pdfium.PdfDocument(pdf.read_bytes())
            for number, page in enumerate(document, start=1):
                page.render(scale=1.3).to_pil().save(out / f"{name}-page-{number}.png")
            print(f"{pdf} : {len(document)} pages")
        store.close(automatic_backup=False)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/dossiers"))
