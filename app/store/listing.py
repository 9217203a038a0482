"""The candidate list, read with SQLite alone: filter, order and paging are in the query.

No SQLAlchemy here, on purpose: the window lists the first page while SQLAlchemy is still
loading (it costs more than Qt to import on these machines). The list only reads; its
connection refuses writes (`query_only`), every change goes through `app/store/candidates.py`.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app import labels
from app.store.keys import SETTING_OWN_SIRET, SETTING_SERVICE, SETTING_WORKSPACE
from app.text import folded

BUSY_TIMEOUT_S = 5.0


@dataclass(frozen=True, slots=True)
class CandidateLine:
    """One line of the candidate list."""

    id: int
    ref: str
    last_name: str
    first_name: str
    job_title: str | None
    paths: str
    cip_verdict: str | None
    cisp_verdict: str | None
    next_step: str
    next_deadline: date | None
    stage: str = ""
    documents: str = ""  # « 4/6 »


def _by_label(column: str, names: dict[str, str]) -> str:
    """Sorts a column of codes in the alphabetical order of their French words."""
    cases = " ".join(f"WHEN '{code}' THEN '{folded(name)}'" for code, name in names.items())
    return f"CASE {column} {cases} END"


def _stage_order() -> str:
    """Sorts the « Étape » column in the order of the steps (CIP's, then CISP's), by the
    line's first path; its text after that."""
    from app.step_names import stage_choices

    cases = " ".join(
        f"WHEN c.stage = '{v}' OR c.stage LIKE '{v} ; %' THEN {i}"
        for i, v in enumerate(s.replace("'", "''") for s in stage_choices())
    )
    return f"printf('%03d', CASE {cases} ELSE 999 END) || folded(c.stage)"  # one key


# The list's sortable columns, by name, and what each sorts on: the order of what is
# shown (French words, accents and case left aside), not of the codes stored.
SORT_COLUMNS = {
    "name": "c.sort_key",
    "job_title": "folded(c.job_title)",
    "paths": "c.paths",
    "cip_verdict": _by_label("c.cip_verdict", labels.CIP_VERDICT),
    "cisp_verdict": _by_label("c.cisp_verdict", labels.CISP_VERDICT),
    "next_step": "folded(c.next_step)",
    "next_deadline": "c.next_deadline",
    "stage": _stage_order(),
    # « 4/6 »: by the share provided (none asked for last)
    "documents": "CAST(substr(c.documents, 1, instr(c.documents, '/') - 1) AS REAL) "
    "/ NULLIF(CAST(substr(c.documents, instr(c.documents, '/') + 1) AS REAL), 0)",
}


@dataclass(frozen=True, slots=True)
class ListQuery:
    """What the list shows: a text to find (name, job title, reference; no accents or
    case needed), filters, and the order."""

    text: str = ""
    path: str | None = None  # "cip" or "cisp"
    verdict: str | None = None  # a CIP or CISP verdict
    region: str | None = None
    stage: str | None = None  # « CIP : Recevabilité », as app/evaluation/steps.stage_text says
    order: str = "name"
    descending: bool = False


_LINE = (
    "SELECT c.id, c.ref, c.last_name, c.first_name, c.job_title, c.paths, c.cip_verdict, "
    "c.cisp_verdict, c.next_step, c.next_deadline, c.stage, c.documents"
)


def _matching(query: ListQuery) -> tuple[str, list[object]]:
    """` FROM … WHERE …` of the candidates the query keeps, and its values; the structures
    are joined only to filter by region."""
    conditions: list[str] = []
    values: list[object] = []
    for word in folded(query.text).split():  # every word, in any order: « eloise martinez »
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        conditions.append("c.search_text LIKE ? ESCAPE '\\'")
        values.append(f"%{escaped}%")
    if query.path == "cip":
        conditions.append("c.cip_verdict IS NOT NULL")
    elif query.path == "cisp":
        conditions.append("c.cisp_verdict IS NOT NULL")
    if query.verdict:
        conditions.append("(c.cip_verdict = ? OR c.cisp_verdict = ?)")
        values += [query.verdict, query.verdict]
    if query.stage:  # one path's step among the line's (« CIP : … ; CISP : … »)
        conditions.append("instr(' ; ' || c.stage || ' ; ', ' ; ' || ? || ' ; ') > 0")
        values.append(query.stage)
    source = " FROM candidates AS c"
    if query.region:
        source += " JOIN structures AS s ON s.id = c.structure_id"
        conditions.append("s.region = ?")
        values.append(query.region)
    return source + (" WHERE " + " AND ".join(conditions) if conditions else ""), values


def _order(query: ListQuery) -> str:
    column = SORT_COLUMNS[query.order]
    direction = "DESC" if query.descending else "ASC"
    if query.order == "name":  # the index (sort_key, search_text) gives this order
        return f" ORDER BY {column} {direction}, c.search_text {direction}, c.id {direction}"
    return f" ORDER BY {column} {direction} NULLS LAST, c.id"


def _folded_or_none(text: str | None) -> str | None:
    return None if text is None else folded(text)


def _line(row: tuple) -> CandidateLine:
    deadline = row[9]
    day = date.fromisoformat(deadline) if deadline else None
    return CandidateLine(*row[:9], day, row[10], row[11])


class Listing:
    """A read-only connection to the data folder's database, for the candidate list."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._connection = connection

    @classmethod
    def open(cls, path: Path) -> Listing:
        from app.store.cipher import connect

        connection = connect(
            path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
        )
        connection.execute("PRAGMA query_only = ON")
        connection.create_function("folded", 1, _folded_or_none, deterministic=True)
        return cls(path, connection)

    def close(self) -> None:
        self._connection.close()

    def interrupt(self) -> None:
        """Stops the query running on this connection (from another thread): it raises
        `sqlite3.OperationalError`."""
        self._connection.interrupt()

    def page(self, query: ListQuery = ListQuery(), limit: int = 100, offset: int = 0):
        """One page of the list, as `CandidateLine`s."""
        matching, values = _matching(query)
        sql = f"{_LINE}{matching}{_order(query)} LIMIT ? OFFSET ?"
        rows = self._connection.execute(sql, [*values, limit, offset]).fetchall()
        return [_line(row) for row in rows]

    def total(self, query: ListQuery = ListQuery()) -> int:
        """How many candidates match."""
        matching, values = _matching(query)
        sql = f"SELECT count(*){matching}"
        return self._connection.execute(sql, values).fetchone()[0]

    def regions(self) -> list[str]:
        """The regions of the structures recorded here."""
        sql = "SELECT DISTINCT region FROM structures ORDER BY region"
        return [row[0] for row in self._connection.execute(sql)]

    def is_set_up(self) -> bool:
        """Whether the first-start wizard was completed (the structure is known, or COORACE's
        service was set up)."""
        sql = (
            "SELECT 1 FROM settings AS t JOIN structures AS s ON s.siret = t.value WHERE t.key = ?"
        )
        if self._connection.execute(sql, [SETTING_OWN_SIRET]).fetchone() is not None:
            return True
        coorace = "SELECT count(*) FROM settings WHERE (key = ? AND value = 'coorace') OR key = ?"
        found = self._connection.execute(coorace, [SETTING_WORKSPACE, SETTING_SERVICE])
        return found.fetchone()[0] == 2  # COORACE's service was set up here
