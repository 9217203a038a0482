"""The candidate list's evaluation columns: stored per candidate, refreshed when a record
changes or when the calendar reaches the day its line may change (`summary_until`)."""

from __future__ import annotations

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


def apply_summary(row: CandidateRow, summary: Summary) -> None:
    row.paths = summary.paths
    row.cip_verdict = summary.cip_verdict
    row.cisp_verdict = summary.cisp_verdict
    row.next_step = summary.next_step
    row.next_deadline = summary.next_deadline
    row.summary_on = summary.evaluated_on
    row.summary_until = summary.valid_until


def refresh_summaries(store: Store, rules: Rules, catalogue: Catalogue, today: date) -> int:
    """Re-evaluates the candidates whose line is missing or stale; returns how many."""
    stale = (
        select(CandidateRow.id)
        .where(
            or_(
                CandidateRow.summary_on.is_(None),
                CandidateRow.summary_on > today,  # the clock went back
                CandidateRow.summary_until <= today,
            )
        )
        .order_by(CandidateRow.id)
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
            for row in rows:
                dossier = dossier_of(row)
                apply_summary(row, summarize(dossier, evaluate(dossier, today, rules, catalogue)))
    return len(ids)


def refresh_for_today(
    store: Store, rules: Rules | None = None, catalogue: Catalogue | None = None
) -> int:
    """`refresh_summaries` for today, with the rules in force and the example catalogue
    unless others are given (already loaded, say); returns how many lines changed."""
    from app.exchange.catalogue import example_catalogue_file, read_catalogue
    from app.rules import load_rules

    rules = rules or load_rules()
    catalogue = catalogue or read_catalogue(example_catalogue_file())
    return refresh_summaries(store, rules, catalogue, date.today())
