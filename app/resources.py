"""Where the files of `resources/` are: beside the package, or inside a frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The `resources/` folder (rules, referentials, schemas, examples, catalogues)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    """A file under `resources/`, e.g. `resource("rules", "coorace-2014-2015.toml")`."""
    return resources_dir().joinpath(*parts)
