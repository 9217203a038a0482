"""The home view's figures: deadlines within 30 days or passed, groups per region."""

from dataclasses import replace
from datetime import date

from conftest import make_dossier, period

from app.dashboard import deadlines, regional_groups
from app.evaluation import evaluate
from app.exchange.dossier import dossier_from_data

ON = date(2015, 2, 10)


def item(rules, catalogue, document, region="Centre-Val de Loire", ref="c-1"):
    dossier = dossier_from_data(document)
    dossier = replace(
        dossier,
        structure=replace(dossier.structure, region=region),
        candidate=replace(dossier.candidate, ref=ref),
    )
    return dossier, evaluate(dossier, ON, rules, catalogue)


ELIGIBLE = {"positioning_score_pct": 85}
LONG = [period("2009-03-02", None)]


def test_vae_deadline_within_30_days_and_overdue(rules, catalogue):
    soon = item(
        rules,
        catalogue,
        make_dossier(cip={**ELIGIBLE, "admissibility_decision_on": "2014-12-01"}, experiences=LONG),
        ref="a",
    )
    late = item(
        rules,
        catalogue,
        make_dossier(cip={**ELIGIBLE, "admissibility_decision_on": "2014-10-01"}, experiences=LONG),
        ref="b",
    )
    far = item(
        rules,
        catalogue,
        make_dossier(cip={**ELIGIBLE, "admissibility_decision_on": "2015-02-01"}, experiences=LONG),
        ref="c",
    )
    done = item(
        rules,
        catalogue,
        make_dossier(
            cip={
                **ELIGIBLE,
                "admissibility_decision_on": "2014-10-01",
                "vae_result_on": "2014-12-20",
            },
            experiences=LONG,
        ),
        ref="d",
    )
    found = deadlines([soon, late, far, done], ON, rules)
    assert [(d.ref, d.due_on, d.days_left) for d in found] == [
        ("b", date(2015, 1, 1), -40),
        ("a", date(2015, 3, 1), 19),
    ]
    assert found[0].overdue and "dépassée depuis 40 jours" in found[0].text()
    assert "01/03/2015 (dans 19 jours)" in found[1].text()


def test_cisp_path_deadline(rules, catalogue):
    accepted = {"date": "2010-03-01", "decision": "accepted"}
    near = item(
        rules,
        catalogue,
        make_dossier(cisp={"registered_on": "2010-03-01", "commission": accepted}),
        ref="e",
    )
    found = deadlines([near], ON, rules)
    assert [(d.path, d.due_on, d.days_left) for d in found] == [("cisp", date(2015, 3, 1), 19)]


def test_groups_per_region_against_the_group_size(rules, catalogue):
    centre = [
        item(rules, catalogue, make_dossier(cip=ELIGIBLE, experiences=LONG), ref=f"c{i}")
        for i in range(5)
    ]
    bretagne = [
        item(
            rules,
            catalogue,
            make_dossier(cip=ELIGIBLE, experiences=LONG),
            region="Bretagne",
            ref=f"b{i}",
        )
        for i in range(7)
    ]
    short = [
        item(rules, catalogue, make_dossier(cip=ELIGIBLE, experiences=[period("2014-01-01", None)]))
    ]
    groups = regional_groups(centre + bretagne + short, rules)
    assert [g.text() for g in groups] == [
        "Bretagne : 7/7 — groupe atteint",
        "Centre-Val de Loire : 5/7 — groupe non atteint",
    ]
