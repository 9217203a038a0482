"""File system failures told in French, naming the file the user knows."""

from __future__ import annotations

import errno
from pathlib import Path

_REASONS = {
    errno.EACCES: "accès refusé",
    errno.EPERM: "opération non permise",
    errno.EROFS: "le disque est en lecture seule",
    errno.ENOSPC: "le disque est plein",
    errno.EDQUOT: "le quota disque est dépassé",
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EISDIR: "c'est un dossier, pas un fichier",
    errno.EEXIST: "un fichier porte déjà ce nom",
    errno.ENAMETOOLONG: "nom trop long",
    errno.EIO: "erreur d'entrée-sortie du disque",
}


def reason(error: OSError) -> str:
    """« le disque est plein », « accès refusé »…"""
    if error.errno in _REASONS:
        return _REASONS[error.errno]
    # the system's own words (`strerror`) are English: only its code is told
    code = f" (code {error.errno})" if error.errno else ""
    return f"erreur du système de fichiers{code}"


def sentence(error: OSError, path: Path | str | None = None) -> str:
    where = path if path is not None else error.filename
    return f"{where} : {reason(error)}" if where else reason(error)
