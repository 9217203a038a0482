"""PySide6's check of every module imported after it keeps no source in memory (see
ui/support/pyside_check.py), and answers as PySide6 did."""

from __future__ import annotations

import subprocess
import sys
import types

from ui.support.pyside_check import mentions_pyside

SCRIPT = """
import linecache, sys
import PySide6.QtCore
from ui.support.pyside_check import keep_no_source
installed = keep_no_source()
import sqlalchemy.orm
kept = [name for name in linecache.cache if "sqlalchemy" in name and name.endswith(".py")]
print(installed, len(kept))
"""


def _run(script: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    return done.stdout.split()


def test_modules_imported_after_pyside_leave_no_source_in_memory():
    assert _run(SCRIPT) == ["True", "0"]


def test_without_the_replacement_pyside_keeps_every_source():
    """The test above can fail: PySide6 as shipped keeps the sources (when it no longer
    does, ui/support/pyside_check.py can go)."""
    _installed, kept = _run(SCRIPT.replace("installed = keep_no_source()", "installed = None"))
    assert int(kept) > 50


def test_the_check_answers_as_pyside_did(tmp_path):
    uses = tmp_path / "uses.py"
    uses.write_text("from PySide6.QtWidgets import QWidget\n", encoding="utf-8")
    plain = tmp_path / "plain.py"
    plain.write_text("import json\n", encoding="utf-8")
    compiled = tmp_path / "compiled.pyc"
    compiled.write_bytes(b"PySide6")

    def module(path):
        made = types.ModuleType("m")
        if path is not None:
            made.__file__ = str(path)
        return made

    assert mentions_pyside(module(uses))
    assert not mentions_pyside(module(plain))
    assert not mentions_pyside(module(compiled))  # no source: as PySide6 answered
    assert not mentions_pyside(module(None))  # a built-in module
    assert not mentions_pyside(module(tmp_path / "gone.py"))
