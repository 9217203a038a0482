"""Shared fixtures: the shipped rules and example catalogue, and a dossier builder."""

from __future__ import annotations

import copy
import os
import tempfile
from datetime import date
from typing import Any

import pytest

# Passerelle's own settings (the last folder of the file dialogs) go to a scratch folder,
# never to the person's running the tests
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="passerelle-tests-config-")

from app.evaluation import evaluate, evaluation_to_data
from app.exchange.catalogue import example_catalogue_file, read_catalogue
from app.exchange.dossier import dossier_from_data
from app.rules import load_rules
from tools.offscreen import large_offscreen_screen

# offscreen, on a laptop-sized screen (Qt's own is 800 × 800)
large_offscreen_screen()

BASE_DOSSIER: dict[str, Any] = {
    "format": "passerelle.dossier",
    "format_version": 1,
    "structure": {
        "name": "Association Tremplin",
        "siret": "12345678200002",
        "kind": "AI",
        "region": "Centre-Val de Loire",
        "address": "1 rue de la Gare, 36000 Châteauroux",
        "director": "Nom Prénom",
        "email": "contact@example.org",
        "phone": "02 00 00 00 00",
    },
    "candidate": {
        "ref": "c-2014-017",
        "last_name": "Durand",
        "first_name": "Éloïse",
        "birth_date": "1978-04-12",
        "email": None,
        "phone": None,
        "job_title": "Accompagnatrice socioprofessionnelle",
        "hired_on": "2009-03-02",
        "contract": "CDI",
    },
    "employer_agreement": {"given_on": "2014-09-15", "signatory": "Nom Prénom, directeur"},
    "experiences": [],
    "courses": [],
    "cip": None,
    "cisp": None,
}

EMPTY_CIP: dict[str, Any] = {
    "positioning_score_pct": None,
    "admissibility_decision_on": None,
    "vae_result_on": None,
    "cost_eur": None,
    "financing": [],
    "gap_analysis": [],
}

EMPTY_CISP: dict[str, Any] = {"registered_on": None, "commission": None, "pole_sessions": []}


def period(start: str, end: str | None, fte: float = 1, accompaniment: bool = True) -> dict:
    return {
        "employer": "Association Tremplin",
        "job_title": "Accompagnatrice socioprofessionnelle",
        "accompaniment_function": accompaniment,
        "start": start,
        "end": end,
        "fte": fte,
    }


def make_dossier(cip: dict | None = None, cisp: dict | None = None, **top: Any) -> dict:
    """A dossier document: the base, with `cip` / `cisp` fields merged into empty paths."""
    document = copy.deepcopy(BASE_DOSSIER)
    if cip is not None:
        document["cip"] = {**EMPTY_CIP, **cip}
    if cisp is not None:
        document["cisp"] = {**EMPTY_CISP, **cisp}
    document.update(top)
    return document


@pytest.fixture(scope="session")
def rules():
    return load_rules()


@pytest.fixture(scope="session")
def catalogue():
    return read_catalogue(example_catalogue_file())


@pytest.fixture
def run_evaluation(rules, catalogue):
    """Evaluates a dossier document on an ISO date; returns the evaluation document."""

    def run(document: dict, on: str, rules_override=None) -> dict:
        dossier = dossier_from_data(document)
        result = evaluate(dossier, date.fromisoformat(on), rules_override or rules, catalogue)
        return evaluation_to_data(result)

    return run


def check(result: dict, path: str, rule: str) -> dict:
    """The check of `rule` in the `path` ("cip" or "cisp") part of an evaluation document."""
    matches = [c for c in result[path]["checks"] if c["rule"] == rule]
    assert len(matches) == 1, f"{rule} appears {len(matches)} times"
    return matches[0]
