"""Reading a JSON text strictly: empty files, syntax errors, duplicate keys and NaN are
reported in French with the line and column."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.exchange.problems import ExchangeError, Problem
from app.limits import file_size_problem, read_bounded


class _DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def _no_constant(name: str) -> Any:
    raise ValueError(name)


def parse_json(text: str, source: str) -> Any:
    """The JSON value of `text`, or ExchangeError naming what is wrong and where."""
    if not text.strip():
        raise ExchangeError(source, [Problem("", "le fichier est vide")])
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except _DuplicateKey as error:
        message = f"la clé « {error.args[0]} » apparaît deux fois dans le même objet"
        raise ExchangeError(source, [Problem("", message)]) from None
    except json.JSONDecodeError as error:
        message = (
            f"JSON invalide, ligne {error.lineno}, colonne {error.colno} : "
            f"{_french_json_error(error.msg)}"
        )
        raise ExchangeError(source, [Problem("", message)]) from None
    except RecursionError:
        message = "document trop profondément imbriqué pour être lu"
        raise ExchangeError(source, [Problem("", message)]) from None
    except ValueError as error:
        text = str(error.args[0]) if error.args else ""
        if "digits" in text:
            message = "un nombre entier est trop long (plus de 4300 chiffres)"
        else:
            message = f"valeur non permise en JSON : {text}"
        raise ExchangeError(source, [Problem("", message)]) from None


_JSON_ERRORS = {
    "Expecting value": "une valeur est attendue",
    "Expecting property name enclosed in double quotes": (
        "un nom de clé entre guillemets droits est attendu (virgule en trop ?)"
    ),
    "Expecting ',' delimiter": "une virgule est attendue",
    "Expecting ':' delimiter": "deux-points « : » attendus",
    "Extra data": "texte en trop après la fin du document",
    "Unterminated string starting at": "texte non terminé (guillemet fermant manquant)",
    "Invalid control character at": "caractère de contrôle interdit dans un texte",
    "Invalid \\escape": "séquence d'échappement invalide",
}


def _french_json_error(message: str) -> str:
    for english, french in _JSON_ERRORS.items():
        if message.startswith(english):
            return french
    return message


def read_text_file(path: Path, limit: str, what: str) -> str:
    """A UTF-8 text file (a leading BOM, as spreadsheets write it, is accepted) of at most
    the limit `limit` (its name in resources/limits.toml): a bigger one is refused by its
    size, before it is read, as not being `what` (« un dossier Passerelle »)."""
    source = str(path)
    if path.is_dir():
        raise ExchangeError(source, [Problem("", "c'est un dossier, pas un fichier")])
    if path.exists() and not path.is_file():
        raise ExchangeError(source, [Problem("", "ce n'est pas un fichier ordinaire")])
    try:
        raw = read_bounded(path, limit)
    except FileNotFoundError:
        raise ExchangeError(source, [Problem("", "fichier introuvable")]) from None
    except IsADirectoryError:
        raise ExchangeError(source, [Problem("", "c'est un dossier, pas un fichier")]) from None
    except OSError as error:
        message = f"lecture impossible ({error.strerror})"
        raise ExchangeError(source, [Problem("", message)]) from None
    if raw is None:
        message = f"{file_size_problem(path, limit)} : ce n'est pas {what}"
        raise ExchangeError(source, [Problem("", message)])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        message = f"le fichier n'est pas en UTF-8 (octet {error.start}) ; enregistrez-le en UTF-8"
        raise ExchangeError(source, [Problem("", message)]) from None


def read_json_file(path: Path, limit: str, what: str) -> Any:
    """The JSON value of a UTF-8 file of at most the limit `limit` (see read_text_file)."""
    return parse_json(read_text_file(path, limit, what), str(path))
