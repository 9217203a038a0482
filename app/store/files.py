"""Files holding personal data: created readable by the user only (POSIX mode 0600),
written whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def private_dir(path: Path) -> Path:
    """Creates the folder (mode 0700), or tightens an existing one the user owns."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    if not path.is_dir():
        raise NotADirectoryError(20, "n'est pas un dossier", str(path))
    if hasattr(os, "getuid") and path.stat().st_uid == os.getuid():
        os.chmod(path, PRIVATE_DIR)
    return path


def private_file(path: Path) -> Path:
    """Creates `path` empty with mode 0600 if it does not exist; tightens it if it does."""
    try:
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE)
        os.close(descriptor)
    except FileExistsError:
        os.chmod(path, PRIVATE_FILE)
    return path


def write_private_text(path: Path, text: str) -> None:
    """Writes `text` to `path` atomically (temporary file, fsync, rename), mode 0600."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, PRIVATE_FILE)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
