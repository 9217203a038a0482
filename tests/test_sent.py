"""Exporting PDF dossiers from the data folder: the copy recorded with its SHA-256, the
« modifié depuis l'envoi » mark, the path to choose, the command line both ways."""

import hashlib
import stat
from datetime import date

import pytest
from store_helpers import filled_store, rows, sample_data, save_data, unstamped
from test_cli_store import passerelle

from app.export.attachment import attached_json
from app.resources import resource
from app.store.candidates import find_candidate
from app.store.errors import StoreError
from app.store.sent import (
    changed_since_sent,
    export_pdf,
    record_copy,
    sent_copies,
    written_copies,
)
from app.store.transfer import export_json

ON = date(2015, 1, 15)


@pytest.fixture
def store(tmp_path):
    store = filled_store(tmp_path / "donnees")
    yield store
    if store._lock.is_locked:
        store.close(automatic_backup=False)


def test_an_export_is_recorded_with_its_fingerprint(tmp_path, store, rules, catalogue):
    with pytest.raises(StoreError, match="n'existe pas"):
        export_pdf(store, "c-2014-017", tmp_path / "absent" / "x.pdf", rules, catalogue, today=ON)
    assert not (tmp_path / "absent").exists()
    out = tmp_path / "martinez.pdf"
    copy = export_pdf(store, "c-2014-017", out, rules, catalogue, today=ON)
    assert copy.path == "cip" and copy.on == ON
    assert copy.sha256 == hashlib.sha256(out.read_bytes()).hexdigest()
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    json_copy = export_json(store, "c-2014-017", tmp_path / "martinez.json")
    # the same document, each stamped when it was written (the second may differ)
    assert unstamped(attached_json(out)) == unstamped(json_copy.read_text(encoding="utf-8"))
    with store.transaction() as session:
        candidate = find_candidate(session, "c-2014-017").id
        assert [c.sha256 for c in sent_copies(session, candidate)] == [copy.sha256]
        assert sent_copies(session, candidate)[0].file == str(out.resolve())
        assert changed_since_sent(session, candidate) is None
    assert rows(store.path, "SELECT count(*) FROM milestones WHERE kind = 'dossier_sent'") == [(1,)]
    with pytest.raises(StoreError, match="existe déjà"):
        export_pdf(store, "c-2014-017", out, rules, catalogue, today=ON)


def test_a_change_after_sending_is_flagged(tmp_path, store, rules, catalogue):
    export_pdf(store, "c-2014-017", tmp_path / "a.pdf", rules, catalogue, today=ON)
    document = sample_data("cip-eligible")
    document["candidate"]["job_title"] = "Conseillère en insertion professionnelle"
    save_data(store, document)
    with store.transaction() as session:
        candidate = find_candidate(session, "c-2014-017").id
        assert changed_since_sent(session, candidate) == "modifié depuis l'envoi du 15/01/2015"
    export_pdf(store, "c-2014-017", tmp_path / "b.pdf", rules, catalogue, today=ON)
    with store.transaction() as session:
        assert changed_since_sent(session, candidate) is None
        assert len(sent_copies(session, candidate)) == 2


def test_a_copy_not_sent_is_known_but_does_not_count(tmp_path, store, rules, catalogue):
    import pypdfium2 as pdfium

    sent = export_pdf(store, "c-2014-017", tmp_path / "a.pdf", rules, catalogue, today=ON)
    held = export_pdf(
        store, "c-2014-017", tmp_path / "b.pdf", rules, catalogue, today=ON, record=False
    )
    assert held.sha256 == hashlib.sha256((tmp_path / "b.pdf").read_bytes()).hexdigest()
    with store.transaction() as session:
        candidate = find_candidate(session, "c-2014-017").id
        assert [c.file for c in written_copies(session, candidate)] == [sent.file]  # not yet
    assert record_copy(store, "c-2014-017", held, sent=False).sent is False
    with store.transaction() as session:
        assert [(c.file, c.sent) for c in written_copies(session, candidate)] == [
            (sent.file, True),
            (held.file, False),
        ]
        assert [c.sha256 for c in sent_copies(session, candidate)] == [sent.sha256]
    assert rows(store.path, "SELECT kind FROM milestones WHERE kind LIKE 'dossier%'") == [
        ("dossier_sent",),
        ("dossier_not_sent",),
    ]
    document = sample_data("cip-eligible")
    document["candidate"]["job_title"] = "Conseillère en insertion professionnelle"
    save_data(store, document)
    with store.transaction() as session:  # the change counts against the copy sent
        assert changed_since_sent(session, candidate) == "modifié depuis l'envoi du 15/01/2015"
    later = export_pdf(
        store, "c-2014-017", tmp_path / "c.pdf", rules, catalogue, today=ON, record=False
    )
    record_copy(store, "c-2014-017", later, sent=False)
    with store.transaction() as session:  # a copy not sent after the change is no « envoi »
        assert changed_since_sent(session, candidate) == "modifié depuis l'envoi du 15/01/2015"
    # neither kind of copy is a step of the path in the next dossier
    export_pdf(store, "c-2014-017", tmp_path / "d.pdf", rules, catalogue, today=ON)
    with pdfium.PdfDocument(tmp_path / "d.pdf") as document:
        text = "".join(page.get_textpage().get_text_range() for page in document)
    assert "Étapes" in text and "non envoyé" not in text and "exporté pour" not in text


def test_a_candidate_on_both_paths_needs_the_path(tmp_path, store, rules, catalogue):
    document = sample_data("cisp-en-cours")
    document["cip"] = sample_data("cip-eligible")["cip"]
    save_data(store, document)
    with pytest.raises(StoreError, match="deux parcours"):
        export_pdf(store, "c-2014-031", tmp_path / "x.pdf", rules, catalogue, today=ON)
    assert not (tmp_path / "x.pdf").exists()
    copy = export_pdf(store, "c-2014-031", tmp_path / "x.pdf", rules, catalogue, "cisp", today=ON)
    assert copy.path == "cisp"
    with pytest.raises(StoreError, match="pas sur le parcours CISP"):
        export_pdf(store, "c-2014-017", tmp_path / "y.pdf", rules, catalogue, "cisp", today=ON)


def test_the_command_line_exports_and_imports_a_protected_pdf(tmp_path):
    folder = tmp_path / "donnees"
    example = str(resource("examples", "cisp-en-cours.json"))
    assert passerelle(folder, "import", example).returncode == 0
    secret = tmp_path / "mot-de-passe.txt"
    secret.write_text("S3cret-2026\n", encoding="utf-8")
    pdf = tmp_path / "lefevre.pdf"
    done = passerelle(
        folder,
        "export",
        "--candidate",
        "c-2014-031",
        "--pdf",
        str(pdf),
        "--password-file",
        str(secret),
    )
    assert done.returncode == 0, done.stderr
    assert "téléphone ou par SMS" in done.stdout and "SHA-256" in done.stdout
    for database in folder.glob("passerelle.sqlite3*"):
        assert b"S3cret-2026" not in database.read_bytes()  # the password is never kept
    other = tmp_path / "autre"
    refused = passerelle(other, "import", str(pdf))
    assert refused.returncode == 2 and "protégé par mot de passe" in refused.stderr
    assert not (other / "passerelle.sqlite3").exists()
    empty = tmp_path / "vide.txt"
    empty.write_text("", encoding="utf-8")
    refused = passerelle(other, "import", str(pdf), "--password-file", str(empty))
    assert refused.returncode == 2 and "est vide" in refused.stderr
    control = tmp_path / "controle.txt"
    control.write_bytes(b"S3cret\x00\x002026\n")
    refused = passerelle(folder, "export", "--candidate", "c-2014-031", "--pdf",
                         str(tmp_path / "b.pdf"), "--password-file", str(control))  # fmt: skip
    assert refused.returncode == 2 and "caractère de contrôle" in refused.stderr
    assert "Traceback" not in refused.stderr and not (tmp_path / "b.pdf").exists()
    done = passerelle(other, "import", str(pdf), "--password-file", str(secret))
    assert done.returncode == 0, done.stderr
    back = tmp_path / "retour.json"
    assert (
        passerelle(other, "export", "--candidate", "c-2014-031", "--json", str(back)).returncode
        == 0
    )
    original = tmp_path / "original.json"
    passerelle(folder, "export", "--candidate", "c-2014-031", "--json", str(original))
    assert unstamped(back.read_text(encoding="utf-8")) == unstamped(
        original.read_text(encoding="utf-8")
    )


def test_the_command_line_refuses_what_it_cannot_do(tmp_path):
    folder = tmp_path / "donnees"
    passerelle(folder, "import", str(resource("examples", "cip-eligible.json")))
    refused = passerelle(
        folder,
        "export",
        "--candidate",
        "c-2014-017",
        "--pdf",
        str(tmp_path / "a.pdf"),
        "--path",
        "cisp",
    )
    assert refused.returncode == 2 and "pas sur le parcours CISP" in refused.stderr
    refused = passerelle(
        folder,
        "export",
        "--candidate",
        "c-2014-017",
        "--json",
        str(tmp_path / "a.json"),
        "--path",
        "cip",
    )
    assert refused.returncode == 2 and "ne valent que pour --pdf" in refused.stderr
    refused = passerelle(
        folder, "export", "--candidate", "c-2014-017", "--pdf", str(tmp_path / "a.pdf"),
        "--password-file", str(tmp_path / "absent.txt"),
    )  # fmt: skip
    assert refused.returncode == 2 and "ne peut pas être lu" in refused.stderr
    assert not (tmp_path / "a.pdf").exists()
    plain = tmp_path / "sans-dossier.pdf"
    plain.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    refused = passerelle(folder, "import", str(plain))
    assert refused.returncode == 2 and "Rien n'a été importé" in refused.stderr
    assert "Traceback" not in refused.stderr
