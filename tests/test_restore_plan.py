"""What a restore undoes, said before it is done (app/store/restore_plan.py), on real data
folders: created, changed, erased, returning and identical candidates, by name; the
backup never modified; an erasure applied again only to the records it erased, so that
going back with the copy of the data from before brings back a candidate imported again
after her erasure."""

import hashlib
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from store_helpers import filled_store, rows, sample, sample_data, save_data

from app.store.backups import backup_now, restore
from app.store.candidates import delete_candidate, find_candidate, save_dossier
from app.store.keys import SETTING_BACKUPS_KEPT, SETTING_USER
from app.store.restore_plan import plan_restore

MARTINEZ = "Éloïse Martinez (réf. c-2014-017)"
BENALI = "Karim Benali (réf. c-2014-023)"
LEFEVRE = "Sophie Lefèvre (réf. c-2014-031)"
FIXTURES = Path(__file__).parent / "fixtures" / "db"


@pytest.fixture
def store(tmp_path):
    store = filled_store(tmp_path / "donnees")
    yield store
    if store._lock.is_locked:
        store.close(automatic_backup=False)


def erase(store, ref: str, now: datetime | None = None) -> None:
    with store.transaction() as session:
        delete_candidate(session, find_candidate(session, ref), store.user, now)


def refs(path: Path) -> set[str]:
    return {ref for (ref,) in rows(path, "SELECT ref FROM candidates")}


def plan_of(store, source: Path):
    return plan_restore(source, store.path, store.backups_dir)


def at(moment: datetime) -> str:
    return f"le {moment:%d/%m/%Y à %H:%M}"


def test_the_issue_backup_delete_import_again_restore_then_go_back(store, tmp_path):
    copy = backup_now(store, tmp_path / "copie.sqlite3")
    erased_on = datetime.now()
    erase(store, "c-2014-017", erased_on)
    with store.transaction() as session:
        save_dossier(session, sample("cip-eligible"), store.user)  # imported again
        created_on = find_candidate(session, "c-2014-017").created_at
    plan = plan_of(store, copy)
    assert [undone.name for undone in plan.created] == [MARTINEZ]
    assert [undone.name for undone in plan.erased] == [MARTINEZ]
    assert plan.changed == [] and plan.returning == [] and plan.unchanged == 2
    lines = plan.lines()
    assert "1 candidat créé depuis la sauvegarde, qui disparaîtra :" in lines
    assert (
        f"  - {MARTINEZ} : fiche créée {at(created_on)}, après son effacement du "
        f"{erased_on:%d/%m/%Y à %H:%M} ; la fiche de la sauvegarde reste effacée"
    ) in lines
    assert f"  - {MARTINEZ} : fiche effacée {at(erased_on)}, reste effacée" in lines
    assert any(line.startswith("1 candidat effacé depuis la sauvegarde") for line in lines)
    assert "2 candidats identiques dans la sauvegarde et les données actuelles." in lines
    summary = "\n".join(plan.summary())
    assert f"• 1 candidat créé depuis la sauvegarde, qui disparaîtra : {MARTINEZ}" in summary

    safety = restore(store, copy)
    assert refs(store.path) == {"c-2014-023", "c-2014-031"}  # as the plan said
    back = plan_of(store, safety)
    assert [undone.name for undone in back.returning] == [MARTINEZ]
    assert back.created == [] and back.erased == []
    restore(store, safety)  # going back: she was imported after her erasure, she returns
    assert refs(store.path) == {"c-2014-017", "c-2014-023", "c-2014-031"}
    assert rows(store.path, "SELECT count(*) FROM erasures") == [(1,)]


def test_changed_candidates_are_named_with_what_changed(store, tmp_path):
    copy = backup_now(store, tmp_path / "copie.sqlite3")
    then = plan_of(store, copy)
    assert not then.undoes_anything and then.unchanged == 3
    changed = sample_data("cisp-en-cours")
    changed["candidate"]["job_title"] = "Conseillère en insertion"
    changed["courses"] = changed["courses"][:1]
    save_data(store, changed)
    plan = plan_of(store, copy)
    ((undone,),) = [plan.changed]
    assert undone.name == LEFEVRE and undone.parts == ("identité", "formations")
    line = next(line for line in plan.lines() if line.startswith(f"  - {LEFEVRE}"))
    assert line.startswith(f"  - {LEFEVRE} : fiche modifiée {at(undone.on)} (identité, formations")
    assert line.endswith(f" ; dans la sauvegarde, modifiée {at(undone.then)}")
    assert plan.unchanged == 2


def test_created_erased_and_returning_are_grouped_and_sorted_by_name(store, tmp_path):
    erase(store, "c-2014-023")
    copy = backup_now(store, tmp_path / "copie.sqlite3")  # without Benali
    erase(store, "c-2014-017")
    erase(store, "c-2014-031")
    new = sample_data("cip-eligible")
    new["candidate"].update(ref="c-2015-001", first_name="Agathe", last_name="Zola")
    save_data(store, new)
    save_data(store, sample_data("cip-experience-insuffisante"))  # Benali, entered anew
    plan = plan_of(store, copy)
    assert [u.name for u in plan.created] == [BENALI, "Agathe Zola (réf. c-2015-001)"]
    assert [u.name for u in plan.erased] == [LEFEVRE, MARTINEZ]  # by last name
    assert plan.unchanged == 0 and plan.undoes_anything
    # Benali was erased before the backup and is not in it: he simply disappears
    assert plan.created[0].erased_on is None


def test_a_candidate_absent_now_but_never_erased_comes_back(store, tmp_path):
    from app.store.candidates import change_reference

    copy = backup_now(store, tmp_path / "copie.sqlite3")
    with store.transaction() as session:
        change_reference(session, find_candidate(session, "c-2014-023").id, "c-2014-099", "moi")
    plan = plan_of(store, copy)
    assert [u.name for u in plan.returning] == [BENALI]
    assert [u.name for u in plan.created] == ["Karim Benali (réf. c-2014-099)"]
    assert any(line.startswith("1 candidat absent des données actuelles") for line in plan.lines())


def test_settings_and_the_structure_going_back_are_named(store, tmp_path):
    copy = backup_now(store, tmp_path / "copie.sqlite3")
    store.set_setting(SETTING_USER, "Jeanne Roux")
    store.set_setting(SETTING_BACKUPS_KEPT, "4")
    changed = sample_data("cip-eligible")
    changed["structure"]["phone"] = "02 99 99 99 99"
    save_data(store, changed)  # the structure's telephone only
    plan = plan_of(store, copy)
    assert plan.changed == []
    assert plan.settings == [
        f"Structure « {changed['structure']['name']} » (SIRET "
        f"{changed['structure']['siret']}) : téléphone",
        "Nom de l'utilisateur local (local_user) : « Claire Faucher » "
        "(aujourd'hui « Jeanne Roux »)",
        "Nombre de sauvegardes automatiques gardées (backups_kept) : ne sera plus réglé "
        "(aujourd'hui « 4 »)",
    ]
    assert "Paramètres qui reviendront à leur valeur de la sauvegarde :" in plan.lines()


def test_nothing_to_undo_is_said(store, tmp_path):
    copy = backup_now(store, tmp_path / "copie.sqlite3")
    plan = plan_of(store, copy)
    expected = (
        "Rien ne sera défait : 3 candidats de la sauvegarde sont identiques aux données actuelles."
    )
    assert plan.summary() == [expected]
    assert plan.lines()[1] == expected


def test_the_backup_is_only_read_even_an_older_one(store, tmp_path):
    for source in (backup_now(store, tmp_path / "copie.sqlite3"), FIXTURES / "0001.sqlite3"):
        kept = tmp_path / f"gardee-{source.name}"
        shutil.copyfile(source, kept)
        before = (hashlib.sha256(kept.read_bytes()).hexdigest(), kept.stat().st_mtime_ns)
        plan = plan_of(store, kept)
        assert (hashlib.sha256(kept.read_bytes()).hexdigest(), kept.stat().st_mtime_ns) == before
        named = {u.name for u in plan.changed} | {u.name for u in plan.created}
        assert plan.unchanged + len(named) == 3


def test_an_erasure_reaches_only_the_records_it_erased(store, tmp_path):
    """A candidate erased, then imported again: the backup's old record is erased again
    by a restore, the new one is not; erased once more, the erasure keeps its later date."""
    first = datetime.now()
    before = backup_now(store, tmp_path / "avant.sqlite3")
    erase(store, "c-2014-017", first)
    save_data(store, sample_data("cip-eligible"))
    again = backup_now(store, tmp_path / "reimportee.sqlite3")
    later = first + timedelta(seconds=5)
    erase(store, "c-2014-017", later)
    assert rows(store.path, "SELECT count(*) FROM erasures") == [(1,)]
    (stamp,) = rows(store.path, "SELECT erased_at FROM erasures")[0]
    assert datetime.fromisoformat(stamp) == later
    # the record imported again was erased later: restoring its backup erases it again
    assert [u.name for u in plan_of(store, again).erased] == [MARTINEZ]
    restore(store, again)
    assert "c-2014-017" not in refs(store.path)
    restore(store, before)
    assert "c-2014-017" not in refs(store.path)
