"""The course catalogue (EXCHANGE.md « Course catalogue »), from JSON or from a
`;`-separated CSV kept in a spreadsheet. Every problem is reported, by JSON path or by
CSV line."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from app.domain import Catalogue, CatalogueCourse
from app.exchange.dossier_spec import pole_number
from app.exchange.header import SUPPORTED_VERSION, check_header
from app.exchange.jsontext import parse_json, read_text_file
from app.exchange.problems import ExchangeError, Problem
from app.exchange.spec import (
    INVALID,
    Boolean,
    Choice,
    Date,
    Key,
    ListOf,
    Nullable,
    Number,
    Obj,
    Problems,
    Text,
    short,
    unique,
)
from app.french import number
from app.limits import count_exceeded, limits
from app.resources import resource

CATALOGUE_FORMAT = "passerelle.catalogue"
CSV_COLUMNS = ("code", "title", "pole", "hours", "capitalisable", "required")

_POLE = pole_number()
_NAME = Text(required_content=True, limit="text_max_chars")
_HOURS = Number(minimum=0, range_text="positif ou nul", description="Durée en heures")

CATALOGUE_COURSE = Obj(
    title="Formation du catalogue",
    build=CatalogueCourse,
    keys={
        "code": Key(Text(required_content=True, limit="reference_max_chars")),
        "title": Key(Text(required_content=True, limit="text_max_chars")),
        "pole": Key(_POLE),
        "hours": Key(_HOURS),
        "capitalisable": Key(Boolean(description="« formation capitalisable » (CISP-CAP)")),
        "required": Key(Boolean(description="Fait partie du parcours du pôle")),
    },
)


def _build_catalogue(format: str, format_version: int, **parts: Any) -> Catalogue:
    return Catalogue(**parts)


CATALOGUE = Obj(
    title="Catalogue des formations COORACE Formation",
    description="Format d'échange v1 : le catalogue des formations (EXCHANGE.md).",
    build=_build_catalogue,
    keys={
        "format": Key(Choice((CATALOGUE_FORMAT,))),
        "format_version": Key(Choice((SUPPORTED_VERSION,))),
        "name": Key(_NAME),
        "version": Key(
            Nullable(Text(required_content=True, limit="text_max_chars")), required=False
        ),
        "published_on": Key(Nullable(Date()), required=False),
        "example": Key(
            Boolean(description="true : catalogue inventé, jamais présenté comme celui de COORACE"),
            required=False,
            default=False,
        ),
        "courses": Key(
            ListOf(
                CATALOGUE_COURSE,
                limit="catalogue_courses_max",
                noun="formations",
                checks=(unique("code", "code"),),
            )
        ),
    },
)


def catalogue_from_data(data: Any, source: str = "catalogue") -> Catalogue:
    check_header(data, CATALOGUE_FORMAT, "un catalogue de formations Passerelle", source)
    problems: Problems = []
    catalogue = CATALOGUE.validate(data, "", problems)
    if catalogue is INVALID:
        raise ExchangeError(source, problems)
    return catalogue


_BOOLEANS = {"oui": True, "non": False}


def _csv_number(text: str) -> int | float | str:
    """« 21 » → 21, « 10,5 » → 10.5; anything else is returned as text, to be refused."""
    cleaned = text.strip().replace("\u202f", "").replace("\u00a0", "").replace(" ", "")
    try:
        return int(cleaned)
    except ValueError:
        pass
    try:
        return float(cleaned.replace(",", "."))
    except ValueError:
        return text


def _csv_rows(text: str, source: str) -> Iterator[tuple[int, list[str]]]:
    """The rows of a `;`-CSV text, with their number (the header is row 1), read one at a
    time; a row that cannot be read is refused in French with its number."""
    reader = csv.reader(io.StringIO(text), delimiter=";")
    line_number = 0
    try:
        for line_number, row in enumerate(reader, start=1):
            yield line_number, row
    except csv.Error as error:
        where = f"ligne {line_number + 1}"
        if "field limit" in str(error):
            most = number(csv.field_size_limit())
            message = (
                f'une cellule de plus de {most} caractères : un guillemet « " » '
                "est-il resté ouvert ?"
            )
        else:
            message = f"CSV illisible ({error})"
        raise ExchangeError(source, [Problem(where, message)]) from None


def catalogue_from_csv_text(text: str, source: str, name: str) -> Catalogue:
    """A catalogue from `;`-separated CSV (header `code;title;pole;hours;capitalisable;required`,
    booleans `oui`/`non`). Problems name the line (the header is line 1) and the column.
    `name` (the file's name) becomes the catalogue's name, and is checked as such."""
    rows = _csv_rows(text, source)
    first = next(rows, None)
    if first is None or not any(cell.strip() for cell in first[1]):
        raise ExchangeError(source, [Problem("ligne 1", "le fichier est vide")])
    header = [cell.strip().lower() for cell in first[1]]
    if tuple(header) != CSV_COLUMNS:
        expected = ";".join(CSV_COLUMNS)
        found = short(";".join(first[1]))
        message = f"en-tête attendu « {expected} », trouvé « {found} »"
        raise ExchangeError(source, [Problem("ligne 1", message)])
    most = limits().value("catalogue_courses_max")
    kept: list[tuple[int, list[str]]] = []
    count = 0
    for line_number, row in rows:  # counted to the end, kept only up to the limit
        if any(cell.strip() for cell in row):
            count += 1
            if count <= most:
                kept.append((line_number, row))
    if count > most:
        message = count_exceeded(count, most, "formations (lignes remplies)")
        raise ExchangeError(source, [Problem("", message)])
    problems: Problems = []
    _NAME.validate(name, "nom du fichier (celui du catalogue)", problems)
    courses: list[CatalogueCourse] = []
    first_line: dict[str, int] = {}
    for line_number, row in kept:
        where = f"ligne {line_number}"
        if len(row) != len(CSV_COLUMNS):
            message = f"{len(row)} colonnes au lieu de {len(CSV_COLUMNS)} (séparateur « ; »)"
            problems.append(Problem(where, message))
            continue
        cells = dict(zip(CSV_COLUMNS, (cell.strip() for cell in row), strict=True))
        values: dict[str, Any] = {
            "code": cells["code"],
            "title": cells["title"],
            "pole": _csv_number(cells["pole"]),
            "hours": _csv_number(cells["hours"]),
        }
        row_problems: Problems = []
        for column in ("capitalisable", "required"):
            values[column] = _BOOLEANS.get(cells[column].lower(), False)
            if cells[column].lower() not in _BOOLEANS:
                message = f"« oui » ou « non » attendu (reçu : « {short(cells[column])} »)"
                row_problems.append(Problem(f"{where}.{column}", message))
        course = CATALOGUE_COURSE.validate(values, where, row_problems)
        problems.extend(Problem(p.path.replace(".", ", ", 1), p.message) for p in row_problems)
        if row_problems:
            continue
        if course.code in first_line:
            message = f"code « {course.code} » déjà présent ligne {first_line[course.code]}"
            problems.append(Problem(f"{where}, code", message))
            continue
        first_line[course.code] = line_number
        courses.append(course)
    if problems:
        raise ExchangeError(source, problems)
    return Catalogue(name=name, courses=tuple(courses))


WHAT = "un catalogue de formations Passerelle"


def read_catalogue(path: Path) -> Catalogue:
    """Reads a catalogue from `.json` or `.csv`; ExchangeError lists every problem. A file
    over `catalogue_file_max_bytes` is refused by its size, before it is read."""
    source = str(path)
    text = read_text_file(path, "catalogue_file_max_bytes", WHAT)
    if path.suffix.lower() == ".csv":
        return catalogue_from_csv_text(text, source, name=path.stem)
    return catalogue_from_data(parse_json(text, source), source)


def catalogue_to_data(catalogue: Catalogue) -> dict[str, Any]:
    """The exchange document of a catalogue (format v1), every key present."""
    published = catalogue.published_on
    return {
        "format": CATALOGUE_FORMAT,
        "format_version": SUPPORTED_VERSION,
        "name": catalogue.name,
        "version": catalogue.version,
        "published_on": published.isoformat() if published else None,
        "example": catalogue.example,
        "courses": [
            {
                "code": course.code,
                "title": course.title,
                "pole": course.pole,
                "hours": course.hours,
                "capitalisable": course.capitalisable,
                "required": course.required,
            }
            for course in catalogue.courses
        ],
    }


def catalogue_text(catalogue: Catalogue) -> str:
    """The catalogue as a normalised JSON file (UTF-8 text, accents kept)."""
    return json.dumps(catalogue_to_data(catalogue), ensure_ascii=False, indent=2) + "\n"


def example_catalogue_file() -> Path:
    """The invented catalogue shipped for demonstrations and tests (`example: true`)."""
    return resource("catalogues", "catalogue-exemple.json")
