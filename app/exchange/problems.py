"""What is wrong with a document: one French sentence per problem, with where it is."""

from __future__ import annotations

from typing import NamedTuple


class Problem(NamedTuple):
    path: str  # JSON path (`experiences[0].end`), or `ligne 3, pole` for a CSV file
    message: str

    def __str__(self) -> str:
        return f"{self.path} : {self.message}" if self.path else self.message


class ExchangeError(ValueError):
    """A document that cannot be read. `problems` lists every fault found, in order."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(f"{source} : " + " ; ".join(str(p) for p in problems))
