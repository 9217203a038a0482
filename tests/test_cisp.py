"""CISP: courses counted (5-year look-back, catalogue, deadline), poles, checks, verdicts."""

import pytest
from conftest import check, make_dossier

ACCEPTED = {"date": "2014-11-20", "decision": "accepted"}
ALL_REQUIRED = [
    ("CF-TER-01", "2012-01-10"),
    ("CF-TER-02", "2012-02-10"),
    ("CF-ACC-01", "2012-05-10"),
    ("CF-ACC-02", "2013-03-14"),
    ("CF-EMP-01", "2015-03-12"),
    ("CF-EMP-02", "2015-06-18"),
    ("CF-PRJ-01", "2016-01-20"),
    ("CF-PRJ-02", "2016-04-07"),
]


def courses(*pairs):
    return [
        {"code": code, "title": None, "ended_on": ended, "attestation": None}
        for code, ended in pairs
    ]


def sessions(*triples):
    return [{"pole": pole, "date": day, "result": result} for pole, day, result in triples]


def cisp_dossier(registered="2014-10-01", commission=ACCEPTED, pole_sessions=(), taken=()):
    return make_dossier(
        cisp={
            "registered_on": registered,
            "commission": commission,
            "pole_sessions": list(pole_sessions),
        },
        courses=list(taken),
    )


def statuses(result):
    return {c["rule"]: c["status"] for c in result["cisp"]["checks"]}


def test_checks_are_the_contract_ones_in_order(run_evaluation):
    result = run_evaluation(cisp_dossier(), "2015-01-15")
    assert [c["rule"] for c in result["cisp"]["checks"]] == [
        "CISP-AGR",
        "CISP-RETRO",
        "CISP-MAX",
        "CISP-TITLE",
    ]
    assert result["cisp"]["verdict"] == "in_progress"
    assert result["cisp"]["deadline"] == "2019-10-01"
    assert result["cip"] is None


def test_no_registration_yet(run_evaluation):
    result = run_evaluation(cisp_dossier(registered=None, commission=None), "2015-01-15")
    assert result["cisp"]["verdict"] == "not_started"
    assert result["cisp"]["deadline"] is None
    assert statuses(result) == {
        "CISP-AGR": "met",
        "CISP-RETRO": "pending",
        "CISP-MAX": "pending",
        "CISP-TITLE": "pending",
    }
    assert "aucune expérience minimale" in result["cisp"]["next_step"]


@pytest.mark.parametrize(
    ("commission", "on", "verdict"),
    [
        (None, "2015-01-15", "not_started"),
        ({"date": None, "decision": "pending"}, "2015-01-15", "not_started"),
        ({"date": "2014-11-20", "decision": "rejected"}, "2015-01-15", "not_started"),
        ({"date": "2014-11-20", "decision": "accepted"}, "2014-11-19", "not_started"),
        ({"date": "2014-11-20", "decision": "accepted"}, "2014-11-20", "in_progress"),
    ],
)
def test_commission_must_have_accepted(run_evaluation, commission, on, verdict):
    assert run_evaluation(cisp_dossier(commission=commission), on)["cisp"]["verdict"] == verdict


def test_five_year_look_back_to_the_day(run_evaluation):
    taken = courses(("CF-ACC-01", "2009-10-01"), ("CF-ACC-02", "2009-09-30"))
    result = run_evaluation(cisp_dossier(taken=taken), "2015-01-15")
    counted = {c["code"]: c["counted"] for c in result["cisp"]["courses"]}
    assert counted == {"CF-ACC-01": True, "CF-ACC-02": False}
    retro = check(result, "cisp", "CISP-RETRO")
    assert retro["status"] == "not_met"
    assert "CF-ACC-02" in retro["reason"] and "CF-ACC-01" not in retro["reason"]
    assert retro["values"]["retroactivity_years"] == 5
    assert retro["values"]["earliest_end"] == "2009-10-01"
    excluded = result["cisp"]["courses"][1]["reason"]
    assert "01/10/2009" in excluded and "5 ans" in excluded


def test_registration_on_29_february(run_evaluation):
    taken = courses(("CF-ACC-01", "2011-02-28"), ("CF-ACC-02", "2011-02-27"))
    result = run_evaluation(
        cisp_dossier(
            registered="2016-02-29",
            commission={"date": "2016-03-15", "decision": "accepted"},
            taken=taken,
        ),
        "2016-06-01",
    )
    assert result["cisp"]["deadline"] == "2021-02-28"
    assert [c["counted"] for c in result["cisp"]["courses"]] == [True, False]
    assert check(result, "cisp", "CISP-MAX")["values"]["deadline"] == "2021-02-28"


def test_retro_met_when_nothing_is_too_old(run_evaluation):
    result = run_evaluation(cisp_dossier(taken=courses(("CF-ACC-01", "2012-05-10"))), "2015-01-15")
    assert check(result, "cisp", "CISP-RETRO")["status"] == "met"


@pytest.mark.parametrize(
    ("code", "ended", "fragment"),
    [
        ("CF-XXX-99", "2013-01-01", "Absente du catalogue"),
        ("CF-SST-01", "2013-01-01", "non capitalisable"),
        ("CF-ACC-01", "2015-01-16", "après la date d'évaluation"),
    ],
)
def test_courses_that_do_not_count_say_why(run_evaluation, code, ended, fragment):
    result = run_evaluation(cisp_dossier(taken=courses((code, ended))), "2015-01-15")
    course = result["cisp"]["courses"][0]
    assert course["counted"] is False
    assert fragment in course["reason"]
    assert check(result, "cisp", "CISP-RETRO")["status"] == "met"


def test_course_after_the_path_deadline_does_not_count(run_evaluation):
    result = run_evaluation(cisp_dossier(taken=courses(("CF-ACC-01", "2019-10-02"))), "2020-01-01")
    course = result["cisp"]["courses"][0]
    assert course["counted"] is False and "échéance" in course["reason"]


def test_poles_remaining_ready_and_validated(run_evaluation):
    taken = courses(
        ("CF-ACC-01", "2012-05-10"), ("CF-ACC-02", "2013-03-14"), ("CF-EMP-01", "2015-03-12")
    )
    result = run_evaluation(
        cisp_dossier(taken=taken, pole_sessions=sessions((2, "2015-06-10", "validated"))),
        "2015-09-01",
    )
    poles = {p["pole"]: p for p in result["cisp"]["poles"]}
    assert list(poles) == [1, 2, 3, 4]
    assert poles[2]["remaining"] == [] and poles[2]["ready_for_session"] and poles[2]["validated"]
    assert poles[3]["remaining"] == ["CF-EMP-02"] and not poles[3]["ready_for_session"]
    assert poles[1]["remaining"] == ["CF-TER-01", "CF-TER-02"]
    assert not poles[1]["validated"]
    assert check(result, "cisp", "CISP-TITLE")["status"] == "pending"
    assert "CF-EMP-02" in result["cisp"]["next_step"]


def test_a_session_after_the_evaluation_date_is_not_yet_validated(run_evaluation):
    result = run_evaluation(
        cisp_dossier(pole_sessions=sessions((2, "2015-06-10", "validated"))), "2015-06-09"
    )
    assert not result["cisp"]["poles"][1]["validated"]


def all_poles(day="2016-06-10", result="validated"):
    return sessions(*((pole, day, result) for pole in (1, 2, 3, 4)))


def test_title_obtained_when_every_pole_is_validated(run_evaluation):
    document = cisp_dossier(taken=courses(*ALL_REQUIRED), pole_sessions=all_poles())
    result = run_evaluation(document, "2016-07-01")
    assert result["cisp"]["verdict"] == "title_obtained"
    assert check(result, "cisp", "CISP-TITLE")["status"] == "met"
    assert check(result, "cisp", "CISP-MAX")["status"] == "met"
    # still obtained, and CISP-MAX still met, long after the deadline
    later = run_evaluation(document, "2021-01-01")
    assert later["cisp"]["verdict"] == "title_obtained"
    assert check(later, "cisp", "CISP-MAX")["status"] == "met"


def test_one_pole_not_validated_is_no_title(run_evaluation):
    pole_sessions = [*all_poles()[:3], {"pole": 4, "date": "2016-06-10", "result": "not_validated"}]
    result = run_evaluation(cisp_dossier(pole_sessions=pole_sessions), "2016-07-01")
    assert result["cisp"]["verdict"] == "in_progress"
    assert check(result, "cisp", "CISP-TITLE")["status"] == "pending"


@pytest.mark.parametrize(
    ("on", "verdict", "status"),
    [("2019-10-01", "in_progress", "met"), ("2019-10-02", "expired", "not_met")],
)
def test_five_year_deadline_to_the_day(run_evaluation, on, verdict, status):
    result = run_evaluation(cisp_dossier(), on)
    assert result["cisp"]["verdict"] == verdict
    max_check = check(result, "cisp", "CISP-MAX")
    assert max_check["status"] == status
    assert max_check["values"]["max_path_years"] == 5
    assert "01/10/2019" in max_check["reason"] and "5 ans" in max_check["reason"]


def test_rejected_commission_next_step(run_evaluation):
    result = run_evaluation(
        cisp_dossier(commission={"date": "2014-11-20", "decision": "rejected"}), "2015-01-15"
    )
    assert "refusé" in result["cisp"]["next_step"]


def test_every_check_has_a_french_reason(run_evaluation):
    result = run_evaluation(cisp_dossier(taken=courses(*ALL_REQUIRED)), "2015-01-15")
    for item in result["cisp"]["checks"] + result["cisp"]["courses"]:
        assert item["reason"].strip()


def test_contract_shape_of_the_cisp_evaluation(run_evaluation):
    result = run_evaluation(cisp_dossier(taken=courses(("CF-ACC-01", "2012-05-10"))), "2015-01-15")
    assert set(result["cisp"]) >= {"verdict", "deadline", "courses", "poles", "checks"}
    assert set(result["cisp"]["courses"][0]) == {"code", "counted", "reason"}
    assert result["cisp"]["poles"][1] == {
        "pole": 2,
        "remaining": ["CF-ACC-02"],
        "ready_for_session": False,
        "validated": False,
    }


def test_a_registration_after_the_evaluation_date_is_not_filed_yet(run_evaluation):
    document = cisp_dossier(
        registered="2015-06-01",
        commission={"date": "2015-01-01", "decision": "accepted"},
        taken=courses(("CF-ACC-01", "2012-05-10")),
    )
    result = run_evaluation(document, "2015-01-15")
    assert result["cisp"]["verdict"] == "not_started"
    assert statuses(result)["CISP-RETRO"] == "pending"
    assert statuses(result)["CISP-MAX"] == "pending"
    assert result["cisp"]["courses"][0]["counted"] is False
    assert "01/06/2015" in result["cisp"]["next_step"]


def test_sessions_after_the_deadline_do_not_give_the_title(run_evaluation):
    late = [*all_poles("2016-06-10")[:3], {"pole": 4, "date": "2020-04-01", "result": "validated"}]
    result = run_evaluation(
        cisp_dossier(taken=courses(*ALL_REQUIRED), pole_sessions=late), "2021-01-01"
    )
    assert result["cisp"]["verdict"] == "expired"
    assert check(result, "cisp", "CISP-MAX")["status"] == "not_met"
    assert check(result, "cisp", "CISP-TITLE")["status"] == "pending"
    assert not result["cisp"]["poles"][3]["validated"]


@pytest.mark.parametrize("code", ["CF-XXX-99", "CF-SST-01"])
def test_too_old_courses_break_retro_even_when_they_would_not_count_anyway(run_evaluation, code):
    result = run_evaluation(cisp_dossier(taken=courses((code, "2008-01-01"))), "2015-01-15")
    retro = check(result, "cisp", "CISP-RETRO")
    assert retro["status"] == "not_met" and code in retro["reason"]
    assert "rétroactivité" in result["cisp"]["courses"][0]["reason"]
