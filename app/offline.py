"""The window's process opens no network connection, and so loads no OpenSSL.

Python's TLS module (`ssl`) and OpenSSL's hash functions (`_hashlib`) are marked absent
before anything imports them: `asyncio` (imported by SQLAlchemy) then goes without TLS,
as on a Python built without it, and `hashlib` gives CPython's own SHA-256 and MD5, the
same digests. Nothing in the window can then open an encrypted connection to send data
away, and the process keeps ≈ 4 MB less in memory (OpenSSL's library and tables,
measured with `bench/ui.py`). The commands of `passerelle` in a terminal are left as
they are.
"""

from __future__ import annotations

import sys

OPENSSL_MODULES = ("ssl", "_ssl", "_hashlib")


def openssl_loaded() -> bool:
    """Whether this process has loaded Python's TLS module or OpenSSL's hashes."""
    return any(sys.modules.get(name) is not None for name in OPENSSL_MODULES)


def without_openssl() -> bool:
    """Marks the OpenSSL modules absent for the rest of the process; False (nothing done)
    when one is loaded already."""
    if openssl_loaded():
        return False
    for name in OPENSSL_MODULES:
        sys.modules[name] = None  # `import ssl` now raises ImportError
    return True
