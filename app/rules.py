"""The rules in force: every figure of DOMAIN.md, read from a TOML file by name.

A rules file describes one certification campaign: its id and version, then one table
per parameter with the rule it belongs to, a French label, a unit, a value and a source.
The loader refuses a file with a missing, unknown or ill-typed parameter, naming it.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.limits import file_size_problem, read_bounded
from app.resources import resource

DEFAULT_RULES_FILE = resource("rules", "coorace-2014-2015.toml")

# What each parameter must be. A tuple lists the allowed texts.
_POSITIVE_INT = "entier positif"
_NON_NEGATIVE_NUMBER = "nombre positif ou nul"
_TEXT = "texte"
_BOOLEAN = "booléen (true ou false)"
PARAMETER_KINDS: dict[str, str | tuple[str, ...]] = {
    "min_experience_years": _POSITIVE_INT,
    "days_per_year": _POSITIVE_INT,
    "days_per_month": _POSITIVE_INT,
    "experience_counting": ("calendar", "fte"),
    "min_group_size": _POSITIVE_INT,
    "mobilisation_days": _POSITIVE_INT,
    "mobilisation_months": _POSITIVE_INT,
    "max_cost_eur": _NON_NEGATIVE_NUMBER,
    "opca_amount_eur": _NON_NEGATIVE_NUMBER,
    "opca_name": _TEXT,
    "cpf_max_hours": _NON_NEGATIVE_NUMBER,
    "positioning_threshold_pct": _NON_NEGATIVE_NUMBER,
    "positioning_threshold_inclusive": _BOOLEAN,
    "vae_max_months": _POSITIVE_INT,
    "retroactivity_years": _POSITIVE_INT,
    "max_path_years": _POSITIVE_INT,
    "deadline_warning_days": _POSITIVE_INT,
    "inactivity_warning_days": _POSITIVE_INT,
    "weekly_hours_full_time": _POSITIVE_INT,
}
_PARAMETER_FIELDS = ("rule", "label", "unit", "value", "source")

# Plausible bounds of the numeric parameters, so that a typo in a campaign's file (a cost
# of 13 800 000 €, a path of 500 years) is refused instead of producing absurd verdicts.
PARAMETER_BOUNDS: dict[str, tuple[float, float]] = {
    "min_experience_years": (1, 30),
    "days_per_year": (360, 366),
    "days_per_month": (28, 31),
    "min_group_size": (1, 1000),
    "mobilisation_days": (1, 365),
    "mobilisation_months": (1, 60),
    "max_cost_eur": (0, 1_000_000),
    "opca_amount_eur": (0, 1_000_000),
    "cpf_max_hours": (0, 10_000),
    "positioning_threshold_pct": (0, 100),
    "vae_max_months": (1, 60),
    "retroactivity_years": (1, 50),
    "max_path_years": (1, 50),
    "deadline_warning_days": (1, 3650),
    "inactivity_warning_days": (1, 3650),
    "weekly_hours_full_time": (1, 60),
}


class RulesError(ValueError):
    """A rules file that cannot be used; `problems` are French sentences naming the field."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        super().__init__(f"Fichier de règles inutilisable ({path}) : " + " ; ".join(problems))


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    rule: str
    label: str
    unit: str
    value: Any
    source: str


@dataclass(frozen=True, slots=True)
class Rules:
    id: str
    version: str
    title: str
    source: str
    parameters: dict[str, Parameter]

    def parameter(self, name: str) -> Parameter:
        return self.parameters[name]

    def value(self, name: str) -> Any:
        """A parameter's value, by its name in the rules file."""
        return self.parameters[name].value


def _kind_problem(name: str, value: Any, kind: str | tuple[str, ...]) -> str | None:
    where = f"parameters.{name}.value"
    if isinstance(kind, tuple):
        if value not in kind:
            allowed = ", ".join(f"« {v} »" for v in kind)
            return f"{where} : valeur « {value} » non reconnue ; valeurs possibles : {allowed}"
        return None
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    if kind == _POSITIVE_INT and not (isinstance(value, int) and is_number and value > 0):
        return f"{where} : doit être un {kind} (valeur lue : {value!r})"
    if kind == _NON_NEGATIVE_NUMBER and not (is_number and value >= 0):
        return f"{where} : doit être un {kind} (valeur lue : {value!r})"
    if kind == _TEXT and not (isinstance(value, str) and value.strip()):
        return f"{where} : doit être un {kind} non vide (valeur lue : {value!r})"
    if kind == _BOOLEAN and not isinstance(value, bool):
        return f"{where} : doit être un {kind} (valeur lue : {value!r})"
    if name in PARAMETER_BOUNDS:
        low, high = PARAMETER_BOUNDS[name]
        if not (math.isfinite(value) and low <= value <= high):
            return f"{where} : doit être compris entre {low} et {high} (valeur lue : {value!r})"
    return None


def _parameter(name: str, table: Any, problems: list[str]) -> Parameter | None:
    if not isinstance(table, dict):
        problems.append(f"parameters.{name} : doit être une table [parameters.{name}]")
        return None
    before = len(problems)
    for key in _PARAMETER_FIELDS:
        if key not in table:
            problems.append(f"parameters.{name}.{key} : champ obligatoire manquant")
        elif key != "value" and not (isinstance(table[key], str) and table[key].strip()):
            problems.append(f"parameters.{name}.{key} : doit être un texte non vide")
    problems.extend(
        f"parameters.{name}.{key} : champ inconnu" for key in table if key not in _PARAMETER_FIELDS
    )
    if "value" in table:
        problem = _kind_problem(name, table["value"], PARAMETER_KINDS[name])
        if problem:
            problems.append(problem)
    if len(problems) > before:
        return None
    return Parameter(name=name, **{key: table[key] for key in _PARAMETER_FIELDS})


def load_rules(path: Path | str | None = None) -> Rules:
    """Reads and checks a rules file (default: the campaign shipped with the app)."""
    path = Path(path) if path is not None else DEFAULT_RULES_FILE
    try:
        raw = read_bounded(path, "rules_file_max_bytes")
        if raw is None:  # refused by its size, before it is read
            too_big = file_size_problem(path, "rules_file_max_bytes")
            raise RulesError(path, [f"{too_big} : ce n'est pas un fichier de règles Passerelle"])
        document = tomllib.loads(raw.decode("utf-8"))
    except FileNotFoundError:
        raise RulesError(path, ["fichier introuvable"]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise RulesError(path, [f"lecture impossible ({error})"]) from None
    except tomllib.TOMLDecodeError as error:
        raise RulesError(path, [f"TOML invalide : {error}"]) from None

    problems: list[str] = []
    header = document.get("rules")
    if not isinstance(header, dict):
        problems.append("rules : table [rules] manquante (id, version, title, source)")
        header = {}
    for key in ("id", "version", "title", "source"):
        if not (isinstance(header.get(key), str) and header[key].strip()):
            problems.append(f"rules.{key} : texte obligatoire manquant")
    tables = document.get("parameters")
    if not isinstance(tables, dict):
        problems.append("parameters : tables [parameters.<nom>] manquantes")
        tables = {}
    problems.extend(
        f"parameters.{name} : paramètre inconnu" for name in tables if name not in PARAMETER_KINDS
    )
    parameters: dict[str, Parameter] = {}
    for name in PARAMETER_KINDS:
        if name not in tables:
            problems.append(f"parameters.{name} : paramètre manquant")
            continue
        parameter = _parameter(name, tables[name], problems)
        if parameter is not None:
            parameters[name] = parameter
    extra = set(document) - {"rules", "parameters"}
    problems.extend(f"{key} : table inconnue" for key in sorted(extra))
    if problems:
        raise RulesError(path, problems)
    return Rules(
        id=header["id"],
        version=header["version"],
        title=header["title"],
        source=header["source"],
        parameters=parameters,
    )
