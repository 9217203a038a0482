"""The candidate list's evaluation columns: stored per candidate, refreshed when a record
changes or when the calendar reaches the day its line may change (`summary_until`), and
all of them when the catalogue they were evaluated with is not the one given (CISP's
courses and next steps depend on it): its fingerprint is kept in the settings."""

from __future__ import annotations

import hashlib
from datetime import date

from sqlalchemy import or_, select

from app.domain import Catalogue
from app.evaluation import evaluate
from app.evaluation.summary import Summary, summarize
from app.rules import Rules
from app.store.candidates import _LOADED
from app.store.database import Store
from app.store.mapping import dossier_of
from app.store.models import CandidateRow

BATCH = 500
SETTING_SUMMARIES_CATALOGUE = "summaries_catalogue"


def catalogue_key(catalogue: Catalogue) -> str:
    """A fingerprint of the catalogue's content (SHA-256 of its normalised JSON)."""
    from app.exchange.catalogue import catalogue_text

    return hashlib.sha256(catalogue_text(catalogue).encode("utf-8")).hexdigest()


def _example_key() -> str:
    """Lines stored before the fingerprint was recorded were evaluated with the shipped
    example catalogue."""
    from app.exchange.catalogue import example_catalogue_file, read_catalogue

    return catalogue_key(read_catalogue(example_catalogue_file()))


def summary_columns(summary: Summary) -> dict[str, object]:
    """The candidate's columns that hold the list's evaluation line."""
    return {
        "paths": summary.paths,
        "cip_verdict": summary.cip_verdict,
        "cisp_verdict": summary.cisp_verdict,
        "next_step": summary.next_step,
        "stage": summary.stage,
        "documents": summary.documents,
        "next_deadline": summary.next_deadline,
        "summary_on": summary.evaluated_on,
        "summary_until": summary.valid_until,
    }


def apply_summary(row: CandidateRow, summary: Summary) -> None:
    for name, value in summary_columns(summary).items():
        setattr(row, name, value)


def refresh_summaries(store: Store, rules: Rules, catalogue: Catalogue, today: date) -> int:
    """Re-evaluates the candidates whose line is missing or stale, or every candidate when
    the lines were evaluated with another catalogue; returns how many."""
    key = catalogue_key(catalogue)
    recorded = store.setting(SETTING_SUMMARIES_CATALOGUE)
    everyone = (recorded or _example_key()) != key
    stale = select(CandidateRow.id).order_by(CandidateRow.id)
    if not everyone:
        stale = stale.where(
            or_(
                CandidateRow.summary_on.is_(None),
                CandidateRow.summary_on > today,  # the clock went back
                CandidateRow.summary_until <= today,
            )
        )
    with store.transaction() as session:
        ids = list(session.scalars(stale))
    for start in range(0, len(ids), BATCH):
        with store.transaction() as session:
            rows = session.scalars(
                select(CandidateRow)
                .where(CandidateRow.id.in_(ids[start : start + BATCH]))
                .options(*_LOADED)
            )
            states = _document_states(session, ids[start : start + BATCH])
            for row in rows:
                dossier = dossier_of(row)
                evaluation = evaluate(dossier, today, rules, catalogue)
                apply_summary(row, summarize(dossier, evaluation, states.get(row.id, {})))
    if recorded != key:  # once every line is evaluated with it
        store.set_setting(SETTING_SUMMARIES_CATALOGUE, key)
    return len(ids)


def _document_states(session, ids: list[int]) -> dict[int, dict[str, str]]:
    from app.store.document_models import DocumentRow

    states: dict[int, dict[str, str]] = {}
    for cid, key, state in session.execute(
        select(DocumentRow.candidate_id, DocumentRow.item_key, DocumentRow.state).where(
            DocumentRow.candidate_id.in_(ids)
        )
    ):
        states.setdefault(cid, {})[key] = state
    return states


def refresh_for_today(
    store: Store, rules: Rules | None = None, catalogue: Catalogue | None = None
) -> int:
    """`refresh_summaries` for today, with the rules in force and the data folder's
    catalogue in use unless others are given (already loaded, say); returns how many
    lines changed."""
    from app.rules import load_rules
    from app.store.catalogue_in_use import load_catalogue_in_use

    rules = rules or load_rules()
    catalogue = catalogue or load_catalogue_in_use(store.data_dir)
    return refresh_summaries(store, rules, catalogue, date.today())
