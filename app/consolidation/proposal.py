"""The collective VAE groups COORACE can open from the ready candidates (rule CIP-GRP).

1. A region (the exact text of the dossiers) with at least `min_size` ready candidates
   forms one regional group of all of them — Corse, overseas or any other text alike.
2. Among the other regions that have land borders, inter-regional groups: sets of at least
   two regions connected by their borders among themselves, each set with at least
   `min_size` candidates; a region is in one group at most.
3. Every candidate left, from anywhere, forms one national group if they are at least
   `min_size`; otherwise they all wait.

Among the proposals 1–3 allow, the chosen one places the most candidates; then makes the
most groups; then has the fewest candidates in the national group; then the fewest regions
in inter-regional groups; then, as a fixed tie-break, the one whose inter-regional groups —
each written as its regions in name order, the groups listed in that order — come first,
compared region by region in name order (« Bretagne + Normandie » before « Bretagne + Pays
de la Loire »). Step 2 concerns the bordered regions with 1 to `min_size` − 1 ready, at
most 12: the search is exact (every packing of connected sets), not a greedy guess.

As the national group takes whatever is left, everyone is placed once the small regions
together reach `min_size`; below that, no inter-regional group is possible either, and
the small regions' candidates all wait.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from operator import attrgetter
from typing import Any, Literal

from app.consolidation.borders import Borders
from app.french import number, plural
from app.text import folded

GroupKind = Literal["regional", "inter-regional", "national"]


@dataclass(frozen=True, slots=True)
class ReadyCandidate:
    """A candidate ready to join a group, with the region written in the dossier."""

    siret: str
    ref: str
    region: str


@dataclass(frozen=True, slots=True)
class RegionCount:
    region: str
    candidates: int


@dataclass(frozen=True, slots=True)
class ProposedGroup:
    kind: GroupKind
    regions: tuple[str, ...]  # in name order
    candidates: int
    members: tuple[ReadyCandidate, ...]  # by (siret, ref)
    reason: str  # French, as a person reads it


@dataclass(frozen=True, slots=True)
class Proposal:
    min_size: int
    ready: tuple[RegionCount, ...]  # every region with a ready candidate, in name order
    groups: tuple[ProposedGroup, ...]  # regional, then inter-regional, then national
    waiting: tuple[RegionCount, ...]  # the regions whose candidates wait, in name order

    @property
    def ready_total(self) -> int:
        return sum(count.candidates for count in self.ready)

    @property
    def placed(self) -> int:
        return sum(group.candidates for group in self.groups)


_member_order = attrgetter("siret", "ref", "region")


def name_key(region: str) -> tuple[str, str]:
    """French name order: without accents nor case, then the exact text (deterministic)."""
    return folded(region), region


def _candidates(count: int) -> str:
    return f"{number(count)} {plural(count, 'candidat', 'candidats')}"


# The search. The eligible regions are bits 0..n-1 in name order; an inter-regional group
# is a mask. A packing (disjoint groups) is kept as (score, chain), smallest best: the score
# orders (−groups, skipped candidates, regions) — skipped: those of the eligible regions in
# no group —, and the chain (regions of the first group, chain of the others) lists the
# groups in name order, so that comparing chains compares the groups region by region.
_WIDE = 64  # more than the regions of any packing
_Chain = tuple[Any, ...]
_Packing = tuple[int, _Chain]


def _bits(mask: int) -> tuple[int, ...]:
    return tuple(index for index in range(mask.bit_length()) if mask >> index & 1)


def _packings(
    sizes: list[int], neighbours: list[int], min_size: int, need: int
) -> list[tuple[int, int, int, _Chain]]:
    """The packings that can be the best, as (groups, skipped, regions, chain).

    The national group takes the skipped candidates with the `min_size − need` others: as
    the skipped count reaches `need` it exists whatever the rest, so for each skipped count
    below `need` and for all the counts from `need` on, only the best packing matters (most
    groups, then fewest skipped, fewest regions, first in name order)."""
    count = 1 << len(sizes)
    wide = (sum(sizes) + 1) * _WIDE  # one group more
    total = [0] * count  # the candidates of the regions of a mask
    around = [0] * count  # the regions that border one of a mask
    # the valid groups: by mask (None if not one), and by their lowest region
    valid: list[tuple[int, tuple[int, ...], int] | None] = [None] * count
    by_lowest: list[list[tuple[int, tuple[int, ...], int]]] = [[] for _ in sizes]

    def reach(start: int, mask: int) -> int:
        """The regions of `mask` connected to `start` (a region of it) inside `mask`."""
        reached = start
        while True:
            grown = reached | (around[reached] & mask)
            if grown == reached:
                return reached
            reached = grown

    for position, (size, bordering) in enumerate(zip(sizes, neighbours, strict=True)):
        total[1 << position], around[1 << position] = size, bordering
    for mask in range(1, count):
        rest = mask & (mask - 1)
        if not rest:
            continue
        lowest = mask ^ rest
        total[mask] = total[rest] + total[lowest]
        around[mask] = around[rest] | around[lowest]
        if total[mask] >= min_size and reach(lowest, mask) == mask:
            members = _bits(mask)
            valid[mask] = entry = (mask, members, len(members) - wide)
            by_lowest[members[0]].append(entry)
    # a mask → {min(skipped, need): best packing of its regions}
    memo: dict[int, dict[int, _Packing]] = {0: {0: (0, ())}}

    def best(mask: int) -> dict[int, _Packing]:  # not known yet
        rest = mask & (mask - 1)
        lowest = mask ^ rest
        found: dict[int, _Packing] = {}
        skip = total[lowest]
        inner = memo.get(rest) or best(rest)
        for skipped, (score, chain) in inner.items():  # the lowest region in no group
            candidate = (score + skip * _WIDE, chain)
            skipped = min(skipped + skip, need)
            kept = found.get(skipped)
            if kept is None or candidate < kept:
                found[skipped] = candidate
        # the groups holding the lowest region inside the mask: the valid ones filtered, or
        # the parts of its connected component tried, whichever list is shorter
        others = reach(lowest, mask) ^ lowest
        listed = by_lowest[lowest.bit_length() - 1]
        if len(listed) < 1 << others.bit_count():
            groups = [entry for entry in listed if entry[0] & mask == entry[0]]
        else:
            groups = []
            part = others
            while part:
                entry = valid[part | lowest]
                if entry is not None:
                    groups.append(entry)
                part = (part - 1) & others
        for group, members, step in groups:
            inner = memo.get(mask ^ group) or best(mask ^ group)
            for skipped, (score, chain) in inner.items():
                # the group holds the lowest region: it is the first in name order
                candidate = (score + step, (members, chain))
                kept = found.get(skipped)
                if kept is None or candidate < kept:
                    found[skipped] = candidate
        memo[mask] = found
        return found

    packings = []
    for score, chain in (memo.get(count - 1) or best(count - 1)).values():
        groups, regions = divmod(score, wide)
        packings.append((-groups, *divmod(regions, _WIDE), chain))
    return packings


def propose_groups(
    candidates: Iterable[ReadyCandidate], min_size: int, borders: Borders
) -> Proposal:
    """The groups CIP-GRP proposes for these ready candidates (see the module's rule)."""
    if min_size < 1:
        raise ValueError(
            f"La taille de groupe doit être d'au moins 1 candidat (reçu : {min_size})."
        )
    by_region: dict[str, list[ReadyCandidate]] = {}  # each region's, by (siret, ref)
    for candidate in sorted(candidates, key=_member_order):
        by_region.setdefault(candidate.region, []).append(candidate)
    names = sorted(by_region, key=name_key)
    counts = {region: len(by_region[region]) for region in names}

    def group(kind: GroupKind, regions: list[str]) -> ProposedGroup:
        # regions in name order (they come from `names`)
        members = by_region[regions[0]]
        if len(regions) > 1:
            members = sorted(
                (m for region in regions for m in by_region[region]), key=_member_order
            )
        total = len(members)
        if kind == "regional":
            reason = (
                f"{regions[0]} : {_candidates(total)} {plural(total, 'prêt', 'prêts')} "
                f"(au moins {number(min_size)}) : groupe régional"
            )
        else:
            reason = " + ".join(f"{region} ({number(counts[region])})" for region in regions)
            reason += f" = {number(total)} : " + (
                "groupe inter-régional"
                if kind == "inter-regional"
                else "groupe national (les candidats restants, de toute la France)"
            )
        return ProposedGroup(kind, tuple(regions), total, tuple(members), reason)

    regional = [region for region in names if counts[region] >= min_size]
    small = [region for region in names if counts[region] < min_size]
    eligible = [region for region in small if borders.has_borders(region)]
    index = {region: position for position, region in enumerate(eligible)}
    neighbours = [
        sum(1 << index[other] for other in borders.neighbours(region) if other in index)
        for region in eligible
    ]
    sizes = [counts[region] for region in eligible]
    bordered = sum(sizes)
    # the candidates of the small regions without borders: national or waiting
    outside = sum(counts[region] for region in small) - bordered

    def objective(packing: tuple[int, int, int, _Chain]) -> tuple[int, int, int, int, _Chain]:
        groups, skipped, regions, chain = packing
        national = outside + skipped if outside + skipped >= min_size else 0
        # most placed, most groups, smallest national, fewest regions, first in name order
        return (skipped - bordered - national, -groups - (national > 0), national, regions, chain)

    need = max(min_size - outside, 0)
    _, skipped, _, chain = min(_packings(sizes, neighbours, min_size, need), key=objective)

    groups = [group("regional", [region]) for region in regional]
    used: set[str] = set()
    while chain:  # the inter-regional groups, in name order
        positions, chain = chain
        groups.append(group("inter-regional", [eligible[position] for position in positions]))
        used.update(groups[-1].regions)
    left = [region for region in small if region not in used]
    waiting: list[RegionCount] = []
    if left and outside + skipped >= min_size:
        groups.append(group("national", left))
    else:
        waiting = [RegionCount(region, counts[region]) for region in left]
    return Proposal(
        min_size=min_size,
        ready=tuple(RegionCount(region, counts[region]) for region in names),
        groups=tuple(groups),
        waiting=tuple(waiting),
    )


def proposal_data(proposal: Proposal, evaluated_on: date) -> dict[str, Any]:
    """The proposal as JSON data (`evaluated_on`: the day the candidates were found ready)."""
    return {
        "evaluated_on": evaluated_on.isoformat(),
        "min_group_size": proposal.min_size,
        "ready": [{"region": c.region, "candidates": c.candidates} for c in proposal.ready],
        "groups": [
            {
                "kind": group.kind,
                "regions": list(group.regions),
                "candidates": group.candidates,
                "members": [{"siret": m.siret, "ref": m.ref} for m in group.members],
                "reason": group.reason,
            }
            for group in proposal.groups
        ],
        "waiting": [{"region": c.region, "candidates": c.candidates} for c in proposal.waiting],
    }


def waiting_reason(proposal: Proposal, count: RegionCount) -> str:
    """« Corse : 2 candidats en attente (5 au total, moins de 7 : pas de groupe national) »."""
    left = sum(waiting.candidates for waiting in proposal.waiting)
    return (
        f"{count.region} : {_candidates(count.candidates)} en attente ({number(left)} au total, "
        f"moins de {number(proposal.min_size)} : pas de groupe national)"
    )


def proposal_lines(proposal: Proposal) -> list[str]:
    """The proposal in French: a line per group, one per waiting region, then the total."""
    ready = proposal.ready_total
    if ready == 0:
        return ["Aucun candidat prêt : aucun groupe à proposer."]
    lines = [group.reason for group in proposal.groups]
    lines += [waiting_reason(proposal, count) for count in proposal.waiting]
    placed, groups = proposal.placed, len(proposal.groups)
    lines.append(
        f"Total : {_candidates(ready)} {plural(ready, 'prêt', 'prêts')}, "
        f"{number(placed)} dans {number(groups)} {plural(groups, 'groupe', 'groupes')}, "
        f"{number(ready - placed)} en attente."
    )
    return lines
