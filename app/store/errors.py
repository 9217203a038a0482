"""Why the store cannot be used, in French, for the user."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """The store cannot do what was asked; `str(error)` is a French sentence."""


class StoreBusy(StoreError):
    def __init__(self, data_dir: Path) -> None:
        super().__init__(
            f"Passerelle est déjà ouverte sur ces données ({data_dir}) : fermez l'autre "
            f"fenêtre ou attendez la fin de l'autre commande, puis recommencez. Rien n'a été "
            f"écrit."
        )


class DatabaseInUse(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"Le fichier de données {path} est occupé par un autre programme : fermez-le, "
            f"puis recommencez. Rien n'a été écrit."
        )


class DataDirUnusable(StoreError):
    def __init__(self, data_dir: Path, why: str) -> None:
        super().__init__(
            f"Le dossier de données {data_dir} n'est pas utilisable ({why}). Choisissez-en un "
            f"autre avec --data-dir, ou corrigez ses droits."
        )


def _quoted(path: Path) -> str:
    text = str(path)
    return f'"{text}"' if any(c.isspace() for c in text) else text


class DatabaseDamaged(StoreError):
    def __init__(
        self, problem: str, moved_to: Path, newest_backup: Path | None, data_dir: Path
    ) -> None:
        self.moved_to = moved_to
        self.newest_backup = newest_backup
        command = (
            f"passerelle --data-dir {_quoted(data_dir)} restore {_quoted(newest_backup)}"
            if newest_backup
            else ""
        )
        offer = (
            f" La sauvegarde saine la plus récente est {newest_backup} : pour la remettre en "
            f"place, lancez « {command} »."
            if newest_backup
            else " Aucune sauvegarde saine n'a été trouvée."
        )
        super().__init__(
            f"Le fichier de données était endommagé ({problem}). Il a été mis de côté, sans "
            f"être effacé, sous le nom {moved_to}.{offer}"
        )


class NewerSchema(StoreError):
    def __init__(self, path: Path, revision: str) -> None:
        super().__init__(
            f"Le fichier {path} vient d'une version plus récente de Passerelle (schéma "
            f"« {revision} ») : mettez Passerelle à jour pour l'ouvrir. Rien n'a été modifié."
        )


class CandidateNotFound(StoreError):
    def __init__(self, ref: str) -> None:
        super().__init__(f"Aucun candidat de référence « {ref} » dans ces données.")


class AmbiguousCandidate(StoreError):
    def __init__(self, ref: str, sirets: list[str]) -> None:
        super().__init__(
            f"Plusieurs structures ont un candidat « {ref} » (SIRET {', '.join(sirets)}) : "
            f"précisez --siret."
        )
