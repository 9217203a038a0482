"""The groups of collective VAE COORACE can open (CIP-GRP): worked examples, the order of
the criteria, the JSON and text forms, and the exact search against a brute force over
every allowed proposal (tests/test_group_proposal.py)."""

from __future__ import annotations

import json
import random
import tomllib
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.consolidation.borders import borders, parse_borders
from app.consolidation.proposal import (
    Proposal,
    ReadyCandidate,
    RegionCount,
    name_key,
    proposal_data,
    proposal_lines,
    propose_groups,
)
from app.regions import regions
from app.resources import resource

OVERSEAS = ("Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte")
BORDERED = tuple(sorted(name for name in borders().names.values() if borders().has_borders(name)))


def ready(counts: dict[str, int], *, shuffle: int | None = None) -> list[ReadyCandidate]:
    """`counts[region]` ready candidates in each region, each with its own siret and ref."""
    candidates = [
        ReadyCandidate(f"{number:014d}", f"{region[:3]}-{index}", region)
        for number, (region, index) in enumerate(
            (region, index) for region, count in counts.items() for index in range(count)
        )
    ]
    if shuffle is not None:
        random.Random(shuffle).shuffle(candidates)
    return candidates


def propose(counts: dict[str, int], min_size: int = 7) -> Proposal:
    return propose_groups(ready(counts), min_size, borders())


def shape(proposal: Proposal) -> list[tuple[str, tuple[str, ...], int]]:
    return [(group.kind, group.regions, group.candidates) for group in proposal.groups]


# --- borders.toml ---------------------------------------------------------------------


def test_the_borders_file_holds_the_23_land_borders_of_the_13_regions():
    data = borders()
    assert len(data.names) == 13
    assert set(data.names.values()) <= set(regions())
    assert len(data.pairs()) == 23
    for region in data.names.values():
        for other in data.neighbours(region):
            assert region in data.neighbours(other)  # symmetric
            assert other != region
    assert data.neighbours("Bretagne") == {"Normandie", "Pays de la Loire"}
    assert data.neighbours("Île-de-France") == {
        "Bourgogne-Franche-Comté",
        "Centre-Val de Loire",
        "Grand Est",
        "Hauts-de-France",
        "Normandie",
    }


def test_corse_overseas_and_other_texts_have_no_borders():
    for region in ("Corse", *OVERSEAS, "COORACE Centre Limousin", "bretagne", ""):
        assert not borders().has_borders(region)
        assert borders().neighbours(region) == frozenset()
    assert all(borders().has_borders(region) for region in BORDERED)
    assert len(BORDERED) == 12


def _file() -> dict:
    with resource("borders.toml").open("rb") as handle:
        return tomllib.load(handle)


@pytest.mark.parametrize(
    ("change", "quoted"),
    [
        (lambda data: data.pop("regions"), "la table [regions]"),
        (lambda data: data.pop("borders"), "la liste borders"),
        (lambda data: data["borders"].append(["BRE", "XYZ"]), "le code « XYZ »"),
        (lambda data: data["borders"].append(["BRE", "BRE"]), "sa propre voisine"),
        (lambda data: data["borders"].append(["PDL", "BRE"]), "écrite deux fois"),
        (lambda data: data["borders"].append(["BRE"]), "paire de deux codes"),
        (lambda data: data["regions"].update(BZH="Bretagne"), "a deux codes"),
        (lambda data: data["regions"].update(ARA="Auvergne"), "ne nomme pas une région"),
    ],
)
def test_a_malformed_borders_file_is_refused_in_french(change, quoted):
    data = _file()
    assert parse_borders(data).pairs() == borders().pairs()
    change(data)
    with pytest.raises(ValueError, match="Fichier des frontières entre régions") as raised:
        parse_borders(data)
    assert quoted in str(raised.value)


# --- worked examples ------------------------------------------------------------------


def test_a_region_with_enough_ready_candidates_forms_a_regional_group():
    proposal = propose({"Centre-Val de Loire": 9})
    (group,) = proposal.groups
    assert (group.kind, group.regions, group.candidates) == (
        "regional",
        ("Centre-Val de Loire",),
        9,
    )
    assert group.reason == "Centre-Val de Loire : 9 candidats prêts (au moins 7) : groupe régional"
    assert [member.region for member in group.members] == ["Centre-Val de Loire"] * 9
    assert proposal.waiting == ()


def test_two_neighbouring_small_regions_form_an_inter_regional_group():
    proposal = propose({"Pays de la Loire": 3, "Bretagne": 4})
    (group,) = proposal.groups
    assert group.kind == "inter-regional"
    assert group.regions == ("Bretagne", "Pays de la Loire")
    assert group.reason == "Bretagne (4) + Pays de la Loire (3) = 7 : groupe inter-régional"
    assert proposal.ready == (RegionCount("Bretagne", 4), RegionCount("Pays de la Loire", 3))


def test_regions_without_borders_join_the_national_group():
    proposal = propose({"Martinique": 5, "Corse": 2})
    assert shape(proposal) == [("national", ("Corse", "Martinique"), 7)]
    assert proposal.groups[0].reason == (
        "Corse (2) + Martinique (5) = 7 : groupe national (les candidats restants, de toute la "
        "France)"
    )


def test_too_few_candidates_wait():
    proposal = propose({"Corse": 2})
    assert proposal.groups == ()
    assert proposal.waiting == (RegionCount("Corse", 2),)
    assert proposal_lines(proposal) == [
        "Corse : 2 candidats en attente (2 au total, moins de 7 : pas de groupe national)",
        "Total : 2 candidats prêts, 0 dans 0 groupe, 2 en attente.",
    ]
    assert proposal_lines(propose({"Corse": 1}))[0] == (
        "Corse : 1 candidat en attente (1 au total, moins de 7 : pas de groupe national)"
    )


def test_small_regions_that_do_not_border_each_other_only_go_national():
    assert shape(propose({"Bretagne": 4, "Grand Est": 3})) == [
        ("national", ("Bretagne", "Grand Est"), 7)
    ]
    proposal = propose({"Bretagne": 4, "Grand Est": 2})
    assert proposal.groups == ()
    assert proposal.waiting == (RegionCount("Bretagne", 4), RegionCount("Grand Est", 2))


def test_a_region_text_outside_the_borders_only_goes_national():
    counts = {"COORACE Centre Limousin": 3, "Centre-Val de Loire": 4}
    assert shape(propose(counts)) == [
        ("national", ("Centre-Val de Loire", "COORACE Centre Limousin"), 7)
    ]
    # counted by exact text: « bretagne » is not Bretagne, and borders nothing
    assert shape(propose({"bretagne": 4, "Normandie": 3})) == [
        ("national", ("bretagne", "Normandie"), 7)
    ]


def test_all_three_kinds_together_in_their_order():
    proposal = propose(
        {"Occitanie": 8, "Bretagne": 4, "Pays de la Loire": 3, "Corse": 2, "Martinique": 1}
        | {"Auvergne-Rhône-Alpes": 7, "Grand Est": 4}
    )
    assert shape(proposal) == [
        ("regional", ("Auvergne-Rhône-Alpes",), 7),
        ("regional", ("Occitanie",), 8),
        ("inter-regional", ("Bretagne", "Pays de la Loire"), 7),
        ("national", ("Corse", "Grand Est", "Martinique"), 7),
    ]
    lines = proposal_lines(proposal)
    assert lines[3] == (
        "Corse (2) + Grand Est (4) + Martinique (1) = 7 : groupe national (les candidats "
        "restants, de toute la France)"
    )
    assert lines[-1] == "Total : 29 candidats prêts, 29 dans 4 groupes, 0 en attente."


def test_the_exact_search_beats_a_greedy_choice():
    # pairing the two largest neighbours (Île-de-France 6 + Normandie 6) would place 12 and
    # leave Bretagne and Hauts-de-France (1 each) waiting; two groups place all 14
    counts = {"Île-de-France": 6, "Normandie": 6, "Hauts-de-France": 1, "Bretagne": 1}
    proposal = propose(counts)
    assert shape(proposal) == [
        ("inter-regional", ("Bretagne", "Normandie"), 7),
        ("inter-regional", ("Hauts-de-France", "Île-de-France"), 7),
    ]
    assert proposal.waiting == ()


def test_more_groups_win_when_as_many_are_placed():
    # the four together (14) or two pairs (7 + 7): two groups
    counts = {"Bretagne": 4, "Normandie": 3, "Pays de la Loire": 4, "Centre-Val de Loire": 3}
    assert shape(propose(counts)) == [
        ("inter-regional", ("Bretagne", "Normandie"), 7),
        ("inter-regional", ("Centre-Val de Loire", "Pays de la Loire"), 7),
    ]


def test_the_smallest_national_group_wins_before_the_fewest_regions():
    # Bretagne + Pays de la Loire (7, national 9) or the three (9, national 7)
    counts = {"Bretagne": 4, "Pays de la Loire": 3, "Normandie": 2, "Corse": 3, "Martinique": 4}
    assert shape(propose(counts)) == [
        ("inter-regional", ("Bretagne", "Normandie", "Pays de la Loire"), 9),
        ("national", ("Corse", "Martinique"), 7),
    ]


def test_the_fewest_regions_then_the_name_order_decide():
    # 7 placed inter-regionally by Bretagne + Normandie, Bretagne + Pays de la Loire (two
    # regions) or Normandie + Pays de la Loire + Centre-Val de Loire (three); national 7
    counts = {"Bretagne": 4, "Normandie": 3, "Pays de la Loire": 3, "Centre-Val de Loire": 1}
    proposal = propose(counts | {"Corse": 3})
    assert shape(proposal) == [
        ("inter-regional", ("Bretagne", "Normandie"), 7),
        ("national", ("Centre-Val de Loire", "Corse", "Pays de la Loire"), 7),
    ]


def test_the_worst_case_is_exact():
    counts = dict.fromkeys(borders().names.values(), 6)  # the 13 regions, Corse included
    proposal = propose(counts | {"Guadeloupe": 10_000})
    assert shape(proposal) == [
        ("regional", ("Guadeloupe",), 10_000),
        ("inter-regional", ("Auvergne-Rhône-Alpes", "Bourgogne-Franche-Comté"), 12),
        ("inter-regional", ("Bretagne", "Centre-Val de Loire", "Normandie"), 18),
        ("inter-regional", ("Grand Est", "Hauts-de-France"), 12),
        ("inter-regional", ("Nouvelle-Aquitaine", "Pays de la Loire"), 12),
        ("inter-regional", ("Occitanie", "Provence-Alpes-Côte d'Azur"), 12),
        ("national", ("Corse", "Île-de-France"), 12),
    ]
    assert proposal.groups[0].reason.startswith("Guadeloupe : 10\u202f000 candidats prêts")


def test_the_same_candidates_in_any_order_give_the_same_proposal():
    counts = {"Bretagne": 4, "Normandie": 3, "Pays de la Loire": 3, "Corse": 3, "Mayotte": 7}
    first = propose_groups(ready(counts), 7, borders())
    for seed in range(5):
        assert propose_groups(ready(counts, shuffle=seed), 7, borders()) == first
    for group in first.groups:
        keys = [(member.siret, member.ref) for member in group.members]
        assert keys == sorted(keys)


def test_no_ready_candidate_and_a_bad_size():
    proposal = propose({})
    assert (proposal.ready, proposal.groups, proposal.waiting) == ((), (), ())
    assert proposal_lines(proposal) == ["Aucun candidat prêt : aucun groupe à proposer."]
    with pytest.raises(ValueError, match="au moins 1 candidat"):
        propose({"Bretagne": 1}, min_size=0)


def test_the_json_shape():
    proposal = propose({"Bretagne": 4, "Pays de la Loire": 3})
    data = proposal_data(proposal, date(2015, 6, 1))
    assert json.loads(json.dumps(data)) == data
    assert {"evaluated_on", "min_group_size", "ready", "groups", "waiting"} <= set(data)
    assert data["evaluated_on"] == "2015-06-01"
    assert data["min_group_size"] == 7
    assert data["ready"] == [
        {"region": "Bretagne", "candidates": 4},
        {"region": "Pays de la Loire", "candidates": 3},
    ]
    (group,) = data["groups"]
    assert {"kind", "regions", "candidates", "members", "reason"} <= set(group)
    assert group["kind"] == "inter-regional"
    assert group["regions"] == ["Bretagne", "Pays de la Loire"]
    assert group["candidates"] == 7 == len(group["members"])
    assert all(set(member) == {"siret", "ref"} for member in group["members"])
    assert all(isinstance(value, str) for m in group["members"] for value in m.values())
    assert group["reason"] == "Bretagne (4) + Pays de la Loire (3) = 7 : groupe inter-régional"
    assert data["waiting"] == []

    data = proposal_data(propose({"Occitanie": 8, "Corse": 2}), date(2015, 6, 1))
    assert [group["kind"] for group in data["groups"]] == ["regional"]
    assert data["groups"][0]["regions"] == ["Occitanie"]
    assert data["waiting"] == [{"region": "Corse", "candidates": 2}]


# --- properties -----------------------------------------------------------------------


def _connected(regions_: tuple[str, ...]) -> bool:
    reached, todo = {regions_[0]}, [regions_[0]]
    while todo:
        for other in borders().neighbours(todo.pop()) & set(regions_):
            if other not in reached:
                reached.add(other)
                todo.append(other)
    return reached == set(regions_)


def _check_valid(proposal: Proposal, counts: dict[str, int], min_size: int) -> None:
    placed: list[str] = []
    for group in proposal.groups:
        assert group.candidates == len(group.members) == sum(counts[r] for r in group.regions)
        assert list(group.regions) == sorted(group.regions, key=name_key)
        assert {member.region for member in group.members} == set(group.regions)
        if group.kind == "regional":
            assert len(group.regions) == 1 and group.candidates >= min_size
        elif group.kind == "inter-regional":
            assert len(group.regions) >= 2 and group.candidates >= min_size
            assert all(counts[r] < min_size and borders().has_borders(r) for r in group.regions)
            assert _connected(group.regions)
        else:
            assert group.kind == "national" and group.candidates >= min_size
        placed += group.regions
    kinds = [group.kind for group in proposal.groups]
    assert kinds == sorted(kinds, key=["regional", "inter-regional", "national"].index)
    assert kinds.count("national") <= 1
    waiting = [count.region for count in proposal.waiting]
    assert len(placed) == len(set(placed)) and not set(placed) & set(waiting)
    assert sorted(placed + waiting) == sorted(region for region, n in counts.items() if n)
    assert all(count.candidates == counts[count.region] for count in proposal.waiting)
    regional = {r for r, n in counts.items() if n >= min_size}
    assert {r for g in proposal.groups if g.kind == "regional" for r in g.regions} == regional
    left = sum(count.candidates for count in proposal.waiting)
    national = [g for g in proposal.groups if g.kind == "national"]
    assert left < min_size  # otherwise they would be the national group
    assert not (national and proposal.waiting)
    if proposal.waiting:  # then the small regions all together are too few for any group
        assert kinds.count("regional") == len(kinds)
    assert proposal.placed + left == sum(counts.values())


def _partitions(items: list[str]):
    """Every way to put each item in no group or in one of some groups."""
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for partition in _partitions(rest):
        yield partition  # the first item in no group
        for position in range(len(partition)):
            yield [*partition[:position], [first, *partition[position]], *partition[position + 1 :]]
        yield [[first], *partition]


def _brute_force(counts: dict[str, int], min_size: int):
    """The best objective over every allowed proposal, and the inter-regional groups of
    the proposals that reach it, each as sorted tuples of region names."""
    regional = [r for r, n in counts.items() if n >= min_size]
    small = sum(n for n in counts.values() if n < min_size)
    eligible = [r for r, n in counts.items() if 0 < n < min_size and borders().has_borders(r)]
    best, chosen = None, []
    for partition in _partitions(eligible):
        if not all(
            len(group) >= 2
            and sum(counts[r] for r in group) >= min_size
            and _connected(tuple(group))
            for group in partition
        ):
            continue
        inter = sum(counts[r] for group in partition for r in group)
        national = small - inter if small - inter >= min_size else 0
        score = (
            sum(counts[r] for r in regional) + inter + national,
            len(regional) + len(partition) + (national > 0),
            -national,
            -sum(len(group) for group in partition),
        )
        groups = sorted(tuple(sorted(group, key=name_key)) for group in partition)
        if best is None or score > best:
            best, chosen = score, [groups]
        elif score == best:
            chosen.append(groups)
    return best, chosen


def _objective(proposal: Proposal):
    inter = [g for g in proposal.groups if g.kind == "inter-regional"]
    national = sum(g.candidates for g in proposal.groups if g.kind == "national")
    return (
        proposal.placed,
        len(proposal.groups),
        -national,
        -sum(len(g.regions) for g in inter),
    )


OTHER_TEXTS = ("Corse", *OVERSEAS, "COORACE Centre Limousin", "bretagne")


@st.composite
def instances(draw, most_small: int = 7):
    """Ready counts: up to `most_small` small bordered regions, maybe some with enough for a
    regional group, regions without borders and unknown texts; and a group size."""
    min_size = draw(st.integers(min_value=2, max_value=8))
    small = draw(st.lists(st.sampled_from(BORDERED), unique=True, max_size=most_small))
    unused = [region for region in BORDERED if region not in small]
    large = draw(st.lists(st.sampled_from(unused), unique=True, max_size=2)) if unused else []
    others = draw(st.lists(st.sampled_from(OTHER_TEXTS), unique=True, max_size=4))
    counts = {region: draw(st.integers(1, min_size - 1)) for region in small}
    counts |= {region: draw(st.integers(min_size, min_size + 3)) for region in large}
    counts |= {region: draw(st.integers(1, min_size + 1)) for region in others}
    return counts, min_size


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_the_search_is_exact_against_a_brute_force(instance):
    counts, min_size = instance
    proposal = propose(counts, min_size)
    _check_valid(proposal, counts, min_size)
    best, chosen = _brute_force(counts, min_size)
    assert _objective(proposal) == best
    # the tie-break: the smallest list of groups in name order
    ranks = {region: rank for rank, region in enumerate(sorted(counts, key=name_key))}
    ranked = sorted(sorted(tuple(ranks[r] for r in g) for g in groups) for groups in chosen)
    inter = [g.regions for g in proposal.groups if g.kind == "inter-regional"]
    assert [tuple(ranks[r] for r in g) for g in inter] == ranked[0]


@settings(max_examples=100, deadline=None)
@given(instances(most_small=12), st.randoms(use_true_random=False))
def test_every_proposal_is_valid_and_ignores_the_input_order(instance, shuffler):
    counts, min_size = instance
    candidates = ready(counts)
    proposal = propose_groups(candidates, min_size, borders())
    _check_valid(proposal, counts, min_size)
    shuffler.shuffle(candidates)
    assert propose_groups(candidates, min_size, borders()) == proposal
    lines = proposal_lines(proposal)
    assert len(lines) == len(proposal.groups) + len(proposal.waiting) + 1
