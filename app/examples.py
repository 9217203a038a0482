"""The example dossiers shipped in `resources/examples/`, with their French title and the
date each is evaluated at (`examples.toml`)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.resources import resource


@dataclass(frozen=True)
class Example:
    path: Path
    title: str
    evaluated_on: date


def examples() -> list[Example]:
    """Every example listed in `examples.toml`, in its order."""
    folder = resource("examples")
    listed = tomllib.loads((folder / "examples.toml").read_text("utf-8"))
    return [
        Example(folder / f"{stem}.json", entry["title"], entry["evaluated_on"])
        for stem, entry in listed.items()
    ]
