"""An import of many dossiers, file by file: what each file does (created, updated — what
changed, in words —, unchanged, older than the one held, refused and why), planned
against the store, then written in one transaction. One bad file never stops the others;
a cancelled import writes nothing.

Which version holds (EXCHANGE.md): of documents on the same candidate (SIRET and
reference), the one exported last; a document without `exported_at` is older than any
with it. In COORACE's workspace nothing asks for consent (the structures' latest dossier
is the truth) and a structure's details come from its latest dossier; in a structure's
workspace, changing a known candidate or the structure's details asks first, as before.
New candidates are written by the bulk path (app/store/bulk.py), changes to known ones by
`save_dossier` (history, audit, erasures: the store's rules either way).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.dates import iso_datetime, parse_iso_datetime
from app.domain import Catalogue, Dossier
from app.evaluation import evaluate
from app.evaluation.summary import summarize
from app.exchange.dossier import content_sha256, structure_to_data
from app.french import plural
from app.rules import Rules
from app.store.bulk import NewCandidate, insert_candidates
from app.store.candidates import existing_candidate, save_dossier, write_structure
from app.store.database import Store
from app.store.history import differences
from app.store.mapping import dossier_of, structure_of
from app.store.models import CandidateRow, StructureRow
from app.store.received import ImportCancelled, Received, export_text, latest_of_each
from app.typed import where

OUTCOME_WORDS = {
    "created": "créé",
    "updated": "mis à jour",
    "unchanged": "sans changement",
    "older": "plus ancien, ignoré",
    "refused": "refusé",
    "declined": "non appliqué",
    "pending": "à confirmer",
}


@dataclass
class FileOutcome:
    """What one file did (or would do): `outcome` is a key of OUTCOME_WORDS."""

    file: Path
    outcome: str
    siret: str = ""
    ref: str = ""
    name: str = ""
    detail: str = ""
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)

    @property
    def words(self) -> str:
        return OUTCOME_WORDS[self.outcome]

    @property
    def needs_consent(self) -> bool:
        return self.outcome == "pending"


@dataclass
class _Step:
    received: Received
    outcome: FileOutcome
    candidate_id: int | None = None


@dataclass
class IntakePlan:
    coorace: bool
    outcomes: list[FileOutcome]
    creates: list[_Step] = field(default_factory=list)
    updates: list[_Step] = field(default_factory=list)
    # SIRET → the dossier whose details the structure takes (created or updated)
    structures: dict[str, Dossier] = field(default_factory=dict)
    # candidates whose content is unchanged but exported later: the version held moves on
    versions: list[tuple[int, str, str]] = field(default_factory=list)
    # COORACE's answers about groups (a structure's workspace), each with its outcome
    answers: list[tuple[Received, FileOutcome]] = field(default_factory=list)

    def needing_consent(self) -> list[FileOutcome]:
        answers = {id(outcome) for _item, outcome in self.answers}
        return [o for o in self.outcomes if o.needs_consent and id(o) not in answers]


@dataclass
class IntakeReport:
    outcomes: list[FileOutcome]

    def count(self, outcome: str) -> int:
        return sum(1 for o in self.outcomes if o.outcome == outcome)

    def summary(self) -> str:
        """« 3 créés, 1 mis à jour, 5 sans changement, 1 plus ancien, 2 refusés »."""
        parts = []
        for key, one, many in (
            ("created", "créé", "créés"),
            ("updated", "mis à jour", "mis à jour"),
            ("unchanged", "sans changement", "sans changement"),
            ("older", "plus ancien, ignoré", "plus anciens, ignorés"),
            ("refused", "refusé", "refusés"),
            ("declined", "non appliqué", "non appliqués"),
        ):
            count = self.count(key)
            if count or key in ("created", "updated", "unchanged"):
                parts.append(f"{count} {plural(count, one, many)}")
        total = len(self.outcomes)
        return f"{total} {plural(total, 'fichier', 'fichiers')} : " + ", ".join(parts)


def _who(dossier: Dossier) -> str:
    return f"{dossier.candidate.first_name} {dossier.candidate.last_name}"


def _outcome(received: Received, outcome: str, detail: str = "") -> FileOutcome:
    dossier = received.dossier
    if dossier is None:
        return FileOutcome(received.file, outcome, detail=detail)
    return FileOutcome(
        received.file,
        outcome,
        siret=dossier.structure.siret,
        ref=dossier.candidate.ref,
        name=_who(dossier),
        detail=detail,
    )


def change_words(changes: dict[str, tuple[Any, Any]], most: int = 6) -> str:
    """« Intitulé du poste : « A » → « B » ; … et 3 autres changements », in French."""

    def shown(value: Any) -> str:
        if value is None or value == "" or value == []:
            return "vide"
        if isinstance(value, str):
            return f"« {value} »"
        if isinstance(value, bool):
            return "oui" if value else "non"
        return json.dumps(value, ensure_ascii=False)

    lines = [f"{where(path)} : {shown(old)} → {shown(new)}" for path, (old, new) in changes.items()]
    text = " ; ".join(lines[:most])
    if len(lines) > most:
        rest = len(lines) - most
        text += f" ; et {rest} {plural(rest, 'autre changement', 'autres changements')}"
    return text


@dataclass(frozen=True, slots=True)
class _Held:
    candidate_id: int
    exported_at: str | None
    sha256: str | None


def _held(session) -> dict[tuple[str, str], _Held]:
    query = select(
        StructureRow.siret,
        CandidateRow.ref,
        CandidateRow.id,
        CandidateRow.received_exported_at,
        CandidateRow.content_sha256,
    ).join(CandidateRow.structure)
    return {(s, r): _Held(i, e, h) for s, r, i, e, h in session.execute(query)}


def _instant(text: str | None) -> datetime | None:
    return None if text is None else parse_iso_datetime(text)


def _newer(incoming: datetime | None, held: str | None) -> bool:
    """Whether a document exported at `incoming` is later than one exported at `held`
    (a document without a date is older than any with one; two without: the one
    arriving now holds)."""
    before = _instant(held)
    if before is None:
        return True
    return incoming is not None and incoming > before


def plan_intake(store: Store, received: list[Received], coorace: bool) -> IntakePlan:
    """What each file would do, decided against what the store holds; nothing is
    written. `received` in file order; the outcomes keep that order."""
    order = {id(item): index for index, item in enumerate(received)}
    readable = [item for item in received if item.dossier is not None]
    kept, passed = latest_of_each(readable)
    by_item: dict[int, FileOutcome] = {}
    plan = IntakePlan(coorace=coorace, outcomes=[])
    for item in received:
        if item.known is not None:
            siret, ref, name = item.known
            by_item[id(item)] = FileOutcome(
                item.file, "unchanged", siret, ref, name, "déjà reçu, à l'identique"
            )
        elif item.answer is not None:
            by_item[id(item)] = FileOutcome(item.file, "pending", detail="réponse de COORACE")
            plan.answers.append((item, by_item[id(item)]))
        elif item.dossier is None:
            by_item[id(item)] = _outcome(item, "refused", item.problem or "")
    for set_aside in passed:
        outcome = "unchanged" if set_aside.outcome == "duplicate" else set_aside.outcome
        by_item[id(set_aside.received)] = _outcome(set_aside.received, outcome, set_aside.detail)
    with store.transaction() as session:
        held = _held(session)
        stored = {
            row.siret: row for row in session.scalars(select(StructureRow)).all()
        }  # a few hundred structures at most
        plan.structures = _structure_details(kept, stored, coorace)
        details = {
            siret: _details_change(stored[siret], dossier)
            for siret, dossier in plan.structures.items()
            if siret in stored
        }
        for item in kept:
            step = _decide(session, item, held.get(item.key), stored, plan, coorace)  # type: ignore[arg-type]
            by_item[id(item)] = step.outcome
            siret = item.dossier.structure.siret if item.dossier else ""
            if details.get(siret) and plan.structures[siret] is item.dossier:
                words = "la structure change : " + change_words(details[siret])
                step.outcome.detail = "; ".join(filter(None, [step.outcome.detail, words]))
            pending = step.outcome.needs_consent
            if step.outcome.outcome == "created" or (pending and step.candidate_id is None):
                plan.creates.append(step)
            elif step.outcome.outcome == "updated" or step.outcome.needs_consent:
                plan.updates.append(step)
        session.rollback()
    plan.outcomes = [by_item[id(item)] for item in sorted(received, key=lambda i: order[id(i)])]
    return plan


def _structure_details(
    kept: list[Received], stored: dict[str, StructureRow], coorace: bool
) -> dict[str, Dossier]:
    """The structures to create (unknown SIRET), and, in COORACE's workspace, those whose
    details change: each from the latest dossier received for it."""
    latest: dict[str, Received] = {}
    for item in kept:
        assert item.dossier is not None
        siret = item.dossier.structure.siret
        best = latest.get(siret)
        if best is None or _later(item, best):
            latest[siret] = item
    chosen: dict[str, Dossier] = {}
    for siret, item in latest.items():
        assert item.dossier is not None
        row = stored.get(siret)
        if row is None or (
            coorace
            and _details_change(row, item.dossier)
            and _newer(item.dossier.exported_at, row.details_exported_at)
        ):
            chosen[siret] = item.dossier
    return chosen


def _later(item: Received, other: Received) -> bool:
    assert item.dossier is not None and other.dossier is not None
    mine, theirs = item.dossier.exported_at, other.dossier.exported_at
    if theirs is None:
        return mine is not None
    return mine is not None and mine > theirs


def _details_change(row: StructureRow, dossier: Dossier) -> dict[str, tuple[Any, Any]]:
    return {
        f"structure.{key}": change
        for key, change in differences(
            structure_to_data(structure_of(row)), structure_to_data(dossier.structure)
        ).items()
    }


def _decide(
    session, item: Received, held: _Held | None, stored: dict[str, StructureRow], plan, coorace
) -> _Step:
    dossier = item.dossier
    assert dossier is not None
    structure = stored.get(dossier.structure.siret)
    structure_changes = {} if structure is None or coorace else _details_change(structure, dossier)
    if held is None:
        if structure_changes:  # a structure's workspace: its details change only if agreed
            detail = "nouveau candidat ; la structure change : " + change_words(structure_changes)
            outcome = _outcome(item, "pending", detail)
            outcome.changes = structure_changes
            return _Step(item, outcome)
        return _Step(item, _outcome(item, "created", export_text(dossier.exported_at)))
    sha = held.sha256
    if sha is None:  # a record saved before fingerprints were kept: computed from its rows
        row = session.get(CandidateRow, held.candidate_id)
        sha = content_sha256(dossier_of(row))
    if item.sha256 == sha and not structure_changes:
        if dossier.exported_at is not None and _newer(dossier.exported_at, held.exported_at):
            moved = (held.candidate_id, iso_datetime(dossier.exported_at), item.text_sha256)
            plan.versions.append(moved)
        unchanged = _outcome(item, "unchanged", export_text(dossier.exported_at))
        return _Step(item, unchanged, held.candidate_id)
    if held.exported_at is not None and not _newer(dossier.exported_at, held.exported_at):
        if dossier.exported_at is not None and dossier.exported_at == _instant(held.exported_at):
            detail = (
                f"même date d'export ({export_text(dossier.exported_at)}) que le dossier déjà "
                "reçu, mais un contenu différent : on ne sait pas lequel fait foi"
            )
            return _Step(item, _outcome(item, "refused", detail), held.candidate_id)
        detail = (
            f"plus ancien ({export_text(dossier.exported_at)}) que le dossier déjà reçu "
            f"({export_text(_instant(held.exported_at))})"
        )
        return _Step(item, _outcome(item, "older", detail), held.candidate_id)
    row = existing_candidate(session, *item.key)  # type: ignore[misc]
    changes = differences(
        _document(dossier_of(row)), _document(replace(dossier, structure=dossier_of(row).structure))
    )
    changes.update(structure_changes)
    outcome = _outcome(item, "pending" if not coorace else "updated", change_words(changes))
    outcome.changes = changes
    return _Step(item, outcome, held.candidate_id)


def _document(dossier: Dossier) -> dict[str, Any]:
    from app.exchange.dossier import dossier_to_data

    return dossier_to_data(replace(dossier, exported_at=None))


def apply_intake(
    store: Store,
    plan: IntakePlan,
    agreed: Callable[[FileOutcome], bool],
    rules: Rules,
    catalogue: Catalogue,
    today: date | None = None,
    progress: Callable[[int, int], bool] | None = None,
) -> IntakeReport:
    """Writes the plan in one transaction: the structures first, then the new candidates
    (bulk), then the changes (each as `save_dossier` does). A change that needs consent
    is applied only if `agreed` says so (decided before: no question while the file is
    locked). `progress(done, total)` returning False cancels: nothing is written."""
    today = today or date.today()
    now = datetime.now()
    user = store.user
    for step in plan.creates + plan.updates:
        if step.outcome.needs_consent:
            accepted = agreed(step.outcome)
            step.outcome.outcome = (
                ("created" if step.candidate_id is None else "updated") if accepted else "declined"
            )
    creates = [s for s in plan.creates if s.outcome.outcome == "created"]
    updates = [s for s in plan.updates if s.outcome.outcome == "updated"]
    total = len(creates) + len(updates)
    with store.transaction() as session:
        ids = _write_structures(session, plan, creates + updates, user, now)
        structures = {row.siret: row for row in session.scalars(select(StructureRow))}
        new = []
        for done, step in enumerate(creates, start=1):
            dossier = step.received.dossier
            assert dossier is not None
            stored = replace(dossier, exported_at=None)
            summary = summarize(stored, evaluate(stored, today, rules, catalogue))
            at = None if dossier.exported_at is None else iso_datetime(dossier.exported_at)
            structure_id = ids[dossier.structure.siret]
            text = step.received.text_sha256 or None
            new.append(NewCandidate(stored, structure_id, summary, at, text))
            if progress is not None and not progress(done, total):
                raise ImportCancelled
        insert_candidates(session, new, user, now)
        for done, step in enumerate(updates, start=len(creates) + 1):
            dossier = step.received.dossier
            assert dossier is not None
            if plan.coorace:  # the structure's details as decided, not this dossier's
                dossier = replace(
                    dossier, structure=structure_of(structures[dossier.structure.siret])
                )
            candidate_id = save_dossier(session, replace(dossier, exported_at=None), user, now)
            row = session.get(CandidateRow, candidate_id)
            row.received_exported_at = (
                None if dossier.exported_at is None else iso_datetime(dossier.exported_at)
            )
            row.received_text_sha256 = step.received.text_sha256 or None
            if progress is not None and not progress(done, total):
                raise ImportCancelled
        _move_versions(session, plan)
    _import_answers(store, plan)
    return IntakeReport(plan.outcomes)


def _import_answers(store: Store, plan: IntakePlan) -> None:
    """COORACE's answers about groups: each recorded on its own (app/consolidation)."""
    from app.consolidation.answers import import_answer
    from app.store.keys import SETTING_OWN_SIRET

    own = store.setting(SETTING_OWN_SIRET)
    for item, outcome in plan.answers:
        if plan.coorace:
            outcome.outcome = "refused"
            outcome.detail = (
                "une réponse de COORACE sur un groupe s'importe chez la structure à qui elle "
                "est adressée, pas dans l'espace de COORACE"
            )
            continue
        done = import_answer(store, item.answer, own)  # type: ignore[arg-type]
        outcome.outcome, outcome.detail = done.outcome, done.detail
        outcome.siret = item.answer.siret  # type: ignore[union-attr]
        outcome.name = "Réponse de COORACE sur un groupe"


def _write_structures(session, plan: IntakePlan, steps: list[_Step], user, now) -> dict[str, int]:
    """Creates the structures the written candidates need, and changes the details the
    plan decided (COORACE: from each structure's latest dossier; a structure's
    workspace: those agreed to), audited; returns every structure's id by SIRET."""
    stored = {row.siret: row for row in session.scalars(select(StructureRow))}
    needed = {s.received.dossier.structure.siret for s in steps if s.received.dossier}
    for siret, dossier in plan.structures.items():
        row = stored.get(siret)
        if row is None and siret not in needed:
            continue  # its only candidates were declined
        changes = None if row is None else _details_change(row, dossier)
        row = write_structure(session, row, dossier.structure, changes, user, now)
        if dossier.exported_at is not None:
            row.details_exported_at = iso_datetime(dossier.exported_at)
        stored[siret] = row
    if not plan.coorace:
        for step in steps:
            changes = {k: v for k, v in step.outcome.changes.items() if k.startswith("structure.")}
            dossier = step.received.dossier
            if changes and dossier is not None and step.candidate_id is None:
                row = stored[dossier.structure.siret]
                write_structure(session, row, dossier.structure, changes, user, now)
    session.flush()
    return {siret: row.id for siret, row in stored.items()}


def _move_versions(session, plan: IntakePlan) -> None:
    """A later export with the same content moves the version held on, so that an
    earlier one received afterwards is known as older."""
    for candidate_id, exported_at, text_sha256 in plan.versions:
        row = session.get(CandidateRow, candidate_id)
        if row is not None:
            row.received_exported_at = exported_at
            row.received_text_sha256 = text_sha256 or None


def import_paths(
    store: Store,
    paths: list[Path],
    rules: Rules,
    catalogue: Catalogue,
    agreed: Callable[[FileOutcome], bool] = lambda _outcome: False,
    password: str | None = None,
) -> IntakeReport:
    """Finds, reads, plans and writes in one call (the self-test, scripts): a structure's
    workspace applies a change needing consent only if `agreed` says so."""
    from app.store.received import find_files, known_texts, read_received
    from app.store.workspace import is_coorace

    files, missing = find_files(paths)
    received = missing + list(read_received(files, password, known=known_texts(store.path)))
    plan = plan_intake(store, received, is_coorace(store))
    return apply_intake(store, plan, agreed, rules, catalogue)
