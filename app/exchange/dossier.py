"""The dossier document (EXCHANGE.md « Dossier »): read into a `Dossier` through its
description (dossier_spec.py), written back with every key present."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from app.dates import iso_datetime
from app.domain import CipPath, CispPath, Closure, CourseTaken, Dossier, Structure
from app.exchange.dossier_spec import DOSSIER, DOSSIER_FORMAT, STRUCTURE
from app.exchange.header import SUPPORTED_VERSION, check_header
from app.exchange.jsontext import parse_json, read_json_file
from app.exchange.problems import ExchangeError
from app.exchange.spec import INVALID, Problems

WHAT = "un dossier Passerelle"  # what a refused file is not


def dossier_from_data(data: Any, source: str = "dossier") -> Dossier:
    """A `Dossier` from parsed JSON, or ExchangeError listing every problem."""
    check_header(data, DOSSIER_FORMAT, WHAT, source)
    problems: Problems = []
    dossier = DOSSIER.validate(data, "", problems)
    if dossier is INVALID:
        raise ExchangeError(source, problems)
    return dossier


def dossier_from_text(text: str, source: str = "dossier") -> Dossier:
    return dossier_from_data(parse_json(text, source), source)


def read_dossier(path: Path) -> Dossier:
    """Reads a dossier file; ExchangeError names every problem with its JSON path. A file
    over `dossier_file_max_bytes` is refused by its size, before it is read."""
    return dossier_from_data(read_json_file(path, "dossier_file_max_bytes", WHAT), str(path))


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def structure_to_data(structure: Structure) -> dict[str, Any]:
    """The `structure` object of the exchange document."""
    return {
        "name": structure.name,
        "siret": structure.siret,
        "kind": structure.kind,
        "region": structure.region,
        "address": structure.address,
        "director": structure.director,
        "email": structure.email,
        "phone": structure.phone,
    }


def structure_problems(structure: Structure) -> dict[str, str]:
    """What the exchange format refuses in a structure, in French, by its key (« name »:
    « 250 caractères, au plus 200 »); empty when every dossier can carry it. For a form
    that sets the structure up before any dossier is written with it."""
    problems: Problems = []
    STRUCTURE.validate(structure_to_data(structure), "", problems)
    return {problem.path.partition(".")[0]: problem.message for problem in problems}


def dossier_to_data(dossier: Dossier) -> dict[str, Any]:
    """The exchange document of a dossier, every key present (EXCHANGE.md)."""
    s, c, a = dossier.structure, dossier.candidate, dossier.employer_agreement
    data = {
        "format": DOSSIER_FORMAT,
        "format_version": SUPPORTED_VERSION,
        "structure": structure_to_data(s),
        "candidate": {
            "ref": c.ref,
            "last_name": c.last_name,
            "first_name": c.first_name,
            "birth_date": _iso(c.birth_date),
            "email": c.email,
            "phone": c.phone,
            "job_title": c.job_title,
            "hired_on": _iso(c.hired_on),
            "contract": c.contract,
        },
        "employer_agreement": None
        if a is None
        else {"given_on": a.given_on.isoformat(), "signatory": a.signatory},
        "experiences": [
            {
                "employer": e.employer,
                "job_title": e.job_title,
                "accompaniment_function": e.accompaniment_function,
                "start": e.start.isoformat(),
                "end": _iso(e.end),
                "fte": e.fte,
            }
            for e in dossier.experiences
        ],
        "courses": [_course_to_data(k) for k in dossier.courses],
        "cip": None if dossier.cip is None else _cip_to_data(dossier.cip),
        "cisp": None if dossier.cisp is None else _cisp_to_data(dossier.cisp),
    }
    if dossier.exported_at is not None:  # optional key: only in an exported document
        data["exported_at"] = iso_datetime(dossier.exported_at)
    return data


def _with_recorded(data: dict[str, Any], optional: dict[str, Any]) -> dict[str, Any]:
    """The keys EXCHANGE.md shows, then the optional keys added since, only when they
    hold something: a dossier without them reads and writes back the same."""
    data.update(
        {key: value for key, value in optional.items() if value is not None and value != []}
    )
    return data


def _course_to_data(course: CourseTaken) -> dict[str, Any]:
    data = {
        "code": course.code,
        "title": course.title,
        "ended_on": course.ended_on.isoformat(),
        "attestation": course.attestation,
    }
    return _with_recorded(data, {"added_by_hand": True if course.added_by_hand else None})


def _cip_to_data(cip: CipPath) -> dict[str, Any]:
    data = {
        "positioning_score_pct": cip.positioning_score_pct,
        "admissibility_decision_on": _iso(cip.admissibility_decision_on),
        "vae_result_on": _iso(cip.vae_result_on),
        "cost_eur": cip.cost_eur,
        "financing": [
            {"source": f.source, "amount_eur": f.amount_eur, "hours": f.hours}
            for f in cip.financing
        ],
        "gap_analysis": [
            {"competence": g.competence, "status": g.status, "note": g.note}
            for g in cip.gap_analysis
        ],
    }
    optional = {
        "collective_meeting_on": _iso(cip.collective_meeting_on),
        "targeted_meeting_on": _iso(cip.targeted_meeting_on),
        "positioning_on": _iso(cip.positioning_on),
        "upgrading_courses": [
            {"title": u.title, "starts_on": _iso(u.starts_on), "ends_on": _iso(u.ends_on)}
            for u in cip.upgrading_courses
        ],
        "retest_on": _iso(cip.retest_on),
        "admissibility_filed_on": _iso(cip.admissibility_filed_on),
        "accompaniment_sessions": [day.isoformat() for day in cip.accompaniment_sessions],
        "jury_on": _iso(cip.jury_on),
        "vae_outcome": cip.vae_outcome,
        "validated_activities": list(cip.validated_activities),
        "closure": _closure_to_data(cip.closure),
    }
    return _with_recorded(data, optional)


def _closure_to_data(closure: Closure | None) -> dict[str, Any] | None:
    if closure is None:
        return None
    data = {"on": closure.on.isoformat(), "reason": closure.reason}
    return _with_recorded(
        data, {"note": closure.note or None, "resumed_on": _iso(closure.resumed_on)}
    )


def _cisp_to_data(cisp: CispPath) -> dict[str, Any]:
    commission = cisp.commission
    data = {
        "registered_on": _iso(cisp.registered_on),
        "commission": None
        if commission is None
        else {"date": _iso(commission.date), "decision": commission.decision},
        "pole_sessions": [
            {"pole": p.pole, "date": p.date.isoformat(), "result": p.result}
            for p in cisp.pole_sessions
        ],
    }
    optional = {
        "filed_by_employer": cisp.filed_by_employer,
        "contracted_on": _iso(cisp.contracted_on),
        "planned_courses": [
            {"code": p.code, "planned_on": _iso(p.planned_on)} for p in cisp.planned_courses
        ],
        "closure": _closure_to_data(cisp.closure),
    }
    return _with_recorded(data, optional)


def content_sha256(dossier: Dossier) -> str:
    """A fingerprint of what a dossier says of its candidate, whenever it was exported:
    the SHA-256 of its exchange document without `exported_at` and without the
    structure's details (only its SIRET, the candidate's identity with their reference),
    keys sorted. Two documents with the same fingerprint describe the candidate the same
    way; the structure's details are compared on their own."""
    data = dossier_to_data(replace(dossier, exported_at=None))
    data["structure"] = {"siret": dossier.structure.siret}
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
