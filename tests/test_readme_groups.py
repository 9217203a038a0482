"""The README's worked examples of the groups (« Chez COORACE ») are what the rule gives."""

from pathlib import Path

import pytest

from app.consolidation.borders import borders
from app.consolidation.proposal import ReadyCandidate, proposal_lines, propose_groups

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
SECTION = README[README.index("## Chez COORACE") :]


def lines_for(counts: dict[str, int]) -> list[str]:
    ready = [
        ReadyCandidate(f"1000000000{n:04d}", f"c-{region}-{k}", region)
        for n, (region, count) in enumerate(counts.items())
        for k in range(count)
    ]
    return proposal_lines(propose_groups(ready, 7, borders()))


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(
    ("counts", "said"),
    [
        (
            {"Centre-Val de Loire": 8, "Bretagne": 4, "Pays de la Loire": 3, "Corse": 2},
            [
                "Centre-Val de Loire : 8 candidats prêts (au moins 7) : groupe régional",
                "Bretagne (4) + Corse (2) + Pays de la Loire (3) = 9 : groupe national "
                "(les candidats restants, de toute la France)",
                "Total : 17 candidats prêts, 17 dans 2 groupes, 0 en attente.",
            ],
        ),
        (
            {
                "Bretagne": 4,
                "Pays de la Loire": 3,
                "Île-de-France": 5,
                "Hauts-de-France": 2,
                "Martinique": 1,
            },
            ["Bretagne (4) + Pays de la Loire (3) = 7 : groupe inter-régional"],
        ),
        (
            {
                "Bretagne": 4,
                "Pays de la Loire": 3,
                "Île-de-France": 5,
                "Hauts-de-France": 2,
                "Corse": 2,
            },
            [
                "Bretagne (4) + Pays de la Loire (3) = 7 : groupe inter-régional",
                "Corse (2) + Hauts-de-France (2) + Île-de-France (5) = 9 : groupe national",
            ],
        ),
        (
            {"Corse": 2, "Bretagne": 3},
            ["Bretagne : 3 candidats en attente (5 au total, moins de 7 : pas de groupe national)"],
        ),
    ],
)
def test_each_worked_example_is_what_the_rule_gives(counts, said):
    given = lines_for(counts)
    for line in said:
        assert any(g.startswith(line) for g in given), (line, given)
        assert line in flat(SECTION), f"the README says: {line}"
