"""The land borders between the metropolitan regions (`resources/borders.toml`).

Inter-regional groups only join regions that border one another; Corse and the overseas
regions have no border, so their candidates join a regional or the national group only.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any

from app.regions import regions as known_regions
from app.resources import resource

_FILE = "borders.toml"


@dataclass(frozen=True, slots=True)
class Borders:
    """Which region borders which, by full region name (as in `regions.toml`)."""

    # every region of the file (Corse included, with no neighbour), by code
    names: Mapping[str, str]
    # full name → the full names of its neighbours; symmetric, no region its own neighbour
    adjacency: Mapping[str, frozenset[str]]

    def neighbours(self, region: str) -> frozenset[str]:
        """The regions that share a land border with `region` (an unknown text: none)."""
        return self.adjacency.get(region, frozenset())

    def has_borders(self, region: str) -> bool:
        return bool(self.neighbours(region))

    def pairs(self) -> frozenset[frozenset[str]]:
        """Every border once, as the pair of its two region names."""
        return frozenset(
            frozenset((region, other))
            for region, others in self.adjacency.items()
            for other in others
        )


def _problem(text: str) -> ValueError:
    return ValueError(f"Fichier des frontières entre régions ({_FILE}) : {text}.")


def parse_borders(data: Mapping[str, Any]) -> Borders:
    """`Borders` from the file's content, checked; a bad content raises ValueError (French).

    Every code names a region of `regions.toml` (one code each), every border joins two
    known codes, none its own neighbour, each written once in either order; each border
    counts both ways, so the neighbours are symmetric."""
    names = data.get("regions")
    if not isinstance(names, Mapping) or not names:
        raise _problem("la table [regions] (code = nom de la région) manque ou est vide")
    valid_names = set(known_regions())
    seen_names: set[str] = set()
    for code, name in names.items():
        if not isinstance(name, str) or name not in valid_names:
            raise _problem(f"le code « {code} » ne nomme pas une région de regions.toml")
        if name in seen_names:
            raise _problem(f"la région « {name} » a deux codes")
        seen_names.add(name)
    pairs = data.get("borders")
    if not isinstance(pairs, list):
        raise _problem("la liste borders (paires de codes) manque")
    adjacency: dict[str, set[str]] = {name: set() for name in names.values()}
    for pair in pairs:
        if (
            not isinstance(pair, list)
            or len(pair) != 2
            or not all(isinstance(code, str) for code in pair)
        ):
            raise _problem(f"{pair!r} n'est pas une paire de deux codes de région")
        first, second = pair
        for code in pair:
            if code not in names:
                raise _problem(f"le code « {code} » de la frontière {first}–{second} est inconnu")
        if first == second:
            raise _problem(f"la région « {first} » ne peut pas être sa propre voisine")
        one, other = names[first], names[second]
        if other in adjacency[one]:
            raise _problem(f"la frontière {first}–{second} est écrite deux fois")
        adjacency[one].add(other)
        adjacency[other].add(one)
    return Borders(
        names=MappingProxyType(dict(names)),
        adjacency=MappingProxyType({name: frozenset(others) for name, others in adjacency.items()}),
    )


@cache
def borders() -> Borders:
    """The borders of `resources/borders.toml`, read once."""
    with resource(_FILE).open("rb") as handle:
        return parse_borders(tomllib.load(handle))
