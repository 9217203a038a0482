"""Who works on this computer: a member structure (its own employees), or COORACE's
certification service (the dossiers received from every structure, and the groups).
Same application and schema; the choice is a setting made at first start."""

from __future__ import annotations

from dataclasses import dataclass

from app.store.database import SETTING_USER, Store
from app.store.keys import SETTING_COORACE_EMAIL, SETTING_SERVICE, SETTING_WORKSPACE

STRUCTURE = "structure"
COORACE = "coorace"
WORKSPACE_NAMES = {STRUCTURE: "structure adhérente", COORACE: "service de certification de COORACE"}


def workspace_of(store: Store) -> str:
    """ "coorace" once COORACE's service was set up here; "structure" otherwise (every data
    folder made before the choice existed is a structure's)."""
    return COORACE if store.setting(SETTING_WORKSPACE) == COORACE else STRUCTURE


def is_coorace(store: Store) -> bool:
    return workspace_of(store) == COORACE


@dataclass(frozen=True, slots=True)
class CooraceSetup:
    service: str
    user: str
    coorace_email: str


def current_coorace_setup(store: Store) -> CooraceSetup | None:
    """COORACE's set-up, or None when this data folder is not COORACE's (yet)."""
    settings = store.settings()
    if settings.get(SETTING_WORKSPACE) != COORACE or not settings.get(SETTING_SERVICE):
        return None
    return CooraceSetup(
        service=settings[SETTING_SERVICE],
        user=settings.get(SETTING_USER, store.user),
        coorace_email=settings.get(SETTING_COORACE_EMAIL, ""),
    )


def save_coorace_setup(store: Store, setup: CooraceSetup) -> None:
    """Makes this data folder COORACE's (no SIRET of its own), in one transaction."""
    from app.store.models import SettingRow

    with store.transaction() as session:
        for key, value in (
            (SETTING_WORKSPACE, COORACE),
            (SETTING_SERVICE, setup.service),
            (SETTING_USER, setup.user),
            (SETTING_COORACE_EMAIL, setup.coorace_email),
        ):
            session.merge(SettingRow(key=key, value=value))
