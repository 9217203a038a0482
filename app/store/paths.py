"""Where the data lives: the user data folder of the OS, unless told otherwise.

Order: the `--data-dir` option, then the `PASSERELLE_DATA_DIR` variable, then the OS's
user data folder (platformdirs): Linux `~/.local/share/Passerelle`, macOS
`~/Library/Application Support/Passerelle`, Windows
`C:\\Users\\<nom>\\AppData\\Local\\COORACE\\Passerelle`.
"""

from __future__ import annotations

import os
from pathlib import Path

DATA_DIR_VARIABLE = "PASSERELLE_DATA_DIR"
DATABASE_NAME = "passerelle.sqlite3"
LOCK_NAME = "passerelle.lock"
BACKUP_DIR_NAME = "sauvegardes"
REPORTS_DIR_NAME = "rapports"  # the imports' reports (not in a protected folder)
# the course catalogue in use (app/store/catalogue_in_use.py), and the one it replaced
CATALOGUE_NAME = "catalogue.json"
PREVIOUS_CATALOGUE_NAME = "catalogue.precedent.json"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("Passerelle", "COORACE", roaming=False))


def data_dir(option: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: `option`, else `$PASSERELLE_DATA_DIR`, else the OS default."""
    if option:
        return Path(option).expanduser()
    from_environment = os.environ.get(DATA_DIR_VARIABLE)
    if from_environment:
        return Path(from_environment).expanduser()
    return default_data_dir()
