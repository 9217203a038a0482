"""A group's calendar and attendance: half-days added (a duplicate refused), attendance
recorded and changed (history and audit), CIP-MOB per member, a member removed keeping
the attendance already recorded in the history."""

from datetime import date

import pytest
from sqlalchemy import select
from store_helpers import filled_store

from app.consolidation.calendar import add_half_days, member_attendance, record_attendance
from app.consolidation.groups import GroupError, record_group, remove_member
from app.consolidation.proposal import ProposedGroup, ReadyCandidate
from app.store.history import history_lines
from app.store.models import AuditRow, CandidateRow


@pytest.fixture
def group(tmp_path):
    store = filled_store(tmp_path / "donnees")
    with store.transaction() as session:
        rows = session.scalars(select(CandidateRow).order_by(CandidateRow.id)).all()
        members = tuple(ReadyCandidate(r.structure.siret, r.ref, r.structure.region) for r in rows)
        proposed = ProposedGroup(
            "regional", ("Centre-Val de Loire",), len(members), members, "essai"
        )
        record_group(session, proposed, store.user, date(2015, 1, 5))
    yield store
    store.close(automatic_backup=False)


def test_attendance_is_in_the_history_and_the_audit_and_outlives_a_removal(group, rules):
    store = group
    with store.transaction() as session:
        from app.store.group_models import GroupRow

        row = session.scalars(select(GroupRow)).one()
        add_half_days(session, row, date(2015, 1, 12), ("matin", "apres-midi"), store.user,
                      place="Châteauroux", led_by="COORACE")  # fmt: skip
        with pytest.raises(GroupError, match="déjà au calendrier"):
            add_half_days(session, row, date(2015, 1, 12), ("matin",), store.user)
        member = row.members[0]
        cid = member.candidate_id
        record_attendance(session, row, cid, date(2015, 1, 12), "matin", "absent", store.user)
        record_attendance(session, row, cid, date(2015, 1, 12), "matin", "present", store.user)
        record_attendance(session, row, cid, date(2015, 1, 12), "apres-midi", "present", store.user)
        summary = member_attendance(session, row, member, rules)
        assert (summary.planned_days, summary.attended_days) == (1, 1)
        assert summary.mobilisation.status == "met"
        with pytest.raises(GroupError, match="pas au calendrier"):
            record_attendance(session, row, cid, date(2015, 1, 13), "matin", "present", store.user)
        remove_member(session, row, cid, "Démission", store.user, date(2015, 2, 1))
        audit = session.scalars(select(AuditRow).where(AuditRow.candidate_id == cid)).all()
        assert any("attendance" in a.changes and '"absent", "present"' in a.changes for a in audit)
        lines = history_lines(session, cid)
    assert sum("Présence aux journées collectives" in line for line in lines) == 3
    assert any("matin : présent" in line for line in lines)
