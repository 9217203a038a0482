"""The supporting documents (« pièces justificatives ») a candidate's paths ask for, from
resources/documents.toml: one item per document, repeated for each period counted in the
function (CIP: its work certificate) or each course counted (CISP: its attestation). Each
item has a stable key, so that its state and scan stay with it as the record changes."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from app.domain import Dossier
from app.evaluation.evaluate import Evaluation
from app.french import day_text
from app.resources import resource

PROVIDED, MISSING, NOT_NEEDED = "provided", "missing", "not_needed"
STATES = {PROVIDED: "fournie", MISSING: "manquante", NOT_NEEDED: "non nécessaire"}


@cache
def document_kinds() -> dict[str, tuple[dict, ...]]:
    data = tomllib.loads(resource("documents.toml").read_text("utf-8"))
    return {path: tuple(data.get(path, ())) for path in ("cip", "cisp")}


@dataclass(frozen=True, slots=True)
class Item:
    key: str  # « identity », « work_certificate:2007-09-03 », « course_attestation:… »
    path: str
    label: str


def checklist(dossier: Dossier, evaluation: Evaluation) -> list[Item]:
    """The documents the dossier's paths ask for, in order."""
    items: list[Item] = []
    kinds = document_kinds()
    if dossier.cip is not None:
        periods = sorted(
            (p for p in dossier.experiences if p.accompaniment_function), key=lambda p: p.start
        )
        for kind in kinds["cip"]:
            if kind.get("per") == "period":
                seen: dict[str, int] = {}
                for period in periods:
                    start = period.start.isoformat()
                    seen[start] = seen.get(start, 0) + 1  # two jobs begun the same day
                    suffix = "" if seen[start] == 1 else f":{seen[start]}"
                    end = f" au {day_text(period.end)}" if period.end else " (en cours)"
                    where = f"{period.employer}, " if period.employer else ""
                    items.append(
                        Item(
                            f"{kind['key']}:{start}{suffix}",
                            "cip",
                            f"{kind['label']} — {where}du {day_text(period.start)}{end}",
                        )
                    )
            else:
                items.append(Item(kind["key"], "cip", kind["label"]))
    if dossier.cisp is not None and evaluation.cisp is not None:
        counted = [c for c in evaluation.cisp.courses if c.counted]
        for kind in kinds["cisp"]:
            if kind.get("per") == "course":
                for course in counted:
                    title = f" {course.title}" if course.title else ""
                    items.append(
                        Item(
                            f"{kind['key']}:{course.code}:{course.ended_on.isoformat()}",
                            "cisp",
                            f"{kind['label']} — {course.code}{title}, le "
                            f"{day_text(course.ended_on)}",
                        )
                    )
            else:
                items.append(Item(kind["key"], "cisp", kind["label"]))
    return items


def completeness(items: list[Item], states: dict[str, str]) -> str:
    """« 4/6 »: the documents provided of those needed (« non nécessaire » aside)."""
    needed = [item for item in items if states.get(item.key) != NOT_NEEDED]
    provided = sum(1 for item in needed if states.get(item.key) == PROVIDED)
    return f"{provided}/{len(needed)}"
