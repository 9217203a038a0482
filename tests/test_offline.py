"""The window's process loads no OpenSSL (app/offline.py); what it needs works the same."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
from app.offline import without_openssl
print(without_openssl() if sys.argv[1] == "block" else None)
import hashlib, asyncio, sqlalchemy.orm, filelock  # what the window loads
import app.store.database
print(hashlib.sha256(b"Passerelle").hexdigest())
try:
    import ssl
    print("ssl")
except ImportError:
    print("no-ssl")
maps = open("/proc/self/maps").read()
print("libcrypto" in maps)
"""


def _run(mode: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, mode], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_the_window_s_modules_load_without_openssl_and_hash_the_same():
    blocked, digest, tls, crypto = _run("block")
    _, expected, tls_before, crypto_before = _run("free")
    assert (tls_before, crypto_before) == ("ssl", "True")  # the test can fail
    assert (blocked, tls, crypto) == ("True", "no-ssl", "False")
    assert digest == expected


def test_nothing_is_blocked_once_openssl_is_loaded():
    script = "import hashlib\nfrom app.offline import without_openssl\nprint(without_openssl())"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.split() == ["False"]
