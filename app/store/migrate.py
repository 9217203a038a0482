"""Schema migrations (Alembic, shipped in `app/store/migrations`), run at start.

Knowing whether a database is at the head revision needs no Alembic: the revisions are
read from the migration files' `revision = ...` lines, so that a start with an up-to-date
file does not pay for importing Alembic.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

from app.store.errors import StoreError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_REVISION = re.compile(r"^revision = ['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN = re.compile(r"^down_revision = (None|['\"]([^'\"]+)['\"])", re.MULTILINE)


@cache
def _revisions() -> dict[str, str | None]:
    """{revision: down_revision} of every migration file."""
    found: dict[str, str | None] = {}
    for script in sorted((MIGRATIONS / "versions").glob("*.py")):
        source = script.read_text(encoding="utf-8")
        revision, down = _REVISION.search(source), _DOWN.search(source)
        if revision and down:
            found[revision.group(1)] = down.group(2)
    return found


def known_revisions() -> set[str]:
    return set(_revisions())


def head_revision() -> str:
    revisions = _revisions()
    parents = {down for down in revisions.values() if down}
    (head,) = (revision for revision in revisions if revision not in parents)
    return head


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def current_revision(engine: Engine) -> str | None:
    from sqlalchemy import text

    with engine.connect() as connection:
        exists = connection.execute(
            text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'")
        ).first()
        if not exists:
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine) -> None:
    """Upgrades to the head revision (batch mode), then checks every foreign key."""
    from alembic import command
    from sqlalchemy import text

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    with engine.connect() as connection:
        broken = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
    if broken:
        tables = sorted({row[0] for row in broken})
        raise StoreError(
            f"Après la mise à jour du schéma, des liens entre tables sont rompus "
            f"({', '.join(tables)}) : restaurez la sauvegarde prise juste avant."
        )
