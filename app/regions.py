"""The current French regions, overseas included, as the app suggests them."""

from __future__ import annotations

import tomllib
from functools import cache

from app.resources import resource


@cache
def regions() -> tuple[str, ...]:
    with resource("regions.toml").open("rb") as handle:
        return tuple(tomllib.load(handle)["regions"])
