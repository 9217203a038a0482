from app.referentials import cip_referential, cisp_referential


def test_cip_has_four_activities_with_their_competences_numbered_in_order():
    referential = cip_referential()
    assert [a.number for a in referential.activities] == [1, 2, 3, 4]
    assert [len(a.competences) for a in referential.activities] == [5, 4, 3, 3]
    assert referential.competence_ids()[:2] == ("CIP-1.1", "CIP-1.2")
    assert referential.competence("CIP-1.2").title == (
        "Analyser la demande de la personne et identifier ses besoins"
    )
    assert referential.activities[2].title.startswith("Mettre en œuvre une offre de services")
    assert referential.competence("CIP-5.1") is None


def test_cisp_has_four_poles_with_their_content():
    referential = cisp_referential()
    assert referential.pole_numbers() == (1, 2, 3, 4)
    assert referential.pole(2).title == "Accueil et conseil au public"
    assert referential.pole(1).title.startswith("Étude et veille des politiques publiques")
    assert all(pole.content for pole in referential.poles)
