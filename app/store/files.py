"""Files holding personal data: created readable by the user only (POSIX mode 0600),
written whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def private_dir(path: Path, holds: str | None = None) -> Path:
    """Creates the folder with mode 0700. An existing folder is tightened only when it is
    Passerelle's own (it holds the file `holds`): never the user's home, say."""
    existed = path.exists()
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    if not path.is_dir():
        raise NotADirectoryError(20, "n'est pas un dossier", str(path))
    ours = not existed or (holds is not None and (path / holds).exists())
    if ours and hasattr(os, "getuid") and path.stat().st_uid == os.getuid():
        os.chmod(path, PRIVATE_DIR)
    return path


def refuse_existing(path: Path) -> None:
    """Files holding personal data are never written over another file."""
    from app.store.errors import StoreError

    if path.exists():
        raise StoreError(
            f"Le fichier {path} existe déjà : choisissez un autre nom. Rien n'a été écrit."
        )


def private_file(path: Path) -> Path:
    """Creates `path` empty with mode 0600 if it does not exist; tightens it if it does."""
    try:
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE)
        os.close(descriptor)
    except FileExistsError:
        os.chmod(path, PRIVATE_FILE)
    return path


def write_private_text(path: Path, text: str) -> None:
    """Writes `text` (UTF-8) to `path` atomically, mode 0600."""
    write_private_bytes(path, text.encode("utf-8"))


def write_private_bytes(path: Path, data: bytes) -> None:
    """Writes `data` to `path` atomically (temporary file, fsync, rename), mode 0600.
    A failure names `path`, never the temporary file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary: str | None = None
    try:
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, PRIVATE_FILE)
        os.replace(temporary, path)
    except OSError as error:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        raise OSError(error.errno, error.strerror, str(path)) from None
    except BaseException:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        raise
