"""The home view's figures: deadlines within 30 days or passed, groups per region."""

from datetime import date

from conftest import make_dossier, period
from store_helpers import save_data

from app.exchange.dossier import dossier_from_data
from app.store.candidates import save_dossier
from app.store.dashboard import deadlines, regional_groups
from app.store.database import open_store
from app.store.summaries import refresh_summaries
from ui.window.dashboard import Dashboard

ON = date(2015, 2, 10)
ELIGIBLE = {"positioning_score_pct": 85}
LONG = [period("2009-03-02", None)]


def candidate(ref, cip=None, cisp=None, region="Centre-Val de Loire", **top):
    document = make_dossier(cip=cip, cisp=cisp, **top)
    document["candidate"]["ref"] = ref
    document["candidate"]["last_name"] = ref.upper()
    document["structure"]["region"] = region
    if region != "Centre-Val de Loire":
        document["structure"]["siret"] = "43817206500015"
    return document


def filled(tmp_path, rules, catalogue, documents):
    store = open_store(tmp_path / "donnees")
    with store.transaction() as session:
        for document in documents:
            save_dossier(session, dossier_from_data(document), "test")
    refresh_summaries(store, rules, catalogue, ON)
    return store


def test_deadlines_within_30_days_and_overdue(tmp_path, rules, catalogue):
    accepted = {"date": "2010-03-01", "decision": "accepted"}
    store = filled(
        tmp_path,
        rules,
        catalogue,
        [
            candidate(
                "a", cip={**ELIGIBLE, "admissibility_decision_on": "2014-12-01"}, experiences=LONG
            ),
            candidate(
                "b", cip={**ELIGIBLE, "admissibility_decision_on": "2014-10-01"}, experiences=LONG
            ),
            candidate(
                "c", cip={**ELIGIBLE, "admissibility_decision_on": "2015-02-01"}, experiences=LONG
            ),
            candidate(
                "d",
                cip={
                    **ELIGIBLE,
                    "admissibility_decision_on": "2014-10-01",
                    "vae_result_on": "2014-12-20",
                },
                experiences=LONG,
            ),
            candidate("e", cisp={"registered_on": "2010-03-01", "commission": accepted}),
        ],
    )
    try:
        with store.transaction() as session:
            found = deadlines(session, ON, rules.value("deadline_warning_days"))
    finally:
        store.close(automatic_backup=False)
    assert [(d.name.split()[-1], d.due_on, d.days_left) for d in found] == [
        ("B", date(2015, 1, 1), -40),
        ("A", date(2015, 3, 1), 19),
        ("E", date(2015, 3, 1), 19),
    ]
    assert found[0].overdue and "dépassée depuis 40 jours" in found[0].text()
    assert "01/03/2015 (dans 19 jours)" in found[1].text()


def test_groups_per_region_against_the_group_size(tmp_path, rules, catalogue):
    documents = [candidate(f"c{i}", cip=ELIGIBLE, experiences=LONG) for i in range(5)]
    documents += [
        candidate(f"b{i}", cip=ELIGIBLE, experiences=LONG, region="Bretagne") for i in range(7)
    ]
    documents.append(candidate("court", cip=ELIGIBLE, experiences=[period("2014-01-01", None)]))
    store = filled(tmp_path, rules, catalogue, documents)
    try:
        with store.transaction() as session:
            groups = regional_groups(session, rules.value("min_group_size"))
    finally:
        store.close(automatic_backup=False)
    assert [g.text() for g in groups] == [
        "Bretagne : 7 candidats éligibles — le groupe se constitue chez COORACE avec les "
        "autres structures de la région",
        "Centre-Val de Loire : 5 candidats éligibles — le groupe se constitue chez COORACE "
        "avec les autres structures de la région",
    ]


def test_the_home_view_shows_them(qtbot, tmp_path, rules, catalogue):
    store = filled(
        tmp_path,
        rules,
        catalogue,
        [
            candidate(
                "a", cip={**ELIGIBLE, "admissibility_decision_on": "2014-12-01"}, experiences=LONG
            ),
        ],
    )
    save_data(store, candidate("z", cip=ELIGIBLE, experiences=LONG))
    refresh_summaries(store, rules, catalogue, ON)
    panel = Dashboard(store, rules)
    qtbot.addWidget(panel)
    panel.reload(ON)
    assert panel.deadlines.count() == 1
    assert panel.deadlines.item(0).text().startswith("01/03/2015 (dans 19 jours)")
    assert panel.groups.item(0).text().startswith("Centre-Val de Loire : 2 candidats éligibles")
    assert panel.answered.item(0).text() == "Aucun groupe communiqué par COORACE pour l'instant."
    with qtbot.waitSignal(panel.candidate_chosen) as chosen:
        panel.deadlines.itemActivated.emit(panel.deadlines.item(0))
    assert isinstance(chosen.args[0], int)
    store.close(automatic_backup=False)
