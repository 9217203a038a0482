"""The catalogue in use in the data folder: installed from JSON or CSV, refused whole with
every problem, a damaged file falling back to the example, the previous one put back, and
the candidate list re-evaluated with it. Real files in a real data folder."""

import json
import stat

import jsonschema
import pytest
from catalogue_files import (
    BAD_CSV_PROBLEMS,
    cisp_candidate,
    snapshot,
    write_bad_csv,
    write_csv_catalogue,
    write_json_catalogue,
)
from store_helpers import rows, save_data

from app.exchange.catalogue import example_catalogue_file, read_catalogue
from app.exchange.problems import ExchangeError
from app.exchange.schema import schema_document
from app.store.catalogue_in_use import (
    catalogue_path,
    install_catalogue,
    load_catalogue_in_use,
    previous_catalogue_path,
    read_catalogue_in_use,
    restore_previous_catalogue,
)
from app.store.database import open_store
from app.store.errors import StoreError
from app.store.paths import CATALOGUE_NAME, PREVIOUS_CATALOGUE_NAME
from app.store.summaries import refresh_for_today


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def test_without_an_import_the_example_is_in_use(tmp_path):
    folder = tmp_path / "donnees"
    assert catalogue_path(folder) == example_catalogue_file()
    in_use = read_catalogue_in_use(folder)
    assert in_use.catalogue.example and not in_use.installed and in_use.problem is None
    assert previous_catalogue_path(folder) is None
    assert not folder.exists()  # reading creates nothing


def test_install_a_json_catalogue(tmp_path):
    folder = tmp_path / "donnees"
    installed = install_catalogue(folder, write_json_catalogue(tmp_path))
    assert (installed.name, installed.version, str(installed.published_on)) == (
        "Catalogue 2015",
        "2015-01",
        "2015-01-05",
    )
    assert catalogue_path(folder) == folder / CATALOGUE_NAME
    assert load_catalogue_in_use(folder) == installed
    assert not installed.course("CF-TER-02").capitalisable
    # the file is the exchange format, normalised, private like the database
    written = json.loads((folder / CATALOGUE_NAME).read_text(encoding="utf-8"))
    jsonschema.validate(written, schema_document("catalogue-v1.schema.json"))
    assert written["format"] == "passerelle.catalogue" and written["example"] is False
    assert mode(folder / CATALOGUE_NAME) == 0o600
    # the catalogue replaced, the example, is kept to undo the import
    assert read_catalogue(folder / PREVIOUS_CATALOGUE_NAME) == read_catalogue(
        example_catalogue_file()
    )
    assert mode(folder / PREVIOUS_CATALOGUE_NAME) == 0o600
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no temporary left


def test_install_a_csv_catalogue(tmp_path):
    folder = tmp_path / "donnees"
    source = write_csv_catalogue(tmp_path)
    installed = install_catalogue(folder, source)
    assert installed == read_catalogue(source)
    assert installed.name == "catalogue-tableur" and installed.version is None
    assert installed.course("CF-ACC-01").hours == 10.5
    assert [c.code for c in load_catalogue_in_use(folder).courses] == [
        "CF-TER-01",
        "CF-ACC-01",
        "CF-SST-01",
    ]


def test_a_csv_with_errors_lists_each_by_line_and_writes_nothing(tmp_path):
    folder = tmp_path / "donnees"
    install_catalogue(folder, write_json_catalogue(tmp_path))
    before = snapshot(folder)
    with pytest.raises(ExchangeError) as raised:
        install_catalogue(folder, write_bad_csv(tmp_path))
    assert [str(problem) for problem in raised.value.problems] == BAD_CSV_PROBLEMS
    assert snapshot(folder) == before
    assert load_catalogue_in_use(folder).name == "Catalogue 2015"


def test_a_refused_file_does_not_even_create_the_data_folder(tmp_path):
    folder = tmp_path / "donnees"
    with pytest.raises(ExchangeError):
        install_catalogue(folder, write_bad_csv(tmp_path))
    assert not folder.exists()


def test_a_damaged_catalogue_falls_back_to_the_example_and_says_so(tmp_path):
    folder = tmp_path / "donnees"
    install_catalogue(folder, write_json_catalogue(tmp_path))
    (folder / CATALOGUE_NAME).write_text('{"format": "passerelle.catalogue", ', encoding="utf-8")
    in_use = read_catalogue_in_use(folder)
    assert in_use.catalogue == read_catalogue(example_catalogue_file())
    assert not in_use.installed
    assert str(folder / CATALOGUE_NAME) in in_use.problem
    assert "JSON invalide" in in_use.problem
    assert "catalogue d'exemple" in in_use.problem
    assert load_catalogue_in_use(folder).example


def test_installing_over_a_damaged_catalogue_keeps_the_last_sound_one(tmp_path):
    folder = tmp_path / "donnees"
    install_catalogue(folder, write_json_catalogue(tmp_path))
    install_catalogue(folder, write_csv_catalogue(tmp_path))
    (folder / CATALOGUE_NAME).write_text("abîmé", encoding="utf-8")
    install_catalogue(folder, write_csv_catalogue(tmp_path))
    assert read_catalogue(folder / PREVIOUS_CATALOGUE_NAME).name == "Catalogue 2015"


def test_restore_the_previous_catalogue_and_back_again(tmp_path):
    folder = tmp_path / "donnees"
    install_catalogue(folder, write_json_catalogue(tmp_path))
    install_catalogue(folder, write_csv_catalogue(tmp_path))
    assert restore_previous_catalogue(folder).name == "Catalogue 2015"
    assert load_catalogue_in_use(folder).name == "Catalogue 2015"
    assert read_catalogue(folder / PREVIOUS_CATALOGUE_NAME).name == "catalogue-tableur"
    assert restore_previous_catalogue(folder).name == "catalogue-tableur"
    assert load_catalogue_in_use(folder).name == "catalogue-tableur"


def test_the_first_import_can_be_undone_back_to_the_example(tmp_path):
    folder = tmp_path / "donnees"
    install_catalogue(folder, write_json_catalogue(tmp_path))
    assert restore_previous_catalogue(folder).example
    assert load_catalogue_in_use(folder) == read_catalogue(example_catalogue_file())


def test_no_previous_catalogue_or_a_damaged_one_changes_nothing(tmp_path):
    folder = tmp_path / "donnees"
    folder.mkdir()
    with pytest.raises(StoreError, match="Aucun catalogue précédent"):
        restore_previous_catalogue(folder)
    install_catalogue(folder, write_json_catalogue(tmp_path))
    (folder / PREVIOUS_CATALOGUE_NAME).write_text("[]", encoding="utf-8")
    before = snapshot(folder)
    with pytest.raises(ExchangeError):
        restore_previous_catalogue(folder)
    assert snapshot(folder) == before


def next_step(folder, ref="c-cisp-catalogue"):
    query = "SELECT next_step, cisp_verdict FROM candidates WHERE ref = ?"
    return rows(folder / "passerelle.sqlite3", query, ref)[0]


def test_the_list_is_re_evaluated_with_each_catalogue_installed(tmp_path):
    folder = tmp_path / "donnees"
    store = open_store(folder, user="Claire Faucher")
    try:
        save_data(store, cisp_candidate())
        refresh_for_today(store)
        assert next_step(folder) == ("7 formations à suivre", "in_progress")
        # CF-TER-02 no longer capitalisable: pole 1 is complete with CF-TER-01. The line
        # is not stale by the calendar: only the catalogue changed.
        install_catalogue(folder, write_json_catalogue(tmp_path))
        assert refresh_for_today(store) == 1
        assert next_step(folder) == ("Session du pôle 1", "in_progress")
        assert refresh_for_today(store) == 0  # once is enough
        restore_previous_catalogue(folder)
        assert refresh_for_today(store) == 1
        assert next_step(folder) == ("7 formations à suivre", "in_progress")
    finally:
        store.close(automatic_backup=False)
