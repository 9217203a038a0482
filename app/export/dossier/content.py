"""What a PDF dossier is made of: the dossier, its evaluation, the path shown, the dated
steps of the history, the day of the export."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain import Dossier
from app.evaluation import Evaluation


@dataclass(frozen=True)
class Milestone:
    """A dated step of the path, from the history."""

    occurred_on: date
    label: str
    detail: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentLine:
    """A supporting document as the PDF lists it."""

    label: str
    state: str  # « fournie », « manquante », « non nécessaire »
    provided_on: date | None = None
    scan: str = ""  # its file's name, when a scan is kept
    attached: bool = False  # the scan travels in the PDF


@dataclass(frozen=True)
class DossierContent:
    dossier: Dossier
    evaluation: Evaluation
    path: str  # "cip" or "cisp"
    milestones: tuple[Milestone, ...]
    exported_on: date
    documents: tuple[DocumentLine, ...] = ()
    documents_count: str = ""  # « 4/6 »
