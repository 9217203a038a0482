"""First start: the structure's set-up wizard, then « Paramètres »."""

import pytest
from PySide6.QtWidgets import QWizard
from store_helpers import rows

from app.store.database import open_store
from app.store.structure import current_setup, default_coorace_email
from ui.dialogs.setup import SettingsDialog, SetupWizard


@pytest.fixture
def store(tmp_path):
    store = open_store(tmp_path / "donnees")
    yield store
    store.close(automatic_backup=False)


def fill_structure(form, siret="438 172 065 00015"):
    form.name.setText("Association Le Relais de l'Indre")
    form.siret.setText(siret)
    form.kind.setCurrentIndex(form.kind.findData("ACI"))
    form.region.setCurrentText("Centre-Val de Loire")
    form.director.setText("Bernard Aubry")


def test_first_start_creates_the_structure(qtbot, store):
    assert current_setup(store) is None
    wizard = SetupWizard(store)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.currentPage() is wizard.role and wizard.role.structure.isChecked()
    wizard.next()  # a structure, the usual case
    page = wizard.currentPage()
    assert page.title() == "Votre structure"
    wizard.next()
    assert wizard.currentPage() is page  # empty fields: refused, not crashed
    errors = page.form.errors
    assert errors["name"].text() == "Le nom de la structure est obligatoire."
    assert "obligatoire" in errors["siret"].text()
    fill_structure(page.form, siret="43817206500016")
    page.form.region.setCurrentText("centre-val de loire")
    wizard.next()
    assert "clé de contrôle" in errors["siret"].text() and wizard.currentPage() is page
    assert "Vouliez-vous dire « Centre-Val de Loire »" in errors["region"].text()
    fill_structure(page.form)
    wizard.next()
    people = wizard.currentPage().form
    assert (
        people.coorace_email.text()
        == default_coorace_email()
        == ("formationcertifiante@coorace.org")
    )
    people.user.setText("Claire Faucher")
    wizard.next()
    assert wizard.currentPage() is wizard.protect_page
    assert wizard.protect_page.enabled.isChecked()  # offered, ticked by default
    wizard.protect_page.enabled.setChecked(False)  # this test: a plain folder
    wizard.button(QWizard.WizardButton.FinishButton).click()
    setup = current_setup(store)
    assert setup.structure.siret == "43817206500015"
    assert (setup.structure.kind, setup.structure.region) == ("ACI", "Centre-Val de Loire")
    assert setup.user == "Claire Faucher" == store.user
    assert rows(store.path, "SELECT user, entity, action FROM audit_log") == [
        ("Claire Faucher", "structure", "create")
    ]


def test_settings_edit_the_structure_later(qtbot, store):
    wizard = SetupWizard(store)
    qtbot.addWidget(wizard)
    fill_structure(wizard.structure_form)
    wizard.people.user.setText("Claire Faucher")
    wizard.accept()
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    assert dialog.structure_form.name.text() == "Association Le Relais de l'Indre"
    dialog.structure_form.director.setText("Nadia Ferreira")
    dialog.people.coorace_email.setText("pas-une-adresse")
    dialog.accept()
    assert "courriel" in dialog.people.errors["coorace_email"].text()
    assert current_setup(store).structure.director == "Bernard Aubry"  # nothing saved
    dialog.people.coorace_email.setText("certification@coorace.example")
    dialog.accept()
    setup = current_setup(store)
    assert (setup.structure.director, setup.coorace_email) == (
        "Nadia Ferreira",
        "certification@coorace.example",
    )
    changes = rows(store.path, "SELECT changes FROM audit_log WHERE action = 'update'")
    assert "Nadia Ferreira" in changes[0][0]


def test_settings_fields_start_at_the_same_place_in_both_forms(qtbot, store):
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    starts = {
        field.mapTo(dialog, field.rect().topLeft()).x()
        for field in (dialog.structure_form.name, dialog.people.coorace_email, dialog.people.user)
    }
    assert len(starts) == 1


def test_a_structure_too_long_for_a_dossier_is_refused_at_set_up(qtbot, tmp_path):
    from app.store.database import open_store
    from ui.dialogs.setup_forms import StructureForm

    form = StructureForm()
    qtbot.addWidget(form)
    form.name.setText("Association " + "x" * 300)
    form.siret.setText("438 172 065 00015")
    form.region.setCurrentText("Centre-Val de Loire")
    problems = form.problems()
    assert "au plus 200" in problems["name"]
    assert open_store(tmp_path / "d") is not None


def test_a_message_under_a_field_goes_as_soon_as_the_field_is_corrected(qtbot, tmp_path):
    from PySide6.QtTest import QTest

    from ui.dialogs.setup_forms import StructureForm

    form = StructureForm()
    qtbot.addWidget(form)
    form.show()
    form.siret.setFocus()
    QTest.keyClicks(form.siret, "4381720650001")  # 13 digits
    form.show_errors(form.problems())  # « Suivant » was pressed
    message = form.errors["siret"]
    assert not message.isHidden() and "13 ont été saisis" in message.text()
    assert not form.errors["name"].isHidden()  # still to type: stays said
    QTest.keyClicks(form.siret, "5")  # corrected, without « Suivant »
    assert message.isHidden()
    assert not form.errors["name"].isHidden()  # untouched: its message stays


def test_first_start_for_coorace_sets_its_workspace_without_a_siret(qtbot, store):
    from app.store.workspace import current_coorace_setup, is_coorace
    from ui.window.start import needs_setup

    wizard = SetupWizard(store)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.role.coorace.setChecked(True)
    wizard.next()
    page = wizard.currentPage()
    assert page.title() == "Le service de certification de COORACE"
    wizard.service_form.service.setText("")
    wizard.next()  # refused while a field is wrong
    assert wizard.currentPage() is page
    assert "obligatoire" in wizard.service_form.errors["service"].text()
    assert needs_setup(store)
    wizard.service_form.service.setText("Service certification")
    wizard.service_people.user.setText("Anne Roux")
    wizard.next()
    wizard.protect_page.enabled.setChecked(False)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert is_coorace(store) and not needs_setup(store)
    setup = current_coorace_setup(store)
    assert (setup.service, setup.user) == ("Service certification", "Anne Roux")
    assert setup.coorace_email == default_coorace_email()
    assert current_setup(store) is None  # no structure of its own, no SIRET
    assert rows(store.path, "SELECT count(*) FROM structures") == [(0,)]


def test_first_start_protects_the_data_and_shows_the_recovery_code_once(
    qtbot, tmp_path, monkeypatch
):
    from app.store import cipher
    from app.store.keyfile import KEY_FILE_NAME
    from ui.dialogs import protection_pages

    folder = tmp_path / "protegees"
    store = open_store(folder)
    wizard = SetupWizard(store)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    fill_structure(wizard.structure_form)
    wizard.next()
    wizard.people.user.setText("Claire Faucher")
    wizard.next()
    page = wizard.protect_page
    qtbot.keyClicks(page.passphrase, "un mot de passe solide")
    qtbot.keyClicks(page.again, "un autre mot de passe")
    wizard.next()
    assert wizard.currentPage() is page and "diffèrent" in page.error.text()
    page.again.clear()
    qtbot.keyClicks(page.again, "un mot de passe solide")
    wizard.next()
    assert wizard.currentPage() is wizard.sheet_page
    code = wizard.sheet_page.code.text()
    assert code.count("-") == 5 and code == wizard.recovery_code
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()  # the code noted first
    sheet = tmp_path / "fiche.pdf"
    monkeypatch.setattr(protection_pages, "choose_sheet_file", lambda parent: sheet)
    wizard.sheet_page.save_button.click()
    assert sheet.is_file() and "Fiche écrite" in wizard.sheet_page.saved.text()
    wizard.sheet_page.noted.setChecked(True)
    finish.click()
    assert (folder / KEY_FILE_NAME).is_file()
    setup = current_setup(wizard.store)  # the protected store, opened again
    assert setup.structure.name == "Association Le Relais de l'Indre"
    wizard.store.close(automatic_backup=False)
    for path in folder.rglob("*"):
        if path.is_file():
            assert b"Relais" not in path.read_bytes() and b"SQLite format 3" not in (
                path.read_bytes()
            ), path
    cipher._KEYS.clear()
