"""COORACE's consolidation, through the real services and the real command line on real
files: an import of many dossiers file by file (outcomes, versions, structures' details),
the groups proposed and recorded, the list for AFPA opened back, the answers to the
structures and their import by one of them."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from store_helpers import rows, sample_data

from app.exchange.catalogue import example_catalogue_file, read_catalogue
from app.exchange.dossier import dossier_from_data
from app.exchange.group_answer import read_answer
from app.rules import load_rules
from app.store.database import open_store
from app.store.history import dated_facts
from app.store.intake import apply_intake, plan_intake
from app.store.received import find_files, read_received
from app.store.workspace import CooraceSetup, is_coorace, save_coorace_setup

ROOT = Path(__file__).resolve().parent.parent
ON = "2015-06-01"


def passerelle(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "passerelle", "--data-dir", str(folder), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def dossier(index: int, region: str, siret: str, exported_at: str | None = None) -> dict:
    data = sample_data("cip-eligible")
    data["structure"].update(siret=siret, region=region, name=f"Structure {siret[-3:]}")
    data["candidate"].update(ref=f"c-{index:04d}", last_name=f"Nom{index}")
    if exported_at:
        data["exported_at"] = exported_at
    return data


def write(folder: Path, name: str, data: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


REGIONS = {"Bretagne": 4, "Pays de la Loire": 3, "Centre-Val de Loire": 8, "Corse": 2}


def received_folder(root: Path) -> Path:
    """17 dossiers from 8 structures in 4 regions, in sub-folders; one bad file."""
    inbox = root / "recus"
    index = 0
    for number, (region, count) in enumerate(REGIONS.items()):
        for k in range(count):
            siret = f"{10000000000000 + 10 * number + k % 2}"
            data = dossier(index, region, siret, "2015-01-15T10:42:00+01:00")
            write(inbox / region, f"{index}.json", data)
            index += 1
    (inbox / "abime.json").write_text('{"format": "passerelle.dossier"', encoding="utf-8")
    (inbox / "notes.txt").write_text("pas un dossier", encoding="utf-8")
    return inbox


@pytest.fixture
def coorace(tmp_path):
    store = open_store(tmp_path / "coorace", user="Service certification")
    save_coorace_setup(
        store, CooraceSetup("Service certification", "Anne Roux", "certification@coorace.invalid")
    )
    store.close(automatic_backup=False)
    return tmp_path / "coorace"


def test_the_coorace_workspace_is_a_setting(coorace):
    store = open_store(coorace)
    try:
        assert is_coorace(store)
    finally:
        store.close(automatic_backup=False)


def test_a_folder_is_imported_file_by_file_and_reported(coorace, tmp_path):
    inbox = received_folder(tmp_path)
    report = tmp_path / "rapport.csv"
    done = passerelle(coorace, "import", str(inbox), "--report", str(report))
    assert done.returncode == 2  # one bad file: said, the 17 others imported
    assert "Refusé : abime.json" in done.stderr
    assert "18 fichiers : 17 créés" in done.stdout
    assert rows(coorace / "passerelle.sqlite3", "SELECT count(*) FROM candidates") == [(17,)]
    assert rows(coorace / "passerelle.sqlite3", "SELECT count(*) FROM structures") == [(8,)]
    text = report.read_bytes()
    assert text.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    lines = list(csv.reader(text.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert lines[0] == ["Fichier", "Résultat", "SIRET", "Référence", "Candidat", "Détail"]
    assert sorted(line[1] for line in lines[1:]).count("créé") == 17
    assert [line[1] for line in lines[1:] if line[0].endswith("abime.json")] == ["refusé"]
    again = passerelle(coorace, "import", str(inbox / "Bretagne"))
    assert again.returncode == 0, again.stderr
    assert "4 fichiers : 0 créé, 0 mis à jour, 4 sans changement" in again.stdout
    assert again.stdout.count("déjà reçu, à l'identique") == 4  # known: not read again
    touched = json.loads((inbox / "Bretagne" / "0.json").read_text(encoding="utf-8"))
    (inbox / "Bretagne" / "0.json").write_text(json.dumps(touched, indent=1), encoding="utf-8")
    reread = passerelle(coorace, "import", str(inbox / "Bretagne"))
    assert reread.stdout.count("déjà reçu, à l'identique") == 3  # another text: read again
    assert "4 sans changement" in reread.stdout


def test_the_latest_export_wins_and_an_older_one_is_ignored(coorace, tmp_path):
    first = dossier(1, "Bretagne", "10000000000001", "2015-01-15T10:42:00+01:00")
    later = dossier(1, "Bretagne", "10000000000001", "2015-02-01T09:00:00+01:00")
    later["candidate"]["job_title"] = "Conseillère en insertion"
    undated = dossier(1, "Bretagne", "10000000000001")
    undated["candidate"]["job_title"] = "Ancien intitulé"
    path = write(tmp_path / "a", "premier.json", first)
    assert passerelle(coorace, "import", str(path)).returncode == 0
    done = passerelle(coorace, "import", str(write(tmp_path / "b", "second.json", later)))
    assert done.returncode == 0, done.stderr  # COORACE's workspace: nothing asked
    assert "Mis à jour : " in done.stdout and "Identité, poste" in done.stdout
    older = passerelle(coorace, "import", str(path), str(write(tmp_path / "c", "x.json", undated)))
    assert older.returncode == 0, older.stderr
    assert older.stdout.count("Plus ancien, ignoré") == 2
    assert rows(coorace / "passerelle.sqlite3", "SELECT job_title FROM candidates") == [
        ("Conseillère en insertion",)
    ]


def test_same_instant_different_content_refuses_both_naming_them(coorace, tmp_path):
    one = dossier(1, "Bretagne", "10000000000001", "2015-01-15T10:42:00+01:00")
    two = dossier(1, "Bretagne", "10000000000001", "2015-01-15T10:42:00+01:00")
    two["candidate"]["job_title"] = "Autre"
    done = passerelle(
        coorace,
        "import",
        str(write(tmp_path, "un.json", one)),
        str(write(tmp_path, "deux.json", two)),
    )
    assert done.returncode == 2
    assert "Refusé : " in done.stderr and "un.json" in done.stderr and "deux.json" in done.stderr
    assert rows(coorace / "passerelle.sqlite3", "SELECT count(*) FROM candidates") == [(0,)]


def test_a_structures_details_come_from_its_latest_dossier(coorace, tmp_path):
    late = dossier(1, "Bretagne", "10000000000001", "2015-03-01T09:00:00+01:00")
    late["structure"]["name"] = "Nouveau nom"
    early = dossier(2, "Bretagne", "10000000000001", "2015-01-01T09:00:00+01:00")
    early["structure"]["name"] = "Ancien nom"
    done = passerelle(
        coorace,
        "import",
        str(write(tmp_path, "tard.json", late)),
        str(write(tmp_path, "tot.json", early)),
    )
    assert done.returncode == 0, done.stderr
    assert rows(coorace / "passerelle.sqlite3", "SELECT name FROM structures") == [("Nouveau nom",)]
    older = early | {"exported_at": "2015-02-01T09:00:00+01:00"}
    older["candidate"] = early["candidate"] | {"ref": "c-0003"}
    passerelle(coorace, "import", str(write(tmp_path, "moyen.json", older)))
    assert rows(coorace / "passerelle.sqlite3", "SELECT name FROM structures") == [("Nouveau nom",)]


def test_cancelling_writes_nothing(coorace, tmp_path):
    inbox = received_folder(tmp_path)
    store = open_store(coorace)
    try:
        files, _missing = find_files([inbox])
        received = list(read_received(files))
        plan = plan_intake(store, received, coorace=True)
        rules, catalogue = load_rules(), read_catalogue(example_catalogue_file())
        from app.store.received import ImportCancelled

        with pytest.raises(ImportCancelled):
            apply_intake(store, plan, lambda _o: True, rules, catalogue, progress=lambda *_: False)
        with store.transaction() as session:
            from app.store.models import CandidateRow

            assert session.query(CandidateRow).count() == 0
    finally:
        store.close(automatic_backup=False)


def test_imported_candidates_keep_history_audit_and_list_line(coorace, tmp_path):
    inbox = received_folder(tmp_path)
    cisp = sample_data("cisp-en-cours")
    write(inbox, "cisp.json", cisp)
    passerelle(coorace, "import", str(inbox))
    database = coorace / "passerelle.sqlite3"
    assert rows(database, "SELECT count(*) FROM audit_log WHERE action = 'create' "
                "AND entity = 'candidate'") == [(18,)]  # fmt: skip
    facts = set(dated_facts(dossier_from_data(cisp)))
    assert facts  # registration, commission, courses…
    held = rows(
        database,
        "SELECT m.path, m.kind, m.occurred_on, m.detail FROM milestones m "
        "JOIN candidates c ON c.id = m.candidate_id WHERE c.ref = ?",
        cisp["candidate"]["ref"],
    )
    assert {(p, k, date.fromisoformat(d), x) for p, k, d, x in held} == facts
    assert len(held) == len(facts)
    assert rows(database, "SELECT count(*) FROM candidates WHERE summary_on IS NULL") == [(0,)]
    exported = tmp_path / "retour.json"
    done = passerelle(coorace, "export", "--candidate", "c-0000", "--json", str(exported))
    assert done.returncode == 0, done.stderr
    back = json.loads(exported.read_text(encoding="utf-8"))
    expected = json.loads((inbox / "Bretagne" / "0.json").read_text(encoding="utf-8"))
    back.pop("exported_at"), expected.pop("exported_at")
    assert back == expected


def test_groups_propose_record_export_and_answer(coorace, tmp_path):
    passerelle(coorace, "import", str(received_folder(tmp_path)))
    done = passerelle(coorace, "groups", "propose", "--on", ON, "--json")
    assert done.returncode == 0, done.stderr
    proposal = json.loads(done.stdout)
    assert proposal["evaluated_on"] == ON and proposal["min_group_size"] == 7
    assert {r["region"]: r["candidates"] for r in proposal["ready"]} == REGIONS
    kinds = [(g["kind"], g["regions"], g["candidates"]) for g in proposal["groups"]]
    assert kinds == [
        ("regional", ["Centre-Val de Loire"], 8),
        ("national", ["Bretagne", "Corse", "Pays de la Loire"], 9),
    ]
    assert proposal["waiting"] == []
    assert all(set(m) == {"siret", "ref"} for g in proposal["groups"] for m in g["members"])
    done = passerelle(coorace, "groups", "create", "1", "--on", ON, "--afpa", "AFPA Tours")
    assert done.returncode == 0, done.stderr
    again = json.loads(passerelle(coorace, "groups", "propose", "--on", ON, "--json").stdout)
    assert [g["kind"] for g in again["groups"]] == ["national"]  # members are no longer ready
    assert passerelle(coorace, "groups", "status", "1", "en-cours").returncode == 2  # a jump
    assert passerelle(coorace, "groups", "status", "1", "constitué").returncode == 0
    xlsx = tmp_path / "afpa.xlsx"
    done = passerelle(coorace, "groups", "export", "1", "--xlsx", str(xlsx), "--on", ON)
    assert done.returncode == 0, done.stderr
    sheet = openpyxl.load_workbook(xlsx).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "Structure" and values[0][7] == "Jours d'expérience (CIP-EXP)"
    members = values[1:]
    assert len(members) == 8 and {m[2] for m in members} == {"Centre-Val de Loire"}
    assert all(len(m[1]) == 14 and m[1].isdigit() for m in members)  # the SIRET, as text
    assert all(isinstance(m[7], int) and m[7] > 3 * 365 for m in members)
    assert all(m[8] is not None for m in members)  # the agreement's date, as a date
    answers = tmp_path / "reponses"
    done = passerelle(coorace, "groups", "answer", "1", "--out", str(answers))
    assert done.returncode == 0, done.stderr
    files = sorted(answers.glob("*.json"))
    assert len(files) == 2 and len(list(answers.glob("*.eml"))) == 2
    for file in files:
        answer = read_answer(file)
        siret = answer.siret
        # only that structure's people travel in its answer
        held = rows(
            coorace / "passerelle.sqlite3",
            "SELECT c.ref FROM candidates c JOIN structures s ON s.id = c.structure_id "
            "WHERE s.siret = ?",
            siret,
        )
        assert {m.ref for m in answer.members} <= {ref for (ref,) in held}
        assert answer.group.candidates == 8
        text = file.read_text(encoding="utf-8")
        others = rows(
            coorace / "passerelle.sqlite3",
            "SELECT c.last_name FROM candidates c JOIN structures s ON s.id = c.structure_id "
            "WHERE s.siret != ?",
            siret,
        )
        assert not any(f'"{name}"' in text for (name,) in others)


def test_a_structure_imports_its_answer_and_sees_its_group(coorace, tmp_path):
    inbox = received_folder(tmp_path)
    passerelle(coorace, "import", str(inbox))
    passerelle(coorace, "groups", "create", "1", "--on", ON)
    answers = tmp_path / "reponses"
    passerelle(coorace, "groups", "answer", "1", "--out", str(answers))
    answer_file = sorted(answers.glob("*.json"))[0]
    siret = read_answer(answer_file).siret
    own = sorted((inbox / "Centre-Val de Loire").glob("*.json"))
    mine = [p for p in own if json.loads(p.read_text("utf-8"))["structure"]["siret"] == siret]
    structure = tmp_path / "structure"
    assert passerelle(structure, "import", *map(str, mine)).returncode == 0
    store = open_store(structure)
    try:
        from app.exchange.dossier import read_dossier
        from app.store.structure import Setup, save_setup

        first = read_dossier(mine[0])
        save_setup(store, Setup(first.structure, "certification@coorace.invalid", "Claire"))
    finally:
        store.close(automatic_backup=False)
    done = passerelle(structure, "import", str(answer_file))
    assert done.returncode == 0, done.stderr
    assert "Créé : " in done.stdout and "groupe « Groupe régional" in done.stdout
    database = structure / "passerelle.sqlite3"
    assert rows(database, "SELECT kind, status FROM groups") == [("regional", "proposed")]
    assert rows(database, "SELECT count(*) FROM group_members") == [(len(mine),)]
    assert rows(database, "SELECT count(*) FROM milestones WHERE kind = 'group_joined'") == [
        (len(mine),)
    ]
    again = passerelle(structure, "import", str(answer_file))
    assert "Sans changement" in again.stdout
    other = sorted(answers.glob("*.json"))[1]
    refused = passerelle(structure, "import", str(other))
    assert refused.returncode == 2 and "pas à votre structure" in refused.stderr


def test_the_group_answer_schema_is_generated_and_valid(tmp_path, coorace):
    import jsonschema

    schema = json.loads((ROOT / "resources/schema/group-v1.schema.json").read_text("utf-8"))
    passerelle(coorace, "import", str(received_folder(tmp_path)))
    passerelle(coorace, "groups", "create", "1", "--on", ON)
    passerelle(coorace, "groups", "answer", "1", "--out", str(tmp_path / "r"))
    for file in (tmp_path / "r").glob("*.json"):
        jsonschema.validate(json.loads(file.read_text("utf-8")), schema)
    assert date.fromisoformat(ON)


def test_group_members_leave_with_their_reason_in_history_and_audit(coorace, tmp_path):
    passerelle(coorace, "import", str(received_folder(tmp_path)))
    assert passerelle(coorace, "groups", "create", "1", "--on", ON).returncode == 0
    assert passerelle(coorace, "groups", "create", "1", "--on", ON).returncode == 0
    moved = passerelle(
        coorace, "groups", "move", "1", "--to", "2", "--candidate", "c-0008",
        "--reason", "Rapprochement du domicile", "--on", "2015-06-12",
    )  # fmt: skip
    assert moved.returncode == 0, moved.stderr
    database = coorace / "passerelle.sqlite3"
    audit = rows(database, "SELECT entity_id, changes FROM audit_log WHERE entity = 'group' "
                 "AND action = 'update'")  # fmt: skip
    assert any("Rapprochement du domicile" in changes for _g, changes in audit)
    assert any(group == 2 and "venu du groupe" in changes for group, changes in audit)
    history = rows(
        database,
        "SELECT kind, detail FROM milestones m JOIN candidates c ON c.id = m.candidate_id "
        "WHERE c.ref = 'c-0008' AND kind LIKE 'group%' ORDER BY m.id",
    )
    assert ("group_left", f"{history[0][1]} — motif : Rapprochement du domicile") in history
    regions = json.loads(rows(database, "SELECT regions FROM groups WHERE id = 2")[0][0])
    assert "Centre-Val de Loire" in regions  # the national group now reaches it
    early = passerelle(coorace, "groups", "remove", "2", "--candidate", "c-0008",
                       "--reason", "Erreur", "--on", "2015-06-01")  # fmt: skip
    assert early.returncode == 2 and "ne peut pas l'avoir quitté" in early.stderr


def test_a_groups_dates_stay_in_order(coorace, tmp_path):
    passerelle(coorace, "import", str(received_folder(tmp_path)))
    passerelle(coorace, "groups", "create", "1", "--on", ON, "--name", "   ")
    database = coorace / "passerelle.sqlite3"
    assert rows(database, "SELECT name FROM groups")[0][0].startswith("Groupe régional")
    for status, on in (("constitué", ON), ("en-cours", "2015-06-02")):
        assert passerelle(coorace, "groups", "status", "1", status, "--on", on).returncode == 0
    before = passerelle(coorace, "groups", "status", "1", "terminé", "--on", "2015-05-01")
    assert before.returncode == 2 and "ne peut pas finir" in before.stderr
    back = passerelle(coorace, "groups", "status", "1", "constitué")
    assert back.returncode == 0
    assert rows(database, "SELECT starts_on FROM groups") == [(None,)]
    bad = passerelle(coorace, "groups", "create", "1", "--on", ON, "--name", "a\nb")
    assert bad.returncode == 2 and "saut de ligne" in bad.stderr


def test_groups_need_data_and_never_make_a_folder(tmp_path):
    done = passerelle(tmp_path / "rien", "groups", "propose")
    assert done.returncode == 3 and "Aucune donnée" in done.stderr
    assert not (tmp_path / "rien").exists()


def test_a_report_that_cannot_be_written_stops_the_import_first(coorace, tmp_path):
    inbox = received_folder(tmp_path)
    done = passerelle(coorace, "import", str(inbox), "--report", str(tmp_path / "non" / "r.csv"))
    assert done.returncode == 2 and "n'existe pas" in done.stderr
    assert rows(coorace / "passerelle.sqlite3", "SELECT count(*) FROM candidates") == [(0,)]
