"""The candidate list's evaluation line: right, and refreshed exactly when it goes stale."""

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_helpers import filled_store, rows, sample, sample_data, save_data
from strategies import dossiers

from app.evaluation import evaluate
from app.evaluation.summary import summarize
from app.exchange.dossier import dossier_from_data
from app.store.listing import Listing, ListQuery
from app.store.summaries import refresh_summaries

ON = date(2015, 1, 15)


def summary(name, rules, catalogue, on=ON):
    dossier = sample(name)
    return summarize(dossier, evaluate(dossier, on, rules, catalogue))


def test_summaries_of_the_samples(rules, catalogue):
    eligible = summary("cip-eligible", rules, catalogue)
    assert (eligible.paths, eligible.cip_verdict, eligible.next_step) == (
        "CIP",
        "eligible",
        "Demande de recevabilité",
    )
    short = summary("cip-experience-insuffisante", rules, catalogue)
    assert short.cip_verdict == "not_eligible"
    assert short.next_step == "Expérience suffisante le 02/09/2015"
    assert short.valid_until == date(2015, 9, 2)
    cisp = summary("cisp-en-cours", rules, catalogue)
    assert (cisp.paths, cisp.cisp_verdict, cisp.next_deadline) == (
        "CISP",
        "in_progress",
        date(2019, 10, 1),
    )
    assert cisp.valid_until == date(2015, 3, 12)  # a course ending later in the dossier


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    dossiers(),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 1, 1)),
    st.integers(min_value=1, max_value=4000),
)
def test_a_summary_holds_until_its_valid_until(rules, catalogue, document, on, later):
    dossier = dossier_from_data(document)
    first = summarize(dossier, evaluate(dossier, on, rules, catalogue))
    then = on + timedelta(days=later)
    if first.valid_until is not None and then >= first.valid_until:
        then = first.valid_until - timedelta(days=1)
    if then <= on:
        return
    second = summarize(dossier, evaluate(dossier, then, rules, catalogue))
    assert second.paths == first.paths
    assert (second.cip_verdict, second.cisp_verdict) == (first.cip_verdict, first.cisp_verdict)
    assert (second.next_step, second.next_deadline) == (first.next_step, first.next_deadline)


def test_refresh_fills_then_only_touches_stale_lines(tmp_path, rules, catalogue):
    store = filled_store(tmp_path)
    try:
        assert refresh_summaries(store, rules, catalogue, ON) == 3
        assert refresh_summaries(store, rules, catalogue, ON) == 0
        assert refresh_summaries(store, rules, catalogue, date(2015, 3, 11)) == 0
        assert refresh_summaries(store, rules, catalogue, date(2015, 3, 12)) == 1
        document = sample_data("cip-eligible")
        document["cip"]["positioning_score_pct"] = 50
        save_data(store, document)
        assert refresh_summaries(store, rules, catalogue, date(2015, 3, 12)) == 1
        listing = Listing.open(store.path)
        lines = listing.page(ListQuery(verdict="not_eligible"))
        assert [line.last_name for line in lines] == ["Benali", "Martinez"]
        by_deadline = listing.page(ListQuery(order="next_deadline"))
        assert by_deadline[0].next_deadline == date(2019, 10, 1)
        assert by_deadline[-1].next_deadline is None  # no deadline: last
        assert [line.paths for line in listing.page(ListQuery(path="cisp"))] == ["CISP"]
        listing.close()
    finally:
        store.close(automatic_backup=False)
    assert rows(store.path, "SELECT count(*) FROM audit_log WHERE action = 'update'") == [(1,)]
