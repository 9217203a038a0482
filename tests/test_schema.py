"""The shipped JSON Schemas are generated from the validators and agree with them."""

import copy
import json

import jsonschema
import pytest
from test_exchange_dossier import FULL

from app.exchange.schema import SCHEMA_DIR, SCHEMAS, schema_document, schema_text
from app.resources import resource


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_shipped_schema_is_up_to_date(name):
    shipped = (SCHEMA_DIR / name).read_text(encoding="utf-8")
    assert shipped == schema_text(name), "run `make schema` and commit resources/schema/"


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schema_is_a_valid_json_schema(name):
    jsonschema.Draft202012Validator.check_schema(schema_document(name))


def validator(name):
    return jsonschema.Draft202012Validator(
        schema_document(name), format_checker=jsonschema.FormatChecker()
    )


def test_samples_and_example_catalogue_satisfy_the_schemas():
    dossier = validator("dossier-v1.schema.json")
    for path in resource("examples").glob("*.json"):
        dossier.validate(json.loads(path.read_text(encoding="utf-8")))
    dossier.validate(FULL)
    catalogue = validator("catalogue-v1.schema.json")
    catalogue.validate(json.loads(resource("catalogues", "catalogue-exemple.json").read_text()))


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(typo=1),
        lambda d: d["experiences"][0].update(fte=0),
        lambda d: d["experiences"][0].update(fte=1.01),
        lambda d: d["cip"].update(positioning_score_pct=100.5),
        lambda d: d["cip"]["financing"][0].update(hours=None),
        lambda d: d["cisp"]["pole_sessions"][0].update(pole=5),
        lambda d: d.update(format_version=2),
        lambda d: d["structure"].update(siret="1234"),
        lambda d: d["candidate"].pop("ref"),
        lambda d: d["cip"]["gap_analysis"][0].update(competence="CIP-9.9"),
        lambda d: d["courses"][0].update(ended_on="10/05/2012"),
    ],
)
def test_schema_refuses_what_the_reader_refuses(change):
    document = copy.deepcopy(FULL)
    change(document)
    assert not validator("dossier-v1.schema.json").is_valid(document)
