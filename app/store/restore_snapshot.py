"""A data folder's database as a restore compares it (app/store/restore_plan.py): its
candidates by SIRET and reference, each record's content by the part of it a person
knows (identité, expériences…), its erasures, structures and settings. Read with sqlite3
alone, read-only; a backup from an older Passerelle through a migrated temporary copy."""

from __future__ import annotations

import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from app.store import migrate, sqlite

# the candidate's columns worked out from the rest (the list's line): never compared
DERIVED = frozenset(
    {
        "id",
        "structure_id",
        "sort_key",
        "search_text",
        "created_at",
        "updated_at",
        "paths",
        "cip_verdict",
        "cisp_verdict",
        "next_step",
        "next_deadline",
        "stage",
        "documents",
        "summary_on",
        "summary_until",
    }
)

AGREEMENT_COLUMNS = frozenset({"agreement_given_on", "agreement_signatory"})

IDENTITY = "identité"

AGREEMENT = "accord de l'employeur"

# the tables of a candidate's rows, by the part of the record a person knows them as
PARTS = {
    "experience_periods": "expériences",
    "courses_taken": "formations",
    "cip_paths": "parcours CIP",
    "financing_lines": "parcours CIP",
    "gap_assessments": "parcours CIP",
    "upgrading_courses": "parcours CIP",
    "accompaniment_sessions": "parcours CIP",
    "cisp_paths": "parcours CISP",
    "planned_courses": "parcours CISP",
    "pole_sessions": "parcours CISP",
    "milestones": "historique",
    "wizard_drafts": "brouillon d'assistant",
    "supporting_documents": "pièces justificatives",
}

OTHER_PART = "autres informations"

PART_ORDER = (IDENTITY, AGREEMENT, *dict.fromkeys(PARTS.values()), OTHER_PART)

# the audit log says who changed what: it follows the rest, and is not a part of its own
NOT_COMPARED = frozenset({"audit_log"})

STRUCTURE_FIELDS = {
    "name": "nom",
    "kind": "type",
    "region": "région",
    "address": "adresse",
    "director": "direction",
    "email": "courriel",
    "phone": "téléphone",
}


@dataclass(frozen=True)
class Record:
    """A candidate as one database holds them."""

    key: tuple[str, str]  # (SIRET, reference)
    first_name: str
    last_name: str
    sort_key: str
    created_at: datetime
    updated_at: datetime
    parts: dict[str, tuple]  # part (« expériences »…) → its content, comparable


@dataclass
class Snapshot:
    records: dict[tuple[str, str], Record] = field(default_factory=dict)
    erasures: dict[str, datetime] = field(default_factory=dict)
    structures: dict[str, dict[str, object]] = field(default_factory=dict)
    settings: dict[str, str] = field(default_factory=dict)
    last_change: datetime | None = None


def moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def rows(connection, table: str) -> list[dict]:
    """Every row of `table` by column name (whichever library, sqlite3 or sqlcipher3,
    read it)."""
    cursor = connection.execute(f'SELECT * FROM "{table}"')
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


def read_snapshot(database: Path, key: bytes | None = None) -> Snapshot:
    """The candidates of `database` (at the current schema), their erasures, structures
    and settings, read-only."""
    from app.store.cipher import connect, key_for

    connection = connect(
        f"{database.resolve().as_uri()}?mode=ro",
        key=key or key_for(database),
        uri=True,
        timeout=sqlite.BUSY_TIMEOUT_S,
    )
    try:
        return snapshot_of(connection)
    finally:
        connection.close()


def snapshot_of(connection) -> Snapshot:
    tables = [
        name
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    snapshot = Snapshot()
    sirets = {row["id"]: row["siret"] for row in rows(connection, "structures")}
    for row in rows(connection, "structures"):
        snapshot.structures[row["siret"]] = {name: row[name] for name in STRUCTURE_FIELDS}
    snapshot.settings = {row["key"]: row["value"] for row in rows(connection, "settings")}
    if "erasures" in tables:
        snapshot.erasures = {
            row["key"]: datetime.fromisoformat(row["erased_at"])
            for row in rows(connection, "erasures")
        }
    if "audit_log" in tables:
        (latest,) = connection.execute("SELECT max(at) FROM audit_log").fetchone()
        snapshot.last_change = moment(latest)
    parts: dict[int, dict[str, list[tuple]]] = defaultdict(lambda: defaultdict(list))
    for table in tables:
        if table in NOT_COMPARED or table == "candidates":
            continue
        columns = [column[1] for column in connection.execute(f'PRAGMA table_info("{table}")')]
        if "candidate_id" not in columns:
            continue
        kept = [name for name in columns if name not in ("id", "candidate_id")]
        part = PARTS.get(table, OTHER_PART)
        for row in rows(connection, table):
            parts[row["candidate_id"]][part].append((table, *(row[name] for name in kept)))
    for row in rows(connection, "candidates"):
        names = row.keys()
        own = parts[row["id"]]
        content = {
            IDENTITY: tuple(
                row[n] for n in names if n not in DERIVED and n not in AGREEMENT_COLUMNS
            ),
            AGREEMENT: tuple(row[n] for n in names if n in AGREEMENT_COLUMNS),
            **{part: tuple(sorted(values, key=repr)) for part, values in own.items()},
        }
        key = (sirets[row["structure_id"]], row["ref"])
        snapshot.records[key] = Record(
            key=key,
            first_name=row["first_name"],
            last_name=row["last_name"],
            sort_key=row["sort_key"],
            created_at=datetime.fromisoformat(row["created_at"]),
            updated_at=datetime.fromisoformat(row["updated_at"]),
            parts=content,
        )
    return snapshot


def read_backup(source: Path) -> Snapshot:
    """The backup as the restore would put it in place: migrated, when it is older, in
    a temporary copy (the file itself is only read)."""
    if sqlite.schema_revision(source) == migrate.head_revision():
        return read_snapshot(source)
    from app.store.cipher import key_for, lock, remember
    from app.store.engine import make_engine

    key = key_for(source)
    with tempfile.TemporaryDirectory(prefix="passerelle-restauration-") as scratch:
        if key is not None:  # the temporary copy is encrypted with the same key
            remember(Path(scratch), key)
        try:
            copy = sqlite.copy_database(source, Path(scratch) / "sauvegarde.sqlite3")
            engine = make_engine(copy)
            try:
                migrate.upgrade(engine)
            finally:
                engine.dispose()
            return read_snapshot(copy)
        finally:
            lock(Path(scratch))
