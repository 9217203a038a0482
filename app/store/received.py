"""The files of an import, found and read one by one: folders are searched (every `.json`
and `.pdf`, at any depth), each file is read on its own — one bad file never stops the
others — and, of several documents on the same candidate (same SIRET and reference), the
one exported last is kept (EXCHANGE.md's `exported_at`)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.domain import Dossier
from app.exchange.dossier import content_sha256
from app.exchange.problems import ExchangeError, Problem
from app.french import day_time_text
from app.limits import count_exceeded, limits

SUFFIXES = (".json", ".pdf")


class ImportCancelled(Exception):
    """The person stopped the import: nothing was written."""


@dataclass(frozen=True, slots=True)
class Received:
    """One file read: its dossier, or why it was refused (French, as `evaluate` says it)."""

    file: Path
    dossier: Dossier | None = None
    problem: str | None = None
    sha256: str = ""
    error: ExchangeError | None = None  # the problems, by JSON path, when refused
    answer: object | None = None  # COORACE's answer about a group (passerelle.group)
    text_sha256: str = ""  # of the document's text as received (file, or PDF attachment)
    # the very text already received for this candidate (SIRET, reference, name): not
    # read again, it is unchanged
    known: tuple[str, str, str] | None = None

    @property
    def key(self) -> tuple[str, str] | None:
        if self.dossier is None:
            return None
        return self.dossier.structure.siret, self.dossier.candidate.ref


@dataclass(frozen=True, slots=True)
class Passed:
    """A file set aside in favour of another of the same import: `outcome` is "older" (an
    earlier export) or "duplicate" (the same content), or "refused" (same instant,
    different content: which one holds is not known)."""

    received: Received
    outcome: str
    detail: str


def find_files(paths: Iterable[Path]) -> tuple[list[Path], list[Received]]:
    """The files to read, in a stable order (folders searched at any depth for `.json`
    and `.pdf`, hidden files left out), and the paths that cannot be read at all.
    More than `import_files_max` files raise ExchangeError before any is read."""
    found: list[Path] = []
    missing: list[Received] = []
    for path in paths:
        if path.is_dir():
            found.extend(_in_folder(path))
        elif path.is_file():
            found.append(path)
        else:
            missing.append(Received(path, problem="fichier ou dossier introuvable"))
    most = limits().value("import_files_max")
    if len(found) > most:
        message = (
            f"{count_exceeded(len(found), most, 'fichiers')} par import : "
            "importez-les en plusieurs fois"
        )
        raise ExchangeError(str(found[most]), [Problem("", message)])
    return found, missing


def _in_folder(folder: Path) -> list[Path]:
    files = [
        path
        for path in folder.rglob("*")
        if path.suffix.lower() in SUFFIXES
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
        and path.is_file()
    ]
    return sorted(files, key=lambda path: str(path.relative_to(folder)).casefold())


def refusal_text(error: ExchangeError) -> str:
    """An ExchangeError's problems in one French line (the path of each, then why)."""
    parts = [
        f"{problem.path} : {problem.message}" if problem.path else problem.message
        for problem in error.problems
    ]
    return " ; ".join(parts) or str(error)


def read_received(
    files: list[Path],
    password: str | None = None,
    progress: Callable[[int, int], bool] | None = None,
    known: dict[str, tuple[str, str, str]] | None = None,
) -> Iterator[Received]:
    """Reads each file (JSON, or a PDF dossier's attachment); a file that cannot be read
    gives its reason instead of stopping the others. A text already received, to the
    byte (`known`: its SHA-256 → the candidate, from `known_texts`), is not read again.
    `progress(done, total)` is called after each file; when it returns False the import
    stops (ImportCancelled)."""
    known = known or {}
    total = len(files)
    for done, path in enumerate(files, start=1):
        yield _read_one(path, password, known)
        if progress is not None and not progress(done, total):
            raise ImportCancelled


def _read_one(path: Path, password: str | None, known: dict) -> Received:
    from app.exchange.dossier import WHAT, dossier_from_data
    from app.exchange.group_answer import answer_from_data, is_group_answer
    from app.exchange.jsontext import parse_json, read_text_file
    from app.export.attachment import attached_json, is_pdf

    try:
        if is_pdf(path):
            text = attached_json(path, password)
        else:
            text = read_text_file(path, "dossier_file_max_bytes", WHAT)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if digest in known:
            return Received(path, text_sha256=digest, known=known[digest])
        data = parse_json(text, str(path))
        if is_group_answer(data):
            return Received(path, answer=answer_from_data(data, str(path)), text_sha256=digest)
        dossier = dossier_from_data(data, str(path))
    except ExchangeError as error:
        return Received(path, problem=refusal_text(error), error=error)
    except OSError as error:
        return Received(path, problem=f"fichier illisible ({error.strerror or error})")
    return Received(path, dossier=dossier, sha256=content_sha256(dossier), text_sha256=digest)


def known_texts(database: Path) -> dict[str, tuple[str, str, str]]:
    """The texts already received, by their SHA-256: what an import need not read again.
    Read with sqlite3 alone, on a connection that refuses writes (as the list is read),
    before the data folder is opened for writing; none when there is no database yet (or
    one from before revision 0006, or one busy or damaged: the import then says why)."""
    from app.store import cipher
    from app.store.cipher import connect, is_protected, unlocked

    if not database.is_file():
        return {}
    if is_protected(database.parent) and not unlocked(database.parent):
        return {}  # the import's opening of the folder says it is protected
    try:
        connection = connect(database, timeout=5, isolation_level=None)
    except cipher.SQLITE_ERRORS:
        return {}
    try:
        connection.execute("PRAGMA query_only = ON")
        found = connection.execute(
            "SELECT c.received_text_sha256, s.siret, c.ref, c.first_name || ' ' || c.last_name "
            "FROM candidates c JOIN structures s ON s.id = c.structure_id "
            "WHERE c.received_text_sha256 IS NOT NULL"
        ).fetchall()
    except cipher.SQLITE_ERRORS:
        return {}
    finally:
        connection.close()
    return {digest: (siret, ref, name) for digest, siret, ref, name in found}


def _instant(received: Received) -> datetime | None:
    assert received.dossier is not None
    return received.dossier.exported_at


def export_text(moment: datetime | None) -> str:
    return "sans date d'export" if moment is None else f"exporté le {day_time_text(moment)}"


def latest_of_each(received: list[Received]) -> tuple[list[Received], list[Passed]]:
    """Of the documents on each candidate, the one exported last (a document without
    `exported_at` is older than any with it); the others, set aside with the reason.
    When the latest instant is shared by documents whose content differs, none of them
    holds: they are all refused, each naming the others."""
    by_key: dict[tuple[str, str], list[Received]] = {}
    for item in received:
        assert item.key is not None
        by_key.setdefault(item.key, []).append(item)
    kept: list[Received] = []
    passed: list[Passed] = []
    for items in by_key.values():
        if len(items) == 1:
            kept.append(items[0])
            continue
        latest = max(items, key=_order)
        top = [item for item in items if _instant(item) == _instant(latest)]
        contents = {item.sha256 for item in top}
        if len(contents) > 1:
            for item in top:
                others = ", ".join(o.file.name for o in top if o is not item)
                passed.append(
                    Passed(
                        item,
                        "refused",
                        f"même date d'export ({export_text(_instant(item))}) que {others}, "
                        "mais un contenu différent : on ne sait pas lequel fait foi",
                    )
                )
            winner = None
        else:
            winner = top[0]
            kept.append(winner)
            for item in top[1:]:
                passed.append(Passed(item, "duplicate", f"identique à {winner.file.name}"))
        newest = top[0]
        for item in items:
            if _instant(item) != _instant(latest):
                passed.append(
                    Passed(
                        item,
                        "older",
                        f"plus ancien ({export_text(_instant(item))}) que {newest.file.name} "
                        f"({export_text(_instant(newest))})",
                    )
                )
    return kept, passed


def _order(item: Received) -> tuple[int, datetime | None]:
    moment = _instant(item)
    return (0, None) if moment is None else (1, moment)  # type: ignore[return-value]
