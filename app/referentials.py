"""The two titles' referentials: CIP activities and competences, CISP competence poles."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from app.resources import resource


@dataclass(frozen=True, slots=True)
class Competence:
    id: str  # "CIP-<activity>.<competence>"
    title: str


@dataclass(frozen=True, slots=True)
class Activity:
    number: int
    title: str
    competences: tuple[Competence, ...]


@dataclass(frozen=True, slots=True)
class Pole:
    number: int
    title: str
    content: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TitleInfo:
    code: str
    name: str
    kind: str
    partner: str
    source: str
    version: str = ""  # the referential's version, said where it is used (a jury's CCP)
    authority: str = ""  # who delivers the certification (the admissibility request)


@dataclass(frozen=True, slots=True)
class CipReferential:
    title: TitleInfo
    activities: tuple[Activity, ...]

    def competence_ids(self) -> tuple[str, ...]:
        return tuple(c.id for a in self.activities for c in a.competences)

    def competence(self, competence_id: str) -> Competence | None:
        for activity in self.activities:
            for competence in activity.competences:
                if competence.id == competence_id:
                    return competence
        return None


@dataclass(frozen=True, slots=True)
class CispReferential:
    title: TitleInfo
    poles: tuple[Pole, ...]

    def pole_numbers(self) -> tuple[int, ...]:
        return tuple(p.number for p in self.poles)

    def pole(self, number: int) -> Pole:
        return next(p for p in self.poles if p.number == number)


def _read(name: str) -> dict:
    with resource("referentials", name).open("rb") as handle:
        return tomllib.load(handle)


@cache
def cip_referential() -> CipReferential:
    data = _read("cip.toml")
    activities = tuple(
        Activity(
            number=activity["number"],
            title=activity["title"],
            competences=tuple(
                Competence(id=f"CIP-{activity['number']}.{index}", title=text)
                for index, text in enumerate(activity["competences"], start=1)
            ),
        )
        for activity in data["activities"]
    )
    return CipReferential(title=TitleInfo(**data["title"]), activities=activities)


@cache
def cisp_referential() -> CispReferential:
    data = _read("cisp.toml")
    poles = tuple(
        Pole(number=pole["number"], title=pole["title"], content=tuple(pole["content"]))
        for pole in data["poles"]
    )
    return CispReferential(title=TitleInfo(**data["title"]), poles=poles)
