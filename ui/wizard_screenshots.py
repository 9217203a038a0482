"""`make screenshots`, the wizards: every page of the CIP wizard filled in as during an
interview (a fictitious candidate), and a page refusing an entry with its message."""

from __future__ import annotations

from pathlib import Path


def _grab(application, wizard, out: Path, name: str) -> None:
    application.processEvents()
    wizard.grab().save(str(out / f"{name}.png"))


def cip_wizard_pages(application, store, rules, catalogue, candidate_id: int, out: Path) -> None:
    from ui import cip_wizard as steps

    wizard = steps.CipWizard(store, rules, catalogue, candidate_id)
    wizard.show()
    page = wizard.page(steps.AGREEMENT)
    page.given_on.setText("15/09/2014")
    page.signatory.setText("")
    wizard.next()
    _grab(application, wizard, out, "cip-0-refus-accord")
    page.signatory.setText("Bernard Aubry, directeur")
    _grab(application, wizard, out, "cip-1-accord")
    wizard.next()
    _grab(application, wizard, out, "cip-2-experiences")
    wizard.next()
    meetings = wizard.page(steps.MEETINGS)
    meetings.collective.setText("02/10/2014")
    meetings.targeted.setText("16/10/2014")
    _grab(application, wizard, out, "cip-3-reunions")
    wizard.next()
    gaps = wizard.page(steps.GAPS)
    answers = ["yes", "yes", "partial", "yes", "no"]
    for index, (choice, note) in enumerate(gaps.answers.values()):
        choice.setCurrentIndex(choice.findData(answers[index % len(answers)]))
        if answers[index % len(answers)] == "no":
            note.setText("Fait par la directrice aujourd'hui.")
    _grab(application, wizard, out, "cip-4-decalages")
    wizard.next()
    test = wizard.page(steps.POSITIONING)
    test.on.setText("05/11/2014")
    test.score.setText("72")
    _grab(application, wizard, out, "cip-5-positionnement-sous-le-seuil")
    wizard.next()
    plan = wizard.page(steps.UPGRADING)
    plan.courses.add_row()
    for column, text in enumerate(
        ("Conduite d'entretien d'accompagnement", "01/12/2014", "12/12/2014")
    ):
        plan.courses.table.item(0, column).setText(text)
    plan.retest.setText("15/01/2015")
    _grab(application, wizard, out, "cip-6b-mise-a-niveau")
    wizard.back()
    test.score.setText("84")
    _grab(application, wizard, out, "cip-5-positionnement")
    wizard.next()
    vae = wizard.page(steps.VAE)
    vae.filed.setText("10/11/2014")
    vae.decided.setText("01/12/2014")
    for row, day in enumerate(("15/12/2014", "12/01/2015", "02/02/2015")):
        vae.sessions.add_row()
        vae.sessions.table.item(row, 0).setText(day)
    vae.jury.setText("20/02/2015")
    _grab(application, wizard, out, "cip-6-vae")
    wizard.next()
    financing = wizard.page(steps.FINANCING)
    financing.cost.setText("1380")
    for row, cells in enumerate((("OPCA", "1080", ""), ("CPF", "300", "20"))):
        financing.lines.add_row()
        for column, text in enumerate(cells):
            financing.lines.table.item(row, column).setText(text)
    _grab(application, wizard, out, "cip-7-financement")
    wizard.next()
    _grab(application, wizard, out, "cip-8-synthese")
    wizard.done(0)  # nothing saved: the demo folder is thrown away
