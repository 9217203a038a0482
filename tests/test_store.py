"""The store: where it lives, how it connects, one writer, history and audit, erasure."""

import json
import sqlite3
import stat

import pytest
from sqlalchemy import text
from store_helpers import filled_store, rows, sample, sample_data, save_data, table_names

from app.store.candidates import (
    delete_candidate,
    find_candidate,
)
from app.store.database import open_store
from app.store.errors import AmbiguousCandidate, CandidateNotFound, StoreBusy
from app.store.listing import Listing, ListQuery
from app.store.paths import DATA_DIR_VARIABLE, data_dir, default_data_dir
from app.store.transfer import access_report


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def test_data_dir_option_then_variable_then_os_folder(monkeypatch, tmp_path):
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path / "variable"))
    assert data_dir(tmp_path / "option") == tmp_path / "option"
    assert data_dir(None) == tmp_path / "variable"
    monkeypatch.delenv(DATA_DIR_VARIABLE)
    assert data_dir(None) == default_data_dir()
    assert default_data_dir().name == "Passerelle"


def test_every_connection_has_the_settings(tmp_path):
    store = open_store(tmp_path)
    try:
        for _ in range(2):
            with store.engine.connect() as connection:
                pragma = {
                    name: connection.execute(text(f"PRAGMA {name}")).scalar()
                    for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
                }
            assert pragma == {
                "journal_mode": "wal",
                "synchronous": 2,
                "foreign_keys": 1,
                "busy_timeout": 5000,
            }
            store.engine.dispose()
    finally:
        store.close()


def test_files_are_readable_by_the_user_only(tmp_path):
    store = filled_store(tmp_path / "donnees")
    try:
        assert mode(store.path) == 0o600
        assert mode(store.data_dir) == 0o700
        for extra in ("-wal", "-shm"):
            part = store.path.with_name(store.path.name + extra)
            if part.exists():
                assert mode(part) == 0o600
    finally:
        store.close()
    backups = list(store.backups_dir.iterdir())
    assert backups and all(mode(b) == 0o600 for b in backups)


def test_a_second_instance_is_refused_in_french_and_writes_nothing(tmp_path):
    first = open_store(tmp_path)
    try:
        with pytest.raises(StoreBusy, match="déjà ouverte"):
            open_store(tmp_path)
    finally:
        first.close()
    open_store(tmp_path).close()  # the lock went with the first instance


def test_milestones_and_audit_are_append_only(tmp_path):
    store = filled_store(tmp_path)
    try:
        with store.engine.begin() as connection:
            assert connection.execute(text("SELECT count(*) FROM milestones")).scalar() > 0
        for statement in (
            "UPDATE milestones SET occurred_on = '2000-01-01'",
            "DELETE FROM milestones",
            "UPDATE audit_log SET user = 'x'",
            "DELETE FROM audit_log",
        ):
            with pytest.raises(Exception, match="ne se réécrit pas"), store.engine.begin() as c:
                c.execute(text(statement))
    finally:
        store.close()


def test_a_changed_date_adds_a_milestone_and_keeps_the_old_one(tmp_path):
    store = filled_store(tmp_path)
    document = sample_data("cisp-en-cours")
    document["cisp"]["commission"]["date"] = "2014-11-27"
    save_data(store, document)
    store.close()
    commissions = rows(store.path, "SELECT occurred_on FROM milestones WHERE kind = 'commission'")
    assert sorted(commissions) == [("2014-11-20",), ("2014-11-27",)]


def test_audit_records_who_what_and_masks_sensitive_text(tmp_path):
    store = filled_store(tmp_path, user="Claire Faucher")
    document = sample_data("cip-eligible")
    document["candidate"]["job_title"] = "Conseillère en insertion"
    document["candidate"]["email"] = "eloise.secret@example.org"
    document["cip"]["gap_analysis"][0]["note"] = "Note confidentielle sur la santé"
    save_data(store, document)
    store.close()
    ((user, entity, action, changes),) = rows(
        store.path, "SELECT user, entity, action, changes FROM audit_log WHERE action = 'update'"
    )
    assert (user, entity, action) == ("Claire Faucher", "candidate", "update")
    changes = json.loads(changes)
    assert changes["candidate.job_title"] == [
        "Accompagnatrice socioprofessionnelle",
        "Conseillère en insertion",
    ]
    assert changes["candidate.email"] == {"modifié": True}
    assert changes["cip.gap_analysis[0].note"] == {"modifié": True}
    whole = json.dumps(rows(store.path, "SELECT * FROM audit_log"), ensure_ascii=False)
    assert "secret" not in whole and "confidentielle" not in whole


def test_delete_leaves_no_row_behind_in_any_table(tmp_path):
    store = filled_store(tmp_path)
    with store.transaction() as session:
        row = find_candidate(session, "c-2014-031")
        candidate_id = row.id
    with store.transaction() as session:
        delete_candidate(session, find_candidate(session, "c-2014-031"), store.user)
    store.close(automatic_backup=False)
    traces = ("Lefèvre", "c-2014-031", "ATT-2013-0098", "s.lefevre")
    for table in table_names(store.path):
        columns = [c[1] for c in rows(store.path, f"PRAGMA table_info({table})")]
        content = rows(store.path, f"SELECT * FROM {table}")
        dumped = json.dumps(content, ensure_ascii=False, default=str)
        assert not any(trace in dumped for trace in traces), table
        if "candidate_id" in columns:
            assert rows(
                store.path, f"SELECT count(*) FROM {table} WHERE candidate_id = ?", candidate_id
            ) == [(0,)], table
    assert rows(store.path, "SELECT count(*) FROM candidates") == [(2,)]
    assert rows(store.path, "SELECT action FROM audit_log WHERE action = 'erase'") == [("erase",)]


def test_access_report_holds_everything_about_the_candidate(tmp_path):
    store = filled_store(tmp_path)
    try:
        report = access_report(store, "c-2014-031")
    finally:
        store.close()
    assert report["dossier"] == sample_data("cisp-en-cours")
    assert {m["kind"] for m in report["milestones"]} >= {"registration", "commission", "course"}
    assert report["audit"][0]["action"] == "create"
    labels = {m["kind"]: m["label"] for m in report["milestones"]}
    assert labels["commission"] == "Commission paritaire COORACE-AROBASE"


def test_milestone_kinds_are_the_known_ones():
    from app.store.history import MILESTONE_KINDS, dated_facts

    for name in ("cip-eligible", "cisp-en-cours"):
        for path, kind, _, _ in dated_facts(sample(name)):
            assert kind in MILESTONE_KINDS[path]


def test_find_by_reference_and_siret(tmp_path):
    store = filled_store(tmp_path)
    other = sample_data("cisp-en-cours")
    other["structure"]["siret"] = "43817206500015"
    other["structure"]["name"] = "Association Le Relais de l'Indre (fictive)"
    save_data(store, other)
    try:
        with store.transaction() as session:
            with pytest.raises(AmbiguousCandidate) as ambiguous:
                find_candidate(session, "c-2014-031")
            assert "--siret" in ambiguous.value.for_terminal()
            assert "--siret" not in str(ambiguous.value)  # the window's words
            assert find_candidate(session, "c-2014-031", "53062817400027").last_name == "Lefèvre"
            with pytest.raises(CandidateNotFound, match="c-9"):
                find_candidate(session, "c-9")
    finally:
        store.close()


def test_page_sorted_by_name_filtered_without_accents(tmp_path):
    store = filled_store(tmp_path)
    listing = Listing.open(store.path)
    try:

        def names(**query):
            return [c.last_name for c in listing.page(ListQuery(**query))]

        assert names() == ["Benali", "Lefèvre", "Martinez"]
        assert [c.first_name for c in listing.page(ListQuery("ELOISE"))] == ["Éloïse"]
        assert names(text="lefevre") == ["Lefèvre"]
        assert names(text="accompagnat") == ["Benali", "Martinez"]
        assert names(text="%") == []
        assert names(order="name", descending=True) == ["Martinez", "Lefèvre", "Benali"]
        assert [c.ref for c in listing.page(ListQuery(), limit=1, offset=1)] == ["c-2014-031"]
        assert names(region="Nouvelle-Aquitaine") == ["Lefèvre"]
        assert listing.total(ListQuery(region="Centre-Val de Loire")) == 2
        assert listing.total(ListQuery(text="accompagnat")) == 2
        assert listing.regions() == ["Centre-Val de Loire", "Nouvelle-Aquitaine"]
        assert listing.is_set_up() is False  # no first-start wizard in this folder
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            listing._connection.execute("DELETE FROM candidates")
    finally:
        listing.close()
        store.close()


def test_a_failed_save_changes_nothing(tmp_path):
    store = filled_store(tmp_path)
    before = rows(store.path, "SELECT count(*) FROM candidates")
    dossier = sample("cip-eligible")
    with pytest.raises(RuntimeError), store.transaction() as session:
        from app.store.candidates import save_dossier

        save_dossier(
            session,
            dossier.__class__(
                structure=dossier.structure,
                candidate=dossier.candidate.__class__(ref="nouveau", last_name="N", first_name="P"),
            ),
            store.user,
        )
        raise RuntimeError("coupure au milieu de l'enregistrement")
    store.close(automatic_backup=False)
    assert rows(store.path, "SELECT count(*) FROM candidates") == before
    assert rows(store.path, "PRAGMA integrity_check") == [("ok",)]
