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


@pytest.mark.parametrize("typed", ["١٢/١٢/٢٠١٤", "１５/０９/２０１４", "15/09/２０１４"])
def test_dates_in_other_digits_are_refused_not_misread(typed):
    """`\\d` takes them and `int` reads them, but the ISO text would not be a date."""
    with pytest.raises(TypedValueError, match="une date s'écrit JJ/MM/AAAA"):
        iso_from_french(typed)


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("1_000", "n'est pas un nombre"),
        ("１２", "n'est pas un nombre"),
        ("1e-320", "n'est pas un nombre"),
        ("1e309", "n'est pas un nombre"),
        ("nan", "n'est pas un nombre"),
        ("inf", "n'est pas un nombre"),
        ("79,99999999999999999", "au plus 6 chiffres après la virgule"),
        ("1" * 400, "nombre trop grand"),
    ],
)
def test_numbers_are_never_silently_reinterpreted(typed, words):
    with pytest.raises(TypedValueError, match=words):
        number_from_french(typed)


def test_an_empty_cell_is_told_to_be_filled_not_as_null():
    from app.typed import told

    message = "doit être une date au format AAAA-MM-JJ (reçu : null)"
    assert (
        told("experiences[1].start", message)
        == "Expériences, ligne 2, début : à remplir (la case est vide)"
    )
    assert told(
        "cip.vae_outcome", "valeurs possibles : validated, partial (reçu : « oui »)"
    ).startswith("CIP, résultat de la VAE :")
