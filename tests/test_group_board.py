"""The group board, read from a real COORACE store filled by importing dossiers: each
member's VAE steps from their latest dossier, the CIP-VAE deadline and its warning at the
boundary day, the collective days attended against CIP-MOB, the financing line against
the rules' figures; a dossier imported later changes the board."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import select
from store_helpers import sample_data

from app.consolidation.attendance import record_attendance
from app.consolidation.board import LATE, SOON, group_board, summary_of
from app.consolidation.calendar import add_half_days
from app.consolidation.groups import record_group, remove_member
from app.consolidation.proposal import ProposedGroup, ReadyCandidate
from app.dates import add_months
from app.rules import load_rules
from app.store.catalogue_in_use import load_catalogue_in_use
from app.store.database import open_store
from app.store.group_models import GroupRow
from app.store.intake import import_paths
from app.store.models import CandidateRow
from app.store.workspace import CooraceSetup, save_coorace_setup

SIRET = "10000000000001"


def dossier(ref: str, last_name: str, **cip) -> dict:
    data = sample_data("cip-eligible")
    data["structure"].update(siret=SIRET, region="Centre-Val de Loire", name="Structure Indre")
    data["candidate"].update(ref=ref, last_name=last_name)
    data["cip"].update(cip)
    return data


def write(folder, name: str, data: dict):
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "coorace", user="Anne Roux")
    save_coorace_setup(
        opened, CooraceSetup("Service certification", "Anne Roux", "certif@coorace.invalid")
    )
    yield opened
    opened.close(automatic_backup=False)


def imported(store, folder):
    report = import_paths(store, [folder], load_rules(), load_catalogue_in_use(store.data_dir))
    assert {o.outcome for o in report.outcomes} <= {"created", "updated"}, report
    return report


def make_group(store) -> int:
    with store.transaction() as session:
        rows = session.scalars(select(CandidateRow).order_by(CandidateRow.ref)).all()
        members = tuple(ReadyCandidate(r.structure.siret, r.ref, r.structure.region) for r in rows)
        proposed = ProposedGroup("regional", ("Centre-Val de Loire",), len(rows), members, "essai")
        record_group(session, proposed, store.user, date(2015, 1, 5))
        return session.scalars(select(GroupRow)).one().id


def board(store, group_id, on):
    with store.transaction() as session:
        return {line.ref: line for line in group_board(session, group_id, on, load_rules())}


def test_the_steps_the_deadline_warning_at_its_boundary_and_the_financing(store, tmp_path):
    rules = load_rules()
    warning = rules.value("deadline_warning_days")
    decided = date(2015, 3, 31)
    deadline = add_months(decided, rules.value("vae_max_months"))
    assert deadline == date(2015, 6, 30)  # month-end clamping, as everywhere
    inbox = tmp_path / "recus"
    write(inbox, "a.json", dossier("a-1", "Avance", admissibility_filed_on="2015-03-02",
          admissibility_decision_on=decided.isoformat(),
          accompaniment_sessions=["2015-04-10", "2015-05-05"], jury_on="2015-06-12",
          vae_outcome="partial", vae_result_on="2015-06-12"))  # fmt: skip
    write(inbox, "b.json", dossier("b-2", "Attente", admissibility_filed_on="2015-03-02",
          admissibility_decision_on=decided.isoformat()))  # fmt: skip
    over = [{"source": "opca", "amount_eur": 1200, "hours": None},
            {"source": "cpf", "amount_eur": 300, "hours": 30}]  # fmt: skip
    write(inbox, "c.json", dossier("c-3", "Debut", cost_eur=1500, financing=over))
    imported(store, inbox)
    gid = make_group(store)

    on = deadline - timedelta(days=warning + 1)  # a day before the warning starts
    lines = board(store, gid, on)
    first, waiting, late_start = lines["a-1"], lines["b-2"], lines["c-3"]
    assert first.admissibility_text() == "déposée le 02/03/2015, décidée le 31/03/2015"
    assert first.accompaniment_text() == "2 séances, la dernière le 05/05/2015"
    assert first.jury_text() == "le 12/06/2015"
    assert first.result_text() == "validation partielle (certains CCP) le 12/06/2015"
    assert first.deadline_text(on) == "30/06/2015 — reste 31 jours"  # its result is later
    assert first.warning is None
    assert waiting.warning is None
    assert waiting.deadline_text(on) == f"30/06/2015 — reste {warning + 1} jours"
    assert late_start.admissibility_text() == "à déposer"
    assert late_start.deadline_text(on) == "après la recevabilité"

    on = deadline - timedelta(days=warning)  # the first day of the warning
    assert board(store, gid, on)["b-2"].warning == SOON
    at_deadline = board(store, gid, deadline)
    assert at_deadline["b-2"].warning == SOON  # the last day: still in time
    assert at_deadline["a-1"].deadline_text(deadline) == "30/06/2015 — respectée"
    assert at_deadline["a-1"].warning is None
    after = board(store, gid, deadline + timedelta(days=1))["b-2"]
    assert after.warning == LATE
    assert after.deadline_text(deadline + timedelta(days=1)) == "30/06/2015 — dépassée de 1 jour"

    good = first.financing_text()
    assert good == "OPCA 1080 € · coût 1380 € · CPF 20 h — conforme"
    bad = late_start.financing_text()
    assert bad.startswith("OPCA 1200 € · coût 1500 € · CPF 30 h") and "hors règle" in bad
    reason = late_start.financing_reason()
    assert "CIP-COST" in reason and "1380 €" in reason  # the rules' figures, named
    assert "1080 €" in reason and "24 h" in reason
    summary = summary_of(list(board(store, gid, on).values()))
    assert summary.text() == (
        "3 membres, 2 entrés en VAE ; 1 échéance VAE proche, 1 financement hors règle."
    )


def test_attendance_on_the_board_and_a_member_who_left(store, tmp_path):
    inbox = tmp_path / "recus"
    for k in range(3):
        write(inbox, f"{k}.json", dossier(f"m-{k}", f"Membre{k}"))
    imported(store, inbox)
    gid = make_group(store)
    with store.transaction() as session:
        group = session.get(GroupRow, gid)
        for day in (date(2015, 2, 2), date(2015, 3, 2), date(2015, 4, 1)):
            add_half_days(session, group, day, ("matin", "apres-midi"), store.user)
        cids = {m.candidate_id for m in group.members}
        cid = min(cids)
        for day in (date(2015, 2, 2), date(2015, 3, 2)):
            for half in ("matin", "apres-midi"):
                record_attendance(session, group, cid, day, half, "present", store.user)
        record_attendance(session, group, cid, date(2015, 4, 1), "matin", "excused", store.user)
        gone = max(cids)
        remove_member(session, group, gone, "Départ de la structure", store.user, date(2015, 3, 15))
    lines = list(board(store, gid, date(2015, 4, 2)).values())
    by_id = {line.candidate_id: line for line in lines}
    assert by_id[cid].attendance_text() == "2 j sur 3 j prévus — CIP-MOB respectée"
    assert by_id[gone].attendance_text() == "0 j sur 2 j prévus — CIP-MOB respectée"
    assert not by_id[gone].present and lines[-1].candidate_id == gone  # the ones gone last
    assert summary_of(lines).members == 2


def test_a_dossier_received_later_changes_the_board(store, tmp_path):
    first = tmp_path / "premier"
    write(first, "a.json", dossier("a-1", "Suivi"))
    imported(store, first)
    gid = make_group(store)
    assert board(store, gid, date(2015, 5, 1))["a-1"].admissibility_text() == "à déposer"
    later = tmp_path / "ensuite"
    data = dossier("a-1", "Suivi", admissibility_filed_on="2015-04-01",
                   admissibility_decision_on="2015-04-20")  # fmt: skip
    data["exported_at"] = "2015-04-21T10:00:00+02:00"
    write(later, "a.json", data)
    imported(store, later)
    line = board(store, gid, date(2015, 5, 1))["a-1"]
    assert line.admissibility_text() == "déposée le 01/04/2015, décidée le 20/04/2015"
    assert line.deadline_text(date(2015, 5, 1)) == "20/07/2015 — reste 80 jours"
