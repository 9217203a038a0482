"""The size limits of what Passerelle reads, by name: files, texts, lists
(resources/limits.toml, where each one says what it bounds and why that value).

The file is read and checked once (`limits()` caches it): a missing, unknown, ill-typed
or non-positive limit is refused, naming it, as the rules loader does. An input beyond a
limit is refused whole, in French, naming the value received and the limit: nothing is
ever truncated. The French words of those refusals are here too, so that every part of
Passerelle says them alike.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from app.french import number
from app.resources import resource

LIMITS_FILE = resource("limits.toml")

# Every limit the code reads, and nothing else: the file must hold exactly these.
LIMIT_NAMES: tuple[str, ...] = (
    "dossier_file_max_bytes",
    "pdf_file_max_bytes",
    "catalogue_file_max_bytes",
    "rules_file_max_bytes",
    "password_file_max_bytes",
    "import_files_max",
    "text_max_chars",
    "reference_max_chars",
    "email_max_chars",
    "address_max_chars",
    "note_max_chars",
    "experiences_max",
    "courses_max",
    "financing_lines_max",
    "gap_analysis_max",
    "upgrading_courses_max",
    "accompaniment_sessions_max",
    "validated_activities_max",
    "pole_sessions_max",
    "planned_courses_max",
    "catalogue_courses_max",
    "group_members_max",
    "group_regions_max",
    "scan_max_bytes",
)


class LimitsError(ValueError):
    """A limits file that cannot be used; `problems` are French sentences naming the key."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        super().__init__(f"Fichier des limites inutilisable ({path}) : " + " ; ".join(problems))


@dataclass(frozen=True, slots=True)
class Limits:
    values: dict[str, int]

    def value(self, name: str) -> int:
        """A limit, by its name in resources/limits.toml."""
        try:
            return self.values[name]
        except KeyError:
            raise KeyError(f"limite inconnue : {name} (voir resources/limits.toml)") from None


def load_limits(path: Path | str | None = None) -> Limits:
    """Reads and checks a limits file (default: the one shipped with the app)."""
    path = Path(path) if path is not None else LIMITS_FILE
    try:
        with path.open("rb") as handle:
            document = tomllib.load(handle)
    except FileNotFoundError:
        raise LimitsError(path, ["fichier introuvable"]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise LimitsError(path, [f"lecture impossible ({error})"]) from None
    except tomllib.TOMLDecodeError as error:
        raise LimitsError(path, [f"TOML invalide : {error}"]) from None
    problems = [f"{key} : table inconnue" for key in sorted(document) if key != "limits"]
    table = document.get("limits")
    if not isinstance(table, dict):
        raise LimitsError(path, [*problems, "limits : table [limits] manquante"])
    problems += [f"limits.{key} : limite inconnue" for key in table if key not in LIMIT_NAMES]
    values: dict[str, int] = {}
    for name in LIMIT_NAMES:
        value = table.get(name)
        if name not in table:
            problems.append(f"limits.{name} : limite manquante")
        elif isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            problems.append(f"limits.{name} : doit être un entier positif (valeur lue : {value!r})")
        else:
            values[name] = value
    if problems:
        raise LimitsError(path, problems)
    return Limits(values)


@cache
def limits() -> Limits:
    """The limits in force, read once from resources/limits.toml."""
    return load_limits()


def size_text(size: int) -> str:
    """« 850 octets », « 12,5 ko », « 2 Mo », « 1,9 Go » (1 ko = 1000 octets)."""
    for unit, scale in (("Go", 10**9), ("Mo", 10**6), ("ko", 10**3)):
        if size >= scale:
            return f"{number(size / scale, 1)} {unit}"
    return f"{size} octet{'s' if size > 1 else ''}"


def size_exceeded(size: int, limit: int) -> str:
    """« 200 Mo, au plus 2 Mo »; in bytes when both round to the same words."""
    said, allowed = size_text(size), size_text(limit)
    if said == allowed:
        said, allowed = f"{number(size)} octets", f"{number(limit)} octets"
    return f"{said}, au plus {allowed}"


def chars_exceeded(length: int, limit: int) -> str:
    """« 250 caractères, au plus 200 »."""
    return f"{number(length)} caractères, au plus {number(limit)}"


def count_exceeded(count: int, limit: int, noun: str) -> str:
    """« 101 périodes, au plus 100 »."""
    return f"{number(count)} {noun}, au plus {number(limit)}"


def read_bounded(path: Path, name: str) -> bytes | None:
    """The bytes of a file of at most the limit `name`, without ever reading more than
    one byte past it; None when the file is bigger (see `file_size_problem`). OSError as
    `open` raises it."""
    limit = limits().value(name)
    size = path.stat().st_size
    if size > limit:
        return None
    with path.open("rb") as handle:  # the size said, not the limit: no buffer of the limit
        data = handle.read(size + 1)
        if len(data) > size:  # it grew since, or its size is not said (/proc): read on
            data += handle.read(limit + 1 - len(data))
    return None if len(data) > limit else data


def file_size_problem(path: Path, name: str) -> str:
    """« fichier de 200 Mo, au plus 2 Mo », for a file `read_bounded` refused."""
    limit = limits().value(name)
    try:
        size = max(path.stat().st_size, limit + 1)
    except OSError:
        size = limit + 1
    return f"fichier de {size_exceeded(size, limit)}"
