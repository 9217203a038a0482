"""Size limits (resources/limits.toml): read by name and checked once; every text and
every list of the exchange format bounded; a value beyond a limit refused whole, with
its JSON path (or CSV line), the value received and the limit; never truncated."""

from __future__ import annotations

import copy
import json
import time
import tracemalloc
import zlib
from io import BytesIO
from pathlib import Path

import pikepdf
import pytest
from conftest import BASE_DOSSIER, make_dossier, period
from limit_documents import (
    at_most,
    huge_file,
    largest_catalogue,
    largest_dossier,
    too_long,
)

from app.exchange.catalogue import (
    catalogue_from_csv_text,
    catalogue_from_data,
    catalogue_text,
    read_catalogue,
)
from app.exchange.dossier import dossier_from_data, dossier_to_data, read_dossier
from app.exchange.problems import ExchangeError
from app.exchange.schema import SCHEMAS, schema_document
from app.exchange.spec import ListOf, Text
from app.export.attachment import ATTACHMENT_NAME, attached_json, finish_pdf
from app.french import NARROW_NBSP, number
from app.limits import (
    LIMIT_NAMES,
    LimitsError,
    limits,
    load_limits,
    read_bounded,
    size_exceeded,
    size_text,
)
from app.resources import resource
from app.rules import RulesError, load_rules
from app.store.received import read_received
from app.store.transfer import exchange_text
from app.typed import told

ROOT = Path(__file__).resolve().parent.parent
HEADER = "code;title;pole;hours;capitalisable;required\n"
LINE = "A-{};Atelier;2;7;oui;oui\n"


def problems_of(document) -> list[str]:
    with pytest.raises(ExchangeError) as raised:
        dossier_from_data(document)
    return [str(p) for p in raised.value.problems]


# --- the limits file -------------------------------------------------------------------


def test_the_shipped_limits_are_read_once_by_name():
    assert limits() is limits()  # cached
    assert set(limits().values) == set(LIMIT_NAMES)
    assert limits().value("experiences_max") == 100
    assert limits().value("dossier_file_max_bytes") == 2_000_000
    with pytest.raises(KeyError, match="limite inconnue : nimporte"):
        limits().value("nimporte")


def write_limits(tmp_path: Path, **changes) -> Path:
    values = dict(limits().values)
    values.update(changes)
    lines = ["[limits]"]
    lines += [f"{name} = {value}" for name, value in values.items() if value is not None]
    path = tmp_path / "limits.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        ({"experiences_max": None}, "limits.experiences_max : limite manquante"),
        ({"experiences_maxi": 3}, "limits.experiences_maxi : limite inconnue"),
        ({"courses_max": -1}, "limits.courses_max : doit être un entier positif (valeur lue : -1)"),
        ({"courses_max": 0}, "limits.courses_max : doit être un entier positif (valeur lue : 0)"),
        ({"note_max_chars": 2.5}, "limits.note_max_chars : doit être un entier positif"),
        ({"note_max_chars": "true"}, "limits.note_max_chars : doit être un entier positif"),
        ({"note_max_chars": '"2000"'}, "limits.note_max_chars : doit être un entier positif"),
    ],
)
def test_a_limits_file_with_a_missing_unknown_or_wrong_limit_is_refused(tmp_path, changes, said):
    with pytest.raises(LimitsError) as raised:
        load_limits(write_limits(tmp_path, **changes))
    assert any(problem.startswith(said) for problem in raised.value.problems), raised.value


def test_a_limits_file_without_its_table_or_unreadable_is_refused(tmp_path):
    path = tmp_path / "limits.toml"
    path.write_text("[autre]\nx = 1\n", encoding="utf-8")
    with pytest.raises(LimitsError, match=r"autre : table inconnue.*\[limits\] manquante"):
        load_limits(path)
    path.write_text("[limits\n", encoding="utf-8")
    with pytest.raises(LimitsError, match="TOML invalide"):
        load_limits(path)
    with pytest.raises(LimitsError, match="fichier introuvable"):
        load_limits(tmp_path / "absent.toml")
    assert load_limits(write_limits(tmp_path)).values == limits().values


def test_docs_list_every_limit_with_its_value():
    docs = (ROOT / "docs" / "LIMITS.md").read_text(encoding="utf-8")
    for name, value in limits().values.items():
        assert f"`{name}`" in docs, f"{name} manque dans docs/LIMITS.md"
        written = f"{value:_}".replace("_", " ")
        assert f"| `{name}` | {written} |" in docs, f"{name} : valeur à jour dans docs/LIMITS.md ?"


# --- words -----------------------------------------------------------------------------


def test_sizes_are_said_in_french_and_never_equal_when_over():
    assert size_text(850) == "850 octets"
    assert size_text(12_500) == "12,5 ko"
    assert size_exceeded(200_000_000, 2_000_000) == "200 Mo, au plus 2 Mo"
    assert size_exceeded(312_400_000, 2_000_000) == "312,4 Mo, au plus 2 Mo"
    said = "2 000 001 octets, au plus 2 000 000 octets"  # not « 2 Mo, au plus 2 Mo »
    assert size_exceeded(2_000_001, 2_000_000) == said.replace(" 0", f"{NARROW_NBSP}0")


# --- every text and list is bounded ----------------------------------------------------


def strings_and_arrays(schema, path="$"):
    if isinstance(schema, dict):
        if schema.get("type") in ("string", "array"):
            yield path, schema
        for key, value in schema.items():
            yield from strings_and_arrays(value, f"{path}.{key}")
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            yield from strings_and_arrays(value, f"{path}[{index}]")


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_text_and_list_of_the_schemas_has_a_maximum(name):
    found = list(strings_and_arrays(schema_document(name)))
    assert len(found) > 5
    for path, schema in found:
        if schema["type"] == "array":
            assert "maxItems" in schema, path
        elif schema.get("format") != "date":  # a date: 10 characters by its pattern
            assert "maxLength" in schema, path


def test_a_text_or_a_list_cannot_be_described_without_a_known_limit():
    with pytest.raises(TypeError):
        Text()
    with pytest.raises(TypeError):
        ListOf(Text(limit="text_max_chars"), limit="courses_max")  # no noun
    with pytest.raises(ValueError, match="unknown limit"):
        Text(limit="texte_max")


# --- the dossier -----------------------------------------------------------------------


@pytest.mark.parametrize("char", ["é", "€", "\U0001f600"])
def test_the_largest_dossier_is_accepted_whole_and_fits_in_a_file(tmp_path, char):
    document = largest_dossier(char)
    dossier = dossier_from_data(document)
    assert dossier_to_data(dossier) == document  # nothing cut
    text = exchange_text(dossier)
    assert len(text.encode("utf-8")) <= limits().value("dossier_file_max_bytes")
    path = tmp_path / "plus-gros.json"
    path.write_text(text, encoding="utf-8")
    assert read_dossier(path) == dossier


def set_in(document, path, value):
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value


FULL = largest_dossier("a")
TEXTS = [
    (("structure", "name"), "text_max_chars"),
    (("structure", "region"), "text_max_chars"),
    (("structure", "address"), "address_max_chars"),
    (("structure", "director"), "text_max_chars"),
    (("structure", "email"), "email_max_chars"),
    (("structure", "phone"), "reference_max_chars"),
    (("candidate", "ref"), "reference_max_chars"),
    (("candidate", "last_name"), "text_max_chars"),
    (("candidate", "first_name"), "text_max_chars"),
    (("candidate", "email"), "email_max_chars"),
    (("candidate", "phone"), "reference_max_chars"),
    (("candidate", "job_title"), "text_max_chars"),
    (("candidate", "contract"), "text_max_chars"),
    (("employer_agreement", "signatory"), "text_max_chars"),
    (("experiences", 0, "employer"), "text_max_chars"),
    (("experiences", 99, "job_title"), "text_max_chars"),
    (("courses", 0, "code"), "reference_max_chars"),
    (("courses", 0, "title"), "text_max_chars"),
    (("courses", 0, "attestation"), "reference_max_chars"),
    (("cip", "gap_analysis", 0, "note"), "note_max_chars"),
    (("cip", "upgrading_courses", 0, "title"), "text_max_chars"),
    (("cisp", "planned_courses", 0, "code"), "reference_max_chars"),
]


def json_path(path) -> str:
    out = ""
    for key in path:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else key)
    return out


@pytest.mark.parametrize(("path", "limit"), TEXTS, ids=[json_path(p) for p, _ in TEXTS])
def test_a_text_one_character_over_its_limit_is_refused_with_its_path(path, limit):
    document = copy.deepcopy(FULL)
    set_in(document, path, too_long(limit, "a"))
    most = limits().value(limit)
    assert problems_of(document) == [f"{json_path(path)} : {most + 1} caractères, au plus {most}"]
    set_in(document, path, at_most(limit, "a"))
    assert dossier_from_data(document)


def test_an_employer_of_250_characters_is_refused_and_told_in_words():
    document = make_dossier(experiences=[period("2009-03-02", None)])
    document["experiences"][0]["employer"] = "E" * 250
    with pytest.raises(ExchangeError) as raised:
        dossier_from_data(document)  # as the candidate page and the wizards call it
    (problem,) = raised.value.problems
    assert str(problem) == "experiences[0].employer : 250 caractères, au plus 200"
    assert told(problem.path, problem.message) == (
        "Expériences, ligne 1, employeur : 250 caractères, au plus 200"
    )


LISTS = [
    (("experiences",), "experiences_max", "périodes", "Expériences"),
    (("courses",), "courses_max", "formations", "Formations"),
    (("cip", "financing"), "financing_lines_max", "lignes de financement", "CIP, financement"),
    (("cip", "gap_analysis"), "gap_analysis_max", "compétences évaluées", "CIP, décalages"),
    (
        ("cip", "upgrading_courses"),
        "upgrading_courses_max",
        "formations complémentaires",
        "CIP, mise à niveau",
    ),
    (
        ("cip", "accompaniment_sessions"),
        "accompaniment_sessions_max",
        "séances",
        "CIP, séances d'accompagnement",
    ),
    (("cisp", "pole_sessions"), "pole_sessions_max", "sessions", "CISP, sessions"),
    (
        ("cisp", "planned_courses"),
        "planned_courses_max",
        "formations prévues",
        "CISP, formations prévues",
    ),
]


@pytest.mark.parametrize(
    ("path", "limit", "noun", "words"), LISTS, ids=[json_path(p) for p, *_ in LISTS]
)
def test_a_list_one_item_over_its_limit_is_refused_once_and_told_in_words(path, limit, noun, words):
    document = copy.deepcopy(FULL)
    items = document
    for key in path:
        items = items[key]
    items.append(copy.deepcopy(items[-1]))
    most = limits().value(limit)
    with pytest.raises(ExchangeError) as raised:
        dossier_from_data(document)
    (problem,) = raised.value.problems
    assert str(problem) == f"{json_path(path)} : {most + 1} {noun}, au plus {most}"
    assert told(problem.path, problem.message) == f"{words} : {most + 1} {noun}, au plus {most}"


def test_101_periods_are_refused_once_even_when_each_is_wrong_too():
    document = make_dossier(experiences=[period("2009-03-02", "2001-01-01")] * 101)
    assert problems_of(document) == ["experiences : 101 périodes, au plus 100"]
    document["experiences"].pop()
    assert len(problems_of(document)) == 100  # within the limit, each one is told


def test_a_long_unknown_key_or_a_long_date_is_said_short():
    document = make_dossier()
    document["candidate"]["k" * 5000] = 1
    document["candidate"]["birth_date"] = "1" * 5000
    said = problems_of(document)
    assert said == [
        f"candidate.{'k' * 37}… : clé inconnue (vérifiez l'orthographe)",
        f"candidate.birth_date : « {'1' * 37}… » n'est pas une date au format AAAA-MM-JJ",
    ]


def test_a_200_mb_dossier_file_is_refused_by_its_size_without_being_read(tmp_path):
    path = huge_file(tmp_path / "enorme.json", 200_000_000, b'{"format": "passerelle.dossier"')
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(ExchangeError) as raised:
        read_dossier(path)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [str(p) for p in raised.value.problems] == [
        "fichier de 200 Mo, au plus 2 Mo : ce n'est pas un dossier Passerelle"
    ]
    assert elapsed < 0.5 and peak < 1_000_000


def test_a_dossier_file_just_over_the_limit_is_refused_just_under_read(tmp_path):
    most = limits().value("dossier_file_max_bytes")
    text = json.dumps(BASE_DOSSIER)
    path = tmp_path / "d.json"
    path.write_text(text + " " * (most - len(text)), encoding="utf-8")
    assert read_dossier(path).candidate.ref == "c-2014-017"
    path.write_text(text + " " * (most + 1 - len(text)), encoding="utf-8")
    with pytest.raises(ExchangeError) as raised:
        read_dossier(path)
    assert str(raised.value.problems[0]) == (
        f"fichier de {number(most + 1)} octets, au plus {number(most)} octets : "
        "ce n'est pas un dossier Passerelle"
    )


def test_more_files_than_an_import_takes_are_refused_before_any_is_read(tmp_path):
    from app.store.received import find_files

    most = limits().value("import_files_max")
    folder = tmp_path / "recus"
    folder.mkdir()
    for i in range(most + 1):
        (folder / f"d-{i:05d}.json").touch()  # empty: not one is read
    with pytest.raises(ExchangeError) as raised:
        find_files([folder])
    assert raised.value.source == str(folder / f"d-{most:05d}.json")
    assert [str(p) for p in raised.value.problems] == [
        f"{number(most + 1)} fichiers, au plus {number(most)} par import : "
        "importez-les en plusieurs fois"
    ]
    (folder / f"d-{most:05d}.json").unlink()
    files, missing = find_files([folder, tmp_path / "absent.json"])  # within the limit
    assert len(files) == most and [str(m.file) for m in missing] == [str(tmp_path / "absent.json")]


# --- the catalogue ---------------------------------------------------------------------


@pytest.mark.parametrize("char", ["é", "\U0001f600"])
def test_the_largest_catalogue_is_accepted_whole_and_fits_in_a_file(tmp_path, char):
    catalogue = catalogue_from_data(largest_catalogue(char))
    text = catalogue_text(catalogue)
    assert len(text.encode("utf-8")) <= limits().value("catalogue_file_max_bytes")
    path = tmp_path / "catalogue.json"
    path.write_text(text, encoding="utf-8")
    assert read_catalogue(path) == catalogue


def test_a_csv_title_of_10000_characters_is_refused_naming_its_line():
    text = HEADER + LINE.format(1) + "A-2;" + "T" * 10_000 + ";2;7;oui;oui\n" + LINE.format(3)
    with pytest.raises(ExchangeError) as raised:
        catalogue_from_csv_text(text, "c.csv", "c")
    assert [str(p) for p in raised.value.problems] == [
        f"ligne 3, title : 10{NARROW_NBSP}000 caractères, au plus 200"
    ]


def test_a_csv_with_more_courses_than_the_limit_is_refused_blank_lines_not_counted():
    most = limits().value("catalogue_courses_max")
    lines = [LINE.format(i) + "\n;;;;;\n" for i in range(most)]
    catalogue = catalogue_from_csv_text(HEADER + "".join(lines), "c.csv", "c")
    assert len(catalogue.courses) == most
    with pytest.raises(ExchangeError) as raised:
        catalogue_from_csv_text(HEADER + "".join(lines) + LINE.format("x"), "c.csv", "c")
    assert [str(p) for p in raised.value.problems] == [
        f"{most + 1} formations (lignes remplies), au plus {most}"
    ]


def test_a_csv_cell_bigger_than_the_csv_reader_takes_is_refused_in_french():
    text = HEADER + LINE.format(1) + 'A-2;"Atelier sans guillemet fermant;2;7;oui;oui\n'
    text += LINE.format(3) * 20_000
    with pytest.raises(ExchangeError) as raised:
        catalogue_from_csv_text(text, "c.csv", "c")
    (problem,) = raised.value.problems
    assert problem.path == "ligne 3"
    assert "guillemet" in problem.message and "resté ouvert" in problem.message


def test_a_csv_whose_file_name_is_too_long_for_a_catalogue_name_is_refused():
    text = HEADER + LINE.format(1)
    with pytest.raises(ExchangeError) as raised:
        catalogue_from_csv_text(text, "c.csv", "n" * 201)
    assert [str(p) for p in raised.value.problems] == [
        "nom du fichier (celui du catalogue) : 201 caractères, au plus 200"
    ]


def test_a_json_catalogue_with_too_many_courses_or_a_long_title_is_refused():
    data = largest_catalogue("a")
    data["courses"][3]["title"] = "T" * 201
    with pytest.raises(ExchangeError) as raised:
        catalogue_from_data(data)
    assert [str(p) for p in raised.value.problems] == [
        "courses[3].title : 201 caractères, au plus 200"
    ]
    data["courses"].append(data["courses"][0])
    with pytest.raises(ExchangeError) as raised:
        catalogue_from_data(data)
    assert [str(p) for p in raised.value.problems] == ["courses : 2001 formations, au plus 2000"]


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_a_catalogue_file_over_its_size_is_refused_before_it_is_read(tmp_path, suffix):
    path = huge_file(tmp_path / f"catalogue{suffix}", 6_000_000, HEADER.encode())
    with pytest.raises(ExchangeError) as raised:
        read_catalogue(path)
    assert [str(p) for p in raised.value.problems] == [
        "fichier de 6 Mo, au plus 5 Mo : ce n'est pas un catalogue de formations Passerelle"
    ]


def test_the_shipped_catalogues_and_examples_are_within_the_limits():
    assert read_catalogue(resource("catalogues", "catalogue-exemple.csv")).courses
    assert read_catalogue(resource("catalogues", "catalogue-exemple.json")).courses
    for path in resource("examples").glob("*.json"):
        assert read_dossier(path)


# --- PDF dossiers ----------------------------------------------------------------------


def a_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    out = BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 72, "Dossier")
    page.save()
    return out.getvalue()


def test_a_pdf_over_its_size_is_refused_before_it_is_opened(tmp_path, monkeypatch):
    path = huge_file(tmp_path / "enorme.pdf", 25_000_000, b"%PDF-1.4\n")

    def never(*args, **kwargs):
        raise AssertionError("pikepdf must not open it")

    monkeypatch.setattr(pikepdf, "open", never)
    (received,) = read_received([path])
    assert received.dossier is None and received.error is not None
    assert [str(p) for p in received.error.problems] == [
        "fichier de 25 Mo, au plus 20 Mo : ce n'est pas un dossier PDF exporté par Passerelle"
    ]


def test_an_attachment_just_over_the_dossier_limit_is_refused(tmp_path):
    most = limits().value("dossier_file_max_bytes")
    path = tmp_path / "gros.pdf"
    path.write_bytes(finish_pdf(a_pdf(), " " * (most + 1)))
    with pytest.raises(ExchangeError) as raised:
        attached_json(path)
    assert [str(p) for p in raised.value.problems] == [
        f"dossier joint de {number(most + 1)} octets, au plus {number(most)} octets : bien "
        "trop gros pour être un dossier Passerelle"
    ]
    path.write_bytes(finish_pdf(a_pdf(), " " * most))
    assert len(attached_json(path)) == most


def bomb(megabytes: int) -> bytes:
    """A FlateDecode stream of `megabytes` million spaces, made in no time: a block that
    needs nothing before it (full flush), repeated (its checksum is wrong: nothing
    inflates that far)."""
    packer = zlib.compressobj(9)
    piece = b" " * 1_000_000
    head = packer.compress(piece) + packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(piece) + packer.flush(zlib.Z_FULL_FLUSH)
    return head + block * (megabytes - 1) + packer.flush()


def test_a_compressed_attachment_that_lies_about_its_size_is_not_inflated(tmp_path):
    path = tmp_path / "bombe.pdf"
    with pikepdf.open(BytesIO(finish_pdf(a_pdf(), "{}"))) as document:
        attached = document.attachments[ATTACHMENT_NAME].get_file()
        attached.obj.write(bomb(1000), filter=pikepdf.Name.FlateDecode)
        attached.obj.Params.Size = 2  # what it says it holds
        document.save(path, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    assert path.stat().st_size < 2_000_000  # a billion spaces inside
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(ExchangeError) as raised:
        attached_json(path)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [str(p) for p in raised.value.problems] == [
        "dossier joint de plus de 2 Mo : bien trop gros pour être un dossier Passerelle"
    ]
    assert elapsed < 2 and peak < 20_000_000


def test_an_attachment_encoded_otherwise_than_passerelle_writes_it_is_refused(tmp_path):
    path = tmp_path / "autre.pdf"
    with pikepdf.open(BytesIO(finish_pdf(a_pdf(), "{}"))) as document:
        attached = document.attachments[ATTACHMENT_NAME].get_file()
        attached.obj.write(b"7B7D>", filter=pikepdf.Name.ASCIIHexDecode)
        document.save(path, compress_streams=False)  # kept as written
    with pytest.raises(ExchangeError, match=r"encodé autrement.*/ASCIIHexDecode"):
        attached_json(path)


# --- other files read ------------------------------------------------------------------


def test_a_rules_file_over_its_size_is_refused(tmp_path):
    path = huge_file(tmp_path / "regles.toml", 3_000_000, b"[rules]\n")
    with pytest.raises(RulesError) as raised:
        load_rules(path)
    assert raised.value.problems == [
        "fichier de 3 Mo, au plus 200 ko : ce n'est pas un fichier de règles Passerelle"
    ]


@pytest.mark.skipif(not Path("/proc/self/smaps").exists(), reason="Linux's /proc")
def test_a_file_that_does_not_say_its_size_is_read_to_its_limit_and_no_further():
    status, maps = Path("/proc/self/status"), Path("/proc/self/smaps")
    assert status.stat().st_size == 0 == maps.stat().st_size
    assert read_bounded(status, "password_file_max_bytes").startswith(b"Name:")
    assert read_bounded(maps, "password_file_max_bytes") is None  # far more than 4 kB


def test_a_structure_a_dossier_could_not_carry_is_said_by_its_key():
    from dataclasses import replace

    from app.exchange.dossier import structure_problems

    structure = dossier_from_data(make_dossier()).structure
    assert structure_problems(structure) == {}
    too_long_name = replace(structure, name="N" * 250, address="A" * 301)
    assert structure_problems(too_long_name) == {
        "name": "250 caractères, au plus 200",
        "address": "301 caractères, au plus 300",
    }
