"""CIP checks, verdicts and next steps, as EXCHANGE.md « Evaluation » defines them."""

import pytest
from conftest import check, make_dossier, period
from test_rules import rules_text, write

from app.rules import load_rules

ELIGIBLE_CIP = {
    "positioning_score_pct": 84,
    "cost_eur": 1380,
    "financing": [
        {"source": "opca", "amount_eur": 1080, "hours": None},
        {"source": "cpf", "amount_eur": 300, "hours": 20},
    ],
}
LONG = [period("2009-03-02", None, 0.8)]


def test_the_contract_example_is_eligible(run_evaluation):
    result = run_evaluation(make_dossier(cip=ELIGIBLE_CIP, experiences=LONG), "2015-01-15")
    cip = result["cip"]
    assert result["evaluated_on"] == "2015-01-15"
    assert result["rules"] == {"id": "coorace-2014-2015", "version": "1"}
    assert cip["verdict"] == "eligible"
    assert [c["rule"] for c in cip["checks"]] == [
        "CIP-EXP",
        "CIP-AGR",
        "CIP-POS",
        "CIP-COST",
        "CIP-FIN",
        "CIP-VAE",
    ]
    assert {c["status"] for c in cip["checks"][:5]} == {"met"}
    assert check(result, "cip", "CIP-EXP")["values"]["required_years"] == 3
    assert cip["experience"]["total_days"] == 2146
    assert (cip["experience"]["years"], cip["experience"]["months"]) == (5, 10)
    assert all(c["reason"] for c in cip["checks"])


def test_not_on_the_path_gives_null(run_evaluation):
    result = run_evaluation(make_dossier(experiences=LONG), "2015-01-15")
    assert result["cip"] is None and result["cisp"] is None


@pytest.mark.parametrize(("on", "status"), [("2015-01-14", "met"), ("2015-01-13", "not_met")])
def test_experience_boundary_at_1095_days(run_evaluation, on, status):
    # 2012-01-15 .. 2015-01-14 inclusive = 1096 days? No: 2012 holds 29 February.
    # 2012-01-16 + 1094 days = 2015-01-14, so the 1095th day is 2015-01-14.
    document = make_dossier(cip={}, experiences=[period("2012-01-16", None)])
    result = run_evaluation(document, on)
    exp = check(result, "cip", "CIP-EXP")
    assert exp["status"] == status
    assert "3 ans" in exp["reason"] and "1095 jours" in exp["reason"]
    if status == "not_met":
        assert exp["values"]["missing_days"] == 1
        assert exp["values"]["projected_on"] == "2015-01-14"
        assert "14/01/2015" in exp["reason"]
        assert result["cip"]["verdict"] == "not_eligible"


def test_short_of_experience_next_step_gives_days_date_and_cisp(run_evaluation):
    document = make_dossier(cip={}, experiences=[period("2013-01-01", None)])
    result = run_evaluation(document, "2015-01-15")
    step = result["cip"]["next_step"]
    missing = check(result, "cip", "CIP-EXP")["values"]["missing_days"]
    assert missing == 1095 - 745
    assert f"{missing} jours" in step
    assert "31/12/2015" in step
    assert "CISP" in step and "aucune expérience minimale" in step


def test_overlapping_periods_count_once_and_read_in_years_months_days(run_evaluation):
    document = make_dossier(
        cip={}, experiences=[period("2010-01-01", "2011-12-31"), period("2011-01-01", "2012-12-31")]
    )
    result = run_evaluation(document, "2015-01-15")
    assert result["cip"]["experience"] == {"total_days": 1096, "years": 3, "months": 0, "days": 1}
    assert "3 ans 0 mois 1 jour" in check(result, "cip", "CIP-EXP")["reason"]


def test_fte_mode_from_the_rules_file(run_evaluation, tmp_path):
    rules = load_rules(write(tmp_path, rules_text(experience_counting='"fte"')))
    document = make_dossier(cip={}, experiences=[period("2010-01-01", "2014-12-31", 0.5)])
    result = run_evaluation(document, "2015-01-15", rules)
    assert result["cip"]["experience"] == {"total_days": 913, "years": 2, "months": 6, "days": 3}
    exp = check(result, "cip", "CIP-EXP")
    assert exp["status"] == "not_met"
    assert (exp["values"]["counting"], exp["values"]["calendar_days"]) == ("fte", 1826)


@pytest.mark.parametrize(
    ("agreement", "status"),
    [
        (None, "pending"),
        ({"given_on": "2015-01-15", "signatory": "Nom Prénom"}, "met"),
        ({"given_on": "2015-01-16", "signatory": "Nom Prénom"}, "pending"),
    ],
)
def test_employer_agreement(run_evaluation, agreement, status):
    document = make_dossier(cip=ELIGIBLE_CIP, experiences=LONG, employer_agreement=agreement)
    result = run_evaluation(document, "2015-01-15")
    assert check(result, "cip", "CIP-AGR")["status"] == status
    expected = "eligible" if status == "met" else "incomplete"
    assert result["cip"]["verdict"] == expected


@pytest.mark.parametrize(
    ("score", "status", "verdict"),
    [
        (None, "pending", "incomplete"),
        (80, "met", "eligible"),
        (80.0, "met", "eligible"),
        (79.99, "not_met", "not_eligible"),
        (79.5, "not_met", "not_eligible"),
        (100, "met", "eligible"),
        (0, "not_met", "not_eligible"),
    ],
)
def test_positioning_threshold(run_evaluation, score, status, verdict):
    cip = {**ELIGIBLE_CIP, "positioning_score_pct": score}
    result = run_evaluation(make_dossier(cip=cip, experiences=LONG), "2015-01-15")
    pos = check(result, "cip", "CIP-POS")
    assert pos["status"] == status
    assert pos["values"]["threshold_pct"] == 80
    assert "80 %" in pos["reason"]
    assert result["cip"]["verdict"] == verdict


def test_exactly_80_says_so(run_evaluation):
    cip = {**ELIGIBLE_CIP, "positioning_score_pct": 80}
    result = run_evaluation(make_dossier(cip=cip, experiences=LONG), "2015-01-15")
    assert "exactement au seuil" in check(result, "cip", "CIP-POS")["reason"]
    assert "exactement au seuil" in result["cip"]["next_step"]


def test_exactly_80_fails_when_the_rules_say_strictly_above(run_evaluation, tmp_path):
    rules = load_rules(write(tmp_path, rules_text(positioning_threshold_inclusive="false")))
    cip = {**ELIGIBLE_CIP, "positioning_score_pct": 80}
    result = run_evaluation(make_dossier(cip=cip, experiences=LONG), "2015-01-15", rules)
    assert check(result, "cip", "CIP-POS")["status"] == "not_met"


def test_below_threshold_next_step_is_upgrading(run_evaluation):
    cip = {**ELIGIBLE_CIP, "positioning_score_pct": 72}
    result = run_evaluation(make_dossier(cip=cip, experiences=LONG), "2015-01-15")
    assert "remise à niveau" in result["cip"]["next_step"]
    assert "72 %" in check(result, "cip", "CIP-POS")["reason"]


@pytest.mark.parametrize(
    ("cost", "status"), [(None, "pending"), (1380, "met"), (1380.01, "not_met"), (900, "met")]
)
def test_cost_ceiling(run_evaluation, cost, status):
    cip = {**ELIGIBLE_CIP, "cost_eur": cost}
    result = run_evaluation(make_dossier(cip=cip, experiences=LONG), "2015-01-15")
    cost_check = check(result, "cip", "CIP-COST")
    assert cost_check["status"] == status
    assert cost_check["values"]["max_cost_eur"] == 1380
    assert "1380 €" in cost_check["reason"]


@pytest.mark.parametrize(
    ("cost", "financing", "status", "fragment"),
    [
        (1380, [], "pending", "pas encore établi"),
        (None, [{"source": "opca", "amount_eur": 1080, "hours": None}], "pending", "coût"),
        (
            1380,
            [
                {"source": "opca", "amount_eur": 1080, "hours": None},
                {"source": "own_funds", "amount_eur": 300, "hours": None},
            ],
            "met",
            "couvre",
        ),
        (
            1380,
            [
                {"source": "opca", "amount_eur": 1080, "hours": None},
                {"source": "cpf", "amount_eur": 200, "hours": 24},
            ],
            "not_met",
            "il manque 100 €",
        ),
        (
            1380,
            [
                {"source": "opca", "amount_eur": 1180, "hours": None},
                {"source": "own_funds", "amount_eur": 200, "hours": None},
            ],
            "not_met",
            "1080 €",
        ),
        (
            1380,
            [
                {"source": "opca", "amount_eur": 1080, "hours": None},
                {"source": "cpf", "amount_eur": 150, "hours": 12},
                {"source": "cpf", "amount_eur": 150, "hours": 12.5},
            ],
            "not_met",
            "24 h",
        ),
        (
            1380.1,
            [
                {"source": "opca", "amount_eur": 1080, "hours": None},
                {"source": "training_plan", "amount_eur": 300.1, "hours": None},
            ],
            "met",
            "couvre",
        ),
    ],
)
def test_financing_plan(run_evaluation, cost, financing, status, fragment):
    cip = {**ELIGIBLE_CIP, "cost_eur": cost, "financing": financing}
    result = run_evaluation(make_dossier(cip=cip, experiences=LONG), "2015-01-15")
    fin = check(result, "cip", "CIP-FIN")
    assert fin["status"] == status, fin["reason"]
    assert fragment in fin["reason"]


@pytest.mark.parametrize(
    ("decision", "result_on", "on", "status", "deadline"),
    [
        (None, None, "2015-01-15", "pending", None),
        ("2014-11-30", None, "2015-01-15", "pending", "2015-02-28"),  # clamped to 28 February
        ("2014-11-30", None, "2015-02-28", "pending", "2015-02-28"),
        ("2014-11-30", None, "2015-03-01", "not_met", "2015-02-28"),
        ("2014-11-30", "2015-02-28", "2015-06-01", "met", "2015-02-28"),
        ("2014-11-30", "2015-03-01", "2015-06-01", "not_met", "2015-02-28"),
        ("2015-11-30", None, "2016-01-15", "pending", "2016-02-29"),  # leap year
        ("2014-12-01", None, "2015-01-15", "pending", "2015-03-01"),
    ],
)
def test_vae_three_months(run_evaluation, decision, result_on, on, status, deadline):
    cip = {**ELIGIBLE_CIP, "admissibility_decision_on": decision, "vae_result_on": result_on}
    result = run_evaluation(make_dossier(cip=cip, experiences=LONG), on)
    vae = check(result, "cip", "CIP-VAE")
    assert vae["status"] == status
    assert vae["values"]["deadline"] == deadline
    assert vae["values"]["vae_max_months"] == 3


def test_incomplete_when_nothing_is_known_yet(run_evaluation):
    document = make_dossier(cip={}, experiences=LONG, employer_agreement=None)
    result = run_evaluation(document, "2015-01-15")
    assert result["cip"]["verdict"] == "incomplete"
    statuses = {c["rule"]: c["status"] for c in result["cip"]["checks"]}
    assert statuses == {
        "CIP-EXP": "met",
        "CIP-AGR": "pending",
        "CIP-POS": "pending",
        "CIP-COST": "pending",
        "CIP-FIN": "pending",
        "CIP-VAE": "pending",
    }
    assert "accord" in result["cip"]["next_step"]


def test_another_rules_file_changes_the_verdict(run_evaluation, tmp_path):
    rules = load_rules(write(tmp_path, rules_text(min_experience_years="2")))
    document = make_dossier(cip=ELIGIBLE_CIP, experiences=[period("2012-06-01", None)])
    assert run_evaluation(document, "2015-01-15")["cip"]["verdict"] == "not_eligible"
    result = run_evaluation(document, "2015-01-15", rules)
    assert result["cip"]["verdict"] == "eligible"
    assert check(result, "cip", "CIP-EXP")["values"]["required_days"] == 730


def test_contract_shape_of_the_cip_evaluation(run_evaluation):
    result = run_evaluation(make_dossier(cip=ELIGIBLE_CIP, experiences=LONG), "2015-01-15")
    assert set(result["cip"]) == {"verdict", "next_step", "experience", "checks"}
    assert set(result["cip"]["experience"]) == {"total_days", "years", "months", "days"}
    for item in result["cip"]["checks"]:
        assert set(item) == {"rule", "status", "reason", "values"}


def test_over_financing_is_met_but_said(run_evaluation):
    financing = [
        {"source": "opca", "amount_eur": 1080, "hours": None},
        {"source": "training_plan", "amount_eur": 400, "hours": None},
    ]
    cip = {**ELIGIBLE_CIP, "financing": financing}
    fin = check(
        run_evaluation(make_dossier(cip=cip, experiences=LONG), "2015-01-15"), "cip", "CIP-FIN"
    )
    assert fin["status"] == "met"
    assert "dépassent le coût de 100 €" in fin["reason"]


def test_a_cpf_line_without_hours_built_in_the_app_is_not_met(rules):
    from app.domain import CipPath, FinancingLine
    from app.evaluation.cip_vae import financing_check as _financing_check

    cip = CipPath(
        cost_eur=1380, financing=(FinancingLine("opca", 1080), FinancingLine("cpf", 300, None))
    )
    fin = _financing_check(cip, rules)
    assert fin.status == "not_met"
    assert "ligne CPF" in fin.reason
