"""`make screenshots`, the wizards: every page of the CIP wizard filled in as during an
interview (a fictitious candidate), and a page refusing an entry with its message."""

from __future__ import annotations

from pathlib import Path


def _grab(application, wizard, out: Path, name: str) -> None:
    application.processEvents()
    wizard.grab().save(str(out / f"{name}.png"))


def cip_wizard_pages(application, store, rules, catalogue, candidate_id: int, out: Path) -> None:
    """Dates counted back from today, as during an interview held now."""
    from datetime import date, timedelta

    from ui.wizards.cip import wizard as steps

    def day(delta: int) -> str:
        return (date.today() + timedelta(days=delta)).strftime("%d/%m/%Y")

    wizard = steps.CipWizard(store, rules, catalogue, candidate_id)
    wizard.show()
    page = wizard.page(steps.AGREEMENT)
    page.given_on.setText(day(-200))
    page.signatory.setText("")
    wizard.next()
    _grab(application, wizard, out, "cip-0-refus-accord")
    page.signatory.setText("Bernard Aubry, directeur")
    _grab(application, wizard, out, "cip-1-accord")
    wizard.next()
    _grab(application, wizard, out, "cip-2-experiences")
    wizard.next()
    meetings = wizard.page(steps.MEETINGS)
    meetings.collective.setText(day(-150))
    meetings.targeted.setText(day(-130))
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
    test.on.setText(day(-100))
    test.score.setText("72")
    _grab(application, wizard, out, "cip-5-positionnement-sous-le-seuil")
    wizard.next()
    plan = wizard.page(steps.UPGRADING)
    plan.courses.add_row()
    for column, text in enumerate(("Conduite d'entretien d'accompagnement", day(10), day(30))):
        plan.courses.table.item(0, column).setText(text)
    plan.retest.setText(day(45))
    _grab(application, wizard, out, "cip-6b-mise-a-niveau")
    wizard.back()
    test.score.setText("84")
    _grab(application, wizard, out, "cip-5-positionnement")
    wizard.next()
    vae = wizard.page(steps.VAE)
    vae.filed.setText(day(-90))
    vae.decided.setText(day(-60))
    for row, held_on in enumerate((day(-45), day(-30), day(-15))):
        vae.sessions.add_row()
        vae.sessions.table.item(row, 0).setText(held_on)
    vae.jury.setText(day(20))
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
