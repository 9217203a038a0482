"""Reading and writing the dossier document: everything valid is kept, every fault named."""

import copy
import json

import pytest
from conftest import BASE_DOSSIER, make_dossier, period

from app.exchange.dossier import dossier_from_data, dossier_from_text, dossier_to_data
from app.exchange.problems import ExchangeError
from app.resources import resource

FULL = make_dossier(
    cip={
        "positioning_score_pct": 79.5,
        "admissibility_decision_on": "2014-12-01",
        "cost_eur": 1380,
        "financing": [{"source": "cpf", "amount_eur": 300.5, "hours": 20}],
        "gap_analysis": [{"competence": "CIP-1.2", "status": "partial", "note": "à compléter"}],
    },
    cisp={
        "registered_on": "2014-10-01",
        "commission": {"date": "2014-11-20", "decision": "accepted"},
        "pole_sessions": [{"pole": 2, "date": "2016-06-10", "result": "validated"}],
    },
    experiences=[period("2009-03-02", None, 0.8)],
    courses=[
        {"code": "CF-ACC-01", "title": "Accueil", "ended_on": "2012-05-10", "attestation": "ATT-1"}
    ],
)


def problems_of(document) -> list[str]:
    with pytest.raises(ExchangeError) as raised:
        dossier_from_data(document)
    return [str(p) for p in raised.value.problems]


def test_write_back_gives_the_same_document():
    assert dossier_to_data(dossier_from_data(FULL)) == FULL


@pytest.mark.parametrize("name", ["cip-eligible", "cip-experience-insuffisante", "cisp-en-cours"])
def test_samples_round_trip(name):
    document = json.loads(resource("examples", f"{name}.json").read_text(encoding="utf-8"))
    assert dossier_to_data(dossier_from_data(document)) == document


def test_optional_keys_may_be_left_out():
    minimal = {
        "format": "passerelle.dossier",
        "format_version": 1,
        "structure": {"name": "A", "siret": "12345678200002", "kind": "ACI", "region": "Bretagne"},
        "candidate": {"ref": "r1", "last_name": "Durand", "first_name": "Éloïse"},
        "experiences": [{"accompaniment_function": True, "start": "2010-01-01"}],
    }
    dossier = dossier_from_data(minimal)
    assert dossier.cip is None and dossier.cisp is None and dossier.employer_agreement is None
    assert dossier.experiences[0].end is None and dossier.experiences[0].fte == 1.0


def mutate(change):
    document = copy.deepcopy(FULL)
    change(document)
    return document


def set_in(*path_and_value):
    *path, value = path_and_value

    def change(document):
        target = document
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


@pytest.mark.parametrize(
    ("change", "path", "fragment"),
    [
        (set_in("candidate", "nickname", "Lili"), "candidate.nickname", "clé inconnue"),
        (set_in("experiences", 0, "end", "2014-02-30"), "experiences[0].end", "date impossible"),
        (set_in("experiences", 0, "end", "2009-03-01"), "experiences[0].end", "avant le début"),
        (set_in("experiences", 0, "start", "02/03/2009"), "experiences[0].start", "AAAA-MM-JJ"),
        (set_in("experiences", 0, "fte", 0), "experiences[0].fte", "supérieur à 0"),
        (set_in("experiences", 0, "fte", 1.2), "experiences[0].fte", "au plus 1"),
        (set_in("experiences", 0, "fte", "0.8"), "experiences[0].fte", "doit être un nombre"),
        (
            set_in("experiences", 0, "accompaniment_function", "oui"),
            "experiences[0].accompaniment_function",
            "true ou false",
        ),
        (
            set_in("cip", "positioning_score_pct", 101),
            "cip.positioning_score_pct",
            "entre 0 et 100",
        ),
        (set_in("cip", "positioning_score_pct", -1), "cip.positioning_score_pct", "entre 0 et 100"),
        (set_in("cip", "cost_eur", -10), "cip.cost_eur", "positif ou nul"),
        (
            set_in("cip", "financing", 0, "amount_eur", -1),
            "cip.financing[0].amount_eur",
            "positif ou nul",
        ),
        (set_in("cip", "financing", 0, "hours", None), "cip.financing[0].hours", "CPF"),
        (
            set_in("cip", "financing", 0, "source", "banque"),
            "cip.financing[0].source",
            "valeurs possibles",
        ),
        (
            set_in("cip", "gap_analysis", 0, "competence", "CIP-5.1"),
            "cip.gap_analysis[0].competence",
            "CIP-<activité>.<compétence>",
        ),
        (
            set_in("cip", "gap_analysis", 0, "competence", "1.2"),
            "cip.gap_analysis[0].competence",
            "CIP-<activité>.<compétence>",
        ),
        (set_in("cip", "cost_eur", float("inf")), "cip.cost_eur", "nombre fini"),
        (set_in("structure", "director", "X\ud800"), "structure.director", "caractère invalide"),
        (set_in("cisp", "pole_sessions", 0, "pole", 5), "cisp.pole_sessions[0].pole", "1 à 4"),
        (set_in("cisp", "pole_sessions", 0, "pole", 0), "cisp.pole_sessions[0].pole", "1 à 4"),
        (
            set_in("cisp", "pole_sessions", 0, "pole", 2.0),
            "cisp.pole_sessions[0].pole",
            "nombre entier",
        ),
        (
            set_in("cisp", "commission", "decision", "ok"),
            "cisp.commission.decision",
            "valeurs possibles",
        ),
        (set_in("structure", "siret", "123 456 789"), "structure.siret", "14 chiffres"),
        (set_in("structure", "kind", "SCOP"), "structure.kind", "AI, ACI, EI, ETTI, other"),
        (set_in("structure", "name", "  "), "structure.name", "ne doit pas être vide"),
        (set_in("candidate", "ref", 17), "candidate.ref", "doit être un texte"),
        (set_in("experiences", {}), "experiences", "doit être une liste"),
        (set_in("cisp", []), "cisp", "doit être un objet"),
    ],
)
def test_each_bad_input_is_named_by_its_json_path(change, path, fragment):
    problems = problems_of(mutate(change))
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{path} : ")
    assert fragment in problems[0]


def test_missing_required_key():
    document = mutate(lambda d: d["candidate"].pop("last_name"))
    assert problems_of(document) == ["candidate.last_name : champ obligatoire manquant"]


def test_every_problem_is_reported_at_once():
    def several(document):
        document["experiences"][0]["fte"] = 2
        document["cip"]["positioning_score_pct"] = 120
        document["cisp"]["pole_sessions"][0]["pole"] = 7
        document["typo"] = True

    problems = problems_of(mutate(several))
    assert [p.split(" : ")[0] for p in problems] == [
        "typo",
        "experiences[0].fte",
        "cip.positioning_score_pct",
        "cisp.pole_sessions[0].pole",
    ]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "le fichier est vide"),
        ("   \n", "le fichier est vide"),
        ('{"format": "passerelle.dossier",}', "JSON invalide, ligne 1"),
        ('{"format": "passerelle.dossier", "format": "x"}', "apparaît deux fois"),
        ("[1, 2]", "doit être un objet JSON"),
        ('{"format": "passerelle.dossier", "format_version": NaN}', "non permise"),
    ],
)
def test_unreadable_text(text, fragment):
    with pytest.raises(ExchangeError) as raised:
        dossier_from_text(text)
    assert fragment in str(raised.value.problems[0])


@pytest.mark.parametrize("version", [2, 0, "1", 1.5, None])
def test_unsupported_format_version_alone_is_reported(version):
    document = copy.deepcopy(BASE_DOSSIER)
    document["format_version"] = version
    document["new_in_v2"] = {}
    problems = problems_of(document)
    assert len(problems) == 1
    assert problems[0].startswith("format_version : version de format non prise en charge")


def test_a_catalogue_is_not_a_dossier():
    problems = problems_of({"format": "passerelle.catalogue", "format_version": 1})
    assert problems[0].startswith("format : ") and "pas un dossier" in problems[0]


def test_a_null_gap_note_and_an_unlisted_competence_number_are_accepted():
    def change(document):
        document["cip"]["gap_analysis"] = [
            {"competence": "CIP-2.5", "status": "no", "note": None},
        ]

    dossier = dossier_from_data(mutate(change))
    assert dossier.cip.gap_analysis[0].note is None
    assert dossier_to_data(dossier)["cip"]["gap_analysis"][0]["note"] is None


def test_a_huge_integer_or_a_deep_document_is_refused_in_french():
    with pytest.raises(ExchangeError, match="trop long"):
        dossier_from_text('{"format_version": 1' + "0" * 5000 + "}")
    with pytest.raises(ExchangeError, match="imbriqué"):
        dossier_from_text("[" * 100000)
