import pytest

from app.typed import TypedValueError, iso_from_french, number_from_french, where


def test_french_dates():
    assert iso_from_french("15/09/2014") == "2014-09-15"
    assert iso_from_french(" 1/2/2016 ") == "2016-02-01"
    assert iso_from_french("") is None
    with pytest.raises(TypedValueError, match="JJ/MM/AAAA"):
        iso_from_french("2014-09-15")
    with pytest.raises(TypedValueError, match="n'existe pas"):
        iso_from_french("30/02/2015")


def test_french_numbers():
    assert number_from_french("1 380,50 €") == 1380.5
    assert number_from_french("84 %") == 84
    assert number_from_french(" ") is None
    with pytest.raises(TypedValueError, match="n'est pas un nombre"):
        number_from_french("douze")


def test_paths_in_words():
    assert where("experiences[0].end") == "Expériences, ligne 1, fin"
    assert where("cip.financing[1].hours") == "CIP, financement, ligne 2, heures"
    assert where("candidate.last_name") == "Identité, nom"


def test_an_implausible_year_says_so_with_the_date_as_typed():
    with pytest.raises(TypedValueError, match=r"date invraisemblable : 01/01/1850 \(attendue"):
        iso_from_french("01/01/1850")
    with pytest.raises(TypedValueError, match="n'existe pas dans le calendrier"):
        iso_from_french("31/02/2014")
