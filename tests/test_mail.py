"""The mail draft for COORACE, read back with Python's own `email` parser: From (the
structure's address from Paramètres), a local Date with its offset, the PDF attached
under a name every mail program reads."""

import email
import time
from datetime import datetime
from email import policy
from email.utils import collapse_rfc2231_value, parsedate_to_datetime

import pytest

from app.export.mail import ascii_file_name, draft, write_draft

COORACE = "formationcertifiante@coorace.org"
STRUCTURE = "Association Le Relais de l'Indre (fictive)"
NAME = "Dossier-CIP-Lefèvre-Sophie-2015-01-15.pdf"


@pytest.fixture
def pdf(tmp_path):
    out = tmp_path / NAME
    out.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n")
    return out


def written(tmp_path, pdf, sender_email="contact@relais-indre.example.org", name=None):
    message = draft(
        to=COORACE,
        structure=STRUCTURE,
        candidate="Sophie Lefèvre",
        path="cisp",
        pdf=pdf,
        protected=False,
        sender_name="Claire Faucher",
        sender_email=sender_email,
    )
    out = write_draft(message, tmp_path / (name or "brouillon.eml"))
    return out.read_bytes()


def test_from_is_the_structures_address(tmp_path, pdf):
    message = email.message_from_bytes(written(tmp_path, pdf), policy=policy.default)
    (sender,) = message["From"].addresses
    assert sender.addr_spec == "contact@relais-indre.example.org"
    assert sender.display_name.startswith("Claire Faucher — Association Le Relais de l'Indre")
    assert message["To"] == COORACE


@pytest.mark.parametrize("address", [None, "", "claire@", "pas une adresse", "a@b@c"])
def test_no_usable_address_no_from(tmp_path, pdf, address):
    raw = written(tmp_path, pdf, sender_email=address)
    message = email.message_from_bytes(raw, policy=policy.default)
    assert message["From"] is None and message["To"] == COORACE


def test_the_date_is_local_with_its_offset(tmp_path, pdf, monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    try:
        raw = written(tmp_path, pdf)
        local = datetime.now().astimezone()
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    message = email.message_from_bytes(raw, policy=policy.default)
    sent = parsedate_to_datetime(str(message["Date"]))
    assert sent.tzinfo is not None  # « -0000 » (no zone) would give none
    assert sent.utcoffset() == local.utcoffset() and sent.utcoffset().total_seconds() > 0
    assert abs((local - sent).total_seconds()) < 60


def test_the_attachment_is_named_for_every_mail_program(tmp_path, pdf):
    raw = written(tmp_path, pdf)
    message = email.message_from_bytes(raw, policy=policy.default)
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content() == pdf.read_bytes()
    assert attachment.get_content_type() == "application/pdf"
    ascii_name = "Dossier-CIP-Lefevre-Sophie-2015-01-15.pdf"
    assert attachment["Content-Type"].params["name"] == ascii_name  # older Outlook reads this
    # both forms of the file name, read by the parser of the older API (it keeps both)
    legacy = email.message_from_bytes(raw).get_payload()[1]
    params = legacy.get_params(header="content-disposition")
    assert params[0] == ("attachment", "")
    plain = [value for key, value in params if key == "filename" and isinstance(value, str)]
    extended = [value for key, value in params if key == "filename" and isinstance(value, tuple)]
    assert plain == [ascii_name]
    assert len(extended) == 1 and extended[0][0] == "utf-8"
    assert collapse_rfc2231_value(extended[0]) == NAME
    # one line each, never cut inside (no RFC 2231 continuations: `filename*0*=`)
    assert b'\n name="Dossier-CIP-Lefevre-Sophie-2015-01-15.pdf"\n' in raw
    assert b'\n filename="Dossier-CIP-Lefevre-Sophie-2015-01-15.pdf";\n' in raw
    assert b"\n filename*=utf-8''Dossier-CIP-Lef%C3%A8vre-Sophie-2015-01-15.pdf\n" in raw
    assert b"*0*=" not in raw and max(len(line) for line in raw.splitlines()) <= 998


def test_a_long_file_name_stays_whole(tmp_path):
    name = "Dossier-CISP-Bénédicte-Évelyne-Müller-Ødegård-de-la-Fontaine-Saint-Éloi-2015.pdf"
    long = tmp_path / name
    long.write_bytes(b"%PDF-1.7\n%%EOF\n")
    raw = written(tmp_path, long)
    message = email.message_from_bytes(raw, policy=policy.default)
    (attachment,) = list(message.iter_attachments())
    fallback = "Dossier-CISP-Benedicte-Evelyne-Muller-_degard-de-la-Fontaine-Saint-Eloi-2015.pdf"
    assert attachment["Content-Type"].params["name"] == fallback
    assert attachment.get_filename() in (name, fallback)
    legacy = email.message_from_bytes(raw).get_payload()[1]
    extended = [v for k, v in legacy.get_params(header="content-disposition") if k == "filename"]
    assert collapse_rfc2231_value(extended[-1]) == name and b"*0*=" not in raw


@pytest.mark.parametrize(
    "name, fallback",
    [
        ("Dossier-CIP-Lefèvre.pdf", "Dossier-CIP-Lefevre.pdf"),
        ("Œuvre d’Éloïse — Cœur.pdf", "OEuvre d'Eloise - Coeur.pdf"),
        ('guillemets "droits" et \\.pdf', "guillemets _droits_ et _.pdf"),
        ("中文.pdf", "__.pdf"),
        ("retour\nà la ligne.pdf", "retour_a la ligne.pdf"),
    ],
)
def test_the_ascii_fallback(name, fallback):
    assert ascii_file_name(name) == fallback
