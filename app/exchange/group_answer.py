"""COORACE's answer to a structure about a group (format `passerelle.group` v1,
docs/GROUP.md, resources/schema/group-v1.schema.json): the group — its name, kind,
regions, status, AFPA centre and dates — and only that structure's members. No other
structure's personal data ever travels in it: the group's size is a number."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.dates import iso_datetime
from app.exchange.dossier_spec import REFERENCE, TEXT, _digits, _reference
from app.exchange.header import SUPPORTED_VERSION, check_header
from app.exchange.jsontext import parse_json, read_json_file
from app.exchange.problems import ExchangeError
from app.exchange.spec import (
    INVALID,
    Choice,
    Date,
    DateTime,
    Key,
    ListOf,
    Nullable,
    Number,
    Obj,
    Problems,
    Text,
)

GROUP_FORMAT = "passerelle.group"
WHAT = "une réponse de COORACE sur un groupe (passerelle.group)"
KINDS = ("regional", "inter-regional", "national")
STATUSES = ("proposed", "constituted", "running", "finished")


@dataclass(frozen=True, slots=True)
class AnsweredGroup:
    uid: str
    name: str
    kind: str
    regions: tuple[str, ...]
    status: str
    afpa_centre: str | None
    starts_on: date | None
    ends_on: date | None
    candidates: int
    reason: str


@dataclass(frozen=True, slots=True)
class AnsweredMember:
    ref: str
    last_name: str
    first_name: str
    joined_on: date
    left_on: date | None = None
    left_reason: str | None = None


@dataclass(frozen=True, slots=True)
class GroupAnswer:
    exported_at: datetime
    group: AnsweredGroup
    siret: str
    structure_name: str
    members: tuple[AnsweredMember, ...]


def _text(description: str = "", limit: str = TEXT) -> Key:
    return Key(Text(limit=limit, description=description))


def _optional(node) -> Key:
    return Key(Nullable(node), required=False)


GROUP = Obj(
    title="Groupe de VAE collective",
    build=lambda id, **rest: AnsweredGroup(uid=id, **rest),
    keys={
        "id": Key(
            Text(
                limit=REFERENCE,
                required_content=True,
                pattern_check=_reference,
                pattern_hint="doit tenir sur une ligne",
                description="Identifiant du groupe chez COORACE (ne change jamais)",
            )
        ),
        "name": Key(Text(limit=TEXT, required_content=True, description="Nom du groupe")),
        "kind": Key(Choice(KINDS, description="regional, inter-regional ou national")),
        "regions": Key(ListOf(Text(limit=TEXT), limit="group_regions_max", noun="régions")),
        "status": Key(Choice(STATUSES, description="proposed, constituted, running, finished")),
        "afpa_centre": _optional(Text(limit=TEXT, description="Centre AFPA")),
        "starts_on": _optional(Date(description="Début du groupe")),
        "ends_on": _optional(Date(description="Fin du groupe")),
        "candidates": Key(
            Number(
                integer=True,
                minimum=1,
                maximum=100_000,
                range_text="entre 1 et 100 000",
                description="Nombre de membres du groupe",
            )
        ),
        "reason": _text("Pourquoi ce groupe (règle CIP-GRP)", "note_max_chars"),
    },
)

MEMBER = Obj(
    title="Membre de la structure",
    build=AnsweredMember,
    keys={
        "ref": Key(Text(limit=REFERENCE, required_content=True, description="Référence")),
        "last_name": _text(),
        "first_name": _text(),
        "joined_on": Key(Date(description="Entrée dans le groupe")),
        "left_on": _optional(Date(description="Sortie du groupe")),
        "left_reason": _optional(Text(limit="note_max_chars", description="Motif de sortie")),
    },
)

STRUCTURE = Obj(
    title="Structure destinataire",
    build=dict,
    keys={
        "siret": Key(
            Text(
                limit=REFERENCE,
                pattern=r"^[0-9]{14}$",
                pattern_check=_digits(14),
                pattern_hint="doit compter exactement 14 chiffres, sans espace",
            )
        ),
        "name": _text("Raison sociale"),
    },
)


def _build(format, format_version, exported_at, group, structure, members) -> GroupAnswer:
    return GroupAnswer(exported_at, group, structure["siret"], structure["name"], members)


ANSWER = Obj(
    title="Réponse de COORACE sur un groupe",
    description="Format passerelle.group v1 (docs/GROUP.md) : le groupe et les seuls "
    "membres de la structure destinataire.",
    build=_build,
    keys={
        "format": Key(Choice((GROUP_FORMAT,))),
        "format_version": Key(Choice((SUPPORTED_VERSION,))),
        "exported_at": Key(DateTime(description="Date et heure de la réponse")),
        "group": Key(GROUP),
        "structure": Key(STRUCTURE),
        "members": Key(ListOf(MEMBER, limit="group_members_max", noun="membres")),
    },
)


def answer_from_data(data: Any, source: str = "réponse") -> GroupAnswer:
    check_header(data, GROUP_FORMAT, WHAT, source)
    problems: Problems = []
    answer = ANSWER.validate(data, "", problems)
    if answer is INVALID:
        raise ExchangeError(source, problems)
    return answer


def read_answer(path: Path) -> GroupAnswer:
    return answer_from_data(read_json_file(path, "dossier_file_max_bytes", WHAT), str(path))


def answer_from_text(text: str, source: str = "réponse") -> GroupAnswer:
    return answer_from_data(parse_json(text, source), source)


def is_group_answer(data: Any) -> bool:
    return isinstance(data, dict) and data.get("format") == GROUP_FORMAT


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def answer_to_data(answer: GroupAnswer) -> dict[str, Any]:
    g = answer.group
    return {
        "format": GROUP_FORMAT,
        "format_version": SUPPORTED_VERSION,
        "exported_at": iso_datetime(answer.exported_at),
        "group": {
            "id": g.uid,
            "name": g.name,
            "kind": g.kind,
            "regions": list(g.regions),
            "status": g.status,
            "afpa_centre": g.afpa_centre,
            "starts_on": _iso(g.starts_on),
            "ends_on": _iso(g.ends_on),
            "candidates": g.candidates,
            "reason": g.reason,
        },
        "structure": {"siret": answer.siret, "name": answer.structure_name},
        "members": [
            {
                "ref": m.ref,
                "last_name": m.last_name,
                "first_name": m.first_name,
                "joined_on": m.joined_on.isoformat(),
                "left_on": _iso(m.left_on),
                "left_reason": m.left_reason,
            }
            for m in answer.members
        ],
    }


def answer_text(answer: GroupAnswer) -> str:
    return json.dumps(answer_to_data(answer), ensure_ascii=False, indent=2) + "\n"
