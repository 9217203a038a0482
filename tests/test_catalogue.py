"""The course catalogue, from JSON and from `;`-separated CSV, with errors by line."""

import json

import pytest

from app.exchange.catalogue import (
    catalogue_from_csv_text,
    catalogue_from_data,
    example_catalogue_file,
    read_catalogue,
)
from app.exchange.problems import ExchangeError
from app.resources import resource

HEADER = "code;title;pole;hours;capitalisable;required\n"


def test_example_catalogue_says_it_is_an_example():
    catalogue = read_catalogue(example_catalogue_file())
    assert catalogue.example is True
    assert "exemple" in catalogue.name.lower() and "fictif" in catalogue.name
    contract = catalogue.course("CF-ACC-01")
    assert (contract.title, contract.pole, contract.hours) == (
        "Accueil et diagnostic partagé",
        2,
        21,
    )
    assert contract.capitalisable and contract.required
    assert all(catalogue.required_for_pole(pole) for pole in (1, 2, 3, 4))


def test_csv_and_json_example_hold_the_same_courses():
    from_json = read_catalogue(example_catalogue_file())
    from_csv = read_catalogue(resource("catalogues", "catalogue-exemple.csv"))
    assert from_csv.courses == from_json.courses
    assert "exemple" in from_csv.name


def test_csv_reads_decimals_with_a_comma_and_oui_non(tmp_path):
    text = HEADER + "X-1;Atelier;2;10,5;Oui;non\n\n"
    catalogue = catalogue_from_csv_text(text, "f.csv", "Catalogue 2015")
    course = catalogue.course("X-1")
    assert course.hours == 10.5 and course.capitalisable and not course.required
    assert catalogue.version is None and catalogue.example is False


def test_csv_with_a_bom_from_a_spreadsheet(tmp_path):
    path = tmp_path / "catalogue.csv"
    path.write_bytes(("\ufeff" + HEADER + "X-1;Atelier;2;7;oui;oui\n").encode("utf-8"))
    assert read_catalogue(path).course("X-1").pole == 2


def test_csv_errors_are_listed_by_line_and_column():
    text = (
        HEADER
        + "A-1;Bon;1;7;oui;oui\n"
        + "A-2;Pôle faux;5;7;oui;oui\n"
        + "A-3;Heures;2;-3;oui;peut-être\n"
        + "A-1;Doublon;1;7;oui;oui\n"
        + "A-4;Trop court;1\n"
        + ";Sans code;1;7;oui;oui\n"
    )
    with pytest.raises(ExchangeError) as raised:
        catalogue_from_csv_text(text, "c.csv", "c")
    assert [str(p) for p in raised.value.problems] == [
        "ligne 3, pole : doit être un numéro de pôle de 1 à 4 (reçu : 5)",
        "ligne 4, required : « oui » ou « non » attendu (reçu : « peut-être »)",
        "ligne 4, hours : doit être positif ou nul (reçu : -3)",
        "ligne 5, code : code « A-1 » déjà présent ligne 2",
        "ligne 6 : 3 colonnes au lieu de 6 (séparateur « ; »)",
        "ligne 7, code : ne doit pas être vide",
    ]


def test_csv_header_must_be_the_contract_one():
    with pytest.raises(ExchangeError, match="en-tête attendu"):
        catalogue_from_csv_text("code,title,pole\n", "c.csv", "c")


def test_json_catalogue_errors_by_path():
    data = json.loads(example_catalogue_file().read_text(encoding="utf-8"))
    data["courses"][1]["pole"] = 9
    data["courses"][2]["code"] = data["courses"][0]["code"]
    with pytest.raises(ExchangeError) as raised:
        catalogue_from_data(data)
    assert [p.path for p in raised.value.problems] == ["courses[1].pole"]
    data["courses"][1]["pole"] = 1
    with pytest.raises(ExchangeError) as raised:
        catalogue_from_data(data)
    assert [p.path for p in raised.value.problems] == ["courses[2].code"]


def test_not_utf8(tmp_path):
    path = tmp_path / "c.csv"
    path.write_bytes((HEADER + "A;Équipe;1;7;oui;oui\n").encode("latin-1"))
    with pytest.raises(ExchangeError, match="UTF-8"):
        read_catalogue(path)
