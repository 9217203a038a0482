"""What the bundle is built from: one version everywhere, every resource included, the
Linux menu entry well formed. (`make test-bundle` builds it and runs its self-test.)"""

import configparser
import tomllib
from pathlib import Path

from app import __version__

ROOT = Path(__file__).resolve().parent.parent


def test_one_version_everywhere():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert project["version"] == __version__


def test_the_spec_ships_resources_migrations_and_french_only():
    spec = (ROOT / "packaging" / "passerelle.spec").read_text("utf-8")
    assert '(str(ROOT / "resources"), "resources")' in spec
    assert '"app/store/migrations"' in spec
    assert 'endswith("_fr.qm")' in spec
    for unused in ("QtNetwork", "QtQml", "QtQuick"):
        assert f'"{unused}"' in spec
    for needed in ("fonts/DejaVuSans.ttf", "icons/passerelle.png", "icons/passerelle.ico"):
        assert (ROOT / "resources" / needed).is_file()


def test_the_desktop_entry_is_well_formed():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(ROOT / "packaging" / "passerelle.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Name"] == "Passerelle"
    assert desktop["Exec"] == "passerelle" and desktop["Icon"] == "passerelle"
    assert desktop["Terminal"] == "false" and desktop["Categories"].endswith(";")
