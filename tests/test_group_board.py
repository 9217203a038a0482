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
    assert good == "conforme — OPCA 1080 €, coût 1380 €, CPF 20 h"
    bad = late_start.financing_text()
    assert bad == "hors règle — OPCA 1200 €, coût 1500 €, CPF 30 h"
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


def test_cip_mob_counts_a_members_days_in_every_group_they_were_in(store, tmp_path):
    """Moved from one group to another, a member's days are counted together: 3 days
    here and 3 days there are 6, one too many — said on both boards."""
    from app.consolidation.groups import move_member

    inbox = tmp_path / "recus"
    for k in range(4):
        write(inbox, f"{k}.json", dossier(f"m-{k}", f"Membre{k}",
                                          admissibility_decision_on="2015-01-20"))  # fmt: skip
    imported(store, inbox)
    with store.transaction() as session:
        rows = session.scalars(select(CandidateRow).order_by(CandidateRow.ref)).all()
        made = []
        for part in (rows[:2], rows[2:]):
            members = tuple(
                ReadyCandidate(r.structure.siret, r.ref, r.structure.region) for r in part
            )
            proposed = ProposedGroup("regional", ("Centre-Val de Loire",), 2, members, "essai")
            made.append(record_group(session, proposed, store.user, date(2015, 1, 5)))
        first, second = (session.get(GroupRow, g.id) for g in made)
        for day in (date(2015, 2, 2), date(2015, 2, 9), date(2015, 2, 16)):
            add_half_days(session, first, day, ("matin", "apres-midi"), store.user)
        for day in (date(2015, 3, 2), date(2015, 3, 9), date(2015, 3, 16)):
            add_half_days(session, second, day, ("matin", "apres-midi"), store.user)
        moved, second_name = rows[0].id, second.name
        move_member(session, first, second, moved, "Changement de planning", store.user,
                    date(2015, 2, 20))  # fmt: skip
        ids = first.id, second.id
    for gid in ids:
        lines = {line.candidate_id: line for line in group_board_of(store, gid)}
        check = lines[moved].attendance.mobilisation
        assert check.status == "not_met" and "6 jours prévus, 1 jour de trop" in check.reason
        said = lines[moved].attendance_text()
        assert said.endswith("CIP-MOB non respectée (6 j prévus dans tous ses groupes)")
        stayed = next(line for cid, line in lines.items() if cid != moved)
        assert stayed.attendance.mobilisation.status == "met"
    from app.consolidation.funding import funding_lines

    with store.transaction() as session:  # the OPCA's part of a moved member: once
        left, now = (funding_lines(session, session.get(GroupRow, g), load_rules(),
                                   date(2015, 4, 1)) for g in ids)  # fmt: skip
    before = next(line for line in left if line.ref == "m-0")
    after = next(line for line in now if line.ref == "m-0")
    assert before.claimed_in == second_name and before.due == 0
    assert after.due == 1080 and after.claimed_in is None


def group_board_of(store, gid):
    with store.transaction() as session:
        return group_board(session, gid, date(2015, 4, 1), load_rules())


def test_the_funder_is_told_what_it_takes_on_for_the_members_in_vae(store, tmp_path):
    """AGEFOS PME takes on each member's OPCA part, within 1 080 € (rule CIP-OPCA), once
    they entered the VAE; a plan over the rules is said; a member gone stays listed."""
    import openpyxl
    import pypdfium2

    from app.consolidation.funding import write_funding
    from app.consolidation.groups import GroupError

    inbox = tmp_path / "recus"
    write(inbox, "a.json", dossier("a-1", "Avance", admissibility_decision_on="2015-03-31"))
    write(inbox, "b.json", dossier("b-2", "Entree", admissibility_decision_on="2015-04-02"))
    over = [{"source": "opca", "amount_eur": 1200, "hours": None},
            {"source": "cpf", "amount_eur": 300, "hours": 30}]  # fmt: skip
    write(inbox, "c.json", dossier("c-3", "Debut", cost_eur=1500, financing=over))
    write(inbox, "d.json", dossier("d-4", "Parti", admissibility_decision_on="2015-04-02"))
    imported(store, inbox)
    gid = make_group(store)
    out = tmp_path / "sorties"
    out.mkdir()
    rules, on = load_rules(), date(2015, 5, 4)
    with store.transaction() as session:
        group = session.get(GroupRow, gid)
        gone = next(r.id for r in session.scalars(select(CandidateRow)) if r.ref == "d-4")
        remove_member(session, group, gone, "Départ de la structure", store.user, date(2015, 4, 20))
        with pytest.raises(GroupError, match="même fichier"):
            write_funding(session, group, rules, on, out / "x.xlsx", out / "x.xlsx")
        lines = write_funding(session, group, rules, on, out / "f.xlsx", out / "f.pdf")
    assert not (out / "x.xlsx").exists()
    by_ref = {line.ref: line for line in lines}
    assert [line.ref for line in lines][-1] == "d-4" and by_ref["d-4"].left_on is not None
    assert by_ref["c-3"].due == 0 and by_ref["c-3"].plan_words == "hors règle"
    assert by_ref["a-1"].due == by_ref["b-2"].due == by_ref["d-4"].due == 1080
    rows = list(openpyxl.load_workbook(out / "f.xlsx").active.iter_rows(values_only=True))
    header = rows[0]
    total = next(r for r in rows if r[0] == "Total")
    column = {name: k for k, name in enumerate(header)}
    assert total[column["Pris en charge par l'OPCA (€)"]] == 3 * 1080
    assert total[column["OPCA (€)"]] == 3 * 1080 + 1200  # the plans, as they are
    assert total[column["Heures CPF"]] == 3 * 20 + 30
    assert total[column["Coût (€)"]] == 3 * 1380 + 1500
    assert any(r[0] == "Financeur : AGEFOS PME" for r in rows)
    document = pypdfium2.PdfDocument(str(out / "f.pdf"))
    text = " ".join(" ".join(p.get_textpage().get_text_range().split()) for p in document)
    assert "Pris en charge par l'OPCA 3240 €" in text
    assert "4 membres, dont 3 entrés en VAE" in text
    assert "1200 € hors règle" in text and "sorti le 20/04/2015" in text
