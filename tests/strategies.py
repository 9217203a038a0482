"""Hypothesis strategies for valid exchange documents, every key present as Passerelle
writes them."""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from app.referentials import cip_referential

dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)).map(date.isoformat)
optional_dates = st.none() | dates
printable = st.characters(blacklist_categories=("Cs", "Cc"))
texts = st.text(alphabet=printable, min_size=1, max_size=20).filter(lambda t: t.strip() != "")
optional_texts = st.none() | texts
amounts = st.one_of(
    st.integers(min_value=0, max_value=5000),
    st.floats(min_value=0, max_value=5000, allow_nan=False, allow_infinity=False),
)
siret = st.text(alphabet="0123456789", min_size=14, max_size=14)


def recorded(draw, keys: dict) -> dict:
    """Some of the optional keys added to the format since EXCHANGE.md, each with a value
    (Passerelle writes them only when they hold one)."""
    return {key: draw(strategy) for key, strategy in keys.items() if draw(st.booleans())}


@st.composite
def upgrading_courses(draw):
    start = draw(st.none() | st.dates(min_value=date(2000, 1, 1), max_value=date(2025, 1, 1)))
    end = draw(
        st.none() | st.dates(min_value=start or date(2000, 1, 1), max_value=date(2026, 1, 1))
    )
    return {
        "title": draw(texts),
        "starts_on": None if start is None else start.isoformat(),
        "ends_on": None if end is None else end.isoformat(),
    }


@st.composite
def experiences(draw):
    start = draw(st.dates(min_value=date(1995, 1, 1), max_value=date(2020, 1, 1)))
    end = draw(st.none() | st.dates(min_value=start, max_value=date(2025, 1, 1)))
    return {
        "employer": draw(optional_texts),
        "job_title": draw(optional_texts),
        "accompaniment_function": draw(st.booleans()),
        "start": start.isoformat(),
        "end": None if end is None else end.isoformat(),
        "fte": draw(st.sampled_from([1, 0.5, 0.8, 0.25, 1.0])),
    }


@st.composite
def financing_lines(draw):
    source = draw(
        st.sampled_from(["opca", "cpf", "professionalisation", "training_plan", "own_funds"])
    )
    hours = draw(amounts) if source == "cpf" else draw(st.none() | amounts)
    return {"source": source, "amount_eur": draw(amounts), "hours": hours}


@st.composite
def cip_paths(draw):
    competences = draw(
        st.lists(st.sampled_from(cip_referential().competence_ids()), unique=True, max_size=4)
    )
    return {
        "positioning_score_pct": draw(
            st.none() | st.integers(0, 100) | st.floats(0, 100, allow_nan=False)
        ),
        "admissibility_decision_on": draw(optional_dates),
        "vae_result_on": draw(optional_dates),
        "cost_eur": draw(st.none() | amounts),
        "financing": draw(st.lists(financing_lines(), max_size=3)),
        "gap_analysis": [
            {
                "competence": c,
                "status": draw(st.sampled_from(["yes", "partial", "no"])),
                "note": draw(st.none() | st.text(alphabet=printable, max_size=15)),
            }
            for c in competences
        ],
        **recorded(
            draw,
            {
                "collective_meeting_on": dates,
                "targeted_meeting_on": dates,
                "positioning_on": dates,
                "upgrading_courses": st.lists(upgrading_courses(), min_size=1, max_size=2),
                "retest_on": dates,
                "admissibility_filed_on": dates,
                "accompaniment_sessions": st.lists(dates, min_size=1, max_size=3),
                "jury_on": dates,
                "vae_outcome": st.sampled_from(["validated", "partial", "not_validated"]),
            },
        ),
    }


@st.composite
def cisp_paths(draw):
    commission = draw(
        st.none()
        | st.fixed_dictionaries(
            {
                "date": optional_dates,
                "decision": st.sampled_from(["pending", "accepted", "rejected"]),
            }
        )
    )
    return {
        "registered_on": draw(optional_dates),
        "commission": commission,
        "pole_sessions": draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "pole": st.integers(1, 4),
                        "date": dates,
                        "result": st.sampled_from(["validated", "not_validated"]),
                    }
                ),
                max_size=4,
            )
        ),
        **recorded(
            draw,
            {
                "filed_by_employer": st.booleans(),
                "contracted_on": dates,
                "planned_courses": st.lists(
                    st.fixed_dictionaries({"code": texts, "planned_on": optional_dates}),
                    min_size=1,
                    max_size=3,
                ),
            },
        ),
    }


@st.composite
def dossiers(draw):
    refs = st.sampled_from(["c-1", "c-2", "c-3"])
    sirets = st.sampled_from(["12345678200002", "43817206500015"])
    return {
        "format": "passerelle.dossier",
        "format_version": 1,
        "structure": {
            "name": draw(texts),
            "siret": draw(sirets),
            "kind": draw(st.sampled_from(["AI", "ACI", "EI", "ETTI", "other"])),
            "region": draw(texts),
            "address": draw(optional_texts),
            "director": draw(optional_texts),
            "email": draw(optional_texts),
            "phone": draw(optional_texts),
        },
        "candidate": {
            "ref": draw(refs),
            "last_name": draw(texts),
            "first_name": draw(texts),
            "birth_date": draw(optional_dates),
            "email": draw(optional_texts),
            "phone": draw(optional_texts),
            "job_title": draw(optional_texts),
            "hired_on": draw(optional_dates),
            "contract": draw(optional_texts),
        },
        "employer_agreement": draw(
            st.none() | st.fixed_dictionaries({"given_on": dates, "signatory": texts})
        ),
        "experiences": draw(st.lists(experiences(), max_size=4)),
        "courses": draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "code": texts,
                        "title": optional_texts,
                        "ended_on": dates,
                        "attestation": optional_texts,
                    },
                    optional={"added_by_hand": st.just(True)},
                ),
                max_size=3,
            )
        ),
        "cip": draw(st.none() | cip_paths()),
        "cisp": draw(st.none() | cisp_paths()),
    }
