"""Documents at the size limits (resources/limits.toml): the largest dossier and catalogue
the exchange format accepts, and files too big, written without holding them in memory."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from conftest import BASE_DOSSIER

from app.limits import limits


def at_most(name: str, char: str = "é") -> str:
    """A text exactly as long as the limit `name` allows."""
    return char * limits().value(name)


def too_long(name: str, char: str = "é") -> str:
    """A text one character longer than the limit `name` allows."""
    return char * (limits().value(name) + 1)


def largest_dossier(char: str = "é") -> dict[str, Any]:
    """A dossier with every text and every list at its limit."""
    text, ref = at_most("text_max_chars", char), at_most("reference_max_chars", char)
    count = limits().value
    document = copy.deepcopy(BASE_DOSSIER)
    document["structure"].update(
        name=text,
        region=text,
        address=at_most("address_max_chars", char),
        director=text,
        email=at_most("email_max_chars", char),
        phone=ref,
    )
    document["candidate"].update(
        ref=ref,
        last_name=text,
        first_name=text,
        email=at_most("email_max_chars", char),
        phone=ref,
        job_title=text,
        contract=text,
    )
    document["employer_agreement"]["signatory"] = text
    document["experiences"] = [
        {
            "employer": text,
            "job_title": text,
            "accompaniment_function": True,
            "start": "2000-01-01",
            "end": "2000-02-01",
            "fte": 0.5,
        }
        for _ in range(count("experiences_max"))
    ]
    document["courses"] = [
        {
            "code": f"{i:05d}" + ref[5:],
            "title": text,
            "ended_on": "2012-05-10",
            "attestation": ref,
            "added_by_hand": True,
        }
        for i in range(count("courses_max"))
    ]
    competences = [f"CIP-{a}.{c}" for a in range(1, 5) for c in range(1, 100)]
    document["cip"] = {
        "positioning_score_pct": 79.5,
        "admissibility_decision_on": "2014-12-01",
        "vae_result_on": "2015-02-01",
        "cost_eur": 1380,
        "financing": [
            {"source": "cpf", "amount_eur": 10.5, "hours": 1}
            for _ in range(count("financing_lines_max"))
        ],
        "gap_analysis": [
            {"competence": competence, "status": "partial", "note": at_most("note_max_chars", char)}
            for competence in competences[: count("gap_analysis_max")]
        ],
        "collective_meeting_on": "2014-09-01",
        "targeted_meeting_on": "2014-09-10",
        "positioning_on": "2014-10-01",
        "upgrading_courses": [
            {"title": text, "starts_on": "2014-10-10", "ends_on": "2014-10-20"}
            for _ in range(count("upgrading_courses_max"))
        ],
        "retest_on": "2014-11-01",
        "admissibility_filed_on": "2014-11-10",
        "accompaniment_sessions": ["2014-12-10"] * count("accompaniment_sessions_max"),
        "jury_on": "2015-01-20",
        "vae_outcome": "validated",
    }
    document["cisp"] = {
        "registered_on": "2014-10-01",
        "commission": {"date": "2014-11-20", "decision": "accepted"},
        "pole_sessions": [
            {"pole": 1 + i % 4, "date": "2016-06-10", "result": "validated"}
            for i in range(count("pole_sessions_max"))
        ],
        "filed_by_employer": True,
        "contracted_on": "2014-12-01",
        "planned_courses": [
            {"code": ref, "planned_on": "2016-01-01"} for _ in range(count("planned_courses_max"))
        ],
    }
    return document


def largest_catalogue(char: str = "é") -> dict[str, Any]:
    """A catalogue with every text and its list of courses at their limits."""
    text, ref = at_most("text_max_chars", char), at_most("reference_max_chars", char)
    return {
        "format": "passerelle.catalogue",
        "format_version": 1,
        "name": text,
        "version": text,
        "published_on": "2014-09-01",
        "example": False,
        "courses": [
            {
                "code": f"{i:05d}" + ref[5:],
                "title": text,
                "pole": 1 + i % 4,
                "hours": 21,
                "capitalisable": True,
                "required": False,
            }
            for i in range(limits().value("catalogue_courses_max"))
        ],
    }


def huge_file(path: Path, size: int, head: bytes = b"") -> Path:
    """A file of `size` bytes starting with `head`, holey (sparse): nothing of it is held
    in memory, and it takes no room on the disk."""
    with path.open("wb") as handle:
        handle.write(head)
        handle.truncate(size)
    return path


def streamed_dossier(path: Path, employer_chars: int) -> Path:
    """A dossier file whose one period's `employer` holds `employer_chars` characters,
    written by pieces (the test holds a megabyte of it at most)."""
    piece = "x" * 1_000_000
    with path.open("w", encoding="utf-8") as handle:
        handle.write(
            '{"format": "passerelle.dossier", "format_version": 1, '
            '"structure": {"name": "A", "siret": "12345678200002", "kind": "AI", '
            '"region": "Bretagne"}, '
            '"candidate": {"ref": "r-1", "last_name": "Durand", "first_name": "Éloïse"}, '
            '"experiences": [{"accompaniment_function": true, "start": "2010-01-01", '
            '"employer": "'
        )
        left = employer_chars
        while left > 0:
            handle.write(piece[: min(left, len(piece))])
            left -= len(piece)
        handle.write('"}]}\n')
    return path
