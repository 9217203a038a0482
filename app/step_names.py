"""The steps of each path, in order (resources/steps.toml), what a path's « Étape » can
say, and why a candidacy may be closed (resources/closure_reasons.toml): read without the
evaluation, for the candidate list's filter at start-up."""

from __future__ import annotations

import tomllib
from functools import cache

from app.resources import resource

PATHS = ("cip", "cisp")
DONE = "parcours terminé"
CLOSED = "parcours clos"  # abandoned (a reason of resources/closure_reasons.toml)


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
        for label in [*(label for _key, label in step_names()[path]), DONE, CLOSED]
    ]


@cache
def closure_reasons() -> dict[str, str]:
    """Why a candidacy is closed: key → French label, in order (closure_reasons.toml)."""
    data = tomllib.loads(resource("closure_reasons.toml").read_text("utf-8"))
    return {reason["key"]: reason["label"] for reason in data["reasons"]}
