"""The rules file: every figure of DOMAIN.md, validated, read by name, replaceable."""

import re
from pathlib import Path

import pytest

from app.rules import DEFAULT_RULES_FILE, PARAMETER_KINDS, RulesError, load_rules

DOMAIN_DEFAULTS = {
    "min_experience_years": ("CIP-EXP", 3),
    "days_per_year": ("CIP-EXP", 365),
    "experience_counting": ("CIP-EXP", "calendar"),
    "min_group_size": ("CIP-GRP", 7),
    "mobilisation_days": ("CIP-MOB", 5),
    "mobilisation_months": ("CIP-MOB", 6),
    "max_cost_eur": ("CIP-COST", 1380),
    "opca_amount_eur": ("CIP-OPCA", 1080),
    "opca_name": ("CIP-OPCA", "AGEFOS PME"),
    "cpf_max_hours": ("CIP-FIN", 24),
    "positioning_threshold_pct": ("CIP-POS", 80),
    "positioning_threshold_inclusive": ("CIP-POS", True),
    "vae_max_months": ("CIP-VAE", 3),
    "retroactivity_years": ("CISP-RETRO", 5),
    "max_path_years": ("CISP-MAX", 5),
}


def test_shipped_rules_hold_every_parameter_of_the_domain():
    rules = load_rules()
    assert (rules.id, rules.version) == ("coorace-2014-2015", "1")
    for name, (rule, value) in DOMAIN_DEFAULTS.items():
        parameter = rules.parameter(name)
        assert (parameter.rule, parameter.value) == (rule, value), name
        assert parameter.label and parameter.unit and parameter.source
    assert "2014-2015" in rules.source


def rules_text(**changes: str) -> str:
    text = DEFAULT_RULES_FILE.read_text(encoding="utf-8")
    for name, new_value in changes.items():
        pattern = rf"(\[parameters\.{name}\][^\[]*?\nvalue = )[^\n]*"
        text, count = re.subn(pattern, rf"\g<1>{new_value}", text, flags=re.S)
        assert count == 1, name
    return text


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "regles.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_another_campaign_file_changes_the_values(tmp_path):
    path = write(tmp_path, rules_text(min_experience_years="2", max_cost_eur="1500"))
    rules = load_rules(path)
    assert rules.value("min_experience_years") == 2
    assert rules.value("max_cost_eur") == 1500


def test_a_missing_parameter_is_named(tmp_path):
    text = DEFAULT_RULES_FILE.read_text(encoding="utf-8")
    start = text.index("[parameters.cpf_max_hours]")
    end = text.index("[parameters.positioning_threshold_pct]")
    with pytest.raises(RulesError) as raised:
        load_rules(write(tmp_path, text[:start] + text[end:]))
    assert raised.value.problems == ["parameters.cpf_max_hours : paramètre manquant"]


@pytest.mark.parametrize(
    ("name", "bad", "fragment"),
    [
        ("max_cost_eur", '"1380"', "parameters.max_cost_eur.value : doit être un nombre"),
        (
            "min_experience_years",
            "2.5",
            "parameters.min_experience_years.value : doit être un entier",
        ),
        (
            "min_experience_years",
            "0",
            "parameters.min_experience_years.value : doit être un entier",
        ),
        ("positioning_threshold_inclusive", '"oui"', "booléen"),
        ("experience_counting", '"weekly"', "valeurs possibles"),
        ("opca_amount_eur", "-1", "parameters.opca_amount_eur.value"),
        ("days_per_year", "true", "parameters.days_per_year.value"),
        ("max_cost_eur", "inf", "parameters.max_cost_eur.value : doit être compris"),
        ("positioning_threshold_pct", "1e400", "entre 0 et 100"),
        ("max_path_years", "9000", "parameters.max_path_years.value : doit être compris"),
        ("positioning_threshold_pct", "100.5", "entre 0 et 100"),
    ],
)
def test_an_ill_typed_parameter_is_named(tmp_path, name, bad, fragment):
    with pytest.raises(RulesError) as raised:
        load_rules(write(tmp_path, rules_text(**{name: bad})))
    assert any(fragment in problem for problem in raised.value.problems), raised.value.problems


def test_unknown_parameters_and_missing_fields_are_named(tmp_path):
    text = DEFAULT_RULES_FILE.read_text(encoding="utf-8").replace(
        'unit = "€"\nvalue = 1380', "value = 1380"
    )
    text += '\n[parameters.max_cots_eur]\nrule = "CIP-COST"\n'
    with pytest.raises(RulesError) as raised:
        load_rules(write(tmp_path, text))
    assert "parameters.max_cots_eur : paramètre inconnu" in raised.value.problems
    assert "parameters.max_cost_eur.unit : champ obligatoire manquant" in raised.value.problems


def test_broken_or_absent_files_are_clear(tmp_path):
    with pytest.raises(RulesError, match="introuvable"):
        load_rules(tmp_path / "absent.toml")
    with pytest.raises(RulesError, match="TOML invalide"):
        load_rules(write(tmp_path, "[rules\nid ="))


def test_every_parameter_kind_is_in_the_shipped_file():
    assert set(load_rules().parameters) == set(PARAMETER_KINDS)
