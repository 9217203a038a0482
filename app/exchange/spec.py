"""A small declarative description of a JSON document: it validates, builds domain
objects and writes the JSON Schema, from one description.

Each node checks one value and reports French problems at its JSON path. Objects refuse
unknown keys, numbers are never booleans, texts are never numbers: a typo or a wrong type
is reported, never silently fixed. Every text and every list is bounded by a named limit
(resources/limits.toml, app/limits.py): a node cannot be made without one, and a value
beyond it is refused whole (« 250 caractères, au plus 200 »), never truncated.
"""

from __future__ import annotations

import math
import re
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.dates import DateFormatError, parse_iso_date, parse_iso_datetime
from app.exchange.problems import Problem
from app.limits import LIMIT_NAMES, chars_exceeded, count_exceeded, limits

INVALID: Any = object()  # marker: the value was refused, problems were reported

Problems = list[Problem]


def child_path(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _known_limit(name: str) -> None:
    if name not in LIMIT_NAMES:
        raise ValueError(f"unknown limit {name!r}: see app/limits.py and resources/limits.toml")


def short(text: str) -> str:
    """A text cut for a message (at most 40 characters): the document keeps it whole."""
    return text if len(text) <= 40 else f"{text[:37]}…"


def shown(value: Any) -> str:
    """A received value, quoted for a message (short)."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif value is None:
        text = "null"
    elif isinstance(value, dict):
        return "un objet"
    elif isinstance(value, list):
        return "une liste"
    elif isinstance(value, str):
        return f"le texte « {short(value)} »"
    else:
        text = str(value)
    return text


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class Node(ABC):
    """One value of the document: checks it, builds it, describes it in JSON Schema."""

    @abstractmethod
    def validate(self, value: Any, path: str, problems: Problems) -> Any:
        """The built value, or INVALID after adding French problems at `path`."""

    @abstractmethod
    def schema(self) -> dict[str, Any]:
        """The JSON Schema of this value."""


@dataclass
class Text(Node):
    limit: str = field(kw_only=True)  # the name of its `*_max_chars` limit
    required_content: bool = False
    pattern: str | None = None
    pattern_check: Callable[[str], bool] | None = None
    pattern_hint: str = ""
    description: str = ""

    def __post_init__(self) -> None:
        _known_limit(self.limit)

    def validate(self, value: Any, path: str, problems: Problems) -> Any:
        if not isinstance(value, str):
            problems.append(Problem(path, f"doit être un texte (reçu : {shown(value)})"))
            return INVALID
        most = limits().value(self.limit)
        if len(value) > most:
            problems.append(Problem(path, chars_exceeded(len(value), most)))
            return INVALID
        if not value.isascii() and not _encodable(value):
            problems.append(Problem(path, "contient un caractère invalide (demi-paire UTF-16)"))
            return INVALID
        if _CONTROL.search(value):
            problems.append(Problem(path, "contient un caractère de contrôle invisible"))
            return INVALID
        if self.required_content and not value.strip():
            problems.append(Problem(path, "ne doit pas être vide"))
            return INVALID
        if self.pattern_check is not None and not self.pattern_check(value):
            problems.append(Problem(path, f"{self.pattern_hint} (reçu : {shown(value)})"))
            return INVALID
        return value

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "string"}
        if self.required_content:
            out["minLength"] = 1
            out["pattern"] = r"\S"
        out["maxLength"] = limits().value(self.limit)
        if self.pattern:
            out["pattern"] = self.pattern
        return _described(out, self.description)


@dataclass
class Number(Node):
    integer: bool = False
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: float | None = None
    range_text: str = ""  # « entre 0 et 100 », used in messages
    description: str = ""

    def validate(self, value: Any, path: str, problems: Problems) -> Any:
        kinds = (int,) if self.integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds):
            expected = "un nombre entier" if self.integer else "un nombre"
            problems.append(Problem(path, f"doit être {expected} (reçu : {shown(value)})"))
            return INVALID
        if isinstance(value, float) and not math.isfinite(value):
            problems.append(Problem(path, "doit être un nombre fini (valeur hors limites)"))
            return INVALID
        too_low = (self.minimum is not None and value < self.minimum) or (
            self.exclusive_minimum is not None and value <= self.exclusive_minimum
        )
        too_high = self.maximum is not None and value > self.maximum
        if too_low or too_high:
            problems.append(Problem(path, f"doit être {self.range_text} (reçu : {value})"))
            return INVALID
        return value

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "integer" if self.integer else "number"}
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.exclusive_minimum is not None:
            out["exclusiveMinimum"] = self.exclusive_minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        return _described(out, self.description)


@dataclass
class Boolean(Node):
    description: str = ""

    def validate(self, value: Any, path: str, problems: Problems) -> Any:
        if not isinstance(value, bool):
            problems.append(Problem(path, f"doit être true ou false (reçu : {shown(value)})"))
            return INVALID
        return value

    def schema(self) -> dict[str, Any]:
        return _described({"type": "boolean"}, self.description)


@dataclass
class Date(Node):
    description: str = ""

    def validate(self, value: Any, path: str, problems: Problems) -> Any:
        if not isinstance(value, str):
            problems.append(
                Problem(path, f"doit être une date au format AAAA-MM-JJ (reçu : {shown(value)})")
            )
            return INVALID
        if len(value) > 40:  # never a date: said short, as any text received
            problems.append(
                Problem(path, f"« {short(value)} » n'est pas une date au format AAAA-MM-JJ")
            )
            return INVALID
        try:
            return parse_iso_date(value)
        except DateFormatError as error:
            problems.append(Problem(path, str(error)))
            return INVALID

    def schema(self) -> dict[str, Any]:
        out = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
        return _described(out, self.description)


@dataclass
class DateTime(Node):
    """An ISO date-time with its offset (`2015-01-15T10:42:00+01:00`)."""

    description: str = ""

    def validate(self, value: Any, path: str, problems: Problems) -> Any:
        if not isinstance(value, str) or len(value) > 40:
            problems.append(
                Problem(
                    path,
                    "doit être une date et heure au format AAAA-MM-JJTHH:MM:SS+HH:MM "
                    f"(reçu : {shown(value) if not isinstance(value, str) else short(value)})",
                )
            )
            return INVALID
        try:
            return parse_iso_datetime(value)
        except DateFormatError as error:
            problems.append(Problem(path, str(error)))
            return INVALID

    def schema(self) -> dict[str, Any]:
        out = {
            "type": "string",
            "format": "date-time",
            "maxLength": 40,
            "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$",
        }
        return _described(out, self.description)


@dataclass
class Choice(Node):
    values: tuple[Any, ...] = ()
    description: str = ""

    def validate(self, value: Any, path: str, problems: Problems) -> Any:
        if isinstance(value, bool) or value not in self.values:
            allowed = ", ".join(str(v) for v in self.values)
            problems.append(
                Problem(
                    path, f"valeur non reconnue ({shown(value)}) ; valeurs possibles : {allowed}"
                )
            )
            return INVALID
        return value

    def schema(self) -> dict[str, Any]:
        if len(self.values) == 1:
            return _described({"const": self.values[0]}, self.description)
        return _described({"enum": list(self.values)}, self.description)


@dataclass
class Nullable(Node):
    inner: Node

    def validate(self, value: Any, path: str, problems: Problems) -> Any:
        if value is None:
            return None
        return self.inner.validate(value, path, problems)

    def schema(self) -> dict[str, Any]:
        inner = self.inner.schema()
        description = inner.pop("description", None)
        out: dict[str, Any] = {"anyOf": [inner, {"type": "null"}]}
        return _described(out, description or "")


@dataclass
class ListOf(Node):
    item: Node
    limit: str = field(kw_only=True)  # the name of its `*_max` limit
    noun: str = field(kw_only=True)  # what the items are, plural: « périodes »
    checks: tuple[Callable[[list[Any], str, Problems], None], ...] = ()
    description: str = ""

    def __post_init__(self) -> None:
        _known_limit(self.limit)

    def validate(self, value: Any, path: str, problems: Problems) -> Any:
        if not isinstance(value, list):
            problems.append(Problem(path, f"doit être une liste (reçu : {shown(value)})"))
            return INVALID
        most = limits().value(self.limit)
        if len(value) > most:  # said once, before any item is looked at
            problems.append(Problem(path, count_exceeded(len(value), most, self.noun)))
            return INVALID
        before = len(problems)
        items = [self.item.validate(v, child_path(path, i), problems) for i, v in enumerate(value)]
        if len(problems) > before:
            return INVALID
        for check in self.checks:
            check(items, path, problems)
        return INVALID if len(problems) > before else tuple(items)

    def schema(self) -> dict[str, Any]:
        out = {"type": "array", "items": self.item.schema(), "maxItems": limits().value(self.limit)}
        return _described(out, self.description)


@dataclass
class Key:
    """A key of an object: its node, whether it must be present, and its default."""

    node: Node
    required: bool = True
    default: Any = None


ObjectCheck = Callable[[dict[str, Any], str, Problems], None]


@dataclass
class Obj(Node):
    keys: dict[str, Key] = field(default_factory=dict)
    build: Callable[..., Any] = dict
    checks: tuple[ObjectCheck, ...] = ()
    schema_extra: dict[str, Any] = field(default_factory=dict)
    title: str = ""
    description: str = ""

    def validate(self, value: Any, path: str, problems: Problems) -> Any:
        if not isinstance(value, dict):
            problems.append(Problem(path, f"doit être un objet JSON (reçu : {shown(value)})"))
            return INVALID
        before = len(problems)
        problems.extend(
            Problem(child_path(path, short(key)), "clé inconnue (vérifiez l'orthographe)")
            for key in value
            if key not in self.keys
        )
        values: dict[str, Any] = {}
        for name, key in self.keys.items():
            if name in value:
                values[name] = key.node.validate(value[name], child_path(path, name), problems)
            elif key.required:
                problems.append(Problem(child_path(path, name), "champ obligatoire manquant"))
            else:
                values[name] = key.default
        if len(problems) > before:
            return INVALID
        for check in self.checks:
            check(values, path, problems)
        if len(problems) > before:
            return INVALID
        return self.build(**values)

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "object"}
        if self.title:
            out["title"] = self.title
        _described(out, self.description)
        out["properties"] = {name: key.node.schema() for name, key in self.keys.items()}
        out["required"] = [name for name, key in self.keys.items() if key.required]
        out["additionalProperties"] = False
        out.update(self.schema_extra)
        return out


def _described(schema: dict[str, Any], description: str) -> dict[str, Any]:
    if description:
        schema["description"] = description
    return schema


def distinct(what: str) -> Callable[[list[Any], str, Problems], None]:
    """A list check: no value twice (a list of numbers, say)."""

    def check(items: list[Any], path: str, problems: Problems) -> None:
        seen: dict[Any, int] = {}
        for index, item in enumerate(items):
            if item in seen:
                problems.append(
                    Problem(
                        child_path(path, index),
                        f"{what} « {item} » déjà présent(e) en position {seen[item]}",
                    )
                )
            else:
                seen[item] = index

    return check


def unique(attribute: str, what: str) -> Callable[[list[Any], str, Problems], None]:
    """A list check: no two items share `attribute`."""

    def check(items: list[Any], path: str, problems: Problems) -> None:
        seen: dict[Any, int] = {}
        for index, item in enumerate(items):
            key = getattr(item, attribute)
            if key in seen:
                problems.append(
                    Problem(
                        child_path(child_path(path, index), attribute),
                        f"{what} « {key} » déjà présent(e) en position {seen[key]}",
                    )
                )
            else:
                seen[key] = index

    return check
