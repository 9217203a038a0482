import pytest

from app.regions import regions
from app.siret import normalized_siret, siret_problem


@pytest.mark.parametrize(
    "siret", ["43817206500015", "438 172 065 00015", "12345678200002", "35600000049837"]
)
def test_valid_sirets(siret):
    assert siret_problem(siret) is None


@pytest.mark.parametrize(
    ("siret", "fragment"),
    [
        ("", "obligatoire"),
        ("4381720650001", "14 chiffres ; 13"),
        ("4381720650001A", "que des chiffres"),
        ("43817206500016", "clé de contrôle"),
        ("35600000000049", "clé de contrôle"),
    ],
)
def test_invalid_sirets_say_why(siret, fragment):
    assert fragment in siret_problem(siret)


def test_normalized():
    assert normalized_siret(" 438 172 065\u00a000015 ") == "43817206500015"


def test_regions_are_the_current_ones_overseas_included():
    names = regions()
    assert len(names) == 18
    assert "Centre-Val de Loire" in names and "Mayotte" in names and "La Réunion" in names
    assert "Centre" not in names and "Limousin" not in names
