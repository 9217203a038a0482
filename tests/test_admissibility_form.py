"""« Préparer la demande de recevabilité »: the PDF follows the CERFA 12818*02's rubrics
in order, filled from the record, an empty box for what Passerelle does not hold; each
experience's hours estimated (weekdays × 35 h × fte ÷ 5) and said to be checked."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from store_helpers import filled_store, sample
from test_words import pdf_text as text_of
from window_helpers import open_candidate

from app.domain import ExperiencePeriod
from app.export.admissibility_form import admissibility_pdf, hours_of, weekdays
from app.rules import load_rules


def test_weekdays_and_the_hours_estimate_over_a_month_end():
    assert weekdays(date(2015, 1, 26), date(2015, 2, 6)) == 10  # two whole weeks
    assert weekdays(date(2015, 1, 31), date(2015, 2, 1)) == 0  # a weekend
    assert weekdays(date(2015, 2, 2), date(2015, 2, 1)) == 0
    half = ExperiencePeriod(date(2015, 1, 26), True, date(2015, 2, 6), fte=0.5)
    estimate = hours_of(half, date(2015, 3, 1), load_rules())
    assert (estimate.weekdays, estimate.weekly_hours, estimate.total) == (10, 17.5, 35)
    assert estimate.text() == "35 h (estimation : 10 jours ouvrés)"


def test_the_request_follows_the_cerfa_rubrics_in_order_with_the_record():
    dossier = sample("cip-eligible")
    where = "Régie de quartier Sud (fictive)"
    half = ExperiencePeriod(date(2015, 1, 26), True, date(2015, 2, 6), fte=0.5,
                            employer=where, job_title="Médiatrice")  # fmt: skip
    dossier = replace(dossier, experiences=(*dossier.experiences, half))
    text = text_of(admissibility_pdf(dossier, load_rules(), date(2015, 3, 1), invariant=True))
    rubrics = [
        "1. Nature de la demande",
        "2. Certification visée",
        "3. Identité et situation",
        "4. Formation",
        "5. Expériences en rapport avec la certification visée",
        "6. Déclarations sur l'honneur",
        "Signatures",
    ]
    places = [text.index(rubric) for rubric in rubrics]
    assert places == sorted(places)
    assert "Titre professionnel Conseiller(ère) en insertion professionnelle (CIP)" in text
    assert "Nom Martinez Prénom Éloïse Date de naissance 12/04/1978" in text
    assert "Lieu de naissance à compléter Nationalité à compléter" in text  # never collected
    assert "Numéro RNCP à compléter" in text
    assert (
        "Médiatrice Régie de quartier Sud (fictive) salarié(e) 26/01/2015 06/02/2015 17,5 35 h"
        in text
    )
    assert "(estimation : 10 jours ouvrés)" in text
    assert "une estimation à vérifier" in text and "× 35 h" in text
    assert "CERFA n° 12818*02" in text


def test_the_page_writes_the_request(qtbot, tmp_path, monkeypatch):
    from ui.candidate import admissibility_actions, dossier_actions

    store = filled_store(tmp_path / "donnees")
    window = open_candidate(qtbot, store, "Martinez")
    out = tmp_path / "demande.pdf"
    monkeypatch.setattr(admissibility_actions, "choose_file", lambda _p, suggested: out)
    shown = []
    monkeypatch.setattr(dossier_actions, "show_result", lambda dialog: shown.append(dialog))
    told = []
    monkeypatch.setattr(dossier_actions, "tell", lambda _p, title, text: told.append(text))
    window.page.cip.request_button.click()
    assert shown and "Demande de recevabilité" in text_of(out.read_bytes())
    window.page.cip.request_button.click()  # the same file again: refused, kept as it was
    assert told and "existe déjà" in told[-1]
    store.close(automatic_backup=False)
