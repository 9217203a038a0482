"""The first window, offscreen: open a dossier, change the date, read the verdicts."""

from datetime import date

import pytest
from PySide6.QtCore import QDate

from app.resources import resource
from ui.window import main_window
from ui.window.main_window import MainWindow
from ui.window.start import display_available


@pytest.fixture
def window(qtbot):
    shown = MainWindow()
    qtbot.addWidget(shown)
    return shown


def rows(window):
    result = []
    for index in range(window.evaluation_view.tree.topLevelItemCount()):
        top = window.evaluation_view.tree.topLevelItem(index)
        result.append((top.text(0), top.text(1)))
        result.extend((top.child(i).text(0), top.child(i).text(1)) for i in range(top.childCount()))
    return result


def test_empty_window_invites_to_open_a_dossier(window):
    assert window.evaluation_view.tree.topLevelItemCount() == 0
    assert "Ouvrez un dossier" in window.evaluation_view.summary.text()
    assert "EXEMPLE" in window.evaluation_view.sources.text()


def test_open_a_sample_and_read_each_rule(window, monkeypatch):
    monkeypatch.setattr(
        main_window,
        "choose_dossier_file",
        lambda parent: resource("examples", "cip-experience-insuffisante.json"),
    )
    window.evaluation_view.date_edit.setDate(QDate(2015, 1, 15))
    window.open_dossier()
    assert window.evaluation_date() == date(2015, 1, 15)
    table = rows(window)
    assert table[0] == ("CIP — VAE collective", "Non éligible")
    assert table[1] == ("CIP-EXP · Expérience dans la fonction", "✘ Non respectée")
    assert ("CIP-AGR · Accord de l'employeur", "✔ Respectée") in table
    assert "Karim Benali" in window.evaluation_view.file_label.text()
    assert window.evaluation_view.summary.text().startswith(
        "<b>CIP : Non éligible.</b> Prochaine étape : Il manque"
    )
    window.evaluation_view.tree.setCurrentItem(window.evaluation_view.tree.topLevelItem(0).child(0))
    assert "865 jours" in window.evaluation_view.detail.toPlainText()


def test_changing_the_date_re_evaluates(window):
    assert window.load(resource("examples", "cip-experience-insuffisante.json"))
    window.evaluation_view.date_edit.setDate(QDate(2015, 1, 15))
    assert window.evaluation.cip.verdict == "not_eligible"
    window.evaluation_view.date_edit.setDate(QDate(2015, 9, 2))
    assert window.evaluation.cip.check("CIP-EXP").status == "met"


def test_a_bad_file_is_refused_with_every_problem(window, monkeypatch, tmp_path):
    shown = []
    monkeypatch.setattr(
        main_window,
        "show_problems",
        lambda parent, title, lines: shown.append((title, lines)),
    )
    path = tmp_path / "faux.json"
    path.write_text('{"format": "passerelle.dossier", "format_version": 3}', encoding="utf-8")
    assert not window.load(path)
    assert shown[0][0] == "Le dossier faux.json ne peut pas être lu."
    assert shown[0][1][0].startswith("format_version : version de format non prise en charge")
    assert window.dossier is None


def test_qt_speaks_french(qapp):
    from ui.window.start import install_french

    translators = install_french(qapp)
    assert translators, "qtbase_fr not found"
    from PySide6.QtCore import QCoreApplication

    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
    # what qtbase_fr leaves in English, from our own small translation
    in_dialog = QCoreApplication.translate
    assert in_dialog("QFileDialog", "&Look in:") == "&Voir dans\u00a0:"
    assert in_dialog("QFileDialog", "Files of &type:") == "Fichiers de &type\u00a0:"
    assert in_dialog("QAbstractFileIconProvider", "Folder") == "Dossier"  # the Type column
    for translator in translators:
        qapp.removeTranslator(translator)


def test_our_translation_is_compiled_from_its_source(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    from app.resources import resource

    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    out = tmp_path / "fr.qm"
    source = resource("translations", "passerelle_qt_fr.ts")
    subprocess.run([str(lrelease), str(source), "-qm", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == resource("translations", "passerelle_qt_fr.qm").read_bytes()


def test_display_detection(monkeypatch):
    from ui.window import start

    assert not display_available({}, "linux")
    assert display_available({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert display_available({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert display_available({}, "win32")
    # a DISPLAY whose X server does not answer (Qt would abort): the French message
    assert not display_available({"DISPLAY": ":97"}, "linux")
    monkeypatch.setattr(start, "x_server_answers", lambda display: display == ":0")
    assert display_available({"DISPLAY": ":0"}, "linux")


def test_no_screen_gives_the_french_message_not_an_abort(tmp_path):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env["DISPLAY"] = ":97"  # nothing answers there
    done = subprocess.run(
        [sys.executable, "-m", "passerelle", "--data-dir", str(tmp_path)],
        capture_output=True, text=True, encoding="utf-8", timeout=60, env=env,
    )  # fmt: skip
    assert done.returncode == 1
    assert "QT_QPA_PLATFORM=offscreen passerelle" in done.stderr


def test_the_file_dialog_shows_its_columns_whole(qapp, tmp_path):
    from PySide6.QtWidgets import QHeaderView, QTreeView

    from ui.support.file_dialogs import _dialog

    dialog = _dialog(None, "Ouvrir un dossier", tmp_path, "Dossiers (*.json)")
    headers = [view.header() for view in dialog.findChildren(QTreeView)]
    assert headers and all(
        header.sectionResizeMode(3) == QHeaderView.ResizeMode.ResizeToContents for header in headers
    )
    assert dialog.width() >= 900


@pytest.mark.parametrize(("pressed", "answer"), [("Return", 0), ("Escape", 2)])
def test_a_three_answer_question_keeps_entree_and_echap_where_expected(qapp, pressed, answer):
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from ui.support.questions import choose_of_three

    said = []

    def press() -> None:
        box = QApplication.activeModalWidget()
        said.append([button.text() for button in box.buttons()])
        QTest.keyClick(box, getattr(Qt.Key, f"Key_{pressed}"))

    QTimer.singleShot(100, press)
    got = choose_of_three(None, "Fermer", "Garder ?", ("Garder", "Jeter", "Rester"))
    assert got == answer and sorted(said[0]) == ["Garder", "Jeter", "Rester"]
