"""A candidacy closed (« abandon ») and taken up again (« Reprendre le parcours »): one
path of a candidate's record changed and saved in the caller's transaction, so that the
change is in the audit log and the day in the history, like every save."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy.orm import Session

from app.domain import Closure
from app.limits import chars_exceeded, limits
from app.step_names import closure_reasons
from app.store.candidates import candidate_dossier, save_dossier
from app.store.errors import StoreError

PATH_WORDS = {"cip": "CIP", "cisp": "CISP"}


class ClosureError(StoreError):
    """A closure refused, said in French; nothing was written."""


def close_candidacy(
    session: Session,
    candidate_id: int,
    path: str,
    on: date,
    reason: str,
    note: str | None,
    user: str,
) -> None:
    """Closes the candidate's `path` on `on` for `reason` (a key of closure_reasons)."""
    if reason not in closure_reasons():
        raise ClosureError(f"Motif inconnu « {reason} » : {', '.join(closure_reasons().values())}.")
    if on > date.today():
        raise ClosureError(
            f"Le : le {on:%d/%m/%Y} est dans le futur ; saisissez le jour où la candidature "
            "s'est arrêtée. Rien n'a été modifié."
        )
    note = (note or "").strip() or None
    most = limits().value("note_max_chars")
    if note and len(note) > most:
        raise ClosureError(
            f"Précisions : {chars_exceeded(len(note), most)} : rien n'a été modifié."
        )
    dossier = candidate_dossier(session, candidate_id)
    part = getattr(dossier, path)
    if part is None:
        raise ClosureError(f"Le candidat n'est pas sur le parcours {PATH_WORDS[path]}.")
    if part.closure is not None and part.closure.closed:
        raise ClosureError(
            f"La candidature {PATH_WORDS[path]} est déjà close depuis le "
            f"{part.closure.on:%d/%m/%Y} : rien n'a été modifié."
        )
    closure = Closure(on, reason, note)
    save_dossier(session, replace(dossier, **{path: replace(part, closure=closure)}), user)


def resume_candidacy(session: Session, candidate_id: int, path: str, on: date, user: str) -> None:
    """Takes the closed `path` up again on `on`: the closure stays, with the day."""
    dossier = candidate_dossier(session, candidate_id)
    part = getattr(dossier, path)
    if part is None or part.closure is None or not part.closure.closed:
        raise ClosureError(f"La candidature {PATH_WORDS[path]} n'est pas close.")
    if on < part.closure.on:
        raise ClosureError(
            f"La candidature a été close le {part.closure.on:%d/%m/%Y} : elle ne peut pas être "
            f"reprise le {on:%d/%m/%Y}. Rien n'a été modifié."
        )
    closure = replace(part.closure, resumed_on=on)
    save_dossier(session, replace(dossier, **{path: replace(part, closure=closure)}), user)
