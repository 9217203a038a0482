"""The files of an import, found and read one by one: folders are searched (every `.json`
and `.pdf`, at any depth), each file is read on its own — one bad file never stops the
others — and, of several documents on the same candidate (same SIRET and reference), the
one exported last is kept (EXCHANGE.md's `exported_at`)."""

from __future__ import annotations

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
) -> Iterator[Received]:
    """Reads each file (JSON, or a PDF dossier's attachment); a file that cannot be read
    gives its reason instead of stopping the others. `progress(done, total)` is called
    after each file; when it returns False the import stops (ImportCancelled)."""
    from app.export.attachment import is_pdf, read_pdf_dossier

    total = len(files)
    for done, path in enumerate(files, start=1):
        try:
            if is_pdf(path):
                dossier = read_pdf_dossier(path, password)
            else:
                dossier, answer = _json_document(path)
                if answer is not None:
                    yield Received(path, answer=answer)
                    continue
        except ExchangeError as error:
            yield Received(path, problem=refusal_text(error), error=error)
        except OSError as error:
            yield Received(path, problem=f"fichier illisible ({error.strerror or error})")
        else:
            yield Received(path, dossier=dossier, sha256=content_sha256(dossier))
        if progress is not None and not progress(done, total):
            raise ImportCancelled


def _json_document(path: Path):
    """A JSON file: a candidate's dossier, or COORACE's answer about a group."""
    from app.exchange.dossier import WHAT, dossier_from_data
    from app.exchange.group_answer import answer_from_data, is_group_answer
    from app.exchange.jsontext import read_json_file

    data = read_json_file(path, "dossier_file_max_bytes", WHAT)
    if is_group_answer(data):
        return None, answer_from_data(data, str(path))
    return dossier_from_data(data, str(path)), None


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
