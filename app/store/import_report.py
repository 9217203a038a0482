"""The report of an import, one line per file: a CSV that opens in Excel as it is
(`;`-separated, UTF-8 with its BOM), written mode 0600 (it names candidates)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from app.store.files import write_private_text
from app.store.intake import FileOutcome

HEADER = ["Fichier", "Résultat", "SIRET", "Référence", "Candidat", "Détail"]


def report_text(outcomes: Iterable[FileOutcome]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    for o in outcomes:
        writer.writerow([str(o.file), o.words, o.siret, o.ref, o.name, o.detail])
    return "\ufeff" + buffer.getvalue()


def write_report(outcomes: Iterable[FileOutcome], out: Path) -> Path:
    write_private_text(out, report_text(outcomes))
    return out
