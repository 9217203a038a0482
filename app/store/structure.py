"""The structure using this copy of Passerelle, set up at first start and editable in
« Paramètres »: its identity, COORACE's certification address and the local user."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import select

from app.domain import Structure
from app.exchange.dossier import structure_to_data
from app.resources import resource
from app.siret import grouped_siret
from app.store.candidates import write_structure
from app.store.database import SETTING_USER, Store
from app.store.errors import StoreError
from app.store.history import differences
from app.store.keys import SETTING_COORACE_EMAIL, SETTING_OWN_SIRET
from app.store.mapping import structure_of
from app.store.models import SettingRow, StructureRow


@cache
def default_coorace_email() -> str:
    with resource("coorace.toml").open("rb") as handle:
        return tomllib.load(handle)["certification"]["email"]


@dataclass(frozen=True, slots=True)
class Setup:
    structure: Structure
    coorace_email: str
    user: str


def current_setup(store: Store) -> Setup | None:
    """The structure's set-up, or None before the first-start wizard was completed."""
    with store.transaction() as session:
        siret = session.get(SettingRow, SETTING_OWN_SIRET)
        if siret is None:
            return None
        row = session.scalars(select(StructureRow).where(StructureRow.siret == siret.value)).first()
        if row is None:
            return None
        email = session.get(SettingRow, SETTING_COORACE_EMAIL)
        return Setup(
            structure=structure_of(row),
            coorace_email=email.value if email else default_coorace_email(),
            user=store.user,
        )


def save_setup(store: Store, setup: Setup) -> None:
    """Records the structure (created or updated, audited) and the settings, in one
    transaction."""
    now = datetime.now()
    with store.transaction() as session:
        row = session.scalars(
            select(StructureRow).where(StructureRow.siret == setup.structure.siret)
        ).first()
        own = session.get(SettingRow, SETTING_OWN_SIRET)
        if own is not None and own.value != setup.structure.siret:
            if row is not None:  # another structure already has that SIRET
                raise StoreError(
                    f"Le SIRET {grouped_siret(setup.structure.siret)} est celui d'une autre "
                    f"structure connue ici ({row.name}) : rien n'a été modifié."
                )
            # a corrected SIRET: the same structure, its candidates stay with it
            row = session.scalars(
                select(StructureRow).where(StructureRow.siret == own.value)
            ).first()
        changes = {}
        if row is not None:
            stored = structure_to_data(structure_of(row))
            changes = {
                f"structure.{key}": change
                for key, change in differences(stored, structure_to_data(setup.structure)).items()
            }
        write_structure(session, row, setup.structure, changes, setup.user, now)
        for key, value in (
            (SETTING_OWN_SIRET, setup.structure.siret),
            (SETTING_COORACE_EMAIL, setup.coorace_email),
            (SETTING_USER, setup.user),
        ):
            session.merge(SettingRow(key=key, value=value))
