"""A group's calendar and attendance: half-days added (a duplicate refused), attendance
recorded and changed (history and audit), CIP-MOB per member, a member removed keeping
the attendance already recorded in the history."""

from datetime import date

import pytest
from sqlalchemy import select
from store_helpers import filled_store
from test_words import pdf_text

from app.consolidation.attendance import member_attendance, record_attendance
from app.consolidation.calendar import add_half_days
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
    assert any("modification (présence du 12/01/2015, après-midi)" in line for line in lines)
    assert not any("attendance" in line for line in lines)  # no internal key shown


def test_the_attendance_sheet_blank_then_filled(group, tmp_path):
    import pypdfium2 as pdfium

    from app.consolidation.attendance import sheet_of
    from app.export.attendance_sheet import attendance_sheet_pdf
    from app.store.group_models import GroupRow

    store = group
    with store.transaction() as session:
        row = session.scalars(select(GroupRow)).one()
        place = "Maison des associations, Châteauroux"
        halves = ("apres-midi", "matin")
        add_half_days(
            session,
            row,
            date(2015, 1, 12),
            halves,
            store.user,
            place=place,
            led_by="COORACE et AFPA",
        )
        cid = row.members[0].candidate_id
        record_attendance(session, row, cid, date(2015, 1, 12), "matin", "excused", store.user)
        blank = attendance_sheet_pdf(sheet_of(session, row, date(2015, 1, 12), filled=False))
        filled = attendance_sheet_pdf(sheet_of(session, row, date(2015, 1, 12), filled=True))
        names = [f"{m.last_name} {m.first_name}" for m in session.scalars(select(CandidateRow))]
        with pytest.raises(GroupError, match="pas au calendrier"):
            sheet_of(session, row, date(2015, 1, 13), filled=False)

    def text(data: bytes) -> str:
        document = pdfium.PdfDocument(data)
        try:
            return " ".join(page.get_textpage().get_text_range() for page in document)
        finally:
            document.close()

    for data in (blank, filled):
        said = " ".join(text(data).split())
        assert "Feuille d'émargement" in said and "12/01/2015" in said
        assert "Maison des associations, Châteauroux" in said and "COORACE et AFPA" in said
        assert said.index("Matin") < said.index("Après-midi")  # the day in its order
        for name in names:
            assert said.count(name) == 1, name  # every member once
        assert "Signature de l'animateur" in said
    assert "absent excusé" not in " ".join(text(blank).split())
    assert "absent excusé" in " ".join(text(filled).split())
    (tmp_path / "vierge.pdf").write_bytes(blank)


def test_the_command_line_calendar_attendance_and_sheets(tmp_path):
    import pypdfium2 as pdfium
    from test_consolidation import ON, passerelle, received_folder

    from app.store.database import open_store
    from app.store.workspace import CooraceSetup, save_coorace_setup

    folder = tmp_path / "coorace"
    store = open_store(folder)
    save_coorace_setup(store, CooraceSetup("Certification", "Anne Roux", "c@coorace.invalid"))
    store.close(automatic_backup=False)
    passerelle(folder, "import", str(received_folder(tmp_path)))
    assert passerelle(folder, "groups", "create", "1", "--on", ON).returncode == 0
    added = passerelle(folder, "groups", "calendar", "1", "--add", "2015-06-15",
                       "--place", "Tours", "--led-by", "AFPA")  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "15/06/2015 matin : journée collective — Tours — animé par AFPA" in added.stdout
    twice = passerelle(folder, "groups", "calendar", "1", "--add", "2015-06-15", "--half", "matin")
    assert twice.returncode == 2 and "déjà au calendrier" in twice.stderr
    done = passerelle(folder, "groups", "attendance", "1", "--day", "2015-06-15",
                      "--candidate", "c-0007", "--status", "présent")  # fmt: skip
    assert done.returncode == 0, done.stderr
    listed = passerelle(folder, "groups", "calendar", "1")
    assert "1 jour suivi sur 1 prévu — CIP-MOB" in listed.stdout
    sheet = tmp_path / "feuille.pdf"
    written = passerelle(folder, "groups", "attendance", "1", "--day", "2015-06-15",
                         "--pdf", str(sheet))  # fmt: skip
    assert written.returncode == 0, written.stderr
    document = pdfium.PdfDocument(str(sheet))
    text = " ".join(document[0].get_textpage().get_text_range().split())
    document.close()
    assert text.count("présent") == 2  # the member's two half-days, no one else's
    missing = passerelle(folder, "groups", "attendance", "1", "--day", "2015-06-16",
                         "--pdf", str(tmp_path / "x.pdf"))  # fmt: skip
    assert missing.returncode == 2 and "pas au calendrier" in missing.stderr


def test_the_funders_summary_opened_back_with_its_totals(tmp_path):
    import openpyxl
    from test_consolidation import ON, passerelle, received_folder

    from app.store.database import open_store
    from app.store.workspace import CooraceSetup, save_coorace_setup

    folder = tmp_path / "coorace"
    store = open_store(folder)
    save_coorace_setup(store, CooraceSetup("Certification", "Anne Roux", "c@coorace.invalid"))
    store.close(automatic_backup=False)
    passerelle(folder, "import", str(received_folder(tmp_path)))
    passerelle(folder, "groups", "create", "1", "--on", ON)
    passerelle(folder, "groups", "calendar", "1", "--add", "2015-06-15")
    passerelle(folder, "groups", "attendance", "1", "--day", "2015-06-15",
               "--candidate", "c-0007", "--status", "present")  # fmt: skip
    out, pdf = tmp_path / "financeur.xlsx", tmp_path / "financeur.pdf"
    refused = passerelle(folder, "groups", "funding", "1")
    assert refused.returncode == 2 and "--xlsx" in refused.stderr
    done = passerelle(folder, "groups", "funding", "1", "--xlsx", str(out), "--pdf", str(pdf))
    assert done.returncode == 0, done.stderr
    again = passerelle(folder, "groups", "funding", "1", "--pdf", str(tmp_path / "b.pdf"),
                       "--xlsx", str(out))  # fmt: skip
    assert again.returncode != 0 and not (tmp_path / "b.pdf").exists()  # neither written
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    text = " ".join(" ".join(page.get_textpage().get_text_range().split()) for page in document)
    assert "Synthèse pour le financeur" in text and "AGEFOS PME" in text
    assert "8 membres, dont 0 entré en VAE" in text
    assert f"Total 0 1 {8 * 1080} €" in text  # entered, days attended, the OPCA's total
    assert "(règle CIP-OPCA)" in text and "1380 €" in text and "24 h" in text
    assert "Professionnalisation 0 €" in text  # every source, even when nothing is planned
    sheet = openpyxl.load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == ("Structure", "SIRET", "Nom", "Référence", "Entré en VAE", "Jours suivis")
    members = [r for r in rows[1:] if r[3] and str(r[3]).startswith("c-")]
    assert len(members) == 8
    assert [r[5] for r in members if r[3] == "c-0007"] == [1]
    total = next(r for r in rows if r[0] == "Total")
    assert total[6] == sum(r[6] for r in members) == 8 * 1080  # OPCA, as the samples plan it
    assert any((r[0] and "(CIP-FIN)" in r[0]) or (r[0] and "CIP-" in str(r[0])) for r in rows)


def test_convocations_to_each_members_structure(tmp_path):
    import email
    import email.policy

    import pypdfium2 as pdfium
    from test_consolidation import ON, passerelle, received_folder

    from app.store.database import open_store
    from app.store.workspace import CooraceSetup, save_coorace_setup

    folder = tmp_path / "coorace"
    store = open_store(folder)
    save_coorace_setup(store, CooraceSetup("Certification", "Anne Roux", "c@coorace.invalid"))
    store.close(automatic_backup=False)
    passerelle(folder, "import", str(received_folder(tmp_path)))
    passerelle(folder, "groups", "create", "1", "--on", ON)
    empty = passerelle(folder, "groups", "convocations", "1", "--out", str(tmp_path / "c0"))
    assert empty.returncode == 2 and "Aucune journée à venir" in empty.stderr
    passerelle(folder, "groups", "calendar", "1", "--add", "2015-06-15", "--place", "Orléans")
    out = tmp_path / "convocations"
    past = passerelle(
        folder, "groups", "convocations", "1", "--out", str(out), "--on", "2015-06-16"
    )
    assert past.returncode == 2 and not out.exists()  # the day is past: no letter for it
    done = passerelle(folder, "groups", "convocations", "1", "--out", str(out), "--on", ON)
    assert done.returncode == 0, done.stderr
    pdfs, drafts = sorted(out.glob("*.pdf")), sorted(out.glob("*.eml"))
    assert len(pdfs) == len(drafts) == 8
    document = pdfium.PdfDocument(str(pdfs[0]))
    text = " ".join(document[0].get_textpage().get_text_range().split())
    document.close()
    assert "Convocation aux journées collectives" in text and "15/06/2015" in text
    assert "Orléans" in text and "À apporter" in text
    message = email.message_from_bytes(drafts[0].read_bytes(), policy=email.policy.default)
    assert "c@coorace.invalid" in message["From"]
    assert message["To"] == sample_structure_email()  # the structure's, from its dossier
    assert "Merci de la lui remettre" in message.get_body().get_content()
    again = passerelle(folder, "groups", "convocations", "1", "--out", str(out), "--on", ON)
    assert again.returncode == 2 and "existent déjà" in again.stderr


def sample_structure_email() -> str:
    from store_helpers import sample_data

    return sample_data("cip-eligible")["structure"]["email"]


def test_an_information_meeting_dates_each_members_step(group):
    from app.store.group_models import GroupRow
    from app.store.models import MilestoneRow

    store = group
    with store.transaction() as session:
        row = session.scalars(select(GroupRow)).one()
        add_half_days(session, row, date(2015, 1, 20), ("matin",), store.user, kind="info_targeted")
        steps = session.scalars(
            select(MilestoneRow).where(MilestoneRow.kind == "targeted_information")
        ).all()
        assert {s.candidate_id for s in steps} == {m.candidate_id for m in row.members}
        assert {s.occurred_on for s in steps} == {date(2015, 1, 20)}


def test_a_day_split_between_two_places_homonyms_and_a_structure_without_address(group, tmp_path):
    """The afternoon elsewhere is said on the sheet and the letters; two members of the
    same name get their own letter; with no address for the structure, the draft goes to
    the candidate (the address the structure gave) and says « votre convocation »."""
    import email
    import email.policy

    import pypdfium2 as pdfium

    from app.consolidation.attendance import sheet_of
    from app.consolidation.convocations import write_convocations
    from app.export.attendance_sheet import attendance_sheet_pdf
    from app.store.group_models import GroupRow

    store = group
    day = date(2015, 2, 2)
    with store.transaction() as session:
        row = session.scalars(select(GroupRow)).one()
        add_half_days(session, row, day, ("matin",), store.user, place="Orléans", led_by="AFPA")
        add_half_days(session, row, day, ("apres-midi",), store.user, place="Blois",
                      led_by="COORACE")  # fmt: skip
        people = session.scalars(select(CandidateRow).order_by(CandidateRow.id)).all()
        for person in people[:2]:  # two « Léa Martin »
            person.first_name, person.last_name = "Léa", "Martin"
        people[0].structure.email = None
        people[0].email = "lea.martin@exemple.invalid"
        text = pdf_text(attendance_sheet_pdf(sheet_of(session, row, day, filled=False)))
    assert "matin : Orléans ; après-midi : Blois" in text
    assert "matin : AFPA ; après-midi : COORACE" in text
    written = write_convocations(store, "1", tmp_path / "c", on=date(2015, 1, 20))
    assert len({one.pdf for one in written}) == len(written) == len(people)
    lea = [one for one in written if one.member == "Léa Martin"]
    assert len(lea) == 2
    letter = pdfium.PdfDocument(str(lea[0].pdf))
    said = " ".join(letter[0].get_textpage().get_text_range().split())
    letter.close()
    assert "02/02/2015 matin journée collective Orléans AFPA" in said
    assert "02/02/2015 après-midi journée collective Blois COORACE" in said
    own = [one for one in written if one.to_candidate]
    assert len(own) == 1
    message = email.message_from_bytes(own[0].draft.read_bytes(), policy=email.policy.default)
    assert message["To"] == "lea.martin@exemple.invalid"
    body = message.get_body().get_content()
    assert "votre convocation" in body and "lui remettre" not in body


def test_a_day_nobody_is_in_the_group_and_a_finished_group_are_refused(group):
    from app.consolidation.calendar import half_days, remove_half_day
    from app.consolidation.groups import set_status
    from app.store.group_models import GroupRow

    store = group
    with store.transaction() as session:
        row = session.scalars(select(GroupRow)).one()
        with pytest.raises(GroupError, match=r"aucun membre .*depuis le 05/01/2015"):
            add_half_days(session, row, date(2014, 12, 1), ("matin",), store.user)
        add_half_days(session, row, date(2015, 1, 12), ("matin",), store.user)
        for status in ("constituted", "running", "finished"):
            set_status(session, row, status, store.user, date(2015, 7, 1))
        with pytest.raises(GroupError, match="est terminé"):
            add_half_days(session, row, date(2015, 7, 2), ("matin",), store.user)
        with pytest.raises(GroupError, match="est terminé"):
            remove_half_day(session, row, date(2015, 1, 12), "matin", store.user)
        cid = row.members[0].candidate_id
        with pytest.raises(GroupError, match="repassez-le « en cours »"):
            record_attendance(session, row, cid, date(2015, 1, 12), "matin", "present", store.user)
        with pytest.raises(GroupError, match="est terminé"):
            remove_member(session, row, cid, "Départ", store.user, date(2015, 7, 2))
        assert len(half_days(session, row)) == 1
        set_status(session, row, "running", store.user, date(2015, 7, 3))  # stepped back
        record_attendance(session, row, cid, date(2015, 1, 12), "matin", "present", store.user)
        add_half_days(session, row, date(2014, 12, 1), ("matin",), store.user,
                      kind="info_collective")  # a meeting before the group is formed  # fmt: skip
