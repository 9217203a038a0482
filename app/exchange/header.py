"""The `format` / `format_version` pair that opens every exchange document."""

from __future__ import annotations

from typing import Any

from app.exchange.problems import ExchangeError, Problem
from app.exchange.spec import shown

SUPPORTED_VERSION = 1


def check_header(data: Any, expected_format: str, what: str, source: str) -> None:
    """Refuses, with one clear problem, a document of another kind or another version
    (its other keys would only produce noise)."""
    if not isinstance(data, dict):
        problem = Problem("", f"le document doit être un objet JSON (reçu : {shown(data)})")
        raise ExchangeError(source, [problem])
    found = data.get("format")
    if found != expected_format:
        if found is None:
            message = f"champ obligatoire manquant : ce fichier n'est pas {what}"
        else:
            message = (
                f"{shown(found)} : ce fichier n'est pas {what} (« {expected_format} » attendu)"
            )
        raise ExchangeError(source, [Problem("format", message)])
    version = data.get("format_version")
    if version is None and "format_version" not in data:
        raise ExchangeError(source, [Problem("format_version", "champ obligatoire manquant")])
    if isinstance(version, bool) or version != SUPPORTED_VERSION or not isinstance(version, int):
        message = (
            f"version de format non prise en charge ({shown(version)}) : cette version de "
            f"Passerelle lit la version {SUPPORTED_VERSION} ; mettez Passerelle à jour"
        )
        raise ExchangeError(source, [Problem("format_version", message)])
