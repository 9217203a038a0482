"""The course catalogue in use: a normalised JSON file (`passerelle.catalogue` v1) in the
data folder, beside the database; the shipped example catalogue until one is imported.

Importing reads the new file strictly first (any problem: nothing is written), keeps the
catalogue it replaces as `catalogue.precedent.json` so that a mistake can be undone, and
writes each file whole or not at all, readable by the user only. No Qt, no SQLAlchemy:
`passerelle evaluate` reads the catalogue in use too."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.domain import Catalogue
from app.exchange.catalogue import catalogue_text, example_catalogue_file, read_catalogue
from app.exchange.problems import ExchangeError
from app.store.errors import StoreError
from app.store.files import private_dir, write_private_bytes, write_private_text
from app.store.paths import CATALOGUE_NAME, DATABASE_NAME, PREVIOUS_CATALOGUE_NAME


@dataclass(frozen=True)
class CatalogueInUse:
    """The catalogue the data folder evaluates with, and where it comes from."""

    catalogue: Catalogue
    path: Path  # the file read: the data folder's catalogue, or the shipped example
    installed: bool  # False: the shipped example is used
    # why the data folder's catalogue was not used (damaged), in the window's words
    problem: str | None = None
    terminal_problem: str | None = None  # the same, with the commands that mend it


def catalogue_path(folder: Path) -> Path:
    """The data folder's catalogue file if there is one, else the shipped example."""
    installed = folder / CATALOGUE_NAME
    try:
        present = installed.exists()
    except OSError:  # an unreadable folder: reading the file will say why
        present = True
    return installed if present else example_catalogue_file()


def previous_catalogue_path(folder: Path) -> Path | None:
    """The catalogue kept when the last one was installed, if any."""
    previous = folder / PREVIOUS_CATALOGUE_NAME
    return previous if previous.exists() else None


def damaged_message(error: ExchangeError, terminal: bool = False) -> str:
    """Why the data folder's catalogue is not used, and what to do, in French: in the
    window's words (its menu), or, with `terminal`, the commands'."""
    problems = " ; ".join(str(problem) for problem in error.problems)
    where = (
        "(« passerelle catalogue import FICHIER », ou « passerelle catalogue restore »)"
        if terminal
        else "(Outils › Catalogue des formations)"
    )
    return (
        f"Le catalogue des formations installé ({error.source}) ne peut pas être lu : "
        f"{problems}. Passerelle utilise à sa place le catalogue d'exemple, fictif. "
        f"Importez de nouveau le catalogue, ou revenez au catalogue précédent {where}."
    )


def read_catalogue_in_use(folder: Path) -> CatalogueInUse:
    """The catalogue in use; a damaged file is not used (the example is, and `problem`
    says why), never a crash."""
    path = catalogue_path(folder)
    example = example_catalogue_file()
    if path != example:
        try:
            return CatalogueInUse(read_catalogue(path), path, installed=True)
        except ExchangeError as error:
            return CatalogueInUse(
                read_catalogue(example),
                example,
                installed=False,
                problem=damaged_message(error),
                terminal_problem=damaged_message(error, terminal=True),
            )
    return CatalogueInUse(read_catalogue(example), example, installed=False)


def load_catalogue_in_use(folder: Path) -> Catalogue:
    """The catalogue the data folder's candidates are evaluated with."""
    return read_catalogue_in_use(folder).catalogue


def _readable(path: Path) -> bytes | None:
    """The file's bytes when it holds a sound catalogue; None when it is absent or damaged."""
    if not path.exists():
        return None
    try:
        read_catalogue(path)
        return path.read_bytes()
    except (ExchangeError, OSError):
        return None


def install_catalogue(folder: Path, source: Path) -> Catalogue:
    """Makes `source` (JSON or `;`-CSV) the catalogue in use. The file is read strictly
    first: any problem raises ExchangeError, listing each one, and nothing is written.
    The catalogue replaced (the example, the first time) is kept as the previous one; a
    damaged one is not (the previous one stays)."""
    catalogue = read_catalogue(source)
    private_dir(folder, holds=DATABASE_NAME)
    current = folder / CATALOGUE_NAME
    replaced = _readable(current)
    if replaced is None and not current.exists():
        replaced = catalogue_text(read_catalogue(example_catalogue_file())).encode("utf-8")
    if replaced is not None:
        write_private_bytes(folder / PREVIOUS_CATALOGUE_NAME, replaced)
    write_private_text(current, catalogue_text(catalogue))
    return catalogue


def restore_previous_catalogue(folder: Path) -> Catalogue:
    """Puts the previous catalogue back in use; the one it replaces becomes the previous
    one, so that this too can be undone. A damaged previous file raises ExchangeError;
    no previous file, StoreError: in both cases nothing is changed."""
    previous = previous_catalogue_path(folder)
    if previous is None:
        raise StoreError(
            f"Aucun catalogue précédent n'est gardé dans {folder} : rien n'a été changé."
        )
    catalogue = read_catalogue(previous)
    current = folder / CATALOGUE_NAME
    if current.exists():
        replaced = current.read_bytes()
    else:
        replaced = catalogue_text(read_catalogue(example_catalogue_file())).encode("utf-8")
    write_private_text(current, catalogue_text(catalogue))
    write_private_bytes(previous, replaced)
    return catalogue


def catalogue_title(catalogue: Catalogue) -> str:
    """« « Catalogue 2015 » version 2015-01 du 05/01/2015 », for messages."""
    from app.french import day_text

    published = f" du {day_text(catalogue.published_on)}" if catalogue.published_on else ""
    return f"« {catalogue.name} » version {catalogue.version or 'non précisée'}{published}"


def installed_sentence(catalogue: Catalogue) -> str:
    """« Catalogue « … » version … installé (12 formations). »"""
    count = len(catalogue.courses)
    courses = f"{count} formation{'s' if count > 1 else ''}"
    return f"Catalogue {catalogue_title(catalogue)} installé ({courses})."
