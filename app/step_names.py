"""The steps of each path, in order (resources/steps.toml), and what a path's « Étape »
can say: read without the evaluation, for the candidate list's filter at start-up."""

from __future__ import annotations

import tomllib
from functools import cache

from app.resources import resource

PATHS = ("cip", "cisp")
DONE = "parcours terminé"


@cache
def step_names() -> dict[str, tuple[tuple[str, str], ...]]:
    """Each path's steps in order: (key, label), from resources/steps.toml."""
    data = tomllib.loads(resource("steps.toml").read_text("utf-8"))
    return {path: tuple((s["key"], s["label"]) for s in data[path]) for path in PATHS}


def stage_choices() -> list[str]:
    """Every value a path's « Étape » can take, in order: what the list filters on."""
    return [
        f"{path.upper()} : {label}"
        for path in PATHS
        for label in [*(label for _key, label in step_names()[path]), DONE]
    ]
