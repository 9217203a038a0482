"""The words a counsellor reads aloud: an excluded course said for what it is, on screen
and on the dossier sent to COORACE; distinct words for distinct states; French plurals."""

from __future__ import annotations

from datetime import date

import pypdfium2 as pdfium
from store_helpers import sample

from app import labels
from app.evaluation import evaluate
from app.export.dossier import DossierContent, dossier_pdf
from app.store.intake import FileOutcome, IntakeReport


def pdf_text(pdf: bytes) -> str:
    document = pdfium.PdfDocument(pdf)
    try:
        return " ".join(" ".join(page.get_textpage().get_text_range().split()) for page in document)
    finally:
        document.close()


def test_an_excluded_course_is_informative_not_a_rule_broken(rules, catalogue):
    dossier = sample("cisp-en-cours")
    evaluation = evaluate(dossier, date(2015, 9, 1), rules, catalogue)
    check = evaluation.cisp.check("CISP-RETRO")
    assert check.status == "not_met"  # the exchange format keeps its value
    assert labels.tone(check) == labels.INFORMATIVE
    assert labels.status_text(check) == "Pour information"  # not « Non respectée »
    assert check.reason.startswith("Formation exclue : CF-TER-01")
    assert "plus de 5 ans avant l'inscription) — sans effet sur le parcours" in check.reason
    text = pdf_text(dossier_pdf(DossierContent(dossier, evaluation, "cisp", (), date(2015, 9, 1))))
    retro = text[text.index("CISP-RETRO") :][:80]
    assert "Pour information" in retro and "Formation exclue" in retro
    assert "Non respectée" not in retro


def test_two_excluded_courses_are_said_in_the_plural(run_evaluation):
    from conftest import make_dossier

    old = {"ended_on": "2008-06-20", "attestation": None}
    document = make_dossier(
        cisp={"registered_on": "2014-10-01"},
        courses=[
            {"code": "CF-TER-01", "title": None, **old},
            {"code": "CF-ACC-01", "title": None, **old},
        ],
    )
    result = run_evaluation(document, "2015-01-15")
    (check,) = [c for c in result["cisp"]["checks"] if c["rule"] == "CISP-RETRO"]
    assert check["reason"].startswith("Formations exclues : CF-TER-01")


def test_each_commission_state_has_its_own_words():
    words = list(labels.COMMISSION_DECISION.values())
    assert len(set(words)) == len(words)
    assert labels.COMMISSION_DECISION[""] != labels.COMMISSION_DECISION["pending"]
    assert "attendu" in labels.COMMISSION_DECISION["pending"]


def test_counts_take_the_french_plural():
    from pathlib import Path

    outcomes = [FileOutcome(Path("a.json"), "created")]
    outcomes += [FileOutcome(Path(f"{n}.json"), "older") for n in "bc"]
    outcomes.append(FileOutcome(Path("d.json"), "refused"))
    report = IntakeReport(outcomes)
    assert report.summary() == (
        "4 fichiers : 1 créé, 0 mis à jour, 0 sans changement, 2 plus anciens, ignorés, 1 refusé"
    )
    assert "(s)" not in report.summary()


def test_a_vae_in_progress_says_the_days_left(run_evaluation):
    from conftest import make_dossier

    document = make_dossier(cip={"admissibility_decision_on": "2015-01-10"})
    result = run_evaluation(document, "2015-01-15")
    (vae,) = [c for c in result["cip"]["checks"] if c["rule"] == "CIP-VAE"]
    assert "il reste" in vae["reason"] and "(s)" not in vae["reason"]


def test_a_siret_is_shown_grouped_as_on_insee_notices():
    from app.siret import grouped_siret

    assert grouped_siret("43817206500015") == "438 172 065 00015"
    assert grouped_siret("438 172 06500015") == "438 172 065 00015"
    assert grouped_siret("12") == "12"  # not a SIRET: as typed


def test_the_rules_dialog_says_the_counting_mode_in_french(qtbot, rules):
    from ui.dialogs.rules import RulesDialog

    dialog = RulesDialog(rules)
    qtbot.addWidget(dialog)
    shown = [
        dialog.table.item(row, column).text()
        for row in range(dialog.table.rowCount())
        for column in range(dialog.table.columnCount())
    ]
    assert "temps calendaire" in shown
    assert not any(text in ("calendar", "fte") or "« calendar »" in text for text in shown)


def test_de_is_elided_before_a_vowel():
    from app.french import of

    assert of("Élodie Martin") == "d'Élodie Martin"
    assert of("Lucie Dupont") == "de Lucie Dupont"
    assert of("nouveau candidat") == "de nouveau candidat"
