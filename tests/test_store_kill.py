"""The kill test: a writer killed with SIGKILL at random moments never loses a record it
reported as committed, and never leaves a damaged file."""

import os
import random
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.store import cipher, sqlite

KILLS = 50
WRITER = Path(__file__).with_name("kill_writer.py")


def read_lines(
    process: subprocess.Popen, lines: list[str], deadline: float, until: str | None = None
) -> None:
    """Reads the writer's lines until `deadline`, or until the line `until` arrives."""
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    try:
        while time.monotonic() < deadline:
            if not selector.select(timeout=max(0.0, deadline - time.monotonic())):
                return
            line = process.stdout.readline()
            if not line:
                return
            lines.append(line.strip())
            if until is not None and lines[-1] == until:
                return
    finally:
        selector.close()


PASSPHRASE = "arrêts brutaux, données chiffrées"


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("protected", [False, True], ids=["en-clair", "protegees"])
def test_sigkill_at_random_moments_loses_nothing_committed(tmp_path, protected):
    rng = random.Random(20141001)
    folder = tmp_path / "donnees"
    committed: set[str] = set()
    next_index = 0
    environment = {**os.environ, "PASSERELLE_KILL_PASSPHRASE": PASSPHRASE if protected else ""}
    for kill in range(KILLS):
        process = subprocess.Popen(
            [sys.executable, str(WRITER), str(folder), str(next_index)],
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=environment,
        )
        lines: list[str] = []
        read_lines(process, lines, time.monotonic() + 60, until="prêt")
        assert lines and lines[-1] == "prêt", "the writer did not start"
        read_lines(process, lines, time.monotonic() + rng.uniform(0.0, 0.4))
        os.kill(process.pid, signal.SIGKILL)
        rest, _ = process.communicate(timeout=30)
        lines.extend(line.strip() for line in rest.splitlines())
        reported = {line for line in lines if line.startswith("k-")}
        committed |= reported
        next_index += len(reported) + 1000
        database = folder / "passerelle.sqlite3"
        if protected and not cipher.unlocked(folder):
            cipher.unlock(folder, PASSPHRASE)
        assert sqlite.check(database, thorough=True) is None, f"kill {kill}: damaged file"
        present = {ref for (ref,) in read(database, "SELECT ref FROM candidates")}
        missing = committed - present
        assert not missing, f"kill {kill}: lost {sorted(missing)[:5]}"
    assert len(committed) > KILLS  # the writer did write between the kills
    if protected:
        assert b"SQLite format 3" not in database.read_bytes()
        cipher.lock(folder)
    print(f"{KILLS} arrêts brutaux, {len(committed)} candidats confirmés, aucun perdu")


def read(database: Path, query: str) -> list[tuple]:
    """Rows of the database, plain or protected (with the key of its unlocked folder)."""
    connection = cipher.connect(database)
    try:
        return connection.execute(query).fetchall()
    finally:
        connection.close()
