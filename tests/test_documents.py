"""Supporting documents: the checklist per path from resources/documents.toml, each item
provided (its day, its scan), missing or not needed; a scan refused by its content (a
text file named .pdf) and by its size before it is read; completeness on the page and in
the list; the dossier PDF lists them and, when asked, carries the scans beside the JSON;
the scans are erased with the candidate."""

from __future__ import annotations

from datetime import date

import pikepdf
import pytest
from sqlalchemy import select
from store_helpers import filled_store, sample
from window_helpers import open_candidate, row_of

from app.evaluation.documents import checklist, completeness
from app.evaluation.evaluate import evaluate
from app.exchange.catalogue import example_catalogue_file, read_catalogue
from app.rules import load_rules
from app.store.candidates import existing_candidate
from app.store.document_models import DocumentRow
from app.store.documents import DocumentError, document_states, read_scan, set_document
from app.store.models import AuditRow

ON = date(2015, 9, 1)
PDF_SCAN = b"%PDF-1.4\n% une piece scannee\n%%EOF\n"
PNG_SCAN = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


@pytest.fixture(scope="module")
def catalogue():
    return read_catalogue(example_catalogue_file())


def items_of(name: str, catalogue):
    dossier = sample(name)
    return checklist(dossier, evaluate(dossier, ON, load_rules(), catalogue))


def test_the_checklist_of_each_path(catalogue):
    cip = items_of("cip-eligible", catalogue)
    assert [item.key.split(":")[0] for item in cip] == [
        "identity", "work_certificate", "work_certificate", "employer_agreement", "cv"
    ]  # fmt: skip
    assert cip[1].label.startswith("Certificat de travail ou attestation de l'employeur — ")
    assert "du 03/09/2007 au 30/04/2010" in cip[1].label
    cisp = items_of("cisp-en-cours", catalogue)
    assert cisp and all(item.key.startswith("course_attestation:") for item in cisp)
    assert all(item.label.startswith("Attestation de formation — ") for item in cisp)
    assert completeness(cip, {cip[0].key: "provided", cip[4].key: "not_needed"}) == "1/4"


def test_a_scan_is_checked_by_its_content_and_its_size(tmp_path):
    fake = tmp_path / "attestation.pdf"
    fake.write_text("ceci n'est pas un PDF", encoding="utf-8")
    with pytest.raises(DocumentError, match="d'après son contenu, pas son nom"):
        read_scan(fake)
    image = tmp_path / "scan.bin"  # a PNG, whatever its name
    image.write_bytes(PNG_SCAN)
    assert read_scan(image) == (PNG_SCAN, "image/png")
    big = tmp_path / "gros.pdf"
    with big.open("wb") as handle:
        handle.truncate(10_000_001)  # never read: refused by its size
    with pytest.raises(DocumentError, match="fait 10,0 Mo : une pièce scannée fait au plus 10 Mo"):
        read_scan(big)


def test_documents_in_the_store_the_list_the_pdf_and_the_erasure(tmp_path, catalogue):
    from app.store.candidates import delete_candidate
    from app.store.listing import Listing
    from app.store.sent import export_pdf
    from app.store.summaries import refresh_summaries

    store = filled_store(tmp_path / "donnees")
    items = items_of("cip-eligible", catalogue)
    scan = tmp_path / "identite.pdf"
    scan.write_bytes(PDF_SCAN)
    fake = tmp_path / "cv.pdf"
    fake.write_text("texte", encoding="utf-8")
    with store.transaction() as session:
        cid = existing_candidate(session, sample("cip-eligible").structure.siret, "c-2014-017").id
        set_document(session, cid, items[0].key, "provided", store.user, date(2015, 2, 1), scan)
        set_document(session, cid, items[4].key, "not_needed", store.user)
    with pytest.raises(DocumentError), store.transaction() as session:
        set_document(session, cid, items[3].key, "provided", store.user, None, fake)
    with store.transaction() as session:
        states = document_states(session, cid)
        audit = session.scalars(select(AuditRow).where(AuditRow.candidate_id == cid)).all()
    assert set(states) == {items[0].key, items[4].key}  # the refused one left nothing
    assert states[items[0].key].file_name == "identite.pdf"
    assert any("identite.pdf" in a.changes for a in audit)
    assert not any(PDF_SCAN.decode("latin-1")[:8] in a.changes for a in audit)
    refresh_summaries(store, load_rules(), catalogue, ON)
    listing = Listing.open(store.path)
    try:
        lines = {line.ref: line.documents for line in listing.page()}
    finally:
        listing.close()
    assert lines["c-2014-017"] == "1/4"
    listing = Listing.open(store.path)
    try:  # sorted by the share provided: 0/3 and 0/4 before 1/4
        from app.store.listing import ListQuery

        ordered = [line.ref for line in listing.page(ListQuery(order="documents"))]
    finally:
        listing.close()
    assert ordered[-1] == "c-2014-017"
    out = tmp_path / "dossier.pdf"
    export_pdf(store, "c-2014-017", out, load_rules(), catalogue, path="cip", today=ON,
               with_scans=True)  # fmt: skip
    with pikepdf.open(out) as document:
        attached = dict(document.attachments)
        names = sorted(attached)
        assert "dossier.json" in names or any(n.endswith(".json") for n in names)
        scans = [n for n in names if n.startswith("piece-01-")]
        assert len(scans) == 1 and scans[0].endswith(".pdf")
        assert attached[scans[0]].get_file().read_bytes() == PDF_SCAN
    import pypdfium2

    text = " ".join(
        " ".join(p.get_textpage().get_text_range().split()) for p in pypdfium2.PdfDocument(out)
    )
    assert "Pièces justificatives : 1/4" in text and "identite.pdf (joint au PDF)" in text
    with store.transaction() as session:
        from app.store.models import CandidateRow

        delete_candidate(session, session.get(CandidateRow, cid), store.user)
    with store.transaction() as session:
        assert session.scalars(select(DocumentRow)).all() == []  # erased with the candidate
    store.close(automatic_backup=False)


def test_the_pieces_tab(qtbot, tmp_path, monkeypatch):
    from ui.candidate import documents_tab

    store = filled_store(tmp_path / "donnees")
    window = open_candidate(qtbot, store, "Martinez")
    lines = window.candidate_list.model
    tab = window.page.documents
    assert tab.count.text() == "Pièces : 0/5"
    scan = tmp_path / "cv.png"
    scan.write_bytes(PNG_SCAN)
    monkeypatch.setattr(documents_tab, "choose_scan", lambda _parent: scan)
    opened = []
    monkeypatch.setattr(documents_tab, "open_scan", lambda path: opened.append(path) or True)
    tab.table.selectRow(4)
    assert tab.attach_scan()
    assert tab.count.text() == "Pièces : 1/5" and tab.table.item(4, 2).text() == "cv.png"
    found = row_of(lines, "Martinez")
    assert lines.index(found, lines.columnCount() - 1).data() == "1/5"  # the list follows
    path = tab.open_current()
    assert opened == [path] and path.read_bytes() == PNG_SCAN
    tab.table.selectRow(0)
    tab.not_needed_button.click()
    assert tab.count.text() == "Pièces : 1/4"
    tab.table.selectRow(3)
    tab.provided_on.setText("31/02/2015")  # no such day: said, nothing recorded
    tab.provided_button.click()
    assert "n'existe pas" in tab.provided_check.label.text() and tab.count.text() == "Pièces : 1/4"
    tab.provided_on.setText("12/01/2015")
    tab.provided_button.click()
    assert tab.count.text() == "Pièces : 2/4" and tab.table.item(3, 1).text() == "12/01/2015"
    bad = tmp_path / "faux.pdf"
    bad.write_text("pas un scan", encoding="utf-8")
    monkeypatch.setattr(documents_tab, "choose_scan", lambda _parent: bad)
    tab.table.selectRow(1)
    assert not tab.attach_scan()
    assert "d'après son contenu" in tab.problem.text()
    store.close(automatic_backup=False)


def test_two_jobs_begun_the_same_day_and_the_right_of_access(tmp_path, catalogue):
    from dataclasses import replace

    from app.domain import ExperiencePeriod
    from app.store.transfer import access_report

    dossier = sample("cip-eligible")
    twin = [ExperiencePeriod(date(2012, 1, 2), True, None, 0.5, f"Employeur {k}") for k in (1, 2)]
    dossier = replace(dossier, experiences=tuple(twin))
    items = checklist(dossier, evaluate(dossier, ON, load_rules(), catalogue))
    keys = [item.key for item in items if item.key.startswith("work_certificate")]
    assert len(keys) == len(set(keys)) == 2
    store = filled_store(tmp_path / "donnees")
    scan = tmp_path / "id.png"
    scan.write_bytes(PNG_SCAN)
    with store.transaction() as session:
        cid = existing_candidate(session, sample("cip-eligible").structure.siret, "c-2014-017").id
        set_document(session, cid, "identity", "provided", store.user, date(2015, 1, 2), scan)
    report = access_report(store, "c-2014-017")
    (held,) = report["supporting_documents"]
    assert held["item"] == "identity" and held["file_name"] == "id.png"
    import base64

    assert base64.b64decode(held["scan_base64"]) == PNG_SCAN
    store.close(automatic_backup=False)


def test_the_command_line_follows_the_candidacy(tmp_path):
    from test_consolidation import passerelle

    folder = tmp_path / "donnees"
    done = passerelle(folder, "import", str(example_file()), "--yes")
    assert done.returncode == 0, done.stderr
    scan = tmp_path / "id.pdf"
    scan.write_bytes(PDF_SCAN)
    done = passerelle(folder, "documents", "--candidate", "c-2014-017", "--set", "identity",
                      "--state", "fournie", "--scan", str(scan), "--on", "2015-01-10")  # fmt: skip
    assert done.returncode == 0 and "Pièces : 1/5" in done.stdout
    fake = tmp_path / "cv.pdf"
    fake.write_text("texte", encoding="utf-8")
    refused = passerelle(folder, "documents", "--candidate", "c-2014-017", "--set", "cv",
                         "--state", "fournie", "--scan", str(fake))  # fmt: skip
    assert refused.returncode == 2 and "d'après son contenu" in refused.stderr
    closed = passerelle(folder, "close", "--candidate", "c-2014-017", "--path", "cip",
                        "--reason", "no_funding", "--on", "2015-06-01")  # fmt: skip
    assert closed.returncode == 0
    resumed = passerelle(folder, "resume", "--candidate", "c-2014-017", "--path", "cip",
                         "--on", "2015-07-01")  # fmt: skip
    assert resumed.returncode == 0
    out = tmp_path / "demande.pdf"
    written = passerelle(folder, "admissibility", "--candidate", "c-2014-017", "--pdf", str(out))
    assert written.returncode == 0 and out.read_bytes().startswith(b"%PDF")


def example_file():
    from app.resources import resource

    return resource("examples", "cip-eligible.json")
