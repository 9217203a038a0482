"""PySide6 looks at every module imported after it, to know whether that module may use
`from __feature__ import …`: it reads the module's whole source with `inspect.getsource`,
and `linecache` then keeps every line of it for the life of the process. Measured here,
with SQLAlchemy and Passerelle's own modules loaded behind the window, that is ≈ 20 MB of
resident memory kept for nothing (freeing it later gives nothing back: the lines are
scattered among live objects).

`keep_no_source()` puts in its place the same check — does the file's text contain
"PySide6"? — reading the file without keeping it. Modules without a source file (the
bundle's) are answered as before: no. Nothing changes when PySide6 no longer has the
check (the test `tests/test_pyside_check.py` then fails, so that the memory is looked at
again)."""

from __future__ import annotations

from types import ModuleType


def mentions_pyside(module: ModuleType) -> bool:
    """Whether the module's source file contains "PySide6" (False when it has none)."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False
    try:
        with open(path, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False


def keep_no_source() -> bool:
    """Installs `mentions_pyside` as PySide6's check; False when PySide6 has no such check."""
    import PySide6.QtCore  # noqa: F401  (loads PySide6's support package)

    try:
        from PySide6.support import feature
    except ImportError:
        return False
    if not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = mentions_pyside
    return True
