"""Shared helpers for the store's tests."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from app.exchange.dossier import dossier_from_data, read_dossier
from app.resources import resource
from app.store.candidates import save_dossier
from app.store.database import Store, open_store

SAMPLES = ["cip-eligible", "cip-experience-insuffisante", "cisp-en-cours"]
EXAMPLES_DIR = resource("examples")


def sample(name: str):
    return read_dossier(resource("examples", f"{name}.json"))


def sample_data(name: str) -> dict:
    return json.loads(resource("examples", f"{name}.json").read_text(encoding="utf-8"))


def filled_store(folder: Path, user: str = "Claire Faucher") -> Store:
    store = open_store(folder, user=user)
    with store.transaction() as session:
        for name in SAMPLES:
            save_dossier(session, sample(name), store.user)
    return store


def save_data(store: Store, document: dict) -> int:
    with store.transaction() as session:
        return save_dossier(session, dossier_from_data(document), store.user)


def rows(path: Path, query: str, *parameters) -> list[tuple]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(query, parameters).fetchall()
    finally:
        connection.close()


def table_names(path: Path) -> list[str]:
    return [
        name
        for (name,) in rows(
            path, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]


def unstamped(document: dict | str) -> dict:
    """An exchange document without its `exported_at` (when, not what), which must be
    there: every export stamps it."""
    import json as _json

    data = _json.loads(document) if isinstance(document, str) else dict(document)
    assert "exported_at" in data, "an export writes exported_at"
    data.pop("exported_at")
    return data
