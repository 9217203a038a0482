"""What restoring a backup would undo, told before it is done (`passerelle restore`, the
window's Fichier › Restaurer une sauvegarde…).

The backup file and the current data are read with sqlite3 alone, read-only: the backup
is never modified (one from an older Passerelle is compared through a migrated copy in a
temporary folder, as the restore would migrate it). Candidates are matched by SIRET and
reference, as imports and erasures match them:

- created since the backup (in the current data only, or erased then entered again):
  they disappear;
- changed since (in both, with a different date of change or content): their later
  changes are undone; what changed is named by part (identité, expériences…);
- erased since (in the backup, erased now): the erasures recorded in `erasures` are
  applied again, so they stay erased; the backup alone still has their names;
- absent now but not erased (a reference corrected since, say): they come back;
- identical in both: counted.

Settings and structures that would go back to the backup's values are named too. Nothing
here is logged: names and values only go into the plan, for the person restoring."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.french import plural
from app.store.keys import SETTING_LABELS, setting_name
from app.store.models import erased_again, erasure_key
from app.store.restore_snapshot import (
    PART_ORDER,
    STRUCTURE_FIELDS,
    Record,
    Snapshot,
    read_backup,
    read_snapshot,
)

NAMES_IN_SUMMARY = 5


@dataclass(frozen=True)
class Undone:
    """A candidate the restore concerns: their name (« Prénom Nom (réf. …) »), and the
    date that matters (created, changed, erased)."""

    name: str
    on: datetime
    parts: tuple[str, ...] = ()  # changed: the parts of the record that changed
    then: datetime | None = None  # changed: their last change in the backup
    # created: their erasure, applied again to the backup's record; returning: an erasure
    # older than the backup's record, which it does not reach
    erased_on: datetime | None = None


@dataclass(frozen=True)
class RestorePlan:
    """What putting `source` in place of the current data would do."""

    source: Path
    backups_dir: Path  # where the copy of the current data is written first
    created: list[Undone]  # they disappear
    changed: list[Undone]  # their later changes are undone
    erased: list[Undone]  # in the backup, erased since: erased again, they stay erased
    returning: list[Undone]  # in the backup, absent now and not erased: they come back
    unchanged: int
    settings: list[str]  # settings and structures going back to the backup's values
    last_change: datetime | None  # the backup's latest recorded change

    @property
    def undoes_anything(self) -> bool:
        return bool(self.created or self.changed or self.returning or self.settings)

    def lines(self) -> list[str]:
        """Everything, grouped, by name: the command prints it, the window's dialog shows
        it in full under « Afficher les détails »."""
        lines = [self._heading()]
        if not self.undoes_anything:
            lines.append(self._nothing())
        groups = (
            (self.created, _created_title(len(self.created)), _created_line),
            (self.changed, _changed_title(len(self.changed)), _changed_line),
            (self.returning, _returning_title(len(self.returning)), _returning_line),
            (self.erased, _erased_title(len(self.erased)), _erased_line),
        )
        for undone, title, line in groups:  # title: for len(undone)
            if undone:
                lines.append(f"{len(undone)} {title[0].lower()}{title[1:]} :")
                lines.extend(f"  - {line(each)}" for each in undone)
        if self.settings:
            lines.append("Paramètres qui reviendront à leur valeur de la sauvegarde :")
            lines.extend(f"  - {each}" for each in self.settings)
        if self.unchanged:
            lines.append(_unchanged(self.unchanged))
        return lines

    def summary(self) -> list[str]:
        """A few lines, with at most NAMES_IN_SUMMARY names a group: the window's question."""
        if not self.undoes_anything:
            lines = [self._nothing()]
        else:
            lines = ["Ce qui a été fait depuis la sauvegarde sera défait :"]
        groups = (
            (self.created, _created_title),
            (self.changed, _changed_title),
            (self.returning, _returning_title),
            (self.erased, _erased_title),
        )
        for undone, title in groups:
            if undone:
                said = title(len(undone))
                lines.append(f"• {len(undone)} {said[0].lower()}{said[1:]} : {_names(undone)}")
        if self.settings:
            count = len(self.settings)
            back = plural(count, "paramètre reviendra à sa", "paramètres reviendront à leur")
            lines.append(f"• {count} {back} valeur de la sauvegarde")
        if self.unchanged and self.undoes_anything:
            lines.append(f"• {_unchanged(self.unchanged).removesuffix('.')}")
        return lines

    def _heading(self) -> str:
        when = (
            f" (dernière modification enregistrée {_at(self.last_change)})"
            if self.last_change
            else ""
        )
        return f"Sauvegarde à restaurer : {self.source}{when}."

    def _nothing(self) -> str:
        if self.unchanged:
            same = plural(self.unchanged, "est identique", "sont identiques")
            return (
                f"Rien ne sera défait : {_candidates(self.unchanged)} de la sauvegarde "
                f"{same} aux données actuelles."
            )
        return "Rien ne sera défait : ni la sauvegarde ni les données actuelles n'ont de candidat."


def _candidates(count: int) -> str:
    return f"{count} {plural(count, 'candidat', 'candidats')}"


def _moment_text(moment: datetime) -> str:
    return f"{moment:%d/%m/%Y à %H:%M}"


def _at(moment: datetime) -> str:
    return f"le {_moment_text(moment)}"


def _created_title(count: int) -> str:
    return plural(
        count,
        "Candidat créé depuis la sauvegarde, qui disparaîtra",
        "Candidats créés depuis la sauvegarde, qui disparaîtront",
    )


def _changed_title(count: int) -> str:
    return plural(
        count,
        "Candidat modifié depuis la sauvegarde, dont les modifications seront défaites",
        "Candidats modifiés depuis la sauvegarde, dont les modifications seront défaites",
    )


def _returning_title(count: int) -> str:
    return plural(
        count,
        "Candidat absent des données actuelles, qui reviendra",
        "Candidats absents des données actuelles, qui reviendront",
    )


def _erased_title(count: int) -> str:
    return plural(
        count,
        "Candidat effacé depuis la sauvegarde, qui reste effacé (effacement appliqué de nouveau)",
        "Candidats effacés depuis la sauvegarde, qui restent effacés (effacements appliqués de "
        "nouveau)",
    )


def _unchanged(count: int) -> str:
    same = plural(count, "identique", "identiques")
    return f"{_candidates(count)} {same} dans la sauvegarde et les données actuelles."


def _created_line(undone: Undone) -> str:
    line = f"{undone.name} : fiche créée {_at(undone.on)}"
    if undone.erased_on is not None:
        line += (
            f", après son effacement du {_moment_text(undone.erased_on)} ; la fiche de la "
            f"sauvegarde reste effacée"
        )
    return line


def _changed_line(undone: Undone) -> str:
    what = f" ({', '.join(undone.parts)})" if undone.parts else ""
    then = (
        f" ; dans la sauvegarde, modifiée {_at(undone.then)}"
        if undone.then is not None and undone.then != undone.on
        else ""
    )
    return f"{undone.name} : fiche modifiée {_at(undone.on)}{what}{then}"


def _returning_line(undone: Undone) -> str:
    line = f"{undone.name} : fiche de la sauvegarde, modifiée {_at(undone.on)}"
    if undone.erased_on is not None:
        line += f", créée après son effacement du {_moment_text(undone.erased_on)}"
    return line


def _erased_line(undone: Undone) -> str:
    return f"{undone.name} : fiche effacée {_at(undone.on)}, reste effacée"


def _names(undone: list[Undone]) -> str:
    shown = ", ".join(each.name for each in undone[:NAMES_IN_SUMMARY])
    more = len(undone) - NAMES_IN_SUMMARY
    return f"{shown} et {more} {plural(more, 'autre', 'autres')}" if more > 0 else shown


def _name(record: Record) -> str:
    return f"{record.first_name} {record.last_name} (réf. {record.key[1]})"


def _changed_parts(old: Record, new: Record) -> tuple[str, ...]:
    names = set(old.parts) | set(new.parts)
    differing = {name for name in names if old.parts.get(name) != new.parts.get(name)}
    return tuple(part for part in PART_ORDER if part in differing)


def _structure_lines(backup: Snapshot, current: Snapshot) -> list[str]:
    lines = []
    for siret, then in sorted(backup.structures.items()):
        now = current.structures.get(siret)
        if now is None or now == then:
            continue
        fields = [label for name, label in STRUCTURE_FIELDS.items() if now[name] != then[name]]
        lines.append(f"Structure « {now['name']} » (SIRET {siret}) : {', '.join(fields)}")
    return lines


def _setting_lines(backup: Snapshot, current: Snapshot) -> list[str]:
    lines = []
    for key in SETTING_LABELS:
        then, now = backup.settings.get(key), current.settings.get(key)
        if then == now:
            continue
        if then is None:
            lines.append(f"{setting_name(key)} : ne sera plus réglé (aujourd'hui « {now} »)")
        else:
            today = f" (aujourd'hui « {now} »)" if now is not None else ""
            lines.append(f"{setting_name(key)} : « {then} »{today}")
    return lines


def plan_restore(source: Path, database: Path, backups_dir: Path) -> RestorePlan:
    """What restoring `source` (checked restorable) in place of `database` would do."""
    backup, current = read_backup(source), read_snapshot(database)
    created: list[tuple[str, Undone]] = []
    changed: list[tuple[str, Undone]] = []
    erased: list[tuple[str, Undone]] = []
    returning: list[tuple[str, Undone]] = []
    unchanged = 0
    for key, old in backup.records.items():
        erased_at = current.erasures.get(erasure_key(*key))
        new = current.records.get(key)
        if erased_at is not None and erased_again(old.created_at, erased_at):
            erased.append((old.sort_key, Undone(_name(old), erased_at)))
            if new is not None:  # entered again after the erasure
                undone = Undone(_name(new), new.created_at, erased_on=erased_at)
                created.append((new.sort_key, undone))
        elif new is None:
            undone = Undone(_name(old), old.updated_at, erased_on=erased_at)
            returning.append((old.sort_key, undone))
        elif new.parts != old.parts or new.updated_at != old.updated_at:
            undone = Undone(
                _name(new), new.updated_at, parts=_changed_parts(old, new), then=old.updated_at
            )
            changed.append((new.sort_key, undone))
        else:
            unchanged += 1
    for key, new in current.records.items():
        if key not in backup.records:
            created.append((new.sort_key, Undone(_name(new), new.created_at)))
    return RestorePlan(
        source=source,
        backups_dir=backups_dir,
        created=_sorted(created),
        changed=_sorted(changed),
        erased=_sorted(erased),
        returning=_sorted(returning),
        unchanged=unchanged,
        settings=[*_structure_lines(backup, current), *_setting_lines(backup, current)],
        last_change=backup.last_change,
    )


def _sorted(found: list[tuple[str, Undone]]) -> list[Undone]:
    return [undone for _, undone in sorted(found, key=lambda pair: (pair[0], pair[1].name))]
